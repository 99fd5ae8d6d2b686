// Starts code-server (VS Code's server and web workbench) on 127.0.0.1 in its own process group,
// with every bit of state in one run folder, and stops it with the whole group.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Installation } from './config';

/** A /proc entry that is a process: `/proc/1234`. */
const PID_DIR = /^\d+$/;
/** The state field of /proc/<pid>/stat, for a zombie: `1234 (node) Z 1 …`. */
const ZOMBIE_STATE = /\) Z /;

/** Set in the environment of everything a run starts, so leftovers can be found by it (see `processesOfRun`). */
export const RUN_MARKER = 'HEADROOM_VSCODE_RUN';

export interface CodeServerOptions {
  readonly installation: Installation;
  /** Holds user data, extensions, config and logs of this run. */
  readonly runDir: string;
  /** A fixed port; by default a free one is picked. */
  readonly port?: number;
  /** Folder the workbench opens. */
  readonly workspace?: string;
  /**
   * Tests: honour the workbench URL's `payload` (extensionDevelopmentPath, extensionTestsPath; a built
   * workbench ignores it without the smoke-test driver), trust every folder, and drop a closed page's
   * extension host after 10 s instead of 3 h.
   */
  readonly forTests: boolean;
  /**
   * Unpacked extension folders to install before the server starts. The workbench URL's payload takes
   * only one extensionDevelopmentPath, so further ones (the fake model) are installed this way.
   */
  readonly install?: readonly string[];
  readonly log: (message: string) => void;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly pid: number;
  readonly logFile: string;
  /** Stops the whole process group: SIGTERM, then SIGKILL after 3 s. */
  stop(): Promise<void>;
}

export class PortTakenError extends Error {}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { installation, runDir, forTests, log } = options;
  const port = options.port ?? (await freePort());
  if (options.port !== undefined && !(await portIsFree(port))) {
    throw new PortTakenError(`port 127.0.0.1:${port} is already in use; free it, choose another with --port, or leave --port out to use a free one`);
  }
  const dirs = { userData: join(runDir, 'user-data'), extensions: join(runDir, 'extensions'), logs: join(runDir, 'logs') };
  for (const dir of [...Object.values(dirs), join(dirs.userData, 'User'), join(runDir, 'xdg', 'config'), join(runDir, 'xdg', 'data')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // On its first start the server registers every folder it finds in the extensions folder.
  for (const folder of options.install ?? []) {
    const { publisher, name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, string>;
    cpSync(folder, join(dirs.extensions, `${publisher}.${name}-${version}`), { recursive: true });
  }
  const settings = join(dirs.userData, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify(quietSettings(forTests), null, 2));

  const logFile = join(dirs.logs, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    installation.codeServer,
    '--config', join(runDir, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(forTests ? ['--disable-workspace-trust', '--reconnection-grace-time', '10', '--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.workspace ? [options.workspace] : []),
  ];
  const child = spawn(installation.node, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      // code-server otherwise writes ~/.config/code-server/config.yaml (with a password) and ~/.local/share/code-server.
      XDG_CONFIG_HOME: join(runDir, 'xdg', 'config'),
      XDG_DATA_HOME: join(runDir, 'xdg', 'data'),
      [RUN_MARKER]: runDir,
    },
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${installation.node}`);
  let exitCode: number | null | undefined;
  child.on('exit', (code, signal) => (exitCode = code ?? (signal ? 128 : null)));
  const killGroup = () => signalGroup(pid, 'SIGKILL');
  process.on('exit', killGroup);
  log(`code-server pid ${pid} (own process group) on 127.0.0.1:${port}; run folder ${runDir}`);

  const server: CodeServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid,
    logFile,
    async stop() {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + 3000;
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
      while (groupAlive(pid) && Date.now() < deadline + 2000) await sleep(50);
      process.off('exit', killGroup);
    },
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) {
      await server.stop();
      throw new Error(`code-server exited (code ${exitCode}) before it was ready. Last lines of ${logFile}:\n${tail(logFile, 15)}`);
    }
    if (await healthy(server.origin)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${server.origin} within 60 s. Last lines of ${logFile}:\n${tail(logFile, 15)}`);
    }
    await sleep(100);
  }
}

/** Settings that keep the workbench from showing welcome pages, tips and update prompts. */
function quietSettings(forTests: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': forTests ? 'none' : 'readme',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.tips.enabled': false,
    ...(forTests ? { 'security.workspace.trust.enabled': false } : {}),
  };
}

async function healthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of live processes started for `runDir` (their environment carries the run marker). Linux only. */
export function processesOfRun(runDir: string): number[] {
  if (!existsSync('/proc')) return [];
  const needle = Buffer.from(`\0${RUN_MARKER}=${runDir}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!PID_DIR.test(entry)) continue;
    try {
      const environ = Buffer.concat([Buffer.from('\0'), readFileSync(`/proc/${entry}/environ`)]);
      if (environ.includes(needle) && !isZombie(entry)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

function isZombie(pid: string): boolean {
  try {
    return ZOMBIE_STATE.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Last resort after a run: kill whatever it left behind, and say so. */
export function killLeftovers(runDir: string, log: (message: string) => void): number[] {
  const left = processesOfRun(runDir);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (left.length > 0) log(`killed ${left.length} process(es) the run left behind: ${left.join(' ')}`);
  return left;
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((line) => `  | ${line}`).join('\n');
  } catch {
    return '  | (no log)';
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `spawnSync` wrapper used by the start script to install a .vsix into this server's extensions folder. */
export function codeServerCli(installation: Installation, runDir: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(installation.node, [installation.codeServer, '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg', 'config'), XDG_DATA_HOME: join(runDir, 'xdg', 'data'), [RUN_MARKER]: runDir },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
