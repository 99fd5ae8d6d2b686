// The table of contents of the engine: every compressor, in the order the router consults them.
// Command filters come first (the command line is the strongest hint), then content compressors.
import type { Compressor } from './types';
import { generic } from './generic';
import { SHELL_FILTERS } from './shell';
import { prose } from './prose';
import { instructions } from './instructions';
import { search } from './search';
import { code } from './code';
import { diff } from './diff';
import { json } from './json';
import { log } from './log';

/** Compressors for a kind of content rather than a command (json, code, diff, …), one file each. */
export const CONTENT_COMPRESSORS: readonly Compressor[] = [diff, search, instructions, prose, json, log, code];

export const COMPRESSORS: readonly Compressor[] = [...SHELL_FILTERS, ...CONTENT_COMPRESSORS];

/** Used when nothing else claims the text, and whenever a specialised compressor declines. */
export const FALLBACK: Compressor = generic;
