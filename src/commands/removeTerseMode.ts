// "Headroom: Turn Off Copilot Terse Mode": deletes the terse instructions file Headroom wrote (and
// only that: a file someone else put at that path is left alone).
import * as vscode from 'vscode';
import { removeTerseFile, TERSE_FILE, type TerseResult } from '../instructions/terse';
import { writableFolder } from './workspaceAccess';

export const REMOVE_TERSE_MODE_COMMAND = 'headroom.removeTerseMode';

export function registerRemoveTerseMode(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(REMOVE_TERSE_MODE_COMMAND, async (args: { folder?: vscode.Uri | string } = {}): Promise<TerseResult | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('turn off terse mode'), args.folder);
    if (!folder) return undefined;
    const result = removeTerseFile(folder.uri.fsPath);
    log.info(`terse mode off: ${result.ok ? result.status : result.error}`);
    if (!result.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Terse mode was not turned off: {0}', result.error));
    else if (result.status === 'not-installed') void vscode.window.showInformationMessage(vscode.l10n.t('Copilot terse mode is not on in {0}.', folder.name));
    else void vscode.window.showInformationMessage(vscode.l10n.t('Copilot terse mode is off: {0} was deleted.', TERSE_FILE));
    return result;
  });
}
