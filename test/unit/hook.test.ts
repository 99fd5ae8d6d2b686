// The PreToolUse hook: real hook JSON into the built `dist/cli.js hook`, and the rewritten commands
// run by a real bash the way Copilot's terminal would run them (exit codes, quoting, pipes, cd).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideHook } from '../../src/hook/main';
import { rewriteCommand } from '../../src/hook/rewriteCommand';
import { scanShell } from '../../src/hook/scanShell';
import { ROOT } from '../helpers/engines';

const CLI = join(ROOT, 'dist', 'cli.js');
const OPTIONS = { cli: `node ${CLI}`, shell: '/bin/bash' };

/** A PreToolUse payload as VS Code's agent sends it for its terminal tool. */
function payload(command: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    timestamp: '2026-11-22T10:30:00.000Z', cwd: '/work', sessionId: 's-1', hookEventName: 'PreToolUse', transcript_path: '/tmp/t.json',
    tool_name: 'run_in_terminal', tool_input: { command, explanation: 'Run it', isBackground: false, ...extra }, tool_use_id: 'tool-1',
  });
}

describe('hook', () => {
  let dir: string;
  let store: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hr-hook-'));
    store = join(dir, 'store');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'file.txt'), 'in sub\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the real hook on a payload; returns the rewritten command, or undefined when it left the call alone. */
  function hook(input: string, env: Record<string, string> = {}): { command?: string; updatedInput?: Record<string, unknown>; stdout: string; status: number | null } {
    const r = spawnSync(process.execPath, [CLI, 'hook', '--shell', '/bin/bash'], { input, env: { ...process.env, ...env } });
    const stdout = r.stdout.toString();
    if (!stdout.trim()) return { stdout, status: r.status };
    const out = JSON.parse(stdout) as { hookSpecificOutput: { hookEventName: string; updatedInput: Record<string, unknown> } };
    assert.equal(out.hookSpecificOutput.hookEventName, 'PreToolUse');
    return { command: out.hookSpecificOutput.updatedInput.command as string, updatedInput: out.hookSpecificOutput.updatedInput, stdout, status: r.status };
  }

  /** Runs a command line in bash in the test folder, as the terminal would. */
  function bash(command: string): { out: string; code: number | null } {
    const r = spawnSync('/bin/bash', ['-c', command], { cwd: dir, env: { ...process.env, HEADROOM_STORE_DIR: store }, maxBuffer: 64 << 20 });
    return { out: r.stdout.toString() + r.stderr.toString(), code: r.status };
  }

  it('rewrites a real run_in_terminal call, keeping the other input fields', () => {
    const r = hook(payload('ls -la sub'));
    assert.equal(r.status, 0);
    assert.equal(r.command, `(set -o pipefail; ls -la sub 2>&1 | '${process.execPath}' ${CLI} compress --command 'ls -la sub')`.replace(`'${process.execPath}'`, process.execPath));
    assert.deepEqual({ ...r.updatedInput, command: undefined }, { command: undefined, explanation: 'Run it', isBackground: false });
  });

  it('preserves the exit code of the command, success or failure', () => {
    for (const [command, code] of [['true', 0], ['false', 1], ['ls /definitely/not/here', 2], ['node -e "process.exit(5)"', 5], ["sh -c 'echo partial; exit 42'", 42], ['test -d sub && false', 1]] as const) {
      const rewritten = hook(payload(command)).command;
      assert.ok(rewritten, command);
      assert.equal(bash(rewritten).code, code, `${command} → ${rewritten}`);
      assert.equal(bash(command).code, code, `the original ${command}`);
    }
  });

  it('keeps quoting exact: the wrapped command prints what the original prints', () => {
    for (const command of [`printf '%s\\n' "it's" 'a "quoted" word' $'tab\\there'`, `echo "$(echo nested "quotes")" \`echo back\``, `echo 'single '"'"' quote' && echo "dollar \\$HOME stays"`, 'echo a; echo b; echo c 2>&1', "bash -c 'echo from bash; echo err >&2'"]) {
      const rewritten = hook(payload(command)).command;
      assert.ok(rewritten, command);
      const original = bash(`${command} 2>&1`);
      const wrapped = bash(rewritten);
      assert.equal(wrapped.code, original.code, command);
      assert.equal(wrapped.out, original.out, `${command}\n→ ${rewritten}`);
    }
  });

  it('compresses large output, and the original comes back byte for byte', () => {
    const command = 'for i in $(seq 1 400); do echo "test $i passed in 3ms"; done; echo "FAIL test 401: expected 1 got 2"; false';
    const rewritten = hook(payload(command)).command!;
    const original = bash(command);
    const wrapped = bash(rewritten);
    assert.equal(wrapped.code, 1);
    assert.ok(wrapped.out.length < original.out.length / 4, wrapped.out);
    assert.match(wrapped.out, /FAIL test 401: expected 1 got 2/);
    const id = /\[hr:([0-9a-f]{12}) /.exec(wrapped.out)![1];
    assert.equal(bash(`node ${CLI} retrieve ${id}`).out, original.out);
  });

  it('keeps a leading cd outside, so the terminal still moves', () => {
    const rewritten = hook(payload('cd sub && cat file.txt')).command!;
    assert.match(rewritten, /^cd sub && \(set -o pipefail; cat file\.txt 2>&1 \|/);
    assert.equal(bash(`${rewritten}; pwd`).out, `in sub\n${join(dir, 'sub')}\n`);
  });

  it('wraps command lists whole and drops a trailing 2>&1 the wrapper adds anyway', () => {
    const rewritten = hook(payload('echo one && echo two || echo three; echo four 2>&1')).command!;
    assert.match(rewritten, /^\(set -o pipefail; \{ echo one && echo two \|\| echo three; echo four; \} 2>&1 \|/);
    assert.equal(bash(rewritten).out, 'one\ntwo\nfour\n');
  });

  it('leaves piped, redirected, background, interactive and multi-line commands alone', () => {
    const untouched = [
      'git diff | head -50', 'npm test > out.txt', 'cat < in.txt', 'sleep 10 &', 'cat <<EOF\nx\nEOF', 'npm test 2> err.txt', 'make &> log',
      'vim file.txt', 'less README.md', 'python3', 'node', 'python -i x.py', 'sudo apt-get install x', 'ssh host', 'top',
      'git commit', 'git rebase -i HEAD~3', 'git add -p', 'npm run dev', 'npm start', 'yarn dev', 'tail -f log.txt', 'docker run -it ubuntu bash',
      'kubectl exec -it pod -- sh', 'docker compose up', 'npx vite', 'cd sub', 'export A=1', 'source .venv/bin/activate', 'conda activate x',
      'FOO=1', 'npm test && cd sub', 'echo "unterminated', 'echo hi # a comment', 'nodemon app.js', 'jest --watch', 'echo x | tee y',
      'npm init', 'node dist/cli.js compress x', 'exit 3', 'echo a; echo b >&2', 'bash', 'npm test | headroom compress',
    ];
    // The real hook process for a few, the same decision function in-process for the rest (fast).
    for (const command of untouched.slice(0, 3)) {
      const r = hook(payload(command));
      assert.equal(r.command, undefined, `${command} was rewritten to ${r.command}`);
      assert.equal(r.stdout, '');
      assert.equal(r.status, 0, 'never blocks');
    }
    for (const command of untouched) {
      const decision = decideHook(payload(command), OPTIONS);
      assert.equal(decision.output, undefined, `${command} was rewritten: ${decision.output}`);
      assert.ok(decision.reason.length > 0);
    }
    assert.equal(decideHook(payload('npm test', { isBackground: true }), OPTIONS).reason, 'a background command');
    for (const command of ['git commit -m "fix: x"', 'git commit -am "fix: x"', 'npm init -y', 'docker compose up -d', 'FOO=1 npm test', 'npm run build', 'python3 -m pytest -q', 'bash scripts/ci.sh']) {
      assert.ok(decideHook(payload(command), OPTIONS).output, command);
    }
  });

  it('stays out of the way of other tools, other events, other shells and bad input, always with exit status 0', () => {
    const other = JSON.stringify({ hookEventName: 'PreToolUse', tool_name: 'editFiles', tool_input: { files: ['a.ts'] } });
    const post = JSON.stringify({ hookEventName: 'PostToolUse', tool_name: 'run_in_terminal', tool_input: { command: 'npm test' }, tool_response: 'ok' });
    for (const input of [other, post, '', 'not json', '[1,2]', '{"tool_name":"run_in_terminal","tool_input":"npm test"}', '{"tool_name":"run_in_terminal","tool_input":{}}', '\u0000\u00ff', 'x'.repeat(2 * 1024 * 1024)]) {
      const r = hook(input);
      assert.equal(r.stdout, '', input.slice(0, 40));
      assert.equal(r.status, 0);
    }
    const fish = spawnSync(process.execPath, [CLI, 'hook', '--shell', '/usr/bin/fish'], { input: payload('npm test') });
    assert.equal(fish.stdout.toString(), '');
    assert.equal(hook(payload('npm test'), { HEADROOM_HOOK: 'off' }).stdout, '');
  });

  it('accepts Claude Code\'s Bash tool and a byte-order mark', () => {
    const claude = '\uFEFF' + JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test', description: 'tests' } });
    assert.ok(hook(claude).command);
    assert.equal(hook(JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'npm test', run_in_background: true } })).command, undefined);
  });

  it('runs the rewritten command with the same Node that ran the hook, as VS Code runs it', () => {
    const decision = decideHook(payload('npm test'), { cli: "ELECTRON_RUN_AS_NODE=1 '/opt/VS Code/code' /ext/dist/cli.js", shell: 'zsh' });
    const updated = JSON.parse(decision.output!).hookSpecificOutput.updatedInput;
    assert.equal(updated.command, "(set -o pipefail; npm test 2>&1 | ELECTRON_RUN_AS_NODE=1 '/opt/VS Code/code' /ext/dist/cli.js compress --command 'npm test')");
  });

  it('scans in linear time on pathological input', () => {
    for (const line of ['('.repeat(50_000), '$('.repeat(50_000), '"$('.repeat(30_000), '\\'.repeat(100_001), `a ${'&& b '.repeat(20_000)}`, `make${' '.repeat(100_000)}x`, `make${' \t'.repeat(50_000)}2>&1`]) {
      const started = Date.now();
      scanShell(line);
      rewriteCommand(line, OPTIONS);
      assert.ok(Date.now() - started < 1000, line.slice(0, 10));
    }
  });

  it('reads the command back unchanged from the rewritten --command argument', () => {
    const command = `grep -rn "it's \\"here\\"" src/ && echo '$HOME'`;
    const rewritten = rewriteCommand(command, OPTIONS).command!;
    const echoed = bash(rewritten.replace(/\| node \S+ compress --command /, '| cat; printf %s '));
    assert.ok(echoed.out.endsWith(command), echoed.out);
    assert.ok(readFileSync(join(dir, 'sub', 'file.txt')).length > 0);
  });
});
