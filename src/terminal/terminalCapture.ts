// Captures what each terminal's commands print through shell integration: reading starts as soon as
// an execution starts (read() only yields what is written after the first call), output goes into a
// bounded per-terminal ring (commandHistory.ts). For commands that ran before activation, or
// terminals without shell integration, the terminal's own "copy last command output" is the fallback.
import * as vscode from 'vscode';
import { CommandHistory, cleanOutput, type CapturedCommand, type CommandOutput } from './commandHistory';

export class TerminalCapture implements vscode.Disposable {
  private readonly history: CommandHistory<vscode.Terminal>;
  private readonly running = new Map<vscode.TerminalShellExecution, CommandOutput>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    options: { readonly commandsPerTerminal: number; readonly maxCharsPerCommand: number },
    private readonly log: vscode.LogOutputChannel,
    /** Capture only while this says so (headroom.enabled, headroom.surfaces.terminalCommand). */
    private readonly enabled: () => boolean = () => true,
  ) {
    this.history = new CommandHistory(options.commandsPerTerminal, options.maxCharsPerCommand);
    this.disposables.push(
      vscode.window.onDidStartTerminalShellExecution((e) => this.started(e)),
      vscode.window.onDidEndTerminalShellExecution((e) => this.ended(e)),
      vscode.window.onDidCloseTerminal((terminal) => this.history.forget(terminal)),
    );
  }

  /** The last command of `terminal` (default: the active one, else the most recent anywhere), finished ones first. */
  last(terminal = vscode.window.activeTerminal): CapturedCommand | undefined {
    return (terminal && (this.history.last(terminal, true) ?? this.history.last(terminal))) ?? this.history.latest();
  }

  /**
   * Like `last`, falling back to the terminal's "copy last command output" through the clipboard
   * (which is restored afterwards) when nothing was captured, e.g. for commands run before activation.
   */
  async lastOrCopied(terminal = vscode.window.activeTerminal): Promise<CapturedCommand | undefined> {
    const captured = this.last(terminal);
    if (captured) return captured;
    if (!terminal) return undefined;
    const copied = await copyLastCommandOutput(terminal, this.log);
    return copied === undefined ? undefined : { commandLine: '', startedAt: Date.now(), output: cleanOutput(copied), droppedChars: 0, via: 'clipboard' };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.running.clear();
  }

  private started(e: vscode.TerminalShellExecutionStartEvent): void {
    if (!this.enabled()) return;
    const run = this.history.start(e.terminal, e.execution.commandLine.value, e.execution.cwd?.fsPath, Date.now());
    this.running.set(e.execution, run);
    const stream = e.execution.read();
    void (async () => {
      try {
        for await (const data of stream) run.push(data);
      } catch (error) {
        this.log.debug(`terminal capture of ${JSON.stringify(run.commandLine)} stopped: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  }

  private ended(e: vscode.TerminalShellExecutionEndEvent): void {
    const run = this.running.get(e.execution);
    if (!run) return;
    this.running.delete(e.execution);
    run.endedAt = Date.now();
    run.exitCode = e.exitCode;
    this.log.debug(`terminal: ${JSON.stringify(run.commandLine)} ended with exit code ${e.exitCode ?? 'unknown'}`);
  }
}

/** A clipboard value no terminal output equals: tells "nothing was copied" from "the output was empty". */
const SENTINEL = '\u0000headroom-clipboard-probe\u0000';

async function copyLastCommandOutput(terminal: vscode.Terminal, log: vscode.LogOutputChannel): Promise<string | undefined> {
  let saved: string | undefined;
  try {
    saved = await vscode.env.clipboard.readText();
    await vscode.env.clipboard.writeText(SENTINEL);
    terminal.show(true);
    await vscode.commands.executeCommand('workbench.action.terminal.copyLastCommandOutput');
    const copied = await vscode.env.clipboard.readText();
    return copied === SENTINEL ? undefined : copied;
  } catch (error) {
    log.debug(`terminal: copying the last command output failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    if (saved !== undefined) await vscode.env.clipboard.writeText(saved).then(undefined, () => undefined);
  }
}
