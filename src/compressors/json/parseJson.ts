// A lossless JSON reader for the JSON compressor. `JSON.parse` would round big integers
// (ids > 2^53), rewrite number literals (1.0 → 1) and reorder integer-like keys; this keeps every
// number as its source text and every object entry in source order, duplicates included.
// Recursive descent with a depth cap: past MAX_DEPTH it gives up (returns undefined) rather than
// risk the stack, and the router falls back to the generic compressor.

/** A number kept as it was written (`1.50`, `1e3`, `12345678901234567890`). */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** An object's entries in source order (duplicate keys kept). */
export class JsonObject {
  constructor(readonly entries: readonly (readonly [string, JsonValue])[]) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonObject | readonly JsonValue[];

export const MAX_DEPTH = 200;

/** Parses a whole text as one JSON value (surrounding whitespace allowed); undefined if it is not exactly that. */
export function parseJson(text: string): JsonValue | undefined {
  const parser = new Parser(text);
  try {
    parser.skipSpace();
    const value = parser.value(0);
    parser.skipSpace();
    return parser.pos === text.length ? value : undefined;
  } catch {
    return undefined;
  }
}

class SyntaxFailure extends Error {}

// e.g. `-12.5e+3`, `0`, `42`
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || (c === 0xfeff && this.pos === 0)) this.pos++;
      else break;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new SyntaxFailure('too deep');
    const t = this.text;
    const c = t[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (t.startsWith('true', this.pos)) return (this.pos += 4), true;
    if (t.startsWith('false', this.pos)) return (this.pos += 5), false;
    if (t.startsWith('null', this.pos)) return (this.pos += 4), null;
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (!m) throw new SyntaxFailure(`unexpected ${c}`);
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private object(depth: number): JsonObject {
    this.pos++;
    const entries: (readonly [string, JsonValue])[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new JsonObject(entries);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new SyntaxFailure('key expected');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ':') throw new SyntaxFailure(': expected');
      this.skipSpace();
      entries.push([key, this.value(depth + 1)]);
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === '}') return new JsonObject(entries);
      if (next !== ',') throw new SyntaxFailure(', or } expected');
    }
  }

  private array(depth: number): JsonValue[] {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ']') return items;
      if (next !== ',') throw new SyntaxFailure(', or ] expected');
    }
  }

  private string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes before the closing quote (one scan; indexOf would look past the quote).
    let end = start;
    while (end < t.length) {
      const c = t.charCodeAt(end);
      if (c === 0x22 || c === 0x5c) break;
      if (c < 0x20) throw new SyntaxFailure('control character in string');
      end++;
    }
    if (end >= t.length) throw new SyntaxFailure('unterminated string');
    if (t.charCodeAt(end) === 0x22) {
      this.pos = end + 1;
      return t.slice(start, end);
    }
    let out = t.slice(start, end);
    let i = end;
    for (;;) {
      if (i >= t.length) throw new SyntaxFailure('unterminated string');
      const ch = t[i];
      if (ch === '"') break;
      if (ch === '\\') {
        const e = t[i + 1];
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxFailure('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else throw new SyntaxFailure('bad escape');
        continue;
      }
      // A run of plain characters up to the next quote or backslash, appended at once.
      let run = i;
      while (run < t.length) {
        const c = t.charCodeAt(run);
        if (c === 0x22 || c === 0x5c) break;
        if (c < 0x20) throw new SyntaxFailure('control character in string');
        run++;
      }
      out += t.slice(i, run);
      i = run;
    }
    this.pos = i + 1;
    return out;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Compact JSON text of a value, numbers as written: used for stashed rows and equality. */
export function toJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof JsonNumber) return value.raw;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  return `[${value.map(toJson).join(',')}]`;
}

export function isObject(value: JsonValue): value is JsonObject {
  return value instanceof JsonObject;
}

export function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** null, boolean, number or string. */
export function isScalar(value: JsonValue): value is null | boolean | string | JsonNumber {
  return value === null || typeof value !== 'object' || value instanceof JsonNumber;
}
