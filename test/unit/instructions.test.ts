// The instruction-file rewrite: idempotent and byte-stable, every protected span byte for byte
// (fixtures and random files), filler and same-section duplicates gone, and nothing that changes meaning.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { instructions, isInstructionFile } from '../../src/compressors/instructions';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import type { Draft, Engines, Source } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const ID = '0123456789ab';
// the compressor's own marker, on the last line before the final newline
const MARKER_LINE = /\n\[hr:[0-9a-f]{12} elided \d+ chars?: [^\]]*\](?=\n?$)/;

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

/** Spans that must survive byte for byte, in order. */
function protectedSpans(text: string): Record<string, string[]> {
  const noCode = withoutCode(text);
  return {
    code: fencedBlocks(text),
    inline: noCode.match(/`[^`\n]+`/g) ?? [],
    urls: noCode.match(/https?:\/\/[^\s<>)\]`]+/g) ?? [],
    numbers: noCode.replace(/`[^`\n]+`/g, '').match(/\d+(?:[.,]\d+)*/g) ?? [],
    negations: (noCode.replace(/`[^`\n]+`/g, '').match(/\b(?:not|no|never|without|avoid|only|\w+n't)\b/gi) ?? []).map((w) => w.toLowerCase()),
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
    assert.ok(out.includes('- run `please keep this` before pushing.'));
    assert.ok(out.includes('- read https://example.invalid/please-note-that/in-order-to.html and docs/please_read.md first.'));
    assert.ok(out.includes('```sh\n# Please make sure to keep this comment\nnpm test\n```'));
    assert.ok(!out.includes('Thank you'));
    assert.match(out, /\n\[hr:0123456789ab elided \d+ chars: filler and spacing\]\n$/);
  });

  it('removes a duplicate rule in the same section, keeps it under a sibling heading', () => {
    const rule = '- Run the linter before every commit.';
    const text = ['# Project', '', '## Frontend', '', rule, '- Use two spaces.', rule, '', '## Backend', '', rule, ''].join('\n');
    const out = withoutMarker(run(text).text);
    assert.equal(out.split(rule).length - 1, 2);
    assert.ok(out.includes(`## Backend\n\n${rule}`));
    assert.match(run(text).text, /duplicate rules L7/);
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
    assert.ok(out.includes('\nrun the tests.'));
  });

  it('compacts tables and drops thematic breaks, but not setext headings or front matter', () => {
    const text = ['---', 'applyTo: "**/*.ts"', '---', '', 'Title', '-----', '', '| Tool    | Use        |', '| :------ | ---------: |', '| `tsc`   | types      |', '', '---', '', 'Text.', ''].join('\n');
    const out = run(text).text;
    assert.ok(out.startsWith('---\napplyTo: "**/*.ts"\n---\n\nTitle\n-----\n'));
    assert.ok(out.includes('| Tool | Use |\n|:---|---:|\n| `tsc` | types |\n\nText.'));
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
