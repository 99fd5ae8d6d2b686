// The tools `headroom mcp` serves: compress, retrieve, run (confined to the root folder, with a
// timeout and bounded output) and stats. The text each returns is exactly what a model reads.
import { CONTENT_TYPES, type ContentType } from '../compressors/types';
import { parseLineRange, sliceOriginal } from '../compressors/shared/slice';
import { insideRoot } from '../runtime/insideRoot';
import { DEFAULT_MAX_OUTPUT_BYTES, describeExit, droppedNotice, runCommand } from '../runtime/runCommand';
import type { Runtime } from '../runtime/runtime';
import { ToolInputError, type Tool, type ToolResult } from './server';

export interface ToolOptions {
  readonly runtime: Runtime;
  /** The folder `run` works in; commands cannot leave it through `cwd`. */
  readonly root: string;
  /** Offer the `run` tool (off in untrusted workspaces). */
  readonly allowRun: boolean;
  /** Upper bound for `timeoutSeconds`. */
  readonly maxTimeoutSeconds: number;
  readonly maxOutputBytes?: number;
}

export const DEFAULT_RUN_TIMEOUT_SECONDS = 120;
export const MAX_RUN_TIMEOUT_SECONDS = 600;
const RETRIEVE_HINT = 'call the retrieve tool with id "{id}" (and lines "A-B" or grep "text" for part of it)';

interface Totals { calls: number; tokensBefore: number; tokensAfter: number }

export function headroomTools(options: ToolOptions): Tool[] {
  const started = Date.now();
  const totals = new Map<string, Totals>();
  const count = (tool: string, before = 0, after = 0) => {
    const t = totals.get(tool) ?? { calls: 0, tokensBefore: 0, tokensAfter: 0 };
    t.calls++;
    t.tokensBefore += before;
    t.tokensAfter += after;
    totals.set(tool, t);
  };

  const compress: Tool = {
    name: 'compress',
    title: 'Compress text',
    description: 'Compress text you already have (command output, logs, JSON, code, diffs, instructions) before reading or passing it on. Every fact a model needs is kept; each cut is marked [hr:<id> …] and can be read back byte for byte with the retrieve tool. Give `command` for command output and `fileName` for file contents: they pick the right compressor.',
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'The text to compress.' },
        type: { type: 'string', enum: [...CONTENT_TYPES], description: 'What the text is; default auto (detected).' },
        command: { type: 'string', description: 'The command line that printed the text, e.g. "npm test".' },
        fileName: { type: 'string', description: 'The file the text came from, e.g. "src/app.ts".' },
        query: { type: 'string', description: 'What you are looking for; relevant parts keep more detail.' },
        budget: { type: 'integer', minimum: 1, description: 'Aim for at most this many tokens (facts that must stay are never cut).' },
      },
      required: ['text'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    async call(args) {
      const text = requiredString(args, 'text');
      const result = await options.runtime.compress(text, {
        type: contentType(args),
        command: optionalString(args, 'command'),
        fileName: optionalString(args, 'fileName'),
        query: optionalString(args, 'query'),
        budget: optionalInteger(args, 'budget', 1),
        retrieveHint: RETRIEVE_HINT,
      });
      count('compress', result.tokensBefore, result.tokensAfter);
      return textResult(result.text, {
        tokensBefore: result.tokensBefore,
        tokensAfter: result.tokensAfter,
        compressor: result.compressor,
        markers: [...new Set(result.markers.map((m) => m.id))],
      });
    },
  };

  const retrieve: Tool = {
    name: 'retrieve',
    title: 'Retrieve an original',
    description: 'Read back what a [hr:<id> …] marker cut, byte for byte: the whole original, a line range ("120-180", from the marker\'s L120-180) or only the lines containing some text. Use it instead of re-running a command when a marker hides something you need.',
    inputSchema: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'The 12 hex digits after "hr:" in a marker.' },
        lines: { type: 'string', description: 'Only these lines of the original, e.g. "120-180" or "42".' },
        grep: { type: 'string', description: 'Only lines containing this text (case-insensitive, plain text).' },
        numbered: { type: 'boolean', description: 'Prefix each line with its line number.' },
      },
      required: ['id'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    async call(args) {
      const id = requiredString(args, 'id').replace(/^\[?hr:/, '').trim();
      const linesValue = optionalString(args, 'lines');
      const lines = linesValue === undefined ? undefined : parseLineRange(linesValue);
      if (linesValue !== undefined && !lines) throw new ToolInputError(`lines must look like "12-40" or "12", not "${linesValue}"`);
      const found = options.runtime.store.get(id);
      count('retrieve');
      if (!found.found) return errorResult(found.message);
      const part = sliceOriginal(found.bytes, { lines, grep: optionalString(args, 'grep'), numbered: args.numbered === true });
      if (!part.ok) return errorResult(part.error);
      const text = decodeOrDescribe(part.bytes);
      return textResult(text.length ? text : '(no lines matched)');
    },
  };

  const run: Tool = {
    name: 'run',
    title: 'Run a command (compressed output)',
    description: `Run a shell command in the workspace (${options.root}) and read its output compressed: errors, failures and summaries kept, noise cut and marked [hr:<id> …] (read any cut back with retrieve). Prefer this to a plain terminal for builds, tests, linters, installs, git and logs. Not for interactive programs (stdin is closed) or servers that never exit (the timeout stops them). The exit code is on the last line.`,
    inputSchema: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The command line, run by the shell (bash when available).' },
        cwd: { type: 'string', description: 'Folder to run in, relative to the workspace root (must stay inside it). Default: the root.' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: options.maxTimeoutSeconds, description: `Stop the command after this many seconds (default ${Math.min(DEFAULT_RUN_TIMEOUT_SECONDS, options.maxTimeoutSeconds)}).` },
        query: { type: 'string', description: 'What you are looking for in the output; relevant parts keep more detail.' },
        budget: { type: 'integer', minimum: 1, description: 'Aim for at most this many tokens of output.' },
      },
      required: ['command'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    async call(args, signal) {
      const command = requiredString(args, 'command');
      if (!command.trim()) throw new ToolInputError('command is empty');
      const cwd = insideRoot([options.root], optionalString(args, 'cwd') ?? '.');
      if (!cwd.ok) throw new ToolInputError(cwd.error);
      const timeoutSeconds = optionalInteger(args, 'timeoutSeconds', 1, options.maxTimeoutSeconds) ?? Math.min(DEFAULT_RUN_TIMEOUT_SECONDS, options.maxTimeoutSeconds);
      const ran = await runCommand({ command, cwd: cwd.path, timeoutMs: timeoutSeconds * 1000, signal, maxBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES });
      if (ran.error && ran.exitCode === null && !ran.cancelled) return errorResult(`could not run the command: ${ran.error}`);
      const result = await options.runtime.compress(ran.output, { command, query: optionalString(args, 'query'), budget: optionalInteger(args, 'budget', 1), retrieveHint: RETRIEVE_HINT });
      count('run', result.tokensBefore, result.tokensAfter);
      // Outside the compressed text, so no compression can hide that part of the output was never kept.
      const notice = droppedNotice(ran);
      const ending = `[${describeExit(ran, timeoutSeconds * 1000)}]`;
      const body = result.text.length === 0 ? '(no output)\n' : `${result.text}${result.text.endsWith('\n') ? '' : '\n'}`;
      const text = `${notice ? `${notice}\n` : ''}${body}${ending}`;
      return textResult(text, {
        exitCode: ran.exitCode,
        timedOut: ran.timedOut,
        cancelled: ran.cancelled,
        durationMs: ran.durationMs,
        droppedBytes: ran.droppedBytes,
        tokensBefore: result.tokensBefore,
        tokensAfter: result.tokensAfter,
        compressor: result.compressor,
        markers: [...new Set(result.markers.map((m) => m.id))],
      });
    },
  };

  const stats: Tool = {
    name: 'stats',
    title: 'Savings so far',
    description: 'How many tokens this server has saved since it started: calls, tokens before and after compression, per tool.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async call() {
      const perTool = Object.fromEntries([...totals].map(([tool, t]) => [tool, { ...t, tokensSaved: t.tokensBefore - t.tokensAfter }]));
      const all = [...totals.values()].reduce((a, t) => ({ calls: a.calls + t.calls, tokensBefore: a.tokensBefore + t.tokensBefore, tokensAfter: a.tokensAfter + t.tokensAfter }), { calls: 0, tokensBefore: 0, tokensAfter: 0 });
      const saved = all.tokensBefore - all.tokensAfter;
      const pct = all.tokensBefore ? Math.round((saved / all.tokensBefore) * 100) : 0;
      const lines = [
        `${all.calls} calls since ${new Date(started).toISOString()}: ${all.tokensBefore} tokens in, ${all.tokensAfter} out, ${saved} saved (${pct}%).`,
        ...[...totals].map(([tool, t]) => `${tool}: ${t.calls} calls, ${t.tokensBefore} → ${t.tokensAfter} tokens`),
        `originals kept in ${options.runtime.store.dir ?? 'memory only'}; run ${options.allowRun ? `works in ${options.root}` : 'is off (untrusted workspace or --no-run)'}`,
      ];
      return textResult(lines.join('\n'), { since: new Date(started).toISOString(), ...all, tokensSaved: saved, perTool, root: options.root, runEnabled: options.allowRun });
    },
  };

  return options.allowRun ? [compress, retrieve, run, stats] : [compress, retrieve, stats];
}

function textResult(text: string, structuredContent?: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text }], ...(structuredContent ? { structuredContent } : {}) };
}

function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function requiredString(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new ToolInputError(`${name} is required and must be a string`);
  return value;
}

function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolInputError(`${name} must be a string`);
  return value;
}

function optionalInteger(args: Record<string, unknown>, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new ToolInputError(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function contentType(args: Record<string, unknown>): ContentType | undefined {
  const value = optionalString(args, 'type');
  if (value === undefined) return undefined;
  if (!(CONTENT_TYPES as readonly string[]).includes(value)) throw new ToolInputError(`type must be one of ${CONTENT_TYPES.join(', ')}`);
  return value as ContentType;
}

function decodeOrDescribe(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `(this original is ${bytes.length} bytes of binary data, not valid UTF-8; it cannot be shown as text)`;
  }
}
