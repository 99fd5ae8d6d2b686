// "Headroom: Install Copilot Terminal Hook" in a real VS Code: the hook file is written (merged with
// a team's hooks), the installed command runs with a real PreToolUse payload, and the command it
// produces keeps the exit code and compresses the output when bash runs it. Uninstall keeps the
// team's hooks.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { headroomExtension, writeWorkspaceFile } from './helpers';

interface HookEntry { type: string; command: string; env?: Record<string, string>; timeout: number }
interface InstallResult { result: { ok: boolean; status: string; otherHooks: number }; check?: { command: string; rewritten?: string; error?: string } }

const TEAM_HOOKS = { hooks: { PostToolUse: [{ type: 'command', command: 'npx prettier --write "$TOOL_INPUT_FILE_PATH"' }] } };

describe('Copilot terminal hook', () => {
  let root: vscode.Uri;
  const hookFile = () => vscode.Uri.joinPath(root, '.github', 'hooks', 'headroom.json');
  const read = async () => JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(hookFile())).toString('utf8'));
  before(async () => {
    await headroomExtension().activate();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  it('installs next to existing hooks, and the installed hook rewrites a real PreToolUse call', async () => {
    await writeWorkspaceFile('.github/hooks/headroom.json', JSON.stringify(TEAM_HOOKS, null, 2));
    const installed = await vscode.commands.executeCommand<InstallResult>('headroom.installTerminalHook');
    assert.deepEqual(installed.result.ok && [installed.result.status, installed.result.otherHooks], ['updated', 1]);
    const config = await read();
    assert.deepEqual(config.hooks.PostToolUse, TEAM_HOOKS.hooks.PostToolUse, 'the team\'s hook is kept as it was');
    const entry = config.hooks.PreToolUse[0] as HookEntry;
    assert.match(entry.command, /dist\/cli\.js'? hook/);

    // What VS Code does: run the command through a shell with the tool call on stdin.
    const payload = JSON.stringify({ timestamp: new Date().toISOString(), cwd: root.fsPath, sessionId: 's', hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command: 'ls -la /usr/bin; ls /nonexistent-dir', explanation: 'list', isBackground: false }, tool_use_id: 't1' });
    const hook = spawnSync('/bin/sh', ['-c', entry.command], { input: payload, env: { ...process.env, ...entry.env }, cwd: root.fsPath });
    assert.equal(hook.status, 0, hook.stderr.toString());
    const out = JSON.parse(hook.stdout.toString());
    const rewritten = out.hookSpecificOutput.updatedInput.command as string;
    assert.equal(out.hookSpecificOutput.updatedInput.explanation, 'list');
    assert.match(rewritten, /^\(set -o pipefail; \{ ls -la \/usr\/bin; ls \/nonexistent-dir; \} 2>&1 \| .* compress --command 'ls -la \/usr\/bin; ls \/nonexistent-dir'\)$/);

    // What the terminal then does: the exit code of the command, its output compressed.
    const original = spawnSync('/bin/bash', ['-c', 'ls -la /usr/bin; ls /nonexistent-dir'], { cwd: root.fsPath });
    const ran = spawnSync('/bin/bash', ['-c', rewritten], { cwd: root.fsPath, env: { ...process.env, ...entry.env } });
    assert.equal(ran.status, original.status);
    assert.equal(ran.status, 2);
    assert.ok(ran.stdout.length < original.stdout.length + original.stderr.length, `${ran.stdout.length} bytes read instead of ${original.stdout.length + original.stderr.length}`);
    assert.match(ran.stdout.toString(), /No such file or directory/);
    console.log(`      terminal hook: ls -la /usr/bin → ${original.stdout.length} bytes raw, ${ran.stdout.length} through the hook; exit code ${ran.status} kept`);
    assert.ok(installed.check?.rewritten?.includes("compress --command 'npm test'"), JSON.stringify(installed.check));
  });

  it('uninstalls only its own entry', async () => {
    const removed = await vscode.commands.executeCommand<{ ok: boolean; status: string }>('headroom.uninstallTerminalHook');
    assert.equal(removed.status, 'removed');
    assert.deepEqual(await read(), TEAM_HOOKS);
    await vscode.workspace.fs.delete(hookFile());
    const installed = await vscode.commands.executeCommand<InstallResult>('headroom.installTerminalHook');
    assert.equal(installed.result.status, 'created');
    const gone = await vscode.commands.executeCommand<{ status: string }>('headroom.uninstallTerminalHook');
    assert.equal(gone.status, 'file-removed');
    await assert.rejects(async () => vscode.workspace.fs.stat(hookFile()));
  });

  it('refuses a hook file that is not valid JSON, leaving it as it is', async () => {
    await writeWorkspaceFile('.github/hooks/headroom.json', '{ "hooks": { // commented\n } }');
    const result = await vscode.commands.executeCommand<InstallResult>('headroom.installTerminalHook');
    assert.equal(result.result.ok, false);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(hookFile())).toString('utf8'), '{ "hooks": { // commented\n } }');
    await vscode.workspace.fs.delete(hookFile());
  });
});
