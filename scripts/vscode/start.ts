// `npm start`: builds the extension, packs it into a .vsix and opens it in a real VS Code a person
// can use: the desktop VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1 with a
// sample workspace (the URL is printed; Ctrl-C stops it).
//
//   npm start [-- --port N] [-- --code-server] [-- --check]
//     --port N       code-server's port (default 8765, or a free one when that is taken)
//     --code-server  use code-server even when desktop `code` is on PATH
//     --check        start, check in headless Chromium that Headroom is running, screenshot, stop
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, trustWorkspace, workbenchUrl } from './browser';
import { codeServerCli, freePort, killLeftovers, portIsFree, startCodeServer, type CodeServer } from './codeServer';
import { ARTIFACTS_DIR, REPO_ROOT, SAMPLE_WORKSPACE, cacheDir } from './config';
import { ensureInstalled, type Log } from './setup';

const DEFAULT_PORT = 8765;
/** Real captured logs from the fixtures, copied into the sample workspace to try @headroom on. */
const SAMPLE_LOGS: readonly (readonly [fixtureCase: string, name: string])[] = [
  ['node-test-spec-failures', 'node-test-failures.log'],
  ['npm-install-http', 'npm-install.log'],
];

export interface Started {
  readonly server: CodeServer;
  readonly url: string;
  readonly runDir: string;
  stop(): Promise<void>;
}

/** Builds and packs the extension into `dir`; returns the .vsix path (kept out of the repo). */
export function packExtension(dir: string, log: Log): string {
  run(process.execPath, ['esbuild.mjs']);
  return packFolder(REPO_ROOT, dir, log);
}

/** Packs an unpacked extension folder with vsce (no dependencies: the bundles are self-contained). */
function packFolder(folder: string, dir: string, log: Log): string {
  const { version, name } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string; name: string };
  mkdirSync(dir, { recursive: true });
  const vsix = join(dir, `${name}-${version}.vsix`);
  const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', vsix], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package in ${folder} failed:\n${result.stdout}${result.stderr}`);
  log(`packed ${vsix}`);
  return vsix;
}

/** The sample workspace with real logs to try on, refreshed from the repo on every start. */
export function prepareWorkspace(target: string): string {
  rmSync(target, { recursive: true, force: true });
  cpSync(SAMPLE_WORKSPACE, target, { recursive: true });
  mkdirSync(join(target, 'logs'), { recursive: true });
  for (const [fixtureCase, name] of SAMPLE_LOGS) {
    const source = findFixture(join(REPO_ROOT, 'test', 'fixtures'), `${fixtureCase}.txt`);
    if (source) cpSync(source, join(target, 'logs', name));
  }
  return target;
}

export interface StartOptions {
  readonly port?: number;
  /** Holds the server's state, the .vsix and the sample workspace; default `<cache>/start`. */
  readonly stateDir?: string;
  readonly log: Log;
}

/** code-server with the packed extension installed, as a person gets it from `npm start`. */
export async function startForPerson(options: StartOptions): Promise<Started> {
  const { log } = options;
  const stateDir = options.stateDir ?? join(cacheDir(), 'start');
  const installation = await ensureInstalled(log);
  const vsix = packExtension(stateDir, log);
  const runDir = join(stateDir, 'server');
  mkdirSync(runDir, { recursive: true });
  const workspace = prepareWorkspace(join(stateDir, 'sample-workspace'));
  const install = codeServerCli(installation, runDir, ['--force', '--install-extension', vsix]);
  if (install.status !== 0) throw new Error(`installing ${vsix} into code-server failed:\n${install.output}`);
  // A stable port is easier to remember; fall back to a free one when it is taken.
  const port = options.port ?? ((await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort());
  const server = await startCodeServer({ installation, runDir, port, workspace, forTests: false, log });
  const url = workbenchUrl(server.origin, workspace);
  return {
    server,
    url,
    runDir,
    async stop() {
      await server.stop();
      killLeftovers(runDir, log);
    },
  };
}

/** Opens the workbench headless, trusts the folder, waits for Headroom's status-bar item, and screenshots it. */
async function check(started: Started, chromium: string, log: Log): Promise<void> {
  const browser = await launchBrowser(chromium, started.runDir);
  try {
    const page = await openPage(browser);
    await page.goto(started.url, { timeout: 60_000 });
    await trustWorkspace(page);
    await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Headroom' }).first().waitFor({ timeout: 90_000 });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'start-check.png') });
    log(`check passed: Headroom is running in ${started.url} (screenshot .test-artifacts/start-check.png)`);
  } finally {
    await browser.close();
  }
}

function run(file: string, args: string[]): void {
  const result = spawnSync(file, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[file, ...args].join(' ')} failed (exit ${result.status})`);
}

function findFixture(dir: string, fileName: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? findFixture(path, fileName) : entry.name === fileName ? path : undefined;
    if (found) return found;
  }
  return undefined;
}

function desktopCode(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout?.trim();
  return found && existsSync(found) ? found : undefined;
}

async function main(argv: string[]): Promise<number> {
  const log: Log = (message) => console.log(`[start] ${message}`);
  const flag = (name: string) => argv.includes(`--${name}`);
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error('start: --port needs a port number');
    return 2;
  }

  const code = flag('code-server') || flag('check') ? undefined : desktopCode();
  if (code) {
    const stateDir = join(cacheDir(), 'start');
    const vsix = packExtension(stateDir, log);
    run(code, ['--install-extension', vsix, '--force']);
    const workspace = prepareWorkspace(join(stateDir, 'sample-workspace'));
    run(code, [workspace]);
    log(`Headroom is installed in your VS Code (${code}) and the sample workspace is open: ${workspace}`);
    return 0;
  }

  const started = await startForPerson({ port, log });
  if (flag('check')) {
    try {
      await check(started, (await ensureInstalled(() => undefined)).chromium, log);
      return 0;
    } finally {
      await started.stop();
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void started.stop().finally(() => process.exit(0)));
  }
  console.log(`\nHeadroom is running in VS Code (code-server) — open this URL in a browser:\n\n  ${started.url}\n`);
  console.log('Trust the folder when asked, then: Headroom in the status bar, "Headroom: Show Log" in the Command Palette, and');
  console.log('@headroom in the Chat view (needs a chat model: sign in to GitHub Copilot) with logs/node-test-failures.log attached.');
  console.log('Press Ctrl-C to stop.');
  await new Promise(() => undefined);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: Error) => {
    console.error(`[start] ${error.message}`);
    process.exit(1);
  });
}
