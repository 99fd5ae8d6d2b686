// `headroom hook`: the PreToolUse hook command. Copilot (VS Code agent hooks) writes the tool call
// as JSON on stdin; for its terminal tool we answer with `updatedInput` whose command pipes the
// output through `headroom compress`. Anything else — other tools, background commands, input we
// do not understand — gets no output and exit status 0, which lets the call run unchanged. The hook
// never blocks a tool call (exit status 2 would).
import { rewriteCommand, quote } from './rewriteCommand';

/** The terminal tools whose `command` input we may rewrite (VS Code's, and Claude Code's `Bash`). */
const TERMINAL_TOOLS = new Set(['run_in_terminal', 'runInTerminal', 'Bash']);
/** Hook input larger than this is not a terminal call worth parsing. */
const MAX_INPUT_BYTES = 1024 * 1024;

export interface HookDecision {
  /** What to print on stdout (nothing when the call runs unchanged). */
  readonly output?: string;
  readonly reason: string;
}

/** Decides the hook's answer for one hook-JSON input. Never throws. */
export function decideHook(input: string, options: { cli: string; shell: string | undefined }): HookDecision {
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { reason: 'the input is not a JSON object' };
    payload = parsed as Record<string, unknown>;
  } catch {
    return { reason: 'the input is not JSON' };
  }
  const event = payload.hookEventName ?? payload.hook_event_name;
  if (event !== undefined && event !== 'PreToolUse') return { reason: `not a PreToolUse event (${String(event)})` };
  const tool = payload.tool_name;
  const toolInput = payload.tool_input;
  if (typeof tool !== 'string' || !TERMINAL_TOOLS.has(tool)) return { reason: `not a terminal tool (${String(tool)})` };
  if (typeof toolInput !== 'object' || toolInput === null || Array.isArray(toolInput)) return { reason: 'tool_input is not an object' };
  const fields = toolInput as Record<string, unknown>;
  if (typeof fields.command !== 'string') return { reason: 'tool_input has no command' };
  if (fields.isBackground === true || fields.run_in_background === true || fields.mode === 'async') return { reason: 'a background command' };
  const rewrite = rewriteCommand(fields.command, options);
  if (rewrite.command === undefined) return { reason: rewrite.reason };
  const output = { hookSpecificOutput: { hookEventName: 'PreToolUse', updatedInput: { ...fields, command: rewrite.command } } };
  return { output: JSON.stringify(output), reason: rewrite.reason };
}

/** The CLI as the rewritten command should start it: this same Node (or VS Code's, run as Node) and this same file. */
export function cliInvocation(execPath: string, cliPath: string, electronAsNode: boolean): string {
  return `${electronAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : ''}${quote(execPath)} ${quote(cliPath)}`;
}

export async function hookMain(argv: readonly string[], cliPath: string): Promise<number> {
  const shellAt = argv.indexOf('--shell');
  const shell = shellAt >= 0 ? argv[shellAt + 1] : process.env.SHELL;
  const input = await readStdin(MAX_INPUT_BYTES);
  if (input === undefined || process.env.HEADROOM_HOOK === 'off') return 0;
  // VS Code's own executable runs as Node only with ELECTRON_RUN_AS_NODE; plain Node needs nothing.
  const decision = decideHook(input, { cli: cliInvocation(process.execPath, cliPath, process.versions.electron !== undefined), shell });
  if (process.env.HEADROOM_HOOK_DEBUG) process.stderr.write(`headroom hook: ${decision.reason}\n`);
  if (decision.output) process.stdout.write(decision.output + '\n');
  return 0;
}

/** stdin as text, or undefined when it is larger than `cap` (then the hook stays out of the way). */
async function readStdin(cap: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > cap) return undefined;
      chunks.push(chunk);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}
