// apt / apt-get: package lists, counts and errors kept; download and dpkg progress cut.
import assert from 'node:assert/strict';
import { apt } from '../../../src/compressors/shell/apt';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('apt', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims apt and apt-get operations, not queries', () => {
    for (const c of ['apt-get install -y tree', 'sudo apt install ripgrep', 'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 upgrade', 'apt-get -s upgrade', 'apt update', 'apt-get remove --purge foo']) assert.ok(apt.matches!(commandOf(c)), c);
    for (const c of ['apt-cache search rust', 'apt list --upgradable', 'apt show tree', 'dpkg -l']) assert.ok(!apt.matches!(commandOf(c)), c);
  });

  it('keeps every NEW package and the summary of a big install', () => {
    const input = fixtureText('apt', 'install-many');
    const result = compressAs(input, 'apt-get install -y librust-clap-dev', engines);
    const start = input.indexOf('The following NEW packages will be installed:\n');
    const list = input.slice(start).split('\n').slice(1).filter((l) => l.startsWith('  ')).join(' ').trim().split(/\s+/);
    assert.equal(list.length, 161);
    for (const name of list) assert.ok(result.text.includes(name), name);
    assert.ok(!result.text.includes('Unpacking '));
    assert.ok(result.tokensAfter < result.tokensBefore / 10);
    assertRedeemable(result, input);
  });

  it('keeps errors and dpkg failures among the progress', () => {
    const input = ['Reading package lists...', 'Setting up a (1.0) ...', 'Setting up b (2.0) ...', 'dpkg: error processing package c (--configure):', ' installed c package post-installation script subprocess returned error exit status 1', 'Setting up d (1.0) ...', 'Errors were encountered while processing:', ' c', 'E: Sub-process /usr/bin/dpkg returned an error code (1)', ''].join('\n');
    const draft = runCompressor(apt, input, engines)!;
    for (const line of input.split('\n').filter((l) => !l.startsWith('Setting up') && l !== '')) assert.ok(draft.text.includes(line), line);
  });

  it('writes each Inst line of a simulation without the archive and architecture said once, every line recoverable', () => {
    const input = fixtureText('apt', 'upgrade-simulated');
    const result = compressAs(input, 'apt-get -s upgrade', engines);
    const said = /^\(Inst lines: an archive not shown is (.+); an architecture not shown is (\[\S+\])\) \[hr:[0-9a-f]{12} elided \d+ lines: Inst lines as printed\]$/m.exec(result.text);
    assert.ok(said, 'the shared archive and architecture are said once');
    const rebuilt = result.text.split('\n').filter((l) => l.startsWith('Inst ')).map((l) => {
      const m = /^Inst (\S+) (\[[^\]]+\] )?\((\S+)((?: [^()[\]]+)?)((?: \[[^\]]+\])?)\)(.*)$/.exec(l)!;
      return `Inst ${m[1]} ${m[2] ?? ''}(${m[3]} ${m[4] ? m[4].trim() : said[1]} ${m[5] ? m[5].trim() : said[2]})${m[6]}`;
    });
    assert.deepEqual(rebuilt, input.split('\n').filter((l) => l.startsWith('Inst ')));
    // The list of packages to upgrade is cut: each of its names has its Inst line.
    assert.ok(!result.text.includes('The following packages will be upgraded:'));
    assert.ok(result.text.includes('113 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.'));
    assertRedeemable(result, input);
  });

  it('keeps a package list that names a package without an Inst line', () => {
    const inst = Array.from({ length: 12 }, (_, i) => `Inst p${i} [1.0] (1.1 Debian:12.15/oldstable [amd64])`);
    const input = ['Reading package lists...', 'The following packages will be upgraded:', `  ${inst.map((_, i) => `p${i}`).join(' ')} extra`, '13 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.', ...inst, ''].join('\n');
    const draft = runCompressor(apt, input, engines)!;
    assert.ok(draft.text.includes('The following packages will be upgraded:'));
    assert.ok(draft.text.includes(' extra'));
    assert.ok(draft.text.includes('Inst p0 [1.0] (1.1)'));
  });

  it('declines a log with nothing to cut and other text', () => {
    const notFound = ['Reading package lists...', 'Building dependency tree...', 'Reading state information...', 'E: Unable to locate package no-such-package', ''].join('\n');
    assert.equal(runCompressor(apt, notFound, engines), undefined);
    assert.equal(runCompressor(apt, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(apt, `Get:1 ${'x'.repeat(200_000)}\n(Reading database ... ${'5%'.repeat(50_000)}\n`, engines));
    assert.doesNotThrow(() => runCompressor(apt, `${'Inst a [1] (2 x [amd64])\n'.repeat(20)}Inst ${'b'.repeat(100_000)} [${'1 '.repeat(50_000)}(2 ${'x '.repeat(50_000)}\n`, engines));
  });
});
