// What the instructions rewrite must never change inside a line of prose: inline code, URLs, link
// targets, quoted strings, globs, paths and file names (parked behind placeholders while phrases are
// rewritten), and every number and negation word (compared after the rewrite).
import { DOUBLE_NEGATIVE } from './tersePhrases';

// Private-use placeholders stand in for protected spans while phrases are rewritten.
const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';
// `\uE0003\uE001` — one placeholder
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

// One alternative per kind, tried left to right at each position:
//   `` `npm test` ``                         inline code (closed by the same number of backticks)
//   `<https://x.dev/a>`, `](docs/a.md)`       autolinks and link targets
//   `https://x.dev/a?b=1`                     bare URLs
//   `"fix(api): …"`, `“Save”`                 quoted strings: literal text the model may have to reproduce
//   `src/**/*.ts`, `and/or`, `tsconfig.json`  a run of name characters, parked when it is a glob, path or file name
// Each alternative starts with a fixed character or is one character class, so the scan stays linear.
const PROTECTED_SPAN = /`+|<https?:[^>\s]*>|\]\([^)\s]*\)|https?:\/\/[^\s<>)\]`]+|"[^"\n]{1,200}"|“[^”\n]{1,200}”|[\w.~@/*-]+/g;
// `**/*.ts`, `src/**`, `test_*.py`, `*.module.css` — a star before or after a `/`, or before a `.`: a glob,
// parked whole (not `**Done.**`, where the stars after the dot close the emphasis)
const GLOB_STAR = /\*\/|\/\*|\*\.[\w*]/;
// `docs/a.md`, `@scope/pkg`, `~/.config` — a path
const PATH = /\//;
// `tsconfig.json`, `Node.js`, `e.g` — a file name (a dot followed by a letter)
const FILE_NAME = /\.[A-Za-z]/;
// `3`, `5.6`, `1,000`, `4.5` in `4.5:1`
const NUMBER = /\d+(?:[.,]\d+)*/g;
// `not`, `never`, `don't`, `without`, `only` … (a rule that loses one of these says something else)
export const NEGATION = /\b(?:not|no|never|none|nor|neither|nothing|nobody|nowhere|cannot|without|avoid|except|unless|only|\w+n't)\b/gi;

export interface Parked {
  /** The text with each protected span replaced by a placeholder. */
  readonly text: string;
  readonly spans: readonly string[];
}

/** Replaces inline code, URLs, link targets, quotes, globs and paths with placeholders, so no rule can touch them. */
export function parkSpans(text: string): Parked {
  const spans: string[] = [];
  let out = '';
  let last = 0;
  PROTECTED_SPAN.lastIndex = 0;
  for (let m = PROTECTED_SPAN.exec(text); m; m = PROTECTED_SPAN.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    if (m[0].startsWith('`')) {
      // A code span ends at the next backtick run of the same length; without one the backticks are literal.
      const close = closingRun(text, end, m[0].length);
      if (close < 0) continue;
      end = close + m[0].length;
    } else if (NAME_START.test(m[0])) {
      const name = nameSpan(m[0]);
      if (!name) continue;
      start = m.index + name.start;
      end = m.index + name.end;
    }
    out += text.slice(last, start) + PLACEHOLDER_OPEN + spans.length + PLACEHOLDER_CLOSE;
    spans.push(text.slice(start, end));
    last = end;
    PROTECTED_SPAN.lastIndex = Math.max(end, m.index + m[0].length);
  }
  return { text: out + text.slice(last), spans };
}

// the first character of a run of name characters (the last alternative of PROTECTED_SPAN)
const NAME_START = /^[\w.~@/*-]/;

/**
 * The part of a run of name characters to protect: the whole run when it is a glob; else, without
 * the emphasis stars around it, a path, or a file name without a sentence's final dot.
 */
function nameSpan(run: string): { start: number; end: number } | undefined {
  if (GLOB_STAR.test(run)) return { start: 0, end: run.length };
  // The `**` of `**src/app.ts**` or `**Note**` is emphasis around the name, not part of it.
  let start = 0;
  let end = run.length;
  while (start < end && run[start] === '*') start++;
  while (end > start && run[end - 1] === '*') end--;
  if (PATH.test(run.slice(start, end))) return { start, end };
  // The `.` of `setup.py.` ends a sentence.
  while (end > start && run[end - 1] === '.') end--;
  return FILE_NAME.test(run.slice(start, end)) ? { start, end } : undefined;
}

/**
 * Where `parkSpans` finds its spans, as [start, end) UTF-16 offsets into `text` (the prose model's
 * word dropping must not touch them). The whole text when it already holds a placeholder character.
 */
export function protectedRanges(text: string): Array<readonly [number, number]> {
  if (text.includes(PLACEHOLDER_OPEN)) return [[0, text.length]];
  const parked = parkSpans(text);
  const ranges: Array<readonly [number, number]> = [];
  let shift = 0;
  for (const m of parked.text.matchAll(PLACEHOLDER)) {
    const start = m.index + shift;
    const span = parked.spans[Number(m[1])];
    ranges.push([start, start + span.length]);
    shift += span.length - m[0].length;
  }
  return ranges;
}

export function unparkSpans(text: string, spans: readonly string[]): string {
  return text.replace(PLACEHOLDER, (_, n: string) => spans[Number(n)]);
}

/** Index of the next run of exactly `length` backticks at or after `from`, or -1. */
function closingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') { i++; continue; }
    let j = i;
    while (j < text.length && text[j] === '`') j++;
    if (j - i === length) return i;
    i = j;
  }
  return -1;
}

/**
 * The facts of a piece of prose that a rewrite must keep, in order and tagged by kind: its protected
 * spans (`s…`), its numbers (`n…`) and its negation words (`!…` (outside the spans; "Don't forget to" is a plain instruction, not a negation).
 */
export function protectedSpans(text: string): string[] {
  const parked = parkSpans(text);
  const prose = parked.text.replace(PLACEHOLDER, PLACEHOLDER_OPEN).replace(DOUBLE_NEGATIVE, ' ');
  const numbers = prose.match(NUMBER) ?? [];
  const negations = (prose.match(NEGATION) ?? []).map((w) => w.toLowerCase());
  return [...parked.spans.map((s) => `s${s}`), ...numbers.map((n) => `n${n}`), ...negations.map((w) => `!${w}`)];
}

/** True when both texts have the same protected spans, numbers and negations, in the same order. */
export function sameProtectedSpans(a: string, b: string): boolean {
  const x = protectedSpans(a);
  const y = protectedSpans(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
}
