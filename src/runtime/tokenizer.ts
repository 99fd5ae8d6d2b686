// Loads @dqbd/tiktoken (WASM) on first use and hands the pure core a TokenCounter. One encoder per
// encoding for the life of the process (each holds ~23 MB of WASM memory), freed on shutdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenCounter } from '../compressors/types';

export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DEFAULT_ENCODING: Encoding = 'o200k_base';

interface TiktokenModule {
  init(callback: (imports: WebAssembly.Imports) => Promise<WebAssembly.WebAssemblyInstantiatedSource>): Promise<unknown>;
  Tiktoken: new (ranks: string, specialTokens: Record<string, number>, pattern: string) => Encoder;
}
interface Encoder {
  encode_ordinary(text: string): Uint32Array;
  free(): void;
}

/**
 * Long inputs are counted in chunks so one huge text never holds a giant token array. A chunk ends
 * after a newline that is followed by a letter or digit: no o200k/cl100k pre-token spans such a
 * point, so the sum equals the count of the whole text (checked in the tokenizer tests).
 */
const CHUNK_CHARS = 256 * 1024;

export class Tokenizers {
  private module?: Promise<TiktokenModule>;
  private readonly encoders = new Map<Encoding, Promise<Encoder>>();

  /** `assetDir` holds tiktoken_bg.wasm and the `<encoding>.json` rank files. */
  constructor(private readonly assetDir: string) {}

  async counter(encoding: Encoding = DEFAULT_ENCODING): Promise<TokenCounter> {
    if (!ENCODINGS.includes(encoding)) throw new Error(`Unknown encoding "${encoding}". Use one of: ${ENCODINGS.join(', ')}.`);
    let encoder = this.encoders.get(encoding);
    if (!encoder) {
      encoder = this.load(encoding);
      this.encoders.set(encoding, encoder);
      encoder.catch(() => this.encoders.delete(encoding));
    }
    const ready = await encoder;
    return { encoding, count: (text) => countChunked(ready, text) };
  }

  /** Frees every encoder's WASM memory. Counters handed out earlier must not be used afterwards. */
  async dispose(): Promise<void> {
    const encoders = [...this.encoders.values()];
    this.encoders.clear();
    for (const encoder of await Promise.allSettled(encoders)) if (encoder.status === 'fulfilled') encoder.value.free();
  }

  private async load(encoding: Encoding): Promise<Encoder> {
    this.module ??= (async () => {
      // Required here, not at the top: the bundle evaluates tiktoken's glue only on first use.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tiktoken = require('@dqbd/tiktoken/lite/init') as TiktokenModule;
      const wasm = readFileSync(join(this.assetDir, 'tiktoken_bg.wasm'));
      await tiktoken.init((imports) => WebAssembly.instantiate(wasm, imports));
      return tiktoken;
    })();
    const tiktoken = await this.module;
    const ranks = JSON.parse(readFileSync(join(this.assetDir, `${encoding}.json`), 'utf8')) as { bpe_ranks: string; special_tokens: Record<string, number>; pat_str: string };
    return new tiktoken.Tiktoken(ranks.bpe_ranks, ranks.special_tokens, ranks.pat_str);
  }
}

/**
 * BPE time grows with the square of a pre-token's length: one 200,000-letter "word" (minified code,
 * a blob) would block for a minute. Runs of more than MAX_RUN characters of one kind (letters,
 * spaces, punctuation) are therefore counted in MAX_RUN pieces. Text without such runs — all
 * ordinary text — is counted exactly; a long run may be off by about one token per piece.
 */
export const MAX_RUN = 1000;

function countChunked(encoder: Encoder, text: string): number {
  const cuts = longRunCuts(text);
  if (cuts.length === 0) return countLines(encoder, text);
  let total = 0;
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    total += countLines(encoder, text.slice(start, cut));
    start = cut;
  }
  return total;
}

/** Positions where a run of one character kind reaches MAX_RUN and must be cut. Linear scan. */
function longRunCuts(text: string): number[] {
  const cuts: number[] = [];
  if (text.length <= MAX_RUN) return cuts;
  let kind = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const k = charKind(text.charCodeAt(i));
    if (k === kind && k !== DIGIT) {
      if (++run >= MAX_RUN) {
        cuts.push(i);
        run = 0;
      }
    } else {
      kind = k;
      run = 1;
    }
  }
  return cuts;
}

const SPACE = 0, LETTER = 1, DIGIT = 2, OTHER = 3;
function charKind(code: number): number {
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127) return LETTER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

function countLines(encoder: Encoder, text: string): number {
  if (text.length <= CHUNK_CHARS) return encoder.encode_ordinary(text).length;
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) end = safeSplit(text, start, end);
    total += encoder.encode_ordinary(text.slice(start, end)).length;
    start = end;
  }
  return total;
}

function safeSplit(text: string, start: number, end: number): number {
  for (let newline = text.lastIndexOf('\n', end - 1); newline > start; newline = text.lastIndexOf('\n', newline - 1)) {
    if (/[A-Za-z0-9]/.test(text[newline + 1] ?? '')) return newline + 1;
  }
  return text.length; // no safe point: count the rest in one piece
}
