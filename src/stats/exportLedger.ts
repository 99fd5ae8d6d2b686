// The ledger as a file a person keeps or loads into a spreadsheet: JSON (summary + every recent
// entry) or CSV (one row per entry). No vscode, no I/O.
import type { LedgerEntry, Summary } from './ledger';
import { inputCost, type ModelPrice } from './pricing';

export type ExportFormat = 'json' | 'csv';

const CSV_COLUMNS = ['id', 'time', 'source', 'label', 'compressor', 'type', 'tokensBefore', 'tokensAfter', 'saved', 'savedUsd', 'markers', 'originalId', 'model', 'note', 'transforms'] as const;

export function exportJson(summary: Summary, entries: readonly LedgerEntry[], price: ModelPrice): string {
  const document = {
    exportedBy: 'Headroom for VS Code',
    price: { model: price.name, inputUsdPerMillion: price.input, source: price.source },
    summary: { ...summary, savedUsd: round(inputCost(summary.totals.saved, price)), windowSavedUsd: round(inputCost(summary.window.saved, price)) },
    entries: entries.map((e) => ({ ...e, time: new Date(e.at).toISOString(), savedUsd: round(inputCost(e.saved, price)) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function exportCsv(entries: readonly LedgerEntry[], price: ModelPrice): string {
  const rows = entries.map((e) => {
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number> = {
      id: e.id,
      time: new Date(e.at).toISOString(),
      source: e.source,
      label: e.label,
      compressor: e.compressor,
      type: e.type,
      tokensBefore: e.tokensBefore,
      tokensAfter: e.tokensAfter,
      saved: e.saved,
      savedUsd: round(inputCost(e.saved, price)),
      markers: e.markers,
      originalId: e.originalId ?? '',
      model: e.model ?? '',
      note: e.note ?? '',
      transforms: e.transforms.join(' | '),
    };
    return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** RFC 4180: quote cells holding a comma, quote or line break; double inner quotes. Cells a spreadsheet would run as a formula get a leading apostrophe. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
