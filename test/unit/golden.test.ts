// Every fixture case: routed to the compressor its folder names, output equal to the golden file,
// every needle kept verbatim, never larger, and every marker redeemable byte for byte.
// UPDATE_GOLDEN=1 rewrites the golden files; review them in the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compress } from '../../src/compressors/compress';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const update = process.env.UPDATE_GOLDEN === '1';

describe('golden fixtures', () => {
  const cases = fixtureCases();

  it('has fixtures to check', () => assert.ok(cases.length > 0, 'no fixtures found under test/fixtures'));

  for (const fixture of cases) {
    describe(`${fixture.family}/${fixture.compressorId}/${fixture.name}`, () => {
      it('is compressed by the compressor its folder names, as in the golden file', async () => {
        const result = compress(fixture.input, fixture.meta, await testEngines());
        assert.equal(result.compressor, fixture.compressorId, `routed to ${result.compressor}: ${JSON.stringify(result.transforms)}`);
        if (update || !existsSync(fixture.expectedPath)) {
          if (!update) assert.fail(`missing golden file ${fixture.expectedPath}: run UPDATE_GOLDEN=1 npm run test:unit`);
          writeFileSync(fixture.expectedPath, result.text);
        }
        assert.equal(result.text, readFileSync(fixture.expectedPath, 'utf8'));
      });

      it('keeps every needle verbatim and is smaller', async () => {
        const result = compress(fixture.input, fixture.meta, await testEngines());
        const missing = fixture.meta.needles.filter((needle) => !result.text.includes(needle));
        assert.deepEqual(missing, [], 'needles lost');
        assert.ok(result.tokensAfter < result.tokensBefore, `${result.tokensAfter} tokens is not fewer than ${result.tokensBefore}`);
      });

      it('can give back every cut byte for byte', async () => {
        const result = compress(fixture.input, fixture.meta, await testEngines());
        const originals = new Map(result.originals.map((o) => [o.id, o.bytes]));
        assert.ok(result.markers.length > 0, 'a smaller output must carry at least one marker');
        for (const marker of result.markers) {
          const bytes = originals.get(marker.id);
          assert.ok(bytes, `marker ${marker.id} has no original`);
          if (marker.lines) {
            const part = sliceOriginal(bytes, { lines: marker.lines });
            assert.ok(part.ok && part.bytes.length > 0, `lines ${marker.lines.join('-')} of ${marker.id} are empty`);
          }
        }
        assert.ok(result.originals.some((o) => Buffer.from(o.bytes).equals(Buffer.from(fixture.input))), 'the whole input is not among the originals');
      });
    });
  }
});
