// npm / pnpm / yarn install: what it claims, what it keeps (every deprecated package@version, peer
// conflicts, errors, audit, summary), what it cuts, and when it declines.
import assert from 'node:assert/strict';
import { npmInstall } from '../../../src/compressors/shell/npmInstall';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('npmInstall', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims installs of npm, pnpm and yarn, not their other commands', () => {
    for (const c of ['npm install', 'npm i express', 'npm ci', 'npm --prefix app install', 'pnpm add -D vitest', 'pnpm install', 'pnpm', 'yarn', 'yarn add react', 'npx pnpm i', 'sudo npm install -g typescript 2>&1 | tail -40']) assert.ok(npmInstall.matches!(commandOf(c)), c);
    for (const c of ['npm test', 'npm run build', 'npm ls', 'pnpm test', 'yarn test', 'yarn list', 'npm view react versions', 'pip install x']) assert.ok(!npmInstall.matches!(commandOf(c)), c);
  });

  it('folds every deprecation warning into one line that names each package@version', () => {
    const input = fixtureText('npmInstall', 'deprecations-audit');
    const result = compressAs(input, 'npm install', engines);
    assert.equal(result.compressor, 'npmInstall');
    const specs = [...input.matchAll(/^npm warn deprecated (\S+): /gm)].map((m) => m[1]);
    assert.equal(specs.length, 12);
    const folded = result.text.split('\n').find((line) => line.startsWith('npm warn deprecated (12 packages): '));
    assert.ok(folded, result.text);
    for (const spec of specs) assert.ok(folded.includes(spec), spec);
    assert.match(result.text, /omitted 12 lines L1-12: deprecation messages\]/);
    assert.ok(result.text.includes('3 vulnerabilities (1 moderate, 2 critical)'));
    assertRedeemable(result, input);
  });

  it('counts a package deprecated twice once (yarn names the chain that pulled it in)', () => {
    const input = fixtureText('npmInstall', 'yarn-add');
    const result = compressAs(input, 'yarn add', engines);
    assert.match(result.text, /^warning deprecated \(12 packages, 13 warnings\): /m);
    assert.equal(result.text.match(/abab@2\.0\.6/g)?.length, 1);
    assert.match(result.text, /info All dependencies: 200 packages/);
    assert.ok(result.text.includes('warning " > react-dom@17.0.2" has incorrect peer dependency "react@17.0.2".'));
    assertRedeemable(result, input);
  });

  it('turns each ERESOLVE override report into one line with its four facts', () => {
    const input = fixtureText('npmInstall', 'force-peer-conflicts');
    const result = compressAs(input, 'npm install --force', engines);
    const reports = result.text.split('\n').filter((line) => line.startsWith('npm warn ERESOLVE overriding peer dependency: '));
    assert.equal(reports.length, 4);
    assert.ok(reports[0].includes('while resolving @testing-library/react@12.1.5; found react@18.3.1; could not resolve peer react@"<18.0.0" from @testing-library/react@12.1.5; conflicting peer dependency react@17.0.2'));
    assertRedeemable(result, input);
  });

  it('keeps an ERESOLVE report whole when it does not have the usual shape', () => {
    const report = ['npm warn ERESOLVE overriding peer dependency', 'npm warn While resolving: a@1.0.0', 'npm warn Found: b@2.0.0', 'npm warn', 'npm warn Something new: c@3'];
    const input = [...report, ...Array.from({ length: 30 }, (_, i) => `npm http fetch GET 200 https://registry.invalid/p${i} 5ms (cache miss)`), '', 'added 3 packages in 1s', ''].join('\n');
    const draft = runCompressor(npmInstall, input, engines)!;
    for (const line of report) assert.ok(draft.text.includes(line), line);
  });

  it('keeps errors whole and declines an error-only log it cannot shorten', () => {
    const e404 = ['npm error code E404', 'npm error 404 Not Found - GET https://registry.invalid/@scope%2fmissing', 'npm error 404', "npm error 404  The requested resource '@scope/missing@*' could not be found or you do not have permission to access it.", 'npm error A complete log of this run can be found in: /home/dev/.npm/_logs/debug-0.log', ''].join('\n');
    assert.equal(runCompressor(npmInstall, e404, engines), undefined);
    const withNoise = ['npm http fetch GET 404 https://registry.invalid/@scope%2fmissing 120ms (cache skip)', ...Array.from({ length: 20 }, () => 'npm timing idealTree Completed in 52ms'), e404].join('\n');
    const draft = runCompressor(npmInstall, withNoise, engines)!;
    for (const line of e404.split('\n').filter(Boolean)) assert.ok(draft.text.includes(line), line);
  });

  it('keeps pnpm\'s final progress counts and peer-issue tree, cuts earlier progress in one range with the deprecations', () => {
    const input = fixtureText('npmInstall', 'pnpm-add-peer-issues');
    const result = compressAs(input, 'pnpm add', engines);
    assert.ok(result.text.includes('Progress: resolved 398, reused 251, downloaded 147, added 147, done'));
    assert.ok(!result.text.includes('Progress: resolved 242,'));
    assert.ok(result.text.includes('│ └── ✕ unmet peer react@17.0.2: found 18.3.1'));
    // The folded deprecation line comes first, then one marker for the first six lines (progress and deprecations).
    assert.match(result.text, /^WARN\s{2}deprecated \(2 packages\): eslint@8\.57\.1, request@2\.88\.2\n\[hr:[0-9a-f]{12} omitted 6 lines L1-6: /);
    assertRedeemable(result, input);
  });

  it('keeps a short cut when its marker would cost more tokens than the lines', () => {
    const input = fixtureText('npmInstall', 'deprecations-audit');
    const result = compressAs(input, 'npm install', engines);
    assert.ok(result.text.includes('43 packages are looking for funding\n  run `npm fund` for details'));
  });

  it('declines text that is not an install log, and empty or binary-looking input', () => {
    assert.equal(runCompressor(npmInstall, '', engines), undefined);
    assert.equal(runCompressor(npmInstall, 'hello\nworld\n'.repeat(50), engines), undefined);
    assert.equal(runCompressor(npmInstall, '\u0000\u0001\u0002'.repeat(500), engines), undefined);
  });

  it('handles a huge log and pathological lines without trouble', () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => `npm http fetch GET 200 https://registry.invalid/p${i} 5ms (cache miss)`).join('\n') + '\nadded 1 package in 1s\n';
    const draft = runCompressor(npmInstall, huge, engines)!;
    assert.ok(draft.text.length < 500);
    const nasty = `warning ${'a > '.repeat(20_000)}x@1.0.0: ${'@'.repeat(20_000)}\nnpm warn deprecated ${'a@'.repeat(30_000)}\n`;
    assert.doesNotThrow(() => runCompressor(npmInstall, nasty, engines));
  });
});
