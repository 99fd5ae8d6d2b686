// Runs an extension-host test suite inside a real VS Code (code-server's Node extension host, driven
// by headless Chromium) and exits with the suite's status.
//
//   node --import tsx scripts/vscode/runTests.ts --extensionTestsPath out/test/vscode/suite/index.js
//     [--extensionDevelopmentPath DIR ...]  default: this repo, then the fake model extension
//                              (the first is loaded as the development extension, the rest installed)
//     [--workspace DIR]        default: a throw-away copy of test/vscode/sampleWorkspace
//     [--port N]               default: a free port
//     [--timeout S]            whole run, default 300
//     [--connect-timeout S]    until the extension host starts the tests, default 120
//     [--chromium PATH] [--name NAME] [--verbose] [--keep]
//
// Flags it does not know (Electron's, from @vscode/test-electron) are ignored; a bare argument is the
// workspace. Exit status: the suite's (0 or 1), 1 when the run itself failed, 2 on a usage error.
import { cpSync, existsSync, mkdirSync, mkdtempSync, appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { STARTED_LINE } from '../../test/vscode/protocol';
import { launchBrowser, openPage, workbenchUrl } from './browser';
import { killLeftovers, startCodeServer, tail, type CodeServer } from './codeServer';
import { ARTIFACTS_DIR, FAKE_MODEL_DIR, REPO_ROOT, SAMPLE_WORKSPACE } from './config';
import { ensureInstalled, findChromium } from './setup';

interface Args {
  extensionDevelopmentPath: string[];
  extensionTestsPath?: string;
  workspace?: string;
  port?: number;
  timeout: number;
  connectTimeout: number;
  chromium?: string;
  name: string;
  verbose: boolean;
  keep: boolean;
}

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'workspace', 'port', 'timeout', 'connect-timeout', 'chromium', 'name']);
const SWITCHES = new Set(['verbose', 'keep']);

/** Workbench chatter that is not test output; all of it still lands in logs/workbench-console.log. */
const NOISE = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/, // "[AgentHost] No signed-in session"
  /getaddrinfo ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED/, // the gallery, unreachable here
  /Timed out waiting for authentication provider/, // "… provider 'github' to register"
  /^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin extensions cache/,
  /Canceled: Canceled/, // requests still streaming when the extension host exits
];

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { extensionDevelopmentPath: [], timeout: 300, connectTimeout: 120, name: 'extension-host', verbose: false, keep: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    if (SWITCHES.has(key)) {
      (args as unknown as Record<string, boolean>)[key] = true;
      continue;
    }
    if (!VALUE_FLAGS.has(key)) continue; // an Electron flag from test-electron
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${key} needs a value`);
    if (key === 'extensionDevelopmentPath') args.extensionDevelopmentPath.push(resolve(value));
    else if (key === 'extensionTestsPath') args.extensionTestsPath = resolve(value);
    else if (key === 'workspace') args.workspace = resolve(value);
    else if (key === 'chromium') args.chromium = value;
    else if (key === 'name') args.name = value;
    else {
      const number = Number(value);
      if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--${key} needs a positive whole number, got "${value}"`);
      if (key === 'port') args.port = number;
      else if (key === 'timeout') args.timeout = number;
      else args.connectTimeout = number;
    }
  }
  if (!args.workspace && positional.length > 0) args.workspace = resolve(positional[positional.length - 1]);
  if (!args.extensionTestsPath) throw new UsageError('--extensionTestsPath is required (the compiled suite entry, e.g. out/test/vscode/suite/index.js)');
  if (args.extensionDevelopmentPath.length === 0) args.extensionDevelopmentPath.push(REPO_ROOT, FAKE_MODEL_DIR);
  return args;
}

class UsageError extends Error {}

type Outcome = { code: number } | { failure: string; screenshot?: boolean };

async function main(): Promise<number> {
  const started = Date.now();
  const say = (message: string) => console.log(`[runner ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`runTests: ${error.message}`);
    return 2;
  }
  for (const path of [args.extensionTestsPath!, ...args.extensionDevelopmentPath]) {
    if (!existsSync(path)) {
      console.error(`runTests: not found: ${path} (run \`node --import tsx scripts/vscode/buildTests.ts\` first?)`);
      return 2;
    }
  }

  const installation = await ensureInstalled(say);
  const chromiumPath = args.chromium ?? findChromium() ?? installation.chromium;
  const runDir = mkdtempSync(join(tmpdir(), `headroom-vscode-${args.name}-`));
  const logs = join(runDir, 'logs');
  mkdirSync(logs, { recursive: true });
  say(`run folder ${runDir}`);
  const workspace = args.workspace ?? join(runDir, 'workspace');
  if (!args.workspace) cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let stopping = false;
  const cleanUp = async () => {
    if (stopping) return;
    stopping = true;
    await withTimeout(browser?.close(), 10_000).catch(() => undefined);
    await server?.stop();
    killLeftovers(runDir, say);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping`);
      void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  let outcome: Outcome;
  try {
    // The payload carries one extensionDevelopmentPath; the others are installed into the server.
    const [developed, ...installed] = args.extensionDevelopmentPath;
    server = await startCodeServer({ installation, runDir, port: args.port, workspace, forTests: true, install: installed, log: say });
    browser = await launchBrowser(chromiumPath, runDir);
    page = await openPage(browser);
    outcome = await runSuite(page, server, { ...args, extensionDevelopmentPath: [developed] }, workspace, logs, say);
  } catch (error) {
    outcome = { failure: error instanceof Error ? error.message : String(error) };
  }

  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const screenshot = join(ARTIFACTS_DIR, `${args.name}.png`);
  rmSync(screenshot, { force: true });
  if (page) await withTimeout(page.screenshot({ path: screenshot }), 10_000).catch(() => undefined);
  await cleanUp();

  const failed = 'failure' in outcome || outcome.code !== 0;
  if (failed) {
    const kept = join(ARTIFACTS_DIR, `${args.name}-logs`);
    rmSync(kept, { recursive: true, force: true });
    cpSync(logs, kept, { recursive: true });
    if ('failure' in outcome) say(`FAILED: ${outcome.failure}`);
    say(`logs: ${kept}${existsSync(screenshot) ? `; screenshot: ${screenshot}` : ' (no page, so no screenshot)'}`);
  } else {
    say(`done; screenshot: ${screenshot}`);
  }
  if (!failed && !args.keep) rmSync(runDir, { recursive: true, force: true });
  return 'failure' in outcome ? 1 : outcome.code;
}

async function runSuite(page: Page, server: CodeServer, args: Args, workspace: string, logs: string, say: (message: string) => void): Promise<Outcome> {
  const consoleLog = join(logs, 'workbench-console.log');
  let connected = false;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  // The smoke-test driver in the workbench calls these: the extension host's console, then its exit code.
  await page.exposeFunction('codeAutomationLog', (type: string, parts: unknown) => {
    // Arguments as console.log got them (mocha's reporter passes format strings: "%s%s").
    const text = format(...(Array.isArray(parts) ? parts : [parts]));
    appendFileSync(consoleLog, `[${type}] ${text}\n`);
    if (text.includes(STARTED_LINE)) connected = true;
    if (args.verbose || !NOISE.some((pattern) => pattern.test(text))) console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number, files?: { relativePath: string; contents: string }[]) => {
    for (const file of files ?? []) {
      const target = join(logs, 'workbench', file.relativePath);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, file.contents);
    }
    finish(Number(code));
  });
  page.on('pageerror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.message}\n`));
  if (process.env.HEADROOM_RUNNER_FAULT === 'block-websockets') {
    // Fault injection for the runner's own test: the workbench loads, but no connection to the
    // server (and so no extension host) ever opens, as behind a proxy that drops WebSockets.
    await page.routeWebSocket(/.*/, (socket) => socket.close());
  }

  const payload: [string, string][] = [
    ...args.extensionDevelopmentPath.map((path): [string, string] => ['extensionDevelopmentPath', path]),
    ['extensionTestsPath', args.extensionTestsPath!],
  ];
  await page.goto(workbenchUrl(server.origin, workspace, payload), { timeout: 60_000 });
  say('workbench loaded; waiting for the extension host to run the tests');

  const started = Date.now();
  const connectBy = started + args.connectTimeout * 1000;
  const endBy = started + args.timeout * 1000;
  let code: number | undefined;
  void finished.then((value) => (code = value));
  while (code === undefined) {
    if (!connected && Date.now() > connectBy) {
      return {
        failure: `the extension host did not start the tests within ${args.connectTimeout} s: it never connected to the workbench, or could not load ` +
          `${args.extensionTestsPath}. Last lines of the server log:\n${tail(server.logFile, 10)}`,
      };
    }
    if (Date.now() > endBy) return { failure: `the tests did not finish within ${args.timeout} s (raise --timeout if the suite grew)` };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  say(`extension host exited with code ${code}`);
  return { code };
}

function withTimeout<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!promise) return Promise.resolve(undefined);
  return Promise.race([promise, new Promise<undefined>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);
}

if (require.main === module) {
  main().then((code) => process.exit(code), (error: Error) => {
    console.error(`runTests: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
