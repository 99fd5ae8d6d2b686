// javac: claims, declines, keeps every error with its symbol/location lines, groups -Xlint warnings by category.
import assert from 'node:assert/strict';
import { javac } from '../../../src/compressors/shell/javac';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

// Real javac 17 output for a syntax error: it stops before type checking.
const SYNTAX = `src/main/java/com/example/inventory/Store.java:38: error: ';' expected
        return items.size()
                           ^
1 error
`;

describe('javac', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims javac only', () => {
    assert.ok(javac.matches!(command('javac -Xlint:all -d out $(find src -name "*.java")')));
    assert.ok(!javac.matches!(command('java -jar app.jar')));
  });

  it('sniffs javac output by its count lines', () => {
    assert.ok(javac.sniff!(source(fixture('javac', 'xlint-warnings-errors'))));
    assert.ok(!javac.sniff!(source('3 errors\n')));
  });

  it('declines output without diagnostics and keeps a lone error as it is', () => {
    assert.equal(runAlone(javac, '', engines), undefined);
    assert.equal(runAlone(javac, 'Usage: javac <options> <source files>\n', engines), undefined);
    assert.equal(runAlone(javac, SYNTAX, engines)!.text, SYNTAX);
  });

  it('keeps every error with its detail lines and the counts; warnings grouped by category', () => {
    const input = fixture('javac', 'xlint-warnings-errors');
    const result = compressWith(input, 'javac -Xlint:all -d out Store.java', engines);
    assert.equal(result.compressor, 'javac');
    assert.deepEqual(missingLines(input, result.text, /: error: |^\d+ (?:errors|warnings)$|symbol: |location: class Report/), []);
    assert.match(result.text, /headroom: 20 warnings in 5 rules: \[rawtypes\] 11, \[unchecked\] 6/);
    redeem(result);
  });

  it('keeps every warning when -Xmaxwarns hid some (the counts disagree)', () => {
    const input = fixture('javac', 'xlint-warnings-errors').replace(/^20 warnings$/m, '100 warnings');
    assert.equal(runAlone(javac, input, engines)!.text, input);
  });
});
