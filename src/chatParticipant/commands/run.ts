// @headroom /run <command>: run it through headroom_run (the confirmation shows in the chat), then the
// model answers from the compressed output.
import * as vscode from 'vscode';
import { TOOL_NAMES } from '../../tools/names';
import { answer } from '../answer';
import type { Part, SlashCommand } from '../turn';

export const run: SlashCommand = async (turn) => {
  const { request, stream, token, deps } = turn;
  const command = request.prompt.trim();
  if (!command) {
    stream.markdown(vscode.l10n.t('Give the command to run: `@headroom /run npm test`.'));
    return {};
  }
  const started = Date.now();
  let output: string;
  try {
    const result = await vscode.lm.invokeTool(TOOL_NAMES.run, { input: { command }, toolInvocationToken: request.toolInvocationToken }, token);
    output = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  } catch (error) {
    if (token.isCancellationRequested) return {};
    stream.markdown(vscode.l10n.t('Headroom did not run `{0}`: {1}', command, error instanceof Error ? error.message : String(error)));
    return { metadata: { command: 'run', tokensBefore: 0, tokensAfter: 0, markers: [] } };
  }
  // The tool recorded its compression; its numbers are what this answer saved.
  const entry = [...deps.ledger.recent()].reverse().find((e) => e.label === `${TOOL_NAMES.run}: ${command}` && e.at >= started);
  const part: Part = {
    heading: `Output of \`${command}\``,
    text: output,
    tokensBefore: entry?.tokensBefore ?? 0,
    tokensAfter: entry?.tokensAfter ?? 0,
    markers: [...new Set([...output.matchAll(/\[hr:([0-9a-f]{12}) /g)].map((m) => m[1]))],
    source: 'tools',
    originalId: entry?.originalId,
    compressor: entry?.compressor ?? 'unknown',
    ...(entry ? {} : { off: true }),
  };
  return answer(turn, [part], 'Explain the outcome of this command for the user: did it succeed; if not, what failed, where and why; and what to do next. Quote error lines exactly.');
};
