// @headroom /compress: compress what is pasted or attached and show it, before → after, with what it
// saved and a way to the original. The model is not asked anything.
import * as vscode from 'vscode';
import { SHOW_ORIGINAL_COMMAND } from '../../commands/showOriginal';
import { footer } from '../footer';
import { promptPart, referenceParts } from '../gather';
import type { HeadroomChatMetadata, Part, SlashCommand } from '../turn';

export const compress: SlashCommand = async (turn) => {
  const { request, stream, deps } = turn;
  const parts: Part[] = [...(request.prompt.trim() ? [await promptPart(turn)] : []), ...(await referenceParts(turn))];
  if (parts.length === 0) {
    stream.markdown(vscode.l10n.t('Paste text after `/compress` or attach a file (Add Context…), and Headroom shows it compressed with what it saves.'));
    return {};
  }
  for (const part of parts) {
    const title = part.heading ?? vscode.l10n.t('Pasted text');
    const saved = part.tokensBefore - part.tokensAfter;
    stream.markdown(`**${escape(title)}** — ${part.tokensBefore.toLocaleString('en-US')} → ${part.tokensAfter.toLocaleString('en-US')} tokens (${saved > 0 ? vscode.l10n.t('{0} saved', saved.toLocaleString('en-US')) : vscode.l10n.t('nothing to gain, kept whole')}; ${part.compressor})\n\n`);
    const fence = '`'.repeat(Math.max(3, (part.text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0) + 1));
    stream.markdown(`${fence}text\n${part.text}\n${fence}\n\n`);
    if (part.originalId && saved > 0) stream.button({ command: SHOW_ORIGINAL_COMMAND, arguments: [part.originalId], title: vscode.l10n.t('Show the original of {0}', title) });
    if (part.uri) stream.reference(part.uri);
  }
  stream.markdown(footer(parts, request.model, deps.settings()));
  const metadata: HeadroomChatMetadata = { command: 'compress', tokensBefore: parts.reduce((n, p) => n + p.tokensBefore, 0), tokensAfter: parts.reduce((n, p) => n + p.tokensAfter, 0), markers: [...new Set(parts.flatMap((p) => p.markers))] };
  return { metadata };
};

/** Markdown-safe title text. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
