// What each terminal printed, command by command, bounded in memory: a ring of the last few commands
// per terminal, and per command its first and last characters (the middle of a huge output is
// dropped and its size reported). Raw text goes in; escapes are stripped when it is read. No vscode.
import { renderTerminal } from '../compressors/shared/terminal';

export const DEFAULT_COMMANDS_PER_TERMINAL = 5;
export const DEFAULT_MAX_CHARS_PER_COMMAND = 1024 * 1024;
/** With the defaults, at most 8 × 5 × 1 Mi characters are held. */
const MAX_TERMINALS = 8;

export interface CapturedCommand {
  readonly commandLine: string;
  readonly cwd?: string;
  readonly startedAt: number;
  /** Set when the command ended. */
  readonly endedAt?: number;
  /** Undefined while running, or when the shell did not report it. */
  readonly exitCode?: number;
  /** What the terminal showed: escapes removed, `\r` overwrites applied; with a note where the middle was dropped. */
  readonly output: string;
  /** Characters in the middle that were over the limit and not kept. */
  readonly droppedChars: number;
  /** How the output was captured. */
  readonly via: 'shell-integration' | 'clipboard';
}

/** One running or finished command's output, head and tail kept within `maxChars`. */
export class CommandOutput {
  private head = '';
  private tail: string[] = [];
  private tailChars = 0;
  private total = 0;
  endedAt?: number;
  exitCode?: number;

  constructor(
    readonly commandLine: string,
    readonly cwd: string | undefined,
    readonly startedAt: number,
    private readonly maxChars: number,
  ) {}

  push(chunk: string): void {
    this.total += chunk.length;
    const half = Math.floor(this.maxChars / 2);
    if (this.head.length < half) {
      const take = chunk.slice(0, half - this.head.length);
      this.head += take;
      chunk = chunk.slice(take.length);
      if (!chunk) return;
    }
    this.tail.push(chunk);
    this.tailChars += chunk.length;
    while (this.tail.length > 1 && this.tailChars - this.tail[0].length >= this.maxChars - half) this.tailChars -= this.tail.shift()!.length;
  }

  snapshot(): CapturedCommand {
    const half = Math.floor(this.maxChars / 2);
    let tail = this.tail.join('');
    if (tail.length > this.maxChars - half) tail = tail.slice(tail.length - (this.maxChars - half));
    const dropped = this.total - this.head.length - tail.length;
    const raw = dropped > 0 ? `${this.head}\n[… ${dropped} characters of output in the middle were not kept in memory …]\n${tail}` : this.head + tail;
    return {
      commandLine: this.commandLine,
      ...(this.cwd ? { cwd: this.cwd } : {}),
      startedAt: this.startedAt,
      ...(this.endedAt !== undefined ? { endedAt: this.endedAt } : {}),
      ...(this.exitCode !== undefined ? { exitCode: this.exitCode } : {}),
      output: cleanOutput(raw),
      droppedChars: dropped,
      via: 'shell-integration',
    };
  }
}

/** Per terminal (any key object), the last `perTerminal` commands; the least recently used terminal goes first. */
export class CommandHistory<K> {
  private readonly terminals = new Map<K, CommandOutput[]>();

  constructor(
    private readonly perTerminal = DEFAULT_COMMANDS_PER_TERMINAL,
    private readonly maxCharsPerCommand = DEFAULT_MAX_CHARS_PER_COMMAND,
  ) {}

  start(terminal: K, commandLine: string, cwd: string | undefined, now: number): CommandOutput {
    const ring = this.terminals.get(terminal) ?? [];
    this.terminals.delete(terminal);
    this.terminals.set(terminal, ring);
    const output = new CommandOutput(commandLine, cwd, now, this.maxCharsPerCommand);
    ring.push(output);
    if (ring.length > this.perTerminal) ring.splice(0, ring.length - this.perTerminal);
    if (this.terminals.size > MAX_TERMINALS) this.terminals.delete(this.terminals.keys().next().value as K);
    return output;
  }

  /** The last command of `terminal` (finished ones first when `finishedOnly`). */
  last(terminal: K, finishedOnly = false): CapturedCommand | undefined {
    const ring = this.terminals.get(terminal) ?? [];
    for (let i = ring.length - 1; i >= 0; i--) if (!finishedOnly || ring[i].endedAt !== undefined) return ring[i].snapshot();
    return undefined;
  }

  /** The most recent command in any terminal. */
  latest(): CapturedCommand | undefined {
    let best: CommandOutput | undefined;
    for (const ring of this.terminals.values()) {
      const candidate = ring.at(-1);
      if (candidate && (!best || candidate.startedAt >= best.startedAt)) best = candidate;
    }
    return best?.snapshot();
  }

  forget(terminal: K): void {
    this.terminals.delete(terminal);
  }

  get size(): number {
    return this.terminals.size;
  }
}

/** Escapes stripped and overwrites applied, as the terminal showed it; trailing blank lines trimmed. */
export function cleanOutput(raw: string): string {
  const text = renderTerminal(raw).text.trimEnd();
  return text ? `${text}\n` : '';
}
