// The instruction-file rewrite: idempotent and byte-stable, every protected span byte for byte
// (fixtures and random files), filler and same-section duplicates gone, and nothing that changes meaning.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { instructions, isInstructionFile } from '../../src/compressors/instructions';
import { parkSpans } from '../../src/compressors/instructions/protectedSpans';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import type { Draft, Engines, Source } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const ID = '0123456789ab';
// the compressor's own marker, on the last line before the final newline: `[hr:0123456789ab elided 412 chars]`
const MARKER_LINE = /\n\[hr:[0-9a-f]{12} elided \d+ chars?\](?=\n?$)/;

function run(text: string): Draft {
  const source: Source = { id: ID, text, lines: text.split('\n') };
  return instructions.compress({ source, options: {}, engines: { tokens: { encoding: 'chars', count: (t) => Math.ceil(t.length / 4) } }, stash: () => ID })!;
}

function withoutMarker(text: string): string {
  return text.replace(MARKER_LINE, '');
}

/** Fenced code blocks, found line by line as CommonMark does (a fence closes at the next fence line). */
function fencedBlocks(text: string): string[] {
  const blocks: string[] = [];
  let open: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^ {0,3}```/.test(line)) {
      if (open) { open.push(line); blocks.push(open.join('\n')); open = undefined; } else open = [line];
    } else open?.push(line);
  }
  return blocks;
}

function withoutCode(text: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of text.split('\n')) {
    if (/^ {0,3}```/.test(line)) { inCode = !inCode; continue; }
    if (!inCode) out.push(line);
  }
  return out.join('\n');
}

/** Inline code spans of one line, as CommonMark finds them: a backtick run closed by a run of the same length. */
function codeSpans(line: string): string[] {
  const spans: string[] = [];
  for (let i = 0; i < line.length;) {
    if (line[i] !== '`') { i++; continue; }
    let j = i;
    while (line[j] === '`') j++;
    const run = j - i;
    let k = j;
    let close = -1;
    while (k < line.length) {
      if (line[k] !== '`') { k++; continue; }
      let e = k;
      while (line[e] === '`') e++;
      if (e - k === run) { close = k; break; }
      k = e;
    }
    if (close < 0) { i = j; continue; }
    spans.push(line.slice(i, close + run));
    i = close + run;
  }
  return spans;
}

function withoutCodeSpans(text: string): string {
  return text.split('\n').map((line) => codeSpans(line).reduce((l, span) => l.replace(span, ' '), line)).join('\n');
}

/** Spans that must survive byte for byte, in order. */
function protectedSpans(text: string): Record<string, string[]> {
  const noCode = withoutCode(text);
  const prose = withoutCodeSpans(noCode);
  return {
    code: fencedBlocks(text),
    inline: noCode.split('\n').flatMap(codeSpans),
    urls: noCode.match(/https?:\/\/[^\s<>)\]`]+/g) ?? [],
    numbers: prose.match(/\d+(?:[.,]\d+)*/g) ?? [],
    negations: (prose.match(/\b(?:not|no|never|without|avoid|only|\w+n't)\b/gi) ?? []).map((w) => w.toLowerCase()),
    headings: text.split('\n').filter((l) => /^#{1,6} /.test(l)),
  };
}

describe('instructions compressor', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  describe('on every instruction fixture', () => {
    for (const fixture of fixtureCases().filter((f) => f.compressorId === 'instructions')) {
      const input = new TextDecoder().decode(fixture.input);
      it(`keeps every code block, heading and protected span byte for byte: ${fixture.name}`, () => {
        const out = withoutMarker(run(input).text);
        for (const block of fencedBlocks(input)) assert.ok(out.includes(block), `code block changed:\n${block}`);
        const a = protectedSpans(input);
        const b = protectedSpans(out);
        // Duplicate rules take their spans with them; everything left must match in order.
        for (const key of ['code', 'headings'] as const) assert.deepEqual(b[key], a[key], key);
        for (const key of ['inline', 'urls', 'numbers', 'negations'] as const) assert.ok(isSubsequence(b[key], a[key]), `${key} changed`);
      });
      it(`is idempotent and byte-stable: ${fixture.name}`, () => {
        const once = run(input);
        const twice = run(once.text);
        assert.equal(twice.text, once.text);
        assert.equal(twice.markers?.length ?? 0, 0, 'a second pass must find nothing to do');
        assert.equal(run(input).text, once.text);
      });
    }
  });

  it('removes filler but never touches code, inline code, URLs or paths', () => {
    const text = [
      '# Rules', '', '- Please make sure to run `please keep this` before pushing.',
      '- Kindly read https://example.invalid/please-note-that/in-order-to.html and docs/please_read.md first.',
      '', '```sh', '# Please make sure to keep this comment', 'npm test', '```', '', 'Thank you so much!', '',
    ].join('\n');
    const out = run(text).text;
    assert.ok(out.includes('- Run `please keep this` before pushing.'));
    assert.ok(out.includes('- Read https://example.invalid/please-note-that/in-order-to.html and docs/please_read.md first.'));
    assert.ok(out.includes('```sh\n# Please make sure to keep this comment\nnpm test\n```'));
    assert.ok(!out.includes('Thank you'));
    // The marker is read on every request: the shortest the grammar allows, counting the characters cut.
    const marker = /\n\[hr:0123456789ab elided (\d+) chars\]\n$/.exec(out);
    assert.ok(marker, out);
    assert.equal(Number(marker[1]), text.length - withoutMarker(out).length);
  });

  it('removes a duplicate rule in the same section, keeps it under a sibling heading', () => {
    const rule = '- Run the linter before every commit.';
    const text = ['# Project', '', '## Frontend', '', rule, '- Use two spaces.', rule, '', '## Backend', '', rule, ''].join('\n');
    const out = withoutMarker(run(text).text);
    assert.equal(out.split(rule).length - 1, 2);
    assert.ok(out.includes(`## Backend\n\n${rule}`));
    assert.match(run(text).transforms!.find((t) => t.step === 'instructions-duplicates')!.reason, /lines L7$/);
  });

  it('removes a rule that repeats one from an enclosing section', () => {
    const rule = '- Never commit secrets to the repository.';
    const text = ['# Project', '', rule, '', '## Git', '', rule, '- Rebase before merging.', ''].join('\n');
    assert.equal(withoutMarker(run(text).text).split(rule).length - 1, 1);
  });

  it('leaves a line alone when a rule would take a negation or a number with it', () => {
    const text = ['# A', '', 'Thanks for not pushing to main.', 'Thanks for the 3 reviews.', 'Please run the tests.', ''].join('\n');
    const out = run(text).text;
    assert.ok(out.includes('Thanks for not pushing to main.'));
    assert.ok(out.includes('Thanks for the 3 reviews.'));
    assert.ok(out.includes('\nRun the tests.'));
  });

  it('compacts tables and drops thematic breaks, but not setext headings or front matter', () => {
    const text = ['---', 'applyTo: "**/*.ts"', '---', '', 'Title', '-----', '', '| Tool    | Use        |', '| :------ | ---------: |', '| `tsc`   | types      |', '', '---', '', 'Text.', ''].join('\n');
    const out = run(text).text;
    assert.ok(out.startsWith('---\napplyTo: "**/*.ts"\n---\n\nTitle\n-----\n'));
    assert.ok(out.includes('| Tool | Use |\n|:-|-:|\n| `tsc` | types |\n\nText.'));
  });

  it('returns the text unchanged (no marker) when there is nothing to remove', () => {
    const text = '# Rules\n\n- Use `pnpm`.\n- Never push to `main`.\n';
    const draft = run(text);
    assert.equal(draft.text, text);
    assert.equal(draft.markers?.length, 0);
  });

  it('keeps every protected span of random instruction files, and is idempotent', () => {
    const span = fc.oneof(
      fc.stringMatching(/^[a-z.\-/ ]{1,20}$/).map((s) => `\`${s.trim() || 'x'}\``),
      fc.stringMatching(/^[a-z]{1,10}$/).map((s) => `https://example.invalid/${s}`),
      fc.integer({ min: 0, max: 99999 }).map(String),
      fc.constantFrom('not', 'never', "don't", 'no', 'without', 'only', 'avoid'),
      fc.stringMatching(/^[a-z]{1,8}$/).map((s) => `src/${s}.ts`),
    );
    const filler = fc.constantFrom('Please ', 'Make sure to ', 'It is very important that you ', 'Kindly ', 'Note that ', 'You should always ', 'In order to ', '', '', '');
    const rule = fc.tuple(filler, fc.array(fc.oneof(span, fc.constantFrom('use', 'the', 'tests', 'run', 'code', 'files')), { minLength: 2, maxLength: 8 }))
      .map(([f, words]) => `- ${f}${words.join(' ')}.`);
    const block = fc.oneof(
      rule,
      fc.stringMatching(/^[A-Za-z ]{3,20}$/).map((s) => `## ${s.trim() || 'Section'}`),
      fc.array(fc.stringMatching(/^[ -~]{0,30}$/), { maxLength: 5 }).map((body) => ['```sh', ...body.map((l) => `Please ${l}`), '```'].join('\n')),
      fc.constantFrom('Thank you!', 'Hi Copilot!', '---', '', '| a   |  b |\n| --- | --- |\n| 1   | 2   |'),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 30 }), (blocks) => {
        const input = ['# Instructions', '', ...blocks, ''].join('\n');
        const once = run(input);
        const out = withoutMarker(once.text);
        const a = protectedSpans(input);
        const b = protectedSpans(out);
        assert.deepEqual(b.code, a.code);
        assert.deepEqual(b.headings, a.headings);
        for (const key of ['inline', 'urls', 'numbers', 'negations'] as const) assert.ok(isSubsequence(b[key], a[key]), `${key}: ${JSON.stringify(b[key])} vs ${JSON.stringify(a[key])}`);
        assert.equal(run(once.text).text, once.text, 'not idempotent');
      }),
      { numRuns: 300 },
    );
  });

  describe('the phrase table', () => {
    /** The paragraph `line` becomes in a small file (the line itself when nothing changed). */
    function terse(line: string): string {
      const lines = withoutMarker(run(`# T\n\n${line}\n`).text).split('\n');
      return lines.slice(2, -1).join('\n');
    }

    const shortened: readonly (readonly [string, string])[] = [
      ['Please use `pnpm`.', 'Use `pnpm`.'],
      ['Could you please add a test?', 'Add a test?'],
      ['Make sure that every endpoint has a test.', 'Ensure every endpoint has a test.'],
      ['Always make sure to run the linter.', 'Always run the linter.'],
      ["Don't forget to update the changelog.", 'Update the changelog.'],
      ['You should always rebase before merging.', 'Always rebase before merging.'],
      ['You must not push to `main`.', 'Do not push to `main`.'],
      ['You should run `make lint` first.', 'Run `make lint` first.'],
      ['It is very important that you write tests.', 'Write tests.'],
      ['It is important to note that the cache is shared.', 'The cache is shared.'],
      ['In order to build, run `make`.', 'To build, run `make`.'],
      ['Due to the fact that CI is slow, batch your pushes.', 'Because CI is slow, batch your pushes.'],
      ['The worker is able to retry 3 times.', 'The worker can retry 3 times.'],
      ['Check whether or not the cache is warm.', 'Check whether the cache is warm.'],
      ['Prior to merging, utilize the staging cluster.', 'Before merging, use the staging cluster.'],
      ['We process a large number of events.', 'We process many events.'],
      ['Run it with `--watch` so that you can see changes.', 'Run it with `--watch` to see changes.'],
      ['There is no need to mock the clock.', 'No need to mock the clock.'],
      ['Note: the API is versioned.', 'The API is versioned.'],
      ['Please note that the API is versioned.', 'The API is versioned.'],
      // a tool name after a removed "Note that" keeps its case
      ['Note that pnpm is required.', 'pnpm is required.'],
      ['Simply run `make`.', 'Run `make`.'],
      ['**Naming**: use camelCase for `const` values.', 'Naming: use camelCase for `const` values.'],
      ['Hi Copilot! Thank you for helping. Please run the tests.', 'Run the tests.'],
      ['**NOTE**: run `make` twice.', 'NOTE: run `make` twice.'],
      ['| Rule | Why |\n|---|---|\n| Please use `zod` | validation |', '| Rule | Why |\n|-|-|\n| Use `zod` | validation |'],
    ];
    for (const [input, expected] of shortened) {
      it(`shortens: ${JSON.stringify(input)}`, () => assert.equal(terse(input), expected));
    }

    // Rejected as meaning-changing: each stays exactly as written.
    const kept: readonly string[] = [
      'Try to keep functions under 40 lines.',
      'Keep PRs small if possible.',
      'Run the tests whether or not you changed code.',
      "Don't simply copy the file; adapt it.",
      'Read just the first line.',
      'The new client works as well as the old one.',
      'You should see a green check.',
      'You can use `npx` if you like.',
      'Feel free to open a draft PR.',
      'Before you open a PR, ensure you have:\n\n- Run `make`.',
      'Generally, prefer composition.',
      'Search the code only if:\n\n- You need to understand the internals.',
      'IMPORTANT: YOU MUST run `make` first.',
      'PLEASE read this.',
      '**Never** commit secrets.',
      'A rule in **all** packages.',
      'Explain *why*, not *what*.',
      'Bind *clojure-version* in the REPL.',
      'Schedule it with */5 * * * * in cron.',
      'Define __init__ in every package.',
      'Pass **kwargs and **options through.',
      'Match **/*.ts and src/** files.',
      'Reply with "Please make sure to review" verbatim.',
      'Thanks for not pushing to main.',
      'Build it and\nyou should see no warnings.',
      '|a|b|\n|-|-|\n|1|2|',
    ];
    for (const input of kept) {
      it(`keeps: ${JSON.stringify(input)}`, () => assert.equal(terse(input), input));
    }

    it('capitalizes the word a removal left at a sentence start, not a name', () => {
      assert.equal(terse('Build it. Please use `make`. Note that npm is slow.'), 'Build it. Use `make`. npm is slow.');
      assert.equal(terse('- remember to run tests'), '- run tests');
    });

    it('removes a paragraph that only announces what follows, unless the next one refers back to it', () => {
      assert.equal(terse('This document describes how agents should work in this repository.\n\nRun `make` first.'), 'Run `make` first.');
      assert.equal(terse('The following are our coding guidelines:\n\n- Use `zod`.'), '- Use `zod`.');
      assert.equal(terse('This file provides guidance to Claude Code (claude.ai/code) when working with code in this repository.\n\nRun `make`.'), 'Run `make`.');
      for (const input of [
        'This document describes how agents should work here.\n\nIt is short; read all of it.',
        'This document describes the 3 services.\n\nRun `make`.',
        'This document describes `make` targets.\n\nRun `make`.',
        'This document describes how agents work. Run `make`.',
      ]) assert.equal(terse(input), input);
    });

    it('removes near-exact duplicates (case, final punctuation, filler) but not rules that differ in a protected span', () => {
      assert.equal(terse('- Please keep each PR small.\n- Use `zod`.\n- Keep each PR small'), '- Keep each PR small.\n- Use `zod`.');
      const differ = '- Use `Foo` for ids.\n- Use `foo` for ids.';
      assert.equal(terse(differ), differ);
    });

    it('never rewrites indented code inside a list item, a setext heading or HTML', () => {
      const code = ['- Examples import it as:', '', '      import pyparsing as pp', '      # Please make sure to keep this', '', '- Please run `tox`.'].join('\n');
      assert.equal(terse(code), code.replace('- Please run', '- Run'));
      const setext = 'Please read this\nand make sure to follow it\n======';
      assert.equal(terse(setext), setext);
      const html = '<details>\nPlease make sure to read\n</details>';
      assert.equal(terse(html), html);
    });

    it('keeps repeated steps of procedures and rules of differently labelled lists', () => {
      const procedures = ['**For agents:**', '', '1. Create the file.', '2. Update the README by running `npm run build`.', '', '**For hooks:**', '',
        '1. Create the folder.', '2. Update the README by running `npm run build`.'].join('\n');
      assert.equal(terse(procedures), procedures.replace(/\*\*/g, ''));
      const nested = ['1. Ask for the task:', '   - Run `./ask.sh` and wait for the answer.', '2. Do the task.', '3. Ask for the next task:', '   - Run `./ask.sh` and wait for the answer.'].join('\n');
      assert.equal(terse(nested), nested);
      const underParents = ['- Frontend:', '  - Run the linter first.', '- Backend:', '  - Run the linter first.'].join('\n');
      assert.equal(terse(underParents), underParents);
      const checklist = '- [ ] Run the unit tests locally.\n- [ ] Update the changelog.\n- [ ] Run the unit tests locally.';
      assert.equal(terse(checklist), checklist);
      const labelled = 'Frontend:\n\n- Run the linter first.\n\nBackend:\n\n- Run the linter first.';
      assert.equal(terse(labelled), labelled);
      const twoLists = '- Run the linter first.\n- Use `zod`.\n\nSome text.\n\n- Run the linter first.';
      assert.equal(terse(twoLists), twoLists);
    });

    it('keeps the first line of a list item whose other lines remain, so they do not join the item before', () => {
      const text = '- Use `zod`.\n- Thank you!\n  Also run `tsc`.';
      assert.equal(terse(text), text);
      assert.equal(terse('Thank you!\nAlso run `tsc`.'), 'Also run `tsc`.');
    });

    it('keeps a line that would lose a negation as written, and rewrites the others', () => {
      const draft = run('# T\n\nThanks for not pushing to main.\n\nPlease run the tests.\n');
      assert.equal(withoutMarker(draft.text), '# T\n\nThanks for not pushing to main.\n\nRun the tests.\n');
      assert.match(draft.transforms!.find((t) => t.step === 'instructions-kept-lines')!.reason, /^1 line/);
    });
  });

  it('protects names, not the emphasis around them', () => {
    const spans = (text: string) => parkSpans(text).spans;
    assert.deepEqual(spans('See **src/app.ts** and **Done.** then setup.py.'), ['src/app.ts', 'setup.py']);
    assert.deepEqual(spans('Match **/*.ts, src/** and test_*.py; not *why*.'), ['**/*.ts', 'src/**', 'test_*.py']);
    assert.deepEqual(spans('Say "use `x`" and run ``a ` b`` at https://x.invalid/a.'), ['"use `x`"', '``a ` b``', 'https://x.invalid/a.']);
  });

  it('keeps quotes, globs, emphasis on rule words and wrapped paragraphs of random files, and is idempotent', () => {
    const word = fc.constantFrom('use', 'the', 'tests', 'run', 'code', 'files', 'you', 'should', 'see', 'it', 'a', 'and', 'or', 'not', 'never', '3', '4.5', 'whether', 'only');
    const span = fc.oneof(
      fc.stringMatching(/^[a-z ]{1,12}$/).map((s) => `"${s.trim() || 'q'}"`),
      fc.constantFrom('**/*.ts', 'src/**', 'test_*.py', '*.module.css', '*why*', '*clojure-version*', '__init__', '**kwargs', '**Never**', '**all**', '`*.ts`', '``a ` b``'),
      fc.stringMatching(/^[A-Za-z]{1,10}$/).map((s) => `**${s}**`),
    );
    const filler = fc.constantFrom('Please ', 'Make sure that ', "Don't forget to ", 'It is important to note that ', 'Note: ', 'You should ', 'You must not ', 'In order to ',
      'Due to the fact that ', 'Prior to ', 'Check whether or not ', 'Simply ', 'Just ', 'Thanks! ', 'This document describes ', 'The following are our guidelines: ', '', '');
    const sentence = fc.tuple(filler, fc.array(fc.oneof(word, span), { minLength: 1, maxLength: 7 })).map(([f, ws]) => `${f}${ws.join(' ')}.`);
    const block = fc.oneof(
      sentence.map((s) => `- ${s}`),
      fc.array(sentence, { minLength: 1, maxLength: 3 }).map((ss) => ss.join('\n')),
      fc.tuple(sentence, sentence).map(([a, b]) => `1. ${a}\n\n       ${b}\n`),
      fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |`),
      fc.constantFrom('## Rules', '---', '', 'Thank you!'),
    );
    const facts = (text: string) => {
      const noCode = withoutCodeSpans(withoutCode(text));
      return {
        quotes: noCode.match(/"[^"\n]+"/g) ?? [],
        globs: noCode.match(/(?:\*\*\/\*\.ts|src\/\*\*|test_\*\.py|\*\.module\.css|\*why\*|\*clojure-version\*|__init__|\*\*kwargs|\*\*Never\*\*|\*\*all\*\*)/g) ?? [],
      };
    };
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 25 }), (blocks) => {
        const input = ['# Instructions', '', ...blocks, ''].join('\n');
        const once = run(input);
        const out = withoutMarker(once.text);
        assert.ok(!/[\uE000-\uE004]/.test(once.text), 'a placeholder or mark leaked');
        const a = protectedSpans(input);
        const b = protectedSpans(out);
        assert.deepEqual(b.headings, a.headings);
        for (const key of ['inline', 'urls', 'numbers', 'negations'] as const) assert.ok(isSubsequence(b[key], a[key]), `${key}: ${JSON.stringify(b[key])} vs ${JSON.stringify(a[key])}`);
        const x = facts(input);
        const y = facts(out);
        for (const key of ['quotes', 'globs'] as const) assert.ok(isSubsequence(y[key], x[key]), `${key}: ${JSON.stringify(y[key])} vs ${JSON.stringify(x[key])}`);
        assert.equal(run(once.text).text, once.text, 'not idempotent');
        assert.equal(run(input).text, once.text, 'not byte-stable');
      }),
      { numRuns: 300 },
    );
  });

  it('claims instruction files by name', () => {
    for (const f of ['.github/copilot-instructions.md', '.github/instructions/react.instructions.md', 'AGENTS.md', 'sub/dir/AGENTS.md', 'CLAUDE.md', '.claude/CLAUDE.md', 'CLAUDE.local.md', 'C:\\repo\\AGENTS.md']) {
      assert.ok(isInstructionFile(f) && instructions.handlesFile!(f), f);
    }
    for (const f of ['README.md', 'instructions.md', 'docs/AGENTS.md.bak', 'copilot-instructions.txt']) assert.ok(!isInstructionFile(f), f);
    assert.ok(instructions.matches!(parseCommand('cat .github/copilot-instructions.md')));
    assert.ok(!instructions.matches!(parseCommand('cat README.md')));
  });

  it('never throws on bad input', () => {
    assert.doesNotThrow(() => run(''));
    assert.equal(run('\uE000 private use\n').text, '\uE000 private use\n');
    assert.doesNotThrow(() => run(('please '.repeat(10_000) + '\n').repeat(3)));
    assert.doesNotThrow(() => run('`'.repeat(50_000)));
    assert.doesNotThrow(() => run(('a/'.repeat(20_000) + '\n').repeat(3)));
    assert.equal(run('# T\n\nPlease \uE004 run.\n').text, '# T\n\nPlease \uE004 run.\n');
    // Runs of name characters that are no path, glob or file name are scanned once (a quadratic
    // scan of these takes minutes and fails on the test timeout).
    for (const s of ['a-', 'a.', '**', 'a*', '*a', '/*', '`a', '"a']) assert.ok(parkSpans(s.repeat(50_000)).spans.length >= 0);
    assert.equal(parkSpans(`${'*'.repeat(100_000)}a`).spans.length, 0);
    for (const s of ['**', '"', '*a', '__a ', 'you should ', 'make sure that ', '- [ ] ', '| ']) {
      const text = (s.repeat(400) + '\n').repeat(50);
      assert.doesNotThrow(() => run(text), JSON.stringify(s));
    }
  });

  it('goes through the engine by file name; small files stay below the engine threshold', async () => {
    const fixture = fixtureCases().find((f) => f.compressorId === 'instructions' && f.name === 'copilot-instructions-webapp')!;
    const result = compress(fixture.input, { fileName: '.github/copilot-instructions.md' }, engines);
    assert.equal(result.compressor, 'instructions');
    assert.equal(result.type, 'instructions');
    assert.ok(result.tokensAfter < result.tokensBefore);
    const small = compress('# Rules\n\nPlease make sure to use `pnpm`. Thank you!\n', { fileName: 'AGENTS.md' }, engines);
    assert.equal(small.compressor, 'passthrough');
    const rules = ['use `pnpm`, never `npm`', 'run `pnpm test` before pushing', 'keep functions short', 'write a test for every bug fix', 'document public functions'];
    const politeSmall = `# Rules\n\n${rules.map((r) => `- Please make sure to ${r}.`).join('\n')}\n\nThank you so much for your help!\n`;
    assert.equal(compress(politeSmall, { fileName: 'AGENTS.md' }, engines).compressor, 'passthrough');
    const lowered = compress(politeSmall, { fileName: 'AGENTS.md', minTokens: 0 }, engines);
    assert.equal(lowered.compressor, 'instructions');
  });
});

function isSubsequence(sub: readonly string[], full: readonly string[]): boolean {
  let k = 0;
  for (const s of full) if (k < sub.length && sub[k] === s) k++;
  return k === sub.length;
}
