// Checks the exported model in onnxruntime-web against PyTorch, and measures it on the unseen split:
//  1. the TypeScript featurizer (src/runtime/detector.ts) gives byte-identical input to Python's,
//  2. ORT's probabilities equal PyTorch's (max absolute difference below 1e-4, same label),
//  3. per-class accuracy with ORT on .work/heldout.jsonl, written into contentDetector.json's `eval.ort`.
// Run by train.sh after train.py: node --import tsx tools/train/verifyOrt.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';
import { detectorInput, type DetectorMeta } from '../../src/runtime/detector';

const ROOT = join(__dirname, '..', '..');
const WORK = process.env.DETECTOR_WORK ?? join(__dirname, '.work');
const MODEL_DIR = join(ROOT, 'models', 'detector');
const TOLERANCE = 1e-4;

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

async function main(): Promise<void> {
  const metaPath = join(MODEL_DIR, 'contentDetector.json');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as DetectorMeta & { eval: Record<string, unknown> };
  ort.env.wasm.wasmBinary = readFileSync(join(ROOT, 'node_modules', 'onnxruntime-web', 'dist', 'ort-wasm-simd-threaded.wasm'));
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const session = await ort.InferenceSession.create(readFileSync(join(MODEL_DIR, 'contentDetector.onnx')));
  const run = async (text: string): Promise<Float32Array> => {
    const input = detectorInput(text, meta.input);
    const out = await session.run({ [meta.input.name]: new ort.Tensor('int32', input, [1, input.length]) });
    return out[meta.output.name].data as Float32Array;
  };
  const argmax = (p: ArrayLike<number>) => Array.from(p).reduce((best, v, i, all) => (v > all[best] ? i : best), 0);

  let worst = 0;
  let featureMismatches = 0;
  let labelMismatches = 0;
  const checks = jsonl<{ text: string; features_sha1: string; probs: number[] }>(join(WORK, 'verify.jsonl'));
  for (const c of checks) {
    const input = detectorInput(c.text, meta.input);
    const sha1 = createHash('sha1').update(Buffer.from(input.buffer, input.byteOffset, input.byteLength)).digest('hex');
    if (sha1 !== c.features_sha1) featureMismatches++;
    const p = await run(c.text);
    for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i] - c.probs[i]));
    if (argmax(p) !== argmax(c.probs)) labelMismatches++;
  }
  console.log(`ORT vs PyTorch on ${checks.length} unseen samples: inputs differ ${featureMismatches}, labels differ ${labelMismatches}, max |Δp| ${worst.toExponential(2)}`);

  const labels = meta.classes.map((c) => c.label);
  const perClass: Record<string, { test: number; correct: number }> = Object.fromEntries(labels.map((l) => [l, { test: 0, correct: 0 }]));
  let correct = 0;
  const heldout = jsonl<{ label: string; text: string }>(join(WORK, 'heldout.jsonl'));
  for (const h of heldout) {
    const guess = labels[argmax(await run(h.text))];
    perClass[h.label].test++;
    if (guess === h.label) {
      perClass[h.label].correct++;
      correct++;
    }
  }
  const accuracy = correct / Math.max(1, heldout.length);
  console.log(`ORT accuracy on the unseen split: ${(100 * accuracy).toFixed(2)}% (${correct}/${heldout.length})`);
  meta.eval = { ...meta.eval, ort: { accuracy: Number(accuracy.toFixed(4)), maxProbabilityDifference: Number(worst.toExponential(2)), checked: checks.length, perClass } };
  writeFileSync(metaPath, JSON.stringify(meta, null, 1) + '\n');
  if (featureMismatches || labelMismatches || worst > TOLERANCE) {
    console.error('onnxruntime-web does not reproduce PyTorch: see the numbers above');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
