// Registers @headroom: ask the selected model with your prompt and attached files compressed first.
import * as vscode from 'vscode';
import type { Runtime } from '../runtime/runtime';
import { createHandler } from './handler';

/** Equals `contributes.chatParticipants[0].id` in package.json. */
export const PARTICIPANT_ID = 'headroom.chat';

export function registerChatParticipant(runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.chat.createChatParticipant(PARTICIPANT_ID, createHandler(runtime, log));
}
