// The engine's invariants on arbitrary input: never throws, never grows, byte-deterministic, every
// marker redeemable, and — for the generic compressor — every input line is either shown or inside
// a marker's range (nothing dropped without a marker).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compress } from '../../src/compressors/compress';
import { generic } from '../../src/compressors/generic';
import { renderTerminal } from '../../src/compressors/shared/terminal';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import { scanMarkers } from '../../src/compressors/shared/markers';
import type { CompressOptions, Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';

// Texts that look like tool output: many similar lines, errors, escapes, blanks, long lines, unicode.
const line = fc.oneof(
  fc.constantFrom('', '  ', 'npm warn deprecated glob@7.2.3', 'ERROR: build failed', 'Traceback (most recent call last):', '\x1b[32m✔\x1b[0m ok', 'progress 10%\rprogress 100%'),
  fc.tuple(fc.constantFrom('INFO', 'DEBUG', 'fetch', 'Compiling'), fc.nat(5000), fc.string({ maxLength: 30 })).map(([a, n, s]) => `${a} item ${n} ${s}`),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const outputLike = fc.array(line, { maxLength: 400 }).map((lines) => lines.join('\n'));
const options: fc.Arbitrary<CompressOptions> = fc.record({
  type: fc.option(fc.constantFrom('auto', 'log', 'shell', 'json', 'code', 'diff', 'search', 'prose', 'instructions') as fc.Arbitrary<CompressOptions['type']>, { nil: undefined }),
  command: fc.option(fc.constantFrom('npm test', 'git status', 'cargo build', 'ls -la', 'rm -rf /'), { nil: undefined }),
  budget: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
  minTokens: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
}, { requiredKeys: [] });

describe('engine invariants (property-based)', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('never throws, never grows, and is byte-deterministic', () => {
    fc.assert(fc.property(fc.oneof(outputLike, fc.string(), fc.uint8Array({ maxLength: 600 })), options, (input, opts) => {
      const first = compress(input, opts, engines);
      const again = compress(input, opts, engines);
      assert.equal(again.text, first.text);
      assert.deepEqual(again.transforms, first.transforms);
      if (first.compressor !== 'binary') assert.ok(first.tokensAfter <= first.tokensBefore, `${first.tokensAfter} > ${first.tokensBefore}`);
      assert.equal(first.tokensAfter, engines.tokens.count(first.text));
    }), { numRuns: 300 });
  });

  it('gives every marker an original, and every marker range the exact lines', () => {
    fc.assert(fc.property(outputLike, options, (input, opts) => {
      const result = compress(input, { ...opts, minTokens: 0 }, engines);
      const originals = new Map(result.originals.map((o) => [o.id, o.bytes]));
      for (const marker of result.markers) {
        const bytes = originals.get(marker.id);
        assert.ok(bytes, `no original for ${marker.id}`);
        if (marker.lines && marker.unit === 'lines') {
          const part = sliceOriginal(bytes, { lines: marker.lines });
          assert.ok(part.ok);
          assert.equal(marker.lines[1] - marker.lines[0] + 1, marker.count);
        }
      }
      assert.deepEqual(scanMarkers(result.text).filter((m) => originals.has(m.id)).length, result.markers.length);
    }), { numRuns: 300 });
  });

  it('generic: every input line is shown or inside a marker range — nothing dropped silently', () => {
    fc.assert(fc.property(outputLike, fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }), (input, budget) => {
      const rendered = renderTerminal(input).text;
      const lines = rendered.split('\n');
      const source = { id: 'aaaaaaaaaaaa', text: rendered, lines };
      const draft = generic.compress({ source, options: { budget }, engines, stash: () => 'bbbbbbbbbbbb' })!;
      const covered = new Uint8Array(lines.length);
      for (const m of draft.markers ?? []) if (m.lines) for (let n = m.lines[0]; n <= m.lines[1]; n++) covered[n - 1] = 1;
      const shown = new Set(draft.text.split('\n'));
      lines.forEach((l, i) => assert.ok(covered[i] || shown.has(l) || l.length > 2000, `line ${i + 1} ${JSON.stringify(l)} vanished`));
    }), { numRuns: 300 });
  });
});
