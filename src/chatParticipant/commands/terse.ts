// @headroom /terse lite|full|ultra|off: how brief @headroom's answers are (kept in headroom.chat.terse).
import * as vscode from 'vscode';
import { SECTION } from '../../settings';
import { TERSE_LEVELS, isTerseLevel, terseInstruction } from '../terse';
import type { SlashCommand } from '../turn';

export const terse: SlashCommand = async ({ request, stream, deps }) => {
  const level = request.prompt.trim().toLowerCase();
  if (!isTerseLevel(level)) {
    stream.markdown(vscode.l10n.t('Terse level is **{0}**. Choose one of {1}: `@headroom /terse full`.', deps.settings().chat.terse, TERSE_LEVELS.map((l) => `\`${l}\``).join(', ')));
    return {};
  }
  await vscode.workspace.getConfiguration(SECTION).update('chat.terse', level, vscode.ConfigurationTarget.Global);
  stream.markdown(level === 'off'
    ? vscode.l10n.t('Terse mode is off: answers are as long as the model makes them.')
    : vscode.l10n.t('Terse mode **{0}**: from the next answer on, the model is told: "{1}"', level, terseInstruction(level)));
  return { metadata: { command: 'terse', tokensBefore: 0, tokensAfter: 0, markers: [] } };
};
