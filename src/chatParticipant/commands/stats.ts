// @headroom /stats: what Headroom saved in this window and in total, by source and compressor.
import * as vscode from 'vscode';
import { SHOW_DASHBOARD_COMMAND, sourceLabel } from '../../statusBar';
import { SOURCES, type Totals } from '../../stats/ledger';
import { formatCredits, formatTokens, formatUsd, inputCost } from '../../stats/pricing';
import type { SlashCommand } from '../turn';

export const stats: SlashCommand = async ({ stream, deps }) => {
  const summary = deps.ledger.summary();
  const price = deps.settings().pricing.model;
  const worth = (t: Totals) => `${formatUsd(inputCost(t.saved, price))} (${formatCredits(inputCost(t.saved, price))})`;
  const row = (name: string, t: Totals) => `| ${name} | ${t.count} | ${formatTokens(t.tokensBefore)} | ${formatTokens(t.tokensAfter)} | ${formatTokens(t.saved)} | ${worth(t)} |\n`;
  let md = `| | ${vscode.l10n.t('compressions')} | ${vscode.l10n.t('tokens before')} | ${vscode.l10n.t('after')} | ${vscode.l10n.t('saved')} | ${vscode.l10n.t('worth')} |\n|:--|--:|--:|--:|--:|--:|\n`;
  md += row(`**${vscode.l10n.t('This window')}**`, summary.window);
  md += row(`**${vscode.l10n.t('In total')}**`, summary.totals);
  for (const source of SOURCES) if (summary.bySource[source]?.count) md += row(sourceLabel(source), summary.bySource[source]);
  const top = Object.entries(summary.byCompressor).filter(([, t]) => t.saved > 0).sort((a, b) => b[1].saved - a[1].saved).slice(0, 8);
  if (top.length > 0) md += `\n${vscode.l10n.t('Biggest savers')}: ${top.map(([id, t]) => `\`${id}\` ${formatTokens(t.saved)}`).join(' · ')}\n`;
  md += `\n${vscode.l10n.t('Worth at {0} input prices ({1} per 1M tokens). A compression that gained nothing counts as zero.', price.name, formatUsd(price.input))}\n`;
  stream.markdown(md);
  stream.button({ command: SHOW_DASHBOARD_COMMAND, title: vscode.l10n.t('Open the savings dashboard') });
  return { metadata: { command: 'stats', tokensBefore: 0, tokensAfter: 0, markers: [] } };
};
