// node --test (spec and TAP): what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { nodeTest } from '../../../src/compressors/shell/nodeTest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

const SPEC_SUMMARY = ['ℹ tests 3', 'ℹ suites 0', 'ℹ pass 2', 'ℹ fail 1', 'ℹ cancelled 0', 'ℹ skipped 0', 'ℹ todo 0', 'ℹ duration_ms 12.5'];

function specRun(passing: number, failing: string[], summary = SPEC_SUMMARY): string {
  const lines: string[] = [];
  for (let i = 0; i < passing; i++) lines.push(`✔ case ${i} works (0.${i}ms)`);
  for (const name of failing) lines.push(`✖ ${name} (1.2ms)`, '  AssertionError [ERR_ASSERTION]: boom', `      at TestContext.<anonymous> (/p/a.test.js:${failing.indexOf(name) + 3}:9)`, '      at Test.runInAsyncScope (node:async_hooks:206:9)', '');
  return [...lines, ...summary, ''].join('\n');
}

describe('nodeTest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims node --test and package test scripts, not other node commands', () => {
    assert.ok(nodeTest.matches!(commandOf('node --test')));
    assert.ok(nodeTest.matches!(commandOf('node --test-reporter=spec --test test/')));
    assert.ok(nodeTest.matches!(commandOf('npm test')));
    assert.ok(nodeTest.matches!(commandOf('npm run test:unit 2>&1 | tail -40')));
    assert.ok(nodeTest.matches!(commandOf('yarn test')));
    assert.ok(!nodeTest.matches!(commandOf('node server.js')));
    assert.ok(!nodeTest.matches!(commandOf('npm install')));
    assert.ok(!nodeTest.matches!(commandOf('npm run build')));
  });

  it('sniffs the spec and TAP summaries but not an arbitrary log', () => {
    const lines = (text: string) => ({ id: 'x', text, lines: text.split('\n') });
    assert.ok(nodeTest.sniff!(lines(fixtureText('nodeTest', 'spec-failures'))));
    assert.ok(nodeTest.sniff!(lines(fixtureText('nodeTest', 'tap-failures'))));
    assert.ok(!nodeTest.sniff!(lines('# tests 3\n# pass 3\n# fail 0\nsome other tool\n')));
    assert.ok(!nodeTest.sniff!(lines('INFO started\nERROR failed\n')));
  });

  it('declines empty input and output without a summary (a truncated run)', () => {
    assert.equal(runCompressor(nodeTest, '', engines), undefined);
    const spec = fixtureText('nodeTest', 'spec-failures');
    const cut = spec.slice(0, spec.indexOf('ℹ tests'));
    assert.equal(runCompressor(nodeTest, cut, engines), undefined);
    const tap = fixtureText('nodeTest', 'tap-failures');
    assert.equal(runCompressor(nodeTest, tap.slice(0, tap.indexOf('# tests')), engines), undefined);
  });

  it('declines when the reported failures do not match the failures it can show', () => {
    const claimsMore = specRun(30, ['a fails'], SPEC_SUMMARY.map((l) => (l === 'ℹ fail 1' ? 'ℹ fail 4' : l)));
    assert.equal(runCompressor(nodeTest, claimsMore, engines), undefined);
    const tap = fixtureText('nodeTest', 'tap-failures').replace('# fail 6', '# fail 9');
    assert.equal(runCompressor(nodeTest, tap, engines), undefined);
  });

  it('puts failures first, keeps the project frame, and leaves out runtime frames and passing tests', () => {
    const input = specRun(60, ['parses the port', 'rounds totals'], SPEC_SUMMARY.map((l) => (l === 'ℹ fail 1' ? 'ℹ fail 2' : l)));
    const result = compressAs(input, 'node --test', engines);
    assert.equal(result.compressor, 'nodeTest');
    const text = result.text;
    assert.ok(text.startsWith('✖ parses the port'), text);
    assert.ok(text.includes('at TestContext.<anonymous> (/p/a.test.js:3:9)'));
    assert.ok(!text.includes('✔ case 7 works'));
    assert.ok(!text.includes('node:async_hooks'));
    assert.match(text, /omitted 64 lines: 60 passing tests, suite lines, 2 frame lines; all 2 failures shown; grep "✔"\]/);
    assert.ok(text.endsWith('ℹ duration_ms 12.5'));
    assertRedeemable(result, input);
  });

  it('collapses a green run to one marker line and the summary', () => {
    const summary = ['ℹ tests 80', 'ℹ suites 0', 'ℹ pass 80', 'ℹ fail 0', 'ℹ cancelled 0', 'ℹ skipped 0', 'ℹ todo 0', 'ℹ duration_ms 40'];
    const input = specRun(80, [], summary);
    const result = compressAs(input, 'node --test', engines);
    const lines = result.text.split('\n');
    assert.match(lines[0], /^\[hr:[0-9a-f]{12} omitted 80 lines L1-80: 80 passing tests, suite lines; no failures\]$/);
    assert.deepEqual(lines.slice(1), summary);
  });

  it('lists failing parents by name when fail counts them', () => {
    const result = compressAs(fixtureText('nodeTest', 'spec-failures'), 'node --test', engines);
    for (const parent of ['✖ total (', '✖ parseSku (', '✖ applyCoupon (', '✖ slugify (']) assert.ok(result.text.includes(parent), parent);
    assert.match(result.text, /all 5 failures shown, failing suites and parents by name/);
  });

  it('keeps what a crashing test file printed before the reporter line', () => {
    const result = compressAs(fixtureText('nodeTest', 'spec-crash'), 'node --test', engines);
    assert.ok(result.text.startsWith('node:internal/modules/cjs/loader:1210'));
    assert.ok(result.text.includes("Error: Cannot find module './missing-config.json'"));
  });

  it('keeps what npm prints after a failed script, after the summary', () => {
    const trailer = 'npm error Lifecycle script `test` failed with error:\nnpm error code 1\nnpm error command sh -c node --test\n';
    for (const name of ['tap-failures', 'spec-failures']) {
      const result = compressAs(`${fixtureText('nodeTest', name)}${trailer}`, 'npm test', engines);
      assert.equal(result.compressor, 'nodeTest');
      assert.ok(result.text.endsWith(trailer.trimEnd()), name);
    }
  });

  it('reads coloured output the same as plain output', () => {
    const plain = fixtureText('nodeTest', 'spec-failures');
    const a = compressAs(plain, 'node --test', engines);
    const b = compressAs(colour(plain), 'node --test', engines);
    assert.equal(b.compressor, 'nodeTest');
    assert.equal(withoutIds(b.text), withoutIds(a.text));
  });

  it('handles a huge green TAP run and a pathological line quickly and honestly', () => {
    const points: string[] = ['TAP version 13'];
    for (let i = 1; i <= 20000; i++) points.push(`# Subtest: case ${i}`, `ok ${i} - case ${i}`, '  ---', `  duration_ms: 0.${i}`, '  ...');
    points.push('1..20000', '# tests 20000', '# suites 0', '# pass 20000', '# fail 0', '# cancelled 0', '# skipped 0', '# todo 0', '# duration_ms 900');
    const input = points.join('\n');
    const result = compressAs(input, 'node --test', engines);
    assert.equal(result.compressor, 'nodeTest');
    assert.ok(result.tokensAfter < 150, `${result.tokensAfter} tokens`);
    assert.match(result.text, /20000 passing tests with their YAML/);

    const nasty = `✖ x (1ms)\n  ${'at ('.repeat(20000)}${':1'.repeat(20000)}\n${SPEC_SUMMARY.join('\n')}\n`;
    assert.doesNotThrow(() => runCompressor(nodeTest, nasty, engines));
  });
});
