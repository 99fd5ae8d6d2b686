// Chooses compressors for a text. Explicit hints win (type, command, file name, language); content
// sniffing comes last. Returns candidates in order, each with the reason it was chosen; the engine
// tries them until one accepts, and the generic compressor always ends the list.
import type { Compressor, CompressOptions, ContentType, Engines, Source } from './types';
import { COMPRESSORS, CONTENT_COMPRESSORS, FALLBACK } from './registry';
import { parseCommand } from './shared/command';

export interface Candidate {
  readonly compressor: Compressor;
  readonly type: ContentType;
  readonly reason: string;
}

/** Below this confidence the detector's guess is ignored and the generic compressor handles the text. */
export const DETECTOR_MIN_CONFIDENCE = 0.8;

export function route(source: Source, options: CompressOptions, engines: Engines): Candidate[] {
  const registry = COMPRESSORS;
  const candidates: Candidate[] = [];
  const add = (compressor: Compressor | undefined, reason: string) => {
    if (compressor && !candidates.some((c) => c.compressor === compressor)) candidates.push({ compressor, type: compressor.type, reason });
  };
  const explicit = options.type && options.type !== 'auto' ? options.type : undefined;
  const ofType = (c: Compressor) => explicit === undefined || c.type === explicit;

  // Every compressor that claims the command is a candidate (`npm test` may be jest, vitest or mocha);
  // each verifies the content and declines when it is not its format.
  if (options.command) {
    const command = parseCommand(options.command);
    for (const c of registry) if (ofType(c) && c.matches?.(command)) add(c, `command \`${command.program}\` matched`);
  }
  if (options.fileName || options.language) {
    const fileName = options.fileName ?? '';
    for (const c of registry) if (ofType(c) && c.handlesFile?.(fileName, options.language)) add(c, `file ${options.fileName ?? `language ${options.language}`} matched`);
  }
  if (explicit) add(CONTENT_COMPRESSORS.find((c) => c.type === explicit), `type ${explicit} given`);
  for (const c of registry) if (ofType(c) && c.sniff?.(source)) add(c, 'content sniffed');
  if (candidates.length === 0 && engines.detector) {
    const guess = engines.detector.detect(source.text);
    if (guess && guess.confidence >= DETECTOR_MIN_CONFIDENCE) {
      add(CONTENT_COMPRESSORS.find((c) => c.type === guess.type), `detector: ${guess.label} (${guess.confidence.toFixed(2)})`);
    }
  }
  candidates.push({ compressor: FALLBACK, type: explicit ?? FALLBACK.type, reason: candidates.length ? 'fallback' : 'nothing more specific claimed the text' });
  return withoutDisabled(candidates, options);
}

/** Drops the compressors the host switched off (`disabled`, from settings); the generic fallback always stays. */
function withoutDisabled(candidates: Candidate[], options: CompressOptions): Candidate[] {
  const off = options.disabled;
  if (!off || off.length === 0) return candidates;
  return candidates.filter((c) => c.compressor === FALLBACK || !off.includes(c.compressor.id));
}
