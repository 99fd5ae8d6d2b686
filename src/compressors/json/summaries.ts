// Short summaries of what a cut held, built only from the input: a collapsed value's shape
// (`{12 keys: a, b, …}`, `[40 items, all objects]`) and dropped rows counted by a telling column
// (`status.phase: Running ×8`).
import type { MarkerUnit } from '../types';
import { JsonObject, type JsonValue } from './parseJson';
import type { TableLayout } from './tableLayout';
import { flow, formatKey, formatScalar, GAP } from './textForms';

/** A collapsed value is summarised only when its one-line form is longer than this. */
const SUMMARY_MIN_CHARS = 60;
/** The key names listed in a summary take at most this many characters. */
const SUMMARY_KEY_CHARS = 80;
// Column names that say what state a row is in: `status.phase`, `state`, `level`, `severity`, `result`.
const STATUS_LIKE = /(?:^|\.)(?:status|state|phase|level|severity|result|outcome|conclusion|kind|type)$/i;

/** `{12 keys: a, b, c, …}` or `[40 items]`: what a collapsed value held, for containers worth collapsing. */
export function shapeSummary(value: JsonObject | readonly JsonValue[]): { text: string; count: number; unit: MarkerUnit } | undefined {
  if (flow(value, SUMMARY_MIN_CHARS).length <= SUMMARY_MIN_CHARS) return undefined;
  if (value instanceof JsonObject) {
    const names = value.entries.map(([k]) => formatKey(k, 'flow'));
    let text = '';
    for (const name of names) {
      if (text.length + name.length > SUMMARY_KEY_CHARS) break;
      text += (text ? ', ' : '') + name;
    }
    const shown = text.split(', ').length;
    return { text: `{${names.length} keys: ${text}${shown < names.length ? `, ${GAP}` : ''}}`, count: names.length, unit: 'keys' };
  }
  const items = value as readonly JsonValue[];
  const objects = items.filter((v) => v instanceof JsonObject).length;
  return { text: `[${items.length} items${objects === items.length ? ', all objects' : ''}]`, count: items.length, unit: 'items' };
}

/**
 * "status.phase: Running ×8" or "file: Form.tsx ×20, Card.tsx ×19": the dropped rows counted by one
 * column with few values — a status-like column first, then one that splits them, fewest values first.
 */
export function facetSummary(layout: TableLayout, dropped: readonly number[]): string | undefined {
  let best: { rank: number; counts: Map<string, number>; name: string } | undefined;
  for (const column of layout.columns) {
    if (column.isKey) continue;
    const counts = new Map<string, number>();
    for (const r of dropped) {
      const v = column.values[r];
      if (v === undefined || v instanceof JsonObject || Array.isArray(v)) continue;
      const text = typeof v === 'string' ? v : formatScalar(v as Exclude<JsonValue, string | object>, 'flow');
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    if (counts.size < 1 || counts.size > 6) continue;
    const rank = (STATUS_LIKE.test(column.name) ? 0 : counts.size >= 2 ? 100 : 200) + counts.size;
    if (!best || rank < best.rank) best = { rank, counts, name: column.name };
  }
  if (!best) return undefined;
  const parts = [...best.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v, c]) => `${v} ×${c}`);
  return `${best.name}: ${parts.join(', ')}; one row per line`;
}
