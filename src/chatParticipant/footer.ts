// The one-line savings footer under every @headroom answer: tokens before → after and what that is
// worth at the selected model's price (the configured price model when the selected one is unknown).
import type * as vscode from 'vscode';
import type { Settings } from '../settings';
import { findPrice, formatTokens, formatUsd, inputCost } from '../stats/pricing';
import { FOOTER_START } from './prompt';
import type { Part } from './turn';

export function footer(parts: readonly Part[], model: vscode.LanguageModelChat, settings: Settings): string {
  const counted = parts.filter((p) => !p.off);
  if (counted.length === 0) return `${FOOTER_START.trimEnd()} off (headroom.enabled or headroom.surfaces.*): nothing was compressed`;
  const before = counted.reduce((n, p) => n + p.tokensBefore, 0);
  const after = counted.reduce((n, p) => n + p.tokensAfter, 0);
  const saved = Math.max(0, before - after);
  const price = (settings.pricing.useSelectedModel && findPrice([model.id, model.family, model.name], settings.pricing.table)) || settings.pricing.model;
  const percent = before > 0 ? Math.round((saved / before) * 100) : 0;
  const money = saved > 0 ? `, ${formatUsd(inputCost(saved, price))} saved at ${price.name} input prices` : '';
  return `${FOOTER_START}${formatTokens(before)} → ${formatTokens(after)} tokens (−${percent}%${money})`;
}
