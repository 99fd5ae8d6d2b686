// Orders the items of a JSON collection (rows, list items, object entries) for lossy keeping when a
// token budget demands it. Always kept ("must"): the first two and the last item, items that
// report an error or failure, values that are rare in a skewed distribution (a `status` that is
// "ok" in 95 % of rows: the other 5 %), numeric outliers far outside the interquartile range, and
// items relevant to the query (BM25 over the collection). The rest follow by query relevance,
// then spread evenly over the collection, never by index alone.
import { bm25Scores, words } from '../shared/bm25';
import { JsonNumber, JsonObject, type JsonValue } from './parseJson';

export interface Ranking {
  /** Item indices, most important first. */
  readonly order: readonly number[];
  /** How many of the first items of `order` must be kept whatever the budget. */
  readonly mustKeep: number;
  /** Items kept because they report an error or are unusual: shown in full detail. */
  readonly special: readonly number[];
}

export interface RankedItem {
  readonly value: JsonValue;
  /** The object key, for entries of an object. */
  readonly key?: string;
}

// e.g. `"status": "failed"`, `"message": "connect ECONNREFUSED: connection refused"`, `"reason": "Unschedulable"`
const ERROR_WORDS = /\b(?:errors?|exceptions?|fail|fails|failed|failing|failures?|fatal|panic|panicked|crash|crashed|crashloopbackoff|imagepullbackoff|errimagepull|timeout|timed out|denied|rejected|refused|critical|unhealthy|unschedulable|insufficient|evicted|aborted|oomkilled)\b/i;
// Keys whose string value is a status or a message: an error word there is a real error.
const STATUS_KEYS = new Set(['status', 'state', 'phase', 'level', 'severity', 'result', 'outcome', 'conclusion', 'reason', 'message', 'msg', 'error', 'err', 'detail', 'summary']);
// A whole value that is an error state: `"failed"`, `"CrashLoopBackOff"`, `"ERROR"`.
const ERROR_VALUE = /^(?:errors?|errored|fail|failed|failure|fatal|crash|crashed|crashloopbackoff|oomkilled|timeout|timed[ _]out|denied|rejected|refused|aborted|critical|unhealthy|panic)$/i;

/**
 * Whether a string reports an error: an error word in a status or message field, in a sentence, or
 * as the whole value. A bare name that merely contains one (the package `http-errors`) does not count.
 */
export function isErrorText(value: string, key: string | undefined): boolean {
  // Only the first line counts: a stack starts with its error, a file's source merely mentions `Error`.
  const newline = value.indexOf('\n');
  const text = (newline < 0 ? value : value.slice(0, newline)).slice(0, ERROR_LINE_CHARS);
  if (!ERROR_WORDS.test(text)) return false;
  return (key !== undefined && STATUS_KEYS.has(key.toLowerCase())) || /\s/.test(text) || ERROR_VALUE.test(text);
}

// Keys whose presence with a non-empty value marks an error: `"error": {…}`, `"err": "…"`.
export const ERROR_KEYS: ReadonlySet<string> = new Set(['error', 'err', 'errors', 'exception', 'failure', 'failures', 'stack', 'stacktrace']);
// Counters of errors or failures: `"errorCount": 3`, `"failures": 2`, `"numFailedTests": 1` (more than zero is a failure);
// not `failureThreshold`.
const ERROR_COUNT_KEY = /(?:errors?|failures?|failed|fails|failedtests|failedtestsuites)(?:_?count)?$/;
// Keys whose `false` marks a failure: `"ok": false`, `"success": false`.
const SUCCESS_KEYS = new Set(['ok', 'success', 'succeeded', 'passed', 'healthy', 'ready']);

const MAX_TEXT_CHARS = 4000;
/** Characters of a string's first line searched for error words. */
const ERROR_LINE_CHARS = 300;
const MIN_STATS_ITEMS = 8;
/** A field counts for statistics when at least this share of items have it. */
const COMMON_SHARE = 0.8;
/** Categorical skew: the top value covers ≥ 60 % of items and a rare value ≤ 15 %. */
const DOMINANT_SHARE = 0.6;
const RARE_SHARE = 0.15;
/** Rare values and outliers are kept only while they stay a small minority of the collection. */
const MAX_UNUSUAL_SHARE = 0.25;
const OUTLIER_IQRS = 3;

export function rankItems(items: readonly RankedItem[], query: string | undefined): Ranking {
  const n = items.length;
  const must = new Uint8Array(n);
  must[0] = 1;
  if (n >= 6) must[1] = 1;
  must[n - 1] = 1;
  const special = new Set<number>(unusualItems(items));
  items.forEach((item, i) => {
    if (reportsError(item)) special.add(i);
  });
  for (const i of special) must[i] = 1;

  const scores = query ? relevance(items, query) : items.map(() => 0);
  const best = scores.reduce((max, s) => Math.max(max, s), 0);
  // Relevant: at least half the best score and above the median, so a word every row shares
  // ("test" in every path of a test report) does not make every row relevant.
  const median = [...scores].sort((x, y) => x - y)[Math.floor(scores.length / 2)] ?? 0;
  if (best > 0) scores.forEach((s, i) => {
    if (s >= best / 2 && s > median) must[i] = 1;
  });

  const rest: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < n; i++) (must[i] ? kept : rest).push(i);
  const spread = spreadRanks(rest.length);
  const position = new Map(rest.map((index, r) => [index, spread[r]]));
  rest.sort((a, b) => scores[b] - scores[a] || position.get(a)! - position.get(b)!);
  return { order: [...kept, ...rest], mustKeep: kept.length, special: [...special].sort((a, b) => a - b) };
}

function reportsError(item: RankedItem): boolean {
  if (item.key !== undefined && ERROR_KEYS.has(item.key.toLowerCase()) && isFilled(item.value)) return true;
  let found = false;
  visit(item.value, 0, (key, value) => {
    if (found) return;
    if (typeof value === 'string' && isErrorText(value, key)) found = true;
    else if (key !== undefined) {
      const k = key.toLowerCase();
      if (ERROR_KEYS.has(k) && isFilled(value)) found = true;
      else if (SUCCESS_KEYS.has(k) && value === false) found = true;
      else if (value instanceof JsonNumber && ERROR_COUNT_KEY.test(k) && Number(value.raw) > 0) found = true;
    }
  });
  return found;
}

/** Not empty: a non-zero number, a non-empty string, object or list, `true`. */
export function isFilled(value: JsonValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (value instanceof JsonNumber) return Number(value.raw) !== 0;
  if (value instanceof JsonObject) return value.entries.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Calls `fn` for every value down to a small depth, with the key it sits under. */
function visit(value: JsonValue, depth: number, fn: (key: string | undefined, value: JsonValue) => void, key?: string): void {
  fn(key, value);
  if (depth >= 6) return;
  if (value instanceof JsonObject) for (const [k, v] of value.entries) visit(v, depth + 1, fn, k);
  else if (Array.isArray(value)) for (const v of value as readonly JsonValue[]) visit(v, depth + 1, fn, key);
}

/** Items with a rare value of a skewed categorical field, or a numeric outlier. */
function unusualItems(items: readonly RankedItem[]): number[] {
  const n = items.length;
  if (n < MIN_STATS_ITEMS) return [];
  const fields = new Map<string, (string | number | undefined)[]>();
  items.forEach((item, i) => {
    for (const [name, v] of scalarFields(item.value)) {
      let column = fields.get(name);
      if (!column) fields.set(name, (column = new Array<string | number | undefined>(n).fill(undefined)));
      column[i] = v;
    }
  });
  const found = new Set<number>();
  for (const column of fields.values()) {
    const present = column.filter((v) => v !== undefined).length;
    if (present < n * COMMON_SHARE) continue;
    for (const i of rareValues(column, present)) found.add(i);
    for (const i of outliers(column)) found.add(i);
  }
  return [...found];
}

/** Top-level scalars of an object (and of its nested objects, dotted), or the value itself for a scalar. */
function scalarFields(value: JsonValue): [string, string | number][] {
  const out: [string, string | number][] = [];
  const add = (name: string, v: JsonValue) => {
    if (v instanceof JsonNumber) out.push([name, Number(v.raw)]);
    else if (typeof v === 'string') out.push([name, `s:${v}`]);
    else if (typeof v === 'boolean' || v === null) out.push([name, `l:${v}`]);
  };
  if (value instanceof JsonObject) {
    for (const [k, v] of value.entries) {
      if (v instanceof JsonObject) for (const [k2, v2] of v.entries) add(`${k}.${k2}`, v2);
      else add(k, v);
    }
  } else add('', value);
  return out;
}

function rareValues(column: readonly (string | number | undefined)[], present: number): number[] {
  const counts = new Map<string | number, number>();
  for (const v of column) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size < 2 || counts.size > 10) return [];
  const top = Math.max(...counts.values());
  if (top < present * DOMINANT_SHARE) return [];
  const rare: number[] = [];
  column.forEach((v, i) => {
    if (v !== undefined && counts.get(v)! <= present * RARE_SHARE) rare.push(i);
  });
  return rare.length <= column.length * MAX_UNUSUAL_SHARE ? rare : [];
}

function outliers(column: readonly (string | number | undefined)[]): number[] {
  const numbers: number[] = [];
  for (const v of column) if (typeof v === 'number' && Number.isFinite(v)) numbers.push(v);
  if (numbers.length < MIN_STATS_ITEMS) return [];
  const sorted = [...numbers].sort((a, b) => a - b);
  const q1 = sorted[Math.floor(sorted.length / 4)];
  const q3 = sorted[Math.floor((sorted.length * 3) / 4)];
  const iqr = q3 - q1;
  const far: number[] = [];
  column.forEach((v, i) => {
    if (typeof v !== 'number') return;
    if (iqr > 0 ? v < q1 - OUTLIER_IQRS * iqr || v > q3 + OUTLIER_IQRS * iqr : v !== q1) far.push(i);
  });
  return far.length <= Math.max(1, column.length * 0.1) ? far : [];
}

/**
 * BM25 of each item against the query, over the query words that at most half the items hold:
 * a word in every row ("test" in each path of a test report) says nothing about any row.
 */
function relevance(items: readonly RankedItem[], query: string): number[] {
  const docs = items.map((item) => stemmed(`${item.key ?? ''} ${plainText(item.value)}`));
  const sets = docs.map((d) => new Set(d.split(' ')));
  const telling = [...new Set(stemmed(query).split(' '))].filter((w) => {
    const df = sets.filter((set) => set.has(w)).length;
    return w !== '' && df > 0 && df <= items.length / 2;
  });
  return telling.length === 0 ? items.map(() => 0) : bm25Scores(docs, telling.join(' '));
}

/** Words of all strings and numbers of a value (keys excluded: they repeat in every row). */
export function plainText(value: JsonValue): string {
  const parts: string[] = [];
  let length = 0;
  visit(value, 0, (_key, v) => {
    if (length > MAX_TEXT_CHARS) return;
    const s = typeof v === 'string' ? v : v instanceof JsonNumber ? v.raw : undefined;
    if (s !== undefined) {
      parts.push(s);
      length += s.length + 1;
    }
  });
  return parts.join(' ').slice(0, MAX_TEXT_CHARS);
}

/** Words reduced to a crude stem so "forms" meets "Form" and "failing" meets "failed". */
export function stemmed(text: string): string {
  return words(text).map(stem).join(' ');
}

function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (/(?:s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Rank r's place in an order that covers 0…count-1 evenly at every prefix (bit-reversed ranks). */
function spreadRanks(count: number): number[] {
  let bits = 0;
  while (1 << bits < count) bits++;
  const ranks = new Array<number>(count);
  for (let r = 0; r < count; r++) {
    let reversed = 0;
    for (let b = 0; b < bits; b++) if (r & (1 << b)) reversed |= 1 << (bits - 1 - b);
    ranks[r] = reversed;
  }
  return ranks;
}
