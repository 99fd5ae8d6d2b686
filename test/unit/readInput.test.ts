import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput } from '../../src/cli/readInput';

describe('bounded input reading', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'hr-read-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads everything up to the cap', async () => {
    const path = join(dir, 'small.txt');
    writeFileSync(path, 'a\nb\n');
    const input = await readInput(path, 100);
    assert.equal(Buffer.from(input.bytes).toString(), 'a\nb\n');
    assert.equal(input.droppedBytes, 0);
  });

  it('keeps whole lines at both ends past the cap and reports what it never kept', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${String(i).padStart(4, '0')}`);
    const path = join(dir, 'big.txt');
    writeFileSync(path, lines.join('\n') + '\n');
    const input = await readInput(path, 1000);
    const kept = Buffer.from(input.bytes).toString().split('\n').filter(Boolean);
    assert.ok(kept.every((l) => /^line \d{4}$/.test(l)), 'a line was cut in half');
    assert.equal(kept[0], 'line 0000');
    assert.equal(kept.at(-1), 'line 0999');
    assert.equal(input.droppedBytes, 10_000 - input.bytes.length);
    assert.match(input.notice, /10000 bytes; \d+ bytes in the middle were over the 1000-byte read limit and were not kept/);
  });
});
