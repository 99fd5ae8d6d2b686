// The common end of every @headroom request that asks the model: build the messages from the
// compressed parts, run the tool loop, stream references and the savings footer, return metadata.
import * as vscode from 'vscode';
import { footer } from './footer';
import { buildMessages, firstMessage, lastMessage, renderHistory } from './prompt';
import { runToolLoop } from './toolLoop';
import type { HeadroomChatMetadata, Part, Turn } from './turn';
import { RETRIEVE_HINT } from '../tools/names';

/** Earlier prompts compressed, by their text: the same prompt always becomes the same bytes. */
const compactPrompts = new Map<string, string>();
const MAX_COMPACT_PROMPTS = 100;

export async function answer(turn: Turn, parts: readonly Part[], question: string, instructionFiles: readonly Part[] = []): Promise<vscode.ChatResult> {
  const { request, context, stream, token, deps } = turn;
  const settings = deps.settings();
  const all = [...instructionFiles, ...parts];
  const metadata: HeadroomChatMetadata = {
    ...(request.command ? { command: request.command } : {}),
    tokensBefore: all.reduce((n, p) => n + p.tokensBefore, 0),
    tokensAfter: all.reduce((n, p) => n + p.tokensAfter, 0),
    markers: [...new Set(all.flatMap((p) => p.markers))],
  };
  for (const part of all) if (part.uri) stream.reference(part.uri);
  const history = await compactHistory(turn, renderHistory(context));
  const { messages, historyKept, inputTokens } = await buildMessages(request.model, firstMessage(settings.chat.terse, instructionFiles), history, lastMessage(parts, question), token);
  deps.log.debug(`@headroom: ${all.length} part(s), ${metadata.tokensBefore} → ${metadata.tokensAfter} tokens, ${historyKept} earlier turn(s), ~${inputTokens} input tokens for ${request.model.id}`);
  stream.progress(vscode.l10n.t('Asking {0} with {1} compressed tokens…', request.model.name, metadata.tokensAfter.toLocaleString('en-US')));
  try {
    const loop = await runToolLoop(turn, messages);
    stream.markdown(footer(all, request.model, settings));
    return { metadata: { ...metadata, toolCalls: loop.toolCalls } };
  } catch (error) {
    if (token.isCancellationRequested) return { metadata };
    const reason = error instanceof vscode.LanguageModelError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
    deps.log.error(`@headroom: the model failed: ${reason}`);
    return { errorDetails: { message: vscode.l10n.t('The model could not answer: {0}', reason) }, metadata };
  }
}

/**
 * Earlier prompts as the model read them then: compressed (a pasted log stays a few lines, not the
 * whole log again), deterministically, so each request repeats the same bytes. Not counted in the
 * ledger: that saving was counted when the prompt was first sent.
 */
async function compactHistory(turn: Turn, history: { user: string; assistant: string }[]): Promise<{ user: string; assistant: string }[]> {
  const settings = turn.deps.settings();
  if (!settings.enabled || !settings.surfaces.participant) return history;
  const out: { user: string; assistant: string }[] = [];
  for (const entry of history) {
    let user = compactPrompts.get(entry.user);
    if (user === undefined) {
      try {
        user = (await turn.deps.runtime().compress(entry.user, { minTokens: settings.minTokens, disabled: settings.disabledCompressors, retrieveHint: RETRIEVE_HINT })).text;
      } catch {
        user = entry.user;
      }
      compactPrompts.set(entry.user, user);
      if (compactPrompts.size > MAX_COMPACT_PROMPTS) compactPrompts.delete(compactPrompts.keys().next().value as string);
    }
    out.push({ user, assistant: entry.assistant });
  }
  return out;
}
