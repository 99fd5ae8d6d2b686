// The Node side of the engine shared by the CLI and the extension: loads the WASM tokenizer on
// first use, stores originals, and times each compression. Holds no vscode import.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { compress, MAX_ENGINE_CHARS } from '../compressors/compress';
import { proseModelLines } from '../compressors/prose';
import { needsDetector, route } from '../compressors/route';
import { decodeInput } from '../compressors/shared/decode';
import { renderTerminal } from '../compressors/shared/terminal';
import type { CompressOptions, CompressResult, Detection, Engines, ProseModel, ProseScores } from '../compressors/types';
import { DEFAULT_MIN_TOKENS } from '../compressors/types';
import { OnnxDetector } from './detector';
import { DEFAULT_KEEP_RATIO, type ProseModelFiles } from './proseModel';
import { proseModelEngine, type ProseModelEngine } from './proseModelWorker';
import { OriginalsStore, type StoreOptions } from './originalsStore';
import { DEFAULT_ENCODING, Tokenizers, type Encoding } from './tokenizer';
import { TreeSitterEngine } from './treeSitter';

export interface RuntimeOptions {
  /** Folder with the WASM engines' files (dist/assets). */
  readonly assetDir: string;
  readonly store?: StoreOptions;
  readonly encoding?: Encoding;
  /** Run the learned content-type detector on text nothing else describes (default true). */
  readonly detector?: boolean;
  /**
   * The user's prose model (opt-in; absent: the prose compressor stays deterministic). `unavailable`:
   * one is configured but cannot be used yet (not downloaded); the transforms say why.
   */
  readonly prose?: ProseModelFiles | { readonly unavailable: string; readonly sha256?: string; readonly keepRatio?: number };
}

export interface TimedResult extends CompressResult {
  /** Engine time of this call in milliseconds (tokenizer loading excluded). */
  readonly ms: number;
  /** Ids of originals that could not be written to disk (kept in memory only). */
  readonly unstored: readonly string[];
}

const nativeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class Runtime {
  readonly store: OriginalsStore;
  private readonly tokenizers: Tokenizers;
  /** Parses code; loads web-tree-sitter and each grammar only when a compression first needs it. */
  private readonly syntax: TreeSitterEngine;
  /** Names what a hint-less text is; ORT and the model load on its first use. */
  readonly detector: OnnxDetector;
  /** The user's prose model, when one is configured: in a worker thread, ORT, the model and its tokenizer loaded on its first use. */
  readonly proseModel?: ProseModelEngine;
  private enginesReady?: Promise<Engines>;

  constructor(private readonly options: RuntimeOptions) {
    this.store = new OriginalsStore(options.store);
    this.tokenizers = new Tokenizers(options.assetDir);
    this.syntax = new TreeSitterEngine(options.assetDir);
    this.detector = new OnnxDetector(options.assetDir);
    if (options.prose && 'model' in options.prose) this.proseModel = proseModelEngine(options.prose, options.assetDir);
  }

  engines(): Promise<Engines> {
    this.enginesReady ??= this.tokenizers.counter(this.options.encoding ?? DEFAULT_ENCODING).then((tokens) => ({ tokens, sha256Hex: nativeSha256, syntax: this.syntax }));
    this.enginesReady.catch(() => (this.enginesReady = undefined));
    return this.enginesReady;
  }

  async compress(input: string | Uint8Array, options: CompressOptions = {}): Promise<TimedResult> {
    let engines = await this.engines();
    // The core is synchronous: load the grammar this text may need first (not counted in `ms`).
    await engines.syntax?.prepare?.(options);
    const detection = await this.detect(input, options);
    if (detection) {
      const { text, found } = detection;
      if (found?.language) await engines.syntax?.prepare?.({ language: found.language });
      engines = { ...engines, detector: { detect: (t: string) => (t === text ? found : undefined) } };
    }
    const proseModel = await this.scoreProse(input, options, engines);
    if (proseModel) engines = { ...engines, proseModel };
    const start = performance.now();
    const result = compress(input, options, engines);
    const ms = performance.now() - start;
    const unstored = this.store.put(result.originals);
    return { ...result, ms, unstored };
  }

  /**
   * Runs the detector on the text the core will route (decoded, terminal-rendered) when no hint says
   * what it is and the text is not too small to compress (fewer characters than tokens needed).
   */
  private async detect(input: string | Uint8Array, options: CompressOptions): Promise<{ text: string; found?: Detection } | undefined> {
    if (this.options.detector === false || !needsDetector(options)) return undefined;
    const text = routedText(input, options);
    return text === undefined ? undefined : { text, found: await this.detector.detect(text) };
  }

  /**
   * With a prose model configured and the router about to consider the prose compressor, scores the
   * words of the paragraphs it will keep (the core is synchronous, so this happens first). A model
   * that cannot load or run gives the reason instead, and the prose compressor stays deterministic.
   */
  private async scoreProse(input: string | Uint8Array, options: CompressOptions, engines: Engines): Promise<ProseModel | undefined> {
    const prose = this.options.prose;
    if (!prose) return undefined;
    const text = routedText(input, options);
    if (text === undefined) return undefined;
    const source = { id: '', text, lines: text.split('\n') };
    // Routing without tree-sitter: cheaper, and it can only add candidates (the prose compressor among them).
    if (!route(source, options, { ...engines, syntax: undefined }).some((c) => c.compressor.id === 'prose')) return undefined;
    const keepRatio = prose.keepRatio !== undefined && prose.keepRatio > 0 && prose.keepRatio <= 1 ? prose.keepRatio : DEFAULT_KEEP_RATIO;
    const model = this.proseModel;
    let scores: ProseScores;
    let tokenizerSha256 = '';
    if (!model) {
      scores = { lines: new Map(), unavailable: 'unavailable' in prose ? prose.unavailable : 'no model' };
    } else {
      try {
        scores = await model.score(source.lines, proseModelLines(source, options));
        tokenizerSha256 = await model.tokenizerSha256();
      } catch (error) {
        scores = { lines: new Map(), unavailable: error instanceof Error ? error.message : String(error) };
      }
    }
    return { sha256: (prose.sha256 ?? '').trim().toLowerCase(), tokenizerSha256, keepRatio, scores: (t: string) => (t === text ? scores : undefined) };
  }

  async countTokens(text: string, encoding: Encoding = this.options.encoding ?? DEFAULT_ENCODING): Promise<number> {
    return (await this.tokenizers.counter(encoding)).count(text);
  }

  async dispose(): Promise<void> {
    this.enginesReady = undefined;
    await Promise.all([this.tokenizers.dispose(), this.detector.dispose(), this.proseModel?.dispose()]);
  }
}

/** The text the core will route (decoded, terminal-rendered), when it is not binary, too small to compress or oversized. */
function routedText(input: string | Uint8Array, options: CompressOptions): string | undefined {
  const decoded = decodeInput(input);
  if (decoded.kind === 'binary') return undefined;
  const text = renderTerminal(decoded.text).text;
  return text.length < (options.minTokens ?? DEFAULT_MIN_TOKENS) || text.length > MAX_ENGINE_CHARS ? undefined : text;
}
