// searchLiteral: the fixed text every hit of a search command contains, read from its pattern in
// each regex flavour; nothing when no piece is certain, and linear on pathological patterns.
import assert from 'node:assert/strict';
import { searchLiteral } from '../../src/compressors/search/searchLiteral';
import { parseCommand } from '../../src/compressors/shared/command';

const literal = (command: string) => searchLiteral(parseCommand(command));

describe('searchLiteral', () => {
  it('reads the pattern of grep, rg, git grep and ag, skipping option values', () => {
    assert.deepEqual(literal("git grep -n 'context\\.report'"), { text: 'context.report', ignoreCase: false });
    assert.deepEqual(literal("grep -rn -B1 -A3 'throw new' semver"), { text: 'throw new', ignoreCase: false });
    assert.deepEqual(literal("rg -n -C2 'new URL\\(' undici/lib"), { text: 'new URL(', ignoreCase: false });
    assert.deepEqual(literal("rg -g '*.ts' -A 2 needle src"), { text: 'needle', ignoreCase: false });
    assert.deepEqual(literal('grep -rn --include=*.js -e Promise lib'), { text: 'Promise', ignoreCase: false });
    assert.deepEqual(literal('git --no-pager grep --max-depth 2 -nw retryBudget'), { text: 'retryBudget', ignoreCase: false });
  });

  it('keeps the longest piece every match must contain, in the BRE or ERE reading', () => {
    assert.equal(literal("rg -n '\\bthis\\._' lib")?.text, 'this._');
    assert.equal(literal("grep 'ab*c\\(de\\)fgh' x")?.text, 'fgh');
    assert.equal(literal("grep -E 'colou?r.x' x")?.text, 'colo');
    assert.equal(literal("grep 'a(b)c+d' x")?.text, 'a(b)c+d');
    assert.equal(literal("grep -F 'a.*b|c' x")?.text, 'a.*b|c');
  });

  it('says when case does not matter', () => {
    assert.deepEqual(literal('rg -i FooBar'), { text: 'foobar', ignoreCase: true });
    assert.deepEqual(literal('rg -S readme'), { text: 'readme', ignoreCase: true });
    assert.deepEqual(literal('rg -S ReadMe'), { text: 'ReadMe', ignoreCase: false });
  });

  it('gives nothing when no piece is certain', () => {
    for (const cmd of ["grep -E 'a|b' x", 'grep -e foo -e bar x', 'grep -f patterns.txt x', 'rg', "rg '\\w+'", 'grep -rn -- -x .']) {
      assert.equal(literal(cmd), undefined, cmd);
    }
  });

  it('reads pathological patterns in one pass without throwing', () => {
    assert.equal(literal(`grep '${'\\('.repeat(50_000)}${'[a'.repeat(50_000)}'`), undefined);
    assert.equal(literal(`grep -E '${'ab{'.repeat(50_000)}'`), undefined);
    assert.equal(literal("grep 'abc\\'"), undefined);
  });
});
