import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatMarker, scanMarkers } from '../../src/compressors/shared/markers';
import type { MarkerInfo } from '../../src/compressors/types';

const VERBS = ['omitted', 'collapsed', 'elided', 'truncated', 'binary', 'unreadable'] as const;
const UNITS = ['lines', 'chars', 'bytes', 'rows', 'keys', 'items', 'files', 'tests', 'frames', 'words'] as const;

describe('marker grammar', () => {
  it('formats the documented example', () => {
    assert.equal(
      formatMarker({ id: '3f9a0c1b2d4e', verb: 'omitted', count: 240, unit: 'lines', lines: [13, 252] }),
      '[hr:3f9a0c1b2d4e omitted 240 lines L13-252]',
    );
    assert.equal(formatMarker({ id: '3f9a0c1b2d4e', verb: 'truncated', count: 1, unit: 'chars' }), '[hr:3f9a0c1b2d4e truncated 1 char]');
  });

  it('scans back exactly what it formats, whatever the detail says', () => {
    const marker = fc.record({
      id: fc.stringMatching(/^[0-9a-f]{12}$/),
      verb: fc.constantFrom(...VERBS),
      count: fc.nat(),
      unit: fc.constantFrom(...UNITS),
      lines: fc.option(fc.tuple(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 })), { nil: undefined }),
      detail: fc.option(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && !/[\]\n\r]/.test(s)), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(marker, { maxLength: 4 }), fc.string(), (markers, glue) => {
      const clean = markers.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as unknown as MarkerInfo);
      const text = clean.map(formatMarker).join(glue.replace(/\[hr:/g, ''));
      assert.deepEqual(scanMarkers(text), clean);
    }));
  });

  it('ignores look-alikes that are not ours', () => {
    assert.deepEqual(scanMarkers('<<ccr:abc123>> [hr:XYZ omitted 3 lines] [hr:3f9a0c1b2d4 omitted 3 lines]'), []);
  });

  it('keeps a detail on one line without closing brackets', () => {
    const text = formatMarker({ id: 'aaaaaaaaaaaa', verb: 'omitted', count: 2, unit: 'rows', detail: 'a]b\nc' });
    assert.equal(text, '[hr:aaaaaaaaaaaa omitted 2 rows: a)b c]');
  });

  it('scans pathological input in linear time', () => {
    const evil = '[hr:aaaaaaaaaaaa omitted 1 lines L1-'.repeat(20000);
    assert.deepEqual(scanMarkers(evil), []);
  });
});
