// The messages @headroom sends. There is no system role in the stable API, so Headroom's
// instructions open the first user message, followed by the workspace's instruction files; then the
// earlier turns that fit the model's window (each rendered the same way every time, so prompt caches
// keep matching); last, this turn's context and question.
import * as vscode from 'vscode';
import { TOOL_NAMES } from '../tools/names';
import { turnsWithinBudget, type RenderedTurn } from './historyBudget';
import { terseInstruction, type TerseLevel } from './terse';
import type { Part } from './turn';

/** Starts the footer line of every answer; history strips everything from here on. */
export const FOOTER_START = '\n\n---\nHeadroom: ';
/** Share of the model's input window the whole request may use (the rest is left for tool results). */
const WINDOW_SHARE = 0.8;

const INSTRUCTIONS = [
  'You answer through Headroom, which compressed the context below before you read it. Every fact is kept.',
  'A marker such as [hr:3f9a0c1b2d4e omitted 40 lines L10-49: passing tests] shows where text was cut; the cut text is kept byte for byte.',
  `When a marker hides something you need, call ${TOOL_NAMES.retrieve} with its id (and "lines" from its L-range, or a "grep" text) instead of guessing or asking for the command to be run again.`,
  `To run a command, use ${TOOL_NAMES.run}; to read a workspace file, use ${TOOL_NAMES.read}. Both return compressed output with markers.`,
].join(' ');

export function firstMessage(terse: TerseLevel, instructionFiles: readonly Part[]): string {
  const brevity = terseInstruction(terse);
  const files = instructionFiles.map((p) => `### ${p.heading}\n${p.text}`).join('\n\n');
  return [INSTRUCTIONS, brevity, files ? `The workspace's instructions (compressed by Headroom):\n\n${files}` : ''].filter(Boolean).join('\n\n');
}

/** This turn's message: the context pieces (the user's own prompt is a part without a heading), then the question. */
export function lastMessage(parts: readonly Part[], question: string): string {
  return [...parts.map(render), question].filter((piece) => piece.length > 0).join('\n\n');
}

function render(part: Part): string {
  if (!part.heading) return part.text;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(part.text) + 1));
  return `${part.heading}\n${fence}\n${part.text}\n${fence}`;
}

/** Earlier turns of this participant, as user/assistant text (footers removed). */
export function renderHistory(context: vscode.ChatContext): Omit<RenderedTurn, 'tokens'>[] {
  const turns: Omit<RenderedTurn, 'tokens'>[] = [];
  let pending: string | undefined;
  for (const turn of context.history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      pending = `${turn.command ? `/${turn.command} ` : ''}${turn.prompt}`;
    } else if (turn instanceof vscode.ChatResponseTurn && pending !== undefined) {
      const answer = turn.response.map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : '')).join('');
      const footer = answer.lastIndexOf(FOOTER_START);
      turns.push({ user: pending, assistant: (footer >= 0 ? answer.slice(0, footer) : answer).trim() });
      pending = undefined;
    }
  }
  return turns.filter((t) => t.assistant.length > 0);
}

/** Counts the same text once per window (history turns repeat on every request). */
const counted = new Map<string, number>();
const MAX_COUNTED = 500;

async function countOnce(model: vscode.LanguageModelChat, text: string, token: vscode.CancellationToken): Promise<number> {
  const key = `${model.id}\u0000${text}`;
  let tokens = counted.get(key);
  if (tokens === undefined) {
    tokens = await model.countTokens(text, token);
    counted.set(key, tokens);
    if (counted.size > MAX_COUNTED) counted.delete(counted.keys().next().value as string);
  }
  return tokens;
}

/** First message, the history that fits, the last message. */
export async function buildMessages(model: vscode.LanguageModelChat, first: string, history: readonly Omit<RenderedTurn, 'tokens'>[], last: string, token: vscode.CancellationToken): Promise<{ messages: vscode.LanguageModelChatMessage[]; historyKept: number; inputTokens: number }> {
  const fixed = (await countOnce(model, first, token)) + (await model.countTokens(last, token));
  const budget = Math.max(0, Math.floor(model.maxInputTokens * WINDOW_SHARE) - fixed);
  const measured: RenderedTurn[] = [];
  for (const turn of history) measured.push({ ...turn, tokens: (await countOnce(model, turn.user, token)) + (await countOnce(model, turn.assistant, token)) });
  const kept = turnsWithinBudget(measured, budget);
  const messages = [vscode.LanguageModelChatMessage.User(first)];
  for (const turn of kept) messages.push(vscode.LanguageModelChatMessage.User(turn.user), vscode.LanguageModelChatMessage.Assistant(turn.assistant));
  messages.push(vscode.LanguageModelChatMessage.User(last));
  return { messages, historyKept: kept.length, inputTokens: fixed + kept.reduce((n, t) => n + t.tokens, 0) };
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
