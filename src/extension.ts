// Headroom for VS Code: the table of contents. Activation only wires things up; the tokenizer and
// every other WASM engine load on first use.
import * as vscode from 'vscode';
import { Runtime } from './runtime/runtime';
import { Lazy } from './runtime/lazy';
import { registerShowLog } from './commands/showLog';
import { registerSurfaces, type SurfacesApi } from './surfaces';
import { readSettings } from './settings';
import { registerPreviewDocuments } from './commands/previewDocuments';
import { registerCompressInstructionFiles } from './commands/compressInstructionFiles';
import { registerRestoreInstructionFiles } from './commands/restoreInstructionFiles';
import { registerSetTerseMode } from './commands/setTerseMode';
import { registerRemoveTerseMode } from './commands/removeTerseMode';
import { registerNewSkill } from './commands/newSkill';
import { registerCheckSkills } from './commands/checkSkills';
import { registerInstallTerminalHook } from './commands/installTerminalHook';
import { registerUninstallTerminalHook } from './commands/uninstallTerminalHook';
import { registerMcpServer } from './mcpServerProvider';
import { registerDownloadProseModel } from './commands/downloadProseModel';

let runtime: Lazy<Runtime> | undefined;

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`); the tests read it. */
export interface HeadroomApi {
  /** How long `activate` took, in milliseconds. */
  readonly activationMs: number;
  /** True once something needed the Runtime (and its WASM tokenizer); `deactivate` frees it. */
  readonly runtimeLoaded: boolean;
  /** The ledger, the meter and the dashboard behind @headroom, the tools and the terminal command. */
  readonly surfaces: SurfacesApi;
  /** The MCP servers Headroom offers VS Code right now. */
  readonly mcpServerDefinitions: () => vscode.McpStdioServerDefinition[];
  /** How many times Headroom offered to download the configured prose model in this window. */
  readonly proseModelOffers: number;
}

export function activate(context: vscode.ExtensionContext): HeadroomApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Headroom', { log: true });
  context.subscriptions.push(log);
  // A new prose model (setting changed, download finished) applies to the next Runtime, made on next use.
  const proseModel = registerDownloadProseModel(context, log, () => void runtime?.dispose());
  context.subscriptions.push(proseModel.disposable);
  runtime = new Lazy(
    () => new Runtime({
      assetDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'assets').fsPath,
      store: { dir: vscode.Uri.joinPath(context.globalStorageUri, 'originals').fsPath, ...readSettings().store },
      prose: proseModel.runtimeOption(),
    }),
    (r) => r.dispose(),
  );
  // A new store size or expiry applies to the next Runtime, made on next use.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('headroom.store')) void runtime?.dispose(); }));
  const loadRuntime = () => {
    if (!runtime) throw new Error('Headroom is not active.');
    return runtime.get();
  };
  context.subscriptions.push(registerShowLog(log));
  const surfaces = registerSurfaces(context, loadRuntime, log);
  context.subscriptions.push(surfaces.disposable);
  context.subscriptions.push(registerPreviewDocuments());
  context.subscriptions.push(registerCompressInstructionFiles(context, loadRuntime, log));
  context.subscriptions.push(registerRestoreInstructionFiles(context, log));
  context.subscriptions.push(registerSetTerseMode(loadRuntime, log));
  context.subscriptions.push(registerRemoveTerseMode(log));
  context.subscriptions.push(registerNewSkill(context, loadRuntime, log));
  context.subscriptions.push(registerCheckSkills(loadRuntime, log));
  context.subscriptions.push(registerInstallTerminalHook(context, log));
  context.subscriptions.push(registerUninstallTerminalHook(log));
  const mcp = registerMcpServer(context);
  context.subscriptions.push(mcp);
  const activationMs = performance.now() - started;
  log.info(`Headroom activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs, get runtimeLoaded() { return runtime?.created ?? false; }, surfaces: surfaces.api, mcpServerDefinitions: mcp.definitions,
    get proseModelOffers() { return proseModel.offers; },
  };
}

export async function deactivate(): Promise<void> {
  await runtime?.dispose();
  runtime = undefined;
}
