// The search compressor: a complete file index with exact counts (fixtures and random grep output),
// every hit either shown or inside a marked range, every grep/rg format understood, query-aware
// selection, and no surprises on bad input.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { search } from '../../src/compressors/search';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import { renderTerminal } from '../../src/compressors/shared/terminal';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressOptions, Draft, Engines, Source } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const ID = '0123456789ab';
const chars = { encoding: 'chars', count: (t: string) => Math.ceil(t.length / 4) };

function run(text: string, options: CompressOptions = {}): Draft | undefined {
  const source: Source = { id: ID, text, lines: text.split('\n') };
  return search.compress({ source, options, engines: { tokens: chars }, stash: () => ID });
}

// `lib/a.ts (3 matches)`, `lib/rules/ a.js:2 b.js:1`, `lib/x.ts:4` — the three ways a file is listed
const HEADING = /^(.+) \((\d+) match(?:es)?\)$/;
const DIR_ROW = /^([^\s:]*\/) (.+)$/;
const SINGLE_ROW = /^([^\d\s:][^\s:]*):(\d+)$/;

/** The file index an output gives: path → count. */
function indexOf(text: string): Map<string, number> {
  const index = new Map<string, number>();
  for (const line of text.split('\n')) {
    let m = HEADING.exec(line);
    if (m) { index.set(m[1], Number(m[2])); continue; }
    m = DIR_ROW.exec(line);
    if (m && !line.startsWith('[hr:')) {
      // `name:count`, or a name alone for one match
      for (const pair of m[2].split(' ')) {
        const colon = pair.lastIndexOf(':');
        if (colon < 0) index.set(m[1] + pair, 1);
        else index.set(m[1] + pair.slice(0, colon), Number(pair.slice(colon + 1)));
      }
      continue;
    }
    m = SINGLE_ROW.exec(line);
    if (m) index.set(m[1], Number(m[2]));
  }
  return index;
}

/** path → number of `path:N:` hit lines in grep -n output. */
function truth(input: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of input.split('\n')) {
    const m = /^([^:]+):\d+:/.exec(line);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
}

// half of a surrogate pair without its other half
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// `3 more hits among L13-16` in a marker that stands for several cut runs of one file
const AMONG = /among L(\d+)-(\d+)$/;

/**
 * Every hit line of the input is shown (its text after the path) or lies in a marked range: the
 * marker's own range, or the span a marker for several runs names (`among L13-16`).
 */
function assertEveryHitAccounted(input: string, draft: Draft): void {
  const covered = new Set<number>();
  for (const m of draft.markers ?? []) {
    const span = m.lines ?? (AMONG.exec(m.detail ?? '')?.slice(1).map(Number) as [number, number] | undefined);
    if (span) for (let n = span[0]; n <= span[1]; n++) covered.add(n);
  }
  const out = new Set(draft.text.split('\n'));
  input.split('\n').forEach((line, i) => {
    const m = /^[^:]+:(\d+:.*)$/.exec(line);
    if (!m || covered.has(i + 1)) return;
    assert.ok(out.has(m[1]) || out.has(line), `hit on line ${i + 1} neither shown nor marked: ${line}`);
  });
  const bytes = new TextEncoder().encode(input);
  for (const m of draft.markers ?? []) if (m.lines) assert.ok(sliceOriginal(bytes, { lines: m.lines }).ok);
}

describe('search compressor', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  describe('on every search fixture', () => {
    for (const fixture of fixtureCases().filter((f) => f.compressorId === 'search')) {
      it(`lists every file with its exact count: ${fixture.name}`, () => {
        const input = renderTerminal(new TextDecoder().decode(fixture.input)).text;
        const draft = run(input, fixture.meta);
        assert.ok(draft, 'declined real search output');
        if (fixture.name.startsWith('grep-count')) {
          for (const line of input.split('\n')) if (/:[1-9]\d*$/.test(line)) assert.ok(draft.text.includes(line), line);
          return;
        }
        if (fixture.name.includes('heading')) {
          // rg --heading: a file name line, then numbered lines, blank line between files.
          const files = input.split('\n\n').filter(Boolean).map((block) => block.split('\n')[0]);
          const index = indexOf(draft.text);
          for (const f of files) assert.ok(index.has(f), `file ${f} missing from the index`);
          return;
        }
        const expected = truth(input);
        assert.deepEqual(new Map([...indexOf(draft.text)].filter(([p]) => expected.has(p))), expected);
        assertEveryHitAccounted(input, draft);
      });
    }
  });

  it('keeps a complete, exact file index for random grep -rn output', () => {
    fc.assert(
      fc.property(randomGrep(), ({ text }) => {
        const draft = run(text);
        assert.ok(draft);
        assert.deepEqual(indexOf(draft.text), truth(text));
        assertEveryHitAccounted(text, draft);
        assert.equal(run(text)!.text, draft.text, 'not deterministic');
      }),
      { numRuns: 120 },
    );
  });

  it('shows the hits of a big file the query asks about', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `src/big.ts:${i + 1}:  const value${i} = compute(${i});`);
    lines[237] = 'src/big.ts:238:  const retryBudget = computeRetryBudget(attempts);';
    const text = lines.join('\n') + '\n';
    assert.ok(!run(text)!.text.includes('238:  const retryBudget'));
    assert.ok(run(text, { query: 'where is the retry budget computed' })!.text.includes('238:  const retryBudget = computeRetryBudget(attempts);'));
  });

  it('keeps every hit of a rare file (the only one in its folder) among many common ones', () => {
    const lines: string[] = [];
    for (let f = 0; f < 40; f++) for (let h = 1; h <= 3; h++) lines.push(`lib/rules/rule-${f}.js:${h * 10}:\t\tcontext.report({ node, messageId: "m${f}" });`);
    lines.splice(50, 0, 'config/.env:3:REPORT_URL=https://example.invalid/report');
    const draft = run(lines.join('\n') + '\n')!;
    assert.ok(draft.text.includes('config/.env (1 match)\n3:REPORT_URL=https://example.invalid/report'));
    assert.equal(indexOf(draft.text).size, 41);
  });

  it('understands context lines (-A/-B), dashes in file names and group separators', () => {
    const text = [
      'src/my-file-2.ts-10-function a() {', 'src/my-file-2.ts:11:  throw new Error("x")', 'src/my-file-2.ts-12-}', '--',
      'src/other.ts-4-// note', 'src/other.ts:5:throw new TypeError("y")', 'src/other.ts-6-',
    ].join('\n');
    const draft = run(text)!;
    assert.ok(draft.text.includes('src/my-file-2.ts (1 match)\n10-function a() {\n11:  throw new Error("x")\n12-}'));
    assert.ok(draft.text.includes('src/other.ts (1 match)\n4-// note\n5:throw new TypeError("y")\n6-'));
  });

  it('understands rg --heading output and single-file grep -n output', () => {
    const heading = ['src/a.ts', '3:alpha()', '9:alpha(2)', '', 'src/b.ts', '1-ctx', '2:alpha(3)', ''].join('\n');
    const draft = run(heading)!;
    assert.ok(draft.text.includes('src/a.ts (2 matches)\n3:alpha()\n9:alpha(2)'));
    assert.ok(draft.text.includes('src/b.ts (1 match)\n1-ctx\n2:alpha(3)'));
    const single = Array.from({ length: 200 }, (_, i) => `${i * 3 + 1}:  log.debug("step ${i}")`).join('\n');
    const one = run(single)!;
    assert.ok(one.text.startsWith('1:  log.debug("step 0")'));
    assert.match(one.text, /\[hr:0123456789ab omitted \d+ lines L\d+-200: \d+ more hits\]/);
  });

  it('lists hidden files of one folder in one row, a name alone having one match', () => {
    const lines: string[] = [];
    for (let f = 0; f < 30; f++) for (let h = 1; h <= 1 + (f % 3); h++) lines.push(`lib/rules/rule-${f}.js:${h * 10}:\t\tcontext.report({ node, messageId: "m${f}-${h}" });`);
    const draft = run(lines.join('\n') + '\n')!;
    assert.match(draft.text, /^\d+ matches in 30 files; every file is listed with its count \(no :N means 1\)/);
    assert.match(draft.text, /\brule-3\.js(?= )/);
    assert.match(draft.text, /\brule-4\.js:2\b/);
    assert.deepEqual(indexOf(draft.text), truth(lines.join('\n')));
  });

  it('cuts several runs of one file under one marker naming the span that holds them', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `src/big.ts:${i + 1}:  const value${i} = compute(${i});`);
    lines[40] = 'src/big.ts:41:  const retryBudget = computeRetryBudget(attempts);';
    lines[90] = 'src/big.ts:91:  return retryBudget.remaining;';
    const draft = run(lines.join('\n') + '\n', { query: 'retry budget' })!;
    assert.ok(draft.text.includes('41:  const retryBudget = computeRetryBudget(attempts);\n--\n91:  return retryBudget.remaining;'));
    const marker = (draft.markers ?? []).find((m) => m.lines === undefined)!;
    const shown = draft.text.split('\n').filter((l) => /^\d+:/.test(l)).length;
    assert.equal(marker.count, 120 - shown);
    assert.match(marker.detail!, /^\d+ more hits among L\d+-120$/);
  });

  it('shows a very long hit as its start and a window around the match, with a marker for the line', () => {
    const long = `${'\t'.repeat(6)}const message = \`${'lorem ipsum dolor '.repeat(30)}\`; context.report({ node, message }); // ${'x'.repeat(200)}`;
    const lines = [`lib/a.js:10:${long}`, ...Array.from({ length: 12 }, (_, i) => `lib/other/b${i}.js:${i + 1}:  context.report({ node });`)];
    const draft = run(lines.join('\n') + '\n', { command: "git grep -n 'context\\.report'" })!;
    const line = draft.text.split('\n').find((l) => l.startsWith('10:'))!;
    assert.ok(line.startsWith(`10:${long.slice(0, 60)}…`), line);
    assert.ok(line.includes('context.report({ node, message });'));
    assert.match(line, /… \[hr:0123456789ab truncated \d+ chars L1-1\]$/);
    // Without a command the pattern is unknown, so the line stays whole.
    assert.ok(run(lines.join('\n') + '\n')!.text.includes(`10:${long}`));
    // Cuts never split a character outside the BMP.
    for (const lead of ['', 'x']) {
      const emoji = `lib/e.js:3:${lead}${'😀'.repeat(101)}context.report(${lead}${'😀'.repeat(151)}`;
      const text = run([emoji, ...lines.slice(1)].join('\n') + '\n', { command: 'rg -n context.report' })!.text;
      assert.match(text, /^3:[^…\n]+…[^…\n]*context\.report\([^…\n]*… \[hr:/m);
      assert.doesNotMatch(text, LONE_SURROGATE);
    }
  });

  it('keeps unnumbered grep -r output lines whole', () => {
    const text = Array.from({ length: 60 }, (_, i) => `docs/page-${Math.floor(i / 10)}.md:See the install guide, step ${i}.`).join('\n');
    const draft = run(text)!;
    assert.ok(draft.text.includes('docs/page-0.md:See the install guide, step 0.'));
    assert.equal(indexOf(draft.text).get('docs/page-3.md'), 10);
  });

  it('keeps grep and rg messages where they were', () => {
    const text = ['grep: src/secret: Permission denied', ...Array.from({ length: 30 }, (_, i) => `src/x${Math.floor(i / 10)}.ts:${i + 1}:todo ${i}`), 'Binary file dist/app.wasm matches'].join('\n');
    const draft = run(text)!;
    assert.ok(draft.text.includes('grep: src/secret: Permission denied'));
    assert.ok(draft.text.includes('Binary file dist/app.wasm matches'));
  });

  it('counts: keeps every row with hits, cuts runs of zeros with their range', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `lib/module-${i}.js:${i % 9 === 0 ? i + 1 : 0}`);
    const draft = run(rows.join('\n'), { command: 'grep -rc deprecated lib' })!;
    for (const r of rows) if (!r.endsWith(':0')) assert.ok(draft.text.includes(r), r);
    assert.match(draft.text, /^40 files counted, 5 with matches \(95 matches\); 35 with 0 cut below/);
  });

  it('counts: zero rows scattered between hits become one marker with a grep hint', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `lib/module-${i}.js:${i % 9 === 0 ? i + 1 : 0}`);
    const draft = run(rows.join('\n') + '\n', { command: 'grep -rc deprecated lib' })!;
    const markers = draft.markers ?? [];
    assert.equal(markers.length, 1);
    assert.equal(markers[0].lines, undefined);
    assert.equal(markers[0].count, 35);
    assert.match(draft.text, /omitted 35 lines: 35 files with 0 matches; grep ":0"\]$/);
  });

  it('rg -c without zeros gains nothing, so the engine keeps it whole', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `lib/rules/some-rule-${i}.js:${i + 1}`).join('\n') + '\n';
    const result = compress(rows, { command: 'rg -c require lib' }, engines);
    assert.equal(result.text, rows);
  });

  it('claims search commands and not listings', () => {
    const claims = (cmd: string) => search.matches!(parseCommand(cmd));
    for (const cmd of ['grep -rn foo src', 'rg foo', 'rg -C2 -n foo', 'git grep -n foo', 'git --no-pager grep foo', 'ag foo', 'egrep -r "a|b" .', 'rg -c foo']) assert.ok(claims(cmd), cmd);
    for (const cmd of ['grep -l foo -r .', 'grep -rl foo', 'rg --files', 'rg -l foo', 'git log --grep foo', 'find . -name x', 'rg --json foo']) assert.ok(!claims(cmd), cmd);
  });

  it('sniffs grep output but not compiler diagnostics or prose', () => {
    const sniff = (text: string) => search.sniff!({ id: ID, text, lines: text.split('\n') });
    assert.ok(sniff(Array.from({ length: 20 }, (_, i) => `src/a${i}.ts:${i + 1}:const x = ${i};`).join('\n')));
    assert.ok(!sniff(Array.from({ length: 20 }, (_, i) => `src/a.c:${i + 1}:5: error: expected ';'`).join('\n')));
    assert.ok(!sniff(Array.from({ length: 20 }, (_, i) => `At 10:${i}: the meeting went on.`).join('\n')));
  });

  it('does not take timestamped log lines for hits unless a search command says so', () => {
    const log = Array.from({ length: 40 }, (_, i) => `2026/11/22 14:02:${String(i % 60).padStart(2, '0')}.391117 INFO quote served request_id=q-${i}`).join('\n');
    const iso = Array.from({ length: 40 }, (_, i) => `2026-11-22T14:03:${String(i % 60).padStart(2, '0')}.036Z info aggregating SKU-${i}`).join('\n');
    const clock = ['Starting server', ...Array.from({ length: 40 }, (_, i) => `12:00:${String(i).padStart(2, '0')} INFO request ${i}`)].join('\n');
    for (const text of [log, iso, clock]) {
      assert.ok(!search.sniff!({ id: ID, text, lines: text.split('\n') }));
      assert.equal(run(text), undefined);
    }
  });

  it('declines what is not search output and never throws on bad input', () => {
    assert.equal(run(''), undefined);
    assert.equal(run('hello world\nthis is prose\nnot grep output at all\n'), undefined);
    assert.doesNotThrow(() => run(':1:1:1:1:1:1'.repeat(20_000)));
    assert.doesNotThrow(() => run(('a-1-' + '9'.repeat(10_000) + '\n').repeat(20)));
    const long = Array.from({ length: 20 }, (_, i) => `dist/app.min.js:${i + 1}:${'x'.repeat(5000)}`).join('\n');
    const draft = run(long)!;
    assert.ok(draft.text.length < long.length);
    assert.match(draft.text, /truncated 3502 chars/);
  });

  it('goes through the engine by command, never larger', async () => {
    const fixture = fixtureCases().find((f) => f.compressorId === 'search' && f.name === 'git-grep-eslint-report')!;
    const result = compress(fixture.input, { command: 'git grep -n context.report' }, engines);
    assert.equal(result.compressor, 'search');
    assert.equal(result.type, 'search');
    assert.ok(result.tokensAfter < result.tokensBefore / 2);
  });
});

/** Random `grep -rn` output: files in a few folders, 1–30 hits each, increasing line numbers. */
function randomGrep(): fc.Arbitrary<{ text: string }> {
  const file = fc.record({
    dir: fc.constantFrom('src/', 'src/util/', 'lib/rules/', 'test/', ''),
    name: fc.stringMatching(/^[a-z][a-z-]{0,10}\.(?:ts|js|md)$/),
    hits: fc.array(fc.stringMatching(/^[ -~]{0,50}$/), { minLength: 1, maxLength: 30 }),
  });
  return fc.uniqueArray(file, { minLength: 1, maxLength: 40, selector: (f) => f.dir + f.name }).map((files) => {
    const out: string[] = [];
    for (const f of files) {
      let n = 0;
      for (const h of f.hits) out.push(`${f.dir}${f.name}:${(n += 1 + (h.length % 7))}:${h}`);
    }
    return { text: out.join('\n') + '\n' };
  });
}
