// When headroom_run may run a command, and where: never in Restricted Mode, never outside the
// workspace folders, with a bounded timeout. Checked before the confirmation is shown (nobody is asked
// to confirm a call that cannot run) and again when it runs. No vscode.
import { insideRoot } from '../runtime/insideRoot';
import { TOOL_NAMES } from './names';

export interface RunInput {
  readonly command: string;
  readonly cwd?: string;
  readonly timeoutSeconds?: number;
  readonly query?: string;
}

export const MAX_TIMEOUT_SECONDS = 600;

/** Why a call will be refused (in words a model can act on), or the folder it runs in. */
export function checkRun(input: RunInput, trusted: boolean, roots: readonly string[]): { ok: true; cwd: string } | { ok: false; error: string } {
  if (!trusted) return { ok: false, error: `${TOOL_NAMES.run} is off because this workspace is not trusted (Restricted Mode): Headroom never runs commands there. Ask the user to trust the folder or to run the command themselves and paste its output (${TOOL_NAMES.compress} compresses it).` };
  if (typeof input.command !== 'string' || !input.command.trim()) return { ok: false, error: `${TOOL_NAMES.run} needs "command": the shell command line to run, e.g. "npm test".` };
  if (input.timeoutSeconds !== undefined && !(Number.isInteger(input.timeoutSeconds) && input.timeoutSeconds >= 1 && input.timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
    return { ok: false, error: `timeoutSeconds must be a whole number from 1 to ${MAX_TIMEOUT_SECONDS}; leave it out for the default.` };
  }
  const cwd = insideRoot(roots, typeof input.cwd === 'string' && input.cwd.trim() ? input.cwd.trim() : roots[0] ?? '.');
  if (!cwd.ok) return { ok: false, error: `Cannot run in ${input.cwd ?? 'the workspace'}: ${cwd.error}. Leave cwd out to run in the workspace folder, or give a folder inside it.` };
  return { ok: true, cwd: cwd.path };
}

