// The status-bar token meter: tokens saved in this window and in total (and their worth at the
// configured price), a tooltip broken down by source and compressor. Clicking opens the dashboard.
import * as vscode from 'vscode';
import type { Services } from './services';
import { SOURCES, type Summary, type Totals } from './stats/ledger';
import { formatCredits, formatTokens, formatUsd, inputCost, type ModelPrice } from './stats/pricing';

export const STATUS_BAR_ID = 'headroom.status';
export const SHOW_DASHBOARD_COMMAND = 'headroom.showDashboard';
/** Compressors listed in the tooltip, biggest savers first. */
const TOP_COMPRESSORS = 6;

export interface Meter extends vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  refresh(): void;
}

export function createStatusBar(services: Services): Meter {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Headroom token meter');
  item.command = SHOW_DASHBOARD_COMMAND;
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = undefined;
    const settings = services.settings();
    render(item, services.ledger.summary(), settings.pricing.model, settings.enabled);
  };
  refresh();
  item.show();
  // Several compressions in a row (a tool loop) update the item once.
  const stop = services.ledger.onChange(() => { timer ??= setTimeout(refresh, 50); });
  const config = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('headroom')) refresh(); });
  return {
    item,
    refresh,
    dispose() {
      clearTimeout(timer);
      stop();
      config.dispose();
      item.dispose();
    },
  };
}

function render(item: vscode.StatusBarItem, summary: Summary, price: ModelPrice, enabled: boolean): void {
  const window = summary.window.saved;
  const total = summary.totals.saved;
  item.text = !enabled
    ? `$(circle-slash) ${vscode.l10n.t('Headroom off')}`
    : total === 0 ? '$(fold) Headroom' : `$(fold) ${meterText(window, total)}`;
  item.accessibilityInformation = { label: vscode.l10n.t('Headroom saved {0} tokens in this window and {1} in total', formatTokens(window), formatTokens(total)) };
  item.tooltip = tooltip(summary, price, enabled);
}

/** `Headroom: 2.2k saved`, or `Headroom: 2.2k saved · 45k total` once other windows or sessions saved too. */
export function meterText(window: number, total: number): string {
  return window === total ? vscode.l10n.t('Headroom: {0} saved', formatTokens(window, true)) : vscode.l10n.t('Headroom: {0} saved · {1} total', formatTokens(window, true), formatTokens(total, true));
}

function tooltip(summary: Summary, price: ModelPrice, enabled: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [SHOW_DASHBOARD_COMMAND, 'headroom.showLog'] };
  md.supportThemeIcons = true;
  md.appendMarkdown(`**${vscode.l10n.t('Headroom token meter')}**${enabled ? '' : ` — ${vscode.l10n.t('switched off (headroom.enabled)')}`}\n\n`);
  const worth = (t: Totals) => `${formatUsd(inputCost(t.saved, price))} (${formatCredits(inputCost(t.saved, price))})`;
  md.appendMarkdown(`| | ${vscode.l10n.t('saved')} | ${vscode.l10n.t('read')} | ${vscode.l10n.t('worth')} |\n|:--|--:|--:|--:|\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('This window')} | ${formatTokens(summary.window.saved)} | ${formatTokens(summary.window.tokensAfter)} / ${formatTokens(summary.window.tokensBefore)} | ${worth(summary.window)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('In total')} | ${formatTokens(summary.totals.saved)} | ${formatTokens(summary.totals.tokensAfter)} / ${formatTokens(summary.totals.tokensBefore)} | ${worth(summary.totals)} |\n\n`);
  const sources = SOURCES.filter((s) => summary.bySource[s]?.count);
  if (sources.length > 0) {
    md.appendMarkdown(`${vscode.l10n.t('By source')}: ${sources.map((s) => `${sourceLabel(s)} ${formatTokens(summary.bySource[s].saved)}`).join(' · ')}\n\n`);
  }
  const compressors = Object.entries(summary.byCompressor).filter(([, t]) => t.saved > 0).sort((a, b) => b[1].saved - a[1].saved).slice(0, TOP_COMPRESSORS);
  if (compressors.length > 0) md.appendMarkdown(`${vscode.l10n.t('By compressor')}: ${compressors.map(([id, t]) => `${id} ${formatTokens(t.saved)}`).join(' · ')}\n\n`);
  md.appendMarkdown(`${vscode.l10n.t('Tokens counted with the o200k_base tokenizer; a compression that gained nothing counts as zero. Worth at {0} input prices ({1} per 1M tokens).', price.name, formatUsd(price.input))}\n\n`);
  md.appendMarkdown(`[${vscode.l10n.t('Open the dashboard')}](command:${SHOW_DASHBOARD_COMMAND}) · [${vscode.l10n.t('Show the log')}](command:headroom.showLog)`);
  return md;
}

export function sourceLabel(source: string): string {
  switch (source) {
    case 'participant': return vscode.l10n.t('@headroom');
    case 'tools': return vscode.l10n.t('tools');
    case 'terminal': return vscode.l10n.t('terminal command');
    case 'instructions': return vscode.l10n.t('instructions');
    default: return source;
  }
}
