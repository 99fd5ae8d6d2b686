// Headroom for VS Code: the table of contents. Activation only wires things up; the tokenizer and
// every other WASM engine load on first use.
import * as vscode from 'vscode';
import { Runtime } from './runtime/runtime';
import { Lazy } from './runtime/lazy';

let runtime: Lazy<Runtime> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Headroom', { log: true });
  context.subscriptions.push(log);
  runtime = new Lazy(
    () => new Runtime({
      assetDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'assets').fsPath,
      store: { dir: vscode.Uri.joinPath(context.globalStorageUri, 'originals').fsPath },
    }),
    (r) => r.dispose(),
  );
  log.info('Headroom activated');
}

export async function deactivate(): Promise<void> {
  await runtime?.dispose();
  runtime = undefined;
}
