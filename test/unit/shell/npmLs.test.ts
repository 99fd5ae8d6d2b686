// npm ls trees: every package that appears in its own right kept, problems kept, deduped references
// cut, the drawing replaced by indentation that keeps the same tree.
import assert from 'node:assert/strict';
import { npmLs } from '../../../src/compressors/shell/npmLs';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

/** `name@version` of every non-deduped entry of an npm ls tree, with its depth. */
function entries(text: string, drawn: boolean): string[] {
  return text.split('\n').flatMap((line) => {
    const m = drawn ? /^([│ ]*)[├└]─[┬─] (\S+@\S+)(.*)$/.exec(line) : /^( {2,})(\S+@\S+)(.*)$/.exec(line);
    if (!m || m[3].endsWith(' deduped')) return [];
    return [`${drawn ? m[1].length / 2 : m[1].length / 2 - 1} ${m[2]}${m[3]}`];
  });
}

describe('npmLs', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims npm ls / pnpm ls / yarn list', () => {
    for (const c of ['npm ls', 'npm ls --all', 'npm list react', 'pnpm ls --depth Infinity', 'yarn list']) assert.ok(npmLs.matches!(commandOf(c)), c);
    for (const c of ['npm install', 'ls -la', 'yarn ls', 'npm run ls']) assert.ok(!npmLs.matches!(commandOf(c)), c);
  });

  it('keeps every non-deduped entry at its depth and every problem', () => {
    const input = fixtureText('npmLs', 'all-problems');
    const result = compressAs(input, 'npm ls --all', engines);
    assert.deepEqual(entries(result.text, false), entries(input, true));
    for (const line of input.split('\n').filter((l) => /UNMET|invalid|extraneous|npm error/.test(l))) assert.ok(result.text.includes(line.replace(/^[│ ├└─┬]+/, '')), line);
    const deduped = input.split('\n').filter((l) => l.endsWith(' deduped')).length;
    assert.match(result.text, new RegExp(`omitted ${deduped} lines: "deduped" references`));
    assertRedeemable(result, input);
  });

  it('reads yarn\'s three-column drawing', () => {
    const input = ['yarn list v1.22.22', '├─ a@1.0.0', '│  ├─ b@2.0.0', '│  └─ c@3.0.0', '└─ d@4.0.0', '   └─ e@5.0.0', 'Done in 0.2s.', ''].join('\n');
    const draft = runCompressor(npmLs, input, engines)!;
    assert.equal(draft.text, ['yarn list v1.22.22', '  a@1.0.0', '    b@2.0.0', '    c@3.0.0', '  d@4.0.0', '    e@5.0.0', 'Done in 0.2s.', ''].join('\n'));
  });

  it('declines what is not a consistent tree', () => {
    assert.equal(runCompressor(npmLs, '', engines), undefined);
    assert.equal(runCompressor(npmLs, 'dep@1.0.0 /p\n(empty)\n', engines), undefined);
    assert.equal(runCompressor(npmLs, 'x@1 /p\n├── a@1\n│   │ ├── b@1\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(npmLs, `x@1 /p\n${'│ '.repeat(50_000)}├── a@1\n├── b@1\n`, engines));
  });
});
