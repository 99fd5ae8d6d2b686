// Mocha spec reporter: what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { mocha } from '../../../src/compressors/shell/mocha';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('mocha', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims mocha and package test scripts', () => {
    assert.ok(mocha.matches!(commandOf('npx mocha --recursive')));
    assert.ok(mocha.matches!(commandOf('npm t')));
    assert.ok(!mocha.matches!(commandOf('npx tsc')));
  });

  it('sniffs the passing line only', () => {
    const source = (text: string) => ({ id: 'x', text, lines: text.split('\n') });
    assert.ok(mocha.sniff!(source(fixtureText('mocha', 'failures'))));
    assert.ok(!mocha.sniff!(source('all 12 passing\n')));
  });

  it('declines empty, truncated and inconsistent output', () => {
    assert.equal(runCompressor(mocha, '', engines), undefined);
    const text = fixtureText('mocha', 'failures');
    assert.equal(runCompressor(mocha, text.slice(0, text.indexOf('  65 passing')), engines), undefined);
    // Cut off after the third failure: 6 failing reported, 3 listed.
    assert.equal(runCompressor(mocha, text.slice(0, text.indexOf('  4) applyCoupon')), engines), undefined);
    assert.equal(runCompressor(mocha, text.replace('  6 failing', '  7 failing'), engines), undefined);
  });

  it('keeps every numbered failure with its diff and project frame, then the counts', () => {
    const input = fixtureText('mocha', 'failures');
    const result = compressAs(input, 'npx mocha', engines);
    assert.equal(result.compressor, 'mocha');
    assert.ok(result.text.startsWith('  1) lineItems formats each item:'));
    for (let n = 1; n <= 6; n++) assert.ok(result.text.includes(`  ${n}) `), `failure ${n}`);
    assert.ok(result.text.includes('      at Context.<anonymous> (test/cart.spec.js:45:14)'));
    assert.ok(!result.text.includes('✔ sums 3 identical items'));
    assert.ok(result.text.endsWith('  65 passing (55ms)\n  2 pending\n  6 failing'));
    assertRedeemable(result, input);
  });

  it('leaves mocha\'s diff to the overall marker when node:assert already compared the values in full', () => {
    const text = compressAs(fixtureText('mocha', 'failures'), 'npx mocha', engines).text;
    assert.ok(text.includes('0.4 !== 0.39\n\n      at Context.<anonymous> (test/cart.spec.js:14:12)'));
    assert.ok(text.includes("+   number: 42\n-   number: '0042'\n  }\n      at Context.<anonymous> (test/cart.spec.js:25:12)"));
    assert.ok(!text.includes('      -0.4\n      +0.39'));
    // node:assert skipped lines of its diff: mocha's full diff stays.
    assert.ok(text.includes('      + expected - actual\n\n       {\n      -  "discount": 0.1\n      +  "discount": 0.15'));
    assert.match(text, /, 3 diffs mocha repeats, /);
    // With chai (no node:assert comparison), mocha's diff is the only one.
    const chai = ['', '  0 passing (5ms)', '  1 failing', '', '  1) a:', '', '      AssertionError: expected { a: 1, b: [ 1, 2, 3 ] } to deeply equal { a: 2, b: [ 1, 2, 3 ] }', '      + expected - actual', '', '       {', '      -  "a": 1', '      +  "a": 2', '       }', '      ', '      at Context.<anonymous> (test/a.js:3:5)', '', ''].join('\n');
    assert.ok(runCompressor(mocha, chai, engines)!.text.includes('      -  "a": 1\n      +  "a": 2'));
  });

  it('keeps what npm prints after a failing script, and warnings among the tests', () => {
    const input = [
      '', '> shop@1.0.0 test', '> mocha', '', '',
      ...Array.from({ length: 40 }, (_, i) => `  ✔ case ${i}`),
      '(node:42) DeprecationWarning: Buffer() is deprecated',
      '', '  40 passing (9ms)', '  1 failing', '',
      '  1) adds:', '     AssertionError: 1 == 2', '      at Context.<anonymous> (test/a.js:3:5)', '', '',
      'npm error Lifecycle script `test` failed with error:', 'npm error code 1', '',
    ].join('\n');
    const text = runCompressor(mocha, input, engines)!.text;
    assert.ok(text.startsWith('  1) adds:'));
    assert.ok(text.includes('(node:42) DeprecationWarning: Buffer() is deprecated'));
    assert.ok(text.includes('npm error Lifecycle script `test` failed with error:\nnpm error code 1'));
    assert.match(text, /40 passing tests/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('mocha', 'failures');
    assert.equal(withoutIds(compressAs(colour(input), 'mocha', engines).text), withoutIds(compressAs(input, 'mocha', engines).text));
  });

  it('handles a huge green run', () => {
    const input = ['', ...Array.from({ length: 30000 }, (_, i) => `    ✔ case ${i} (${i % 7}ms)`), '', '  30000 passing (3s)', ''].join('\n');
    const result = compressAs(input, 'mocha', engines);
    assert.equal(result.compressor, 'mocha');
    assert.ok(result.tokensAfter < 60, `${result.tokensAfter} tokens`);
  });
});
