import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sha256Hex } from '../../src/compressors/shared/sha256';
import { OriginalsStore, defaultStoreDir } from '../../src/runtime/originalsStore';

const utf8 = new TextEncoder();
const original = (text: string) => {
  const bytes = utf8.encode(text);
  return { id: sha256Hex(bytes).slice(0, 12), bytes };
};

describe('originals store', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'hr-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips any bytes exactly, from memory and from disk', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const id = sha256Hex(bytes).slice(0, 12);
      new OriginalsStore({ dir }).put([{ id, bytes }]);
      const fresh = new OriginalsStore({ dir }).get(id); // another process: disk only
      assert.ok(fresh.found);
      assert.deepEqual(fresh.bytes, bytes);
    }), { numRuns: 50 });
  });

  it('evicts the oldest first when over its byte cap, and says "expired" for them', () => {
    let now = 1_000_000;
    const store = new OriginalsStore({ dir, maxBytes: 2500, now: () => now });
    const items = ['a', 'b', 'c', 'd'].map((c) => original(c.repeat(1000)));
    for (const item of items) {
      now += 1000;
      store.put([item]);
    }
    // The cap is checked at the first write and whenever the running estimate passes it.
    const fresh = new OriginalsStore({ dir, maxBytes: 2500, now: () => now });
    assert.equal(fresh.get(items[0].id).found, false);
    const lookup = fresh.get(items[0].id);
    assert.ok(!lookup.found && lookup.reason === 'expired', JSON.stringify(lookup));
    assert.match(!lookup.found ? lookup.message : '', /has expired .* Re-run the command/);
    assert.ok(fresh.get(items[3].id).found);
  });

  it('expires originals older than the maximum age', () => {
    let now = 0;
    const item = original('old news\n'.repeat(10));
    new OriginalsStore({ dir, now: () => now }).put([item]);
    now = 8 * 24 * 3600 * 1000;
    const later = new OriginalsStore({ dir, now: () => now });
    const lookup = later.get(item.id);
    assert.ok(!lookup.found && lookup.reason === 'expired');
  });

  it('tells an unknown id from an invalid one', () => {
    const store = new OriginalsStore({ dir });
    const unknown = store.get('0123456789ab');
    assert.ok(!unknown.found && unknown.reason === 'unknown');
    const invalid = store.get('../../etc/passwd');
    assert.ok(!invalid.found && invalid.reason === 'invalid-id');
    assert.deepEqual(readdirSync(dir), []);
  });


  it('keeps working in memory when the directory cannot be written', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const store = new OriginalsStore({ dir: join(file, 'originals') }); // a directory under a file: ENOTDIR
    const item = original('x'.repeat(100));
    assert.deepEqual(store.put([item]), [item.id]);
    assert.ok(store.get(item.id).found);
  });

  it('bounds its memory cache', () => {
    const store = new OriginalsStore({ memoryBytes: 1500 });
    const items = ['a', 'b'].map((c) => original(c.repeat(1000)));
    store.put(items);
    assert.equal(store.get(items[0].id).found, false);
    assert.equal(store.get(items[1].id).found, true);
  });

  it('uses HEADROOM_STORE_DIR, then XDG_CACHE_HOME', () => {
    assert.equal(defaultStoreDir({ HEADROOM_STORE_DIR: '/x' }), '/x');
    assert.equal(defaultStoreDir({ XDG_CACHE_HOME: '/c' }), '/c/headroom/originals');
  });
});
