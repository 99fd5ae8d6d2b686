// Template mining in the style of Drain: lines of one kind ("job 41 done: INV-000041 total=415.50")
// collapse to one template ("job <*> done: <*> total=<*>") with a count. Tokens holding digits
// or long hex ids are masked up front; lines of the same level, length and first word whose tokens
// mostly agree are merged, the disagreeing positions becoming `<*>`. Deterministic: the result
// depends only on the lines and their order.
import type { Level } from './parseLogLine';

export const WILDCARD = '<*>';

export interface Template {
  readonly level?: Level;
  /** The template's words; `<*>` where lines differ. */
  readonly tokens: string[];
  /** Indices of the lines it covers, in order. */
  readonly lines: number[];
}

export interface MinedLine {
  readonly index: number;
  readonly level?: Level;
  readonly body: string;
}

/** Share of positions that must agree for a line to join a template. */
const SIMILARITY = 0.7;
/** Templates compared per (level, length, first word) group; past this a line starts a new one without a search. */
const MAX_GROUP_SEARCH = 48;
/** Words of a line considered; the rest of a very long line is one token. */
const MAX_TOKENS = 64;
// `1.4.2`, `req-3f`, `ACC-1117`, `14:02:21`, `0x3e8`: anything with a digit varies between lines.
const HAS_DIGIT = /\d/;
// `ae76f63a19bcff1b`: a long hexadecimal id without digits is rare but possible.
const HEX_ID = /^[0-9a-f]{12,}$/i;

/**
 * Templates of the lines, which template each line joined, and each line's shape: its words with
 * only the digit-bearing ones masked (finer than a template: `GET /favicon.ico` and `GET /missing/page<*>`
 * are two shapes of one template).
 */
export function mineTemplates(lines: readonly MinedLine[]): { templates: Template[]; templateOf: Map<number, Template>; shapeOf: Map<number, string> } {
  const groups = new Map<string, Template[]>();
  const templates: Template[] = [];
  const templateOf = new Map<number, Template>();
  const shapeOf = new Map<number, string>();
  for (const line of lines) {
    const tokens = tokenize(line.body);
    if (tokens.length === 0) continue;
    shapeOf.set(line.index, `${line.level ?? '-'} ${tokens.join(' ')}`);
    const key = `${line.level ?? '-'}\u0000${tokens.length}\u0000${tokens[0]}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    let best: Template | undefined;
    let bestScore = SIMILARITY;
    for (let g = 0; g < Math.min(group.length, MAX_GROUP_SEARCH); g++) {
      const score = similarity(group[g].tokens, tokens);
      if (score >= bestScore) {
        best = group[g];
        bestScore = score;
        if (score === 1) break;
      }
    }
    if (best) {
      for (let t = 0; t < tokens.length; t++) if (best.tokens[t] !== tokens[t]) best.tokens[t] = WILDCARD;
      best.lines.push(line.index);
    } else {
      best = { level: line.level, tokens, lines: [line.index] };
      group.push(best);
      templates.push(best);
    }
    templateOf.set(line.index, best);
  }
  return { templates, templateOf, shapeOf };
}

function tokenize(body: string): string[] {
  const words = body.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length > MAX_TOKENS) words.splice(MAX_TOKENS - 1, words.length, words.slice(MAX_TOKENS - 1).join(' '));
  return words.map(mask);
}

/** `<*>` for a varying word; `key=<*>` keeps the key of a `key=value` word. */
function mask(word: string): string {
  const eq = word.indexOf('=');
  if (eq > 0 && eq < word.length - 1) return `${word.slice(0, eq + 1)}${maskValue(word.slice(eq + 1))}`;
  return maskValue(word);
}

function maskValue(value: string): string {
  return HAS_DIGIT.test(value) || HEX_ID.test(value) ? WILDCARD : value;
}

function similarity(template: readonly string[], tokens: readonly string[]): number {
  let same = 0;
  for (let t = 0; t < tokens.length; t++) if (template[t] === tokens[t] || template[t] === WILDCARD) same++;
  return same / tokens.length;
}
