// Gradle: javac's diagnostics inside Gradle's framing; the failure report stays, the advice goes.
import assert from 'node:assert/strict';
import { gradle } from '../../../src/compressors/shell/gradle';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

describe('gradle', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims gradle and the wrapper', () => {
    for (const raw of ['gradle build', './gradlew compileJava --offline', 'gradlew.bat test']) assert.ok(gradle.matches!(command(raw)), raw);
    assert.ok(!gradle.matches!(command('mvn compile')));
  });

  it('sniffs a Gradle build result', () => {
    assert.ok(gradle.sniff!(source(fixture('gradle', 'xlint-warnings-errors'))));
    assert.ok(!gradle.sniff!(source('BUILD FAILED in 2s\n')));
  });

  it('declines output that is not Gradle\'s', () => {
    assert.equal(runAlone(gradle, '', engines), undefined);
    assert.equal(runAlone(gradle, 'hello\n', engines), undefined);
  });

  it('reads the error glued to the task name and keeps the failure report', () => {
    const input = fixture('gradle', 'xlint-warnings-errors');
    const result = compressWith(input, './gradlew compileJava', engines);
    assert.equal(result.compressor, 'gradle');
    assert.deepEqual(missingLines(input, result.text, /: error: |^\d+ (?:errors|warnings)$|^BUILD FAILED|What went wrong|^> Compilation failed/), []);
    assert.match(result.text, /omitted 5 lines L\d+-\d+: 5 lines of Gradle advice/);
    redeem(result);
  });

  it('marks task lines of a larger build in bulk', () => {
    const tasks = [':compileJava UP-TO-DATE', ':processResources NO-SOURCE', ':classes UP-TO-DATE', ':jar UP-TO-DATE', ':assemble UP-TO-DATE', ':compileTestJava NO-SOURCE', ':test NO-SOURCE', ':check UP-TO-DATE', ':build UP-TO-DATE'];
    const input = [...tasks, '', 'BUILD SUCCESSFUL in 1s', '4 actionable tasks: 4 up-to-date', ''].join('\n');
    const draft = runAlone(gradle, input, engines)!;
    assert.match(draft.text, /omitted 10 lines L1-10: 9 task lines\]/);
    assert.ok(draft.text.includes('BUILD SUCCESSFUL in 1s'));
  });
});
