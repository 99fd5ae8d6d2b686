// ruff check (full and concise): claims, declines, keeps syntax errors and undefined names whole, keeps help lines.
import assert from 'node:assert/strict';
import { ruff } from '../../../src/compressors/shell/ruff';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

describe('ruff', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims ruff check (and the old bare form), not ruff format', () => {
    for (const raw of ['ruff check .', 'ruff check --output-format concise src', 'uv run ruff check', 'python -m ruff check .', 'ruff .', 'ruff']) assert.ok(ruff.matches!(command(raw)), raw);
    for (const raw of ['ruff format .', 'ruff --version', 'flake8 .']) assert.ok(!ruff.matches!(command(raw)), raw);
  });

  it('sniffs the full format by its blocks and closing count', () => {
    assert.ok(ruff.sniff!(source(fixture('ruff', 'full-format-violations'))));
    assert.ok(!ruff.sniff!(source(fixture('cargoBuild', 'clippy-warnings'))));
  });

  it('declines output without violations', () => {
    assert.equal(runAlone(ruff, '', engines), undefined);
    assert.equal(runAlone(ruff, 'All checks passed!\n', engines), undefined);
  });

  it('keeps the syntax error and undefined names whole, a help line per example, and the closing lines', () => {
    const input = fixture('ruff', 'full-format-violations');
    const result = compressWith(input, 'ruff check inventory', engines);
    assert.equal(result.compressor, 'ruff');
    assert.deepEqual(missingLines(input, result.text, /^(?:invalid-syntax|F821)|^Found \d+ errors|fixable with/), []);
    const block = input.split('\n');
    const start = block.indexOf('invalid-syntax: Expected `:`, found newline');
    for (let i = start; block[i] !== ''; i++) assert.ok(result.text.includes(block[i]), block[i]);
    assert.ok(result.text.includes('help: Remove unused import: `os`'));
    const [stash] = redeem(result);
    assert.ok(stash.includes('F401 [*] `json` imported but unused'));
    assert.ok(result.tokensAfter < result.tokensBefore * 0.2);
  });

  it('checks the count: with one violation missing, every one is kept', () => {
    const concise = fixture('ruff', 'concise-violations');
    const wrong = concise.replace('Found 99 errors.', 'Found 100 errors.');
    assert.equal(runAlone(ruff, wrong, engines)!.text, wrong);
    const result = compressWith(concise, 'ruff check --output-format concise inventory', engines);
    assert.deepEqual(missingLines(concise, result.text, /invalid-syntax|F821|^Found/), []);
  });
});
