// "Headroom: Show Log" opens the extension's log, where every compression decision is recorded.
import * as vscode from 'vscode';

export const SHOW_LOG_COMMAND = 'headroom.showLog';

export function registerShowLog(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show(true));
}
