// Vitest default reporter: what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { vitest } from '../../../src/compressors/shell/vitest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('vitest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims vitest and package test scripts', () => {
    assert.ok(vitest.matches!(commandOf('npx vitest run')));
    assert.ok(vitest.matches!(commandOf('pnpm exec vitest --reporter=verbose')));
    assert.ok(vitest.matches!(commandOf('pnpm test')));
    assert.ok(!vitest.matches!(commandOf('npx vite build')));
  });

  it('sniffs its summary and sections, not a jest summary', () => {
    const source = (text: string) => ({ id: 'x', text, lines: plain(text).split('\n') });
    assert.ok(vitest.sniff!(source(fixtureText('vitest', 'failures'))));
    assert.ok(!vitest.sniff!(source('Test Suites: 1 failed, 1 total\nTests:       1 failed, 1 total\n')));
  });

  it('declines empty and truncated output', () => {
    assert.equal(runCompressor(vitest, '', engines), undefined);
    const text = plain(fixtureText('vitest', 'failures'));
    assert.equal(runCompressor(vitest, text.slice(0, text.indexOf(' Test Files')), engines), undefined);
    // Cut in the middle of the failure sections: the numbering and the count no longer add up.
    const cut = text.slice(0, text.indexOf('[3/5]')) + '\n Test Files  1 failed (1)\n      Tests  5 failed | 42 passed (47)\n';
    assert.equal(runCompressor(vitest, cut, engines), undefined);
  });

  it('declines when the Tests line reports more failures than the sections show', () => {
    const text = plain(fixtureText('vitest', 'failures')).replace('Tests  5 failed', 'Tests  7 failed');
    assert.equal(runCompressor(vitest, text, engines), undefined);
  });

  it('keeps every failure with its diff and frame, leaves out the source excerpts, then the summary', () => {
    const input = fixtureText('vitest', 'failures');
    const result = compressAs(input, 'npx vitest run', engines);
    assert.equal(result.compressor, 'vitest');
    assert.ok(result.text.startsWith(' FAIL  src/cart.test.ts > total > rounds to cents'));
    assert.equal(result.text.match(/ FAIL {2}/g)?.length, 5);
    assert.ok(!result.text.includes('  11|   it(\'rounds to cents\''));
    assert.match(result.text, /the test tree, start time and duration, 29 excerpt lines; all 5 failures shown; grep "✓"\]/);
    assert.ok(!result.text.includes('✓ sums 3 identical items'));
    assert.ok(result.text.endsWith('      Tests  5 failed | 42 passed | 1 skipped | 1 todo (49)'));
    assert.ok(!result.text.includes('Duration'));
    assertRedeemable(result, input);
  });

  it('collapses a green run to one line and the summary', () => {
    const result = compressAs(fixtureText('vitest', 'green'), 'npx vitest run', engines);
    const lines = result.text.split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\[hr:[0-9a-f]{12} omitted \d+ lines: 22 passing test files, the test tree, start time and duration; no failures; grep "✓"\]$/);
  });

  it('keeps stderr output and lines it does not recognise, counts stdout blocks', () => {
    const input = [
      ' RUN  v4.1.12 /p', '',
      'stdout | src/a.test.ts > logs', 'hello from a passing test', '',
      'stderr | src/a.test.ts > warns', 'Warning: deprecated option `foo`', '',
      '(node:123) ExperimentalWarning: VM Modules is an experimental feature',
      ...Array.from({ length: 40 }, (_, i) => ` ✓ src/f${i}.test.ts (3 tests) 2ms`), '',
      ' Test Files  40 passed (40)', '      Tests  120 passed (120)', '   Start at  10:00:00', '   Duration  1.2s', '',
    ].join('\n');
    const text = runCompressor(vitest, input, engines)!.text;
    assert.ok(text.includes('Warning: deprecated option `foo`'));
    assert.ok(text.includes('ExperimentalWarning: VM Modules'));
    assert.ok(!text.includes('hello from a passing test'));
    assert.match(text, /40 passing test files, 1 stdout block/);
  });

  it('reads coloured and plain output alike', () => {
    const input = plain(fixtureText('vitest', 'suite-crash'));
    assert.equal(withoutIds(compressAs(colour(input), 'vitest', engines).text), withoutIds(compressAs(input, 'vitest', engines).text));
  });

  it('survives pathological lines', () => {
    const input = `⎯⎯ Failed Tests 1 ⎯⎯\n FAIL  a > b\n${' ❯ '.repeat(30000)}:1:1\n${'⎯'.repeat(50000)}[1/1]⎯\n      Tests  1 failed (1)\n`;
    const draft = runCompressor(vitest, input, engines);
    assert.ok(draft && draft.text.includes('FAIL  a > b'));
  });
});
