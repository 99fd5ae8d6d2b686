// The user's prose model in VS Code: `headroom.prose.*` resolved to files for the Runtime, and, when
// the model or its tokenizer is a URL, "Headroom: Download Prose Model", which fetches it once into the
// extension's global storage with a progress notification and keeps it only when its SHA-256 matches.
// Nothing is downloaded without consent: running the command is consent, and otherwise Headroom only
// offers it (at startup and when the setting changes) and waits for the user to choose Download.
import * as vscode from 'vscode';
import { downloadVerified } from '../runtime/download';
import { resolveProseModel, type PendingDownload, type ProseOption } from '../runtime/proseModelSource';
import { readSettings } from '../settings';

export const DOWNLOAD_PROSE_MODEL_COMMAND = 'headroom.downloadProseModel';
/** The URLs the user answered "Not Now" for; they are not offered again (the command still works). */
const DECLINED_KEY = 'headroom.prose.declinedDownloads';

export interface DownloadProseModelResult {
  readonly downloaded: readonly { readonly what: string; readonly url: string; readonly bytes: number; readonly path: string }[];
  /** Progress updates shown in the notification. */
  readonly progressReports: number;
  readonly error?: string;
}

export interface ProseModelWiring {
  readonly disposable: vscode.Disposable;
  /** What the Runtime gets for the current settings; read each time a Runtime is made. */
  runtimeOption(): ProseOption | undefined;
  /** How many download offers were shown in this window (the extension-host tests read it). */
  readonly offers: number;
}

/**
 * Registers the command and the offers. `changed` is called when the model the Runtime should use
 * changed (settings, or a finished download): the extension then builds a new Runtime on next use.
 */
export function registerDownloadProseModel(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, changed: () => void): ProseModelWiring {
  const storageDir = context.globalStorageUri.fsPath;
  const resolve = () => resolveProseModel(readSettings().prose, storageDir);
  let offers = 0;
  let offering = false;

  const download = async (): Promise<DownloadProseModelResult> => {
    const pending = resolve().downloads;
    if (pending.length === 0) {
      const model = readSettings().prose.model.trim();
      void vscode.window.showInformationMessage(model
        ? vscode.l10n.t('Headroom: the prose model is already on this machine; nothing to download.')
        : vscode.l10n.t('Headroom: no prose model is configured. Set headroom.prose.model to a path or an https URL first.'));
      return { downloaded: [], progressReports: 0 };
    }
    let progressReports = 0;
    const downloaded: DownloadProseModelResult['downloaded'][number][] = [];
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Headroom: downloading the prose model'), cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          for (const file of pending) {
            let shown = 0;
            log.info(`prose model: downloading the ${file.what} from ${file.url}`);
            const result = await downloadVerified({
              url: file.url, sha256: file.sha256, dest: file.dest, signal: abort.signal,
              onProgress: (received, total) => {
                const percent = total ? Math.floor((100 * received) / total / pending.length) : 0;
                // One update per percent (or per megabyte when the size is unknown) keeps the notification calm.
                if (total ? percent <= shown : received - shown < 1024 * 1024) return;
                progress.report({ increment: total ? percent - shown : undefined, message: `${file.what}: ${megabytes(received)}${total ? ` / ${megabytes(total)}` : ''}` });
                shown = total ? percent : received;
                progressReports++;
              },
            });
            downloaded.push({ what: file.what, url: result.from, bytes: result.bytes, path: file.dest });
            log.info(`prose model: ${file.what} downloaded, ${result.bytes} bytes, SHA-256 ${result.sha256} verified → ${file.dest}`);
          }
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`prose model: download failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Headroom: the prose model was not downloaded: {0}. Prose is compressed without it.', message));
      if (downloaded.length > 0) changed();
      return { downloaded, progressReports, error: message };
    }
    changed();
    void vscode.window.showInformationMessage(vscode.l10n.t('Headroom: the prose model was downloaded and its SHA-256 verified. Prose compression uses it from now on.'));
    return { downloaded, progressReports };
  };

  /** Asks once per setting (not again after "Not Now") whether to download what the settings name. */
  const offer = async (): Promise<void> => {
    const pending = resolve().downloads;
    const key = offerKey(pending);
    if (pending.length === 0 || offering || context.globalState.get<string[]>(DECLINED_KEY, []).includes(key)) return;
    offering = true;
    offers++;
    const hosts = [...new Set(pending.map((p) => hostOf(p.url)))].join(', ');
    const yes = vscode.l10n.t('Download');
    const notNow = vscode.l10n.t('Not Now');
    try {
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Headroom: headroom.prose.model names a prose model to download from {0} ({1}). Download it once into Headroom\'s storage? It is kept only if its SHA-256 matches the one you gave.', hosts, pending.map((p) => p.what).join(' and ')),
        yes, notNow,
      );
      if (choice === yes) await vscode.commands.executeCommand(DOWNLOAD_PROSE_MODEL_COMMAND);
      else if (choice === notNow) await context.globalState.update(DECLINED_KEY, [...context.globalState.get<string[]>(DECLINED_KEY, []), key]);
    } finally {
      offering = false;
    }
  };

  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand(DOWNLOAD_PROSE_MODEL_COMMAND, download),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('headroom.prose')) return;
      changed();
      void offer();
    }),
  );
  // At startup, once VS Code is idle: the settings may name a model that is not here yet.
  const startup = setTimeout(() => void offer(), 1000);
  context.subscriptions.push({ dispose: () => clearTimeout(startup) });
  return {
    disposable,
    runtimeOption: () => resolve().option,
    get offers() { return offers; },
  };
}

function offerKey(pending: readonly PendingDownload[]): string {
  return pending.map((p) => `${p.url}#${p.sha256}`).join(' ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
