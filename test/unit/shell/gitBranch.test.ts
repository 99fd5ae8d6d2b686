// git branch listings: every name kept; current branch, detached HEAD and tracking info on their own lines.
import assert from 'node:assert/strict';
import { gitBranch } from '../../../src/compressors/shell/gitBranch';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

/** Every branch name a compressed listing states, grouped lines expanded. */
function names(text: string): Set<string> {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    const group = /^ {2}(\S+\/) \(\d+\): (.+)$/.exec(line);
    if (group) for (const item of group[2].split(/, | /)) { if (!/^[0-9a-f]{7,}$/.test(item)) found.add(group[1] + item); }
    else {
      const m = /^[*+ ] (\S+)/.exec(line);
      if (m) found.add(m[1]);
    }
  }
  return found;
}

describe('gitBranch', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims listings, not branch changes', () => {
    for (const c of ['git branch', 'git branch -a', 'git branch -vv', 'git branch -r --list "release/*"']) assert.ok(gitBranch.matches!(commandOf(c)), c);
    for (const c of ['git branch -d old', 'git branch -D old', 'git branch -m a b', 'git checkout -b x', 'git branch --set-upstream-to=origin/x']) assert.ok(!gitBranch.matches!(commandOf(c)), c);
  });

  it('keeps every branch name', () => {
    for (const name of ['all', 'all-verbose']) {
      const input = fixtureText('gitBranch', name);
      const result = compressAs(input, 'git branch -a', engines);
      const expected = new Set(input.split('\n').filter(Boolean).map((l) => /^[*+ ] (\S+)/.exec(l)![1]));
      assert.deepEqual(names(result.text), expected, name);
      assertRedeemable(result, input);
    }
  });

  it('keeps tracking info and the current branch on their own lines', () => {
    const result = compressAs(fixtureText('gitBranch', 'all-verbose'), 'git branch -a -vv', engines);
    assert.ok(result.text.includes('* main 71378bb [origin/main: ahead 1]'));
    assert.ok(result.text.includes('  feature/old-gone 763681f [origin/feature/old-gone: gone]'));
  });

  it('keeps a detached HEAD line and declines what it cannot parse', () => {
    const input = ['* (HEAD detached at 763681f)', ...['a', 'b', 'c', 'd'].map((n) => `  team/${n}`), '  remotes/origin/HEAD -> origin/main', ''].join('\n');
    const draft = runCompressor(gitBranch, input, engines)!;
    assert.ok(draft.text.startsWith('* (HEAD detached at 763681f)\n  team/ (4): a b c d\n  remotes/origin/HEAD -> origin/main'));
    assert.equal(runCompressor(gitBranch, 'error: branch \'x\' not found.\n', engines), undefined);
    assert.equal(runCompressor(gitBranch, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(gitBranch, `  ${'a/'.repeat(50_000)}\n  x ${'f'.repeat(50_000)} [${'['.repeat(10_000)}\n`, engines));
  });
});
