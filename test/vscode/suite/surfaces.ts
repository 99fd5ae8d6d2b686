// Helpers for the tests of Headroom's Copilot surfaces: the extension's API, tools invoked the way
// Copilot invokes them, and waiting for something the workbench does asynchronously.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../../src/extension';
import { headroomExtension } from './helpers';

export async function headroomApi(): Promise<HeadroomApi> {
  const api = await headroomExtension().activate();
  await api.surfaces.historyLoaded;
  return api;
}

/** Calls a tool through lm.invokeTool (no chat: as another extension would) and returns its text. */
export async function invokeTool(name: string, input: object, tokenBudget?: number): Promise<string> {
  const result = await vscode.lm.invokeTool(name, {
    input,
    toolInvocationToken: undefined,
    ...(tokenBudget ? { tokenizationOptions: { tokenBudget, countTokens: async (text: string) => Math.ceil(text.length / 4) } } : {}),
  });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    assert.ok(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `[hr:3f9a0c1b2d4e omitted 38 lines L2-39: …]` → its id and range. */
export const MARKER = /\[hr:([0-9a-f]{12}) (?:omitted|collapsed|elided|truncated) (\d+) \w+ L(\d+)-(\d+)/;

export function lines(text: string, first: number, last: number): string {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).slice(first - 1, last).join('');
}
