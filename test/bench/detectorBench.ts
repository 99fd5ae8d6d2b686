// The learned content detector's section of `npm run bench`: session creation, inference latency,
// accuracy per class on the unseen split (when tools/train/.work/heldout.jsonl exists; otherwise the
// numbers the training pipeline recorded), learned vs the compressors' own `sniff` rules, and the
// fixture corpus compressed with every hint removed vs with its hints.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compress } from '../../src/compressors/compress';
import { COMPRESSORS, FALLBACK } from '../../src/compressors/registry';
import { needsDetector, route } from '../../src/compressors/route';
import { decodeInput } from '../../src/compressors/shared/decode';
import { renderTerminal } from '../../src/compressors/shared/terminal';
import type { CompressOptions, Detection, Engines, Source } from '../../src/compressors/types';
import { DETECTOR_META, OnnxDetector, type DetectorMeta } from '../../src/runtime/detector';
import { ASSET_DIR, ROOT } from '../helpers/engines';
import type { FixtureCase } from '../helpers/fixtures';

const HELDOUT = join(ROOT, 'tools', 'train', '.work', 'heldout.jsonl');

interface Held {
  readonly label: string;
  readonly text: string;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

function sourceOf(text: string): Source {
  return { id: '000000000000', text, lines: text.split('\n') };
}

/** What the rules alone pick: the first compressor whose sniff claims the text, else the generic one. */
function ruleOnly(text: string): string {
  const source = sourceOf(text);
  return COMPRESSORS.find((c) => c.sniff?.(source))?.id ?? FALLBACK.id;
}

/** The compressor the router picks first (no hints), given the detector's answer. */
function routed(text: string, found: Detection | undefined, engines: Engines): string {
  const withDetector: Engines = { ...engines, detector: { detect: () => found } };
  return route(sourceOf(text), {}, withDetector)[0].compressor.id;
}

/** The fixture's options with every hint that says what the text is removed (query and budget stay). */
function hintless(meta: CompressOptions): CompressOptions {
  return { ...(meta.query !== undefined ? { query: meta.query } : {}), ...(meta.budget !== undefined ? { budget: meta.budget } : {}), ...(meta.minTokens !== undefined ? { minTokens: meta.minTokens } : {}) };
}

export async function benchDetector(engines: Engines, fixtures: readonly FixtureCase[]): Promise<string[]> {
  const lines: string[] = [];
  const meta = JSON.parse(readFileSync(join(ASSET_DIR, DETECTOR_META), 'utf8')) as DetectorMeta & { eval?: { ort?: { accuracy: number; perClass: Record<string, { test: number; correct: number }> } } };
  const byLabel = new Map(meta.classes.map((c) => [c.label, c]));

  // The first load in a process compiles ORT's 14 MB WASM; later ones create a session only (V8 may still be
  // optimising the WASM in the background during the second, so the median of four is reported).
  const first = new OnnxDetector(ASSET_DIR);
  await first.load();
  const later: number[] = [];
  let second = first;
  for (let i = 0; i < 4; i++) {
    second = new OnnxDetector(ASSET_DIR);
    await second.load();
    later.push(second.loadTimings!.loadMs);
    if (i < 3) await second.dispose();
  }
  lines.push(`detector: ${meta.classes.length} classes, model ${(readFileSync(join(ASSET_DIR, 'contentDetector.onnx')).length / 1024).toFixed(0)} KiB; ` +
    `first load in a process (ORT WASM compile + init + session) ${first.loadTimings!.loadMs.toFixed(0)} ms; session creation ${quantile(later, 0.5).toFixed(0)} ms (median of 4, files read included)`);

  const held: Held[] = existsSync(HELDOUT)
    ? readFileSync(HELDOUT, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Held)
    : [];
  const samples = held.length ? held.map((h) => h.text) : fixtures.map((f) => new TextDecoder().decode(f.input));
  for (const text of samples.slice(0, 20)) await second.detect(text);
  const times: number[] = [];
  for (const text of samples) {
    const start = performance.now();
    await second.detect(text);
    times.push(performance.now() - start);
  }
  lines.push(`detector inference over ${samples.length} samples after warm-up: p50 ${quantile(times, 0.5).toFixed(3)} ms, p95 ${quantile(times, 0.95).toFixed(3)} ms`);

  if (held.length) {
    const perClass = new Map<string, { n: number; label: number; learned: number; rules: number; router: number }>();
    let label = 0;
    let learned = 0;
    let rules = 0;
    let router = 0;
    for (const h of held) {
      const found = await second.detect(h.text);
      const want = byLabel.get(h.label)!.compressor;
      const row = perClass.get(h.label) ?? { n: 0, label: 0, learned: 0, rules: 0, router: 0 };
      row.n++;
      if (found?.label === h.label) { row.label++; label++; }
      if (found?.compressor === want) { row.learned++; learned++; }
      if (ruleOnly(h.text) === want) { row.rules++; rules++; }
      // Hint-less Markdown with no query or budget goes to the lossless instructions rewrite by design (route.ts).
      const picked = routed(h.text, found, engines);
      if (picked === want || (want === 'prose' && picked === 'instructions')) { row.router++; router++; }
      perClass.set(h.label, row);
    }
    lines.push(`detector on the unseen split (${held.length} texts from packages never trained on; label / learned compressor / rule-only compressor / router):`);
    for (const [l, r] of [...perClass].sort((a, b) => a[0].localeCompare(b[0]))) {
      lines.push(`  ${l.padEnd(12)} ${String(r.n).padStart(5)}  ${pct(r.label / r.n).padStart(6)}  ${pct(r.learned / r.n).padStart(6)}  ${pct(r.rules / r.n).padStart(6)}  ${pct(r.router / r.n).padStart(6)}  → ${byLabel.get(l)!.compressor}`);
    }
    lines.push(`detector accuracy (unseen split): label ${pct(label / held.length)}, compressor learned ${pct(learned / held.length)} vs rule-only ${pct(rules / held.length)}; router with detector ${pct(router / held.length)}`);
  } else if (meta.eval?.ort) {
    lines.push(`detector accuracy (unseen split, recorded by tools/train/verifyOrt.ts; build the dataset to measure here): ${pct(meta.eval.ort.accuracy)}`);
  }

  // The fixture corpus: with its hints, and with every hint removed (the detector decides).
  let withTokens = 0;
  let withoutTokens = 0;
  let before = 0;
  let needles = 0;
  let keptWith = 0;
  let keptWithout = 0;
  let sameCompressor = 0;
  const misrouted: string[] = [];
  for (const f of fixtures) {
    const hinted = compress(f.input, f.meta, engines);
    const options = hintless(f.meta);
    const decoded = decodeInput(f.input);
    let detected = engines;
    if (decoded.kind !== 'binary' && needsDetector(options)) {
      const text = renderTerminal(decoded.text).text;
      const found = await second.detect(text);
      detected = { ...engines, detector: { detect: (t: string) => (t === text ? found : undefined) } };
    }
    const bare = compress(f.input, options, detected);
    before += hinted.tokensBefore;
    withTokens += hinted.tokensAfter;
    withoutTokens += bare.tokensAfter;
    needles += f.meta.needles.length;
    keptWith += f.meta.needles.filter((n) => hinted.text.includes(n)).length;
    keptWithout += f.meta.needles.filter((n) => bare.text.includes(n)).length;
    const lost = f.meta.needles.filter((n) => hinted.text.includes(n) && !bare.text.includes(n)).length;
    if (bare.compressor === hinted.compressor) sameCompressor++;
    else misrouted.push(`${f.compressorId}/${f.name}→${bare.compressor}${lost ? ` (${lost} needles lost)` : ''}`);
  }
  lines.push(`fixtures with hints: tokens ${before}→${withTokens} (−${pct(1 - withTokens / before)}), needles ${keptWith}/${needles}; ` +
    `hints removed: ${before}→${withoutTokens} (−${pct(1 - withoutTokens / before)}), needles ${keptWithout}/${needles}, same compressor ${sameCompressor}/${fixtures.length}`);
  if (misrouted.length) lines.push(`  routed elsewhere without hints: ${misrouted.join(', ')}`);
  await Promise.all([first.dispose(), second.dispose()]);
  return lines;
}
