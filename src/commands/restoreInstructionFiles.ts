// "Headroom: Restore Instruction Files": puts back, byte for byte, every instruction file Headroom
// compressed — unless the file was edited since, which it asks about first.
import * as vscode from 'vscode';
import { restoreInstructionFiles, type RestoreResult } from '../instructions/planInstructions';
import { backupsFor } from './backupsFor';
import { hasUnsavedEdits, writableFolder } from './workspaceAccess';

export const RESTORE_INSTRUCTION_FILES_COMMAND = 'headroom.restoreInstructionFiles';

export interface RestoreInstructionFilesArgs {
  readonly folder?: vscode.Uri | string;
  /** Also restore files edited after Headroom compressed them, without asking (those edits are lost). */
  readonly force?: boolean;
}

export function registerRestoreInstructionFiles(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(RESTORE_INSTRUCTION_FILES_COMMAND, async (args: RestoreInstructionFilesArgs = {}): Promise<readonly RestoreResult[] | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('restore instruction files'), args.folder);
    if (!folder) return undefined;
    const backups = backupsFor(context, folder);
    if (backups.list().length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Headroom has no compressed instruction files to restore in {0}.', folder.name));
      return [];
    }
    let results = restoreInstructionFiles(folder.uri.fsPath, backups, { isDirty: hasUnsavedEdits, force: args.force });
    const edited = results.filter((r) => !r.ok && r.reason.includes('edited after'));
    if (edited.length && args.force === undefined) {
      const anyway = vscode.l10n.t('Restore Anyway');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} changed after Headroom compressed them. Restoring replaces those changes with the original.', edited.map((r) => r.path).join(', ')),
        { modal: true },
        anyway,
      );
      if (choice === anyway) results = [...results.filter((r) => !edited.includes(r)), ...restoreInstructionFiles(folder.uri.fsPath, backups, { isDirty: hasUnsavedEdits, force: true })];
    }
    for (const r of results) log.info(`instructions: restore ${r.path}: ${r.ok ? r.status : r.reason}`);
    const restored = results.filter((r) => r.ok).length;
    const failed = results.filter((r): r is Extract<RestoreResult, { ok: false }> => !r.ok);
    const message = [
      vscode.l10n.t('Restored {0} instruction files.', restored),
      ...failed.map((r) => vscode.l10n.t('{0}: {1}.', r.path, r.reason)),
    ].join(' ');
    void (failed.length ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
    return results;
  });
}
