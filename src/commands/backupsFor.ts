// Where the backups of a workspace folder's instruction files live: the extension's own storage,
// never the workspace (Copilot would read them as instructions).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { InstructionBackups } from '../instructions/backups';

export function backupsFor(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder): InstructionBackups {
  const base = context.storageUri ?? context.globalStorageUri;
  const id = createHash('sha256').update(folder.uri.fsPath).digest('hex').slice(0, 16);
  return new InstructionBackups(vscode.Uri.joinPath(base, 'instruction-backups', id).fsPath);
}
