// @headroom <question>: the prompt, attachments, the last terminal command (when recent) and the
// workspace's instruction files, compressed; then the selected model answers, with Headroom's tools.
import { answer } from '../answer';
import { instructionParts, promptPart, referenceParts, terminalPart } from '../gather';
import type { SlashCommand } from '../turn';

export const ask: SlashCommand = async (turn) => {
  const chat = turn.deps.settings().chat;
  turn.stream.progress('Compressing the context…');
  const question = await promptPart(turn);
  const parts = await referenceParts(turn);
  const terminal = chat.includeTerminalOutput ? await terminalPart(turn, turn.deps.terminals().last(), true) : undefined;
  const instructions = chat.includeInstructionFiles ? await instructionParts(turn) : [];
  return answer(turn, [...(terminal ? [terminal] : []), ...parts, question], '', instructions);
};
