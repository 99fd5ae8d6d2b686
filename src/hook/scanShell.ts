// A one-pass scanner for a POSIX shell command line, enough to decide whether wrapping it in a pipe
// is safe: it splits the line into top-level segments at `&&`, `||` and `;`, and reports any
// top-level pipe, redirection, background `&`, heredoc, comment or unterminated quote. Quotes,
// backslashes, `$(…)`, `${…}`, backticks and `( … )` groups are skipped over as opaque.

/** Deeper nesting of quotes and `$(…)` than this is refused (and keeps the recursion bounded). */
const MAX_NESTING = 64;

export interface Segment {
  /** The segment's text, trimmed. */
  readonly text: string;
  /** Offset of the segment's first character in the line. */
  readonly start: number;
  /** The operator after it (`&&`, `||`, `;`), or undefined for the last segment. */
  readonly operator?: '&&' | '||' | ';';
}

export interface Scan {
  readonly segments: readonly Segment[];
  /** The first top-level construct that makes a rewrite unsafe, in words; undefined when there is none. */
  readonly blocker?: string;
}

/** Scans `line`; never throws. The cost is linear in the length of the line. */
export function scanShell(line: string): Scan {
  const segments: Segment[] = [];
  let start = 0;
  let depth = 0; // inside ( … ), $( … ) or { … } groups at top level
  let i = 0;
  const n = line.length;
  const blocked = (what: string): Scan => ({ segments, blocker: what });
  let wordStart = true; // the previous character ended a word (a `#` here starts a comment)

  while (i < n) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      wordStart = false;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return blocked('an unterminated single quote');
      i = end + 1;
      wordStart = false;
      continue;
    }
    if (c === '"') {
      const end = skipDoubleQuoted(line, i + 1, 0);
      if (end < 0) return blocked('an unterminated or too deeply nested double quote');
      i = end;
      wordStart = false;
      continue;
    }
    if (c === '`') {
      const end = skipBackticks(line, i + 1);
      if (end < 0) return blocked('an unterminated backtick');
      i = end;
      wordStart = false;
      continue;
    }
    if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      const end = skipGroup(line, i + 2, line[i + 1] === '(' ? ')' : '}', 0);
      if (end < 0) return blocked('an unterminated or too deeply nested $( or ${');
      i = end;
      wordStart = false;
      continue;
    }
    if (c === '(') {
      depth++;
      i++;
      wordStart = true;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return blocked('an unmatched )');
      depth--;
      i++;
      wordStart = false;
      continue;
    }
    if (c === '#' && wordStart) return blocked('a comment');
    if (depth === 0) {
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        segments.push(segmentOf(line, start, i, two));
        i += 2;
        start = i;
        wordStart = true;
        continue;
      }
      if (c === ';') {
        if (line[i + 1] === ';') return blocked('a case clause');
        segments.push(segmentOf(line, start, i, ';'));
        i++;
        start = i;
        wordStart = true;
        continue;
      }
      if (c === '|') return blocked('a pipe');
      if (c === '&') {
        if (line[i + 1] === '>') return blocked('a redirection');
        if (i > 0 && (line[i - 1] === '>' || line[i - 1] === '<')) {
          i++;
          continue; // the `&` of `2>&1`, judged with its `>`
        }
        return blocked('a background job (&)');
      }
      if (c === '<') return blocked(line[i + 1] === '<' ? 'a heredoc or here-string' : line[i + 1] === '(' ? 'a process substitution' : 'an input redirection');
      if (c === '>') {
        if (!isTrailingStderrToStdout(line, i)) return blocked('an output redirection');
        i++;
        continue;
      }
    }
    wordStart = c === ' ' || c === '\t' || c === '{' || c === '}';
    i++;
  }
  if (depth > 0) return blocked('an unterminated ( group');
  const last = line.slice(start).trim();
  if (last) segments.push(segmentOf(line, start, line.length));
  else if (segments.length > 0 && segments[segments.length - 1].operator !== ';') return blocked(`a trailing ${segments[segments.length - 1].operator}`);
  return { segments };
}

function segmentOf(line: string, start: number, end: number, operator?: Segment['operator']): Segment {
  const raw = line.slice(start, end);
  const text = raw.trim();
  return { text, start: start + raw.indexOf(text), ...(operator ? { operator } : {}) };
}

/** `2>&1` as the very end of the line: harmless, the wrapper merges stderr anyway. */
function isTrailingStderrToStdout(line: string, gt: number): boolean {
  return line[gt - 1] === '2' && (gt < 2 || line[gt - 2] === ' ' || line[gt - 2] === '\t') && line.slice(gt).trim() === '>&1';
}

/** Index after the closing `"`, or -1. Skips `\x`, `$(…)`, `${…}` and backticks inside. */
function skipDoubleQuoted(line: string, i: number, nesting: number): number {
  if (nesting > MAX_NESTING) return -1;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '`') {
      i = skipBackticks(line, i + 1);
      if (i < 0) return -1;
    } else if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      i = skipGroup(line, i + 2, line[i + 1] === '(' ? ')' : '}', nesting + 1);
      if (i < 0) return -1;
    } else i++;
  }
  return -1;
}

function skipBackticks(line: string, i: number): number {
  while (i < line.length) {
    if (line[i] === '\\') i += 2;
    else if (line[i] === '`') return i + 1;
    else i++;
  }
  return -1;
}

/** Index after the `close` that ends a group opened just before `i`, skipping quotes and nested groups; -1 if none. */
function skipGroup(line: string, i: number, close: ')' | '}', nesting: number): number {
  if (nesting > MAX_NESTING) return -1;
  const open = close === ')' ? '(' : '{';
  let level = 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i = skipDoubleQuoted(line, i + 1, nesting + 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === '`') {
      i = skipBackticks(line, i + 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === open) level++;
    else if (c === close && --level === 0) return i + 1;
    i++;
  }
  return -1;
}
