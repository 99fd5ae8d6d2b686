// Everything package.json declares must exist at run time. A new kind of contribution fails the
// first test until a check for it is added here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { askInChat, headroomExtension } from './helpers';

interface Contribution { readonly [key: string]: unknown }

const CHECKS: Readonly<Record<string, (entries: readonly Contribution[]) => Promise<void>>> = {
  async commands(entries) {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of entries) assert.ok(registered.has(String(command)), `command ${command} is declared but not registered`);
  },
  async chatParticipants(entries) {
    // There is no API that lists participants: a declared one exists when a request to it reaches the model.
    for (const { name } of entries) {
      const ping = `contribution check for @${name} ${Date.now()}`;
      const request = await askInChat(`@${name} ${ping}`, (r) => r.messages.some((m) => m.text.includes(ping)));
      assert.equal(request.model, 'fake-echo');
    }
  },
  async languageModelTools(entries) {
    const registered = new Set(vscode.lm.tools.map((tool) => tool.name));
    for (const { name } of entries) assert.ok(registered.has(String(name)), `tool ${name} is declared but not registered`);
  },
  async mcpServerDefinitionProviders(entries) {
    const offered = (await headroomExtension().activate()).mcpServerDefinitions();
    for (const { id } of entries) assert.ok(id === 'headroom' && offered.length === 1, `MCP provider ${id} is declared but offers ${offered.length} servers`);
  },
  async chatSkills(entries) {
    // No API lists skills: a declared one must exist in the extension, with a name equal to its folder.
    for (const { path } of entries) {
      const text = readFileSync(join(headroomExtension().extensionPath, String(path)), 'utf8');
      assert.match(text, new RegExp(`^---\nname: ${String(path).split('/').slice(-2, -1)[0]}\n`), `skill ${path}`);
    }
  },
  async chatAgents(entries) {
    for (const { path } of entries) assert.match(readFileSync(join(headroomExtension().extensionPath, String(path)), 'utf8'), /^---\nname: /, `agent ${path}`);
  },
  async menus(entries) {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const menu of entries) {
      for (const [where, items] of Object.entries(menu)) {
        for (const { command } of items as { command?: string }[]) if (command) assert.ok(registered.has(command), `menu ${where} names ${command}, which is not registered`);
      }
    }
  },
  async configuration(entries) {
    for (const section of entries) {
      for (const key of Object.keys((section.properties ?? {}) as object)) {
        assert.ok(vscode.workspace.getConfiguration().inspect(key), `setting ${key} is declared but unknown to VS Code`);
      }
    }
  },
};

const declared = (): [string, unknown][] => Object.entries(headroomExtension().packageJSON.contributes ?? {});

describe('contributions', () => {
  before(() => headroomExtension().activate());

  it('has a runtime check for every kind of contribution in package.json', () => {
    const unchecked = declared().map(([kind]) => kind).filter((kind) => !(kind in CHECKS));
    assert.deepEqual(unchecked, [], `add a check to CHECKS in ${__filename} for: ${unchecked.join(', ')}`);
  });

  for (const [kind, value] of declared()) {
    it(`registers every declared ${kind} entry`, async () => {
      const check = CHECKS[kind];
      assert.ok(check, `no runtime check for contributes.${kind}`);
      await check(Array.isArray(value) ? value : [value as Contribution]);
    });
  }
});
