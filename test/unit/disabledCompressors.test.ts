// `disabled` (the headroom.compressors.disabled setting): a switched-off compressor is never used, the
// generic one takes its place, and the generic fallback itself cannot be switched off.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../src/compressors/compress';
import type { Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { FIXTURE_ROOT } from '../helpers/fixtures';

describe('disabled compressors', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });
  const input = () => readFileSync(join(FIXTURE_ROOT, 'shell', 'nodeTest', 'spec-failures.txt'), 'utf8');

  it('routes around a disabled compressor to the generic one, and says nothing else changed', () => {
    const normal = compress(input(), { command: 'node --test' }, engines);
    assert.equal(normal.compressor, 'nodeTest');
    const without = compress(input(), { command: 'node --test', disabled: ['nodeTest'] }, engines);
    assert.equal(without.compressor, 'generic');
    assert.ok(!without.transforms.some((t) => t.step === 'route:nodeTest'));
    assert.ok(without.tokensAfter <= without.tokensBefore);
  });

  it('cannot disable the generic fallback, and ignores unknown ids', () => {
    const result = compress(input(), { command: 'node --test', disabled: ['nodeTest', 'generic', 'noSuchCompressor'] }, engines);
    assert.equal(result.compressor, 'generic');
    assert.equal(compress(input(), { command: 'node --test', disabled: [] }, engines).compressor, 'nodeTest');
  });
});
