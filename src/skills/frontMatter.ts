// Reads the YAML front matter of Copilot customization files (SKILL.md, *.agent.md,
// *.instructions.md): the subset those files use — `key: value` scalars (plain, quoted, block `|`/`>`),
// booleans, and lists (`[a, b]` or `- item` lines). Anything richer (a nested map) is kept as raw
// text. Never throws: problems come back as messages with line numbers, so a malformed file can be
// reported instead of silently ignored (which is what VS Code does with an invalid skill).

export type FrontMatterValue = string | boolean | readonly string[] | { readonly raw: string };

export interface FrontMatter {
  /** False when the file has no front matter block at all. */
  readonly present: boolean;
  readonly data: Readonly<Record<string, FrontMatterValue>>;
  /** The 1-based line of each key. */
  readonly lines: Readonly<Record<string, number>>;
  /** Everything after the closing `---`. */
  readonly body: string;
  /** 1-based line where the body starts. */
  readonly bodyLine: number;
  readonly errors: readonly string[];
}

// `description: Summarise logs` / `user-invocable: false` — a top-level key
const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$/;
// `  - item` — a block sequence entry
const LIST_ITEM = /^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$/;
// `|`, `>-`, `|+` — a block scalar header
const BLOCK_SCALAR = /^([|>])([+-]?)\s*(?:#.*)?$/;
// ` # comment` after a plain scalar
const TRAILING_COMMENT = /[ \t]#.*$/;
// `  - Bash` — a line indented under a key
const INDENTED = /^[ \t]/;

export function parseFrontMatter(text: string): FrontMatter {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[0] !== '---') return { present: false, data: {}, lines: {}, body: source, bodyLine: 1, errors: [] };
  let end = 1;
  while (end < lines.length && lines[end] !== '---' && lines[end] !== '...') end++;
  if (end >= lines.length) {
    return { present: true, data: {}, lines: {}, body: source, bodyLine: 1, errors: ['the front matter starting on line 1 has no closing --- line'] };
  }
  const data: Record<string, FrontMatterValue> = {};
  const keyLines: Record<string, number> = {};
  const errors: string[] = [];
  let i = 1;
  while (i < end) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      i++;
      continue;
    }
    if (line.startsWith('\t')) {
      errors.push(`line ${i + 1}: YAML does not allow tabs for indentation`);
      i++;
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m) {
      errors.push(`line ${i + 1}: expected "key: value", found "${line.trim().slice(0, 60)}"`);
      i++;
      continue;
    }
    const key = m[1];
    if (key in data) errors.push(`line ${i + 1}: "${key}" is given twice`);
    keyLines[key] = i + 1;
    const rest = (m[2] ?? '').trim();
    // Lines indented under this key belong to it.
    let j = i + 1;
    while (j < end && (lines[j].trim() === '' || INDENTED.test(lines[j]) || (rest === '' && LIST_ITEM.test(lines[j])))) j++;
    while (j > i + 1 && lines[j - 1].trim() === '') j--;
    const nested = lines.slice(i + 1, j);
    const value = parseValue(rest, nested, i + 1, errors);
    if (value !== undefined) data[key] = value;
    i = j;
  }
  return { present: true, data, lines: keyLines, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2, errors };
}

function parseValue(rest: string, nested: readonly string[], line: number, errors: string[]): FrontMatterValue | undefined {
  const block = BLOCK_SCALAR.exec(rest);
  if (block) return blockScalar(nested, block[1] === '>', block[2]);
  if (rest === '') {
    if (nested.length === 0) return '';
    const items = nested.filter((l) => l.trim() !== '');
    if (items.every((l) => LIST_ITEM.test(l))) {
      return items.map((l) => {
        const m = LIST_ITEM.exec(l)!;
        return scalar((m[1] ?? m[2]).trim(), line, errors);
      });
    }
    return { raw: nested.join('\n') };
  }
  if (nested.some((l) => l.trim() !== '') && !rest.startsWith('"') && !rest.startsWith("'")) {
    // A plain scalar folded over several lines.
    return scalar([rest, ...nested.map((l) => l.trim())].filter(Boolean).join(' '), line, errors);
  }
  if (rest.startsWith('[')) return flowList(rest, line, errors);
  if (!rest.startsWith('"') && !rest.startsWith("'") && rest.replace(TRAILING_COMMENT, '').includes(': ')) {
    errors.push(`line ${line}: a plain value containing ": " is not valid YAML; put the value in quotes`);
  }
  const value = scalar(rest, line, errors);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function scalar(text: string, line: number, errors: string[]): string {
  if (text.startsWith('"')) {
    const close = findClosingDouble(text);
    if (close < 0) {
      errors.push(`line ${line}: unterminated double-quoted string`);
      return text.slice(1);
    }
    try {
      return JSON.parse(text.slice(0, close + 1)) as string;
    } catch {
      return text.slice(1, close);
    }
  }
  if (text.startsWith("'")) {
    let out = '';
    for (let k = 1; k < text.length; k++) {
      if (text[k] === "'") {
        if (text[k + 1] === "'") { out += "'"; k++; continue; }
        return out;
      }
      out += text[k];
    }
    errors.push(`line ${line}: unterminated single-quoted string`);
    return out;
  }
  return text.replace(TRAILING_COMMENT, '').trimEnd();
}

function findClosingDouble(text: string): number {
  for (let k = 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '"') return k;
  }
  return -1;
}

function flowList(text: string, line: number, errors: string[]): readonly string[] {
  const close = text.lastIndexOf(']');
  if (close < 0) {
    errors.push(`line ${line}: a [ list without its closing ]`);
    return [];
  }
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of text.slice(1, close)) {
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === ',') {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) items.push(current.trim());
  return items.filter((s) => s !== '').map((s) => scalar(s, line, errors));
}

function blockScalar(nested: readonly string[], folded: boolean, chomp: string): string {
  const indent = Math.min(...nested.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const body = nested.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  let text = folded ? foldLines(body) : body.join('\n');
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  if (chomp === '-') text = text.slice(0, end);
  else if (chomp === '') text = `${text.slice(0, end)}\n`;
  else text += '\n';
  return text;
}

function foldLines(lines: readonly string[]): string {
  let out = '';
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line === '') out += '\n';
    else out += (out === '' || out.endsWith('\n') ? '' : ' ') + line;
  }
  return out;
}
