// headroom_read: a workspace file, compressed by its type (code as an outline with the parts the
// query names kept whole, logs and JSON summarised). Only inside the workspace folders, never in
// Restricted Mode; a huge file is read as its first and last parts and says so.
import { open, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import * as vscode from 'vscode';
import { insideRoot } from '../runtime/insideRoot';
import { compress, type Services } from '../services';
import { RETRIEVE_HINT, TOOL_NAMES } from './names';
import { engineBudget, lineRange, sizedResult, throwIfCancelled, ToolError } from './toolResult';

/** A line range asked for is returned exactly (for editing) unless it is larger than this. */
const EXACT_RANGE_TOKENS = 2000;

export interface ReadInput {
  readonly path: string;
  readonly lines?: string;
  readonly query?: string;
}

export class HeadroomRead implements vscode.LanguageModelTool<ReadInput> {
  constructor(private readonly services: Services) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ReadInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: vscode.l10n.t('Reading {0} (compressed)', String(options.input.path)) };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ReadInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input;
    if (!vscode.workspace.isTrusted) throw new ToolError(`${TOOL_NAMES.read} is off because this workspace is not trusted (Restricted Mode). Ask the user to trust the folder, or work with text you already have (${TOOL_NAMES.compress} compresses it).`);
    if (typeof input.path !== 'string' || !input.path.trim()) throw new ToolError(`${TOOL_NAMES.read} needs "path": a file inside the workspace, relative to its first folder or absolute.`);
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const confined = insideRoot(roots, input.path.trim());
    if (!confined.ok) throw new ToolError(`Cannot read ${input.path}: ${confined.error}.`);
    const lines = lineRange(input.lines);
    const info = await stat(confined.path).catch(() => undefined);
    if (!info) throw new ToolError(`${input.path} does not exist. Check the path (relative to ${roots[0]}) or search for the file first.`);
    if (info.isDirectory()) throw new ToolError(`${input.path} is a folder, not a file. Give the path of a file in it.`);
    throwIfCancelled(token);

    const maxBytes = this.services.settings().read.maxFileBytes;
    const { bytes, skipped } = await readBounded(confined.path, info.size, maxBytes);
    const name = relative(confined.root, confined.path) || confined.path;
    let content: string | Uint8Array = bytes;
    let header = `${name}: ${info.size.toLocaleString('en-US')} bytes`;
    if (skipped > 0) header += `; only the first and last ${(maxBytes / 2 / 1024 / 1024).toFixed(0)} MiB were read, the ${skipped.toLocaleString('en-US')} bytes between them were not (ask for a line range near the start, or use other tools for the middle)`;
    if (lines) {
      const all = new TextDecoder().decode(bytes).split('\n');
      if (lines[0] > all.length) throw new ToolError(`${name} has ${all.length} lines; line ${lines[0]} is past its end.`);
      const last = Math.min(lines[1], all.length);
      content = all.slice(lines[0] - 1, last).join('\n');
      header += `; lines ${lines[0]}-${last} of ${all.length} (line numbers in markers count from line ${lines[0]})`;
    }
    const result = await compress(this.services, content, { fileName: confined.path, query: input.query, budget: engineBudget(undefined, options), retrieveHint: RETRIEVE_HINT, ...(lines ? { minTokens: EXACT_RANGE_TOKENS } : {}) }, { source: 'tools', label: `${TOOL_NAMES.read}: ${name}` });
    throwIfCancelled(token);
    return sizedResult(this.services, `${header}\n${result.text}`, options, token);
  }
}

/** The whole file, or its first and last halves of `maxBytes` when larger (skipped = bytes between). */
async function readBounded(path: string, size: number, maxBytes: number): Promise<{ bytes: Uint8Array; skipped: number }> {
  const handle = await open(path, 'r');
  try {
    if (size <= maxBytes) {
      const bytes = new Uint8Array(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      return { bytes: bytes.subarray(0, bytesRead), skipped: 0 };
    }
    const half = Math.floor(maxBytes / 2);
    const head = new Uint8Array(half);
    const tail = new Uint8Array(half);
    await handle.read(head, 0, half, 0);
    await handle.read(tail, 0, half, size - half);
    const notice = new TextEncoder().encode(`\n[… ${size - 2 * half} bytes not read …]\n`);
    const bytes = new Uint8Array(head.length + notice.length + tail.length);
    bytes.set(head, 0);
    bytes.set(notice, head.length);
    bytes.set(tail, head.length + notice.length);
    return { bytes, skipped: size - 2 * half };
  } finally {
    await handle.close();
  }
}
