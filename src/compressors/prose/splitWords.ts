// The words of a line of prose, as the prose model scores them and the prose compressor drops them:
// runs of non-blank characters after the line's Markdown prefix (indent, list marker, checkbox, quote).
// The host and the core both split with this, so a score and the word it belongs to always line up.

export interface Word {
  /** UTF-16 offsets into the line; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

// `  - `, `1. `, `> `, `- [ ] `, `> - ` — the prefix of a list item, task or quote line, kept as written
const LINE_PREFIX = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|>[ \t]?)*/;
// `connection`, `(see`, `e.g.,` — one run of non-blank characters
const NON_BLANK = /\S+/g;

/** Length of the line's Markdown prefix, which is never a word and never changes. */
export function linePrefixLength(line: string): number {
  return LINE_PREFIX.exec(line)?.[0].length ?? 0;
}

export function splitWords(line: string): Word[] {
  const from = linePrefixLength(line);
  const words: Word[] = [];
  NON_BLANK.lastIndex = from;
  for (let m = NON_BLANK.exec(line); m; m = NON_BLANK.exec(line)) words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return words;
}
