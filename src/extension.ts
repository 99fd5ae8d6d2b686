// Headroom for VS Code: the table of contents. Activation only wires things up; the tokenizer and
// every other WASM engine load on first use.
import * as vscode from 'vscode';
import { Runtime } from './runtime/runtime';
import { Lazy } from './runtime/lazy';
import { registerChatParticipant } from './chatParticipant/participant';
import { registerShowLog } from './commands/showLog';
import { createStatusBar } from './statusBar';

let runtime: Lazy<Runtime> | undefined;

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`); the tests read it. */
export interface HeadroomApi {
  /** How long `activate` took, in milliseconds. */
  readonly activationMs: number;
  /** True once something needed the Runtime (and its WASM tokenizer); `deactivate` frees it. */
  readonly runtimeLoaded: boolean;
}

export function activate(context: vscode.ExtensionContext): HeadroomApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Headroom', { log: true });
  context.subscriptions.push(log);
  runtime = new Lazy(
    () => new Runtime({
      assetDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'assets').fsPath,
      store: { dir: vscode.Uri.joinPath(context.globalStorageUri, 'originals').fsPath },
    }),
    (r) => r.dispose(),
  );
  const loadRuntime = () => {
    if (!runtime) throw new Error('Headroom is not active.');
    return runtime.get();
  };
  context.subscriptions.push(registerShowLog(log));
  context.subscriptions.push(createStatusBar());
  context.subscriptions.push(registerChatParticipant(loadRuntime, log));
  const activationMs = performance.now() - started;
  log.info(`Headroom activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, get runtimeLoaded() { return runtime?.created ?? false; } };
}

export async function deactivate(): Promise<void> {
  await runtime?.dispose();
  runtime = undefined;
}
