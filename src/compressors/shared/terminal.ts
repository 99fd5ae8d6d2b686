// Turns raw terminal bytes into what a person saw on screen: escape sequences removed, carriage-return
// and backspace overwrites applied within each line. Line count never changes, so line numbers in
// markers always point at the same lines of the stored original.

// CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, and two-byte `ESC x`; also the 8-bit CSI (U+009B).
// Every part is a bounded character class, so matching is linear.
// e.g. "\x1b[1;31merror\x1b[0m", "\x1b]633;C\x07", "\x1b]8;;http://x\x1b\\"
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\^_][^\x1b]*?\x1b\\|\x1b[ -~]/g;

export interface RenderedText {
  readonly text: string;
  readonly escapesRemoved: number;
  readonly overwrittenLines: number;
}

export function renderTerminal(raw: string): RenderedText {
  let escapesRemoved = 0;
  const stripped = raw.includes('\x1b') || raw.includes('\u009b')
    ? raw.replace(ESCAPES, () => { escapesRemoved++; return ''; })
    : raw;
  if (!stripped.includes('\r') && !stripped.includes('\b')) return { text: stripped, escapesRemoved, overwrittenLines: 0 };

  let overwrittenLines = 0;
  const lines = stripped.split('\n').map((line) => {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!body.includes('\r') && !body.includes('\b')) return body;
    overwrittenLines++;
    return overwrite(body);
  });
  return { text: lines.join('\n'), escapesRemoved, overwrittenLines };
}

/** Applies `\r` (back to column 0) and `\b` (one column left) the way a terminal does. */
function overwrite(line: string): string {
  const screen: string[] = [];
  let column = 0;
  for (const ch of line) {
    if (ch === '\r') column = 0;
    else if (ch === '\b') column = Math.max(0, column - 1);
    else screen[column++] = ch;
  }
  return screen.join('').trimEnd();
}
