// cargo build/check/clippy and rustc: claims, declines, keeps every error block, marks progress, checks counts.
import assert from 'node:assert/strict';
import { cargoBuild } from '../../../src/compressors/shell/cargoBuild';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

const unused = (i: number) => [`warning: unused variable: \`v${i}\``, `  --> src/lib.rs:${i}:9`, '   |', `${i} |     let v${i} = 1;`, `   |         ^^ help: if this is intentional, prefix it with an underscore: \`_v${i}\``, ''];

describe('cargoBuild', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims cargo build/check/clippy and rustc, not cargo test or run', () => {
    for (const raw of ['cargo build', 'cargo +nightly check --all-targets', 'cargo clippy -- -D warnings', 'RUSTFLAGS=-Dwarnings cargo b --release', 'time cargo c', 'rustc src/main.rs', 'cargo rustc -- -Zprint']) assert.ok(cargoBuild.matches!(command(raw)), raw);
    for (const raw of ['cargo test', 'cargo run', 'cargo fmt --check', 'cargo --version']) assert.ok(!cargoBuild.matches!(command(raw)), raw);
  });

  it('sniffs rustc diagnostics, not a test run', () => {
    assert.ok(cargoBuild.sniff!(source(fixture('cargoBuild', 'build-errors-warnings'))));
    assert.ok(!cargoBuild.sniff!(source('running 3 tests\ntest a ... ok\n\ntest result: ok. 3 passed; 0 failed\n')));
  });

  it('declines output with neither diagnostics nor progress, and leaves a lone error as it is', () => {
    assert.equal(runAlone(cargoBuild, '', engines), undefined);
    assert.equal(runAlone(cargoBuild, 'Hello, world!\n', engines), undefined);
    assert.equal(runAlone(cargoBuild, 'error: no such command: `biuld`\n', engines)!.text, 'error: no such command: `biuld`\n');
  });

  it('keeps every error with its location and cargo\'s closing lines in the real fixtures', () => {
    for (const name of ['build-errors-warnings', 'build-deps-warnings-error', 'clippy-warnings']) {
      const input = fixture('cargoBuild', name);
      const result = compressWith(input, 'cargo build', engines);
      assert.equal(result.compressor, 'cargoBuild', name);
      assert.deepEqual(missingLines(input, result.text, /^error|^warning: `|^ +Finished|rustc --explain/), [], name);
      for (const [i, line] of input.split('\n').entries()) if (/^error\[/.test(line)) assert.ok(result.text.includes(input.split('\n')[i + 1]), `location of ${line}`);
      redeem(result);
    }
  });

  it('marks dependency progress with its line range', () => {
    const result = compressWith(fixture('cargoBuild', 'build-deps-warnings-error'), 'cargo build', engines);
    assert.match(result.text, /^\[hr:[0-9a-f]{12} omitted 70 lines L1-70: 1 Locking lines; 36 Adding lines; 33 Compiling lines\]$/m);
  });

  it('keeps every warning when cargo counted more warnings than were printed', () => {
    const lines = [...Array.from({ length: 9 }, (_, i) => unused(i + 1)).flat(), 'warning: `x` (lib) generated 10 warnings', ''];
    assert.equal(runAlone(cargoBuild, lines.join('\n'), engines)!.text, lines.join('\n'));
  });

  it('groups warnings when the counts agree, and does not count duplicates it cannot see', () => {
    const lines = [...Array.from({ length: 9 }, (_, i) => unused(i + 1)).flat(), 'warning: `x` (lib) generated 9 warnings', ''];
    const out = runAlone(cargoBuild, lines.join('\n'), engines)!.text;
    assert.equal(out.split('\n').filter((l) => l.startsWith('warning: unused variable')).length, 3);
    const dup = lines.join('\n').replace('generated 9 warnings', 'generated 12 warnings (3 duplicates)');
    assert.notEqual(runAlone(cargoBuild, dup, engines)!.text, dup);
  });

  it('leaves rustc\'s per-lint boilerplate out of warning examples (kept in the stash), but not the suggestions', () => {
    const input = fixture('cargoBuild', 'clippy-warnings');
    const result = compressWith(input, 'cargo clippy', engines);
    assert.ok(!result.text.includes('on by default'));
    assert.ok(!result.text.includes('for further information visit'));
    assert.ok(result.text.includes("   |                                                             ^^^^^^^^^ help: replace it with: `n += 1`"));
    assert.ok(result.text.includes('help: remove `return`'));
    const stash = redeem(result).find((text) => text.includes('#[warn(clippy::needless_return)]'));
    assert.ok(stash?.includes('   = help: for further information visit https://rust-lang.github.io/rust-clippy/rust-1.95.0/index.html#needless_return'));
    // An error's notes are never boilerplate.
    const error = ['error[E0308]: mismatched types', '  --> src/a.rs:1:5', '   |', '1  |     x', '   |     ^ expected `u32`', '   |', '   = note: `#[warn(unused_variables)]` on by default', ''];
    assert.ok(runAlone(cargoBuild, error.join('\n'), engines)!.text.includes('   = note: `#[warn(unused_variables)]` on by default'));
  });

  it('groups clippy warnings by lint name', () => {
    const result = compressWith(fixture('cargoBuild', 'clippy-warnings'), 'cargo clippy', engines);
    assert.match(result.text, /clippy::needless_return 2/);
  });
});
