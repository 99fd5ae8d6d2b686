// "Headroom: Compress Instruction Files" and "Restore Instruction Files" in a real VS Code: diff
// previews open, the multi-select list is accepted the way a person accepts it, files are written
// after a backup, a file with unsaved edits or changed since the preview is refused, and restore
// brings every original back byte for byte.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { headroomExtension, writeWorkspaceFile } from './helpers';

interface Plan { path: string; status: string; reason: string; tokensBefore: number; tokensAfter: number; newText?: string; scope: string }
type Apply = { path: string; ok: true; tokensSaved: number } | { path: string; ok: false; reason: string };
interface CompressResult { plans: Plan[]; results: Apply[]; previews: string[] }
type Restore = { path: string; ok: true; status: string } | { path: string; ok: false; reason: string };

const FILES: [string, string][] = [
  ['.github/copilot-instructions.md', 'copilot-instructions-webapp'],
  ['AGENTS.md', 'agents-md-python-monorepo'],
  ['.github/instructions/react.instructions.md', 'react-components-instructions'],
];

function original(name: string): Buffer {
  return readFileSync(join(headroomExtension().extensionPath, 'test', 'fixtures', 'content', 'instructions', `${name}.md`));
}

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f);
  return f;
}

async function onDisk(path: string): Promise<Buffer> {
  return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder().uri, ...path.split('/'))));
}

/** Diff tabs whose right side is one of Headroom's previews. */
function previewDiffs(): vscode.TabInputTextDiff[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input).filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'headroom-preview');
}

/**
 * Answers the quick pick a pending command shows, as a person would (Enter, or Escape): sends the
 * command until the pending promise settles, since the list opens a moment after the previews.
 */
async function answer<T>(pending: Thenable<T>, command: 'quickInput.accept' | 'workbench.action.closeQuickOpen'): Promise<T> {
  let settled = false;
  const done = Promise.resolve(pending).finally(() => { settled = true; });
  const deadline = Date.now() + 20_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    if (!settled) await vscode.commands.executeCommand(command).then(undefined, () => undefined);
  }
  return done;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('instruction files', () => {
  before(async () => {
    await headroomExtension().activate();
  });
  beforeEach(async () => {
    for (const [path, name] of FILES) await writeWorkspaceFile(path, original(name).toString('utf8'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('headroom.restoreInstructionFiles', { force: true });
  });

  it('previews each file as a diff, and writes the accepted ones after the user accepts the list', async () => {
    const pending = vscode.commands.executeCommand<CompressResult>('headroom.compressInstructionFiles');
    await until(() => previewDiffs().length === 3, 'three diff previews');
    const titles = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff).map((t) => t.label);
    for (const [path] of FILES) assert.ok(titles.some((t) => t.startsWith(`${path}: `) && /tokens \(−\d+ per request/.test(t)), `a diff titled with ${path} and its savings: ${titles.join(' | ')}`);
    // The list of files, all picked: accept it as a person presses Enter.
    const result = await answer(pending, 'quickInput.accept');
    assert.deepEqual(result.results.map((r) => r.ok), [true, true, true], JSON.stringify(result.results));
    for (const plan of result.plans) {
      assert.equal(plan.status, 'compress', `${plan.path}: ${plan.reason}`);
      assert.equal((await onDisk(plan.path)).toString('utf8'), plan.newText);
      assert.ok(plan.tokensAfter < plan.tokensBefore);
    }
    const perRequest = result.plans.filter((p) => p.scope === 'every request').reduce((n, p) => n + p.tokensBefore - p.tokensAfter, 0);
    console.log(`      instructions: ${result.plans.map((p) => `${p.path} ${p.tokensBefore}→${p.tokensAfter}`).join(', ')}; −${perRequest} tokens on every request`);
    assert.equal(previewDiffs().length, 0, 'the previews close after writing');

    const restored = await vscode.commands.executeCommand<Restore[]>('headroom.restoreInstructionFiles');
    assert.deepEqual(restored.map((r) => r.ok && r.status), ['restored', 'restored', 'restored']);
    for (const [path, name] of FILES) assert.ok((await onDisk(path)).equals(original(name)), `${path} is back byte for byte`);
  });

  it('writes nothing when the list is dismissed', async () => {
    const pending = vscode.commands.executeCommand<CompressResult>('headroom.compressInstructionFiles');
    await until(() => previewDiffs().length === 3, 'the previews');
    const result = await answer(pending, 'workbench.action.closeQuickOpen');
    assert.deepEqual(result.results, []);
    for (const [path, name] of FILES) assert.ok((await onDisk(path)).equals(original(name)));
  });

  it('refuses a file with unsaved edits and one changed on disk since the preview', async () => {
    // The web workbench saves after a delay by default; a person with unsaved edits has it off.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      const agents = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder().uri, 'AGENTS.md'));
      await vscode.window.showTextDocument(agents);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(agents.uri, new vscode.Position(0, 0), 'Unsaved line.\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(agents.isDirty);

      const pending = vscode.commands.executeCommand<CompressResult>('headroom.compressInstructionFiles');
      await until(() => previewDiffs().length === 3, 'the previews');
      // Someone changes the react instructions while the list is open.
      const changed = `${original('react-components-instructions').toString('utf8')}\n- Prefer function components.\n`;
      await writeWorkspaceFile('.github/instructions/react.instructions.md', changed);
      const result = await answer(pending, 'quickInput.accept');
      const by = (path: string) => result.results.find((r) => r.path === path)!;
      assert.equal(by('.github/copilot-instructions.md').ok, true);
      assert.match((by('AGENTS.md') as { reason: string }).reason, /unsaved edits/);
      assert.match((by('.github/instructions/react.instructions.md') as { reason: string }).reason, /changed since the preview/);
      assert.ok((await onDisk('AGENTS.md')).equals(original('agents-md-python-monorepo')), 'the file with unsaved edits is untouched on disk');
      assert.equal((await onDisk('.github/instructions/react.instructions.md')).toString('utf8'), changed);
      await vscode.window.showTextDocument(agents);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(agents.isDirty, false);
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('does not restore over edits made after compressing unless told to', async () => {
    const result = await vscode.commands.executeCommand<CompressResult>('headroom.compressInstructionFiles', { accept: ['AGENTS.md'] });
    assert.deepEqual(result.results.map((r) => r.path), ['AGENTS.md']);
    await writeWorkspaceFile('AGENTS.md', '# My own rewrite\n');
    const refused = await vscode.commands.executeCommand<Restore[]>('headroom.restoreInstructionFiles', { force: false });
    assert.match((refused[0] as { reason: string }).reason, /edited after Headroom compressed it/);
    assert.equal((await onDisk('AGENTS.md')).toString('utf8'), '# My own rewrite\n');
    const forced = await vscode.commands.executeCommand<Restore[]>('headroom.restoreInstructionFiles', { force: true });
    assert.ok(forced[0].ok);
    assert.ok((await onDisk('AGENTS.md')).equals(original('agents-md-python-monorepo')));
  });

  it('turns Copilot terse mode on at a level, leaves it out of compression, and turns it off', async () => {
    const on = await vscode.commands.executeCommand<{ ok: boolean; status: string; tokens: number }>('headroom.setTerseMode', { level: 'full' });
    assert.equal(on.ok, true);
    assert.equal(on.status, 'created');
    assert.ok(on.tokens > 50 && on.tokens < 400, `the terse instructions cost ${on.tokens} tokens per request`);
    console.log(`      terse mode (full): ${on.tokens} input tokens per request`);
    const text = (await onDisk('.github/instructions/headroom-terse.instructions.md')).toString('utf8');
    assert.match(text, /^---\ndescription: "Headroom terse mode \(full\)/);
    assert.match(text, /applyTo: "\*\*"/);
    const compress = await vscode.commands.executeCommand<CompressResult>('headroom.compressInstructionFiles', { accept: [] });
    assert.ok(!compress.plans.some((p) => p.path.includes('headroom-terse')), 'Headroom does not compress its own terse file');
    const ultra = await vscode.commands.executeCommand<{ status: string }>('headroom.setTerseMode', { level: 'ultra' });
    assert.equal(ultra.status, 'updated');
    const off = await vscode.commands.executeCommand<{ ok: boolean; status: string }>('headroom.removeTerseMode');
    assert.equal(off.status, 'removed');
    await assert.rejects(async () => vscode.workspace.fs.stat(vscode.Uri.joinPath(folder().uri, '.github', 'instructions', 'headroom-terse.instructions.md')));
  });
});
