// ls: long listings keep every name and size with repeated columns said once; name listings (-R)
// go through the directory-listing renderer.
import assert from 'node:assert/strict';
import { ls } from '../../../src/compressors/shell/ls';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

// "-rw-r--r--  1 root root   11988 Feb 11  2024 accessor-pairs.js"
const LONG = /^[-dl][-rwxsStT]{9}\S? +\d+ +\S+ +\S+ +(\S+) +\S+ +\d+ +\S+ (.+)$/;

describe('ls', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims ls unless its format is one this filter does not read', () => {
    for (const c of ['ls -la', 'ls -lah src', 'ls -R', 'ls -lR src | head -200', 'll']) assert.ok(ls.matches!(commandOf(c)), c);
    for (const c of ['ls -m', 'ls -lx', 'ls -g', 'ls -o', 'ls --format=commas', 'lsof']) assert.ok(!ls.matches!(commandOf(c)), c);
  });

  it('keeps every name and size of a long listing, and what differs from the usual', () => {
    const input = fixtureText('ls', 'la-big-directory');
    const result = compressAs(input, 'ls -la src/rules', engines);
    const out = new Set(result.text.split('\n'));
    for (const line of input.split('\n')) {
      const m = LONG.exec(line);
      if (!m || m[2] === '.' || m[2] === '..') continue;
      // A directory of the usual size shows its name only (the usual size is said once at the top).
      const shown = line.startsWith('d') ? [`${m[2]}/`, `${m[2]}/ ${m[1]}`] : [`${m[2]} ${m[1]}`];
      assert.ok([...out].some((o) => shown.some((s) => o === s || o.startsWith(`${s} (`))), line);
    }
    assert.ok(out.has('generate-index.sh 30 (-rwxr-xr-x)'));
    assert.ok(out.has('rules-cache.bin 5242880 (Feb 20 2024)'));
    assertRedeemable(result, input);
  });

  it('samples the big directories of ls -lR: complete counts, notable entries shown, the rest stashed as ls printed them', () => {
    const input = fixtureText('ls', 'lR');
    const result = compressAs(input, 'ls -lR src', engines);
    const originals = new Map(result.originals.map((o) => [o.id, new TextDecoder().decode(o.bytes).split('\n')]));
    const stashed = new Set<string>();
    for (const m of result.markers) if (m.unit === 'items') for (const l of originals.get(m.id)!.slice(m.lines![0] - 1, m.lines![1])) stashed.add(l);
    const out = new Set(result.text.split('\n'));
    for (const line of input.split('\n')) {
      const m = LONG.exec(line);
      if (!m) continue;
      const shown = [...out].some((o) => o === `${m[2]} ${m[1]}` || o.startsWith(`${m[2]} ${m[1]} (`) || o === `${m[2]}/` || o.startsWith(`${m[2]}/ `));
      assert.ok(shown !== stashed.has(line), `shown or stashed, not both: ${line}`);
    }
    assert.ok(out.has('(294 files, 1 dir: 292 *.js)'));
    for (const line of ['generate-index.sh 30 (-rwxr-xr-x)', 'rules-cache.bin 5242880 (Feb 20 2024)', 'utils/', 'letters.js 8131']) assert.ok(out.has(line), line);
    assertRedeemable(result, input);
  });

  it('shows a huge file of a sampled directory', () => {
    const dir = (name: string, files: string[]) => [`${name}:`, 'total 80', ...files, ''];
    const file = (size: number, name: string) => `-rw-r--r-- 1 ada staff ${size} Feb 11 10:15 ${name}`;
    const input = [...dir('a', Array.from({ length: 20 }, (_, i) => file(1000 + i, `m${String(i).padStart(2, '0')}.js`)).concat(file(48_000_000, 'm99.js'))), ...dir('b', [file(5, 'x.txt')])].join('\n');
    const draft = runCompressor(ls, input, engines)!;
    assert.ok(draft.text.includes('m99.js 48000000'));
    assert.ok(!draft.text.includes('m10.js'));
    assert.match(draft.text, /omitted 17 items L1-17: more \*\.js in a\/ \(their ls -l lines\)/);
  });

  it('keeps symlink targets, other owners and special files visible', () => {
    const input = ['total 12', ...Array.from({ length: 12 }, (_, i) => `-rw-r--r-- 1 ada staff ${100 + i} Feb 11 10:15 f${i}.txt`), 'lrwxrwxrwx 1 ada staff 19 Feb 11 10:15 current -> releases/2024-02-11', '-rw------- 1 root root 4096 Feb 11 10:15 secrets.key', 'crw-rw-rw- 1 root root 1, 3 Feb 11 10:15 null', ''].join('\n');
    const draft = runCompressor(ls, input, engines)!;
    assert.ok(draft.text.includes('current -> releases/2024-02-11 19'));
    assert.ok(draft.text.includes('secrets.key 4096 (-rw-------, owner root root)'));
    assert.ok(draft.text.includes('null 1, 3 (crw-rw-rw-, owner root root)'));
  });

  it('keeps ls error lines among a long listing', () => {
    const input = ["ls: cannot access 'missing': No such file or directory", ...Array.from({ length: 12 }, (_, i) => `-rw-r--r-- 1 ada staff ${100 + i} Feb 11 10:15 f${i}.txt`), ''].join('\n');
    assert.ok(runCompressor(ls, input, engines)!.text.startsWith("ls: cannot access 'missing': No such file or directory\n"));
  });

  it('groups an ls -R listing by directory with complete counts', () => {
    const input = fixtureText('ls', 'R');
    const result = compressAs(input, 'ls -R', engines);
    assert.match(result.text, /^\.\/src\/rules\/ \(294 entries, 1 dir: 292 \*\.js\): .*generate-index\.sh rules-cache\.bin/m);
    assertRedeemable(result, input);
  });

  it('always shows executables and symlinks that ls -F marks', () => {
    const input = ['.:', ...Array.from({ length: 30 }, (_, i) => `f${i}.c`), 'build.sh*', 'latest@', 'z.c', ''].join('\n');
    const text = runCompressor(ls, input, engines)!.text;
    assert.ok(text.includes('build.sh*') && text.includes('latest@'), text);
    assert.ok(!text.includes('f20.c'));
  });

  it('declines what it cannot read', () => {
    assert.equal(runCompressor(ls, '', engines), undefined);
    assert.equal(runCompressor(ls, "'a b'  c\n", engines), undefined);
    assert.equal(runCompressor(ls, 'a\nb\nc\n', engines), undefined);
    assert.equal(runCompressor(ls, '-rw-r--r-- 1 a b 1 Feb 11 10:15 x\nsomething else\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(ls, `-rw-r--r-- 1 a b ${'1'.repeat(100_000)} Feb 11 ${' '.repeat(50_000)}\n${':'.repeat(100_000)}:\n`, engines));
  });
});
