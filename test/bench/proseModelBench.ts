// The bring-your-own prose model's section of `npm run bench`: what a real small model costs when it
// runs the way the extension runs it (Runtime → worker thread → onnxruntime-web WASM). Two models are
// built into a temp folder: the tiny test model (a lookup table) and a BERT-tiny-shaped encoder with
// pseudo-random weights (test/helpers/bertLikeModel.ts). The random weights make its keep choices
// meaningless: the section measures cost (size, load, session, ms per token) and how much more the
// prose compressor cuts at the default keep ratio, never quality.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OnnxProseModel, sha256Of, type ProseModelFiles, type ProseModelTimings } from '../../src/runtime/proseModel';
import { ProseModelWorker } from '../../src/runtime/proseModelWorker';
import { Runtime } from '../../src/runtime/runtime';
import { bertLikeModel } from '../helpers/bertLikeModel';
import { ASSET_DIR } from '../helpers/engines';
import type { FixtureCase } from '../helpers/fixtures';
import { tinyLogitsModel, tinyTokenizer } from '../helpers/tinyProseModel';

/** Tokens per window, as BERT's 512 positions allow (LLMLingua-2 uses the same). */
const WINDOW = 512;
/** Timed compressions per fixture after the first pass (which warms the worker's WASM code up). */
const TIMED_RUNS = 1;
/** In-process loads after ORT is initialised, for the session-creation median. */
const SESSION_RUNS = 3;

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Outcome {
  readonly before: number;
  readonly after: number;
  readonly kept: number;
  /** Needles missing from the output, as `fixture: "needle"`. */
  readonly lost: readonly string[];
}

/** One compression of every fixture through `runtime`: tokens before and after, needles kept. */
async function compressAll(runtime: Runtime, fixtures: readonly FixtureCase[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const f of fixtures) {
    const result = await runtime.compress(f.input, f.meta);
    const lost = f.meta.needles.filter((n) => !result.text.includes(n));
    out.push({ before: result.tokensBefore, after: result.tokensAfter, kept: f.meta.needles.length - lost.length, lost: lost.map((n) => `${f.name}: ${JSON.stringify(n)}`) });
  }
  return out;
}

async function measureModel(label: string, files: ProseModelFiles, bytes: number, fixtures: readonly FixtureCase[], baseline: readonly Outcome[], before: number, needles: number): Promise<string[]> {
  const lines: string[] = [];
  // First use in a fresh worker thread: the files read and hashed, ORT's WASM compiled and initialised, the session, the tokenizer.
  const runtime = new Runtime({ assetDir: ASSET_DIR, detector: false, prose: files });
  try {
    const engine = runtime.proseModel!;
    const where = engine instanceof ProseModelWorker ? 'worker thread' : 'in-process (no dist/proseModelWorker.js)';
    const firstStart = performance.now();
    const outcomes = await compressAll(runtime, fixtures);
    const firstMs = performance.now() - firstStart;
    const cold = engine.timings;
    const loadMs = cold?.loadMs ?? NaN;
    const coldRate = cold && cold.tokens > 0 ? (1000 * cold.scoreMs) / cold.tokens : NaN;
    // Per fixture: scoring ms per 1,000 tokens from the worker's own counters (message passing excluded).
    const perFixture: number[] = [];
    let scoredTokens = 0;
    let scoredWords = 0;
    for (const f of fixtures) {
      const rates: number[] = [];
      for (let i = 0; i < TIMED_RUNS; i++) {
        const was: ProseModelTimings = engine.timings!;
        await runtime.compress(f.input, f.meta);
        const now = engine.timings!;
        const tokens = now.tokens - was.tokens;
        if (i === 0) {
          scoredTokens += tokens;
          scoredWords += now.words - was.words;
        }
        if (tokens > 0) rates.push((1000 * (now.scoreMs - was.scoreMs)) / tokens);
      }
      if (rates.length) perFixture.push(median(rates));
    }
    const after = outcomes.reduce((s, o) => s + o.after, 0);
    const kept = outcomes.reduce((s, o) => s + o.kept, 0);
    const baseAfter = baseline.reduce((s, o) => s + o.after, 0);
    lines.push(`prose model ${label}: ${size(bytes)}; first use in a fresh ${where}: load ${loadMs.toFixed(0)} ms ` +
      `(files read + SHA-256, ORT WASM compile + init, session, tokenizer), all ${fixtures.length} fixtures compressed in ${firstMs.toFixed(0)} ms`);
    lines.push(`  scoring (warm): p50 ${median(perFixture).toFixed(1)} ms per 1,000 tokens over ${perFixture.length} fixtures ` +
      `(per fixture: ${perFixture.map((r) => r.toFixed(1)).join(', ')}; ${scoredTokens} tokens for ${scoredWords} words per pass, windows of ≤ ${WINDOW}); ` +
      `first pass in the fresh worker ${coldRate.toFixed(1)} ms per 1,000 tokens`);
    lines.push(`  prose fixtures: tokens ${before}→${after} (−${pct(1 - after / before)}) vs deterministic ${before}→${baseAfter} (−${pct(1 - baseAfter / before)}); ` +
      `needles ${kept}/${needles} vs ${baseline.reduce((s, o) => s + o.kept, 0)}/${needles}`);
    const lost = outcomes.flatMap((o) => o.lost);
    if (lost.length) lines.push(`  needles lost with this model: ${lost.join('; ')}`);
  } finally {
    await runtime.dispose();
  }
  return lines;
}

/** Session creation in-process once ORT is up (the tiny model loads it first): median of a few loads. */
async function sessionMs(files: ProseModelFiles, warm: ProseModelFiles): Promise<number> {
  const first = new OnnxProseModel(warm, ASSET_DIR);
  await first.load();
  const times: number[] = [];
  for (let i = 0; i < SESSION_RUNS; i++) {
    const model = new OnnxProseModel(files, ASSET_DIR);
    await model.load();
    times.push(model.timings!.loadMs);
    await model.dispose();
  }
  await first.dispose();
  return median(times);
}

export async function benchProseModel(allFixtures: readonly FixtureCase[]): Promise<string[]> {
  const fixtures = allFixtures.filter((f) => f.family === 'content' && f.compressorId === 'prose');
  if (fixtures.length === 0) return ['prose model: no prose fixtures'];
  const dir = mkdtempSync(join(tmpdir(), 'headroom-prose-bench-'));
  try {
    const tokenizer = join(dir, 'tokenizer.json');
    writeFileSync(tokenizer, tinyTokenizer(WINDOW));
    const buildStart = performance.now();
    const bert = bertLikeModel();
    const buildMs = performance.now() - buildStart;
    const models = [
      { label: 'tiny test model (lookup table)', name: 'tiny.onnx', bytes: tinyLogitsModel() },
      { label: 'BERT-tiny-like (2 layers, hidden 128, 2 heads, 30,522-entry vocabulary)', name: 'bertTiny.onnx', bytes: bert },
    ];
    const files = models.map((m) => {
      const path = join(dir, m.name);
      writeFileSync(path, m.bytes);
      return { model: path, sha256: sha256Of(m.bytes), tokenizer } satisfies ProseModelFiles;
    });

    const baselineRuntime = new Runtime({ assetDir: ASSET_DIR, detector: false });
    let baseline: Outcome[];
    try {
      baseline = await compressAll(baselineRuntime, fixtures);
    } finally {
      await baselineRuntime.dispose();
    }
    const before = baseline.reduce((s, o) => s + o.before, 0);
    const needles = fixtures.reduce((s, f) => s + f.meta.needles.length, 0);

    const lines = [
      `prose model (opt-in) on ${fixtures.length} prose fixtures (${fixtures.map((f) => f.name).join(', ')}), keep ratio 0.5, the test tokenizer ` +
        `(WordPiece over ~120 words: most words are one [UNK] token, so a real vocabulary gives more tokens per word; cost per token carries over)`,
      `  NOTE: the BERT-tiny-like weights are pseudo-random (built in ${buildMs.toFixed(0)} ms), so WHICH words it keeps means nothing: these lines measure cost only`,
    ];
    for (let i = 0; i < models.length; i++) lines.push(...await measureModel(models[i].label, files[i], models[i].bytes.length, fixtures, baseline, before, needles));
    lines.push(`prose model BERT-tiny-like: session creation in-process once ORT is up ${(await sessionMs(files[1], files[0])).toFixed(0)} ms (median of ${SESSION_RUNS}; files read + SHA-256 + tokenizer included)`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
