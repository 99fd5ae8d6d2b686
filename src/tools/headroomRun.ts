// headroom_run: run a shell command in the workspace and return its output compressed, with the exit
// code. Never in Restricted Mode, never without the user's confirmation (prepareInvocation), stopped
// on cancellation or timeout, output bounded in memory (runCommand keeps its head and tail).
import * as vscode from 'vscode';
import { describeExit, droppedNotice, runCommand } from '../runtime/runCommand';
import { compress, type Services } from '../services';
import { RETRIEVE_HINT, TOOL_NAMES } from './names';
import { checkRun, type RunInput } from './runPolicy';
import { engineBudget, sizedResult, throwIfCancelled, ToolError } from './toolResult';

export class HeadroomRun implements vscode.LanguageModelTool<RunInput> {
  constructor(private readonly services: Services) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<RunInput>): vscode.PreparedToolInvocation {
    const checked = checkRun(options.input, vscode.workspace.isTrusted, roots());
    // A call that will be refused runs nothing: no confirmation, invoke explains why.
    if (!checked.ok) return { invocationMessage: vscode.l10n.t('Not running the command') };
    const command = options.input.command;
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(command) + 1));
    const message = new vscode.MarkdownString(vscode.l10n.t('Headroom will run this command in {0} and show the model its compressed output:', `\`${vscode.workspace.asRelativePath(checked.cwd, true) || checked.cwd}\``) + `\n\n${fence}sh\n${command}\n${fence}`);
    return {
      invocationMessage: vscode.l10n.t('Running `{0}`', command),
      confirmationMessages: { title: vscode.l10n.t('Run a command?'), message },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<RunInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input;
    const checked = checkRun(input, vscode.workspace.isTrusted, roots());
    if (!checked.ok) throw new ToolError(checked.error);
    throwIfCancelled(token);
    const settings = this.services.settings();
    const timeoutMs = (input.timeoutSeconds ?? settings.run.timeoutSeconds) * 1000;
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    let ran;
    try {
      ran = await runCommand({ command: input.command, cwd: checked.cwd, timeoutMs, signal: abort.signal, maxBytes: settings.run.maxOutputBytes });
    } finally {
      listener.dispose();
    }
    this.services.log.debug(`${TOOL_NAMES.run} ${JSON.stringify(input.command)} in ${checked.cwd}: ${describeExit(ran, timeoutMs)}, ${ran.totalBytes} bytes in ${ran.durationMs} ms`);
    if (ran.cancelled) throw new ToolError('The command was cancelled and stopped; do not run it again unless the user asks.');
    if (ran.error && ran.exitCode === null) throw new ToolError(`Could not run the command: ${ran.error}.`);
    const result = await compress(this.services, ran.output, { command: input.command, query: input.query, budget: engineBudget(undefined, options), retrieveHint: RETRIEVE_HINT }, { source: 'tools', label: `${TOOL_NAMES.run}: ${input.command}` });
    throwIfCancelled(token);
    // Outside the compressed text, so nothing can hide that part of the output was never kept.
    const notice = droppedNotice(ran);
    const body = result.text.length === 0 ? '(no output)\n' : `${result.text}${result.text.endsWith('\n') ? '' : '\n'}`;
    return sizedResult(this.services, `${notice ? `${notice}\n` : ''}${body}[${describeExit(ran, timeoutMs)}]`, options, token);
  }
}

function roots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
