// Shared by the extension-host tests: the real Headroom extension, the fake model, the chat view.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../../src/extension';
import type { FakeModelApi, RecordedRequest } from '../fakeModel/extension';

export const EXTENSION_ID = 'headroom.headroom-vscode';
export const FAKE_MODEL_EXTENSION_ID = 'headroom-test.headroom-fake-model';
const FAKE_VENDOR = 'headroom-fake';

export function headroomExtension(): vscode.Extension<HeadroomApi> {
  const extension = vscode.extensions.getExtension<HeadroomApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

export async function fakeModel(): Promise<FakeModelApi> {
  const extension = vscode.extensions.getExtension<FakeModelApi>(FAKE_MODEL_EXTENSION_ID);
  assert.ok(extension, `${FAKE_MODEL_EXTENSION_ID} is not loaded: the runner passes it as a second extensionDevelopmentPath`);
  return extension.activate();
}

/** Options of `workbench.action.chat.open` beyond the query (e.g. `attachFiles`). */
export interface ChatOpenExtras {
  readonly attachFiles?: readonly vscode.Uri[];
}

/** Sends `query` through the chat view as if typed and submitted, then waits for the model's request that `matches`. */
export async function askInChat(query: string, matches: (request: RecordedRequest) => boolean, extras: ChatOpenExtras = {}): Promise<RecordedRequest> {
  const model = await fakeModel();
  await chatModelReady();
  const received = model.waitForRequest(matches, 45_000);
  await vscode.commands.executeCommand('workbench.action.chat.open', { ...extras, query, isPartialQuery: false });
  return received;
}

/**
 * Right after startup the chat has no model yet and answers "Language model unavailable" without
 * calling any participant; wait until the fake model is registered.
 */
async function chatModelReady(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await vscode.lm.selectChatModels({ vendor: FAKE_VENDOR })).length === 0) {
    assert.ok(Date.now() < deadline, `no ${FAKE_VENDOR} chat model within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Everything the model read in one request, as one string. */
export function readByModel(request: RecordedRequest): string {
  return request.messages.map((message) => message.text).join('\n');
}

/** A real captured output from the golden fixtures (found by case name), with the facts that must survive compression. */
export function fixture(name: string): { text: string; needles: string[] } {
  const root = join(headroomExtension().extensionPath, 'test', 'fixtures');
  const base = findCase(root, name);
  assert.ok(base, `no fixture case ${name} under ${root}`);
  return { text: readFileSync(`${base}.txt`, 'utf8'), needles: (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { needles: string[] }).needles };
}

function findCase(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? findCase(path, name) : entry.name === `${name}.txt` ? join(dir, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A file in the first workspace folder (the runner opens a throw-away copy of the sample workspace). */
export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}
