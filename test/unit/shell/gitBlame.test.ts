// git blame: every line of code kept with its number; the commit, author and date once per run.
import assert from 'node:assert/strict';
import { gitBlame } from '../../../src/compressors/shell/gitBlame';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

// "^86f8b47 (Ada Lovelace   2023-11-15 11:10:45 +0100   1) code"
const BLAME = /^(\^?[0-9a-f]{7,40}) (?:(\S+) +)?\((.+?) +(\d{4}-\d{2}-\d{2}) \S+ \S+ +(\d+)\) ?(.*)$/;

describe('gitBlame', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims the default blame format only', () => {
    for (const c of ['git blame src/a.py', 'git blame -L 10,40 src/a.py', 'git -C repo blame -w a.py']) assert.ok(gitBlame.matches!(commandOf(c)), c);
    for (const c of ['git blame --porcelain a.py', 'git blame -p a.py', 'git blame --line-porcelain a', 'git log']) assert.ok(!gitBlame.matches!(commandOf(c)), c);
  });

  it('keeps every line of code with its number, and each run\'s commit, author and date', () => {
    const input = fixtureText('gitBlame', 'file');
    const result = compressAs(input, 'git blame src/shop/orders.py', engines);
    const out = result.text.split('\n');
    const rows = input.split('\n').filter(Boolean).map((l) => BLAME.exec(l)!);
    let previous = '';
    let k = 0;
    for (const [, hash, , author, date, number, code] of rows) {
      while (out[k] !== undefined && !out[k].endsWith(`${number}) ${code}`)) k++;
      assert.ok(out[k] !== undefined, `line ${number} missing`);
      if (hash !== previous) assert.ok(out[k].startsWith(`${hash} (${author.trimEnd()} ${date} ${number})`), out[k]);
      else assert.equal(out[k], `${number}) ${code}`);
      previous = hash;
      k++;
    }
    assertRedeemable(result, input);
  });

  it('declines a file of one-line runs and text that is not blame', () => {
    const alternating = ['a1b2c3d4 (A 2024-01-01 10:00:00 +0000 1) x', 'e5f6a7b8 (B 2024-01-02 10:00:00 +0000 2) y', ''].join('\n');
    assert.equal(runCompressor(gitBlame, alternating, engines), undefined);
    assert.equal(runCompressor(gitBlame, 'fatal: no such path src/x.py in HEAD\n', engines), undefined);
    assert.equal(runCompressor(gitBlame, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(gitBlame, `a1b2c3d4 (${'A '.repeat(50_000)}2024-01-01 10:00:00 +0000 1) x\n`, engines));
  });
});
