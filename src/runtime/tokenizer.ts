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

/** An encoder and the byte length of each of its tokens (by rank), to say which line a token starts on. */
interface LoadedEncoder {
  readonly encoder: Encoder;
  readonly tokenBytes: Uint16Array;
}

/**
 * Long inputs are counted in chunks so one huge text never holds a giant token array. A chunk ends
 * after a newline that is followed by a letter or digit: no o200k/cl100k pre-token spans such a
 * point, so the sum equals the count of the whole text (checked in the tokenizer tests).
 */
const CHUNK_CHARS = 256 * 1024;

export class Tokenizers {
  private module?: Promise<TiktokenModule>;
  private readonly encoders = new Map<Encoding, Promise<LoadedEncoder>>();

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
    const { encoder: ready, tokenBytes } = await encoder;
    return {
      encoding,
      count: (text) => chunksOf(text).reduce((total, chunk) => total + ready.encode_ordinary(chunk).length, 0),
      countLines: (text) => countByLine(ready, tokenBytes, text),
    };
  }

  /** Frees every encoder's WASM memory. Counters handed out earlier must not be used afterwards. */
  async dispose(): Promise<void> {
    const encoders = [...this.encoders.values()];
    this.encoders.clear();
    for (const encoder of await Promise.allSettled(encoders)) if (encoder.status === 'fulfilled') encoder.value.encoder.free();
  }

  private async load(encoding: Encoding): Promise<LoadedEncoder> {
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
    return { encoder: new tiktoken.Tiktoken(ranks.bpe_ranks, ranks.special_tokens, ranks.pat_str), tokenBytes: tokenByteLengths(ranks.bpe_ranks) };
  }
}

/**
 * Byte length of every token, read from the rank file without decoding it: `! <first rank> <base64>
 * <base64> …`, one base64 token per rank from the first rank on. Linear in the file (≈2 MB).
 */
function tokenByteLengths(bpeRanks: string): Uint16Array {
  const fields = bpeRanks.split(' ');
  let size = 0;
  for (let i = 0, rank = 0; i < fields.length; i++) {
    if (fields[i] === '!') {
      rank = Number(fields[++i]);
      continue;
    }
    size = Math.max(size, ++rank);
  }
  const lengths = new Uint16Array(size);
  for (let i = 0, rank = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === '!') {
      rank = Number(fields[++i]);
      continue;
    }
    const padding = field.endsWith('==') ? 2 : field.endsWith('=') ? 1 : 0;
    lengths[rank++] = (field.length / 4) * 3 - padding;
  }
  return lengths;
}

/**
 * BPE time grows with the square of a pre-token's length: one 200,000-letter "word" (minified code,
 * a blob) would block for a minute. Runs of more than MAX_RUN characters of one kind (letters,
 * spaces, punctuation) are therefore counted in MAX_RUN pieces. Text without such runs — all
 * ordinary text — is counted exactly; a long run may be off by about one token per piece.
 */
export const MAX_RUN = 1000;

/** The pieces a text is encoded in (long runs and long texts split, see MAX_RUN and CHUNK_CHARS). */
function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (const cut of [...longRunCuts(text), text.length]) {
    chunks.push(...safeChunks(text.slice(start, cut)));
    start = cut;
  }
  return chunks;
}

/**
 * Tokens per `\n`-separated line, from one encoding of the text: a token belongs to the line its first
 * byte is on (a newline token to the line it ends). The counts add up to `count(text)` exactly.
 */
function countByLine(encoder: Encoder, tokenBytes: Uint16Array, text: string): number[] {
  const perLine = [0];
  for (const chunk of chunksOf(text)) {
    const bytes = utf8.encode(chunk);
    let at = 0;
    let scanned = 0;
    for (const token of encoder.encode_ordinary(chunk)) {
      // Newlines before this token's first byte start new lines.
      for (; scanned < at; scanned++) if (bytes[scanned] === NEWLINE) perLine.push(0);
      perLine[perLine.length - 1]++;
      at += tokenBytes[token] || 1;
    }
    for (; scanned < bytes.length; scanned++) if (bytes[scanned] === NEWLINE) perLine.push(0);
  }
  return perLine;
}

const utf8 = new TextEncoder();
const NEWLINE = 10;

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

function safeChunks(text: string): string[] {
  if (text.length <= CHUNK_CHARS) return [text];
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) end = safeSplit(text, start, end);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

function safeSplit(text: string, start: number, end: number): number {
  for (let newline = text.lastIndexOf('\n', end - 1); newline > start; newline = text.lastIndexOf('\n', newline - 1)) {
    if (/[A-Za-z0-9]/.test(text[newline + 1] ?? '')) return newline + 1;
  }
  return text.length; // no safe point: count the rest in one piece
}
