// npm run bench — the project's numbers, measured on its own committed fixtures:
// per fixture tokens before/after, needles kept and engine time; per family and overall summaries;
// cold starts of the WASM engines in fresh processes; bundle and VSIX sizes, activation in a real
// VS Code, throughput on large logs. The last line is the summary.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compress } from '../../src/compressors/compress';
import type { CompressResult, Engines, TokenCounter } from '../../src/compressors/types';
import { ASSET_DIR, ROOT, testEngines } from '../helpers/engines';
import { fixtureCases, type FixtureCase } from '../helpers/fixtures';
import { benchDetector } from './detectorBench';
import { benchActivation, benchPackage, benchThroughput } from './packageBench';
import { benchProseModel } from './proseModelBench';

const WARM_RUNS = 3;
const TIMED_RUNS = 7;

interface Row {
  readonly name: string;
  readonly family: string;
  readonly compressor: string;
  readonly before: number;
  readonly after: number;
  readonly needles: number;
  readonly kept: number;
  readonly ms: number;
  /** Characters the tokenizer saw in one call, divided by input + output characters. */
  readonly tokenizedRatio: number;
}

/** Wraps the counter to see how much text one compress call tokenizes. */
function metered(tokens: TokenCounter): { tokens: TokenCounter; seen: () => number; reset: () => void } {
  let chars = 0;
  return {
    tokens: {
      encoding: tokens.encoding,
      count: (text) => { chars += text.length; return tokens.count(text); },
      ...(tokens.countLines ? { countLines: (text: string) => { chars += text.length; return tokens.countLines!(text); } } : {}),
    },
    seen: () => chars,
    reset: () => { chars = 0; },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(fixture: FixtureCase, engines: Engines): Row {
  const meter = metered(engines.tokens);
  const meteredEngines: Engines = { ...engines, tokens: meter.tokens };
  let result: CompressResult = compress(fixture.input, fixture.meta, meteredEngines);
  const tokenizedRatio = meter.seen() / (new TextDecoder().decode(fixture.input).length + result.text.length);
  for (let i = 0; i < WARM_RUNS; i++) compress(fixture.input, fixture.meta, engines);
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = performance.now();
    result = compress(fixture.input, fixture.meta, engines);
    times.push(performance.now() - start);
  }
  const kept = fixture.meta.needles.filter((n) => result.text.includes(n)).length;
  return {
    name: `${fixture.family}/${fixture.compressorId}/${fixture.name}`,
    family: fixture.family,
    compressor: result.compressor,
    before: result.tokensBefore,
    after: result.tokensAfter,
    needles: fixture.meta.needles.length,
    kept,
    ms: median(times),
    tokenizedRatio,
  };
}

function summarise(label: string, rows: Row[]): string {
  const before = rows.reduce((s, r) => s + r.before, 0);
  const after = rows.reduce((s, r) => s + r.after, 0);
  const mean = rows.reduce((s, r) => s + (1 - r.after / Math.max(1, r.before)), 0) / Math.max(1, rows.length);
  const needles = rows.reduce((s, r) => s + r.needles, 0);
  const kept = rows.reduce((s, r) => s + r.kept, 0);
  const larger = rows.filter((r) => r.after > r.before).length;
  const ms = rows.map((r) => r.ms);
  return `${label}: fixtures=${rows.length} tokens=${before}→${after} aggregate=−${pct(1 - after / Math.max(1, before))} mean=−${pct(mean)} ` +
    `needles=${kept}/${needles} (${pct(needles ? kept / needles : 1)}) larger=${larger} p50=${median(ms).toFixed(2)}ms p95=${percentile(ms, 0.95).toFixed(2)}ms`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** Median wall time of a fresh Node process running `args`, over five runs. */
function timeProcess(args: string[]): number {
  return median([0, 1, 2, 3, 4].map(() => {
    const start = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT });
    return performance.now() - start;
  }));
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return sum + (stat.isDirectory() ? folderBytes(path) : stat.size);
  }, 0);
}

async function main(): Promise<void> {
  const engines = await testEngines();
  const rows = fixtureCases().map((fixture) => measure(fixture, engines));

  console.log('fixture'.padEnd(64), 'compressor'.padEnd(14), 'before'.padStart(8), 'after'.padStart(8), 'saved'.padStart(7), 'needles'.padStart(8), 'ms'.padStart(8));
  for (const r of rows) {
    console.log(r.name.padEnd(64), r.compressor.padEnd(14), String(r.before).padStart(8), String(r.after).padStart(8),
      pct(1 - r.after / Math.max(1, r.before)).padStart(7), `${r.kept}/${r.needles}`.padStart(8), r.ms.toFixed(2).padStart(8));
  }
  console.log();
  for (const family of [...new Set(rows.map((r) => r.family))]) console.log(summarise(`family ${family}`, rows.filter((r) => r.family === family)));

  const worstRatio = Math.max(...rows.map((r) => r.tokenizedRatio));
  const twice = rows.filter((r) => r.tokenizedRatio > 1.001).map((r) => `${r.name} ${r.tokenizedRatio.toFixed(2)}`);
  console.log(`tokenized text per call ÷ (input + output): max ${worstRatio.toFixed(2)} (≤ 1.00 means no bytes were tokenized twice)${twice.length ? `; over 1: ${twice.join(', ')}` : ''}`);

  // Cold start in fresh processes: bare Node, then the CLI counting one word (bundle + tiktoken WASM + o200k ranks).
  const nodeMs = timeProcess(['-e', '0']);
  const cliMs = timeProcess([join(ROOT, 'dist', 'cli.js'), 'count', join(ROOT, 'LICENSE')]);
  console.log(`cold start: node ${nodeMs.toFixed(0)} ms; \`node dist/cli.js count\` ${cliMs.toFixed(0)} ms → tokenizer load ≈ ${(cliMs - nodeMs).toFixed(0)} ms`);
  // web-tree-sitter's runtime, the TypeScript grammar and the first parse of a 39 KB file, as src/runtime/treeSitter.ts loads them.
  const treeSitterMs = timeProcess(['-e',
    `const {Parser,Language}=require('web-tree-sitter');const fs=require('fs');const d=${JSON.stringify(ASSET_DIR)};` +
    `const src=fs.readFileSync(${JSON.stringify(join(ROOT, 'test', 'fixtures', 'code', 'code', 'xterm-selection-service.ts'))},'utf8');` +
    `Parser.init({locateFile:(f)=>d+'/'+f}).then(()=>Language.load(new Uint8Array(fs.readFileSync(d+'/grammars/tree-sitter-typescript.wasm'))))` +
    `.then((l)=>{const p=new Parser();p.setLanguage(l);p.parse(src).delete();p.delete();})`]);
  console.log(`cold start: web-tree-sitter + TypeScript grammar + first parse of a 39 KB file ${treeSitterMs.toFixed(0)} ms → ≈ ${(treeSitterMs - nodeMs).toFixed(0)} ms over bare node`);
  console.log(`sizes: dist/extension.js ${kib(statSync(join(ROOT, 'dist', 'extension.js')).size)}, dist/cli.js ${kib(statSync(join(ROOT, 'dist', 'cli.js')).size)}, dist/assets ${kib(folderBytes(ASSET_DIR))}`);
  for (const line of await benchDetector(engines, fixtureCases())) console.log(line);
  for (const line of await benchProseModel(fixtureCases())) console.log(line);
  for (const line of [...benchThroughput(engines, fixtureCases()), ...benchPackage(), ...benchActivation()]) console.log(line);
  console.log();
  console.log(summarise('SUMMARY', rows));
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
