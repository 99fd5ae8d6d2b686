// The learned content-type detector: a small ONNX model (trained by tools/train/) that reads the first,
// middle and last bytes of a text and names what it is (`python`, `cargo-test`, `yaml`, …). It runs on
// onnxruntime-web's WASM CPU backend, single-threaded, loaded on first use only. The core is
// synchronous, so the Runtime awaits `detect` before compressing and hands the core the answer.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-web';
import type { ContentType, Detection } from '../compressors/types';
import { loadOrt } from './ort';

export { ORT_WASM } from './ort';

/** Files in dist/assets (copied there by esbuild.mjs). */
export const DETECTOR_MODEL = 'contentDetector.onnx';
export const DETECTOR_META = 'contentDetector.json';

export interface DetectorClass {
  readonly label: string;
  readonly type: ContentType;
  /** The compressor id the router sends this label to. */
  readonly compressor: string;
  /** The code compressor's language, for source-code labels. */
  readonly language?: string;
}

/** contentDetector.json: what the model expects and what its outputs mean. */
export interface DetectorMeta {
  readonly sha256: string;
  /** Byte windows: first `beg`, middle `mid`, last `end` bytes of the UTF-8 text; `pad` fills the rest. */
  readonly input: { readonly name: string; readonly beg: number; readonly mid: number; readonly end: number; readonly pad: number };
  readonly output: { readonly name: string };
  readonly classes: readonly DetectorClass[];
}

const utf8 = new TextEncoder();

/**
 * The model's input for one text: its first `beg`, middle `mid` and last `end` UTF-8 bytes, padded
 * with `pad` (short texts are seen by all three windows). Same as `windows()` in tools/train/common.py.
 */
export function detectorInput(text: string, spec: DetectorMeta['input']): Int32Array {
  const { beg, mid, end, pad } = spec;
  const out = new Int32Array(beg + mid + end).fill(pad);
  const bytes = utf8.encode(text);
  const n = bytes.length;
  out.set(bytes.subarray(0, beg), 0);
  const tail = bytes.subarray(Math.max(0, n - end));
  out.set(tail, beg + mid + end - tail.length);
  const start = Math.max(0, Math.floor((n - mid) / 2));
  const middle = bytes.subarray(start, start + mid);
  out.set(middle, beg + Math.floor((mid - middle.length) / 2));
  return out;
}

/** Index and value of the largest entry; the lowest index wins a tie, so the answer is deterministic. */
function argmax(values: Float32Array): [number, number] {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return [best, values[best]];
}

interface Loaded {
  readonly ort: typeof Ort;
  readonly session: Ort.InferenceSession;
  readonly meta: DetectorMeta;
}

export interface DetectorTimings {
  /** Reading the files, initialising ORT's WASM and creating the session, in milliseconds. */
  readonly loadMs: number;
}

export class OnnxDetector {
  private loading?: Promise<Loaded>;
  private timings?: DetectorTimings;
  /** Runs one at a time: one WASM instance, and concurrent compressions may ask together. */
  private queue: Promise<unknown> = Promise.resolve();

  /** `assetDir` holds the model, its JSON and ORT's WASM (dist/assets). */
  constructor(private readonly assetDir: string) {}

  /** Loads ORT and the model once; rejects when a file is missing or the model's hash is not the one recorded. */
  load(): Promise<Loaded> {
    this.loading ??= (async () => {
      const start = performance.now();
      const [model, metaText, ort] = await Promise.all([
        readFile(join(this.assetDir, DETECTOR_MODEL)),
        readFile(join(this.assetDir, DETECTOR_META), 'utf8'),
        loadOrt(this.assetDir),
      ]);
      const meta = JSON.parse(metaText) as DetectorMeta;
      const hash = createHash('sha256').update(model).digest('hex');
      if (hash !== meta.sha256) throw new Error(`${DETECTOR_MODEL} has SHA-256 ${hash}, not the ${meta.sha256} recorded in ${DETECTOR_META}`);
      const session = await ort.InferenceSession.create(new Uint8Array(model), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      this.timings = { loadMs: performance.now() - start };
      return { ort, session, meta };
    })();
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  get loadTimings(): DetectorTimings | undefined {
    return this.timings;
  }

  /** Class probabilities for one text, in the order of `meta.classes`. */
  async probabilities(text: string): Promise<Float32Array> {
    const { ort, session, meta } = await this.load();
    const input = detectorInput(text, meta.input);
    const feeds = { [meta.input.name]: new ort.Tensor('int32', input, [1, input.length]) };
    const run = this.queue.then(() => session.run(feeds));
    this.queue = run.catch(() => undefined);
    return (await run)[meta.output.name].data as Float32Array;
  }

  /** The most likely label and its probability; `undefined` for empty text or when the model cannot load. */
  async detect(text: string): Promise<Detection | undefined> {
    if (text.length === 0) return undefined;
    try {
      const { meta } = await this.load();
      const [index, confidence] = argmax(await this.probabilities(text));
      const cls = meta.classes[index];
      return { label: cls.label, type: cls.type, compressor: cls.compressor, ...(cls.language ? { language: cls.language } : {}), confidence };
    } catch {
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (loading) await (await loading.catch(() => undefined))?.session.release();
  }
}
