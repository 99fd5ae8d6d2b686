// Installs and removes Headroom's PreToolUse entry in `.github/hooks/headroom.json` (VS Code agent
// hooks format). The file is merged, never clobbered: other events, other PreToolUse entries and
// unknown keys are kept as they are; a file that is not plain JSON in the expected shape is refused.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { quote as posixQuote } from './rewriteCommand';

export const HOOK_FILE = join('.github', 'hooks', 'headroom.json');
/** Seconds VS Code gives the hook before it gives up (its default is 30; ours answers in well under one). */
export const HOOK_TIMEOUT_SECONDS = 10;
// `"/usr/bin/node" '/ext/dist/cli.js' hook --shell bash` — an entry this extension wrote
const OUR_COMMAND = /cli\.js['"]? hook(?: |$)/;

export interface HookEntry {
  readonly type: 'command';
  readonly command: string;
  readonly windows?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeout: number;
}

export interface HookRunner {
  /** The Node executable that runs the CLI. */
  readonly node: string;
  /** True when `node` is VS Code's own executable, which runs as Node only with ELECTRON_RUN_AS_NODE=1. */
  readonly electron: boolean;
  /** The bundled CLI (`<extension>/dist/cli.js`). */
  readonly cli: string;
  /** The terminal's shell, passed to the hook so it only rewrites for shells it supports. */
  readonly shell?: string;
}

export type HookFileResult =
  | { readonly ok: true; readonly status: 'created' | 'updated' | 'unchanged' | 'removed' | 'file-removed' | 'not-installed'; readonly path: string; readonly otherHooks: number }
  | { readonly ok: false; readonly path: string; readonly error: string };

/** The hook entry that runs `cli hook` with the given Node. */
export function hookEntry(runner: HookRunner): HookEntry {
  const shellArg = runner.shell ? ` --shell ${posixQuote(runner.shell)}` : '';
  return {
    type: 'command',
    command: `${posixQuote(runner.node)} ${posixQuote(runner.cli)} hook${shellArg}`,
    windows: `"${runner.node}" "${runner.cli}" hook${runner.shell ? ` --shell "${runner.shell}"` : ''}`,
    ...(runner.electron ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}),
    timeout: HOOK_TIMEOUT_SECONDS,
  };
}

/** Adds (or refreshes) Headroom's entry under hooks.PreToolUse of `<root>/.github/hooks/headroom.json`. */
export function installHook(root: string, entry: HookEntry): HookFileResult {
  const path = join(root, HOOK_FILE);
  const read = readHookFile(path);
  if (!read.ok) return read;
  const config = read.config ?? {};
  const hooks = (config.hooks ?? {}) as Record<string, unknown>;
  const pre = (hooks.PreToolUse ?? []) as unknown[];
  const others = pre.filter((e) => !isOurs(e));
  const next = { ...config, hooks: { ...hooks, PreToolUse: [...others, entry] } };
  const status = read.config === undefined ? 'created' : JSON.stringify(next) === JSON.stringify(config) ? 'unchanged' : 'updated';
  if (status === 'unchanged') return { ok: true, status, path, otherHooks: countOtherHooks(next) };
  const written = writeJson(path, next);
  return written ?? { ok: true, status, path, otherHooks: countOtherHooks(next) };
}

/** Removes Headroom's entries; deletes the file when nothing else is left in it. */
export function uninstallHook(root: string): HookFileResult {
  const path = join(root, HOOK_FILE);
  const read = readHookFile(path);
  if (!read.ok) return read;
  if (read.config === undefined) return { ok: true, status: 'not-installed', path, otherHooks: 0 };
  const config = read.config;
  const hooks = (config.hooks ?? {}) as Record<string, unknown>;
  const pre = (hooks.PreToolUse ?? []) as unknown[];
  const others = pre.filter((e) => !isOurs(e));
  if (others.length === pre.length) return { ok: true, status: 'not-installed', path, otherHooks: countOtherHooks(config) };
  const nextHooks: Record<string, unknown> = { ...hooks, PreToolUse: others };
  if (others.length === 0) delete nextHooks.PreToolUse;
  const next: Record<string, unknown> = { ...config, hooks: nextHooks };
  if (Object.keys(nextHooks).length === 0) delete next.hooks;
  const leftKeys = Object.keys(next).filter((k) => k !== 'version');
  if (leftKeys.length === 0) {
    if (isReadOnly(path)) return { ok: false, path, error: `${path} is read-only; Headroom will not change it` };
    try {
      rmSync(path);
    } catch (error) {
      return { ok: false, path, error: `could not delete ${path}: ${(error as Error).message}` };
    }
    return { ok: true, status: 'file-removed', path, otherHooks: 0 };
  }
  return writeJson(path, next) ?? { ok: true, status: 'removed', path, otherHooks: countOtherHooks(next) };
}

/** Whether the workspace's hook file has Headroom's entry, and whether that entry still points at `cli`. */
export function hookStatus(root: string, cli: string): { installed: boolean; current: boolean; error?: string } {
  const read = readHookFile(join(root, HOOK_FILE));
  if (!read.ok) return { installed: false, current: false, error: read.error };
  const pre = ((read.config?.hooks as Record<string, unknown> | undefined)?.PreToolUse ?? []) as unknown[];
  const ours = pre.filter(isOurs) as HookEntry[];
  return { installed: ours.length > 0, current: ours.some((e) => e.command.includes(cli)) };
}

/** The first `name` executable on PATH, or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? '', windows = process.platform === 'win32'): string | undefined {
  const names = windows ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const candidate of names) {
      const full = join(dir, candidate);
      if (existsSync(full)) return full;
    }
  }
  return undefined;
}

function isOurs(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && typeof (entry as { command?: unknown }).command === 'string' && OUR_COMMAND.test((entry as { command: string }).command);
}

function countOtherHooks(config: Record<string, unknown>): number {
  const hooks = (config.hooks ?? {}) as Record<string, unknown>;
  return Object.values(hooks).reduce<number>((n, list) => n + (Array.isArray(list) ? list.filter((e) => !isOurs(e)).length : 0), 0);
}

type ReadResult = { readonly ok: true; readonly config: Record<string, unknown> | undefined } | { readonly ok: false; readonly path: string; readonly error: string };

function readHookFile(path: string): ReadResult {
  if (!existsSync(path)) return { ok: true, config: undefined };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, path, error: `could not read ${path}: ${(error as Error).message}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, path, error: `${path} is not valid JSON (${(error as Error).message}); fix or remove it first, Headroom will not overwrite it` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, path, error: `${path} is not a JSON object; Headroom will not overwrite it` };
  const config = parsed as Record<string, unknown>;
  if (config.hooks !== undefined && (typeof config.hooks !== 'object' || config.hooks === null || Array.isArray(config.hooks))) return { ok: false, path, error: `"hooks" in ${path} is not an object; Headroom will not overwrite it` };
  const pre = (config.hooks as Record<string, unknown> | undefined)?.PreToolUse;
  if (pre !== undefined && !Array.isArray(pre)) return { ok: false, path, error: `"hooks.PreToolUse" in ${path} is not a list; Headroom will not overwrite it` };
  return { ok: true, config };
}

/** Writes through a temporary file and a rename, so a failure never leaves half a file. */
function writeJson(path: string, value: unknown): HookFileResult | undefined {
  if (isReadOnly(path)) return { ok: false, path, error: `${path} is read-only; Headroom will not change it` };
  const temp = `${path}.headroom-${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, JSON.stringify(value, null, 2) + '\n');
    renameSync(temp, path);
    return undefined;
  } catch (error) {
    rmSync(temp, { force: true });
    return { ok: false, path, error: `could not write ${path}: ${(error as Error).message}` };
  }
}


/** A file nobody may write (mode bits), checked ourselves: a rename would replace it even so, and root passes access checks. */
export function isReadOnly(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}
