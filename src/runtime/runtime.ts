// The Node side of the engine shared by the CLI and the extension: loads the WASM tokenizer on
// first use, stores originals, and times each compression. Holds no vscode import.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { compress, MAX_ENGINE_CHARS } from '../compressors/compress';
import { needsDetector } from '../compressors/route';
import { decodeInput } from '../compressors/shared/decode';
import { renderTerminal } from '../compressors/shared/terminal';
import type { CompressOptions, CompressResult, Detection, Engines } from '../compressors/types';
import { DEFAULT_MIN_TOKENS } from '../compressors/types';
import { OnnxDetector } from './detector';
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
  private enginesReady?: Promise<Engines>;

  constructor(private readonly options: RuntimeOptions) {
    this.store = new OriginalsStore(options.store);
    this.tokenizers = new Tokenizers(options.assetDir);
    this.syntax = new TreeSitterEngine(options.assetDir);
    this.detector = new OnnxDetector(options.assetDir);
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
    const decoded = decodeInput(input);
    if (decoded.kind === 'binary') return undefined;
    const text = renderTerminal(decoded.text).text;
    if (text.length < (options.minTokens ?? DEFAULT_MIN_TOKENS) || text.length > MAX_ENGINE_CHARS) return undefined;
    return { text, found: await this.detector.detect(text) };
  }

  async countTokens(text: string, encoding: Encoding = this.options.encoding ?? DEFAULT_ENCODING): Promise<number> {
    return (await this.tokenizers.counter(encoding)).count(text);
  }

  async dispose(): Promise<void> {
    this.enginesReady = undefined;
    await Promise.all([this.tokenizers.dispose(), this.detector.dispose()]);
  }
}
