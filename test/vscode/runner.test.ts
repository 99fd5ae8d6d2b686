// The runner's own tests: a failing extension-host test fails the run, and a taken port, a browser
// that cannot start and an extension host that never connects each end the run quickly with a clear
// message, leaving no process behind.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { processesOfRun } from '../../scripts/vscode/codeServer';
import { ARTIFACTS_DIR, OUT_DIR, REPO_ROOT } from '../../scripts/vscode/config';

const RUNNER = join(REPO_ROOT, 'scripts', 'vscode', 'runTests.ts');
const SELF_TEST = join(OUT_DIR, 'selfTest', 'index.js');
const SUITE = join(OUT_DIR, 'suite', 'index.js');
/** `[runner 0.0s] run folder /tmp/headroom-vscode-self-test-Ab12Cd` */
const RUN_FOLDER = /run folder (\S+)/;

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
  readonly runDir?: string;
}

function runRunner(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000, runDir: RUN_FOLDER.exec(output)?.[1] }));
  });
}

function assertNothingLeft(run: Run): void {
  assert.ok(run.runDir, `the runner did not say where it ran:\n${run.output}`);
  // The runner's last-resort sweep says so when stopping the process group was not enough.
  assert.doesNotMatch(run.output, /left behind/, 'stopping code-server\'s process group left processes behind');
  assert.deepEqual(processesOfRun(run.runDir), [], `processes of ${run.runDir} outlived the runner`);
  // A failed run keeps its folder for a person to look at; these fail on purpose.
  rmSync(run.runDir, { recursive: true, force: true });
}

describe('the real-VS-Code runner', function () {
  this.timeout(180_000);

  it('exits non-zero when an extension-host test fails', async () => {
    const run = await runRunner(['--extensionTestsPath', SELF_TEST, '--name', 'self-test-failing']);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /extension-host: 1 passed, 1 failed/);
    assert.match(run.output, /this failure is expected/);
    assertNothingLeft(run);
  });

  it('fails at once with a clear message when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runRunner(['--extensionTestsPath', SUITE, '--port', String(port), '--name', 'self-test-port']);
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, new RegExp(`port 127\\.0\\.0\\.1:${port} is already in use`));
      assert.ok(run.seconds < 30, `took ${run.seconds} s`);
      assertNothingLeft(run);
    } finally {
      blocker.close();
    }
  });

  it('fails with a clear message when the browser cannot start', async () => {
    const run = await runRunner(['--extensionTestsPath', SUITE, '--chromium', '/bin/false', '--name', 'self-test-browser']);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Chromium failed to start \(\/bin\/false\)/);
    assert.ok(run.seconds < 90, `took ${run.seconds} s`);
    assertNothingLeft(run);
  });

  it('fails with a clear message and a screenshot when the extension host never connects', async () => {
    const run = await runRunner(['--extensionTestsPath', SUITE, '--connect-timeout', '15', '--name', 'self-test-no-exthost'], { HEADROOM_RUNNER_FAULT: 'block-websockets' });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /the extension host did not start the tests within 15 s/);
    assert.ok(existsSync(join(ARTIFACTS_DIR, 'self-test-no-exthost.png')), 'no screenshot of the stuck workbench');
    assert.ok(run.seconds < 90, `took ${run.seconds} s`);
    assertNothingLeft(run);
  });
});
