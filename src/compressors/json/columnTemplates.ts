// Column templates: what a table writes once instead of in every row. A string column whose values
// share a prefix and suffix at word boundaries shows only the part between (`file=src/components/*.tsx`),
// and a column that is another column's value inside fixed text in every row is written as a rule
// (`html_url: https://github.com/o/r/issues/<number>`) and left out of the rows.
import { JsonNumber, type JsonValue } from './parseJson';
import type { Column } from './tableLayout';

/** `url = https://api.github.com/repos/o/r/issues/<number>`: the column `name` is `prefix + from + suffix` in every row. */
export interface Derived {
  readonly name: string;
  readonly from: Column;
  readonly prefix: string;
  readonly suffix: string;
}

/** A column counts as built from another only when that one takes at least this many values. */
const MIN_DERIVED_SOURCES = 3;
/** A shared prefix/suffix is factored out only when it saves at least this many characters in all. */
const MIN_AFFIX_SAVING = 40;

/**
 * Columns that repeat another column's value inside a fixed text in every row (GitHub's
 * `html_url` = `https://github.com/o/r/issues/` + `number`). A source column is never derived itself.
 */
export function derivedColumns(columns: readonly Column[], rowCount: number): Derived[] {
  if (rowCount < 3) return [];
  const derived: Derived[] = [];
  const sources = new Set<Column>();
  for (const column of columns) {
    if (column.isKey || sources.has(column)) continue;
    const first = column.values[0];
    const numeric = first instanceof JsonNumber;
    const firstText = scalarText(first);
    if ((typeof first !== 'string' && !numeric) || firstText === undefined) continue;
    for (const from of columns) {
      if (from === column || derived.some((d) => d.name === from.name)) continue;
      const text = scalarText(from.values[0]);
      if (!text) continue;
      const at = numeric ? (firstText === text ? 0 : -1) : firstText.lastIndexOf(text);
      if (at < 0) continue;
      const prefix = firstText.slice(0, at);
      const suffix = firstText.slice(at + text.length);
      // The source must stand as a whole word (`img:<id>`, not `c<id>` or `1<f0>`) and take several
      // values, or a coincidence in a few rows would pass for a rule.
      if (WORD_CHAR.test(prefix.slice(-1)) || WORD_CHAR.test(suffix.slice(0, 1))) continue;
      if (new Set(from.values.map(scalarText)).size < MIN_DERIVED_SOURCES) continue;
      if (/[<>]/.test(prefix + suffix) || UNSAFE_AFFIX.test(prefix + suffix)) continue;
      // `endLine: <line>` says the two are equal, so they must be of one type; a template is always text.
      const sameType = (v: JsonValue | undefined, f: JsonValue | undefined) => prefix + suffix !== '' || (v instanceof JsonNumber) === (f instanceof JsonNumber);
      const matches = column.values.every((v, r) => {
        const f = from.values[r];
        const t = scalarText(f);
        if (v === undefined) return f === undefined;
        return t !== undefined && sameType(v, f) && scalarText(v) === prefix + t + suffix && (numeric ? v instanceof JsonNumber : typeof v === 'string');
      });
      if (!matches) continue;
      derived.push({ name: column.name, from, prefix, suffix });
      sources.add(from);
      break;
    }
  }
  return derived;
}

/** The text of a string or number value; undefined for anything else or an empty string. */
function scalarText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return value instanceof JsonNumber ? value.raw : undefined;
}

/**
 * A string column whose every value ends with another column's value after a fixed separator
 * (mocha's `fullTitle` = `Cart add ` + `title`): cells hold only the part before, less a shared
 * prefix (`fullTitle=Cart * <title>`). Undefined when no column fits or it saves too little.
 */
export function withTail(column: Column, columns: readonly Column[]): Column | undefined {
  if (column.isKey || column.dictionary) return undefined;
  for (const from of columns) {
    if (from === column || from.tail) continue;
    let sep: string | undefined;
    let saved = 0;
    const heads: string[] = [];
    const fits = column.values.every((v, r) => {
      if (v === undefined) return true;
      const tail = scalarText(from.values[r]);
      if (typeof v !== 'string' || tail === undefined || v.length < tail.length + 2 || !v.endsWith(tail)) return false;
      const s = v[v.length - tail.length - 1];
      if ((sep !== undefined && s !== sep) || WORD_CHAR.test(s) || UNSAFE_AFFIX.test(s) || s === '<' || s === '>') return false;
      sep = s;
      saved += tail.length;
      heads.push(v.slice(0, v.length - tail.length - 1));
      return true;
    });
    if (!fits || sep === undefined || saved < MIN_AFFIX_SAVING || heads.length < 4) continue;
    // A shared start of the heads is factored out too, as long as every head keeps something.
    let prefix = trimToBoundary(heads.reduce((p, h) => commonPrefix(p, h)), 'end');
    if (heads.some((h) => h.length <= prefix.length) || !safeAffix(prefix) || /[<>]/.test(prefix)) prefix = '';
    if (heads.some((h) => h === '')) continue;
    return { ...column, prefix, suffix: '', tail: { from, sep } };
  }
  return undefined;
}

/** What a cell shows of a string in a column with a prefix, suffix or tail: the part between. */
export function starPart(column: Column, value: string, row: number): string {
  const end = column.tail ? value.length - column.tail.sep.length - (scalarText(column.tail.from.values[row])?.length ?? 0) : value.length - column.suffix.length;
  return value.slice(column.prefix.length, end);
}

/** Finds a prefix and suffix shared by every value of a string column, cut at non-alphanumeric boundaries. */
export function withAffixes(column: Column): Column {
  const strings: string[] = [];
  for (const v of column.values) {
    if (v === undefined) continue;
    if (typeof v !== 'string') return column;
    strings.push(v);
  }
  if (strings.length < 4 || new Set(strings).size < 3) return column;
  let prefix = strings.reduce((p, s) => commonPrefix(p, s));
  prefix = trimToBoundary(prefix, 'end');
  const rests = strings.map((s) => s.slice(prefix.length));
  let suffix = rests.reduce((p, s) => commonSuffix(p, s));
  suffix = trimToBoundary(suffix, 'start');
  if ((prefix.length + suffix.length) * strings.length < MIN_AFFIX_SAVING || prefix.length + suffix.length < 3) return column;
  if (!safeAffix(prefix) || !safeAffix(suffix)) return column;
  return { ...column, prefix, suffix };
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return a.slice(0, i);
}

function commonSuffix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return a.slice(a.length - i);
}

// A word character: an affix ends where a word ends, so `dev3@x.com` factors as `dev*@x.com`, not `d*`.
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Shortens an affix so the factored part starts/ends at a non-word character, never inside a
 * number (`express@4.` → `express@`, `2026-11-` → ``, so cells read `4.21.0`, not `21.0`) or a surrogate pair.
 */
function trimToBoundary(affix: string, side: 'start' | 'end'): string {
  if (side === 'end') {
    let i = affix.length;
    for (;;) {
      while (i > 0 && WORD_CHAR.test(affix[i - 1])) i--;
      if (i > 1 && /[.:-]/.test(affix[i - 1]) && /\d/.test(affix[i - 2])) i--;
      else break;
    }
    if (i > 0 && isHighSurrogate(affix.charCodeAt(i - 1))) i--;
    return affix.slice(0, i);
  }
  let i = 0;
  for (;;) {
    while (i < affix.length && WORD_CHAR.test(affix[i])) i++;
    if (i + 1 < affix.length && /[.:-]/.test(affix[i]) && /\d/.test(affix[i + 1])) i++;
    else break;
  }
  if (i < affix.length && isLowSurrogate(affix.charCodeAt(i))) i++;
  return affix.slice(i);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
// Affixes are shown in the header as `name=prefix*suffix`: no `*`, `|`, quotes or control characters.
const UNSAFE_AFFIX = /[*|"\u0000-\u001f\u007f\u2028\u2029]/;

function safeAffix(affix: string): boolean {
  return !UNSAFE_AFFIX.test(affix);
}
