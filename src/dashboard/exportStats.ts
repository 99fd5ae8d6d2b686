// "Headroom: Export Savings": the ledger as JSON (summary + entries) or CSV (one row per compression).
// Asks where to save unless given a target (as the tests and scripts do).
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { exportCsv, exportJson, type ExportFormat } from '../stats/exportLedger';

export const EXPORT_STATS_COMMAND = 'headroom.exportStats';

export function registerExportStats(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_STATS_COMMAND, async (format?: ExportFormat, target?: vscode.Uri): Promise<string | undefined> => {
    const chosen = format ?? (await pickFormat());
    if (!chosen) return undefined;
    const uri = target ?? (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Headroom savings'),
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `headroom-savings.${chosen}`),
      filters: chosen === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    }));
    if (!uri) return undefined;
    const price = services.settings().pricing.model;
    const entries = services.ledger.recent();
    const text = chosen === 'csv' ? exportCsv(entries, price) : exportJson(services.ledger.summary(), entries, price);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    services.log.info(`exported ${entries.length} entries as ${chosen} to ${uri.toString(true)}`);
    if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Headroom savings exported to {0}.', vscode.workspace.asRelativePath(uri)));
    return uri.toString();
  });
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'JSON', description: vscode.l10n.t('summary and every recent compression'), format: 'json' as const },
    { label: 'CSV', description: vscode.l10n.t('one row per compression, for spreadsheets'), format: 'csv' as const },
  ], { title: vscode.l10n.t('Export Headroom savings as') });
  return picked?.format;
}
