// headroom_compress: compress a text the agent already has (command output pasted in, a fetched
// page, a big JSON answer) before it stays in the conversation.
import * as vscode from 'vscode';
import { CONTENT_TYPES, type ContentType } from '../compressors/types';
import { compress, type Services } from '../services';
import { RETRIEVE_HINT, TOOL_NAMES } from './names';
import { engineBudget, sizedResult, throwIfCancelled, ToolError } from './toolResult';

export interface CompressInput {
  readonly text: string;
  readonly type?: string;
  readonly command?: string;
  readonly fileName?: string;
  readonly query?: string;
  readonly budget?: number;
}

export class HeadroomCompress implements vscode.LanguageModelTool<CompressInput> {
  constructor(private readonly services: Services) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<CompressInput>): vscode.PreparedToolInvocation {
    const size = typeof options.input.text === 'string' ? options.input.text.length : 0;
    return { invocationMessage: vscode.l10n.t('Compressing {0} characters', size.toLocaleString()) };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<CompressInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input;
    if (typeof input.text !== 'string') throw new ToolError(`${TOOL_NAMES.compress} needs "text": the text to compress, as a string.`);
    const type = input.type === undefined ? undefined : contentType(input.type);
    throwIfCancelled(token);
    const result = await compress(this.services, input.text, {
      type,
      command: input.command,
      fileName: input.fileName,
      query: input.query,
      budget: engineBudget(input.budget, options),
      retrieveHint: RETRIEVE_HINT,
    }, { source: 'tools', label: `${TOOL_NAMES.compress}${input.command ? `: ${input.command}` : input.fileName ? `: ${input.fileName}` : ''}` });
    throwIfCancelled(token);
    return sizedResult(this.services, result.text, options, token);
  }
}

function contentType(value: string): ContentType {
  if (!(CONTENT_TYPES as readonly string[]).includes(value)) throw new ToolError(`type must be one of ${CONTENT_TYPES.join(', ')}; leave it out to let Headroom detect it.`);
  return value as ContentType;
}
