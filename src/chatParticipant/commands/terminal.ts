// @headroom /terminal [question]: the last terminal command's output, compressed, answered about.
import * as vscode from 'vscode';
import { answer } from '../answer';
import { promptPart, terminalPart } from '../gather';
import type { SlashCommand } from '../turn';

export const terminal: SlashCommand = async (turn) => {
  const { request, stream, deps } = turn;
  const captured = await deps.terminals().lastOrCopied();
  const part = await terminalPart(turn, captured, false);
  if (!part) {
    stream.markdown(vscode.l10n.t('Headroom has no terminal output yet. Run a command in a terminal with shell integration (bash, zsh, fish or pwsh), then ask again.'));
    return {};
  }
  const question = request.prompt.trim() ? [await promptPart(turn)] : [];
  return answer(turn, [part, ...question], question.length ? '' : 'What happened in this terminal output? Say whether it succeeded; if not, what failed, where and why, and what to do next. Quote error lines exactly.');
};
