// "Headroom: Compress Last Terminal Output" on a real terminal with shell integration: a real failing
// `node --test` run, captured as it ran, compressed with every failure kept; then @headroom /terminal.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompressedTerminalOutput } from '../../../src/commands/compressTerminalOutput';
import { askInChat, readByModel, writeWorkspaceFile } from './helpers';
import { headroomApi } from './surfaces';

/** 120 passing tests and 2 failing ones, with real assertion messages. */
function testFile(): string {
  const passing = Array.from({ length: 120 }, (_, i) => `test('adds ${i} and 1', () => assert.equal(add(${i}, 1), ${i + 1}));`).join('\n');
  return `const test = require('node:test');\nconst assert = require('node:assert/strict');\nconst add = (a, b) => a + b;\n${passing}\ntest('adds floats exactly', () => assert.equal(add(0.1, 0.2), 0.3));\ntest('rejects strings', () => assert.throws(() => add('1', 2)));\n`;
}

async function shellIntegrated(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration> {
  if (terminal.shellIntegration) return terminal.shellIntegration;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error('the terminal never reported shell integration within 30 s')); }, 30_000);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(e.shellIntegration);
    });
  });
}

describe('terminal output compression', function () {
  this.timeout(90_000);
  let terminal: vscode.Terminal;
  let exitCode: number | undefined;

  before(async () => {
    await headroomApi();
    await writeWorkspaceFile('math.test.js', testFile());
    terminal = vscode.window.createTerminal({ name: 'Headroom test', shellPath: '/bin/bash', cwd: vscode.workspace.workspaceFolders![0].uri });
    terminal.show();
    const integration = await shellIntegrated(terminal);
    const execution = integration.executeCommand('node --test math.test.js');
    exitCode = await new Promise<number | undefined>((resolve) => {
      const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.execution !== execution) return;
        listener.dispose();
        resolve(e.exitCode);
      });
    });
  });

  after(() => terminal?.dispose());

  it('compresses the last command\'s output, captured through shell integration, every failure kept', async () => {
    const api = await headroomApi();
    assert.equal(exitCode, 1, 'node --test failed, as it should');
    const result = await vscode.commands.executeCommand<CompressedTerminalOutput>('headroom.compressTerminalOutput');
    assert.ok(result, 'the command returned its result');
    assert.equal(result.via, 'shell-integration');
    assert.equal(result.commandLine, 'node --test math.test.js');
    assert.equal(result.exitCode, 1);
    for (const fact of ['adds floats exactly', 'rejects strings', '0.30000000000000004', 'pass 120', 'fail 2']) assert.ok(result.text.includes(fact), `kept ${fact}:\n${result.text}`);
    assert.doesNotMatch(result.text, /\x1b\[/, 'no escape sequences');
    assert.ok(result.tokensAfter < result.tokensBefore / 2, `${result.tokensBefore} → ${result.tokensAfter} tokens`);
    const entry = api.surfaces.ledger.recent().at(-1)!;
    assert.deepEqual({ id: entry.id, source: entry.source, label: entry.label, compressor: entry.compressor }, { id: result.entryId, source: 'terminal', label: 'node --test math.test.js', compressor: 'nodeTest' });
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.uri.toString(), result.uri, 'the compressed text is opened');
    assert.ok(shown?.getText().startsWith('$ node --test math.test.js   # exit code 1\n'));
    console.log(`      terminal: node --test (122 tests, 2 failing) ${result.tokensBefore} → ${result.tokensAfter} tokens`);
  });

  it('lets @headroom /terminal answer about that output, compressed', async () => {
    const question = `what broke ${Date.now()}`;
    const request = await askInChat(`@headroom /terminal ${question}`, (r) => readByModel(r).includes(question));
    const read = request.messages.at(-1)!.text;
    assert.match(read, /^Last terminal command: node --test math\.test\.js \(exit code 1\)/);
    assert.ok(read.includes('rejects strings') && read.includes('fail 2'));
  });

  it('is on the terminal\'s context menu', () => {
    const menus = (vscode.extensions.getExtension('headroom.headroom-vscode')!.packageJSON.contributes.menus ?? {}) as Record<string, { command: string }[]>;
    assert.ok(menus['terminal/context']?.some((m) => m.command === 'headroom.compressTerminalOutput'));
  });
});
