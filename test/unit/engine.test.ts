// The engine's promises on bad and unusual input: clear, honest results, never a throw.
import assert from 'node:assert/strict';
import { compress, MAX_ENGINE_CHARS } from '../../src/compressors/compress';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';

function bigLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 997 === 500) out.push(`ERROR worker ${i} failed: connection refused (attempt ${i % 7})`);
    else out.push(`INFO request ${i} served path=/api/items/${(i * 7919) % 10007} status=200 ms=${i % 97}`);
  }
  return out.join('\n') + '\n';
}

/** Lines whose first words differ, so nothing collapses as a run and only windowing can shrink it. */
function variedLog(lines: number): string {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo'];
  return Array.from({ length: lines }, (_, i) => `${words[i % 11]} ${words[(i * 3) % 11]} ${words[(i * 7) % 11]} step ${i} of the job`).join('\n');
}

describe('engine', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('returns empty output for empty input', () => {
    const result = compress('', {}, engines);
    assert.equal(result.text, '');
    assert.equal(result.tokensBefore, 0);
    assert.equal(result.tokensAfter, 0);
    assert.equal(result.transforms[0].step, 'skip');
  });

  it('leaves small input untouched and says why', () => {
    const result = compress('hello world\n', {}, engines);
    assert.equal(result.text, 'hello world\n');
    assert.equal(result.compressor, 'passthrough');
    assert.match(result.transforms.map((t) => t.reason).join(' '), /below the 120-token threshold/);
  });

  it('describes binary input in one line with a marker to the bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...new Array(3000).fill(7)]);
    const result = compress(png, {}, engines);
    assert.match(result.text, /^\[hr:[0-9a-f]{12} binary 3012 bytes: PNG image, not valid UTF-8\]$/);
    assert.equal(result.compressor, 'binary');
    assert.deepEqual(result.originals[0].bytes, png);
    assert.equal(scanMarkers(result.text)[0].id, result.originals[0].id);
  });

  it('describes invalid UTF-8 honestly instead of showing replacement characters', () => {
    const bytes = new Uint8Array(4000).map((_, i) => (i % 3 === 0 ? 0xc3 : 0x28));
    const result = compress(bytes, {}, engines);
    assert.match(result.text, /binary 4000 bytes: binary data, not valid UTF-8/);
    assert.ok(!result.text.includes('\ufffd'));
  });

  it('never throws when the tokenizer fails, and keeps the original', () => {
    const broken: Engines = { tokens: { encoding: 'broken', count: () => { throw new Error('wasm trap'); } } };
    const result = compress(bigLog(100), {}, broken);
    assert.equal(result.text, bigLog(100));
    assert.match(result.transforms.at(-1)!.reason, /engine failed, original kept: wasm trap/);
  });

  it('compresses a large log, keeping every error line, with every cut retrievable', () => {
    const log = bigLog(5000);
    const result = compress(log, { command: 'node server.js' }, engines);
    assert.ok(result.tokensAfter < result.tokensBefore / 5, `${result.tokensAfter} of ${result.tokensBefore}`);
    for (const line of log.split('\n').filter((l) => l.startsWith('ERROR'))) assert.ok(result.text.includes(line), line);
    const original = result.originals.find((o) => o.id === result.markers[0].id)!;
    for (const marker of result.markers) {
      const part = sliceOriginal(original.bytes, { lines: marker.lines });
      assert.ok(part.ok);
      assert.equal(new TextDecoder().decode(part.bytes).split('\n').filter(Boolean).length, marker.count);
    }
  });

  it('handles input over the engine cap as head and tail with the middle marked', function () {
    this.timeout(120_000);
    const log = bigLog(Math.ceil((MAX_ENGINE_CHARS + 4 * 1024 * 1024) / 80));
    const result = compress(log, {}, engines);
    assert.ok(result.transforms.some((t) => t.step === 'oversized'));
    assert.ok(result.text.length < 200_000, `${result.text.length} chars`);
    const middle = result.markers.find((m) => m.detail === 'middle of an oversized input');
    assert.ok(middle?.lines);
    const lines = log.split('\n');
    const part = sliceOriginal(result.originals[0].bytes, { lines: middle.lines });
    assert.ok(part.ok);
    assert.equal(new TextDecoder().decode(part.bytes), lines.slice(middle.lines[0] - 1, middle.lines[1]).join('\n') + '\n');
  });

  it('shortens an absurdly long line in the middle and can give it back whole', () => {
    const line = 'x'.repeat(50_000);
    const text = `start\n${line}\nend\n`;
    const result = compress(text, {}, engines);
    const marker = result.markers.find((m) => m.verb === 'truncated')!;
    assert.deepEqual(marker.lines, [2, 2]);
    const part = sliceOriginal(result.originals[0].bytes, { lines: marker.lines });
    assert.ok(part.ok && new TextDecoder().decode(part.bytes) === line + '\n');
  });

  it('is fast on pathological regex input (long runs without newlines or spaces)', function () {
    this.timeout(60_000);
    for (const evil of ['a'.repeat(200_000), 'error '.repeat(40_000), '[hr:'.repeat(50_000), '\x1b['.repeat(50_000)]) {
      const result = compress(evil, {}, engines);
      assert.ok(result.tokensAfter <= result.tokensBefore);
    }
  });

  it('keeps options apart: the same input with other options gives its own result', () => {
    const log = variedLog(600);
    const a = compress(log, { budget: 300 }, engines);
    const b = compress(log, {}, engines);
    const c = compress(log, { budget: 300 }, engines);
    assert.notEqual(a.text, b.text);
    assert.equal(a.text, c.text);
  });

  it('appends the retrieve hint once, only when something was cut', () => {
    const result = compress(bigLog(400), { retrieveHint: 'headroom retrieve {id} --lines A-B' }, engines);
    assert.ok(result.text.endsWith(`[hr: cut parts are kept; to read one: headroom retrieve ${result.markers[0].id} --lines A-B]`));
    assert.ok(!compress('short', { retrieveHint: 'x' }, engines).text.includes('cut parts'));
  });
});
