import assert from 'node:assert/strict';
import { CommandHistory, cleanOutput } from '../../src/terminal/commandHistory';

describe('terminal command history', () => {
  it('keeps the last commands of each terminal, newest last', () => {
    const history = new CommandHistory<object>(3, 1000);
    const terminal = {};
    for (let i = 1; i <= 5; i++) {
      const run = history.start(terminal, `echo ${i}`, '/w', i);
      run.push(`${i}\n`);
      run.endedAt = i + 0.5;
      run.exitCode = 0;
    }
    assert.equal(history.last(terminal)?.commandLine, 'echo 5');
    assert.equal(history.last(terminal)?.output, '5\n');
    assert.equal(history.last(terminal)?.exitCode, 0);
    assert.equal(history.last({}), undefined);
  });

  it('prefers the last finished command when asked, and the newest command in any terminal', () => {
    const history = new CommandHistory<string>();
    const done = history.start('a', 'make', undefined, 1);
    done.push('built\n');
    done.endedAt = 2;
    history.start('a', 'npm start', undefined, 3).push('listening…');
    history.start('b', 'ls', undefined, 2);
    assert.equal(history.last('a', true)?.commandLine, 'make');
    assert.equal(history.last('a')?.commandLine, 'npm start');
    assert.equal(history.latest()?.commandLine, 'npm start');
    history.forget('a');
    assert.equal(history.latest()?.commandLine, 'ls');
  });

  it('bounds each command\'s output to its head and tail and says how much of the middle it dropped', () => {
    const history = new CommandHistory<string>(2, 100);
    const run = history.start('t', 'yes', undefined, 0);
    for (let i = 0; i < 1000; i++) run.push(`line ${i}\n`);
    const captured = history.last('t')!;
    assert.ok(captured.output.startsWith('line 0\n'));
    assert.ok(captured.output.endsWith('line 999\n'));
    assert.ok(captured.droppedChars > 7000, String(captured.droppedChars));
    assert.match(captured.output, /\[… \d+ characters of output in the middle were not kept in memory …\]/);
    assert.ok(captured.output.length < 200 + 100);
  });

  it('bounds the number of terminals it remembers', () => {
    const history = new CommandHistory<number>(1, 10);
    for (let i = 0; i < 100; i++) history.start(i, 'x', undefined, i);
    assert.ok(history.size <= 8);
    assert.equal(history.latest()?.startedAt, 99);
  });

  it('strips escape sequences and applies carriage-return overwrites, as the terminal showed it', () => {
    const raw = '\x1b]633;C\x07\x1b[1;31merror\x1b[0m: failed\r\nprogress 10%\rprogress 100%\n\n\n';
    assert.equal(cleanOutput(raw), 'error: failed\nprogress 100%\n');
    assert.equal(cleanOutput('\x1b]633;D;0\x07'), '');
    // Linear on pathological whitespace (a quadratic trim would take seconds).
    const started = Date.now();
    cleanOutput(`${' '.repeat(200_000)}x${' '.repeat(200_000)}`);
    assert.ok(Date.now() - started < 1000);
  });
});
