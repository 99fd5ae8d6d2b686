// mypy: claims, declines, keeps every error, groups repeated notes, checks the error count.
import assert from 'node:assert/strict';
import { mypy } from '../../../src/compressors/shell/mypy';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, redeem, runAlone, source } from '../../helpers/diagnosticCases';
import { expandMypyGroups } from './expandMypyGroups';

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

  it('writes each repeated message once with every location: all 392 errors and 162 notes read back', () => {
    const input = fixture('mypy', 'strict-untyped-tests');
    const result = compressWith(input, 'mypy --strict pyflakes/test', engines);
    assert.equal(result.compressor, 'mypy');
    assert.ok(result.tokensAfter < result.tokensBefore / 5, `${result.tokensAfter} of ${result.tokensBefore} tokens`);
    const diagnostic = /^\S+\.py:\d+: (?:error|note): /;
    const expanded = expandMypyGroups(result.text).filter((l) => diagnostic.test(l)).sort();
    assert.deepEqual(expanded, input.split('\n').filter((l) => diagnostic.test(l)).sort());
    assert.equal(expanded.length, 392 + 162);
    assert.equal(result.text.split('\n').filter((l) => l.endsWith('note: Use "-> None" if function does not return a value')).length, 1);
    assert.ok(result.text.includes('213× error: Call to untyped function "flakes" in typed context  [no-untyped-call]'));
    assert.ok(result.text.endsWith('Found 392 errors in 3 files (checked 3 source files)'));
    const [whole] = redeem(result);
    assert.equal(whole.trimEnd(), input.split('\n').slice(0, 554).join('\n'));
  });

  it('groups only when a message repeats: one-off errors stay as printed', () => {
    const input = 'a.py:1: error: One  [misc]\nb.py:2: error: Two  [misc]\nb.py:3: error: One  [misc]\nFound 3 errors in 2 files (checked 2 source files)\n';
    assert.equal(runAlone(mypy, input, engines)!.text, input);
    const many = `${[1, 2, 3, 4, 5, 6].map((n) => `pkg/mod.py:${n}:5: error: Function is missing a return type annotation  [no-untyped-def]`).join('\n')}\npkg/other.py:9: error: Name "x" is not defined  [name-defined]\nFound 7 errors in 2 files (checked 2 source files)\n`;
    const text = runAlone(mypy, many, engines)!.text;
    assert.ok(text.includes('6× error: Function is missing a return type annotation  [no-untyped-def]\n  pkg/mod.py:1:5,2:5,3:5,4:5,5:5,6:5\n'), text);
    assert.ok(text.includes('pkg/other.py:9: error: Name "x" is not defined  [name-defined]'));
    assert.deepEqual(expandMypyGroups(text).filter((l) => l.includes(': error: ')).sort(), many.split('\n').filter((l) => l.includes(': error: ')).sort());
  });

  it('writes at most 60 locations a line, so thousands of errors in one file stay readable', () => {
    const many = `${Array.from({ length: 130 }, (_, n) => `pkg/big.py:${n + 1}: error: Call to untyped function "f" in typed context  [no-untyped-call]`).join('\n')}\nFound 130 errors in 1 file (checked 1 source file)\n`;
    const text = runAlone(mypy, many, engines)!.text;
    const rows = text.split('\n').filter((l) => l.startsWith('  pkg/big.py:'));
    assert.deepEqual(rows.map((r) => r.split(',').length), [60, 60, 10]);
    assert.deepEqual(expandMypyGroups(text).filter((l) => l.includes(': error: ')), many.split('\n').filter((l) => l.includes(': error: ')));
  });

  it('does not group output it does not fully understand', () => {
    const lines = [1, 2, 3, 4].map((n) => `pkg/mod.py:${n}: error: Function is missing a return type annotation  [no-untyped-def]`);
    const input = `${lines.join('\n')}\nsomething mypy did not print as a diagnostic\nFound 4 errors in 1 file (checked 1 source file)\n`;
    const draft = runAlone(mypy, input, engines);
    assert.ok(draft === undefined || !draft.text.includes('4×'));
  });

  it('keeps every note when the error count does not match', () => {
    const input = fixture('mypy', 'strict-untyped-tests').replace(/^Found 392 errors/m, 'Found 393 errors');
    assert.equal(runAlone(mypy, input, engines)!.text, input);
  });
});
