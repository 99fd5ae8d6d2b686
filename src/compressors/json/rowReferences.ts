// Arrays whose items are rows of a table shown earlier (mocha's `failures` and `passes` repeat
// whole rows of its `tests`) are written as a reference to those rows instead of a second copy:
//   failures: 3 rows, the same as the tests rows with title [adds a line, sums lines, rounds]
// Rows are named by a column whose values are unique in the earlier table, so every item is
// found again exactly (the renderer only refers to rows it has shown).
import { JsonNumber, JsonObject, toJson, type JsonValue } from './parseJson';
import type { TableLayout } from './tableLayout';
import { formatScalar } from './textForms';

/** A table written at a plain key path (`tests`, `report.tests`), whose shown rows can be referred to. */
export interface ShownTable {
  /** Its key path, as written in a reference. */
  readonly name: string;
  /** The column naming each row, and the row's value in it. */
  readonly keyName: string;
  readonly keys: readonly (string | JsonNumber)[];
  /** Whether every row is shown (then an array of most of them can name the few it leaves out). */
  readonly whole: boolean;
}

// e.g. `tests`, `data`, `items_v2`: a key that reads unambiguously inside a sentence.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function isPlainKey(key: string): boolean {
  return PLAIN_KEY.test(key);
}

/**
 * Remembers the rows of tables shown so far (by their compact JSON) and finds arrays made only of
 * such rows. Texts are cached per row object: the budget search renders the same value many times.
 */
export class RowReferences {
  private readonly rows = new Map<string, { table: ShownTable; row: number }>();

  constructor(private readonly texts: Map<object, string>) {}

  /** Registers the shown rows of a table at a plain key path, when one of its columns names every row uniquely. */
  register(name: string, rows: readonly JsonValue[], layout: TableLayout, shown: readonly number[]): void {
    const key = namingColumn(layout);
    if (!key) return;
    const table: ShownTable = { name, keyName: key.name, keys: key.values, whole: shown.length === rows.length };
    for (const r of shown) {
      const text = this.text(rows[r]);
      if (!this.rows.has(text)) this.rows.set(text, { table, row: r });
    }
  }

  /** `3 rows, the same as the tests rows with title [a, b, c]` when every listed item is a shown row of one table. */
  describe(items: readonly JsonValue[], listed: readonly number[]): string | undefined {
    if (this.rows.size === 0 || listed.length === 0) return undefined;
    let table: ShownTable | undefined;
    const rows: number[] = [];
    for (const i of listed) {
      const item = items[i];
      if (!(item instanceof JsonObject)) return undefined;
      const found = this.rows.get(this.text(item));
      if (!found || (table && found.table !== table)) return undefined;
      table = found.table;
      rows.push(found.row);
    }
    const { name, keyName, keys, whole } = table!;
    const names = (list: readonly number[]) => list.map((r) => formatScalar(keys[r], 'flow')).join(', ');
    // Most rows of a whole table, in its order: name the few left out instead.
    if (whole && listed.length === items.length && rows.every((r, i) => i === 0 || r > rows[i - 1])) {
      const taken = new Set(rows);
      const left = keys.map((_, r) => r).filter((r) => !taken.has(r));
      if (left.length > 0 && names(left).length < names(rows).length) return `the same as the ${name} rows, in order, except those with ${keyName} [${names(left)}]`;
    }
    return `the same as the ${name} rows with ${keyName} [${names(rows)}]`;
  }

  private text(value: JsonValue): string {
    if (typeof value !== 'object' || value === null || value instanceof JsonNumber) return toJson(value);
    let text = this.texts.get(value);
    if (text === undefined) this.texts.set(value, (text = toJson(value)));
    return text;
  }
}

/** The shortest column (plain name, no prefix/suffix) with a distinct string or number in every row. */
function namingColumn(layout: TableLayout): { name: string; values: (string | JsonNumber)[] } | undefined {
  let best: { name: string; values: (string | JsonNumber)[]; length: number } | undefined;
  for (const column of layout.columns) {
    if (column.isKey || !PLAIN_KEY.test(column.name)) continue;
    const values: (string | JsonNumber)[] = [];
    const seen = new Set<string>();
    let length = 0;
    for (const v of column.values) {
      if (typeof v !== 'string' && !(v instanceof JsonNumber)) break;
      const text = formatScalar(v, 'flow');
      if (seen.has(text)) break;
      seen.add(text);
      values.push(v);
      length += text.length;
    }
    if (values.length === layout.rowCount && (!best || length < best.length)) best = { name: column.name, values, length };
  }
  return best;
}
