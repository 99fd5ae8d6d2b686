// "Headroom: Compress Last Terminal Output" (Command Palette and the terminal's context menu): the
// last command's output, compressed, opened beside the terminal with what it saved, and the offer to
// copy it, ask @headroom about it or see the original.
import * as vscode from 'vscode';
import { compress, type Services } from '../services';
import { formatTokens, formatUsd, inputCost } from '../stats/pricing';
import type { TerminalCapture } from '../terminal/terminalCapture';
import { originalUri, type HeadroomDocuments } from './showOriginal';

export const COMPRESS_TERMINAL_COMMAND = 'headroom.compressTerminalOutput';

/** What the command returns (the tests read it). */
export interface CompressedTerminalOutput {
  readonly commandLine: string;
  readonly exitCode?: number;
  readonly text: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly originalId?: string;
  readonly entryId?: string;
  readonly uri: string;
  readonly via: 'shell-integration' | 'clipboard';
}

export function registerCompressTerminalOutput(services: Services, capture: () => TerminalCapture, documents: HeadroomDocuments): vscode.Disposable {
  return vscode.commands.registerCommand(COMPRESS_TERMINAL_COMMAND, async (terminal?: vscode.Terminal): Promise<CompressedTerminalOutput | undefined> => {
    const target = terminal instanceof Object && 'sendText' in terminal ? terminal : vscode.window.activeTerminal;
    const captured = await capture().lastOrCopied(target);
    if (!captured || !captured.output.trim()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Headroom found no terminal output to compress. Run a command in a terminal with shell integration (bash, zsh, fish, pwsh) and try again.'));
      return undefined;
    }
    const result = await compress(services, captured.output, { command: captured.commandLine || undefined }, { source: 'terminal', label: captured.commandLine || vscode.l10n.t('last terminal output') });
    const header = captured.commandLine ? `$ ${captured.commandLine}${captured.exitCode === undefined ? '' : `   # exit code ${captured.exitCode}`}\n` : '';
    const uri = documents.addCompressed({ text: `${header}${result.text}`, originalId: result.originalId, chatQuery: '@headroom /terminal ' }, captured.commandLine || 'terminal-output');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, viewColumn: vscode.ViewColumn.Active });
    void offerNextSteps(services, result, `${header}${result.text}`);
    return { commandLine: captured.commandLine, exitCode: captured.exitCode, text: result.text, tokensBefore: result.tokensBefore, tokensAfter: result.tokensAfter, originalId: result.originalId, entryId: result.entry?.id, uri: uri.toString(), via: captured.via };
  });
}

async function offerNextSteps(services: Services, result: { tokensBefore: number; tokensAfter: number; originalId?: string; off?: true }, text: string): Promise<void> {
  const price = services.settings().pricing.model;
  const saved = Math.max(0, result.tokensBefore - result.tokensAfter);
  const message = result.off
    ? vscode.l10n.t('Headroom is switched off for the terminal command (headroom.surfaces.terminalCommand); this is the output unchanged.')
    : vscode.l10n.t('Headroom: {0} → {1} tokens ({2} saved, {3} at {4} input prices).', formatTokens(result.tokensBefore), formatTokens(result.tokensAfter), formatTokens(saved), formatUsd(inputCost(saved, price)), price.name);
  const copy = vscode.l10n.t('Copy');
  const ask = vscode.l10n.t('Ask @headroom');
  const original = vscode.l10n.t('Show Original');
  const choice = await vscode.window.showInformationMessage(message, copy, ask, ...(result.originalId ? [original] : []));
  if (choice === copy) await vscode.env.clipboard.writeText(text);
  else if (choice === ask) await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@headroom /terminal ', isPartialQuery: true });
  else if (choice === original && result.originalId) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(originalUri(result.originalId)), { preview: true });
}
