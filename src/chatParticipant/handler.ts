// The @headroom request handler: compress the prompt and every attached file with the Runtime, send
// the result to the model the user picked, stream its answer, and end with what was saved.
import * as vscode from 'vscode';
import type { Runtime } from '../runtime/runtime';

/** What the participant hands back with each answer (also kept in chat history). */
export interface HeadroomChatMetadata {
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Ids of the originals behind the markers in what the model read. */
  readonly markers: readonly string[];
}

interface Part {
  readonly heading?: string;
  readonly text: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly markers: readonly string[];
}

export function createHandler(runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.ChatRequestHandler {
  return async (request, _context, stream, token) => {
    const engine = runtime();
    const prompt = await engine.compress(request.prompt);
    const parts: Part[] = [{ text: prompt.text, ...counts(prompt) }];
    for (const reference of request.references) {
      const attachment = await readReference(reference);
      if (!attachment) continue;
      const result = await engine.compress(attachment.text, { fileName: attachment.fileName, query: request.prompt });
      parts.push({ heading: attachment.heading, text: result.text, ...counts(result) });
    }
    const metadata: HeadroomChatMetadata = {
      tokensBefore: sum(parts, 'tokensBefore'),
      tokensAfter: sum(parts, 'tokensAfter'),
      markers: parts.flatMap((part) => part.markers),
    };
    log.info(`@headroom: ${parts.length} part(s), ${metadata.tokensBefore} → ${metadata.tokensAfter} tokens for ${request.model.id}`);

    const message = vscode.LanguageModelChatMessage.User(parts.map(render).join('\n\n'));
    try {
      const response = await request.model.sendRequest([message], {}, token);
      for await (const chunk of response.text) stream.markdown(chunk);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`@headroom: the model failed: ${reason}`);
      return { errorDetails: { message: `The model could not answer: ${reason}` }, metadata };
    }
    stream.markdown(`\n\n---\nHeadroom: ${format(metadata.tokensBefore)} → ${format(metadata.tokensAfter)} tokens`);
    return { metadata };
  };
}

interface Attachment {
  readonly heading: string;
  readonly fileName?: string;
  readonly text: string;
}

/** Text of an attached file, selection or value; undefined for what cannot be read as text here. */
async function readReference(reference: vscode.ChatPromptReference): Promise<Attachment | undefined> {
  const { value } = reference;
  if (typeof value === 'string') return { heading: reference.modelDescription ?? reference.id, text: value };
  const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
  if (!uri) return undefined;
  // Restricted Mode: Headroom only compresses text it is given and reads no files (package.json capabilities).
  if (!vscode.workspace.isTrusted) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const name = vscode.workspace.asRelativePath(uri);
  if (value instanceof vscode.Location) {
    const { start, end } = value.range;
    const lines = text.split('\n').slice(start.line, end.line + 1).join('\n');
    return { heading: `${name} (lines ${start.line + 1}-${end.line + 1})`, fileName: uri.path, text: lines };
  }
  return { heading: name, fileName: uri.path, text };
}

function render(part: Part): string {
  if (!part.heading) return part.text;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(part.text) + 1));
  return `Attached: ${part.heading}\n${fence}\n${part.text}\n${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function counts(result: { tokensBefore: number; tokensAfter: number; markers: readonly { id: string }[] }) {
  return { tokensBefore: result.tokensBefore, tokensAfter: result.tokensAfter, markers: result.markers.map((marker) => marker.id) };
}

function sum(parts: readonly Part[], key: 'tokensBefore' | 'tokensAfter'): number {
  return parts.reduce((total, part) => total + part[key], 0);
}

function format(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
