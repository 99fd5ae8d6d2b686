// Instruction files (`.github/copilot-instructions.md`, `*.instructions.md`, `AGENTS.md`, `CLAUDE.md`)
// ride along with every request, so a token saved here is saved on every turn. The rewrite is
// deterministic and lossless in meaning: politeness and filler phrases, exact-duplicate rules,
// redundant whitespace, thematic breaks and table padding go; front matter, headings, code blocks,
// inline code, URLs, paths, numbers and negations stay byte for byte. That promise is checked after
// rewriting — any difference and the original is kept. Compressing twice gives the same bytes as once.
import type { CompressContext, Compressor, Draft, ParsedCommand, Transform } from './types';
import { DraftBuilder } from './shared/draft';

// `.github/copilot-instructions.md`, `react.instructions.md`, `AGENTS.md`, `CLAUDE.md`, `CLAUDE.local.md`
const INSTRUCTION_FILE = /(?:^|[/\\])(?:copilot-instructions\.md|[^/\\]+\.instructions\.md|AGENTS\.md|AGENT\.md|CLAUDE\.md|CLAUDE\.local\.md|GEMINI\.md)$/i;
// ```` ```bash ```` or `~~~` opening a fenced code block
const FENCE = /^( {0,3})(`{3,}|~{3,})/;
// `## Testing` (ATX heading)
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
// the `###` of `### Testing` (its level)
const ATX_LEVEL = /^ {0,3}(#{1,6})/;
// the `|` between table cells (not an escaped `\|`)
const CELL_SEPARATOR = /(?<!\\)\|/;
// `=====` or `-----` under a title line (setext heading)
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
// `---`, `***`, `___` (a thematic break; only removed after a blank line, so never a setext underline)
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
// `<!-- keep -->`, `<details>` — HTML is left exactly as written
const HTML_START = /^ {0,3}</;
// `| Command | Purpose |` (a table row)
const TABLE_ROW = /^ {0,3}\|.*\|[ \t]*$/;
// `| --- | :---: |` cells of a table's delimiter row
const DELIMITER_CELL = /^[ \t]*(:?)-+(:?)[ \t]*$/;
// `  - `, `1. `, `> ` — the prefix of a list item or quote line, kept as written
const LINE_PREFIX = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*/;
// `- `, `* `, `12. ` at the start of a line: a list item
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
// four spaces or a tab after a blank line: indented code
const INDENTED = /^(?: {4}|\t)/;
// `[hr:3f9a0c1b2d4e elided 412 chars: …]` — this compressor's own marker line, never rewritten
const OWN_MARKER = /^\[hr:[0-9a-f]{12} [^\]\n]*\]$/;
// `, use …` left at the start after "Please, use …" lost its first word
const LEFT_OVER_PUNCTUATION = /^[,;:] ?/;
// `tests .` left when "please" went from "tests please."
const SPACE_BEFORE_PUNCTUATION = / +(?=[,.;:!?](?:\s|$))/g;
// two or more spaces or tabs inside a line
const SPACE_RUN = /[ \t]{2,}/g;
const TRAILING_SPACE = /[ \t]+$/;
/** Lines longer than this are left as written (and keep every regex here linear in practice). */
const MAX_REWRITE_LINE = 2000;
/** Files larger than this are not rewritten: instruction files are small, and this keeps the rewrite cheap. */
const MAX_REWRITE_CHARS = 512 * 1024;
// Private-use placeholders stand in for protected spans while phrases are rewritten.
const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';
// `\uE0003\uE001` — one placeholder
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
// `` `npm test` ``, `https://x.dev/a`, `<https://x.dev>`, `](docs/a.md)`, `src/app.ts`, `tsconfig.json`
const PROTECTED_SPAN = /`+|<https?:[^>\s]*>|\]\([^)\s]*\)|https?:\/\/[^\s<>)\]`]+|[\w.~@-]*\/[\w.~@/-]*|\b[\w-]+\.[A-Za-z][A-Za-z0-9]{0,5}\b/g;

/** Filler the rewrite removes (or shortens), each with the label its transform reports. Flat alternations, linear time. */
const FILLER: readonly { readonly label: string; readonly pattern: RegExp; readonly replace: string }[] = [
  // "Thank you so much!", "Thanks in advance." (a whole sentence of politeness)
  { label: 'thanks', pattern: /(?<=^|[.!?] )(?:thank you|thanks)(?: again| so much| very much| a lot| in advance)*(?: for [^.!?\n]{1,80})?(?:[.!]+(?: |$)|$)/gi, replace: '' },
  // "We really appreciate your help!"
  { label: 'thanks', pattern: /(?<=^|[.!?] )(?:we|i) (?:really |truly )?appreciate [^.!?\n]{1,80}[.!]+(?: |$)/gi, replace: '' },
  // "Happy coding!", "Good luck!", "Hope this helps."
  { label: 'sign-off', pattern: /(?<=^|[.!?] )(?:happy coding|good luck|hope this helps|cheers)(?:[.!]+(?: |$)|$)/gi, replace: '' },
  // "Hi Copilot!", "Hello team,"
  { label: 'greeting', pattern: /^(?:hi|hello|hey)(?: there| copilot| team| everyone)?[!,.]+(?: |$)/gi, replace: '' },
  // "Please note that the API…", "Keep in mind that…", "It's worth noting that…"
  { label: 'note that', pattern: /(?<=^|[.!?:] )(?:please note that|note that|keep in mind that|bear in mind that|it's worth noting that|it is worth noting that|remember that) /gi, replace: '' },
  // "I would like you to use…", "We want you to…"
  { label: 'I would like you to', pattern: /\b(?:i would like you to|i'd like you to|i want you to|i need you to|we would like you to|we'd like you to|we want you to|we need you to) /gi, replace: '' },
  // "It is very important that you run…", "It's important to…"
  { label: 'it is important to', pattern: /\bit(?:'s| is) (?:very |really |extremely |super )?important (?:that you |to )/gi, replace: '' },
  // "Make sure to run…", "Always be sure to…", "Remember to…"
  { label: 'make sure to', pattern: /\b(?:make sure to|make sure you|be sure to|remember to) /gi, replace: '' },
  // "Please use…", "kindly add…"
  { label: 'please', pattern: /\b(?:please|kindly),? /gi, replace: '' },
  // "…the tests, please." / "…the tests please!"
  { label: 'please', pattern: /,? please(?=[.!?]|$)/gi, replace: '' },
  // "You should always…", "You must never…" → "always…", "never…"
  { label: 'you should', pattern: /\byou (?:should|must|need to) (always|never) /gi, replace: '$1 ' },
  // "You should run…" → "run…" (an instruction either way)
  { label: 'you should', pattern: /(?<=^|[.!?:] )you should (?=[a-z])/gi, replace: '' },
  // "in order to" → "to"
  { label: 'in order to', pattern: /\bin order to\b/gi, replace: 'to' },
  // "Simply run…", "basically the same", "Of course, …"
  { label: 'filler word', pattern: /\b(?:simply put, |simply (?!put\b)|basically |actually |obviously |of course,? )(?=\S)/gi, replace: '' },
  // "**TypeScript 5.6**" → "TypeScript 5.6": bold on a plain term is decoration ("**Never**" keeps its stars)
  { label: 'bold', pattern: /\*\*(?![^*\n]*\b(?:important|never|always|must|not|no|don't|do not|warning|caution|required|only)\b)([^*\n]{1,80})\*\*/gi, replace: '$1' },
];

// Spans checked byte for byte after rewriting (in order). URLs, numbers and negations, with `n't` forms.
const URL = /https?:\/\/[^\s<>)\]`]+/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const NEGATION = /\b(?:not|no|never|none|nor|neither|nothing|nobody|nowhere|cannot|without|avoid|except|unless|only|\w+n't)\b/gi;
const PATH = /[\w.~@-]*\/[\w.~@/-]*|\b[\w-]+\.[A-Za-z][A-Za-z0-9]{0,5}\b/g;

type LineKind = 'frontMatter' | 'code' | 'heading' | 'html' | 'blank' | 'text' | 'table' | 'rule' | 'marker';

interface Unit {
  /** Lines [start, end) of a list item or paragraph. */
  readonly start: number;
  readonly end: number;
}

export function isInstructionFile(fileName: string): boolean {
  return INSTRUCTION_FILE.test(fileName);
}

export const instructions: Compressor = {
  id: 'instructions',
  type: 'instructions',
  matches(command: ParsedCommand): boolean {
    if (!['cat', 'less', 'more', 'bat', 'batcat'].includes(command.program)) return false;
    const files = command.args.filter((a) => !a.startsWith('-'));
    return files.length === 1 && isInstructionFile(files[0]);
  },
  handlesFile(fileName: string): boolean {
    return isInstructionFile(fileName);
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const original = lines.join('\n');
    if (original.includes(PLACEHOLDER_OPEN) || original.includes(PLACEHOLDER_CLOSE)) return unchanged(original, 'the text uses the private-use characters the rewrite needs');
    if (original.length > MAX_REWRITE_CHARS) return unchanged(original, 'too large for an instruction file: left as written');
    const result = rewrite(lines);
    if (result.text === original) return unchanged(original, 'nothing to remove: already terse');
    const expected = lines.filter((_, i) => !result.removed.has(i)).join('\n');
    const violation = compareProtected(expected, result.text);
    if (violation) return unchanged(original, `rewrite changed ${violation}: kept the original`);

    const builder = new DraftBuilder(context.source);
    // The marker goes on its own line at the end, before the file's final newline.
    const endsWithNewline = result.text.endsWith('\n');
    builder.write(endsWithNewline ? result.text.slice(0, -1) : result.text);
    const elided = original.length - result.text.length;
    const phrases = [...result.phrases].map(([label, n]) => `${label} ×${n}`).join(', ');
    const duplicates = [...result.duplicateLines].map((n) => `L${n}`).join(', ');
    // A short marker: this line is read on every request. The transforms list the phrases.
    const detail = result.duplicateLines.length ? `filler; duplicate rules ${duplicates}` : 'filler and spacing';
    builder.write(builder.marker({ verb: 'elided', count: elided, unit: 'chars', detail }));
    if (endsWithNewline) builder.write('');
    if (result.phraseCount) builder.note('instructions-filler', `removed ${phrases}`);
    if (result.duplicateLines.length) builder.note('instructions-duplicates', `removed exact duplicates of earlier rules at original lines ${duplicates}`);
    if (result.whitespace) builder.note('instructions-whitespace', 'collapsed blank lines and spaces, dropped thematic breaks and table padding');
    builder.note('instructions-validate', 'front matter, headings, code blocks, inline code, URLs, paths, numbers and negations checked byte for byte');
    return builder.build();
  },
};

function unchanged(text: string, reason: string): Draft {
  const transforms: Transform[] = [{ step: 'instructions-kept', reason }];
  return { text, transforms, markers: [] };
}

interface Rewrite {
  text: string;
  /** Original line indexes removed as duplicates. */
  readonly removed: Set<number>;
  readonly duplicateLines: number[];
  readonly phrases: Map<string, number>;
  phraseCount: number;
  whitespace: boolean;
}

function classify(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = new Array(lines.length).fill('text');
  let i = 0;
  if (lines[0] === '---') {
    let j = 1;
    while (j < lines.length && lines[j] !== '---' && lines[j] !== '...') j++;
    if (j < lines.length) for (; i <= j; i++) kinds[i] = 'frontMatter';
  }
  let previousBlank = true;
  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (OWN_MARKER.test(line)) kinds[i++] = 'marker';
    else if (fence) {
      kinds[i++] = 'code';
      while (i < lines.length) {
        const close = FENCE.exec(lines[i]);
        kinds[i++] = 'code';
        if (close && close[2][0] === fence[2][0] && close[2].length >= fence[2].length && lines[i - 1].trim() === close[2]) break;
      }
    } else if (line.trim() === '') kinds[i++] = 'blank';
    else if (previousBlank && INDENTED.test(line) && !inListContext(lines, kinds, i)) {
      while (i < lines.length && (INDENTED.test(lines[i]) || (lines[i].trim() === '' && INDENTED.test(lines[i + 1] ?? '')))) kinds[i++] = 'code';
    } else if (ATX_HEADING.test(line)) kinds[i++] = 'heading';
    else if (SETEXT_UNDERLINE.test(lines[i + 1] ?? '') && !LIST_MARKER.test(line) && !TABLE_ROW.test(line) && !HTML_START.test(line)) {
      kinds[i++] = 'heading';
      kinds[i++] = 'heading';
    } else if (previousBlank && THEMATIC_BREAK.test(line)) kinds[i++] = 'rule';
    else if (HTML_START.test(line)) {
      while (i < lines.length && lines[i].trim() !== '') kinds[i++] = 'html';
    } else if (TABLE_ROW.test(line)) kinds[i++] = 'table';
    else kinds[i++] = 'text';
    previousBlank = kinds[i - 1] === 'blank';
  }
  return kinds;
}

/** An indented line right after a list item (and blank lines) continues the item; it is not code. */
function inListContext(lines: readonly string[], kinds: readonly LineKind[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (kinds[k] === 'blank') continue;
    return kinds[k] === 'text' && (LIST_MARKER.test(lines[k]) || INDENTED.test(lines[k]));
  }
  return false;
}

function rewrite(lines: readonly string[]): Rewrite {
  const kinds = classify(lines);
  const result: Rewrite = { text: '', removed: new Set(), duplicateLines: [], phrases: new Map(), phraseCount: 0, whitespace: false };
  const out: (string | undefined)[] = lines.map((line, i) => {
    switch (kinds[i]) {
      case 'text': return rewriteText(line, result);
      case 'table': return rewriteTableRow(line, result);
      case 'rule': result.whitespace = true; return undefined;
      default: return line;
    }
  });
  // Lines emptied by the rewrite (a lone "Thanks!") go; list items left with only their marker too.
  out.forEach((line, i) => {
    if (line !== undefined && kinds[i] === 'text' && (line.trim() === '' || LIST_MARKER.test(line) && line.replace(LINE_PREFIX, '') === '')) out[i] = undefined;
  });
  removeDuplicates(lines, kinds, out, result);
  // Blank lines: one between blocks, none at the start, and the file's own ending kept.
  const kept: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (line === undefined) continue;
    const blank = kinds[i] === 'blank' || line.trim() === '';
    const isLast = i === out.length - 1;
    if (blank && kinds[i] !== 'code' && kinds[i] !== 'frontMatter' && kinds[i] !== 'html' && !isLast) {
      if (kept.length === 0 || kept[kept.length - 1].trim() === '') {
        result.whitespace = true;
        continue;
      }
    }
    kept.push(line);
  }
  result.text = kept.join('\n');
  return result;
}

/** Rewrites one line of prose: its list/quote prefix is kept, protected spans are parked as placeholders. */
function rewriteText(line: string, result: Rewrite): string {
  if (line.length > MAX_REWRITE_LINE) return line;
  const prefix = LINE_PREFIX.exec(line)![0];
  const { text: parked, spans } = park(line.slice(prefix.length));
  let content = parked;
  const counted = new Map<string, number>();
  for (let round = 0; round < 4; round++) {
    const before = content;
    for (const rule of FILLER) {
      content = content.replace(rule.pattern, (...args: unknown[]) => {
        result.phrases.set(rule.label, (result.phrases.get(rule.label) ?? 0) + 1);
        counted.set(rule.label, (counted.get(rule.label) ?? 0) + 1);
        result.phraseCount++;
        return typeof args[1] === 'string' ? rule.replace.replace('$1', args[1]) : rule.replace;
      });
    }
    // What a removal leaves behind: a leading comma, a space before punctuation.
    if (content !== before) content = content.replace(LEFT_OVER_PUNCTUATION, '').replace(SPACE_BEFORE_PUNCTUATION, '');
    content = content.replace(SPACE_RUN, ' ').replace(TRAILING_SPACE, '');
    if (content === before) break;
  }
  if (parked.replace(SPACE_RUN, ' ').replace(TRAILING_SPACE, '') !== parked) result.whitespace = true;
  const rewritten = (content === '' ? prefix.trimEnd() : prefix) + unpark(content, spans);
  // A rule that took a number or a negation with it (a "Thanks for not …" sentence) is undone for this line.
  if (!sameMatches(line, rewritten, NEGATION) || !sameMatches(line, rewritten, NUMBER)) {
    for (const [label, n] of counted) result.phrases.set(label, result.phrases.get(label)! - n);
    result.phraseCount -= [...counted.values()].reduce((a, b) => a + b, 0);
    return line;
  }
  return rewritten;
}

function sameMatches(a: string, b: string, pattern: RegExp): boolean {
  const x = (a.match(pattern) ?? []).map((w) => w.toLowerCase());
  const y = (b.match(pattern) ?? []).map((w) => w.toLowerCase());
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/** `| a   |  b |` → `| a | b |`; a delimiter row `| :--- | ---: |` → `|:---|---:|`. */
function rewriteTableRow(line: string, result: Rewrite): string {
  if (line.length > MAX_REWRITE_LINE) return line;
  const { text: parked, spans } = park(line.trim());
  const cells = parked.slice(1, parked.endsWith('\\|') ? parked.length : -1).split(CELL_SEPARATOR);
  const delimiter = cells.every((c) => DELIMITER_CELL.test(c));
  const rebuilt = delimiter
    ? `|${cells.map((c) => { const m = DELIMITER_CELL.exec(c)!; return `${m[1]}---${m[2]}`; }).join('|')}|`
    : `| ${cells.map((c) => c.trim().replace(SPACE_RUN, ' ')).join(' | ')} |`;
  const indent = line.slice(0, line.length - line.trimStart().length);
  const text = indent + unpark(rebuilt, spans);
  if (text !== line) result.whitespace = true;
  return text;
}

/** Replaces inline code, URLs, link targets and paths with placeholders, so no rule can touch them. */
function park(text: string): { text: string; spans: string[] } {
  const spans: string[] = [];
  let out = '';
  let last = 0;
  PROTECTED_SPAN.lastIndex = 0;
  for (let m = PROTECTED_SPAN.exec(text); m; m = PROTECTED_SPAN.exec(text)) {
    let end = m.index + m[0].length;
    if (m[0].startsWith('`')) {
      // A code span ends at the next backtick run of the same length; without one the backticks are literal.
      const close = closingRun(text, end, m[0].length);
      if (close < 0) continue;
      end = close + m[0].length;
    }
    out += text.slice(last, m.index) + PLACEHOLDER_OPEN + spans.length + PLACEHOLDER_CLOSE;
    spans.push(text.slice(m.index, end));
    last = end;
    PROTECTED_SPAN.lastIndex = end;
  }
  return { text: out + text.slice(last), spans };
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

function unpark(text: string, spans: readonly string[]): string {
  return text.replace(PLACEHOLDER, (_, n: string) => spans[Number(n)]);
}

/**
 * A list item or paragraph that repeats an earlier one word for word (after the rewrite) goes — but
 * only when the earlier one is in the same section or a section containing it: the same rule under
 * two sibling headings ("Frontend", "Backend") says it applies to both, and must stay.
 */
function removeDuplicates(lines: readonly string[], kinds: readonly LineKind[], out: (string | undefined)[], result: Rewrite): void {
  const scopes = sectionScopes(lines, kinds);
  const seen = new Map<string, string[]>();
  for (const unit of textUnits(lines, kinds)) {
    const parts: string[] = [];
    for (let i = unit.start; i < unit.end; i++) if (out[i] !== undefined) parts.push(out[i]!.replace(LINE_PREFIX, '').trim());
    const key = parts.join(' ');
    if (key.split(' ').length < 3) continue;
    const scope = scopes[unit.start];
    const earlier = seen.get(key) ?? [];
    if (!earlier.some((s) => scope === s || scope.startsWith(s + '/'))) {
      seen.set(key, [...earlier, scope]);
      continue;
    }
    for (let i = unit.start; i < unit.end; i++) { out[i] = undefined; result.removed.add(i); }
    result.duplicateLines.push(unit.start + 1);
  }
}

/** For each line, the path of headings it sits under (`3/7` = heading on line 7 under the one on line 3). */
function sectionScopes(lines: readonly string[], kinds: readonly LineKind[]): string[] {
  const stack: { level: number; line: number }[] = [];
  const scopes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'heading' && (i === 0 || kinds[i - 1] !== 'heading' || ATX_HEADING.test(lines[i]))) {
      const atx = ATX_LEVEL.exec(lines[i]);
      const level = atx ? atx[1].length : (lines[i + 1] ?? '').trim().startsWith('=') ? 1 : 2;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, line: i });
    }
    scopes.push(stack.map((h) => h.line).join('/'));
  }
  return scopes;
}

/** List items (with their continuation lines) and paragraphs, as line ranges of text lines. */
function textUnits(lines: readonly string[], kinds: readonly LineKind[]): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < lines.length) {
    if (kinds[i] !== 'text') { i++; continue; }
    let j = i + 1;
    while (j < lines.length && kinds[j] === 'text' && !LIST_MARKER.test(lines[j])) j++;
    units.push({ start: i, end: j });
    i = j;
  }
  return units;
}

/** Names the first kind of protected span that differs between the two texts, if any. */
function compareProtected(expected: string, actual: string): string | undefined {
  const a = spansOf(expected);
  const b = spansOf(actual);
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    if (a[key].length !== b[key].length || a[key].some((s, i) => s !== b[key][i])) return key;
  }
  return undefined;
}

function spansOf(text: string) {
  const lines = text.split('\n');
  const kinds = classify(lines);
  const pick = (kind: LineKind) => lines.filter((_, i) => kinds[i] === kind).join('\n');
  const prose = lines.filter((_, i) => kinds[i] === 'text' || kinds[i] === 'table').join('\n');
  const inline: string[] = [];
  for (const line of prose.split('\n')) for (const s of park(line).spans) if (s.startsWith('`')) inline.push(s);
  return {
    'front matter': [pick('frontMatter')],
    headings: lines.filter((_, i) => kinds[i] === 'heading'),
    'code blocks': [pick('code')],
    'inline code': inline,
    URLs: prose.match(URL) ?? [],
    paths: prose.match(PATH) ?? [],
    numbers: prose.match(NUMBER) ?? [],
    negations: (prose.match(NEGATION) ?? []).map((w) => w.toLowerCase()),
  };
}
