// Columns whose value follows from another column (every pod of one deployment has the same image,
// probe and owner; every issue by one user the same user id) are written once per value of that
// column, in a small table above the rows, and left out of the rows:
//   same in every row with the same spec.containers[0].name:
//     columns: spec.containers[0].name|spec.containers[0].image|…
//     api|registry.invalid/shop/api:1.14.2|…
// A column follows from `by` when any two rows with equal `by` values agree on it (an absent value
// counts as a value), so each row gets back exactly its own values.
import { JsonNumber, JsonObject, toJson, type JsonValue } from './parseJson';
import type { Column } from './tableLayout';

export interface Group {
  /** The column the others follow from; it stays in the rows. */
  readonly by: Column;
  /** The columns written once per value of `by`. */
  readonly columns: readonly Column[];
  /** One row per distinct value of `by` (in order of first appearance): `by` and the columns. */
  readonly rows: readonly JsonObject[];
}

/** A group saves at least this many characters, and at least this share of what its columns take in the rows. */
const MIN_SAVED_CHARS = 80;
const MIN_SAVED_SHARE = 0.4;
/** At most this many groups per table. */
const MAX_GROUPS = 2;
/** Long cell texts are measured only up to this many characters. */
const MEASURE_CHARS = 200;

/** The groups worth writing, best first, among a table's columns (the key column never moves). */
export function groupedColumns(columns: readonly Column[], rowCount: number): Group[] {
  const groups: Group[] = [];
  let left = columns.filter((c) => !c.isKey);
  while (groups.length < MAX_GROUPS) {
    const group = bestGroup(left, rowCount);
    if (!group) break;
    groups.push(group);
    left = left.filter((c) => !group.columns.includes(c));
  }
  return groups;
}

function bestGroup(columns: readonly Column[], rowCount: number): Group | undefined {
  const texts = new Map<Column, string[]>();
  const textsOf = (c: Column) => {
    let t = texts.get(c);
    if (!t) texts.set(c, (t = c.values.map((v) => (v === undefined ? '\u0000' : toJson(v)))));
    return t;
  };
  let best: { group: Group; saved: number } | undefined;
  for (const by of columns) {
    if (by.dictionary || !by.values.every((v) => typeof v === 'string' || v instanceof JsonNumber)) continue;
    const byTexts = textsOf(by);
    const first = new Map<string, number>();
    byTexts.forEach((t, r) => {
      if (!first.has(t)) first.set(t, r);
    });
    const distinct = first.size;
    if (distinct < 2 || distinct > rowCount / 2) continue;
    const followers: Column[] = [];
    let saved = 0;
    let total = 0;
    for (const c of columns) {
      // A dictionary column names objects written once above the rows: it stays a column of its own.
      if (c === by || c.dictionary) continue;
      const cTexts = textsOf(c);
      if (!cTexts.every((t, r) => t === cTexts[first.get(byTexts[r])!])) continue;
      followers.push(c);
      let length = 0;
      for (const t of cTexts) length += Math.min(t.length, MEASURE_CHARS);
      total += length;
      saved += length * (1 - distinct / rowCount);
    }
    // The `by` values are written again in the group's rows.
    for (const r of first.values()) saved -= Math.min(byTexts[r].length, MEASURE_CHARS) + 1;
    if (followers.length === 0 || saved < MIN_SAVED_CHARS || saved < total * MIN_SAVED_SHARE) continue;
    if (best && saved <= best.saved) continue;
    const rows = [...first.values()].map((r) => {
      const entries: (readonly [string, JsonValue])[] = [[by.name, by.values[r]!]];
      for (const c of followers) if (c.values[r] !== undefined) entries.push([c.name, c.values[r]!]);
      return new JsonObject(entries);
    });
    best = { group: { by, columns: followers, rows }, saved };
  }
  return best?.group;
}
