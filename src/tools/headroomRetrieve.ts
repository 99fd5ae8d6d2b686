// headroom_retrieve: what a marker `[hr:<id> …]` cut, byte for byte: all of it, a line range or the
// lines containing a text. The way back from every cut, so a model never re-runs a command to see more.
import * as vscode from 'vscode';
import { sliceOriginal } from '../compressors/shared/slice';
import type { Services } from '../services';
import { TOOL_NAMES } from './names';
import { decodeText, lineRange, sizedResult, throwIfCancelled, ToolError } from './toolResult';

export interface RetrieveInput {
  readonly id: string;
  readonly lines?: string;
  readonly grep?: string;
  readonly numbered?: boolean;
}

/** `3f9a0c1b2d4e`, also written `hr:3f9a0c1b2d4e` or `[hr:3f9a0c1b2d4e`. */
const ID_PREFIX = /^\s*\[?hr:/;

export class HeadroomRetrieve implements vscode.LanguageModelTool<RetrieveInput> {
  constructor(private readonly services: Services) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<RetrieveInput>): vscode.PreparedToolInvocation {
    const { id, lines, grep } = options.input;
    const part = lines ? vscode.l10n.t(' lines {0}', lines) : grep ? vscode.l10n.t(' lines containing "{0}"', grep) : '';
    return { invocationMessage: vscode.l10n.t('Reading back the original hr:{0}{1}', String(id), part) };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<RetrieveInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input;
    if (typeof input.id !== 'string' || !input.id.trim()) throw new ToolError(`${TOOL_NAMES.retrieve} needs "id": the 12 hex digits after "hr:" in a marker such as [hr:3f9a0c1b2d4e omitted 40 lines L10-49].`);
    const id = input.id.replace(ID_PREFIX, '').trim().slice(0, 12);
    const lines = lineRange(input.lines);
    if (input.grep !== undefined && typeof input.grep !== 'string') throw new ToolError('grep must be plain text (matched case-insensitively, not a regular expression).');
    throwIfCancelled(token);
    const found = this.services.runtime().store.get(id);
    if (!found.found) throw new ToolError(found.message);
    const part = sliceOriginal(found.bytes, { lines, grep: input.grep, numbered: input.numbered === true });
    if (!part.ok) throw new ToolError(`${part.error}.`);
    const text = decodeText(part.bytes) ?? `(hr:${id} is ${part.bytes.length} bytes of binary data, not valid UTF-8; it cannot be shown as text)`;
    this.services.log.debug(`${TOOL_NAMES.retrieve} hr:${id}${input.lines ? ` lines ${input.lines}` : ''}${input.grep ? ` grep ${JSON.stringify(input.grep)}` : ''}: ${part.bytes.length} bytes`);
    return sizedResult(this.services, text.length > 0 ? text : '(no lines matched)', options, token);
  }
}
