// go test (plain and -v): what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { goTest } from '../../../src/compressors/shell/goTest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('goTest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims go test but not go test -json or go build', () => {
    assert.ok(goTest.matches!(commandOf('go test ./...')));
    assert.ok(goTest.matches!(commandOf('go test -v -run TestX ./cart')));
    assert.ok(!goTest.matches!(commandOf('go test -json ./...')));
    assert.ok(!goTest.matches!(commandOf('go build ./...')));
  });

  it('declines empty output and output without any package result', () => {
    assert.equal(runCompressor(goTest, '', engines), undefined);
    const text = fixtureText('goTest', 'failures');
    assert.equal(runCompressor(goTest, text.slice(0, text.indexOf('FAIL\texample.com/shop/cart')), engines), undefined);
  });

  it('declines when a failure appears but no package failed (a misread run)', () => {
    const input = ['--- FAIL: TestX (0.00s)', '    x_test.go:3: boom', ...Array.from({ length: 20 }, (_, i) => `ok  \texample.com/p${i}\t0.01s`), ''].join('\n');
    assert.equal(runCompressor(goTest, input, engines), undefined);
  });

  it('keeps failing packages whole without runtime frames, counts the ok packages', () => {
    const input = fixtureText('goTest', 'failures');
    const result = compressAs(input, 'go test ./...', engines);
    assert.equal(result.compressor, 'goTest');
    const text = result.text;
    assert.ok(text.startsWith('--- FAIL: TestRoundsToCents (0.00s)\n    cart_test.go:32:'));
    assert.ok(!text.includes('testing.tRunner.func1.2'));
    assert.ok(text.includes('example.com/shop/cart.TestLineItems(0xc0000b2d00)\n\t/srv/demo/go-shop/cart/cart_test.go:53 +0x13c'));
    assert.ok(!text.includes('ok  \texample.com/shop/internal/catalog'));
    assert.match(text, /13 ok packages, 2 packages without test files, 10 runtime frame lines; all 2 failing packages shown; grep "ok {2}"\]\nFAIL$/);
    assertRedeemable(result, input);
  });

  it('keeps a RUN line only when the test printed under it', () => {
    const text = compressAs(fixtureText('goTest', 'verbose-failures'), 'go test -v ./...', engines).text;
    assert.ok(text.includes('=== RUN   TestDiscount/TENOFF\n    cart_test.go:42:'));
    assert.ok(!text.includes('=== RUN   TestDiscount/HALF'));
    assert.ok(!text.includes('--- PASS: '));
  });

  it('keeps skipped tests of passing packages with their reason', () => {
    const input = [
      '=== RUN   TestA', '--- PASS: TestA (0.00s)', '=== RUN   TestGPU', '    gpu_test.go:9: no GPU on this machine', '--- SKIP: TestGPU (0.00s)', 'PASS',
      ...Array.from({ length: 20 }, (_, i) => `ok  \texample.com/p${i}\t0.01s`), '',
    ].join('\n');
    const text = runCompressor(goTest, input, engines)!.text;
    assert.ok(text.startsWith('    gpu_test.go:9: no GPU on this machine\n--- SKIP: TestGPU (0.00s)'));
    assert.match(text, /20 ok packages, 1 passing test, -v events; no failing packages; grep "--- PASS"\]$/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('goTest', 'verbose-failures');
    assert.equal(withoutIds(compressAs(colour(input), 'go test -v', engines).text), withoutIds(compressAs(input, 'go test -v', engines).text));
  });

  it('survives pathological input', () => {
    const input = `goroutine 1 [running]:\n${'f()\n\t/usr/lib/go/src/x.go:1 +0x1\n'.repeat(20000)}${'\t'.repeat(50000)}.go:1\nFAIL\texample.com/p\t0.01s\n`;
    assert.ok(runCompressor(goTest, input, engines)?.text.includes('FAIL\texample.com/p'));
  });
});
