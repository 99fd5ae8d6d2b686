import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLineRange, sliceOriginal } from '../../src/compressors/shared/slice';

const utf8 = new TextEncoder();
const text = (r: ReturnType<typeof sliceOriginal>) => (r.ok ? new TextDecoder().decode(r.bytes) : `ERROR ${r.error}`);

describe('slicing originals', () => {
  const doc = utf8.encode('one\ntwo\r\nthree\nfour');

  it('returns the whole original byte for byte when nothing is asked', () => {
    const r = sliceOriginal(doc, {});
    assert.ok(r.ok && r.bytes === doc);
  });

  it('returns exact lines, keeping their own line ends', () => {
    assert.equal(text(sliceOriginal(doc, { lines: [2, 3] })), 'two\r\nthree\n');
    assert.equal(text(sliceOriginal(doc, { lines: [4, 99] })), 'four');
  });

  it('joins every range back into the original', () => {
    fc.assert(fc.property(fc.string(), fc.nat(50), (s, cut) => {
      const bytes = utf8.encode(s);
      const lines = s.match(/[^\n]*\n|[^\n]+$/g)?.length ?? 0;
      if (lines === 0) return;
      const k = 1 + (cut % lines);
      const head = sliceOriginal(bytes, { lines: [1, k] });
      const tail = k < lines ? sliceOriginal(bytes, { lines: [k + 1, lines] }) : { ok: true as const, bytes: new Uint8Array() };
      assert.equal(text(head) + text(tail), s);
    }));
  });

  it('greps case-insensitively for plain text, not regexes', () => {
    assert.equal(text(sliceOriginal(doc, { grep: 'T' })), 'two\r\nthree\n');
    assert.equal(text(sliceOriginal(utf8.encode('a.b\naxb\n'), { grep: 'a.b' })), 'a.b\n');
    assert.equal(text(sliceOriginal(doc, { grep: 'o', numbered: true, lines: [1, 2] })), '1\tone\n2\ttwo\r\n');
  });

  it('explains bad requests', () => {
    assert.match(text(sliceOriginal(doc, { lines: [9, 12] })), /line 9 is past the end: the original has 4 lines/);
    assert.match(text(sliceOriginal(doc, { lines: [3, 2] })), /bad line range/);
    assert.match(text(sliceOriginal(new Uint8Array([0xff, 0xfe]), { lines: [1, 1] })), /binary/);
  });

  it('parses ranges', () => {
    assert.deepEqual(parseLineRange('12-40'), [12, 40]);
    assert.deepEqual(parseLineRange('7'), [7, 7]);
    assert.equal(parseLineRange('a-b'), undefined);
  });
});
