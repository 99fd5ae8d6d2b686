// Registers @headroom: ask the selected model with your context compressed first, plus /compress,
// /run, /terminal, /stats and /terse. Offers follow-ups after each answer.
import * as vscode from 'vscode';
import { createHandler } from './handler';
import type { ChatDeps, HeadroomChatMetadata } from './turn';

/** Equals `contributes.chatParticipants[0].id` in package.json. */
export const PARTICIPANT_ID = 'headroom.chat';

export function registerChatParticipant(deps: ChatDeps, extensionUri: vscode.Uri): vscode.Disposable {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, createHandler(deps));
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'headroom.svg');
  participant.followupProvider = { provideFollowups: (result) => followups(result.metadata as HeadroomChatMetadata | undefined) };
  return participant;
}

function followups(metadata: HeadroomChatMetadata | undefined): vscode.ChatFollowup[] {
  if (!metadata || metadata.command === 'stats' || metadata.command === 'terse') return [];
  const saved = metadata.tokensBefore - metadata.tokensAfter;
  return [
    ...(saved > 0 ? [{ prompt: '', command: 'stats', label: vscode.l10n.t('How much has Headroom saved so far?') }] : []),
    ...(metadata.command !== 'terminal' ? [{ prompt: '', command: 'terminal', label: vscode.l10n.t('Explain the last terminal output') }] : []),
  ];
}
