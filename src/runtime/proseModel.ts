// The user's own prose model (`headroom.prose.model`, `--prose-model`): an ONNX token classifier in
// the style of LLMLingua-2 or Kompress, with its Hugging Face tokenizer.json. Loaded on first use only
// (after its SHA-256 matched the one the user gave), run on onnxruntime-web's WASM CPU backend one
// window at a time. It scores the words of the paragraphs the prose compressor keeps; the core then
// drops the lowest-scored ones. The contract the files must meet is in the README ("Bring your own
// prose model").
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-web';
import type { ModelBlock } from '../compressors/prose/dropWords';
import { splitWords } from '../compressors/prose/splitWords';
import type { ProseScores } from '../compressors/types';
import { loadOrt } from './ort';
import { WordTokenizer } from './wordTokenizer';

/** Share of the droppable words kept when the user does not say. */
export const DEFAULT_KEEP_RATIO = 0.5;
/** Words scored in one compression at most; later paragraphs stay whole (and the transforms say so). */
export const MAX_SCORED_WORDS = 20_000;
/** The tokenizer looked for beside the model when none is named. */
export const DEFAULT_TOKENIZER = 'tokenizer.json';
// 64 hex digits: a SHA-256
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ProseModelFiles {
  /** Path of the .onnx file. */
  readonly model: string;
  /** The SHA-256 the user gave for it (hex); the model is refused when its bytes hash otherwise. */
  readonly sha256: string;
  /** Path of tokenizer.json; default: `tokenizer.json` in the model's folder. */
  readonly tokenizer?: string;
  /** When given, the tokenizer is refused unless its bytes hash to it. */
  readonly tokenizerSha256?: string;
  /** Share of the droppable words to keep, (0, 1]; default 0.5. */
  readonly keepRatio?: number;
}

interface Io {
  readonly ids: string;
  readonly mask?: string;
  readonly types?: string;
  readonly intType: 'int64' | 'int32';
  readonly output: string;
}

interface Loaded {
  readonly ort: typeof Ort;
  readonly session: Ort.InferenceSession;
  readonly tokenizer: WordTokenizer;
  readonly io: Io;
  readonly tokenizerSha256: string;
}

export interface ProseModelTimings {
  /** Reading and hashing the files, ORT's WASM, the session, in milliseconds. */
  readonly loadMs: number;
  /** Tokens and words scored, and the milliseconds it took, since the model loaded. */
  readonly tokens: number;
  readonly words: number;
  readonly scoreMs: number;
}

/** The keep ratio the user gave when it is in (0, 1], else the default. */
export function keepRatioOf(files: Pick<ProseModelFiles, 'keepRatio'>): number {
  const r = files.keepRatio;
  return typeof r === 'number' && r > 0 && r <= 1 ? r : DEFAULT_KEEP_RATIO;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The words of `blocks`, scored: keep-probability per word of each line, by line index. */
export class OnnxProseModel {
  private loading?: Promise<Loaded>;
  private queue: Promise<unknown> = Promise.resolve();
  private loadMs = 0;
  private counted = { tokens: 0, words: 0, scoreMs: 0 };

  constructor(readonly files: ProseModelFiles, private readonly assetDir: string) {}

  get keepRatio(): number {
    return keepRatioOf(this.files);
  }

  get tokenizerPath(): string {
    return this.files.tokenizer || join(dirname(this.files.model), DEFAULT_TOKENIZER);
  }

  get timings(): ProseModelTimings | undefined {
    return this.loading ? { loadMs: this.loadMs, ...this.counted } : undefined;
  }

  /**
   * Reads, verifies and opens the model once. A failure is remembered (the Runtime is rebuilt when the
   * settings change), so a missing or mismatched model costs one read, not one per compression.
   */
  load(): Promise<Loaded> {
    this.loading ??= (async () => {
      const start = performance.now();
      const expected = this.files.sha256.trim().toLowerCase();
      if (!SHA256_HEX.test(expected)) throw new Error(`no valid SHA-256 was given for ${this.files.model} (64 hex digits); it is not used unverified`);
      const [model, tokenizerBytes] = await Promise.all([
        readFile(this.files.model).catch((error: NodeJS.ErrnoException) => { throw new Error(`cannot read the model ${this.files.model} (${error.code ?? error.message})`); }),
        readFile(this.tokenizerPath).catch((error: NodeJS.ErrnoException) => { throw new Error(`cannot read the tokenizer ${this.tokenizerPath} (${error.code ?? error.message})`); }),
      ]);
      const actual = sha256Of(model);
      if (actual !== expected) throw new Error(`the model ${this.files.model} has SHA-256 ${actual}, not the ${expected} given`);
      const tokenizerSha256 = sha256Of(tokenizerBytes);
      const expectedTokenizer = this.files.tokenizerSha256?.trim().toLowerCase();
      if (expectedTokenizer && tokenizerSha256 !== expectedTokenizer) throw new Error(`the tokenizer ${this.tokenizerPath} has SHA-256 ${tokenizerSha256}, not the ${expectedTokenizer} given`);
      const ort = await loadOrt(this.assetDir);
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(new Uint8Array(model), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      } catch (error) {
        throw new Error(`onnxruntime cannot open the model (${firstLine(error)})`);
      }
      try {
        const io = inputsAndOutput(session);
        const ids = session.inputMetadata.find((m) => m.name === io.ids);
        const fixed = ids?.isTensor && typeof ids.shape[1] === 'number' && ids.shape[1] > 0 ? ids.shape[1] : undefined;
        const tokenizer = WordTokenizer.fromJson(new TextDecoder().decode(tokenizerBytes), fixed);
        this.loadMs = performance.now() - start;
        return { ort, session, tokenizer, io, tokenizerSha256 };
      } catch (error) {
        await session.release();
        throw error;
      }
    })();
    return this.loading;
  }

  /** The tokenizer's SHA-256 once loaded (the transforms record it). */
  async tokenizerSha256(): Promise<string> {
    return (await this.load()).tokenizerSha256;
  }

  /**
   * Keep-probabilities of every word of the lines in `blocks`, in windows of at most the tokenizer's
   * length, packed in reading order (context runs across paragraphs). Rejects when the model cannot
   * load or run.
   */
  async score(lines: readonly string[], blocks: readonly ModelBlock[]): Promise<ProseScores> {
    const loaded = await this.load();
    const run = this.queue.then(() => this.scoreNow(loaded, lines, blocks));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async scoreNow(loaded: Loaded, lines: readonly string[], blocks: readonly ModelBlock[]): Promise<ProseScores> {
    const start = performance.now();
    const { tokenizer } = loaded;
    const budget = tokenizer.maxLength - tokenizer.prefix.length - tokenizer.suffix.length;
    const out = new Map<number, number[]>();
    let window: { ids: number[]; words: { line: number; k: number; from: number; to: number }[] } = { ids: [], words: [] };
    let words = 0;
    let tokens = 0;
    let capped = 0;
    const flush = async () => {
      if (window.words.length === 0) return;
      const p = await this.keepProbabilities(loaded, window.ids);
      for (const w of window.words) {
        let sum = 0;
        // A NaN from a broken model counts as "keep".
        for (let t = w.from; t < w.to; t++) sum += Number.isFinite(p[t]) ? p[t] : 1;
        // A word with no tokens (the normaliser removed it all) is kept: nothing says it can go.
        out.get(w.line)![w.k] = w.to > w.from ? sum / (w.to - w.from) : 1;
      }
      tokens += window.ids.length;
      window = { ids: [], words: [] };
      // Let the extension host breathe between windows.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const block of blocks) {
      for (const line of block.lines) {
        const lineWords = splitWords(lines[line]);
        if (words + lineWords.length > MAX_SCORED_WORDS) {
          capped += lineWords.length;
          continue;
        }
        words += lineWords.length;
        out.set(line, new Array<number>(lineWords.length).fill(1));
        for (let k = 0; k < lineWords.length; k++) {
          let ids = tokenizer.ids(lineWords[k].text, window.ids.length === 0).slice(0, budget);
          if (window.ids.length + ids.length > budget) {
            await flush();
            ids = tokenizer.ids(lineWords[k].text, true).slice(0, budget);
          }
          window.words.push({ line, k, from: window.ids.length, to: window.ids.length + ids.length });
          window.ids.push(...ids);
        }
      }
    }
    await flush();
    this.counted = { tokens: this.counted.tokens + tokens, words: this.counted.words + words, scoreMs: this.counted.scoreMs + performance.now() - start };
    return { lines: out, ...(capped ? { note: `only the first ${MAX_SCORED_WORDS.toLocaleString('en-US')} words were scored; ${capped.toLocaleString('en-US')} more stay whole` } : {}) };
  }

  /** One window through the model: the keep-probability of each of `ids` (specials added around them). */
  private async keepProbabilities({ ort, session, tokenizer, io }: Loaded, ids: readonly number[]): Promise<Float32Array> {
    const all = [...tokenizer.prefix, ...ids, ...tokenizer.suffix];
    const n = all.length;
    const tensor = (values: (i: number) => number) => io.intType === 'int64'
      ? new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(values(i))), [1, n])
      : new ort.Tensor('int32', Int32Array.from({ length: n }, (_, i) => values(i)), [1, n]);
    const feeds: Record<string, Ort.Tensor> = { [io.ids]: tensor((i) => all[i]) };
    if (io.mask) feeds[io.mask] = tensor(() => 1);
    if (io.types) feeds[io.types] = tensor(() => 0);
    const result = await session.run(feeds);
    try {
      return keepColumn(result[io.output], n, tokenizer.prefix.length, ids.length);
    } finally {
      for (const value of Object.values(result)) value.dispose?.();
    }
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (loading) await (await loading.catch(() => undefined))?.session.release();
  }
}

/** Which inputs the model takes and which output carries the scores; throws on an input it cannot fill. */
function inputsAndOutput(session: Ort.InferenceSession): Io {
  const names = session.inputNames;
  const ids = names.find((n) => n === 'input_ids') ?? (names.length === 1 ? names[0] : undefined);
  if (!ids) throw new Error(`the model's inputs are ${names.join(', ')}; it needs input_ids (and optionally attention_mask, token_type_ids)`);
  const mask = names.find((n) => n === 'attention_mask');
  const types = names.find((n) => n === 'token_type_ids');
  const unknown = names.filter((n) => n !== ids && n !== mask && n !== types);
  if (unknown.length > 0) throw new Error(`the model also wants ${unknown.join(', ')}; only input_ids, attention_mask and token_type_ids can be given`);
  const meta = session.inputMetadata.find((m) => m.name === ids);
  const type = meta?.isTensor ? meta.type : 'int64';
  if (type !== 'int64' && type !== 'int32') throw new Error(`input_ids is ${type}; it must be int64 or int32`);
  const output = session.outputNames.find((n) => n === 'logits' || n === 'final_scores') ?? session.outputNames[0];
  return { ids, mask, types, intType: type, output };
}

/**
 * The keep score of tokens [from, from + count) of a window of `n`: from `[1, n, 2]` (drop, keep)
 * logits or probabilities, the softmax of keep; from `[1, n]` or `[1, n, 1]`, the value itself.
 */
function keepColumn(output: Ort.Tensor | undefined, n: number, from: number, count: number): Float32Array {
  if (!output || output.type !== 'float32') throw new Error(`the model's output is ${output?.type ?? 'missing'}; it must be float32`);
  const data = output.data as Float32Array;
  const dims = output.dims;
  const out = new Float32Array(count);
  if (dims.length === 3 && dims[0] === 1 && dims[1] === n && dims[2] === 2) {
    for (let i = 0; i < count; i++) out[i] = 1 / (1 + Math.exp(data[2 * (from + i)] - data[2 * (from + i) + 1]));
  } else if ((dims.length === 2 && dims[0] === 1 && dims[1] === n) || (dims.length === 3 && dims[0] === 1 && dims[1] === n && dims[2] === 1)) {
    for (let i = 0; i < count; i++) out[i] = Math.min(1, Math.max(0, data[from + i]));
  } else {
    throw new Error(`the model's output has shape [${dims.join(', ')}]; it must be [1, ${n}, 2] (drop, keep) or [1, ${n}] (keep-probability)`);
  }
  return out;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
