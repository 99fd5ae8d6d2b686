// git status: every path kept with its state (long, short and porcelain v1/v2), hints cut, runs of
// same-state paths in one directory grouped.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gitStatus } from '../../../src/compressors/shell/gitStatus';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

/** Every (state, path) a compressed porcelain listing states, grouped lines expanded. */
function porcelainFacts(text: string): Set<string> {
  const facts = new Set<string>();
  for (const line of text.split('\n')) {
    const group = /^(.{2}) (\S+\/) \(\d+\): (.+)$/.exec(line);
    if (group) for (const name of group[3].split(' ')) facts.add(`${group[1]} ${group[2]}${name}`);
    else if (/^.{2} \S/.test(line) && !line.startsWith('##')) facts.add(line);
  }
  return facts;
}

describe('gitStatus', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims git status with git options before it', () => {
    for (const c of ['git status', 'git -C repo status -sb', 'git --no-pager status --porcelain=v2', 'git status | head -50']) assert.ok(gitStatus.matches!(commandOf(c)), c);
    for (const c of ['git stash', 'git log', 'git diff --stat', 'svn status']) assert.ok(!gitStatus.matches!(commandOf(c)), c);
  });

  it('keeps every path and its state in the long form, and every conflict by name', () => {
    const input = fixtureText('gitStatus', 'long-merge-conflicts');
    const result = compressAs(input, 'git status', engines);
    for (const m of input.matchAll(/^\t(both modified|deleted by us|deleted by them|both added|renamed|deleted):\s+(.+)$/gm)) assert.ok(result.text.includes(`${m[1]}:`) && result.text.includes(m[2]), m[0]);
    for (const m of input.matchAll(/^\tmodified:\s+src\/shop\/locale\/(\S+)$/gm)) assert.ok(result.text.includes(m[1]), m[1]);
    assert.ok(!result.text.includes('(use "git'));
    assertRedeemable(result, input);
  });

  it('keeps every path with its two-letter state in porcelain output', () => {
    const input = fixtureText('gitStatus', 'porcelain');
    const result = compressAs(input, 'git status --porcelain', engines);
    const expected = new Set(input.split('\n').filter(Boolean));
    assert.deepEqual(porcelainFacts(result.text), expected);
  });

  it('turns porcelain v2 into state and path, renames with their score', () => {
    const input = fixtureText('gitStatus', 'porcelain-v2');
    const result = compressAs(input, 'git status --porcelain=v2 -b', engines);
    assert.ok(result.text.includes('R. src/shop/users.py -> src/shop/accounts.py (R100)'));
    assert.ok(!/[0-9a-f]{40}/.test(result.text.replace(/# branch\.oid \S+/, '')));
    assert.match(result.text, /elided \d+ lines: porcelain v2 file modes and object ids/);
  });

  it('property: any porcelain listing keeps every path with its state', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}(\.[a-z]{1,3})?$/);
    const entry = fc.record({ xy: fc.constantFrom(' M', 'M ', 'MM', 'A ', ' D', 'D ', 'UU', 'AA', '??'), dir: fc.constantFrom('', 'src/', 'src/a/', 'docs/'), name });
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 60 }), (entries) => {
      const lines = [...new Set(entries.map((e) => `${e.xy} ${e.dir}${e.name}`))];
      const input = lines.join('\n') + '\n';
      const draft = runCompressor(gitStatus, input, engines);
      const text = draft ? draft.text : input;
      assert.deepEqual(porcelainFacts(text), new Set(lines));
    }), { numRuns: 150 });
  });

  it('keeps the detached HEAD and rebase lines', () => {
    const input = ['interactive rebase in progress; onto 1a2b3c4', 'Last command done (1 command done):', '   pick 9f8e7d6 Fix tax rounding', 'No commands remaining.', "You are currently editing a commit while rebasing branch 'main' on '1a2b3c4'.", '  (use "git commit --amend" to amend the current commit)', '  (use "git rebase --continue" once you are satisfied with your changes)', '', 'HEAD detached at 763681f', 'Changes not staged for commit:', '  (use "git add <file>..." to update what will be committed)', ...['a', 'b', 'c', 'd'].map((n) => `\tmodified:   src/${n}.py`), ''].join('\n');
    const draft = runCompressor(gitStatus, input, engines)!;
    for (const line of ['interactive rebase in progress; onto 1a2b3c4', '   pick 9f8e7d6 Fix tax rounding', 'HEAD detached at 763681f', '\tmodified:   src/ (4): a.py b.py c.py d.py']) assert.ok(draft.text.includes(line), line);
  });

  it('leaves names with spaces and renames on their own lines, and declines other text', () => {
    const input = ['?? "docs/a b.md"', ' M src/a.py', ' M src/b.py', ' M src/c.py', 'R  src/old.py -> src/new.py', ''].join('\n');
    const draft = runCompressor(gitStatus, input, engines)!;
    assert.ok(draft.text.includes('?? "docs/a b.md"'));
    assert.ok(draft.text.includes('R  src/old.py -> src/new.py'));
    assert.equal(runCompressor(gitStatus, 'fatal: not a git repository (or any of the parent directories): .git\n', engines), undefined);
    assert.equal(runCompressor(gitStatus, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(gitStatus, `1 .M N... ${'1'.repeat(100_000)}\n  (${'('.repeat(50_000)}\n`, engines));
  });
});
