// How single JSON values are written in the compact view. Strings are bare unless a reader could
// mistake them for something else; then they are written as JSON strings ("…", with escapes).
// Contexts differ in what is ambiguous:
//   block  `key: value` on its own line
//   flow   inside `[a, b]` / `{k: v}`: also quoted when holding , [ ] { } or `: `
//   cell   a table cell: also quoted when holding `|` or starting with `+{`
//   key    an object key: also quoted when holding `: ` or ending with `:`
import { JsonNumber, JsonObject, type JsonValue } from './parseJson';

export type TextContext = 'block' | 'flow' | 'cell' | 'key';

/** Marks a gap in a shortened inline list (`[a, b, …, z]`); a string equal to it is quoted. */
export const GAP = '…';

// e.g. `12`, `-0.5`, `1e9`: a string that reads as a number must be quoted to stay a string.
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// Control characters and the line/paragraph separators: never shown raw.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
// Characters with a meaning inside inline lists and objects.
const FLOW_SPECIAL = /[,[\]{}]|: |:$/;
// e.g. `- item`, `# note`: would read as a list item or a comment at the start of a key.
const KEY_SPECIAL = /: |:$|^- |^#/;

// e.g. `*1`, `&2 x`: would read as an alias or an anchor of a repeated string.
const ANCHOR_LIKE = /^[&*]\d/;
// ` x`, `x\u3000`: space of any kind (Unicode's too) at either end would be invisible unquoted.
const EDGE_SPACE = /^\s|\s$/;
// Words a YAML-minded reader takes for booleans or null (`status: False` in Kubernetes is a string).
const KEYWORD = /^(?:true|false|null|yes|no|on|off|~)$/i;

export function needsQuotes(s: string, context: TextContext): boolean {
  if (s === '' || s === GAP || KEYWORD.test(s)) return true;
  const first = s.charCodeAt(0);
  if (EDGE_SPACE.test(s)) return true;
  if (CONTROL.test(s) || JSON_NUMBER.test(s)) return true;
  if (first === 0x22 /* " */ || first === 0x5b /* [ */ || first === 0x7b /* { */) return true;
  // `&1 …` and `*1` are a repeated string's anchor and alias.
  if (ANCHOR_LIKE.test(s)) return true;
  switch (context) {
    case 'flow':
      return FLOW_SPECIAL.test(s);
    case 'cell':
      return s.includes('|') || s.startsWith('+{');
    case 'key':
      return KEY_SPECIAL.test(s) || s.includes('|');
    default:
      return false;
  }
}


export function formatString(s: string, context: TextContext): string {
  return needsQuotes(s, context) ? JSON.stringify(s) : s;
}

export function formatKey(key: string, context: 'block' | 'flow' = 'block'): string {
  return needsQuotes(key, 'key') || (context === 'flow' && FLOW_SPECIAL.test(key)) ? JSON.stringify(key) : key;
}

/** A scalar as written in `context`. */
export function formatScalar(value: null | boolean | string | JsonNumber, context: TextContext): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.raw;
  return formatString(value, context);
}

/**
 * A value on one line: `[a, b]`, `{k: v, k2: [1, 2]}`. Stops early (returning a string longer than
 * `limit`) once the text is known to exceed `limit`, so measuring a huge value stays cheap.
 */
export function flow(value: JsonValue, limit = Infinity): string {
  const out: string[] = [];
  let length = 0;
  const push = (s: string) => {
    out.push(s);
    length += s.length;
  };
  const walk = (v: JsonValue): void => {
    if (length > limit) return;
    if (v instanceof JsonObject) {
      push('{');
      v.entries.forEach(([k, item], i) => {
        if (length > limit) return;
        push(`${i ? ', ' : ''}${formatKey(k, 'flow')}: `);
        walk(item);
      });
      push('}');
    } else if (Array.isArray(v)) {
      push('[');
      const sep = listSeparator(v as readonly JsonValue[]);
      (v as readonly JsonValue[]).forEach((item, i) => {
        if (length > limit) return;
        if (i) push(sep);
        walk(item);
      });
      push(']');
    } else push(formatScalar(v as null | boolean | string | JsonNumber, 'flow'));
  };
  walk(value);
  return out.join('');
}

// A list item that starts with a digit: `4.21.0`, `-1`, `2026-11-20T01:11:01Z`.
const DIGIT_START = /^-?\d/;

/**
 * `, ` between list items, or `,` when every item is a number or a string starting with a digit
 * (`[110,134]`, `[0.14.0,0.14.1]`): the tokenizer splits a space from a following digit, so the
 * space would cost a token per item.
 */
export function listSeparator(items: readonly JsonValue[]): string {
  return items.length > 1 && items.every((v) => v instanceof JsonNumber || (typeof v === 'string' && DIGIT_START.test(v))) ? ',' : ', ';
}

/** True when a multi-line string can be shown as an indented literal block (`key: |`) and read back exactly. */
export function literalBlockStyle(s: string): '|' | '|-' | undefined {
  if (!s.includes('\n') || s.includes('\r')) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x09) || c === 0x7f || c === 0x2028 || c === 0x2029) return undefined;
  }
  if (s.startsWith(' ') || s.startsWith('\t') || s.startsWith('\n')) return undefined;
  if (s.endsWith('\n\n')) return undefined;
  return s.endsWith('\n') ? '|' : '|-';
}

/** A column name (`spec.containers[0].image`) as written in headers and `{…}`: quoted only when it would be misread. */
export function formatName(name: string): string {
  return needsQuotes(name, 'key') || /[,{}]/.test(name) ? JSON.stringify(name) : name;
}
