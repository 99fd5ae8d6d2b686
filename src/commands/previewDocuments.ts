// Read-only documents Headroom shows without writing anything: the compressed side of an
// instruction file's diff, a skill's measurement, the Check Skills report. Served from memory
// under the `headroom-preview:` scheme.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'headroom-preview';

const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();
let registration: vscode.Disposable | undefined;

/** Registers the content provider once; the returned disposable unregisters it. */
export function registerPreviewDocuments(): vscode.Disposable {
  registration ??= vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
  });
  return new vscode.Disposable(() => {
    registration?.dispose();
    registration = undefined;
    contents.clear();
  });
}

/** A `headroom-preview:` URI showing `text`; the same path shows the latest text given for it. */
export function previewUri(path: string, text: string): vscode.Uri {
  const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: path.startsWith('/') ? path : `/${path}` });
  contents.set(uri.toString(), text);
  changed.fire(uri);
  return uri;
}

/** Closes the editor tabs showing any of these preview URIs (diffs included). */
export async function closePreviews(uris: readonly vscode.Uri[]): Promise<void> {
  const wanted = new Set(uris.map((u) => u.toString()));
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputTextDiff) return wanted.has(input.modified.toString());
    if (input instanceof vscode.TabInputText) return wanted.has(input.uri.toString());
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
