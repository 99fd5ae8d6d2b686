// Where a user meets Headroom in Copilot: the @headroom participant, the headroom_* language-model
// tools, the terminal-output command, the status-bar meter and the savings dashboard, all sharing one
// ledger (persisted in the extension's storage) and one set of settings. Registering is cheap: the
// Runtime loads on first use and the saved history is read in the background.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { registerChatParticipant } from './chatParticipant/participant';
import { registerCompressedDocumentActions } from './commands/compressedDocumentActions';
import { registerCompressTerminalOutput } from './commands/compressTerminalOutput';
import { HeadroomDocuments, registerShowOriginal } from './commands/showOriginal';
import { registerExportStats } from './dashboard/exportStats';
import { DashboardPanel, onDidRenderDashboard, type RenderReport } from './dashboard/panel';
import { registerShowDashboard } from './dashboard/showDashboard';
import type { Runtime } from './runtime/runtime';
import type { Services } from './services';
import { readSettings, type Settings } from './settings';
import { createStatusBar } from './statusBar';
import { Ledger } from './stats/ledger';
import { LedgerFile } from './stats/ledgerFile';
import { TerminalCapture } from './terminal/terminalCapture';
import { registerTools } from './tools';

/** What the tests (and other extensions) can read through the extension's API. */
export interface SurfacesApi {
  readonly ledger: Ledger;
  /** The status-bar meter's text and tooltip as shown now. */
  meter(): { readonly text: string; readonly tooltip: string };
  /** What the dashboard webview last drew, if it is open. */
  dashboardRendered(): RenderReport | undefined;
  readonly onDidRenderDashboard: vscode.Event<RenderReport>;
  /** Resolves when the saved history has been read (or failed to be). */
  readonly historyLoaded: Promise<void>;
  /** The JSON-lines file that keeps the history across reloads. */
  readonly historyFile: string;
}

export function registerSurfaces(context: vscode.ExtensionContext, runtime: () => Runtime, log: vscode.LogOutputChannel): { disposable: vscode.Disposable; api: SurfacesApi } {
  let cached: Settings | undefined;
  const settings = () => (cached ??= readSettings());
  const configuration = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('headroom') || e.affectsConfiguration('github.copilot.chat.otel')) cached = undefined;
  });

  const { maxEntries } = settings().stats;
  const ledger = new Ledger({ maxEntries, session: randomBytes(4).toString('hex') });
  const file = new LedgerFile(vscode.Uri.joinPath(context.globalStorageUri, 'savings.jsonl').fsPath, maxEntries);
  const historyLoaded = file.load().then(
    (persisted) => {
      ledger.load(persisted);
      log.debug(`savings history: ${persisted.entries.length} entries read from ${file.path}${persisted.skipped ? `, ${persisted.skipped} damaged lines skipped` : ''}`);
    },
    (error: unknown) => log.warn(`savings history could not be read from ${file.path}: ${error instanceof Error ? error.message : String(error)}`),
  );
  const persist = ledger.onChange((entry) => {
    if (entry) void file.append(entry, (error) => log.warn(`savings history could not be written: ${error instanceof Error ? error.message : String(error)}`));
  });

  const services: Services = { runtime, ledger, log, settings };
  const { terminal } = settings();
  const capture = new TerminalCapture({ commandsPerTerminal: terminal.commandsPerTerminal, maxCharsPerCommand: terminal.maxCharsPerCommand }, log, () => settings().enabled && settings().surfaces.terminal);
  const documents = new HeadroomDocuments(services);
  const meter = createStatusBar(services);

  const disposable = vscode.Disposable.from(
    configuration,
    { dispose: persist },
    capture,
    documents,
    meter,
    registerTools(services),
    registerChatParticipant({ ...services, terminals: () => capture }, context.extensionUri),
    registerCompressTerminalOutput(services, () => capture, documents),
    registerShowOriginal(),
    registerCompressedDocumentActions(documents),
    registerShowDashboard(services, context.extensionUri),
    registerExportStats(services),
    { dispose: () => void file.flush() },
  );
  const api: SurfacesApi = {
    ledger,
    meter: () => ({ text: meter.item.text, tooltip: typeof meter.item.tooltip === 'string' ? meter.item.tooltip : meter.item.tooltip?.value ?? '' }),
    dashboardRendered: () => DashboardPanel.current?.lastRender,
    onDidRenderDashboard,
    historyLoaded,
    historyFile: file.path,
  };
  return { disposable, api };
}
