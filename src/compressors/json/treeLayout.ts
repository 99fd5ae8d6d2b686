// A table whose rows hold more rows of the same kind under one key (`npm ls --json`: each package's
// `dependencies` is again an object of packages; threads with `replies`) is written as one tree
// instead of a table nested in every row: each row's children are the rows indented under it, all
// sharing one header and one set of constants.
//   dependencies: 106 rows in a tree; a row's dependencies are the rows indented under it
//     columns: (key)|version
//     express|4.17.1
//       accepts|1.3.8
// A row has the child key exactly when rows are indented under it (an empty child collection is
// never a tree), so every value stays where it was.
import { JsonObject, type JsonValue } from './parseJson';
import { layoutOf, rowMap, type TableLayout } from './tableLayout';

/** Deeper trees are left to the nested tables. */
const MAX_TREE_DEPTH = 48;
/** A tree needs at least this many rows in all. */
const MIN_TREE_ROWS = 4;
/** Rows under rows are of the same kind when at least this share of each one's keys are keys of the top rows. */
const SAME_KIND_SHARE = 2 / 3;

/** The tree layout of an object of objects or an array of objects, or undefined when it is not a tree. */
export function treeTableLayout(collection: JsonObject | readonly JsonValue[]): TableLayout | undefined {
  const isMap = collection instanceof JsonObject;
  const top = childRows(collection, isMap);
  if (!top) return undefined;
  const tried = new Set<string>();
  for (const [, row] of top) {
    for (const [key, value] of row.entries) {
      if (tried.has(key)) continue;
      tried.add(key);
      if (!childRows(value, isMap)) continue;
      const tree = flatten(top, key, isMap);
      if (!tree || tree.depths.every((d) => d === 0) || tree.rows.length < MIN_TREE_ROWS || !sameKind(tree.rows, tree.depths)) continue;
      const maps = tree.rows.map((r) => rowMap(r) ?? new Map<string, JsonValue>());
      const layout = layoutOf(maps, isMap ? tree.keys : undefined);
      return { ...layout, tree: { rows: tree.rows, depths: tree.depths, childKey: key } };
    }
  }
  return undefined;
}

/** Whether the rows below the top ones (depth 0) are mostly made of the keys the top rows have (eslint's `suggestions` under its `messages` are not). */
function sameKind(rows: readonly JsonObject[], depths: readonly number[]): boolean {
  const topKeys = new Set<string>();
  rows.forEach((row, i) => {
    if (depths[i] === 0) for (const [k] of row.entries) topKeys.add(k);
  });
  for (let i = 0; i < rows.length; i++) {
    if (depths[i] === 0) continue;
    const entries = rows[i].entries;
    const shared = entries.filter(([k]) => topKeys.has(k)).length;
    if (shared < entries.length * SAME_KIND_SHARE) return false;
  }
  return true;
}

/** The rows of a collection as [key, object] pairs: non-empty objects with unique keys (and unique keys in a map); else undefined. */
function childRows(value: JsonValue, isMap: boolean): (readonly [string | undefined, JsonObject])[] | undefined {
  const rows: (readonly [string | undefined, JsonObject])[] = [];
  if (isMap) {
    if (!(value instanceof JsonObject) || value.entries.length === 0) return undefined;
    const keys = new Set<string>();
    for (const [k, v] of value.entries) {
      if (keys.has(k) || !(v instanceof JsonObject) || !rowMap(v)) return undefined;
      keys.add(k);
      rows.push([k, v]);
    }
    return rows;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  for (const v of value as readonly JsonValue[]) {
    if (!(v instanceof JsonObject) || !rowMap(v)) return undefined;
    rows.push([undefined, v]);
  }
  return rows;
}

/** Every row in order (children right after their parent), without the child key; undefined if some child key holds no rows. */
function flatten(top: readonly (readonly [string | undefined, JsonObject])[], childKey: string, isMap: boolean): { rows: JsonObject[]; keys: string[]; depths: number[] } | undefined {
  const rows: JsonObject[] = [];
  const keys: string[] = [];
  const depths: number[] = [];
  const walk = (level: readonly (readonly [string | undefined, JsonObject])[], depth: number): boolean => {
    if (depth > MAX_TREE_DEPTH) return false;
    for (const [key, row] of level) {
      const own = row.entries.filter(([k]) => k !== childKey);
      rows.push(own.length === row.entries.length ? row : new JsonObject(own));
      keys.push(key ?? '');
      depths.push(depth);
      const child = row.entries.find(([k]) => k === childKey);
      if (!child) continue;
      const children = childRows(child[1], isMap);
      if (!children || !walk(children, depth + 1)) return false;
    }
    return true;
  };
  return walk(top, 0) ? { rows, keys, depths } : undefined;
}
