// cargo fetch / update / add: downloads counted, retries shown once, errors with their causes kept.
import assert from 'node:assert/strict';
import { cargoFetch } from '../../../src/compressors/shell/cargoFetch';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('cargoFetch', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims cargo\'s package-manager subcommands, not build, test or install', () => {
    for (const c of ['cargo fetch', 'cargo update -p serde', 'cargo generate-lockfile', 'cargo add tokio --features full', 'cargo vendor', 'cargo +nightly fetch']) assert.ok(cargoFetch.matches!(commandOf(c)), c);
    for (const c of ['cargo build', 'cargo test', 'cargo install ripgrep', 'cargo run', 'npm install']) assert.ok(!cargoFetch.matches!(commandOf(c)), c);
  });

  it('counts the Downloaded lines and keeps the lock line', () => {
    const input = fixtureText('cargoFetch', 'fetch');
    const result = compressAs(input, 'cargo fetch', engines);
    const downloaded = input.split('\n').filter((l) => l.startsWith('  Downloaded ')).length;
    assert.ok(result.text.includes(`  Downloaded ${downloaded} crates (names and versions cut below)`));
    assert.ok(result.text.includes('Locking 65 packages'));
    assertRedeemable(result, input);
  });

  it('keeps an error with every cause and shows the retry warning once', () => {
    const input = fixtureText('cargoFetch', 'registry-unreachable');
    const result = compressAs(input, 'cargo fetch', engines);
    assert.equal(result.text.match(/^warning: spurious network error/gm)?.length, 1);
    assert.equal(result.text.match(/^Caused by:$/gm)?.length, 3);
  });

  it('keeps Compiling lines of local crates and a new retry reason', () => {
    const input = ['    Updating git repository `https://example.invalid/a`', '   Compiling serde v1.0.152', '   Compiling libc v0.2.139', '   Compiling app v0.1.0 (/tmp/app)', 'warning: spurious network error (2 tries remaining): timeout', 'warning: spurious network error (1 try remaining): connection reset', ''].join('\n');
    const draft = runCompressor(cargoFetch, input, engines);
    assert.ok(!draft || draft.text.includes('Compiling app v0.1.0 (/tmp/app)'));
    assert.ok(!draft || draft.text.includes('connection reset'));
  });

  it('declines other text', () => {
    assert.equal(runCompressor(cargoFetch, '', engines), undefined);
    assert.equal(runCompressor(cargoFetch, 'just some text\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(cargoFetch, `  Downloaded ${'x'.repeat(100_000)} v${'1'.repeat(50_000)}\n`, engines));
  });
});
