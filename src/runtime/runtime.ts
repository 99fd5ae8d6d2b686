// The Node side of the engine shared by the CLI and the extension: loads the WASM tokenizer on
// first use, stores originals, and times each compression. Holds no vscode import.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { compress } from '../compressors/compress';
import type { CompressOptions, CompressResult, Engines } from '../compressors/types';
import { OriginalsStore, type StoreOptions } from './originalsStore';
import { DEFAULT_ENCODING, Tokenizers, type Encoding } from './tokenizer';
import { TreeSitterEngine } from './treeSitter';

export interface RuntimeOptions {
  /** Folder with the WASM engines' files (dist/assets). */
  readonly assetDir: string;
  readonly store?: StoreOptions;
  readonly encoding?: Encoding;
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
  private enginesReady?: Promise<Engines>;

  constructor(private readonly options: RuntimeOptions) {
    this.store = new OriginalsStore(options.store);
    this.tokenizers = new Tokenizers(options.assetDir);
    this.syntax = new TreeSitterEngine(options.assetDir);
  }

  engines(): Promise<Engines> {
    this.enginesReady ??= this.tokenizers.counter(this.options.encoding ?? DEFAULT_ENCODING).then((tokens) => ({ tokens, sha256Hex: nativeSha256, syntax: this.syntax }));
    this.enginesReady.catch(() => (this.enginesReady = undefined));
    return this.enginesReady;
  }

  async compress(input: string | Uint8Array, options: CompressOptions = {}): Promise<TimedResult> {
    const engines = await this.engines();
    // The core is synchronous: load the grammar this text may need first (not counted in `ms`).
    await engines.syntax?.prepare?.(options);
    const start = performance.now();
    const result = compress(input, options, engines);
    const ms = performance.now() - start;
    const unstored = this.store.put(result.originals);
    return { ...result, ms, unstored };
  }

  async countTokens(text: string, encoding: Encoding = this.options.encoding ?? DEFAULT_ENCODING): Promise<number> {
    return (await this.tokenizers.counter(encoding)).count(text);
  }

  async dispose(): Promise<void> {
    this.enginesReady = undefined;
    await this.tokenizers.dispose();
  }
}
