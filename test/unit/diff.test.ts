// The diff compressor: every +/- line byte for byte (fixtures and random diffs), context cuts that
// name exactly the lines they cut, generated files summarised, the right claims, and no surprises
// on bad input.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diff } from '../../src/compressors/diff';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressOptions, Draft, Engines, MarkerInfo, Source } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const ID = '0123456789ab';

function run(text: string, options: CompressOptions = {}, engines?: Engines): Draft | undefined {
  const lines = text.split('\n');
  const source: Source = { id: ID, text, lines };
  const tokens = { encoding: 'chars', count: (t: string) => Math.ceil(t.length / 4) };
  return diff.compress({ source, options, engines: engines ?? { tokens }, stash: () => ID });
}

/** Original line indexes (0-based) that some marker with a range covers. */
function coveredLines(markers: readonly MarkerInfo[]): Set<number> {
  const covered = new Set<number>();
  for (const m of markers) if (m.lines && m.id === ID) for (let n = m.lines[0]; n <= m.lines[1]; n++) covered.add(n - 1);
  return covered;
}

/** Asserts every +/- line outside a marked cut appears in the output, in order, byte for byte. */
function assertChangedLinesKept(input: string, draft: Draft): void {
  const lines = input.split('\n');
  const covered = coveredLines(draft.markers ?? []);
  const out = draft.text.split('\n');
  let cursor = 0;
  let inHunk = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('@@')) inHunk = true;
    else if (line.startsWith('diff ') || line.startsWith('commit ')) inHunk = false;
    if (!inHunk || !(line.startsWith('+') || line.startsWith('-')) || line.startsWith('+++ ') || line.startsWith('--- ')) continue;
    if (covered.has(i)) continue;
    const at = out.indexOf(line, cursor);
    assert.ok(at >= 0, `changed line ${i + 1} missing or out of order: ${JSON.stringify(line)}`);
    cursor = at + 1;
  }
}

/** Every marker's range gives back exactly lines of the original, and a cut context range holds no +/- line. */
function assertCutsRedeemable(input: string, draft: Draft): void {
  const bytes = new TextEncoder().encode(input);
  for (const m of draft.markers ?? []) {
    if (!m.lines) continue;
    const part = sliceOriginal(bytes, { lines: m.lines });
    assert.ok(part.ok, `range ${m.lines.join('-')} not retrievable`);
    const text = new TextDecoder().decode(part.bytes);
    assert.equal(text.replace(/\n$/, '').split('\n').length, m.count, `marker count ${m.count} != lines in range`);
    if (m.detail === 'unchanged context') {
      for (const l of text.replace(/\n$/, '').split('\n')) assert.ok(l === '' || l.startsWith(' '), `context cut holds a changed line: ${l}`);
    }
  }
}

describe('diff compressor', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  describe('on every diff fixture', () => {
    for (const fixture of fixtureCases().filter((f) => f.compressorId === 'diff')) {
      it(`keeps every +/- line byte for byte: ${fixture.name}`, () => {
        const input = new TextDecoder().decode(fixture.input);
        const draft = run(input, fixture.meta, engines);
        assert.ok(draft, 'declined a real diff');
        assertChangedLinesKept(input, draft);
        assertCutsRedeemable(input, draft);
      });
    }
  });

  it('keeps every +/- line of random diffs, and cuts only context', () => {
    fc.assert(
      fc.property(randomDiff(), (input) => {
        const draft = run(input);
        assert.ok(draft);
        assertChangedLinesKept(input, draft);
        assertCutsRedeemable(input, draft);
        assert.equal(run(input)!.text, draft.text, 'not deterministic');
      }),
      { numRuns: 150 },
    );
  });

  it('trims a long run of context to the lines next to the change, with the exact range', () => {
    const body = Array.from({ length: 30 }, (_, i) => ` const unchangedValueNumber${i} = computeSomething(${i});`);
    const input = ['diff --git a/x.js b/x.js', 'index 1111111..2222222 100644', '--- a/x.js', '+++ b/x.js', '@@ -1,31 +1,31 @@',
      ...body.slice(0, 15), '-old line', '+new line', ...body.slice(15), ''].join('\n');
    const draft = run(input)!;
    const markers = draft.markers!;
    assert.equal(markers.length, 2);
    assert.deepEqual(markers[0].lines, [6, 18]);
    assert.deepEqual(markers[1].lines, [25, 37]);
    assert.ok(draft.text.includes(`${body[13]}\n${body[14]}\n-old line\n+new line\n${body[15]}\n${body[16]}\n`));
  });

  it('summarises a large lockfile change with its counts and keeps a small one', () => {
    const lock = (n: number) => ['diff --git a/package-lock.json b/package-lock.json', 'index 1111111..2222222 100644', '--- a/package-lock.json', '+++ b/package-lock.json',
      `@@ -1,0 +1,${n} @@`, ...Array.from({ length: n }, (_, i) => `+    "node_modules/pkg-${i}": { "version": "1.0.${i}" },`)];
    const code = ['diff --git a/src/a.ts b/src/a.ts', 'index 3333333..4444444 100644', '--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1 +1 @@', '-export const a = 1;', '+export const a = 2;'];
    const big = run([...lock(120), ...code, ''].join('\n'))!;
    assert.match(big.text, /\[hr:0123456789ab omitted 121 lines L5-125: package-lock\.json \+120 -0, lockfile, not shown\]/);
    assert.match(big.text, / package-lock\.json \| \+120 -0 \(lockfile, not shown\)/);
    assert.match(big.text, / 2 files changed, 121 insertions\(\+\), 1 deletion\(-\)/);
    assert.ok(big.text.includes('+export const a = 2;'));
    const small = run([...lock(3), ...code, ''].join('\n'))!;
    assert.ok(small.text.includes('+    "node_modules/pkg-2": { "version": "1.0.2" },'));
  });

  it('keeps a generated file the query names', () => {
    const input = ['diff --git a/yarn.lock b/yarn.lock', '--- a/yarn.lock', '+++ b/yarn.lock', '@@ -1,0 +1,80 @@',
      ...Array.from({ length: 80 }, (_, i) => `+lodash@^4.17.${i}: resolved "https://registry.invalid/lodash/-/lodash-4.17.${i}.tgz"`), ''].join('\n');
    assert.match(run(input)!.text, /yarn\.lock \+80 -0, lockfile, not shown/);
    assert.ok(run(input, { query: 'why did yarn lock change' })!.text.includes('+lodash@^4.17.79:'));
  });

  it('keeps a hunk whose counts do not add up (a truncated diff) as it is', () => {
    const input = ['diff --git a/a.txt b/a.txt', '--- a/a.txt', '+++ b/a.txt', '@@ -1,50 +1,50 @@', ' one', '-two', '+TWO', ' three'].join('\n');
    const draft = run(input)!;
    assert.equal(draft.text, input);
  });

  it('claims diff commands, not stat-only ones', () => {
    const claims = (cmd: string) => diff.matches!(parseCommand(cmd));
    for (const cmd of ['git diff', 'git diff --cached -- src', 'git show HEAD~1', 'git log -p -3', 'git log --patch', 'git stash show -p', 'diff -u a b', 'diff -ruN old new', 'gh pr diff 12', 'git --no-pager diff | cat']) {
      assert.ok(claims(cmd), cmd);
    }
    for (const cmd of ['git diff --stat', 'git diff --name-only', 'git log --oneline', 'git show --stat HEAD', 'diff a b', 'git status', 'git log']) {
      assert.ok(!claims(cmd), cmd);
    }
    assert.ok(diff.handlesFile!('fix.patch') && diff.handlesFile!('changes.diff') && diff.handlesFile!('x', 'diff'));
    assert.ok(!diff.handlesFile!('patch.ts'));
  });

  it('sniffs unified diffs and nothing else', () => {
    const sniff = (text: string) => diff.sniff!({ id: ID, text, lines: text.split('\n') });
    assert.ok(sniff('diff --git a/a b/a\nindex 1..2 100644\n'));
    assert.ok(sniff('\n--- a.txt\t2024-01-01\n+++ b.txt\t2024-01-02\n@@ -1 +1 @@\n-a\n+b\n'));
    assert.ok(sniff('commit 0123456789abcdef0123456789abcdef01234567\nAuthor: x\n\n    msg\n\ndiff --git a/a b/a\n'));
    assert.ok(!sniff('commit 0123456789abcdef0123456789abcdef01234567\nAuthor: x\n\n    msg\n'));
    assert.ok(!sniff('--- a list item\n+++ something\nnot a hunk\n'));
    assert.ok(!sniff('hello\n'));
  });

  it('declines text that is not a diff, and never throws on bad input', () => {
    assert.equal(run('just some words\nand more words\n'), undefined);
    assert.equal(run(''), undefined);
    assert.equal(run('@@ -1 +1 @@\n'.repeat(5000)), undefined);
    const huge = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-' + 'a'.repeat(300_000) + '\n+' + 'b'.repeat(300_000) + '\n';
    const draft = run(huge)!;
    assert.ok(draft.text.length < huge.length);
    assert.match(draft.text, /changed lines average 300001 chars, not shown/);
    const garbage = 'diff --git \n--- \n+++ \n@@ -99999999999999999999 +1 @@\n\u0000\u0001\n' + '-'.repeat(50_000);
    assert.doesNotThrow(() => run(garbage));
  });

  it('goes through the engine: routed by command, never larger, markers redeemable', async () => {
    const fixture = fixtureCases().find((f) => f.compressorId === 'diff' && f.name === 'git-diff-cached')!;
    const result = compress(fixture.input, { command: 'git diff --cached' }, engines);
    assert.equal(result.compressor, 'diff');
    assert.equal(result.type, 'diff');
    assert.ok(result.tokensAfter < result.tokensBefore / 4);
    assert.deepEqual(scanMarkers(result.text).map((m) => m.lines), result.markers.map((m) => m.lines));
  });
});

/** Random but well-formed git diffs: several files, hunks with valid counts, mixed line kinds. */
function randomDiff(): fc.Arbitrary<string> {
  const text = fc.stringMatching(/^[ -~]{0,40}$/);
  const hunkLine = fc.oneof(
    { weight: 5, arbitrary: text.map((t) => ({ kind: ' ', t })) },
    { weight: 2, arbitrary: text.map((t) => ({ kind: '-', t })) },
    { weight: 2, arbitrary: text.map((t) => ({ kind: '+', t })) },
  );
  const hunk = fc.array(hunkLine, { minLength: 1, maxLength: 60 });
  const file = fc.record({ name: fc.stringMatching(/^[a-z]{1,8}\.(?:ts|js|md|json)$/), hunks: fc.array(hunk, { minLength: 1, maxLength: 4 }) });
  return fc.array(file, { minLength: 1, maxLength: 4 }).map((files) => {
    const out: string[] = [];
    for (const f of files) {
      out.push(`diff --git a/${f.name} b/${f.name}`, 'index 1234567..89abcde 100644', `--- a/${f.name}`, `+++ b/${f.name}`);
      let start = 1;
      for (const h of f.hunks) {
        const oldCount = h.filter((l) => l.kind !== '+').length;
        const newCount = h.filter((l) => l.kind !== '-').length;
        out.push(`@@ -${start},${oldCount} +${start},${newCount} @@`);
        for (const l of h) out.push(l.kind + l.t);
        start += oldCount + 10;
      }
    }
    return out.join('\n') + '\n';
  });
}
