// Long opaque strings that occur more than once in a document (a container image digest in every
// pod of a deployment) are written in full once, marked `&1`, and afterwards as `*1`: YAML's anchor
// and alias. Only strings without whitespace (ids, digests, URLs) qualify: text a reader reads as
// prose is always written out.
import { JsonObject, type JsonValue } from './parseJson';

/** Strings shorter than this are cheaper written again than referred to. */
const MIN_REPEATED_CHARS = 40;
// Whitespace anywhere: prose, not an opaque value.
const WHITESPACE = /\s/;

/** Whether a string is long and opaque enough to be referred to when written again. */
export function isRepeatable(s: string): boolean {
  return s.length >= MIN_REPEATED_CHARS && !WHITESPACE.test(s);
}

/** The qualifying strings that occur at least twice in the document (the renderer then counts what it writes). */
export function repeatedStrings(root: JsonValue): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (typeof value === 'string') {
      if (!isRepeatable(value)) continue;
      if (seen.has(value)) repeated.add(value);
      else seen.add(value);
    } else if (value instanceof JsonObject) for (const [, v] of value.entries) stack.push(v);
    else if (Array.isArray(value)) for (const v of value as readonly JsonValue[]) stack.push(v);
  }
  return repeated;
}
