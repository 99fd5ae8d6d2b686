// The buttons on a compressed text Headroom opened (the title bar of a `headroom:/compressed/…`
// editor): copy it, ask @headroom about it, show the original behind it.
import * as vscode from 'vscode';
import { originalUri, type HeadroomDocuments } from './showOriginal';

export const COPY_COMPRESSED_COMMAND = 'headroom.copyCompressed';
export const ASK_ABOUT_COMPRESSED_COMMAND = 'headroom.askAboutCompressed';
export const SHOW_ORIGINAL_OF_COMPRESSED_COMMAND = 'headroom.showOriginalOfCompressed';

export function registerCompressedDocumentActions(documents: HeadroomDocuments): vscode.Disposable {
  const current = (uri?: vscode.Uri) => documents.compressedAt(uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COPY_COMPRESSED_COMMAND, async (uri?: vscode.Uri) => {
      const document = current(uri);
      if (!document) return;
      await vscode.env.clipboard.writeText(document.text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Headroom: compressed text copied'), 3000);
    }),
    vscode.commands.registerCommand(ASK_ABOUT_COMPRESSED_COMMAND, async (uri?: vscode.Uri) => {
      const document = current(uri);
      if (document) await vscode.commands.executeCommand('workbench.action.chat.open', { query: document.chatQuery, isPartialQuery: true });
    }),
    vscode.commands.registerCommand(SHOW_ORIGINAL_OF_COMPRESSED_COMMAND, async (uri?: vscode.Uri) => {
      const document = current(uri);
      if (!document?.originalId) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Nothing was cut from this text: it is the original.'));
        return;
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(originalUri(document.originalId)), { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
  );
}
