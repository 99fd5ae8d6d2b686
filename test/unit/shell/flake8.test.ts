// flake8 / pycodestyle: claims, declines, keeps E9/F82 violations, checks --count and --statistics.
import assert from 'node:assert/strict';
import { flake8 } from '../../../src/compressors/shell/flake8';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

describe('flake8', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims flake8 and pycodestyle', () => {
    for (const raw of ['flake8', 'flake8 --max-line-length 100 src', 'python -m flake8 .', 'pycodestyle app.py', 'poetry run flake8']) assert.ok(flake8.matches!(command(raw)), raw);
    for (const raw of ['pylint src', 'ruff check .', 'black --check .']) assert.ok(!flake8.matches!(command(raw)), raw);
  });

  it('sniffs a page of flake8 lines, not ruff concise output with fix marks', () => {
    assert.ok(flake8.sniff!(source(fixture('flake8', 'plain-violations'))));
    assert.ok(!flake8.sniff!(source(fixture('ruff', 'concise-violations'))));
    assert.ok(!flake8.sniff!(source('a.py:1:1: E501 line too long\n')));
  });

  it('declines output without violations', () => {
    assert.equal(runAlone(flake8, '', engines), undefined);
    assert.equal(runAlone(flake8, '0\n', engines), undefined);
  });

  it('keeps syntax errors and undefined names, groups the rest, stashes them', () => {
    const input = fixture('flake8', 'plain-violations');
    const result = compressWith(input, 'flake8 inventory', engines);
    assert.equal(result.compressor, 'flake8');
    assert.deepEqual(missingLines(input, result.text, / (?:E9\d\d|F82\d|F63\d|F7\d\d) /), []);
    const [stash] = redeem(result);
    assert.equal(stash.split('\n').length + result.text.split('\n').filter((l) => !l.startsWith('headroom:') && / [EWFC]\d+ /.test(l)).length, input.trim().split('\n').length);
  });

  it('checks the listed violations against --count and --statistics', () => {
    const input = fixture('flake8', 'show-source-statistics');
    assert.notEqual(runAlone(flake8, input, engines)!.text, input);
    const wrongCount = input.replace(/\n59\n$/, '\n60\n');
    assert.equal(runAlone(flake8, wrongCount, engines)!.text, wrongCount);
    const result = compressWith(input, 'flake8 --show-source --statistics --count inventory', engines);
    assert.deepEqual(missingLines(input, result.text, /^\d+ +[EFW]\d+ |^59$/), []);
  });
});
