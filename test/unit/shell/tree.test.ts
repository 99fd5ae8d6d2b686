// tree: one line per directory in tree order, complete counts, notable entries shown, tree's own
// count line kept.
import assert from 'node:assert/strict';
import { tree } from '../../../src/compressors/shell/tree';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('tree', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims tree, not its JSON, XML or HTML output', () => {
    for (const c of ['tree', 'tree -L 2 src', 'tree -a -h', 'tree -I node_modules']) assert.ok(tree.matches!(commandOf(c)), c);
    for (const c of ['tree -J', 'tree -X', 'tree -H .', 'git ls-tree HEAD']) assert.ok(!tree.matches!(commandOf(c)), c);
  });

  it('lists every directory with its count and keeps the summary line', () => {
    const input = fixtureText('tree', 'whole-project');
    const result = compressAs(input, 'tree', engines);
    assert.ok(result.text.includes('\n24 directories, 439 files'));
    assert.match(result.text, /^\.\/src\/rules\/ \(294 entries, 1 dir: 292 \*\.js\): .*generate-index\.sh rules-cache\.bin/m);
    assert.match(result.text, /^\.\/ \(5 entries, 6 dirs\): LICENSE README\.md current -> releases\/2024-02-11 package\.json tsconfig\.json$/m);
    assertRedeemable(result, input);
  });

  it('always shows a huge file and an executable of a sized tree', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `├── [-rw-r--r--  1.${i}K]  f${i}.js`);
    const input = ['.', ...rows, '├── [-rwxr-xr-x    30]  run.sh', '├── [-rw-r--r--   1.2K]  g.js', '├── [-rw-r--r--  512M]  dump.bin', '└── [-rw-r--r--   1.1K]  h.js', '', '0 directories, 34 files', ''].join('\n');
    const draft = runCompressor(tree, input, engines)!;
    assert.ok(draft.text.includes('run.sh [-rwxr-xr-x    30]'));
    assert.ok(draft.text.includes('dump.bin [-rw-r--r--  512M]'));
  });

  it('declines what is not one tree drawing', () => {
    assert.equal(runCompressor(tree, '', engines), undefined);
    assert.equal(runCompressor(tree, '.\n│   │   ├── deep\n', engines), undefined);
    assert.equal(runCompressor(tree, 'hello\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(tree, `.\n${'│   '.repeat(30_000)}├── x\n├── [${'['.repeat(50_000)}  y\n`, engines));
  });
});
