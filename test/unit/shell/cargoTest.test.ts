// cargo test: what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { cargoTest } from '../../../src/compressors/shell/cargoTest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('cargoTest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims cargo test only', () => {
    assert.ok(cargoTest.matches!(commandOf('cargo test --workspace')));
    assert.ok(cargoTest.matches!(commandOf('RUST_BACKTRACE=1 cargo +nightly test')));
    assert.ok(!cargoTest.matches!(commandOf('cargo build')));
    assert.ok(!cargoTest.matches!(commandOf('cargo nextest run')));
  });

  it('sniffs running/test result lines', () => {
    const source = (text: string) => ({ id: 'x', text, lines: text.split('\n') });
    assert.ok(cargoTest.sniff!(source(fixtureText('cargoTest', 'green'))));
    assert.ok(!cargoTest.sniff!(source('test result: ok\n')));
  });

  it('declines empty output, a build error, and a run cut before its result line', () => {
    assert.equal(runCompressor(cargoTest, '', engines), undefined);
    const buildError = [
      '   Compiling shop v0.1.0 (/p)', 'error[E0308]: mismatched types', ' --> tests/refunds.rs:5:23', '  |',
      '5 |     let refund: i64 = -total(&[(100, 1)], 0.0);', '  |                       ^^^ expected `i64`, found `u64`', '',
      'error: could not compile `shop` (test "refunds") due to 1 previous error', '',
    ].join('\n');
    assert.equal(runCompressor(cargoTest, buildError, engines), undefined);
    const text = fixtureText('cargoTest', 'failures-backtrace');
    assert.equal(runCompressor(cargoTest, text.slice(0, text.indexOf('test result:')), engines), undefined);
  });

  it('declines when a binary reports more failures than it names', () => {
    const text = fixtureText('cargoTest', 'failures').replace('102 passed; 4 failed', '102 passed; 5 failed');
    assert.equal(runCompressor(cargoTest, text, engines), undefined);
  });

  it('keeps each failing binary with its blocks, project frames, lists, results and verdicts', () => {
    const input = fixtureText('cargoTest', 'failures-backtrace');
    const result = compressAs(input, 'cargo test', engines);
    assert.equal(result.compressor, 'cargoTest');
    const text = result.text;
    assert.ok(text.startsWith('     Running unittests src/lib.rs'));
    assert.equal(text.match(/^---- .* stdout ----$/gm)?.length, 4);
    assert.ok(!text.includes('core::panicking::panic_fmt'));
    assert.match(text, /stack backtrace:\n {3}4: rust_shop::tests::/);
    assert.match(text, /102 passing tests, build lines, timings, repeated name lists, 42 std\/harness frame lines, 2 repeated hints; all 4 failures shown; grep "\.\.\. ok"\]/);
    assert.ok(!text.includes('test tests::sums_7 ... ok'));
    assert.ok(text.endsWith('error: test failed, to rerun pass `--lib`'));
    assertRedeemable(result, input);
  });

  it('leaves the harness closure below a test\'s frame and repeated RUST_BACKTRACE hints to the overall marker', () => {
    const text = compressAs(fixtureText('cargoTest', 'failures-backtrace'), 'cargo test', engines).text;
    assert.ok(text.includes('   4: rust_shop::tests::rounds_to_cents\n             at ./src/lib.rs:52:9'));
    assert.ok(!text.includes('rust_shop::tests::rounds_to_cents::{{closure}}'));
    assert.equal(text.split('note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.').length, 2, 'the hint once');
    // A closure frame below another function is the project's own code: it stays.
    const own = ['running 1 test', '---- t stdout ----', 'stack backtrace:', '   3: shop::total::{{closure}}', '             at ./src/lib.rs:9:5', '   4: shop::tests::t', '             at ./src/lib.rs:20:9', '', 'failures:', '    t', '', 'test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s', ''].join('\n');
    assert.ok(runCompressor(cargoTest, own, engines)!.text.includes('   3: shop::total::{{closure}}'));
  });

  it('drops a failures: list only when every name in it has a block above', () => {
    const text = compressAs(fixtureText('cargoTest', 'failures'), 'cargo test', engines).text;
    assert.ok(!text.includes('failures:\n    tests::parses_lowercase_family'));
    // `quiet_fail` failed without printing anything: the list is the only place that names it.
    const silent = ['running 2 tests', 'test loud ... FAILED', 'test quiet_fail ... FAILED', '', 'failures:', '', '---- loud stdout ----', "thread 'loud' panicked at src/lib.rs:3:5:", 'boom', '', '', 'failures:', '    loud', '    quiet_fail', '', 'test result: FAILED. 0 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s', ''].join('\n');
    const out = runCompressor(cargoTest, silent, engines)!.text;
    assert.ok(out.includes('failures:\n    loud\n    quiet_fail'));
  });

  it('keeps compiler warnings printed before the tests', () => {
    const input = [
      '   Compiling shop v0.1.0 (/p)', 'warning: unused variable: `x`', ' --> src/lib.rs:3:9', '  |', '3 |     let x = 1;', '  |         ^ help: if this is intentional, prefix it with an underscore: `_x`', '',
      '    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.5s', '     Running unittests src/lib.rs (target/debug/deps/shop-1)', '',
      'running 60 tests', ...Array.from({ length: 60 }, (_, i) => `test tests::case_${i} ... ok`), '',
      'test result: ok. 60 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s', '',
    ].join('\n');
    const text = runCompressor(cargoTest, input, engines)!.text;
    assert.ok(text.includes('warning: unused variable: `x`\n --> src/lib.rs:3:9'));
    assert.match(text, /60 passing tests, build lines, timings; no failures/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('cargoTest', 'failures');
    assert.equal(withoutIds(compressAs(colour(input), 'cargo test', engines).text), withoutIds(compressAs(input, 'cargo test', engines).text));
  });

  it('survives pathological input', () => {
    const input = `running 1 test\n---- a stdout ----\n${'   1: x\n'.repeat(20000)}${' '.repeat(50000)}at ${'/rustc/'.repeat(5000)}:1\nfailures:\n    a\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n`;
    assert.ok(runCompressor(cargoTest, input, engines)?.text.includes('---- a stdout ----'));
  });
});
