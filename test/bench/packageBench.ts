// What a user installs and waits for: the VSIX's size, activate() in a real VS Code, and how fast
// large logs go through the engine. Called by bench.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compress } from '../../src/compressors/compress';
import { COMPRESSORS } from '../../src/compressors/registry';
import type { CompressOptions, Engines } from '../../src/compressors/types';
import { installPaths } from '../../scripts/vscode/config';
import { packExtension } from '../../scripts/vscode/start';
import { ROOT } from '../helpers/engines';
import type { FixtureCase } from '../helpers/fixtures';

/** The limit the issue sets for the packed extension, onnxruntime-web included. */
const VSIX_LIMIT_MB = 20;
/** Size of the synthetic large inputs: real fixture logs repeated to this many bytes. */
const LARGE_INPUT_BYTES = 4 * 1024 * 1024;
// `      activation: activate() took 3.21 ms in VS Code 1.139.1; bundle 1085 KB`
const ACTIVATION_LINE = /activation: activate\(\) took ([\d.]+) ms in VS Code ([\d.]+)/;

export function benchPackage(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-vsix-'));
  try {
    const vsix = packExtension(dir, () => undefined);
    const mb = statSync(vsix).size / (1024 * 1024);
    return [`vsix: ${mb.toFixed(1)} MB (limit ${VSIX_LIMIT_MB} MB)`];
  } catch (error) {
    return [`vsix: not packed (${String(error).split('\n')[0]})`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * activate() timed inside a real VS Code (the extension-host activation test prints it). Needs the
 * cached code-server that `npm run test:vscode` installs; without it the line says so.
 */
export function benchActivation(): string[] {
  const paths = installPaths();
  if (!existsSync(paths.codeServer) || !existsSync(paths.nodeStamp)) return ['activation: not measured (code-server is not installed yet: `npm run test:vscode` installs it)'];
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'vscode', 'test.ts'), '--only', 'suite'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HEADROOM_VSCODE_GREP: 'activates at startup' },
    timeout: 300_000,
  });
  const match = ACTIVATION_LINE.exec(`${run.stdout}${run.stderr}`);
  if (!match) return [`activation: not measured (the extension-host run printed no timing; exit ${run.status})`];
  return [`activation: activate() ${Number(match[1]).toFixed(1)} ms in a real VS Code ${match[2]} (WASM engines load on first use, not here)`];
}

/** Engine throughput on large inputs: the log fixtures through the log compressor, the shell ones through the generic one, repeated to 4 MiB. */
export function benchThroughput(engines: Engines, cases: readonly FixtureCase[]): string[] {
  const sets: [string, readonly FixtureCase[], CompressOptions][] = [
    ['log', cases.filter((c) => c.family === 'log'), { type: 'log' }],
    ['generic', cases.filter((c) => c.family === 'shell'), { disabled: COMPRESSORS.map((c) => c.id) }],
  ];
  return sets.map(([name, chosen, options]) => {
    const text = largeText(chosen.map((c) => new TextDecoder().decode(c.input)));
    compress(text.slice(0, 64 * 1024), options, engines); // warm the code paths
    const start = performance.now();
    const result = compress(text, options, engines);
    const seconds = (performance.now() - start) / 1000;
    const mb = Buffer.byteLength(text) / (1024 * 1024);
    return `throughput (${name}, ${mb.toFixed(1)} MiB of real fixture text): ${(mb / seconds).toFixed(1)} MiB/s, tokens ${result.tokensBefore}→${result.tokensAfter} by ${result.compressor}`;
  });
}

function largeText(texts: readonly string[]): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < LARGE_INPUT_BYTES && texts.length > 0; i++) {
    const text = texts[i % texts.length];
    parts.push(text);
    size += text.length;
  }
  return parts.join('\n');
}
