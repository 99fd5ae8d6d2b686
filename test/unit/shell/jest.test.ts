// Jest default reporter: what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { jest } from '../../../src/compressors/shell/jest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('jest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims jest and package test scripts', () => {
    assert.ok(jest.matches!(commandOf('npx jest --ci')));
    assert.ok(jest.matches!(commandOf('yarn test --watchAll=false')));
    assert.ok(jest.matches!(commandOf('npm run test -- --coverage')));
    assert.ok(!jest.matches!(commandOf('npx vitest')));
  });

  it('sniffs PASS/FAIL lines with the summary, not a vitest run', () => {
    const source = (text: string) => ({ id: 'x', text, lines: text.split('\n') });
    assert.ok(jest.sniff!(source(fixtureText('jest', 'failures'))));
    assert.ok(!jest.sniff!(source(fixtureText('vitest', 'green').replace(/\x1b\[[0-9;]*m/g, ''))));
  });

  it('declines empty and truncated output', () => {
    assert.equal(runCompressor(jest, '', engines), undefined);
    const text = fixtureText('jest', 'failures');
    assert.equal(runCompressor(jest, text.slice(0, text.indexOf('Test Suites:')), engines), undefined);
    // Only the tail (`| tail -20`): the summary is there but the failures are not.
    assert.equal(runCompressor(jest, text.split('\n').slice(-20).join('\n'), engines), undefined);
  });

  it('declines when the failure counts do not match the blocks', () => {
    const text = fixtureText('jest', 'failures');
    assert.equal(runCompressor(jest, text.replace('Tests:       5 failed', 'Tests:       6 failed'), engines), undefined);
    assert.equal(runCompressor(jest, text.replace('Test Suites: 1 failed', 'Test Suites: 2 failed'), engines), undefined);
  });

  it('keeps each FAIL file with its blocks and the first project frames, leaves out the code excerpts', () => {
    const input = fixtureText('jest', 'failures');
    const result = compressAs(input, 'npx jest', engines);
    assert.equal(result.compressor, 'jest');
    assert.ok(result.text.startsWith('FAIL __tests__/cart.test.js\n\n  ● total › rounds to cents'));
    assert.equal(result.text.match(/ {2}● /g)?.length, 5);
    assert.ok(!result.text.includes('> 11 |'));
    assert.ok(result.text.includes('      at map (cart.js:18:73)\n      at Object.lineItems (__tests__/cart.test.js:39:10)'));
    assert.ok(!result.text.includes('PASS __tests__/inventory.test.js'));
    assert.ok(!result.text.includes('Snapshots:   0 total'));
    assert.match(result.text, /8 PASS lines, time, 33 excerpt lines; all 5 failing tests shown; grep "PASS"\]\nTest Suites: 1 failed, 8 passed, 9 total\nTests: {7}5 failed/);
    assertRedeemable(result, input);
  });

  it('shows the source excerpt of a suite that failed to run, and each failure once', () => {
    const result = compressAs(fixtureText('jest', 'suites-failed-to-run'), 'npx jest', engines);
    assert.ok(result.text.includes('    > 6 |     expect(total(rows)).toBe(2;'));
    assert.equal(result.text.match(/● total › rounds to cents/g)?.length, 1);
    assert.match(result.text, /the repeated failure summary/);
    assert.match(result.text, /all 5 failing tests shown, 2 suites that failed to run; grep "PASS"\]/);
  });

  it('keeps console.error output and unknown lines, counts console.log', () => {
    const input = [
      'PASS src/a.test.js', '  ● Console', '', '    console.log', '      just chatter', '', '      at Object.log (src/a.test.js:3:13)', '',
      'PASS src/b.test.js', '  ● Console', '', '    console.error', '      Warning: An update to App inside a test was not wrapped in act(...)', '',
      ...Array.from({ length: 30 }, (_, i) => `PASS src/c${i}.test.js`), '',
      'Jest did not exit one second after the test run has completed.', '',
      'Test Suites: 32 passed, 32 total', 'Tests:       90 passed, 90 total', 'Snapshots:   0 total', 'Time:        3.1 s', 'Ran all test suites.', '',
    ].join('\n');
    const text = runCompressor(jest, input, engines)!.text;
    assert.ok(text.includes('Warning: An update to App inside a test was not wrapped in act(...)'));
    assert.ok(text.includes('Jest did not exit one second after the test run has completed.'));
    assert.ok(!text.includes('just chatter'));
    assert.match(text, /32 PASS lines, 1 console\.log block, time; no failures/);
  });

  it('keeps what an older npm prints after the failed script', () => {
    const input = `${fixtureText('jest', 'failures')}npm ERR! Test failed.  See above for more details.\n`;
    const result = compressAs(input, 'npm test', engines);
    assert.equal(result.compressor, 'jest');
    assert.ok(result.text.endsWith('Tests:       5 failed, 1 skipped, 1 todo, 93 passed, 100 total\nnpm ERR! Test failed.  See above for more details.'));
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('jest', 'verbose-failures').replace(/\x1b\[[0-9;]*m/g, '');
    assert.equal(withoutIds(compressAs(colour(input), 'jest', engines).text), withoutIds(compressAs(input, 'jest', engines).text));
  });

  it('survives a pathological block', () => {
    const input = `FAIL a.test.js\n  ● x\n${'    at ('.repeat(5000)}\n${'> 1 |'.repeat(20000)}\nTest Suites: 1 failed, 1 total\nTests:       1 failed, 1 total\n`;
    assert.ok(runCompressor(jest, input, engines)?.text.includes('  ● x'));
  });
});
