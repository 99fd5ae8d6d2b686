// The @headroom request handler: one small function per slash command (commands/), the plain
// question when there is none. A failure anywhere ends the answer with its reason, never a crash.
import * as vscode from 'vscode';
import { ask } from './commands/ask';
import { compress } from './commands/compress';
import { run } from './commands/run';
import { stats } from './commands/stats';
import { terminal } from './commands/terminal';
import { terse } from './commands/terse';
import type { ChatDeps, SlashCommand } from './turn';

/** Equals `contributes.chatParticipants[0].commands[].name` in package.json. */
export const SLASH_COMMANDS: Readonly<Record<string, SlashCommand>> = { compress, run, terminal, stats, terse };

export type { HeadroomChatMetadata } from './turn';

export function createHandler(deps: ChatDeps): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const command = (request.command && SLASH_COMMANDS[request.command]) || ask;
    try {
      return await command({ request, context, stream, token, deps });
    } catch (error) {
      if (token.isCancellationRequested) return {};
      const reason = error instanceof Error ? error.message : String(error);
      deps.log.error(`@headroom${request.command ? ` /${request.command}` : ''} failed: ${reason}`);
      return { errorDetails: { message: vscode.l10n.t('Headroom could not answer: {0}', reason) } };
    }
  };
}
