// The savings dashboard: one webview panel (strict CSP with a nonce, resources from media/ only) that
// shows the ledger — totals, savings per day, by source and compressor, the recent compressions with
// their transforms and originals — and, when Copilot's OpenTelemetry file export is on, what Copilot's
// own requests cost. Export as JSON or CSV. The panel owns its disposables.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { originalUri } from '../commands/showOriginal';
import type { Services } from '../services';
import { sourceLabel } from '../statusBar';
import { readCopilotTelemetry, usageCost } from '../stats/copilotTelemetry';
import { SOURCES } from '../stats/ledger';
import { dashboardHtml, makeNonce } from './html';
import type { DashboardState, FromWebview, ToWebview } from './protocol';
import { EXPORT_STATS_COMMAND } from './exportStats';

/** What the webview last reported drawing (the tests wait for it). */
export interface RenderReport {
  readonly entryIds: readonly string[];
  readonly totalSaved: number;
}

const onDidRender = new vscode.EventEmitter<RenderReport>();
/** Fires each time the webview finished drawing a state. */
export const onDidRenderDashboard = onDidRender.event;

export class DashboardPanel implements vscode.Disposable {
  static current: DashboardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: NodeJS.Timeout | undefined;
  lastRender: RenderReport | undefined;

  static show(services: Services, extensionUri: vscode.Uri): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      void DashboardPanel.current.post();
      return DashboardPanel.current;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('headroom.dashboard', vscode.l10n.t('Headroom'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    DashboardPanel.current = new DashboardPanel(panel, services, media);
    return DashboardPanel.current;
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly services: Services, media: vscode.Uri) {
    const webview = panel.webview;
    webview.html = dashboardHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css')).toString(),
      title: vscode.l10n.t('Headroom savings'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      panel.onDidChangeViewState(() => { if (panel.visible) void this.post(); }),
      panel.onDidDispose(() => this.dispose()),
      { dispose: services.ledger.onChange(() => this.schedule()) },
    );
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    clearTimeout(this.pending);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private schedule(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      void this.post();
    }, 250);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.post();
        return;
      case 'viewOriginal':
        if (/^[0-9a-f]{12}$/.test(message.id)) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(originalUri(message.id)), { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return;
      case 'export':
        await vscode.commands.executeCommand(EXPORT_STATS_COMMAND, message.format === 'csv' ? 'csv' : 'json');
        return;
      case 'rendered':
        this.lastRender = { entryIds: message.entryIds, totalSaved: message.totalSaved };
        this.services.log.debug(`dashboard drew ${message.entryIds.length} entries, ${message.totalSaved} tokens saved in total`);
        onDidRender.fire(this.lastRender);
        return;
    }
  }

  private async post(): Promise<void> {
    if (!this.panel.visible) return;
    const state = await buildState(this.services);
    const message: ToWebview = { type: 'state', state };
    await this.panel.webview.postMessage(message);
  }
}

async function buildState(services: Services): Promise<DashboardState> {
  const settings = services.settings();
  const price = settings.pricing.model;
  const summary = services.ledger.summary();
  let copilot: DashboardState['copilot'];
  const file = settings.copilotTelemetryFile;
  if (file) {
    try {
      const usage = await readCopilotTelemetry(file);
      copilot = { file, calls: usage.calls, inputTokens: usage.inputTokens, cachedInputTokens: usage.cachedInputTokens, outputTokens: usage.outputTokens, costUsd: usageCost(usage, settings.pricing.table, price), partial: usage.partial, first: usage.first, last: usage.last };
    } catch (error) {
      copilot = { file, error: vscode.l10n.t('Could not read {0}: {1}', file, error instanceof Error ? error.message : String(error)) };
    }
  }
  return {
    strings: strings(price.name, price.input),
    price: { name: price.name, input: price.input, source: price.source },
    summary,
    entries: [...services.ledger.recent()].reverse(),
    sourceLabels: Object.fromEntries(SOURCES.map((s) => [s, sourceLabel(s)])),
    copilot,
  };
}

function strings(priceName: string, input: number): Record<string, string> {
  const l = vscode.l10n.t;
  return {
    title: l('Headroom savings'),
    subtitle: l('What Copilot\'s models read through Headroom, and what they did not have to.'),
    refresh: l('Refresh'),
    exportJson: l('Export JSON'),
    exportCsv: l('Export CSV'),
    savedWindow: l('Saved in this window'),
    savedTotal: l('Saved in total'),
    read: l('Tokens read / would have read'),
    fewer: l('fewer tokens'),
    tokens: l('tokens'),
    compressions: l('compressions'),
    credits: l('AI credits'),
    priceNote: l('Money at {0} input prices (${1} per 1M tokens, 1 AI credit = $0.01; change it in the headroom.pricing settings). Tokens counted with the o200k_base tokenizer; a compression that gained nothing counts as zero.', priceName, String(input)),
    copilotTitle: l('Copilot\'s own requests'),
    copilotHint: l('Turn on Copilot\'s OpenTelemetry file export (github.copilot.chat.otel.enabled, exporterType "file", outfile) to see what its requests cost here.'),
    copilotUnreadable: l('unreadable'),
    input: l('input'),
    cached: l('cached'),
    output: l('output'),
    calls: l('calls'),
    partial: l('recent part of the file'),
    comparedTo: l('Headroom saved {0} next to {1} spent'),
    perDay: l('Tokens saved per day (last 30 days)'),
    today: l('today'),
    max: l('highest day:'),
    bySource: l('By source'),
    byCompressor: l('By compressor'),
    recent: l('Recent compressions: what the model read'),
    nothingYet: l('Nothing compressed yet. Ask @headroom in the chat, let Copilot use the headroom_* tools, or run "Headroom: Compress Last Terminal Output".'),
    colTime: l('When'),
    colSource: l('Source'),
    colWhat: l('What (click for transforms)'),
    colCompressor: l('Compressor'),
    colTokens: l('Tokens before → after'),
    colSaved: l('Saved'),
    colCuts: l('Cuts'),
    viewOriginal: l('View original'),
    readBy: l('read by'),
    noTransforms: l('no transforms recorded'),
  };
}
