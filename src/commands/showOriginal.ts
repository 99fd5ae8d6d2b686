// Read-only documents for what Headroom keeps: `headroom:/original/<id>.txt` is an original from the
// store (what a marker cut, or a whole input from the audit trail), `headroom:/compressed/<n>.txt` a
// compressed result to look at. "Headroom: Show Original" opens one by marker id.
import * as vscode from 'vscode';
import type { Services } from '../services';

export const SHOW_ORIGINAL_COMMAND = 'headroom.showOriginal';
export const DOCUMENT_SCHEME = 'headroom';
const MAX_COMPRESSED_DOCUMENTS = 20;

/** `3f9a0c1b2d4e`, or a marker or `hr:` prefix around it. */
const MARKER_ID = /([0-9a-f]{12})/;

/** A compressed text kept for viewing, and the original behind it. */
export interface CompressedDocument {
  readonly text: string;
  readonly originalId?: string;
  /** What "Ask @headroom" puts in the chat input, e.g. `@headroom /terminal `. */
  readonly chatQuery: string;
}

export class HeadroomDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly compressed = new Map<string, CompressedDocument>();
  private next = 0;
  private readonly registration: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, kind, file] = uri.path.split('/');
    const key = (file ?? '').replace(/\.txt$/, '');
    if (kind === 'compressed') return this.compressed.get(key)?.text ?? vscode.l10n.t('This compressed text is no longer kept in memory.');
    const found = this.services.runtime().store.get(key);
    if (!found.found) return found.message;
    return new TextDecoder().decode(found.bytes);
  }

  /** Keeps a compressed text for viewing (the last few only) and returns its URI. */
  addCompressed(document: CompressedDocument, name = 'compressed'): vscode.Uri {
    const key = `${++this.next}-${name.replace(/[^\w.-]+/g, '-').slice(0, 60)}`;
    this.compressed.set(key, document);
    for (const old of this.compressed.keys()) {
      if (this.compressed.size <= MAX_COMPRESSED_DOCUMENTS) break;
      this.compressed.delete(old);
    }
    return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/compressed/${key}.txt` });
  }

  /** The compressed document behind a `headroom:/compressed/…` URI. */
  compressedAt(uri: vscode.Uri | undefined): CompressedDocument | undefined {
    if (uri?.scheme !== DOCUMENT_SCHEME) return undefined;
    const [, kind, file] = uri.path.split('/');
    return kind === 'compressed' ? this.compressed.get((file ?? '').replace(/\.txt$/, '')) : undefined;
  }

  dispose(): void {
    this.registration.dispose();
    this.compressed.clear();
  }
}

export function originalUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/original/${id}.txt` });
}

export function registerShowOriginal(): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_ORIGINAL_COMMAND, async (idOrMarker?: string) => {
    const value = idOrMarker ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Marker id (the 12 hex digits after "hr:")'), placeHolder: '3f9a0c1b2d4e' }));
    const id = value ? MARKER_ID.exec(value)?.[1] : undefined;
    if (!id) return undefined;
    const document = await vscode.workspace.openTextDocument(originalUri(id));
    await vscode.window.showTextDocument(document, { preview: true });
    return document.uri.toString();
  });
}
