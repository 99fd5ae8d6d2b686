// Installing the hook merges into .github/hooks/headroom.json and never clobbers what is there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, HOOK_FILE, hookEntry, hookStatus, installHook, uninstallHook } from '../../src/hook/hookFile';
import { ROOT } from '../helpers/engines';

const CLI = join(ROOT, 'dist', 'cli.js');
const ENTRY = hookEntry({ node: process.execPath, electron: false, cli: CLI, shell: '/bin/bash' });

describe('hook file', () => {
  let root: string;
  const file = () => join(root, HOOK_FILE);
  const read = () => JSON.parse(readFileSync(file(), 'utf8'));
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'hr-hookfile-')); });
  afterEach(() => {
    if (existsSync(file())) chmodSync(file(), 0o644);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the file and the folders, with one PreToolUse command entry that really runs the hook', () => {
    const r = installHook(root, ENTRY);
    assert.deepEqual(r, { ok: true, status: 'created', path: file(), otherHooks: 0 });
    const config = read();
    assert.deepEqual(Object.keys(config.hooks), ['PreToolUse']);
    const [entry] = config.hooks.PreToolUse;
    assert.equal(entry.type, 'command');
    assert.equal(entry.timeout, 10);
    // The command as written works: run it the way VS Code would (through a shell) with a real payload.
    const payload = JSON.stringify({ hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command: 'npm test', explanation: '', isBackground: false } });
    const ran = spawnSync('/bin/sh', ['-c', entry.command], { input: payload });
    assert.equal(ran.status, 0, ran.stderr.toString());
    assert.match(JSON.parse(ran.stdout.toString()).hookSpecificOutput.updatedInput.command, /^\(set -o pipefail; npm test 2>&1 \| .*cli\.js compress --command 'npm test'\)$/);
    assert.deepEqual(hookStatus(root, CLI), { installed: true, current: true });
  });

  it('is idempotent and refreshes a stale path', () => {
    installHook(root, ENTRY);
    const again = installHook(root, ENTRY);
    assert.ok(again.ok && again.status === 'unchanged');
    const moved = hookEntry({ node: process.execPath, electron: false, cli: '/new/place/dist/cli.js', shell: 'zsh' });
    assert.equal(hookStatus(root, '/new/place/dist/cli.js').current, false);
    const r = installHook(root, moved);
    assert.ok(r.ok && r.status === 'updated');
    assert.equal(read().hooks.PreToolUse.length, 1);
    assert.equal(hookStatus(root, '/new/place/dist/cli.js').current, true);
  });

  it('merges with other hooks and keeps unknown keys, then removes only its own entry', () => {
    mkdirSync(join(root, '.github', 'hooks'), { recursive: true });
    const theirs = {
      version: 1,
      comment: 'team hooks',
      hooks: {
        PreToolUse: [{ type: 'command', command: './scripts/validate-tool.sh', timeout: 15 }],
        PostToolUse: [{ type: 'command', command: 'npx prettier --write "$TOOL_INPUT_FILE_PATH"' }],
      },
    };
    writeFileSync(file(), JSON.stringify(theirs, null, 4));
    const r = installHook(root, ENTRY);
    assert.deepEqual(r, { ok: true, status: 'updated', path: file(), otherHooks: 2 });
    const merged = read();
    assert.equal(merged.comment, 'team hooks');
    assert.deepEqual(merged.hooks.PostToolUse, theirs.hooks.PostToolUse);
    assert.deepEqual(merged.hooks.PreToolUse[0], theirs.hooks.PreToolUse[0]);
    assert.equal(merged.hooks.PreToolUse.length, 2);
    const u = uninstallHook(root);
    assert.ok(u.ok && u.status === 'removed');
    assert.deepEqual(read(), theirs);
  });

  it('deletes the file on uninstall when only its own entry was there', () => {
    installHook(root, ENTRY);
    const u = uninstallHook(root);
    assert.ok(u.ok && u.status === 'file-removed');
    assert.equal(existsSync(file()), false);
    const again = uninstallHook(root);
    assert.ok(again.ok && again.status === 'not-installed');
  });

  it('refuses malformed files and unexpected shapes, leaving them byte for byte', () => {
    mkdirSync(join(root, '.github', 'hooks'), { recursive: true });
    for (const text of ['{ "hooks": { // a comment\n } }', '[1, 2]', '{"hooks": []}', '{"hooks": {"PreToolUse": {"type": "command"}}}', '\u00ff\u00fe garbage']) {
      writeFileSync(file(), text);
      const r = installHook(root, ENTRY);
      assert.equal(r.ok, false, text);
      assert.match((r as { error: string }).error, /not valid JSON|not a JSON object|not an object|not a list/);
      assert.equal(readFileSync(file(), 'utf8'), text);
      assert.equal(uninstallHook(root).ok, false);
    }
  });

  it('refuses a read-only file', () => {
    installHook(root, ENTRY);
    const before = readFileSync(file(), 'utf8');
    chmodSync(file(), 0o444);
    const r = installHook(root, hookEntry({ node: '/other/node', electron: true, cli: CLI }));
    assert.equal(r.ok, false);
    assert.match((r as { error: string }).error, /read-only/);
    assert.equal(uninstallHook(root).ok, false);
    assert.equal(readFileSync(file(), 'utf8'), before);
  });

  it('runs VS Code\'s own executable as Node when there is no node on PATH', () => {
    const entry = hookEntry({ node: '/opt/VS Code/code', electron: true, cli: '/ext/dist/cli.js', shell: 'bash' });
    assert.equal(entry.command, "'/opt/VS Code/code' /ext/dist/cli.js hook --shell bash");
    assert.deepEqual(entry.env, { ELECTRON_RUN_AS_NODE: '1' });
    assert.equal(findOnPath('node', `/nowhere:${join(process.execPath, '..')}`, false), process.execPath);
    assert.equal(findOnPath('node', '/nowhere', false), undefined);
  });
});
