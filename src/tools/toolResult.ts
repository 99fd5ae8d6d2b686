// What every Headroom tool does with its answer: size it to the budget Copilot passes
// (`tokenizationOptions.tokenBudget`), keep anything that had to go retrievable, and wrap it as a
// tool result. Errors are thrown with text a model can act on (VS Code hands the message to the model).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { fitToBudget } from './budget';

const utf8 = new TextEncoder();

/** An error whose message tells the model what to do instead. */
export class ToolError extends Error {}

export async function sizedResult(
  services: Services,
  text: string,
  options: { readonly tokenizationOptions?: vscode.LanguageModelToolTokenizationOptions },
  token: vscode.CancellationToken,
): Promise<vscode.LanguageModelToolResult> {
  const tokenization = options.tokenizationOptions;
  if (!tokenization || !(tokenization.tokenBudget > 0)) return textResult(text);
  const runtime = services.runtime();
  const fitted = await fitToBudget(text, tokenization.tokenBudget, (t) => tokenization.countTokens(t, token), (whole) => {
    const bytes = utf8.encode(whole);
    const id = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    runtime.store.put([{ id, bytes }]);
    return id;
  });
  if (fitted.cut) services.log.debug(`tool result cut to ${fitted.tokens} tokens for a ${tokenization.tokenBudget}-token budget`);
  return textResult(fitted.text);
}

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** Stops a tool whose call was cancelled, with a message a model understands. */
export function throwIfCancelled(token: vscode.CancellationToken): void {
  if (token.isCancellationRequested) throw new ToolError('The call was cancelled by the user; do not retry it unless asked.');
}

/** The token budget for the engine: the caller's own budget, capped by what Copilot can take. */
export function engineBudget(own: number | undefined, options: { readonly tokenizationOptions?: vscode.LanguageModelToolTokenizationOptions }): number | undefined {
  const limit = options.tokenizationOptions?.tokenBudget;
  const candidates = [own, limit].filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

/** `"120-180"` or `"42"` → [first, last]; a ToolError saying the expected form otherwise. */
export function lineRange(value: unknown, field = 'lines'): readonly [number, number] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const m = typeof value === 'string' ? /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(value) : typeof value === 'number' ? [String(value), String(value)] : null;
  const first = m ? Number(m[1]) : NaN;
  const last = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(first >= 1 && last >= first)) throw new ToolError(`${field} must be a line range such as "120-180" or a single line "42" (1-based, first ≤ last); got ${JSON.stringify(value)}.`);
  return [first, last];
}

export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
