// A table column holding lists of objects that recur from row to row (GitHub's `labels`: the same
// few label objects in many issues) is written as a dictionary: each distinct object once, in a
// small table above, and in the rows only the list of their names:
//   labels (rows list them by name): 6 rows …
//   columns: number|title|labels
//   412|Memory grows|[bug, performance]
// The name is a field whose value differs between every two distinct objects, so each name in a
// row gives back exactly the object that stood there.
import { JsonNumber, JsonObject, toJson, type JsonValue } from './parseJson';
import { formatScalar } from './textForms';

export interface Dictionary {
  /** The field naming each object in the rows. */
  readonly keyName: string;
  /** The distinct objects, in order of first appearance. */
  readonly items: readonly JsonObject[];
  /** Each row's list of names (undefined where the row lacks the column). */
  readonly names: readonly (JsonValue | undefined)[];
}

/** Names tried first, in this order; then the field with the shortest names. */
const PREFERRED_NAMES = ['name', 'login', 'key', 'title', 'id', 'slug'];
/** A dictionary must at least halve what the column's objects take. */
const MIN_SAVING = 0.5;

/** The dictionary of a column whose values are all lists of objects (or absent), when objects recur enough to pay for it. */
export function dictionaryOf(values: readonly (JsonValue | undefined)[]): Dictionary | undefined {
  const distinct = new Map<string, JsonObject>();
  let total = 0;
  let occurrences = 0;
  for (const v of values) {
    if (v === undefined) continue;
    if (!Array.isArray(v)) return undefined;
    for (const item of v as readonly JsonValue[]) {
      if (!(item instanceof JsonObject) || item.entries.length === 0) return undefined;
      const text = toJson(item);
      total += text.length;
      occurrences++;
      if (!distinct.has(text)) distinct.set(text, item);
    }
  }
  if (occurrences < 3 || distinct.size === occurrences) return undefined;
  const items = [...distinct.values()];
  const keyName = namingField(items);
  if (keyName === undefined) return undefined;
  const nameOf = new Map<string, JsonValue>();
  let namesLength = 0;
  for (const [text, item] of distinct) nameOf.set(text, fieldOf(item, keyName)!);
  const names = values.map((v) => {
    if (v === undefined) return undefined;
    return (v as readonly JsonValue[]).map((item) => {
      const name = nameOf.get(toJson(item))!;
      namesLength += formatScalar(name as string | JsonNumber, 'flow').length + 2;
      return name;
    });
  });
  let distinctLength = 0;
  for (const text of distinct.keys()) distinctLength += text.length;
  if (distinctLength + namesLength > total * MIN_SAVING) return undefined;
  return { keyName, items, names };
}

/** A field every object has, as a string or number, different in every object; preferred names first. */
function namingField(items: readonly JsonObject[]): string | undefined {
  let best: { key: string; rank: number } | undefined;
  for (const [key] of items[0].entries) {
    const seen = new Set<string>();
    let length = 0;
    for (const item of items) {
      const v = fieldOf(item, key);
      if (typeof v !== 'string' && !(v instanceof JsonNumber)) break;
      const text = formatScalar(v, 'flow');
      if (seen.has(text)) break;
      seen.add(text);
      length += text.length;
    }
    if (seen.size !== items.length) continue;
    const preferred = PREFERRED_NAMES.indexOf(key);
    const rank = preferred >= 0 ? preferred - PREFERRED_NAMES.length : length;
    if (!best || rank < best.rank) best = { key, rank };
  }
  return best?.key;
}

/** The value of a key in an object that has it exactly once. */
function fieldOf(object: JsonObject, key: string): JsonValue | undefined {
  let found: JsonValue | undefined;
  let count = 0;
  for (const [k, v] of object.entries) {
    if (k !== key) continue;
    found = v;
    count++;
  }
  return count === 1 ? found : undefined;
}

/** A list of dictionary objects as the list of their names. */
export function namesIn(value: JsonValue, keyName: string): JsonValue {
  return Array.isArray(value) ? (value as readonly JsonValue[]).map((item) => (item instanceof JsonObject ? fieldOf(item, keyName) ?? null : item)) : value;
}
