// Asks the selected model and streams its answer, running the tools it calls (Headroom's own, through
// lm.invokeTool with this chat's invocation token, so confirmations show in the chat) until it answers
// without a tool call. Every call gets its result right after it, as Copilot's models require.
import * as vscode from 'vscode';
import { TOOL_NAMES, TOOL_TAG } from '../tools/names';
import type { Turn } from './turn';

/** Share of the model's window one tool result may take. */
const TOOL_RESULT_SHARE = 0.25;

export interface LoopResult {
  readonly text: string;
  readonly toolCalls: number;
}

export async function runToolLoop(turn: Turn, messages: vscode.LanguageModelChatMessage[]): Promise<LoopResult> {
  const { request, stream, token, deps } = turn;
  const model = request.model;
  const tools = offeredTools();
  const maxRounds = deps.settings().chat.maxToolRounds;
  let answer = '';
  let toolCalls = 0;
  for (let round = 0; ; round++) {
    const response = await model.sendRequest(messages, { tools, justification: vscode.l10n.t('@headroom answers with the context it compressed') }, token);
    const calls: vscode.LanguageModelToolCallPart[] = [];
    let text = '';
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        stream.markdown(part.value);
        text += part.value;
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        calls.push(part);
      }
    }
    answer += text;
    if (calls.length === 0 || token.isCancellationRequested) return { text: answer, toolCalls };
    if (round >= maxRounds) {
      stream.markdown(`\n\n${vscode.l10n.t('(Stopped after {0} rounds of tool calls; ask again to continue.)', maxRounds)}`);
      return { text: answer, toolCalls };
    }
    messages.push(vscode.LanguageModelChatMessage.Assistant([...(text ? [new vscode.LanguageModelTextPart(text)] : []), ...calls]));
    const results: vscode.LanguageModelToolResultPart[] = [];
    for (const call of calls) {
      toolCalls++;
      results.push(new vscode.LanguageModelToolResultPart(call.callId, await invoke(turn, call, tools)));
    }
    messages.push(vscode.LanguageModelChatMessage.User(results));
  }
}

/** Headroom's tools; headroom_run and headroom_read only where they may work (a trusted workspace). */
function offeredTools(): vscode.LanguageModelChatTool[] {
  const restricted: readonly string[] = vscode.workspace.isTrusted ? [] : [TOOL_NAMES.run, TOOL_NAMES.read];
  return vscode.lm.tools
    .filter((tool) => tool.tags.includes(TOOL_TAG) && !restricted.includes(tool.name))
    .map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));
}

async function invoke(turn: Turn, call: vscode.LanguageModelToolCallPart, offered: readonly vscode.LanguageModelChatTool[]): Promise<(vscode.LanguageModelTextPart | vscode.LanguageModelPromptTsxPart | unknown)[]> {
  const { request, stream, token, deps } = turn;
  if (!offered.some((tool) => tool.name === call.name)) {
    return [new vscode.LanguageModelTextPart(`There is no tool ${call.name} here; use one of: ${offered.map((t) => t.name).join(', ')}.`)];
  }
  stream.progress(vscode.l10n.t('Calling {0}…', call.name));
  try {
    const result = await vscode.lm.invokeTool(call.name, {
      input: call.input,
      toolInvocationToken: request.toolInvocationToken,
      tokenizationOptions: {
        tokenBudget: Math.floor(request.model.maxInputTokens * TOOL_RESULT_SHARE),
        countTokens: (text, countToken) => request.model.countTokens(text, countToken),
      },
    }, token);
    deps.log.debug(`@headroom: ${call.name} ${JSON.stringify(call.input).slice(0, 200)} answered`);
    return result.content;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.debug(`@headroom: ${call.name} failed: ${message}`);
    return [new vscode.LanguageModelTextPart(`${call.name} failed: ${message}`)];
  }
}
