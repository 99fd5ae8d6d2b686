import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Ledger, dayOf, honestSaving, type Recorded } from '../../src/stats/ledger';

const compression = (over: Partial<Recorded> = {}): Recorded => ({ source: 'tools', label: 'npm test', compressor: 'nodeTest', type: 'shell', tokensBefore: 1000, tokensAfter: 200, ...over });

describe('savings ledger', () => {
  it('counts a saving as before − after, and a compression that gained nothing as zero', () => {
    const ledger = new Ledger();
    assert.equal(ledger.record(compression()).saved, 800);
    assert.equal(ledger.record(compression({ compressor: 'passthrough', tokensBefore: 90, tokensAfter: 90 })).saved, 0);
    // A host bug reporting more tokens after than before never becomes a negative or a positive saving.
    assert.equal(ledger.record(compression({ tokensBefore: 100, tokensAfter: 150 })).saved, 0);
    const { totals, window } = ledger.summary();
    assert.deepEqual(totals, { count: 3, tokensBefore: 1190, tokensAfter: 440, saved: 800 });
    assert.deepEqual(window, totals);
  });

  it('never claims a negative, fractional or non-numeric saving', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (before, after) => {
      const saved = honestSaving(before as number, after as number);
      assert.ok(Number.isInteger(saved) && saved >= 0);
    }));
  });

  it('breaks totals down by source, compressor and day', () => {
    const day = Date.UTC(2026, 5, 1, 12);
    const ledger = new Ledger({ now: () => day });
    ledger.record(compression());
    ledger.record(compression({ source: 'participant', compressor: 'log', tokensBefore: 500, tokensAfter: 100 }));
    ledger.record(compression({ source: 'participant', compressor: 'log', tokensBefore: 50, tokensAfter: 50 }));
    const summary = ledger.summary();
    assert.deepEqual(summary.bySource.tools, { count: 1, tokensBefore: 1000, tokensAfter: 200, saved: 800 });
    assert.deepEqual(summary.bySource.participant, { count: 2, tokensBefore: 550, tokensAfter: 150, saved: 400 });
    assert.equal(summary.byCompressor.log.saved, 400);
    assert.deepEqual(Object.keys(summary.byDay), [dayOf(day)]);
    assert.equal(summary.byDay[dayOf(day)].saved, 1200);
  });

  it('keeps only the newest entries whole and folds older ones into the totals', () => {
    const ledger = new Ledger({ maxEntries: 3 });
    for (let i = 1; i <= 10; i++) ledger.record(compression({ label: `run ${i}`, tokensBefore: 100 * i, tokensAfter: 10 * i }));
    assert.deepEqual(ledger.recent().map((e) => e.label), ['run 8', 'run 9', 'run 10']);
    const expectedSaved = [...Array(10)].reduce((sum: number, _, i) => sum + 90 * (i + 1), 0);
    assert.equal(ledger.summary().totals.saved, expectedSaved);
    assert.equal(ledger.summary().totals.count, 10);
  });

  it('merges what another window persisted without counting an entry twice or touching this window\'s totals', () => {
    const other = new Ledger({ session: 'b', maxEntries: 2 });
    for (let i = 0; i < 4; i++) other.record(compression());
    const mine = new Ledger({ session: 'a' });
    mine.record(compression({ tokensBefore: 10, tokensAfter: 5 }));
    mine.load(other.snapshot());
    mine.load(other.snapshot());
    const summary = mine.summary();
    // 2 folded (counted once per load of the folded totals) + 2 entries (deduplicated by id) + 1 own
    assert.equal(mine.recent().length, 3);
    assert.equal(summary.window.count, 1);
    assert.equal(summary.window.saved, 5);
  });

  it('sanitises damaged persisted entries instead of trusting their numbers', () => {
    const ledger = new Ledger();
    ledger.load({ entries: [{ id: 'x-1', at: 1, source: 'tools', label: 'l', compressor: 'c', type: 't', tokensBefore: -5, tokensAfter: Number.NaN, saved: 1e9, transforms: 'nope' as unknown as string[], markers: -1 }] });
    const [entry] = ledger.recent();
    assert.deepEqual({ before: entry.tokensBefore, after: entry.tokensAfter, saved: entry.saved, markers: entry.markers, transforms: entry.transforms }, { before: 0, after: 0, saved: 0, markers: 0, transforms: [] });
    ledger.load({ entries: [{ nonsense: true } as never, null as never] });
    assert.equal(ledger.recent().length, 1);
  });

  it('tells listeners about each entry and about loads', () => {
    const ledger = new Ledger();
    const seen: (string | undefined)[] = [];
    const stop = ledger.onChange((entry) => seen.push(entry?.label));
    ledger.record(compression({ label: 'one' }));
    ledger.load({ entries: [] });
    stop();
    ledger.record(compression({ label: 'two' }));
    assert.deepEqual(seen, ['one', undefined]);
  });

  it('bounds labels and transforms', () => {
    const entry = new Ledger().record(compression({ label: 'x'.repeat(10_000), transforms: [...Array(100)].map((_, i) => ({ step: `s${i}`, reason: 'r'.repeat(1000) })) }));
    assert.ok(entry.label.length <= 200);
    assert.ok(entry.transforms.length <= 24 && entry.transforms.every((t) => t.length <= 400));
  });
});
