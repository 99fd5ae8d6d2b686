// The prose compressor with a prose model's scores (given directly, as a host hands them over): only
// kept paragraphs lose words, protected words never go, lines are never joined or emptied, every
// shortened paragraph carries a marker whose line range gives its original lines back, and a model
// that could not run leaves the deterministic output untouched, with a note.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prose, proseModelLines } from '../../src/compressors/prose';
import { dropWords } from '../../src/compressors/prose/dropWords';
import { protectedWords } from '../../src/compressors/prose/protectedWords';
import { splitWords } from '../../src/compressors/prose/splitWords';
import { scanMarkers } from '../../src/compressors/shared/markers';
import type { CompressOptions, Draft, Engines, ProseModel, ProseScores, Source } from '../../src/compressors/types';
import { PROSE_DOC } from '../helpers/proseModelFiles';
import { FILLER } from '../helpers/tinyProseModel';

const ID = '0123456789ab';
const SHA = 'a'.repeat(64);
const TOKENIZER_SHA = 'b'.repeat(64);
const FILLER_SET = new Set(FILLER);
const tokens = { encoding: 'chars', count: (t: string) => Math.ceil(t.length / 4) };
// `… [hr:0123456789ab elided 12 words L3-5]` at the end of a shortened paragraph's last line
const WORDS_MARKER = / \[hr:[0-9a-f]{12} elided (\d+) words? L(\d+)-(\d+)\]$/;

function source(text: string): Source {
  return { id: ID, text, lines: text.split('\n') };
}

/** Scores like a model that wants filler words gone: 0.1 for filler, 0.9 for the rest (a little less further on). */
function fillerScores(text: string, options: CompressOptions = {}): Map<number, number[]> {
  const src = source(text);
  const out = new Map<number, number[]>();
  for (const block of proseModelLines(src, options)) {
    for (const line of block.lines) {
      out.set(line, splitWords(src.lines[line]).map((w, k) => (FILLER_SET.has(w.text.toLowerCase().replace(/[^a-z]/g, '')) ? 0.1 : 0.9 - k / 1000)));
    }
  }
  return out;
}

function model(text: string, scores: ProseScores | undefined, keepRatio = 0.5): ProseModel {
  return { sha256: SHA, tokenizerSha256: TOKENIZER_SHA, keepRatio, scores: (t) => (t === text ? scores : undefined) };
}

function run(text: string, proseModel?: ProseModel, options: CompressOptions = {}): Draft {
  const engines: Engines = { tokens, ...(proseModel ? { proseModel } : {}) };
  const draft = prose.compress({ source: source(text), options, engines, stash: () => ID });
  assert.ok(draft, 'the prose compressor takes the document');
  return draft;
}

/** The words of `shortened` are the words of `original` with some left out, in order; the prefix is the same. */
function isWordSubsequence(original: string, shortened: string): boolean {
  const a = splitWords(original).map((w) => w.text);
  const b = splitWords(shortened).map((w) => w.text);
  if (original.slice(0, splitWords(original)[0]?.start ?? 0) !== shortened.slice(0, splitWords(shortened)[0]?.start ?? 0)) return false;
  let i = 0;
  for (const word of b) {
    // A kept word may have taken the stop (`.`, `:`) of a dropped word after it.
    while (i < a.length && a[i] !== word && !(word.startsWith(a[i]) && /^[.!?:;]+$/.test(word.slice(a[i].length)))) i++;
    if (i === a.length) return false;
    i++;
  }
  return true;
}

/**
 * Checks the output against the deterministic one line by line: each output line is either the same
 * line, or (inside a marked range) that line with words left out; the markers' ranges are the lines that changed.
 */
function assertShortenedFaithfully(input: string, withModel: Draft, without: Draft): void {
  const original = input.split('\n');
  const plain = without.text.split('\n');
  const shortened = withModel.text.split('\n');
  assert.equal(shortened.length, plain.length, 'no line joined, none added');
  let changedInRanges = 0;
  const ranges: Array<[number, number]> = [];
  shortened.forEach((line, k) => {
    const marker = WORDS_MARKER.exec(line);
    if (marker) ranges.push([Number(marker[2]), Number(marker[3])]);
    const text = marker ? line.slice(0, marker.index) : line;
    if (text === plain[k]) return;
    const index = original.indexOf(plain[k]);
    assert.ok(index >= 0, `line ${k + 1} of the output comes from the input`);
    assert.ok(isWordSubsequence(plain[k], text), `only words left out of ${JSON.stringify(plain[k])}, got ${JSON.stringify(text)}`);
    assert.ok(text.trim() !== '', 'a line keeps at least one word');
    changedInRanges++;
  });
  assert.ok(changedInRanges > 0, 'some lines were shortened');
  assert.equal(scanMarkers(withModel.text).filter((m) => m.unit === 'words').length, ranges.length);
  for (const [first, last] of ranges) assert.ok(first <= last && last <= original.length);
}

describe('prose compressor with a prose model', () => {
  it('drops low-scored words only inside kept paragraphs, line by line, and marks each paragraph with its original range', () => {
    const scores = fillerScores(PROSE_DOC);
    const without = run(PROSE_DOC);
    const withModel = run(PROSE_DOC, model(PROSE_DOC, { lines: scores }));
    assertShortenedFaithfully(PROSE_DOC, withModel, without);
    // The outline and the code block are byte for byte those of the deterministic output.
    const lines = withModel.text.split('\n');
    for (const line of without.text.split('\n').filter((l) => l.startsWith('#') || l.startsWith('```') || l.startsWith('cache-server '))) assert.ok(lines.includes(line), line);
    const note = withModel.transforms?.find((t) => t.step === 'prose-model')?.reason ?? '';
    assert.match(note, new RegExp(`model sha256 ${SHA}, tokenizer sha256 ${TOKENIZER_SHA}: kept \\d+ of \\d+ words`));
    // Every marker's range, read from the original, gives back exactly the lines it replaced.
    for (const line of lines) {
      const m = WORDS_MARKER.exec(line);
      if (!m) continue;
      const original = PROSE_DOC.split('\n').slice(Number(m[2]) - 1, Number(m[3]));
      const shortenedLines = lines.slice(lines.indexOf(line) - (original.length - 1), lines.indexOf(line) + 1);
      shortenedLines[shortenedLines.length - 1] = shortenedLines[shortenedLines.length - 1].replace(WORDS_MARKER, '');
      shortenedLines.forEach((s, k) => assert.ok(isWordSubsequence(original[k], s), `${s} ⊂ ${original[k]}`));
      const dropped = original.join(' ').split(/\s+/).length - shortenedLines.join(' ').split(/\s+/).length;
      assert.equal(Number(m[1]), dropped, 'the marker counts the words dropped');
    }
  });

  it('never drops inline code, URLs, paths, numbers, quoted strings, negations, identifiers or names', () => {
    // A model that wants every word gone: only the protected ones (and one word per line) may stay.
    const scores = new Map([...fillerScores(PROSE_DOC)].map(([line, ps]) => [line, ps.map(() => 0.01)]));
    const text = run(PROSE_DOC, model(PROSE_DOC, { lines: scores }, 0.05)).text;
    for (const needle of ['`npm install cache-server`', '~/.config/cache/cache.json.', '8080', 'https://logs.example.com/cache', '30', '"key rejected"', 'not', 'Never', 'retryPolicy']) {
      assert.ok(text.includes(needle), `kept ${needle}`);
    }
  });

  it('protects by kind: spans, digits, identifiers, names mid-sentence, negations, Markdown, query words', () => {
    const line = 'The Redis client uses `get()` and parseArgs with --force on v2 at a/b.ts, but never "as is" [see](x) the cache.';
    const words = splitWords(line);
    const locked = protectedWords(line, words, true, new Set(['cache']));
    const kept = words.filter((_, k) => locked[k]).map((w) => w.text);
    assert.deepEqual(kept, ['Redis', '`get()`', 'parseArgs', '--force', 'v2', 'a/b.ts,', 'never', '"as', 'is"', '[see](x)', 'cache.']);
  });

  it('keeps the stop of a dropped last word and never empties a line', () => {
    const lines = ['- the build is very slow.', 'the of a', '> quite really done:'];
    const scores = new Map(lines.map((l, i) => [i, splitWords(l).map((w) => (w.text.startsWith('slow') || w.text === 'build' ? 0.9 : 0.05))]));
    const result = dropWords(lines, [{ lines: [0] }, { lines: [1] }, { lines: [2] }], scores, 0.1, new Set(), () => true);
    assert.equal(result.lines.get(0), '- build slow.');
    assert.equal(splitWords(result.lines.get(1)!).length, 1, 'a line keeps one word');
    assert.equal(result.lines.get(2), '> done:', 'the prefix stays; a word ending the sentence stays when nothing before it does');
  });

  it('leaves a paragraph whole when the saving would not pay for its marker', () => {
    const lines = ['A short paragraph with the one filler.'];
    const scores = new Map([[0, splitWords(lines[0]).map((w) => (w.text === 'the' ? 0.01 : 0.9))]]);
    const result = dropWords(lines, [{ lines: [0] }], scores, 0.5, new Set(), (before, after) => before.length - after.length > 40);
    assert.equal(result.lines.size, 0);
    assert.equal(result.kept, result.total);
  });

  it('keeps the requested share of words where protected words allow it, and reports it', () => {
    const scores = fillerScores(PROSE_DOC);
    for (const ratio of [0.3, 0.5, 0.8]) {
      const note = run(PROSE_DOC, model(PROSE_DOC, { lines: scores }, ratio)).transforms!.find((t) => t.step === 'prose-model')!.reason;
      const [, kept, total] = /kept (\d+) of (\d+) words/.exec(note)!.map(Number);
      assert.ok(kept >= Math.ceil(total * ratio) - 1, `${kept}/${total} at ${ratio}: never below the target`);
    }
  });

  it('gives the deterministic output, with a note, when the model was unavailable or the text was not scored', () => {
    const without = run(PROSE_DOC);
    const failed = run(PROSE_DOC, model(PROSE_DOC, { lines: new Map(), unavailable: 'the model x.onnx has SHA-256 1, not the 2 given' }));
    assert.equal(failed.text, without.text);
    assert.match(failed.transforms!.find((t) => t.step === 'prose-model')!.reason, /^unavailable \(the model x\.onnx has SHA-256 1, not the 2 given\); deterministic path only$/);
    const unscored = run(PROSE_DOC, model('some other text', { lines: fillerScores(PROSE_DOC) }));
    assert.equal(unscored.text, without.text);
    assert.match(unscored.transforms!.find((t) => t.step === 'prose-model')!.reason, /not scored in advance; deterministic path only/);
  });

  it('leaves lines whose score count does not match their words as they are', () => {
    const scores = fillerScores(PROSE_DOC);
    for (const [line, ps] of scores) scores.set(line, ps.slice(1));
    assert.equal(run(PROSE_DOC, model(PROSE_DOC, { lines: scores })).text, run(PROSE_DOC).text);
  });

  it('offers the model only kept paragraph lines, never code, headings, tables or command items', () => {
    const src = source(PROSE_DOC);
    const offered = proseModelLines(src, {}).flatMap((b) => b.lines.map((i) => src.lines[i]));
    assert.ok(offered.length > 0);
    for (const line of offered) assert.ok(!line.startsWith('#') && !line.startsWith('```') && !line.startsWith('cache-server') && line.trim() !== '', line);
    assert.deepEqual(proseModelLines(source('{"a": 1}'), {}), [], 'not prose: nothing to score');
  });

  it('is deterministic and never larger, whatever the scores (property)', () => {
    const lineIndexes = [...fillerScores(PROSE_DOC).entries()];
    fc.assert(fc.property(fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 400, maxLength: 400 }), fc.float({ min: Math.fround(0.05), max: 1, noNaN: true }), (values, ratio) => {
      let v = 0;
      const scores = new Map(lineIndexes.map(([line, ps]) => [line, ps.map(() => values[v++ % values.length])]));
      const a = run(PROSE_DOC, model(PROSE_DOC, { lines: scores }, ratio));
      const b = run(PROSE_DOC, model(PROSE_DOC, { lines: new Map(scores) }, ratio));
      assert.equal(a.text, b.text);
      assert.ok(tokens.count(a.text) <= tokens.count(run(PROSE_DOC).text));
    }), { numRuns: 40 });
  });
});
