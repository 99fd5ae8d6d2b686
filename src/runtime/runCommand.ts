// Runs one shell command line for a model: in a given folder, with a timeout, cancellable, its
// stdout and stderr interleaved as a terminal shows them, and bounded in memory (the first and last
// halves of `maxBytes` are kept, the size of the dropped middle is reported). Shared by the MCP
// server's `run` tool and the extension's `headroom_run` tool. No vscode import.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_TIMEOUT_MS = 120_000;
/** Matches the engine's own whole-input limit: beyond 8 MiB it keeps only the ends anyway. */
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** After SIGTERM, a process group that has not exited by then gets SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** After the shell exits, how long to wait for a background child still holding the output pipe. */
const DRAIN_MS = 250;

export interface RunCommandOptions {
  /** The command line, run by `shell -c` (posix) or `cmd.exe /d /s /c` (Windows). */
  readonly command: string;
  /** Working directory; must exist. */
  readonly cwd: string;
  /** Default DEFAULT_TIMEOUT_MS; 0 means no timeout. */
  readonly timeoutMs?: number;
  /** Aborting kills the command's whole process group. */
  readonly signal?: AbortSignal;
  /** Output kept in memory; beyond it the first and last halves are kept. Default DEFAULT_MAX_OUTPUT_BYTES. */
  readonly maxBytes?: number;
  /** Environment; default `process.env`. Pagers are always turned off (stdin is closed, a pager would wait). */
  readonly env?: NodeJS.ProcessEnv;
  /** Posix shell; default `/bin/bash` when it exists, else `/bin/sh`. */
  readonly shell?: string;
}

export interface RunCommandResult {
  /** stdout and stderr interleaved; the head and tail when output was over `maxBytes`. */
  readonly output: Buffer;
  /** Bytes in the middle that were over `maxBytes` and not kept (0 when all was kept). */
  readonly droppedBytes: number;
  /** Bytes the command wrote in all. */
  readonly totalBytes: number;
  /** Byte offset in `output` where the dropped middle was (equals `output.length` when nothing was dropped). */
  readonly gapAt: number;
  /** The `maxBytes` this run was held to. */
  readonly limitBytes: number;
  /** The exit code; `null` when the process was killed by a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** Set when the command could not be started at all (bad cwd, no shell). */
  readonly error?: string;
}

/** Runs `command`; never rejects (a failure to start is reported in `error` with exit code null). */
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const started = Date.now();
  const buffer = new HeadTailBuffer(Math.max(2, options.maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES));
  const windows = process.platform === 'win32';
  const failed = (error: string): RunCommandResult => ({ ...buffer.result(), exitCode: null, signal: null, timedOut: false, cancelled: false, durationMs: Date.now() - started, error });
  if (!existsSync(options.cwd)) return Promise.resolve(failed(`working directory does not exist: ${options.cwd}`));
  if (options.signal?.aborted) return Promise.resolve({ ...failed('cancelled before it started'), cancelled: true });

  const env = { ...(options.env ?? process.env), PAGER: 'cat', GIT_PAGER: 'cat', MANPAGER: 'cat' };
  // `exec 2>&1` first: both streams share one pipe, so lines come in the order the command wrote them.
  const child = windows
    ? spawn(process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `(${options.command}) 2>&1`], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, windowsVerbatimArguments: true })
    : spawn(options.shell ?? defaultShell(), ['-c', `exec 2>&1\n${options.command}`], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const kill = () => {
      killGroup(child.pid, 'SIGTERM', windows);
      killTimer ??= setTimeout(() => killGroup(child.pid, 'SIGKILL', windows), KILL_GRACE_MS);
    };
    const timer = options.timeoutMs === 0 ? undefined : setTimeout(() => { timedOut = true; kill(); }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onAbort = () => { cancelled = true; kill(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // A background child may still hold the pipe: stop reading, it no longer belongs to this run.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ ...buffer.result(), exitCode: exit?.code ?? null, signal: exit?.signal ?? null, timedOut, cancelled, durationMs: Date.now() - started, ...(error ? { error } : {}) });
    };

    child.stdout?.on('data', (chunk: Buffer) => buffer.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => buffer.push(chunk));
    child.on('error', (error) => finish(error.message));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Reap anything the command left running in its group once the run was stopped.
      if (timedOut || cancelled) killGroup(child.pid, 'SIGKILL', windows);
      drainTimer = setTimeout(() => finish(), DRAIN_MS);
    });
    child.on('close', () => finish());
  });
}

/** A single-line description of how a run ended, for a model to read after the output. */
export function describeExit(result: RunCommandResult, timeoutMs = DEFAULT_TIMEOUT_MS): string {
  if (result.error) return `could not run: ${result.error}`;
  if (result.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s and was stopped`;
  if (result.cancelled) return 'cancelled and stopped';
  if (result.signal) return `killed by ${result.signal}`;
  return `exit code ${result.exitCode}`;
}

/** A line saying how many bytes in the middle of the output were not kept, or undefined when all were. */
export function droppedNotice(result: RunCommandResult): string | undefined {
  if (result.droppedBytes === 0) return undefined;
  return `[hr: the command printed ${result.totalBytes} bytes; ${result.droppedBytes} bytes in the middle were over the ${result.limitBytes}-byte limit and were not kept, so they cannot be retrieved; re-run with a narrower command to see them]`;
}

/** The output as text, with the dropped-bytes notice where the gap was, if any. */
export function outputText(result: RunCommandResult): string {
  const notice = droppedNotice(result);
  if (notice === undefined) return result.output.toString('utf8');
  const head = result.output.subarray(0, result.gapAt).toString('utf8');
  const tail = result.output.subarray(result.gapAt).toString('utf8');
  return `${head}${head.endsWith('\n') ? '' : '\n'}${notice}\n${tail}`;
}

function defaultShell(): string {
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals, windows: boolean): void {
  if (pid === undefined) return;
  try {
    if (windows) spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, signal); // the negative pid: the whole group (the shell was started detached, as its leader)
  } catch {
    // already gone
  }
}

/** Keeps the first half and a rolling last half of a byte stream; cuts at line ends when it can. */
class HeadTailBuffer {
  private readonly half: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(private readonly cap: number) {
    this.half = Math.floor(cap / 2);
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.headBytes < this.half) {
      const take = Math.min(chunk.length, this.half - this.headBytes);
      this.head.push(chunk.subarray(0, take));
      this.headBytes += take;
      if (take === chunk.length) return;
      chunk = chunk.subarray(take);
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= this.cap - this.half) this.tailBytes -= this.tail.shift()!.length;
  }

  result(): { output: Buffer; droppedBytes: number; totalBytes: number; gapAt: number; limitBytes: number } {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    if (this.total <= this.cap) {
      const output = Buffer.concat([head, tail]);
      return { output, droppedBytes: 0, totalBytes: this.total, gapAt: output.length, limitBytes: this.cap };
    }
    tail = tail.subarray(Math.max(0, tail.length - (this.cap - this.half)));
    // Whole lines on both sides of the gap, unless a side has no line break at all.
    let headEnd = head.length;
    const lastNewline = head.lastIndexOf(0x0a);
    if (lastNewline >= 0) headEnd = lastNewline + 1;
    const firstNewline = tail.indexOf(0x0a);
    const tailStart = firstNewline >= 0 && firstNewline < tail.length - 1 ? firstNewline + 1 : 0;
    const kept = Buffer.concat([head.subarray(0, headEnd), tail.subarray(tailStart)]);
    return { output: kept, droppedBytes: this.total - kept.length, totalBytes: this.total, gapAt: headEnd, limitBytes: this.cap };
  }
}
