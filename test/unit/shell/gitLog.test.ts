// git log: every commit as hash, decorations, subject, author and date; bodies cut; long histories
// capped with the older commits marked by range; one-line logs left whole unless very long.
import assert from 'node:assert/strict';
import { gitLog } from '../../../src/compressors/shell/gitLog';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('gitLog', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims git log and reflog, but not patches (the diff compressor\'s)', () => {
    for (const c of ['git log', 'git log --oneline -20', 'git -C repo log --stat', 'git reflog', 'git --no-pager log --decorate']) assert.ok(gitLog.matches!(commandOf(c)), c);
    for (const c of ['git log -p', 'git log --patch -3', 'git log -U1', 'git show', 'git shortlog']) assert.ok(!gitLog.matches!(commandOf(c)), c);
  });

  it('keeps every commit of a short history as hash and subject, newest first', () => {
    const input = fixtureText('gitLog', 'decorate-60');
    const result = compressAs(input, 'git log --decorate -n 60', engines);
    const commits = [...input.matchAll(/^commit ([0-9a-f]{40})(?: \((.+)\))?\n(?:.+\n)*?\n {4}(.+)$/gm)];
    assert.equal(commits.length, 60);
    const lines = result.text.split('\n').filter((l) => /^[0-9a-f]{7} /.test(l));
    assert.equal(lines.length, 60);
    commits.forEach((m, k) => {
      assert.ok(lines[k].startsWith(`${m[1].slice(0, 7)} ${m[2] ? `(${m[2]}) ` : ''}${m[3]} — `), lines[k]);
    });
    assertRedeemable(result, input);
  });

  it('caps a long history and marks the older commits as one range', () => {
    const input = fixtureText('gitLog', 'full-long');
    const result = compressAs(input, 'git log', engines);
    assert.equal(result.text.split('\n').filter((l) => /^[0-9a-f]{7} /.test(l)).length, 60);
    const cap = result.markers.find((m) => m.detail === '98 older commits');
    assert.ok(cap && cap.lines && cap.lines[1] === input.split('\n').length - 1);
    assertRedeemable(result, input);
  });

  it('extends short hashes until they are unique', () => {
    const commit = (hash: string, subject: string) => [`commit ${hash}`, 'Author: A <a@example.com>', 'Date:   Sun Feb 11 00:05:59 2024 +0100', '', `    ${subject}`, ''];
    const input = [...commit('abcdef1234' + '0'.repeat(30), 'one'), ...commit('abcdef1299' + '0'.repeat(30), 'two'), ...commit('1234567890' + '0'.repeat(30), 'three')].join('\n');
    const draft = runCompressor(gitLog, input, engines)!;
    assert.ok(draft.text.includes('abcdef123 one — A, 2024-02-11'), draft.text);
    assert.ok(draft.text.includes('abcdef129 two'));
  });

  it('folds a one-file --stat into the commit line with exact counts; keeps several files and binary files as lines under a compact summary', () => {
    const commit = (hash: string, stat: string[]) => [`commit ${hash.repeat(40)}`, 'Author: A <a@example.com>', 'Date:   Sun Feb 11 00:05:59 2024 +0100', '', `    change ${hash}`, '', ...stat, ''];
    const input = [
      ...commit('a', [' src/a b.py | 80 ++++++++++++++++++++++++++++++++++++------', ' 1 file changed, 61 insertions(+), 19 deletions(-)']),
      ...commit('b', [' src/gone.py | 3 ---', ' 1 file changed, 3 deletions(-)']),
      ...commit('c', [' src/x.py | 2 +-', ' src/y.py | 1 +', ' 2 files changed, 2 insertions(+), 1 deletion(-)']),
      ...commit('d', [' logo.png | Bin 0 -> 120 bytes', ' 1 file changed, 0 insertions(+), 0 deletions(-)']),
    ].join('\n');
    const text = runCompressor(gitLog, input, engines)!.text;
    assert.ok(text.includes('aaaaaaa change a — A, 2024-02-11 · src/a b.py +61 -19\n'), text);
    assert.ok(text.includes('bbbbbbb change b — A, 2024-02-11 · src/gone.py -3\n'), text);
    assert.ok(text.includes('ccccccc change c — A, 2024-02-11 · 2 files changed +2 -1\n src/x.py | 2 +-\n src/y.py | 1 +\n'), text);
    assert.ok(text.includes(' logo.png | Bin 0 -> 120 bytes'), text);
    assert.ok(!text.includes('src/a b.py |'), text);
  });

  it('leaves a one-line log whole unless it is very long', () => {
    const short = fixtureText('gitLog', 'oneline-long').split('\n').slice(0, 40).join('\n') + '\n';
    assert.equal(runCompressor(gitLog, short, engines)!.text, short);
    const long = fixtureText('gitLog', 'oneline-long');
    const draft = runCompressor(gitLog, long, engines)!;
    assert.equal(draft.text.split('\n').filter((l) => /^[0-9a-f]{7} /.test(l)).length, 60);
  });

  it('declines patches, custom formats and other text', () => {
    const patch = ['commit ' + 'a'.repeat(40), 'Author: A <a@example.com>', 'Date:   Sun Feb 11 00:05:59 2024 +0100', '', '    subject', '', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b', ''].join('\n');
    assert.equal(runCompressor(gitLog, patch, engines), undefined);
    assert.equal(runCompressor(gitLog, 'Ada Lovelace|2024-02-11|Fix it\n', engines), undefined);
    assert.equal(runCompressor(gitLog, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(gitLog, `commit ${'a'.repeat(40)}\nDate:   ${'Sun Feb '.repeat(20_000)}\n    x\n`, engines));
  });
});
