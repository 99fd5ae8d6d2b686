// Each headroom_* tool invoked through lm.invokeTool, as Copilot's agent or another extension calls
// it: what comes back, that every cut comes back byte for byte, the budget, and the refusals a model
// can act on.
import * as assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fixture, writeWorkspaceFile } from './helpers';
import { MARKER, headroomApi, invokeTool, lines } from './surfaces';

describe('headroom_* language-model tools', () => {
  before(() => headroomApi());

  it('are registered with their tag, and describe when to prefer them over the built-in tools', () => {
    const tools = vscode.lm.tools.filter((tool) => tool.tags.includes('headroom'));
    assert.deepEqual(tools.map((t) => t.name).sort(), ['headroom_compress', 'headroom_read', 'headroom_retrieve', 'headroom_run']);
    for (const tool of tools) assert.match(tool.description, /Prefer this over|instead of re-running|before keeping it/, `${tool.name} says when to use it`);
  });

  it('headroom_compress returns the compressed text with every needle, and records the saving', async () => {
    const api = await headroomApi();
    const { text, needles } = fixture('node-test-spec-failures');
    const before = api.surfaces.ledger.summary().totals.count;
    const compressed = await invokeTool('headroom_compress', { text, command: 'node --test' });
    assert.ok(compressed.length < text.length / 2, `${compressed.length} of ${text.length} chars`);
    for (const needle of needles) assert.ok(compressed.includes(needle), `kept ${JSON.stringify(needle)}`);
    assert.match(compressed, /\[hr:[0-9a-f]{12} omitted \d+ lines: \d+ passing tests/);
    assert.match(compressed, /headroom_retrieve with id "[0-9a-f]{12}"/, 'says how to get a cut back');
    const entry = api.surfaces.ledger.recent().at(-1)!;
    assert.equal(api.surfaces.ledger.summary().totals.count, before + 1);
    assert.equal(entry.source, 'tools');
    assert.equal(entry.compressor, 'nodeTest');
    assert.ok(entry.saved > 0 && entry.saved === entry.tokensBefore - entry.tokensAfter);
  });

  it('headroom_retrieve gives back what a marker cut, line for line, or by grep', async () => {
    const { text } = fixture('idle-history-plain');
    // A document to skim (`type: prose`): without it, hint-less text is only rewritten losslessly and nothing is cut.
    const compressed = await invokeTool('headroom_compress', { text, fileName: 'idlelib/HISTORY.txt', type: 'prose' });
    const [, id, , first, last] = MARKER.exec(compressed)!;
    const part = await invokeTool('headroom_retrieve', { id, lines: `${first}-${last}` });
    assert.equal(part, lines(text, Number(first), Number(last)));
    assert.equal(await invokeTool('headroom_retrieve', { id: `[hr:${id}` }), text, 'the whole original, byte for byte');
    const grepped = await invokeTool('headroom_retrieve', { id, grep: 'release date' });
    assert.ok(grepped.length > 0 && grepped.split('\n').filter(Boolean).every((line) => line.toLowerCase().includes('release date')));
  });

  it('headroom_retrieve refuses with messages a model can act on', async () => {
    await assert.rejects(invokeTool('headroom_retrieve', { id: 'abcdefabcdef' }), /No original hr:abcdefabcdef.*Re-run the command or re-read the file/s);
    await assert.rejects(invokeTool('headroom_retrieve', { id: 'not-an-id' }), /is not a marker id/);
    const compressed = await invokeTool('headroom_compress', { text: fixture('npm-install-http').text, command: 'npm install' });
    const id = MARKER.exec(compressed)![1];
    await assert.rejects(invokeTool('headroom_retrieve', { id, lines: 'ten to twenty' }), /lines must be a line range such as "120-180"/);
    await assert.rejects(invokeTool('headroom_retrieve', { id, lines: '999999-1000000' }), /past the end/);
  });

  it('sizes a result to the token budget Copilot passes, keeping the rest retrievable', async () => {
    const { text } = fixture('node-test-spec-failures');
    const budget = 120;
    const result = await invokeTool('headroom_compress', { text, command: 'node --test' }, budget);
    assert.ok(Math.ceil(result.length / 4) <= budget, `${Math.ceil(result.length / 4)} tokens for a ${budget}-token budget`);
    const budgetMarker = /\[hr:([0-9a-f]{12}) omitted \d+ lines L(\d+)-(\d+): over this call's 120-token budget/.exec(result);
    assert.ok(budgetMarker, result);
    const whole = await invokeTool('headroom_retrieve', { id: budgetMarker[1] });
    const middle = await invokeTool('headroom_retrieve', { id: budgetMarker[1], lines: `${budgetMarker[2]}-${budgetMarker[3]}` });
    const at = result.indexOf(`[hr:${budgetMarker[1]} `);
    const end = result.indexOf(']', at) + 1;
    const rebuilt = result.slice(0, at) + middle + result.slice(result[end] === '\n' ? end + 1 : end);
    assert.equal(rebuilt, whole, 'the retrieved lines fill the gap exactly');
    assert.ok(whole.length > result.length);
  });

  it('headroom_read compresses a workspace file by its type, returns an asked-for range exactly, and stays inside the workspace', async () => {
    const { text, needles } = fixture('npm-install-http');
    const uri = await writeWorkspaceFile('logs/npm-install-read.log', text);
    const read = await invokeTool('headroom_read', { path: 'logs/npm-install-read.log', query: 'ERR' });
    assert.ok(read.startsWith(`logs/npm-install-read.log: ${Buffer.byteLength(text).toLocaleString('en-US')} bytes\n`), read.slice(0, 120));
    assert.ok(read.length < text.length);
    for (const needle of needles) assert.ok(read.includes(needle), `kept ${JSON.stringify(needle)}`);
    const exact = await invokeTool('headroom_read', { path: uri.fsPath, lines: '3-7' });
    assert.equal(exact.slice(exact.indexOf('\n') + 1), text.split('\n').slice(2, 7).join('\n'));
    await assert.rejects(invokeTool('headroom_read', { path: '/etc/hostname' }), /outside the workspace/);
    await assert.rejects(invokeTool('headroom_read', { path: '../../../../etc/hostname' }), /outside the workspace/);
    await assert.rejects(invokeTool('headroom_read', { path: 'logs' }), /is a folder/);
    await assert.rejects(invokeTool('headroom_read', { path: 'no/such/file.txt' }), /does not exist/);
  });

  it('headroom_read follows no link out of the workspace and describes binary files instead of dumping them', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    try {
      symlinkSync('/etc', join(root, 'etc-link'));
    } catch {
      // already there from an earlier run of this test in the same workspace
    }
    await assert.rejects(invokeTool('headroom_read', { path: 'etc-link/hostname' }), /outside the workspace/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)]);
    writeFileSync(join(root, 'image.png'), png);
    const described = await invokeTool('headroom_read', { path: 'image.png' });
    assert.match(described, /\[hr:[0-9a-f]{12} binary 3008 bytes/);
    assert.ok(described.length < 300);
  });

  it('headroom_run refuses, without asking anyone to confirm, a call that cannot run', async () => {
    await assert.rejects(invokeTool('headroom_run', { command: 'ls', cwd: '/' }), /outside the workspace.*Leave cwd out/s);
    await assert.rejects(invokeTool('headroom_run', { command: '   ' }), /needs "command"/);
    await assert.rejects(invokeTool('headroom_run', { command: 'ls', timeoutSeconds: 100000 }), /timeoutSeconds must be a whole number from 1 to 600/);
  });
});
