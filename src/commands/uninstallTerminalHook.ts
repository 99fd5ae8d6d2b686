// "Headroom: Uninstall Copilot Terminal Hook": removes Headroom's entry from
// `.github/hooks/headroom.json`, keeping every other hook; the file goes when nothing else is in it.
import * as vscode from 'vscode';
import { HOOK_FILE, uninstallHook, type HookFileResult } from '../hook/hookFile';
import { writableFolder } from './workspaceAccess';

export const UNINSTALL_TERMINAL_HOOK_COMMAND = 'headroom.uninstallTerminalHook';

export function registerUninstallTerminalHook(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(UNINSTALL_TERMINAL_HOOK_COMMAND, async (args: { folder?: vscode.Uri | string } = {}): Promise<HookFileResult | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('uninstall the terminal hook'), args.folder);
    if (!folder) return undefined;
    const result = uninstallHook(folder.uri.fsPath);
    log.info(`hook uninstall: ${result.ok ? result.status : result.error}`);
    if (!result.ok) void vscode.window.showErrorMessage(vscode.l10n.t('The hook was not removed: {0}', result.error));
    else if (result.status === 'not-installed') void vscode.window.showInformationMessage(vscode.l10n.t('The terminal hook is not installed in {0}.', folder.name));
    else if (result.status === 'file-removed') void vscode.window.showInformationMessage(vscode.l10n.t('Removed the terminal hook: {0} held nothing else and was deleted.', HOOK_FILE));
    else void vscode.window.showInformationMessage(vscode.l10n.t('Removed the terminal hook from {0}; its {1} other hooks are kept.', HOOK_FILE, result.otherHooks));
    return result;
  });
}
