// Which containers of a JSON document matter for a question or hold an error, so that summarising
// deep values under a budget leaves them expanded (and error reports unshortened).
import { JsonObject, type JsonValue } from './parseJson';
import { ERROR_KEYS, isErrorText, isFilled, stemmed } from './rankItems';

/** Characters of each string (and key) looked at when searching a document for query words. */
const INTEREST_CHARS = 200;
/** A query word found in more than this share of a document's strings and keys is too common to steer anything. */
const COMMON_WORD_SHARE = 0.02;

/**
 * Containers that hold an error somewhere inside (`errors`), those that hold an error or a word of
 * the query in a value or a key (`relevant`): both stay expanded when deep values are summarised.
 * `reports` are the containers that are an error report themselves (the value of an `err`/`error`
 * key, or the object holding an error message): their strings are never shortened. Query words
 * found nearly everywhere are ignored.
 */
export function interestingContainers(root: JsonValue, query: string | undefined): { readonly relevant: Set<object>; readonly errors: Set<object>; readonly reports: Set<object> } {
  const texts: string[][] = [];
  const queryWords = new Set(query ? stemmed(query).split(' ').filter((w) => w !== '') : []);
  const frequency = new Map<string, number>();
  const wordsOf = (text: string) => {
    const found = stemmed(text.slice(0, INTEREST_CHARS)).split(' ').filter((w) => queryWords.has(w));
    for (const w of new Set(found)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    texts.push(found);
    return found;
  };
  const hits = new Map<object, { words: string[]; error: boolean }>();
  const reports = new Set<object>();
  // One pass: which query words each container holds (and how common each word is), and where errors are.
  const collect = (value: JsonValue, depth: number, ownKey: string | undefined): { words: string[]; error: boolean } => {
    const own = { words: [] as string[], error: false };
    let report = ownKey !== undefined && ERROR_KEYS.has(ownKey.toLowerCase()) && isFilled(value);
    const take = (v: JsonValue, key?: string) => {
      if (key !== undefined && queryWords.size) own.words.push(...wordsOf(key));
      if (typeof v === 'string') {
        if (queryWords.size) own.words.push(...wordsOf(v));
        if (isErrorText(v, key)) own.error = report = true;
      } else if (depth < 64 && (v instanceof JsonObject || Array.isArray(v))) {
        const inner = collect(v, depth + 1, key ?? ownKey);
        own.words.push(...inner.words);
        own.error ||= inner.error;
      }
    };
    if (value instanceof JsonObject) for (const [k, v] of value.entries) take(v, k);
    else if (Array.isArray(value)) for (const v of value as readonly JsonValue[]) take(v);
    const unique = { words: [...new Set(own.words)], error: own.error || report };
    if (typeof value === 'object' && value !== null) {
      hits.set(value, unique);
      if (report) reports.add(value);
    }
    return unique;
  };
  collect(root, 0, undefined);
  const limit = Math.max(3, texts.length * COMMON_WORD_SHARE);
  const useful = new Set([...queryWords].filter((w) => (frequency.get(w) ?? 0) <= limit));
  const relevant = new Set<object>();
  const errors = new Set<object>();
  for (const [container, hit] of hits) {
    if (hit.error) errors.add(container);
    if (hit.error || hit.words.some((w) => useful.has(w))) relevant.add(container);
  }
  return { relevant, errors, reports };
}

