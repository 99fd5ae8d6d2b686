// What every Headroom command that writes into the workspace shares: refuse in Restricted Mode
// (and say why), pick the workspace folder, read the savings settings, tell whether a file has
// unsaved edits in an editor.
import * as vscode from 'vscode';
import { readSettings } from '../settings';
import type { PriceSettings } from '../skills/savings';

/**
 * The folder a command may write to, or undefined after telling the user why not: an untrusted
 * workspace, no folder open, or a folder that is not on the local disk.
 */
export async function writableFolder(action: string, requested?: vscode.Uri | string): Promise<vscode.WorkspaceFolder | undefined> {
  if (!vscode.workspace.isTrusted) {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Headroom writes nothing in Restricted Mode, so it did not {0}. Trust this folder, then run the command again.', action),
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  return pickFolder(requested);
}

/** A workspace folder on disk (the requested one, the only one, or the one the user picks). */
export async function pickFolder(requested?: vscode.Uri | string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: Headroom works on the files of a workspace folder on this disk.'));
    return undefined;
  }
  if (requested !== undefined) {
    const path = typeof requested === 'string' ? requested : requested.fsPath;
    const found = folders.find((f) => f.uri.fsPath === path);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not a folder of this workspace.', path));
    return found;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder?') });
}

/**
 * What a saved token is worth (the model chosen in `headroom.pricing.model`, as on the meter and the
 * dashboard) and how often it is saved (`headroom.savings.*`), for per-request or per-skill-run amounts.
 */
export function priceSettings(uses: 'requests' | 'skillRuns'): PriceSettings {
  const config = vscode.workspace.getConfiguration('headroom.savings');
  const positive = (key: string, fallback: number) => {
    const value = config.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    inputPricePerMillion: readSettings().pricing.model.input,
    usesPerDay: uses === 'requests' ? positive('requestsPerDay', 50) : positive('skillRunsPerDay', 10),
    workingDaysPerMonth: positive('workingDaysPerMonth', 20),
  };
}

/** True when the file is open in an editor with edits not saved to disk. */
export function hasUnsavedEdits(absolutePath: string): boolean {
  return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath === absolutePath);
}
