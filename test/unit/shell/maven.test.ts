// Maven: errors once, their repeat under "Failed to execute goal" marked only when identical, progress marked.
import assert from 'node:assert/strict';
import { maven } from '../../../src/compressors/shell/maven';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

describe('maven', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims mvn and the wrapper', () => {
    for (const raw of ['mvn -o compile', './mvnw -B verify', 'mvnd package -DskipTests']) assert.ok(maven.matches!(command(raw)), raw);
    assert.ok(!maven.matches!(command('gradle build')));
  });

  it('sniffs a Maven run', () => {
    assert.ok(maven.sniff!(source(fixture('maven', 'package-plugin-unresolved').replace(/\x1b\[[0-9;]*m/g, ''))));
    assert.ok(!maven.sniff!(source('[INFO] hello\n')));
  });

  it('declines output that is not Maven\'s', () => {
    assert.equal(runAlone(maven, '', engines), undefined);
    assert.equal(runAlone(maven, 'hello\nworld\n', engines), undefined);
  });

  it('keeps each error once with its details, BUILD FAILURE and the goal that failed; marks the repeat', () => {
    const input = fixture('maven', 'compile-errors');
    const result = compressWith(input, 'mvn -o compile', engines);
    assert.equal(result.compressor, 'maven');
    assert.deepEqual(missingLines(input, result.text, /^\[ERROR\] \/.*\.java:|BUILD FAILURE|Failed to execute goal|^ {2}symbol: /).filter((l) => !l.startsWith('[ERROR] /') || !result.text.includes(l)), []);
    const repeat = redeem(result).find((text) => text.replace(/\x1b\[[0-9;]*m/g, '').includes('[ERROR]   symbol:'));
    assert.ok(repeat, 'the repeated errors are retrievable');
    assert.equal(result.text.split('\n').filter((l) => l.endsWith('Report.java:[21,28] cannot find symbol')).length, 1);
  });

  it('keeps an error under "Failed to execute goal" that was not listed before', () => {
    const input = ['[INFO] Scanning for projects...', '[ERROR] /p/A.java:[1,1] first', '[INFO] 1 error', '[INFO] BUILD FAILURE', '[ERROR] Failed to execute goal x on project p: Compilation failure:', '[ERROR] /p/A.java:[1,1] first', '[ERROR] /p/B.java:[2,2] second, only here', '[ERROR] -> [Help 1]', ''].join('\n');
    const out = runAlone(maven, input, engines)!.text;
    assert.ok(out.includes('[ERROR] /p/B.java:[2,2] second, only here'));
  });

  it('marks [INFO] progress and keeps other warnings', () => {
    const input = fixture('maven', 'package-plugin-unresolved');
    const result = compressWith(input, 'mvn -o -B package', engines);
    assert.match(result.text, /omitted 12 lines L1-12: 12 progress lines/);
    assert.ok(result.text.includes('[WARNING] The POM for org.apache.commons:commons-lang3:jar:3.1 is missing, no dependency information available'));
    assert.ok(result.tokensAfter < result.tokensBefore * 0.7);
  });
});
