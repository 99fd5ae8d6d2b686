// Decides how an array of objects (or an object whose values are objects) is shown as a table.
// Every value of every row ends up in exactly one place, so the table is lossless:
//   constants  fields with the same value in every row, written once above the table
//   columns    one cell per row; nested objects become dotted columns (`meta.region`), and a list
//              holding exactly one object in every row an indexed one (`containers[0].image`);
//              a string column whose values share a prefix/suffix at a word boundary shows only
//              the varying part (header `file=src/*.tsx`)
//   blocks     large nested values and long or multi-line strings, written below their row
//   sparse     fields only some rows have, written at the end of the row as `+{key: value}`
// The layout is computed over all rows, so "same in every row" stays true when rows are dropped.
import { JsonNumber, JsonObject, toJson, type JsonValue } from './parseJson';
import { derivedColumns, withAffixes, withTail, type Derived } from './columnTemplates';
import { flow } from './textForms';
import { dictionaryOf, namesIn, type Dictionary } from './dictionaries';
import { groupedColumns, type Group } from './groupedColumns';

export interface Column {
  /** Display name: `file`, `meta.region`, `containers[0].image`, or `(key)` for the keys of an object of objects. */
  readonly name: string;
  /** The value of each row (undefined where the row lacks the field). */
  readonly values: readonly (JsonValue | undefined)[];
  /** Where the value sits in a row: keys, and 0 for the one item of a one-object list. */
  readonly steps: readonly (string | number)[];
  /** Shared start and end of every value (strings only); cells show the part between. */
  readonly prefix: string;
  readonly suffix: string;
  /** The column of object keys. */
  readonly isKey?: boolean;
  /** Lists of recurring objects, shown by name (values hold the names; see dictionaries.ts). */
  readonly dictionary?: Dictionary;
  /** For a block column in every row: the one value it has wherever it is not bulky (mocha's `err: {}`), left out of those rows. */
  readonly usual?: JsonValue;
  /** Every value ends with `sep` and this row's value of `from`; cells hold the part before (less the prefix). */
  readonly tail?: { readonly from: Column; readonly sep: string };
}

export interface TableLayout {
  readonly rowCount: number;
  /** The object keys when the table shows an object of objects. */
  readonly keys?: readonly string[];
  readonly constants: readonly (readonly [string, JsonValue])[];
  /** Where the constants and the prefix/suffix columns sit in a row, for writing a row as an outline. */
  readonly rowPaths: PathTrie;
  readonly columns: readonly Column[];
  /** Columns whose every value is another column's value with a fixed text around it. */
  readonly derived: readonly Derived[];
  /** Columns written once per value of another column, and left out of the rows. */
  readonly groups: readonly Group[];
  readonly blocks: readonly Column[];
  readonly sparse: readonly Column[];
  /** For a tree (see treeLayout.ts): its rows in order, each without its children, how deep each sits, and the key holding children. */
  readonly tree?: { readonly rows: readonly JsonObject[]; readonly depths: readonly number[]; readonly childKey: string };
}

/** Tables with more varying columns than this are written one `field: value` block per row. */
export const MAX_TABLE_COLUMNS = 16;
/** Nested objects with at most this many distinct keys are spread over dotted columns… */
const MAX_FLAT_KEYS = 24;
/** …and with up to MAX_INNER_KEYS keys when at most this many of them vary between rows. */
const MAX_FLAT_VARYING = 16;
const MAX_INNER_KEYS = 200;
/** Nesting levels spread over columns (`spec.containers[0].resources.limits`). */
const MAX_FLAT_DEPTH = 5;
/** A column is sparse when fewer than this share of rows have it (tables of 4 rows or more). */
const SPARSE_SHARE = 0.5;
/** Nested values and strings longer than this on one line (or multi-line strings) in some row are written below the row. */
export const BLOCK_CELL_CHARS = 120;
/** Layout for an array of objects, or undefined when the items are not all non-empty objects with unique keys. */
export function arrayTableLayout(items: readonly JsonValue[]): TableLayout | undefined {
  if (items.length < 2) return undefined;
  const rows: Map<string, JsonValue>[] = [];
  for (const item of items) {
    const row = rowMap(item);
    if (!row) return undefined;
    rows.push(row);
  }
  const layout = layoutOf(rows);
  return layout.columns.length > 0 || layout.constants.length > 0 ? layout : undefined;
}

/** Layout for an object of at least 3 objects that share some keys (`{"express": {version,…}, …}`). */
export function mapTableLayout(object: JsonObject): TableLayout | undefined {
  if (object.entries.length < 3) return undefined;
  const keys = object.entries.map(([k]) => k);
  if (new Set(keys).size !== keys.length) return undefined;
  const rows: Map<string, JsonValue>[] = [];
  for (const [, value] of object.entries) {
    const row = rowMap(value);
    if (!row) return undefined;
    rows.push(row);
  }
  const layout = layoutOf(rows, keys);
  // Worth a table only when the rows share fields: otherwise nested blocks read better.
  const shared = layout.columns.length - 1 + layout.constants.length + layout.blocks.length;
  return shared > 0 ? layout : undefined;
}

export function rowMap(value: JsonValue): Map<string, JsonValue> | undefined {
  if (!(value instanceof JsonObject) || value.entries.length === 0) return undefined;
  const row = new Map(value.entries);
  return row.size === value.entries.length ? row : undefined;
}

function lookup(object: JsonObject, key: string): JsonValue | undefined {
  for (const [k, v] of object.entries) if (k === key) return v;
  return undefined;
}

/** Paths into a row (keys, and 0 for the one item of a one-object list) to a constant (`true`) or a column with a prefix/suffix. */
export type PathTrie = Map<string | number, PathTrie | PathLeaf>;
type PathLeaf = true | { readonly prefix: string; readonly suffix: string } | { readonly keyName: string };

interface Field {
  readonly name: string;
  readonly steps: readonly (string | number)[];
  readonly values: readonly (JsonValue | undefined)[];
  readonly present: number;
}

/** The layout of rows given as maps (with the object keys, for an object of objects). */
export function layoutOf(rows: readonly Map<string, JsonValue>[], keys?: readonly string[]): TableLayout {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k of row.keys()) {
      if (seen.has(k)) continue;
      seen.add(k);
      order.push(k);
    }
  }

  const fields: Field[] = [];
  for (const key of order) expandField(key, [key], rows.map((r) => r.get(key)), rows.length, /[.[]/.test(key) ? MAX_FLAT_DEPTH : 0, fields);

  const constants: (readonly [string, JsonValue])[] = [];
  const rowPaths: PathTrie = new Map();
  const columns: Column[] = keys ? [{ name: '(key)', values: keys, steps: [], prefix: '', suffix: '', isKey: true }] : [];
  const blocks: Column[] = [];
  const sparse: Column[] = [];
  for (const field of fields) {
    if (isConstant(field, rows.length)) {
      constants.push([field.name, field.values[0]!]);
      addPath(rowPaths, field.steps, true);
      continue;
    }
    const dictionary = dictionaryOf(field.values);
    if (dictionary) addPath(rowPaths, field.steps, { keyName: dictionary.keyName });
    const plain: Column = { name: field.name, values: dictionary?.names ?? field.values, steps: field.steps, prefix: '', suffix: '', dictionary };
    if (plain.values.some(isBulky)) blocks.push(field.present === rows.length ? withUsual(plain) : plain);
    else if (rows.length >= 4 && field.present < rows.length * SPARSE_SHARE) sparse.push(plain);
    else columns.push(plain);
  }
  const derived = derivedColumns(columns, rows.length);
  const isDerived = (column: Column) => !column.isKey && derived.some((d) => d.name === column.name);
  const groups = groupedColumns(columns.filter((c) => !isDerived(c)), rows.length);
  const grouped = new Set(groups.flatMap((g) => g.columns));
  const shown: Column[] = [];
  for (const column of columns) {
    if (isDerived(column) || grouped.has(column)) {
      addPath(rowPaths, column.steps, true);
      continue;
    }
    const withAffix = column.isKey ? column : withAffixes(column);
    if (withAffix.prefix || withAffix.suffix) addPath(rowPaths, column.steps, withAffix);
    shown.push(withAffix);
  }
  // Tails only in tables written as rows of cells (a wide table writes each row as an outline).
  if (shown.length <= MAX_TABLE_COLUMNS) shown.forEach((column, i) => (shown[i] = withTail(column, shown) ?? column));
  return { rowCount: rows.length, keys, constants, rowPaths, columns: shown, derived, groups, blocks, sparse };
}

/** Adds the field, or the dotted/indexed fields it spreads into, to `out`. */
function expandField(name: string, steps: readonly (string | number)[], values: readonly (JsonValue | undefined)[], rowCount: number, depth: number, out: Field[]): void {
  const present = values.filter((v) => v !== undefined).length;
  const field: Field = { name, steps, values, present };
  if (depth >= MAX_FLAT_DEPTH || present < 2 || present < rowCount * SPARSE_SHARE) return void out.push(field);
  // A list holding one object in every row that has it reads as that object: `containers[0].image`.
  if (values.every((v) => v === undefined || (Array.isArray(v) && v.length === 1 && v[0] instanceof JsonObject && v[0].entries.length > 0))) {
    return expandField(`${name}[0]`, [...steps, 0], values.map((v) => (v === undefined ? undefined : (v as readonly JsonValue[])[0])), rowCount, depth + 1, out);
  }
  const inner = innerKeys(values);
  if (!inner) return void out.push(field);
  const subs: Field[] = inner.map((k) => {
    const subValues = values.map((v) => (v instanceof JsonObject ? lookup(v, k) : undefined));
    return { name: `${name}.${k}`, steps: [...steps, k], values: subValues, present: subValues.filter((v) => v !== undefined).length };
  });
  // Many inner keys are spread out only when nearly all of them are the same in every row.
  if (inner.length > MAX_FLAT_KEYS && subs.filter((f) => !isConstant(f, rowCount)).length > MAX_FLAT_VARYING) return void out.push(field);
  for (const sub of subs) expandField(sub.name, sub.steps, sub.values, rowCount, depth + 1, out);
}

/** Inner keys when a field holds only non-empty objects with unique keys free of `.` and `[`; else undefined. */
function innerKeys(values: readonly (JsonValue | undefined)[]): string[] | undefined {
  const inner: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (v === undefined) continue;
    if (!(v instanceof JsonObject) || v.entries.length === 0) return undefined;
    const own = new Set<string>();
    for (const [k] of v.entries) {
      if (k === '' || /[.[]/.test(k) || own.has(k)) return undefined;
      own.add(k);
      if (!seen.has(k)) {
        seen.add(k);
        inner.push(k);
        if (inner.length > MAX_INNER_KEYS) return undefined;
      }
    }
  }
  return inner;
}

function addPath(trie: PathTrie, steps: readonly (string | number)[], leaf: PathLeaf): void {
  let node = trie;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) return void node.set(step, leaf);
    let next = node.get(step);
    if (next !== undefined && !(next instanceof Map)) return;
    if (!next) node.set(step, (next = new Map()));
    node = next;
  });
}

/**
 * For a table too wide for one line per row: the scalar columns that go in cells (at most
 * MAX_TABLE_COLUMNS, in order); the rest of each row is written below it as an outline. A column
 * inside a one-item list goes in a cell only when nothing else of that item stays in the outline,
 * so an item is never split between the two.
 */
export function wideCellColumns(layout: TableLayout): Column[] {
  const scalar = (c: Column) => !c.dictionary && c.values.every((v) => v === undefined || ((typeof v !== 'object' || v === null || v instanceof JsonNumber) && !isBulky(v)));
  const outlined = [...layout.blocks, ...layout.sparse, ...layout.columns.filter((c) => !scalar(c))];
  const startsWith = (steps: readonly (string | number)[], prefix: readonly (string | number)[]) => prefix.every((s, i) => steps[i] === s);
  const cells: Column[] = [];
  for (const c of layout.columns) {
    if (cells.length >= MAX_TABLE_COLUMNS || !scalar(c)) continue;
    const lastIndex = c.steps.reduce<number>((last, s, i) => (typeof s === 'number' ? i : last), -1);
    if (lastIndex >= 0 && outlined.some((o) => startsWith(o.steps, c.steps.slice(0, lastIndex + 1)))) continue;
    cells.push(c);
  }
  return cells;
}

/** `paths` with the given columns removed from rows too (a copy; the layout's own paths stay as they are). */
export function withoutColumns(paths: PathTrie, columns: readonly Column[]): PathTrie {
  const copy = (trie: PathTrie): PathTrie => new Map([...trie].map(([k, v]) => [k, v instanceof Map ? copy(v) : v]));
  const out = copy(paths);
  for (const c of columns) if (!c.isKey && c.steps.length > 0) addPath(out, c.steps, true);
  return out;
}

/**
 * A row as written in an outline table: without its constant fields (written once above the
 * table; objects and one-item lists left empty by the removal disappear too) and with strings of
 * prefix/suffix columns cut to the part between.
 */
export function compactRow(row: JsonObject, paths: PathTrie, copied?: (original: object, copy: object) => void): JsonObject {
  const entries: (readonly [string, JsonValue])[] = [];
  for (const [k, v] of row.entries) {
    const node = paths.get(k);
    const compact = node === undefined ? v : compactValue(v, node, copied);
    if (compact !== undefined) entries.push([k, compact]);
  }
  const copy = new JsonObject(entries);
  copied?.(row, copy);
  return copy;
}

function compactValue(value: JsonValue, node: PathTrie | PathLeaf, copied?: (original: object, copy: object) => void): JsonValue | undefined {
  if (node === true) return undefined;
  if (!(node instanceof Map)) {
    if ('keyName' in node) return namesIn(value, node.keyName);
    return typeof value === 'string' ? value.slice(node.prefix.length, value.length - node.suffix.length) : value;
  }
  if (value instanceof JsonObject) {
    const compact = compactRow(value, node, copied);
    return compact.entries.length > 0 ? compact : undefined;
  }
  const inner = node.get(0);
  if (Array.isArray(value) && value.length === 1 && inner !== undefined) {
    const item = compactValue(value[0] as JsonValue, inner, copied);
    if (item === undefined) return undefined;
    const copy = [item];
    copied?.(value, copy);
    return copy;
  }
  return value;
}

/** A block column whose values that are not bulky are all one value, in several rows, gets it as `usual`. */
function withUsual(column: Column): Column {
  let usual: JsonValue | undefined;
  let text: string | undefined;
  let count = 0;
  for (const v of column.values) {
    if (v === undefined || isBulky(v)) continue;
    const t = canonical(v);
    if (text !== undefined && t !== text) return column;
    text = t;
    usual = v;
    count++;
  }
  return usual === undefined || count < 2 ? column : { ...column, usual };
}

function isConstant(field: Field, rowCount: number): boolean {
  return rowCount >= 2 && field.present === rowCount && allEqual(field.values as JsonValue[]);
}

/** A value too large or too multi-line to sit in a table cell. */
export function isBulky(v: JsonValue | undefined): boolean {
  if (typeof v === 'string') return v.length > BLOCK_CELL_CHARS || v.includes('\n');
  return (v instanceof JsonObject || Array.isArray(v)) && flow(v, BLOCK_CELL_CHARS).length > BLOCK_CELL_CHARS;
}

function allEqual(values: readonly JsonValue[]): boolean {
  const first = canonical(values[0]);
  return values.every((v, i) => i === 0 || canonical(v) === first);
}

function canonical(value: JsonValue): string {
  return typeof value === 'string' ? `s${value}` : toJson(value);
}


