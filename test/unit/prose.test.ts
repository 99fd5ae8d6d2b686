// The prose compressor: the outline and code survive, lines are only kept or dropped (never
// rewritten), drops are marked with exact ranges, the query decides what stays, and bad input is safe.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prose } from '../../src/compressors/prose';
import { parseCommand } from '../../src/compressors/shared/command';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressOptions, Draft, Source } from '../../src/compressors/types';
import { fixtureCases } from '../helpers/fixtures';

const ID = '0123456789ab';
// `[hr:0123456789ab omitted 5 lines L2-6: 1 paragraph]`
const MARKER_LINE = /^\[hr:[0-9a-f]{12} [^\]]*\]$/;
const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/;

function run(text: string, options: CompressOptions = {}): Draft | undefined {
  const source: Source = { id: ID, text, lines: text.split('\n') };
  return prose.compress({ source, options, engines: { tokens: { encoding: 'chars', count: (t) => Math.ceil(t.length / 4) } }, stash: () => ID });
}

/** Output lines (markers aside) are original lines in their original order, and markers fill the gaps exactly. */
function assertOnlyKeptOrDropped(input: string, draft: Draft): void {
  const lines = input.split('\n');
  let cursor = 0;
  const markers = [...(draft.markers ?? [])];
  for (const line of draft.text.split('\n')) {
    if (MARKER_LINE.test(line)) {
      const m = markers.shift()!;
      assert.ok(m.lines, 'a prose cut always has a line range');
      assert.equal(m.lines[0], cursor + 1, `marker starts at line ${m.lines[0]}, expected ${cursor + 1}`);
      cursor = m.lines[1];
      continue;
    }
    assert.equal(line, lines[cursor], `line ${cursor + 1} rewritten or out of order`);
    cursor++;
  }
  assert.equal(cursor, lines.length, 'the output does not account for the end of the input');
}

function headings(text: string): string[] {
  return text.split('\n').filter((l) => /^#{1,6} /.test(l));
}

function codeBlocks(text: string): string[] {
  const blocks: string[] = [];
  let open: string[] | undefined;
  for (const line of text.split('\n')) {
    if (FENCE_LINE.test(line)) {
      if (open) { open.push(line); blocks.push(open.join('\n')); open = undefined; } else open = [line];
    } else open?.push(line);
  }
  return blocks;
}

describe('prose compressor', () => {
  describe('on every prose fixture', () => {
    for (const fixture of fixtureCases().filter((f) => f.compressorId === 'prose')) {
      it(`keeps the outline and code, and only keeps or drops whole lines: ${fixture.name}`, () => {
        const input = new TextDecoder().decode(fixture.input);
        const draft = run(input, fixture.meta)!;
        assert.ok(draft, 'declined a real document');
        assertOnlyKeptOrDropped(input, draft);
        assert.deepEqual(headings(draft.text), headings(input));
        const kept = draft.text;
        for (const block of codeBlocks(input)) {
          if (kept.includes(block)) continue;
          // Only with a query may a long code block in an unrelated section go, inside a marked range.
          assert.ok(fixture.meta.query, `code block dropped without a query:\n${block.slice(0, 80)}`);
          assert.ok(block.split('\n').length > 12, 'a short code block was dropped');
        }
        const bytes = new TextEncoder().encode(input);
        for (const m of draft.markers ?? []) assert.ok(sliceOriginal(bytes, { lines: m.lines! }).ok);
      });
    }
  });

  it('keeps what the query asks about, and drops it otherwise', () => {
    const doc = [
      '# Guide', '', 'Intro paragraph about the tool and what it does for you.', '',
      '## Setup', '', 'Install it with the package manager of your choice and run the wizard.', '',
      'The wizard asks a few questions about the project layout and writes a config file.', '',
      'Proxy settings are read from HTTPS_PROXY; a corporate proxy with authentication needs NO_PROXY too.', '',
      'Later you can edit the config file by hand if the defaults do not suit the project.', '',
      '## Usage', '', 'Run the tool in the project folder and read the report it prints at the end.', '',
    ].join('\n');
    assert.ok(!run(doc)!.text.includes('HTTPS_PROXY'));
    assert.ok(run(doc, { query: 'how do I configure a proxy' })!.text.includes('Proxy settings are read from HTTPS_PROXY; a corporate proxy with authentication needs NO_PROXY too.'));
  });

  it('drops a near-duplicate paragraph even when both look relevant', () => {
    const para = 'The cache is stored in the user cache folder and expires after seven days of inactivity, unless the folder is on a network drive.';
    const doc = ['# Cache', '', para, '', 'Some other text that says something else entirely about logging levels.', '', para.replace('seven', 'seven (7)'), ''].join('\n');
    const out = run(doc, { query: 'cache expires days' })!.text;
    assert.equal(out.split(para.slice(0, 40)).length - 1, 1);
  });

  it('keeps lists of shell commands and every code block without a query', () => {
    const doc = ['# Build', '', 'Many words of explanation here that nobody asked for, repeated a little. '.repeat(4), '',
      '- `npm ci` installs the locked dependencies', '- `npm run build` writes dist/', '- `npm test` runs the suite', '- `npm run lint` checks style',
      '- `npm run bench` measures', '- `npm run package` builds the vsix', '- `npm run demo` shows it off', '',
      '## Details', '', 'More explanation that goes on and on about internals of the build. '.repeat(5), '',
      '```sh', 'make -j8 all', '```', ''].join('\n');
    const out = run(doc)!.text;
    assert.ok(out.includes('- `npm run package` builds the vsix'));
    assert.ok(out.includes('```sh\nmake -j8 all\n```'));
  });

  it('gets smaller under a budget and larger with a generous one', () => {
    const fixture = fixtureCases().find((f) => f.compressorId === 'prose' && f.name === 'debug-readme')!;
    const input = new TextDecoder().decode(fixture.input);
    const plain = run(input)!.text.length;
    assert.ok(run(input, { budget: 300 })!.text.length < plain);
    assert.ok(run(input, { budget: 4000 })!.text.length > plain);
  });

  it('claims documents, not instruction files or code', () => {
    assert.ok(prose.handlesFile!('README.md') && prose.handlesFile!('docs/guide.markdown') && prose.handlesFile!('notes.txt') && prose.handlesFile!('CHANGELOG'));
    assert.ok(prose.handlesFile!('x', 'markdown'));
    for (const f of ['AGENTS.md', 'CLAUDE.md', '.github/copilot-instructions.md', '.github/instructions/ts.instructions.md', 'src/a.ts', 'package.json']) assert.ok(!prose.handlesFile!(f), f);
    assert.ok(prose.matches!(parseCommand('cat docs/README.md')));
    assert.ok(!prose.matches!(parseCommand('cat AGENTS.md')) && !prose.matches!(parseCommand('cat src/a.ts')) && !prose.matches!(parseCommand('cat a.md b.md')));
  });

  it('sniffs Markdown documents, not logs or code', () => {
    const sniff = (text: string) => prose.sniff!({ id: ID, text, lines: text.split('\n') });
    const doc = ['# Title', '', 'A sentence of prose with several words in it.', '', '## One', '', 'More prose words here for the reader.', '', '## Two', '', 'And even more words in a paragraph.'].join('\n');
    assert.ok(sniff(doc));
    assert.ok(!sniff('# comment in a shell script\nexport A=1\nexport B=2\n'));
    assert.ok(!sniff(Array.from({ length: 30 }, (_, i) => `2024-01-01T00:00:${i} INFO request served`).join('\n')));
  });

  it('declines text that is not prose and never throws on bad input', () => {
    assert.equal(run('const a = 1;\nconst b = 2;\nfunction f() { return a + b; }\n'.repeat(20)), undefined);
    assert.equal(run(''), undefined);
    assert.doesNotThrow(() => run('#'.repeat(100_000)));
    assert.doesNotThrow(() => run('- '.repeat(50_000)));
    assert.doesNotThrow(() => run('```\nunclosed fence\n' + 'text words here\n'.repeat(1000)));
    assert.doesNotThrow(() => run(('word '.repeat(20_000) + '\n\n').repeat(5)));
  });

  it('only keeps or drops whole lines of random Markdown', () => {
    const block = fc.oneof(
      fc.stringMatching(/^[A-Za-z][a-z ,.]{10,80}$/).map((s) => s),
      fc.stringMatching(/^[a-z ]{3,30}$/).map((s) => `## ${s}`),
      fc.array(fc.stringMatching(/^[a-z ]{3,40}$/), { minLength: 1, maxLength: 8 }).map((items) => items.map((i) => `- ${i}`).join('\n')),
      fc.array(fc.stringMatching(/^[ -~]{0,40}$/), { minLength: 0, maxLength: 20 }).map((body) => ['```', ...body, '```'].join('\n')),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 40 }), fc.constantFrom('', 'list items', 'code'), (blocks, query) => {
        const input = ['# Doc', '', ...blocks.flatMap((b) => [b, ''])].join('\n');
        const draft = run(input, { query });
        if (!draft) return;
        assertOnlyKeptOrDropped(input, draft);
        assert.deepEqual(headings(draft.text), headings(input));
      }),
      { numRuns: 150 },
    );
  });
});
