import assert from 'node:assert/strict';
import { exportCsv, exportJson, csvCell } from '../../src/stats/exportLedger';
import { Ledger } from '../../src/stats/ledger';
import { findPrice } from '../../src/stats/pricing';

const sonnet = findPrice(['claude-sonnet-4.6'])!;

function sample(): Ledger {
  const ledger = new Ledger({ session: 's', now: () => Date.UTC(2026, 6, 1) });
  ledger.record({ source: 'terminal', label: 'npm test, "quoted"\nsecond line', compressor: 'nodeTest', type: 'shell', tokensBefore: 2_000_000, tokensAfter: 1_000_000, transforms: [{ step: 'route:nodeTest', reason: 'command npm test matched' }], markers: 2, originalId: '3f9a0c1b2d4e' });
  ledger.record({ source: 'tools', label: '=HYPERLINK("x")', compressor: 'passthrough', type: 'auto', tokensBefore: 10, tokensAfter: 10 });
  return ledger;
}

describe('ledger export', () => {
  it('writes JSON with the summary, every entry and the money at the chosen price', () => {
    const ledger = sample();
    const parsed = JSON.parse(exportJson(ledger.summary(), ledger.recent(), sonnet));
    assert.equal(parsed.price.model, 'Claude Sonnet 4.6');
    assert.equal(parsed.summary.totals.saved, 1_000_000);
    assert.equal(parsed.summary.savedUsd, 3);
    assert.equal(parsed.entries.length, 2);
    assert.equal(parsed.entries[0].time, '2026-07-01T00:00:00.000Z');
    assert.equal(parsed.entries[0].savedUsd, 3);
    assert.equal(parsed.entries[1].saved, 0);
  });

  it('writes CSV that a spreadsheet reads back cell for cell', () => {
    const ledger = sample();
    const csv = exportCsv(ledger.recent(), sonnet);
    const rows = parseCsv(csv);
    assert.equal(rows.length, 3);
    const header = rows[0];
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1][i]]));
    assert.equal(first.label, 'npm test, "quoted"\nsecond line');
    assert.equal(first.saved, '1000000');
    assert.equal(first.savedUsd, '3');
    assert.equal(first.transforms, 'route:nodeTest: command npm test matched');
    const second = Object.fromEntries(header.map((h, i) => [h, rows[2][i]]));
    assert.equal(second.label, '\'=HYPERLINK("x")', 'a formula-looking cell is neutralised');
  });

  it('quotes only what needs quoting', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('-1'), "'-1");
  });
});

/** A small RFC 4180 reader, enough to check the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  return rows;
}
