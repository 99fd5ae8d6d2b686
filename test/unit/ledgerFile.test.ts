import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../src/stats/ledger';
import { LedgerFile } from '../../src/stats/ledgerFile';

describe('ledger file', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'hr-ledger-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const record = (ledger: Ledger, file: LedgerFile, label: string) => file.append(ledger.record({ source: 'tools', label, compressor: 'log', type: 'log', tokensBefore: 100, tokensAfter: 10 }));

  it('keeps entries across a reload (a missing file is an empty history)', async () => {
    const path = join(dir, 'sub', 'ledger.jsonl');
    const file = new LedgerFile(path, 50);
    assert.deepEqual(await file.load(), { entries: [], skipped: 0 });
    const first = new Ledger({ session: 'a' });
    await Promise.all([record(first, file, 'one'), record(first, file, 'two')]);
    const reloaded = new Ledger({ session: 'b' });
    reloaded.load(await new LedgerFile(path, 50).load());
    assert.deepEqual(reloaded.recent().map((e) => e.label), ['one', 'two']);
    assert.equal(reloaded.summary().totals.saved, 180);
    assert.equal(reloaded.summary().window.count, 0, 'loaded entries are not this window\'s');
  });

  it('two windows appending to one file both survive', async () => {
    const path = join(dir, 'ledger.jsonl');
    const a = new Ledger({ session: 'a' });
    const b = new Ledger({ session: 'b' });
    const fileA = new LedgerFile(path, 50);
    const fileB = new LedgerFile(path, 50);
    await Promise.all([record(a, fileA, 'a1'), record(b, fileB, 'b1'), record(a, fileA, 'a2')]);
    const merged = new Ledger();
    merged.load(await fileA.load());
    assert.deepEqual(merged.recent().map((e) => e.label).sort(), ['a1', 'a2', 'b1']);
  });

  it('rewrites a file grown past twice its size into folded totals + the newest entries, without losing a count', async () => {
    const path = join(dir, 'ledger.jsonl');
    const file = new LedgerFile(path, 5);
    const ledger = new Ledger({ session: 'a' });
    for (let i = 0; i < 40; i++) await record(ledger, file, `r${i}`);
    const before = readFileSync(path, 'utf8').trim().split('\n').length;
    const loaded = new Ledger();
    loaded.load(await file.load());
    const after = readFileSync(path, 'utf8').trim().split('\n').length;
    assert.equal(before, 40);
    assert.equal(after, 6, 'one folded line + 5 entries');
    const again = new Ledger();
    again.load(await new LedgerFile(path, 5).load());
    assert.equal(again.summary().totals.count, 40);
    assert.equal(again.summary().totals.saved, 40 * 90);
    assert.deepEqual(again.recent().map((e) => e.label), ['r35', 'r36', 'r37', 'r38', 'r39']);
  });

  it('skips damaged lines and rewrites the file without them', async () => {
    const path = join(dir, 'ledger.jsonl');
    const file = new LedgerFile(path, 50);
    await record(new Ledger({ session: 'a' }), file, 'good');
    appendFileSync(path, '{not json\n\n{"v":1,"other":true}\n\u0000\u0001binary\n');
    const loaded = await file.load();
    assert.equal(loaded.skipped, 3);
    assert.equal(loaded.entries.length, 1);
    assert.equal((await new LedgerFile(path, 50).load()).skipped, 0);
  });

  it('clears the history', async () => {
    const path = join(dir, 'ledger.jsonl');
    writeFileSync(path, '');
    const file = new LedgerFile(path, 50);
    await record(new Ledger(), file, 'x');
    await file.clear();
    assert.equal((await file.load()).entries.length, 0);
  });
});
