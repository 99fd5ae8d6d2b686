// `npm run test:vscode`: installs what is missing, builds, then runs
//   1. the extension-host suite inside a real VS Code (test/vscode/suite, via runTests.ts),
//   2. the runner's own tests and the browser test in Node (test/vscode/*.test.ts, browser/*.test.ts),
// and closes with one `N passed, N failed` line for all of them. Exits non-zero if anything failed.
//   --only suite|runner|browser   runs only that part (comma-separated for several)
//   HEADROOM_VSCODE_GREP=pattern  runs only the extension-host tests whose title matches
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SUMMARY } from '../../test/vscode/protocol';
import { buildTests } from './buildTests';
import { OUT_DIR, REPO_ROOT } from './config';
import { ensureInstalled } from './setup';

type MochaClass = typeof import('mocha');

const PARTS = ['suite', 'runner', 'browser'] as const;
type Part = (typeof PARTS)[number];
const NODE_SIDE_TESTS: Readonly<Record<Exclude<Part, 'suite'>, string>> = {
  runner: join(REPO_ROOT, 'test', 'vscode', 'runner.test.ts'),
  browser: join(REPO_ROOT, 'test', 'vscode', 'browser', 'workbench.test.ts'),
};

interface Counts {
  passed: number;
  failed: number;
}

function selectedParts(argv: readonly string[]): Set<Part> {
  const index = argv.indexOf('--only');
  if (index < 0) return new Set(PARTS);
  const chosen = (argv[index + 1] ?? '').split(',');
  const unknown = chosen.filter((part) => !PARTS.includes(part as Part));
  if (unknown.length > 0) throw new Error(`--only takes ${PARTS.join(', ')}; got ${unknown.join(', ')}`);
  return new Set(chosen as Part[]);
}

async function main(): Promise<number> {
  const parts = selectedParts(process.argv.slice(2));
  const started = Date.now();
  const lap = (message: string) => console.log(`[test:vscode ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  await ensureInstalled(lap);
  lap('VS Code and Chromium are installed');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.mjs failed');
  await buildTests();
  lap('built the extension and the tests');

  const host = parts.has('suite') ? await extensionHostSuite() : { passed: 0, failed: 0 };
  if (parts.has('suite')) lap(`extension-host suite: ${host.passed} passed, ${host.failed} failed`);
  const files = PARTS.filter((part): part is Exclude<Part, 'suite'> => part !== 'suite' && parts.has(part)).map((part) => NODE_SIDE_TESTS[part]);
  const node = files.length > 0 ? await nodeSideTests(files) : { passed: 0, failed: 0 };
  if (files.length > 0) lap(`runner and browser tests: ${node.passed} passed, ${node.failed} failed`);

  const passed = host.passed + node.passed;
  const failed = host.failed + node.failed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

/** Runs the suite through the runner CLI (as CI and developers do), echoing its output. */
function extensionHostSuite(): Promise<Counts> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'runTests.ts'), '--extensionTestsPath', join(OUT_DIR, 'suite', 'index.js')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const summary = SUMMARY.exec(output);
      const counts = summary ? { passed: Number(summary[1]), failed: Number(summary[2]) } : { passed: 0, failed: 0 };
      // A run that failed without a failing test (it never started, crashed, timed out) counts as one failure.
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolve(counts);
    });
  });
}

async function nodeSideTests(files: readonly string[]): Promise<Counts> {
  // mocha 12 is an ES module; require() hands back its namespace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as { default?: MochaClass; Mocha?: MochaClass };
  const Mocha = (loaded.default ?? loaded.Mocha)!;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 180_000 });
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
}

if (require.main === module) {
  main().then((code) => process.exit(code), (error: Error) => {
    console.error(`[test:vscode] ${error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}
