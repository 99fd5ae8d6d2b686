// runCommand runs real shell commands: exit codes, interleaving, bounds, timeout, cancellation.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExit, outputText, runCommand } from '../../src/runtime/runCommand';

describe('runCommand', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'hr-run-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in the given folder and reports the exit code', async () => {
    writeFileSync(join(dir, 'marker.txt'), 'here\n');
    const ok = await runCommand({ command: 'cat marker.txt', cwd: dir });
    assert.equal(ok.output.toString(), 'here\n');
    assert.equal(ok.exitCode, 0);
    assert.equal(describeExit(ok), 'exit code 0');
    const bad = await runCommand({ command: 'exit 3', cwd: dir });
    assert.equal(bad.exitCode, 3);
    assert.equal(bad.timedOut, false);
  });

  it('interleaves stdout and stderr in the order they were written', async () => {
    const r = await runCommand({ command: 'echo one; echo two >&2; echo three; echo four 1>&2', cwd: dir });
    assert.equal(r.output.toString(), 'one\ntwo\nthree\nfour\n');
  });

  it('keeps the head and tail of huge output and counts the dropped middle', async () => {
    const r = await runCommand({ command: 'seq 1 200000', cwd: dir, maxBytes: 4096 });
    assert.equal(r.exitCode, 0);
    assert.ok(r.output.length <= 4096, String(r.output.length));
    const total = Array.from({ length: 200000 }, (_, i) => `${i + 1}\n`).join('').length;
    assert.equal(r.totalBytes, total);
    assert.equal(r.droppedBytes, total - r.output.length);
    const text = outputText(r);
    assert.ok(text.startsWith('1\n2\n3\n'));
    assert.ok(text.endsWith('199999\n200000\n'));
    assert.match(text, new RegExp(`\\[hr: the command printed ${total} bytes; ${r.droppedBytes} bytes in the middle were over the 4096-byte limit`));
    // whole lines on both sides of the gap
    for (const line of text.split('\n')) assert.match(line, /^(\d+|\[hr: .*\]|)$/);
  });

  it('stops a command at the timeout, with the processes it started', async () => {
    const pidFile = join(dir, 'child.pid');
    const started = Date.now();
    const r = await runCommand({ command: `sleep 30 & echo $! > ${pidFile}; echo started; wait`, cwd: dir, timeoutMs: 300 });
    assert.ok(Date.now() - started < 5000);
    assert.equal(r.timedOut, true);
    assert.equal(r.exitCode, null);
    assert.equal(r.output.toString(), 'started\n');
    assert.match(describeExit(r, 300), /timed out after 0 s/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Gone, or a zombie waiting for init to reap it (slow on a loaded machine): either way, not running.
    const running = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return false;
      }
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while (running() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(running(), false, 'the background sleep was killed with its group');
  });

  it('is cancelled by an AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await runCommand({ command: 'echo begin; sleep 20; echo never', cwd: dir, signal: controller.signal });
    assert.equal(r.cancelled, true);
    assert.equal(r.output.toString(), 'begin\n');
    assert.equal(describeExit(r), 'cancelled and stopped');
    const already = await runCommand({ command: 'echo x', cwd: dir, signal: AbortSignal.abort() });
    assert.equal(already.cancelled, true);
    assert.equal(already.output.length, 0);
  });

  it('closes stdin and turns pagers off, so nothing waits for a person', async () => {
    const r = await runCommand({ command: 'cat; echo "pager=$PAGER git=$GIT_PAGER"', cwd: dir, timeoutMs: 5000 });
    assert.equal(r.timedOut, false);
    assert.equal(r.output.toString(), 'pager=cat git=cat\n');
  });

  it('does not wait for a background child that keeps the pipe open', async () => {
    const started = Date.now();
    const r = await runCommand({ command: '(sleep 5; echo late) & echo now', cwd: dir });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(r.exitCode, 0);
    assert.equal(r.output.toString(), 'now\n');
  });

  it('reports a missing folder without throwing', async () => {
    const r = await runCommand({ command: 'echo hi', cwd: join(dir, 'missing') });
    assert.equal(r.exitCode, null);
    assert.match(r.error ?? '', /does not exist/);
    assert.match(describeExit(r), /^could not run/);
  });

  it('passes bytes through unchanged (binary, invalid UTF-8)', async () => {
    const r = await runCommand({ command: "printf '\\377\\000\\376'", cwd: dir });
    assert.deepEqual([...r.output], [0xff, 0x00, 0xfe]);
  });
});
