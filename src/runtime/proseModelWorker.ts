// Runs the user's prose model in a worker thread, so a large model (BERT-base takes seconds per
// window) never blocks the extension host, which other extensions share. The worker is started on the
// first prose text and stopped after a few idle minutes, giving back onnxruntime's memory (~250 MB);
// the next prose text starts it again. Same interface and same scores as OnnxProseModel in-process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelBlock } from '../compressors/prose/dropWords';
import type { ProseScores } from '../compressors/types';
import { keepRatioOf, OnnxProseModel, type ProseModelFiles, type ProseModelTimings } from './proseModel';

/** The worker's bundle beside the extension's and the CLI's (dist/), built by esbuild.mjs. */
export const PROSE_WORKER_SCRIPT = 'proseModelWorker.js';
/** A worker idle this long is stopped. */
export const WORKER_IDLE_MS = 5 * 60 * 1000;

/** What the Runtime needs of a prose model, in-process or in a worker. */
export interface ProseModelEngine {
  readonly files: ProseModelFiles;
  readonly keepRatio: number;
  /** Undefined until the model was first used. */
  readonly timings: ProseModelTimings | undefined;
  score(lines: readonly string[], blocks: readonly ModelBlock[]): Promise<ProseScores>;
  tokenizerSha256(): Promise<string>;
  dispose(): Promise<void>;
}

/** Messages to the worker and back. */
export type WorkerRequest = { readonly id: number; readonly kind: 'score'; readonly lines: readonly (readonly [number, string])[]; readonly blocks: readonly ModelBlock[] };
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly scores: { readonly lines: readonly (readonly [number, readonly number[]])[]; readonly note?: string }; readonly tokenizerSha256: string; readonly timings: ProseModelTimings }
  | { readonly id: number; readonly ok: false; readonly error: string };
export interface WorkerStart {
  readonly files: ProseModelFiles;
  readonly assetDir: string;
}

/** The prose model for a Runtime: in a worker when its bundle is there (dist/), else in-process. */
export function proseModelEngine(files: ProseModelFiles, assetDir: string): ProseModelEngine {
  const script = join(assetDir, '..', PROSE_WORKER_SCRIPT);
  return existsSync(script) ? new ProseModelWorker(files, assetDir, script) : new OnnxProseModel(files, assetDir);
}

export class ProseModelWorker implements ProseModelEngine {
  private worker?: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  private idle?: NodeJS.Timeout;
  private lastTimings?: ProseModelTimings;
  private tokenizerHash?: string;
  /** A load failure is remembered, as in-process: a missing or mismatched model is tried once. */
  private failed?: string;

  constructor(readonly files: ProseModelFiles, private readonly assetDir: string, private readonly script: string, private readonly idleMs = WORKER_IDLE_MS) {}

  get keepRatio(): number {
    return keepRatioOf(this.files);
  }

  get timings(): ProseModelTimings | undefined {
    return this.lastTimings;
  }

  /** True while the worker thread is running (the tests check that it stops). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  async score(lines: readonly string[], blocks: readonly ModelBlock[]): Promise<ProseScores> {
    if (this.failed) throw new Error(this.failed);
    const wanted = new Set(blocks.flatMap((b) => b.lines));
    const reply = await this.request({ kind: 'score', lines: [...wanted].map((i) => [i, lines[i]] as const), blocks });
    if (!reply.ok) {
      this.failed = reply.error;
      throw new Error(reply.error);
    }
    this.lastTimings = reply.timings;
    this.tokenizerHash = reply.tokenizerSha256;
    return { lines: new Map(reply.scores.lines.map(([i, ps]) => [i, [...ps]])), ...(reply.scores.note ? { note: reply.scores.note } : {}) };
  }

  async tokenizerSha256(): Promise<string> {
    if (this.tokenizerHash === undefined) throw new Error('the prose model has not run yet');
    return this.tokenizerHash;
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    for (const w of this.waiting.values()) w.reject(new Error('the prose model was stopped'));
    this.waiting.clear();
    await worker?.terminate();
  }

  private request(message: Omit<Extract<WorkerRequest, { kind: 'score' }>, 'id'>): Promise<WorkerReply> {
    clearTimeout(this.idle);
    const worker = this.start();
    // Referenced while it works (a CLI run must wait for it), unreferenced when idle.
    worker.ref();
    const id = this.next++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } satisfies WorkerRequest);
    }).finally(() => {
      if (this.waiting.size === 0) {
        this.worker?.unref();
        this.idle = setTimeout(() => void this.dispose(), this.idleMs);
        this.idle.unref();
      }
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { files: this.files, assetDir: this.assetDir } satisfies WorkerStart });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      w?.resolve(reply);
    });
    const fail = (error: Error) => {
      // A worker stopped by dispose() (idle) exits later, maybe after the next request started a new
      // one: its exit concerns only itself, and dispose() already answered its requests.
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(new Error(`the prose model's worker stopped (${error.message})`));
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
