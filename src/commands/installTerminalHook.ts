// "Headroom: Install Copilot Terminal Hook": adds a PreToolUse hook to `.github/hooks/headroom.json`
// (merged into what is there) that pipes the output of Copilot's terminal commands through the
// bundled CLI. Right after writing, it runs the installed hook once with a real PreToolUse payload
// and shows what a command becomes, so the user sees it works before Copilot uses it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { findOnPath, HOOK_FILE, hookEntry, installHook, type HookEntry, type HookFileResult, type HookRunner } from '../hook/hookFile';
import { writableFolder } from './workspaceAccess';

export const INSTALL_TERMINAL_HOOK_COMMAND = 'headroom.installTerminalHook';
const SHELLS_REWRITTEN = ['bash', 'zsh', 'ksh', 'mksh'];

export interface InstallTerminalHookResult {
  readonly result: HookFileResult;
  /** The sample command and what the installed hook turned it into (undefined: left as it is). */
  readonly check?: { readonly command: string; readonly rewritten?: string; readonly error?: string };
}

/** How the hook runs the CLI: `node` from PATH when there is one, else VS Code's own executable as Node. */
export function hookRunner(extensionPath: string, shell: string | undefined): HookRunner {
  const node = findOnPath('node');
  return { node: node ?? process.execPath, electron: node === undefined, cli: join(extensionPath, 'dist', 'cli.js'), ...(shell ? { shell } : {}) };
}

export function registerInstallTerminalHook(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(INSTALL_TERMINAL_HOOK_COMMAND, async (args: { folder?: vscode.Uri | string } = {}): Promise<InstallTerminalHookResult | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('install the terminal hook'), args.folder);
    if (!folder) return undefined;
    const shell = vscode.env.shell || process.env.SHELL;
    const entry = hookEntry(hookRunner(context.extensionUri.fsPath, shell));
    const result = installHook(folder.uri.fsPath, entry);
    if (!result.ok) {
      log.warn(`hook: ${result.error}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The hook was not installed: {0}', result.error));
      return { result };
    }
    const check = tryHook(entry, folder.uri.fsPath, 'npm test');
    log.info(`hook: ${result.status} ${result.path}; npm test → ${check.rewritten ?? check.error ?? 'unchanged'}`);
    const shellName = (shell ?? '').split(/[\\/]/).pop()?.replace(/\.exe$/i, '') ?? '';
    const parts = [
      result.status === 'unchanged' ? vscode.l10n.t('The terminal hook is already installed in {0}.', HOOK_FILE) : vscode.l10n.t('Installed the terminal hook in {0}{1}.', HOOK_FILE, result.otherHooks ? vscode.l10n.t(' (next to {0} other hooks, kept as they were)', result.otherHooks) : ''),
      check.rewritten ? vscode.l10n.t('Copilot\'s "npm test" now runs as: {0}', check.rewritten) : '',
      SHELLS_REWRITTEN.includes(shellName) ? '' : vscode.l10n.t('Your terminal shell ({0}) is not bash, zsh or ksh, so the hook will leave commands as they are.', shellName || 'unknown'),
      check.error ? vscode.l10n.t('Running the hook failed: {0}', check.error) : '',
      vscode.l10n.t('Agent hooks are a VS Code preview feature and can be turned off by your organization.'),
    ].filter(Boolean);
    const open = vscode.l10n.t('Open Hook File');
    void (check.error ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(parts.join(' '), open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(result.path));
    });
    return { result, check };
  });
}

/** Runs the installed hook command the way VS Code does (through a shell, JSON on stdin). */
export function tryHook(entry: HookEntry, cwd: string, command: string): { command: string; rewritten?: string; error?: string } {
  const payload = JSON.stringify({ hookEventName: 'PreToolUse', cwd, tool_name: 'run_in_terminal', tool_input: { command, explanation: 'Headroom checks its hook', isBackground: false }, tool_use_id: 'headroom-check' });
  const windows = process.platform === 'win32';
  const ran = spawnSync(windows ? process.env.ComSpec ?? 'cmd.exe' : '/bin/sh', windows ? ['/d', '/s', '/c', entry.windows ?? entry.command] : ['-c', entry.command], {
    cwd, input: payload, env: { ...process.env, ...entry.env }, timeout: entry.timeout * 1000, windowsVerbatimArguments: windows,
  });
  if (ran.error) return { command, error: ran.error.message };
  if (ran.status !== 0) return { command, error: `exit status ${ran.status}: ${ran.stderr.toString().trim().slice(0, 300)}` };
  const out = ran.stdout.toString().trim();
  if (!out) return { command };
  try {
    return { command, rewritten: (JSON.parse(out) as { hookSpecificOutput: { updatedInput: { command: string } } }).hookSpecificOutput.updatedInput.command };
  } catch {
    return { command, error: `the hook printed something that is not the expected JSON: ${out.slice(0, 200)}` };
  }
}
