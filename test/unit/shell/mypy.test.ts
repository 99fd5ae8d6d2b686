// mypy: claims, declines, keeps every error, groups repeated notes, checks the error count.
import assert from 'node:assert/strict';
import { mypy } from '../../../src/compressors/shell/mypy';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

// Real `mypy --pretty inventory` output (mypy 2.4.0) on a small package: wrapped messages and frames.
const PRETTY = `inventory/models.py:28: error: Argument 3 to "Item" has incompatible type
"str"; expected "int"  [arg-type]
        return Item(int(id), name, price, int(qty), tags)
                                   ^~~~~
inventory/pricing.py:14: error: Incompatible types in assignment (expression
has type "float", variable has type "int")  [assignment]
                price = unit * factor
                        ^~~~~~~~~~~~~
inventory/store.py:12: note: By default the bodies of untyped functions are not checked, consider using --check-untyped-defs  [annotation-unchecked]
Found 2 errors in 2 files (checked 5 source files)
`;

describe('mypy', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims mypy and dmypy runs', () => {
    for (const raw of ['mypy .', 'python -m mypy --strict src', 'uv run mypy pkg', 'dmypy run -- src']) assert.ok(mypy.matches!(command(raw)), raw);
    for (const raw of ['pytest', 'dmypy stop', 'pyright']) assert.ok(!mypy.matches!(command(raw)), raw);
  });

  it('sniffs mypy output by its closing line', () => {
    assert.ok(mypy.sniff!(source(PRETTY)));
    assert.ok(!mypy.sniff!(source('Found 3 errors.\n')));
  });

  it('declines output without mypy diagnostics', () => {
    assert.equal(runAlone(mypy, '', engines), undefined);
    assert.equal(runAlone(mypy, 'Success: no issues found in 5 source files\n', engines), undefined);
  });

  it('keeps small outputs as they are, wrapped messages and frames included', () => {
    assert.equal(runAlone(mypy, PRETTY, engines)!.text, PRETTY);
  });

  it('keeps every one of 392 errors and groups the note mypy repeats under many of them', () => {
    const input = fixture('mypy', 'strict-untyped-tests');
    const result = compressWith(input, 'mypy --strict pyflakes/test', engines);
    assert.equal(result.compressor, 'mypy');
    assert.deepEqual(missingLines(input, result.text, /: error: |^Found \d+ errors/), []);
    assert.equal(result.text.split('\n').filter((l) => l.endsWith('note: Use "-> None" if function does not return a value')).length, 1);
    const [stash] = redeem(result);
    assert.ok(stash.split('\n').every((l) => l.includes(': note: ')));
  });

  it('keeps every note when the error count does not match', () => {
    const input = fixture('mypy', 'strict-untyped-tests').replace(/^Found 392 errors/m, 'Found 393 errors');
    assert.equal(runAlone(mypy, input, engines)!.text, input);
  });
});
