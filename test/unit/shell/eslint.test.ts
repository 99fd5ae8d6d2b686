// eslint (stylish, compact): claims, declines, never hides an error, checks the problem counts.
import assert from 'node:assert/strict';
import { eslint } from '../../../src/compressors/shell/eslint';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

function stylish(warnings: number, errorsAt: number[], summary?: string): string {
  const lines = ['', '/p/src/a.ts'];
  let errors = 0;
  for (let i = 1; i <= warnings + errorsAt.length; i++) {
    if (errorsAt.includes(i)) {
      errors++;
      lines.push(`  ${i}:5  error    Unexpected 'debugger' statement  no-debugger`);
    } else lines.push(`  ${i}:3  warning  Unexpected console statement   no-console`);
  }
  lines.push('', summary ?? `✖ ${warnings + errors} problems (${errors} errors, ${warnings} warnings)`, '');
  return lines.join('\n');
}

describe('eslint', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims eslint with stylish or compact output, never -f json', () => {
    for (const raw of ['eslint .', 'npx eslint src', 'pnpm exec eslint --max-warnings 0 .', 'npx eslint -f compact src', 'eslint --format=stylish .']) assert.ok(eslint.matches!(command(raw)), raw);
    for (const raw of ['eslint -f json .', 'npx eslint --format json src', 'eslint --format=json .', 'eslint -fjson .', 'eslint -f junit .', 'prettier --check .']) assert.ok(!eslint.matches!(command(raw)), raw);
  });

  it('sniffs stylish output by its problem line', () => {
    assert.ok(eslint.sniff!(source(fixture('eslint', 'stylish-warnings-errors'))));
    assert.ok(eslint.sniff!(source(fixture('eslint', 'compact-warnings-errors'))));
    assert.ok(!eslint.sniff!(source('✖ 3 problems (1 error, 2 warnings)\n')));
    assert.ok(!eslint.sniff!(source('3 problems\n')));
  });

  it('declines text that is not stylish or compact', () => {
    assert.equal(runAlone(eslint, '', engines), undefined);
    assert.equal(runAlone(eslint, '[{"filePath":"/p/a.ts","messages":[]}]', engines), undefined);
    assert.equal(runAlone(eslint, 'Oops! Something went wrong! :(\n\nESLint: 9.39.5\n', engines), undefined);
  });

  it('keeps every error and the summary, groups the warnings, and stashes exactly the dropped ones', () => {
    const input = stylish(60, [7, 33, 61]);
    const result = compressWith(input, 'npx eslint src', engines);
    assert.equal(result.compressor, 'eslint');
    assert.deepEqual(missingLines(input, result.text, /  error  |problems \(/), []);
    assert.ok(result.text.includes('headroom: 60 warnings in 1 rule: no-console 60'));
    const [stash] = redeem(result);
    assert.equal(stash.split('\n').length, 60, 'the 59 dropped warnings (one example is left beside the errors) under their file name');
    assert.equal(stash.split('\n')[0], '/p/src/a.ts');
    assert.ok(result.tokensAfter < result.tokensBefore / 3);
  });

  it('keeps every warning when the summary counts more than it can see', () => {
    const input = stylish(20, [3], '✖ 24 problems (1 error, 23 warnings)');
    const draft = runAlone(eslint, input, engines)!;
    assert.equal(draft.text, input.replace(/\n$/, '\n'));
  });

  it('checks compact output against its total', () => {
    const compact = fixture('eslint', 'compact-warnings-errors');
    const wrong = compact.replace(/^91 problems$/m, '95 problems');
    assert.equal(runAlone(eslint, wrong, engines)!.text, wrong);
    const result = compressWith(compact, 'npx eslint -f compact src', engines);
    assert.deepEqual(missingLines(compact, result.text, /, Error - |^\d+ problems$/), []);
  });

  it('keeps a parse error, which has no rule name', () => {
    const input = ['/p/src/broken.ts', "  3:1  error  Parsing error: ';' expected", ...stylish(30, []).split('\n').slice(2)].join('\n').replace('(0 errors, 30 warnings)', '(1 error, 30 warnings)').replace('✖ 30 problems', '✖ 31 problems');
    const out = runAlone(eslint, input, engines)!.text;
    assert.ok(out.includes("  3:1  error  Parsing error: ';' expected"));
  });

  it('handles a pathological line quickly', () => {
    const line = `  1:1  warning  ${' '.repeat(50_000)}x${'  a'.repeat(20_000)}`;
    const draft = runAlone(eslint, `/p/a.ts\n${line}\n\n✖ 1 problem (0 errors, 1 warning)\n`, engines);
    assert.ok(draft);
  });
});
