// Instruction files (`.github/copilot-instructions.md`, `*.instructions.md`, `AGENTS.md`, `CLAUDE.md`)
// ride along with every request, so a token saved here is saved on every turn. The rewrite is
// deterministic and lossless in meaning: politeness, filler and verbose phrases (the table in
// instructions/tersePhrases.ts), emphasis on plain terms, near-exact duplicate rules, `claude /init`
// boilerplate, redundant whitespace, thematic breaks and table padding go; front matter, headings,
// code blocks, inline code, URLs, quotes, globs, paths, numbers and negations stay byte for byte.
// That promise is checked per line (a line that would lose one keeps its original text) and again
// for the whole file (any difference and the original is kept). Compressing twice gives the same
// bytes as once.
import type { CompressContext, Compressor, Draft, ParsedCommand, Transform } from './types';
import { DraftBuilder } from './shared/draft';
import { parkSpans, protectedSpans, sameProtectedSpans, unparkSpans } from './instructions/protectedSpans';
import { ANNOUNCEMENT, CAPITALIZABLE, CAPITALIZE, CAPITALIZE_VERB, CONTINUATION, REFERS_BACK, tersePhrases } from './instructions/tersePhrases';

// `.github/copilot-instructions.md`, `react.instructions.md`, `AGENTS.md`, `CLAUDE.md`, `CLAUDE.local.md`
const INSTRUCTION_FILE = /(?:^|[/\\])(?:copilot-instructions\.md|[^/\\]+\.instructions\.md|AGENTS\.md|AGENT\.md|CLAUDE\.md|CLAUDE\.local\.md|GEMINI\.md)$/i;
// ```` ```bash ```` or `~~~` opening a fenced code block (at any indent: fences inside list items too)
const FENCE = /^([ \t]*)(`{3,}|~{3,})/;
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
// `  - `, `1. `, `> `, `- [ ] ` — the prefix of a list item, task or quote line, kept as written
const LINE_PREFIX = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|>[ \t]?)*/;
// `3. `, `- [ ] ` — a numbered step or a checklist item: a step of its procedure, never a duplicate
const ENUMERATED_ITEM = /^[ \t]*(?:\d{1,9}[.)]|[-*+][ \t]+\[[ xX]\])(?:[ \t]|$)/;
// `**For hooks:**`, `Before you open a PR, check:` — a line ending in a colon (emphasis aside) introduces what follows
const LABEL_END = /:[*_ \t]*$/;
// `-`, `12.`, `- [ ]` — a list item the rewrite left without content
const ONLY_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]*$/;
// `- `, `* `, `12. ` at the start of a line: a list item
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
// `  - ` or `10. ` — a list item's marker with the spaces before its content
const LIST_ITEM_START = /^( *)(?:[-*+]|\d{1,9}[.)])( {1,4}|$)/;
// four spaces or a tab after a blank line: indented code
const INDENTED = /^(?: {4}|\t)/;
// `[hr:3f9a0c1b2d4e elided 412 chars]` — this compressor's own marker line, never rewritten
const OWN_MARKER = /^\[hr:[0-9a-f]{12} [^\]\n]*\]$/;
// `This file provides guidance to Claude Code (claude.ai/code) when working with code in this repository.`
// — the line `claude /init` (and Warp's init) writes: it says what the file is, not what to do
const INIT_BOILERPLATE = /^This file provides guidance to [^\n]{1,60}? when working with (?:code in )?this repository\.$/;
// `, use …` left at the start after "Please, use …" lost its first word
const LEFT_OVER_PUNCTUATION = /^([\uE003\uE004]*)[,;:] ?/;
// `tests .` left when "please" went from "tests please."
const SPACE_BEFORE_PUNCTUATION = / +(?=[,.;:!?](?:\s|$))/g;
// `\uE004use` — sentence starts left by removals, and the word after them
const CAPITALIZE_RUN = /([\uE003\uE004]+)([a-z][a-z']*)?/g;
// any of the private-use characters the rewrite uses as placeholders and marks
const PRIVATE_USE = /[\uE000-\uE004]/;
// two or more spaces or tabs inside a line
const SPACE_RUN = /[ \t]{2,}/g;
const TRAILING_SPACE = /[ \t]+$/;
// the `u` of `You must`: a lower-case letter (a phrase without one is written in capitals)
const LOWER_CASE = /[a-z]/;
// the `YO` of `YOU MUST`: two capitals (so `I ` or `- ` is not "written in capitals")
const TWO_CAPITALS = /[A-Z][^A-Z]*[A-Z]/;
// `.`, `!`, `?`, `:` at the end of a line: the next line of the paragraph starts a sentence
const SENTENCE_END = /[.!?:]$/;
// `.`, `!`, `;`, `:` ending a rule (ignored when comparing rules for duplicates)
const END_PUNCTUATION = /[.!;:]+$/;
/** Lines longer than this are left as written (and keep every regex here linear in practice). */
const MAX_REWRITE_LINE = 2000;
/** Files larger than this are not rewritten: instruction files are small, and this keeps the rewrite cheap. */
const MAX_REWRITE_CHARS = 512 * 1024;

type LineKind = 'frontMatter' | 'code' | 'heading' | 'html' | 'blank' | 'text' | 'table' | 'rule' | 'marker';

/** Kinds of lines the rewrite never changes; the validation compares them line for line. */
const FROZEN: readonly { kind: LineKind; label: string }[] = [
  { kind: 'frontMatter', label: 'front matter' },
  { kind: 'heading', label: 'headings' },
  { kind: 'code', label: 'code blocks' },
  { kind: 'html', label: 'HTML' },
  { kind: 'marker', label: 'markers' },
];

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
    if (PRIVATE_USE.test(original)) return unchanged(original, 'the text uses the private-use characters the rewrite needs');
    if (original.length > MAX_REWRITE_CHARS) return unchanged(original, 'too large for an instruction file: left as written');
    const result = rewrite(lines);
    const elided = original.length - result.text.length;
    if (result.text === original || elided <= 0) return unchanged(original, 'nothing to remove: already terse');
    const expected = lines.filter((_, i) => !result.removed.has(i));
    const violation = compareProtected(expected, result.text.split('\n'));
    if (violation) return unchanged(original, `rewrite changed ${violation}: kept the original`);

    const builder = new DraftBuilder(context.source);
    // The marker goes on its own line at the end, before the file's final newline. It is read on
    // every request, so it has the shortest form the grammar allows; the transforms say what went.
    const endsWithNewline = result.text.endsWith('\n');
    builder.write(endsWithNewline ? result.text.slice(0, -1) : result.text);
    builder.write(builder.marker({ verb: 'elided', count: elided, unit: 'chars' }));
    if (endsWithNewline) builder.write('');
    const list = (numbers: readonly number[]) => numbers.map((n) => `L${n}`).join(', ');
    if (result.phraseCount) builder.note('instructions-filler', `removed or shortened ${[...result.phrases].filter(([, n]) => n > 0).map(([label, n]) => `${label} ×${n}`).join(', ')}`);
    if (result.duplicateLines.length) builder.note('instructions-duplicates', `removed near-exact duplicates of earlier rules in the same or an enclosing section at original lines ${list(result.duplicateLines)}`);
    if (result.boilerplateLines.length) builder.note('instructions-boilerplate', `removed the \`claude /init\` line that only says what the file is at original line ${list(result.boilerplateLines)}`);
    if (result.announcementLines.length) builder.note('instructions-announcement', `removed paragraphs that only announce what follows at original lines ${list(result.announcementLines)}`);
    if (result.whitespace) builder.note('instructions-whitespace', 'collapsed blank lines and spaces, dropped thematic breaks and table padding');
    if (result.keptLines) builder.note('instructions-kept-lines', `${result.keptLines} line(s) kept as written: rewriting them would have changed a protected span, number or negation`);
    builder.note('instructions-validate', 'front matter, headings, code blocks, HTML, inline code, URLs, quotes, globs, paths, numbers and negations checked byte for byte');
    return builder.build();
  },
};

function unchanged(text: string, reason: string): Draft {
  const transforms: Transform[] = [{ step: 'instructions-kept', reason }];
  return { text, transforms, markers: [] };
}

interface Rewrite {
  text: string;
  /** Original line indexes removed on purpose (duplicates, boilerplate): the validation skips them. */
  readonly removed: Set<number>;
  readonly duplicateLines: number[];
  readonly boilerplateLines: number[];
  readonly announcementLines: number[];
  readonly phrases: Map<string, number>;
  phraseCount: number;
  whitespace: boolean;
  /** Lines left as written because their rewrite failed the per-line check. */
  keptLines: number;
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
    else if (previousBlank && INDENTED.test(line) && indentOf(line) >= codeIndent(lines, kinds, i)) {
      const needed = codeIndent(lines, kinds, i);
      while (i < lines.length && (lines[i].trim() === '' ? indentOf(lines[i + 1] ?? '') >= needed && (lines[i + 1] ?? '').trim() !== '' || nextIndentedCode(lines, i, needed) : indentOf(lines[i]) >= needed)) kinds[i++] = 'code';
    } else if (ATX_HEADING.test(line)) kinds[i++] = 'heading';
    else if (SETEXT_UNDERLINE.test(lines[i + 1] ?? '') && !LIST_MARKER.test(line) && !TABLE_ROW.test(line) && !HTML_START.test(line) && !INDENTED.test(line)) {
      // The whole paragraph above a setext underline is the heading's text.
      for (let k = i - 1; k >= 0 && kinds[k] === 'text' && !LIST_MARKER.test(lines[k]) && !INDENTED.test(lines[k]); k--) kinds[k] = 'heading';
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

/** A run of blank lines inside indented code continues it when the next non-blank line is indented enough. */
function nextIndentedCode(lines: readonly string[], i: number, needed: number): boolean {
  let k = i;
  while (k < lines.length && lines[k].trim() === '') k++;
  return k < lines.length && indentOf(lines[k]) >= needed;
}

/** Columns of leading whitespace (a tab advances to the next multiple of 4). */
function indentOf(line: string): number {
  let column = 0;
  for (const c of line) {
    if (c === ' ') column++;
    else if (c === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

/**
 * The indent a line after a blank line needs to be indented code: 4 columns, or 4 more than the
 * content of the list item it belongs to (`- a` puts content at 2, so code inside it starts at 6).
 */
function codeIndent(lines: readonly string[], kinds: readonly LineKind[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    if (kinds[k] === 'blank' || kinds[k] === 'code') continue;
    if (kinds[k] !== 'text') return 4;
    const item = LIST_ITEM_START.exec(lines[k].replace(/\t/g, '    '));
    if (item) return item[0].length + (item[2].length === 0 ? 1 : 0) + 4;
    if (indentOf(lines[k]) === 0) return 4;
  }
  return 4;
}

function rewrite(lines: readonly string[]): Rewrite {
  const kinds = classify(lines);
  const result: Rewrite = { text: '', removed: new Set(), duplicateLines: [], boilerplateLines: [], announcementLines: [], phrases: new Map(), phraseCount: 0, whitespace: false, keptLines: 0 };
  const units = textUnits(lines, kinds);
  const out: (string | undefined)[] = lines.map((line, i) => {
    switch (kinds[i]) {
      case 'text': return undefined;
      case 'table': return rewriteTableRow(line, result);
      case 'rule': result.whitespace = true; return undefined;
      default: return line;
    }
  });
  // A line starts a sentence when it starts its paragraph or list item, when the line kept before it
  // ends one, or when every line before it in the unit was emptied — so a second pass, which sees
  // only the kept lines, decides the same way.
  for (const unit of units) {
    let previous: string | undefined;
    for (let i = unit.start; i < unit.end; i++) {
      const continuation = previous !== undefined && !SENTENCE_END.test(previous);
      const line = rewriteText(lines[i], result, continuation);
      out[i] = line;
      if (!emptied(lines[i], line)) previous = line;
    }
    // A list item whose first line was emptied keeps it when lines of the item remain: without its
    // marker they would join the item before.
    if (LIST_MARKER.test(lines[unit.start]) && emptied(lines[unit.start], out[unit.start]!) && previous !== undefined) {
      out[unit.start] = lines[unit.start];
      result.keptLines++;
    }
  }
  // Lines emptied by the rewrite (a lone "Thanks!") go; list items left with only their marker too.
  out.forEach((line, i) => {
    if (line !== undefined && kinds[i] === 'text' && emptied(lines[i], line)) out[i] = undefined;
  });
  removeDuplicates(lines, kinds, units, out, result);
  removeAnnouncements(units, out, result);
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

/** True when the rewrite left a line without content: blank, or only its list marker. */
function emptied(original: string, line: string): boolean {
  return line !== original && (line.trim() === '' || ONLY_MARKER.test(line));
}

/**
 * Rewrites one line of prose: its list/quote prefix is kept, protected spans are parked as
 * placeholders, and a line that would lose a protected span, number or negation stays as written.
 * A line that continues a paragraph does not start a sentence.
 */
function rewriteText(line: string, result: Rewrite, continuation: boolean): string {
  if (line.length > MAX_REWRITE_LINE) return line;
  const prefix = LINE_PREFIX.exec(line)![0];
  const parked = parkSpans(line.slice(prefix.length));
  const counted = new Map<string, number>();
  const content = terse((continuation ? CONTINUATION : '') + parked.text, counted).replace(CONTINUATION, '');
  if (parked.text.replace(SPACE_RUN, ' ').replace(TRAILING_SPACE, '') !== parked.text) result.whitespace = true;
  const rewritten = (content === '' ? prefix.trimEnd() : prefix) + unparkSpans(content, parked.spans);
  return accept(line, rewritten, counted, result);
}

/** Keeps a rewritten line only if its protected spans, numbers and negations are exactly the original's. */
function accept(line: string, rewritten: string, counted: ReadonlyMap<string, number>, result: Rewrite): string {
  if (rewritten !== line && !sameProtectedSpans(line, rewritten)) {
    result.keptLines++;
    return line;
  }
  for (const [label, n] of counted) {
    result.phrases.set(label, (result.phrases.get(label) ?? 0) + n);
    result.phraseCount += n;
  }
  return rewritten;
}

/** Applies the phrase table until nothing changes, then capitalizes the sentence starts it left. */
function terse(text: string, counted: Map<string, number>): string {
  let content = text;
  for (let round = 0; round < 6; round++) {
    const before = content;
    for (const phrase of tersePhrases) {
      content = content.replace(phrase.pattern, (match: string, ...args: unknown[]) => {
        // "YOU MUST", "PLEASE": capitals are emphasis the author added on purpose
        if (!phrase.markup && !LOWER_CASE.test(match) && TWO_CAPITALS.test(match)) return match;
        const whole = args[args.length - 1] as string;
        const offset = args[args.length - 2] as number;
        counted.set(phrase.label, (counted.get(phrase.label) ?? 0) + 1);
        const replacement = phrase.replace.replace('$1', typeof args[0] === 'string' ? args[0] : '');
        const upper = /^[A-Z]/.test(match);
        // A removed sentence start leaves a mark; the last mark before a word says how to capitalize it.
        if (replacement === '') return sentenceStart(whole, offset) && (upper || isMark(whole[offset - 1])) ? (phrase.beforeVerb ? CAPITALIZE_VERB : CAPITALIZE) : '';
        return upper && /^[a-z]/.test(replacement) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
      });
    }
    // What a removal leaves behind: a leading comma, a space before punctuation.
    if (content !== before) content = content.replace(LEFT_OVER_PUNCTUATION, '$1').replace(SPACE_BEFORE_PUNCTUATION, '');
    content = content.replace(SPACE_RUN, ' ').replace(TRAILING_SPACE, '');
    if (content === before) break;
  }
  return content
    .replace(CAPITALIZE_RUN, (_, marks: string, word: string | undefined) => {
      if (word === undefined) return '';
      const verb = marks[marks.length - 1] === CAPITALIZE_VERB;
      return verb || CAPITALIZABLE.has(word) ? word[0].toUpperCase() + word.slice(1) : word;
    })
    .replace(TRAILING_SPACE, '');
}

function isMark(c: string | undefined): boolean {
  return c === CAPITALIZE || c === CAPITALIZE_VERB;
}

function sentenceStart(text: string, offset: number): boolean {
  return offset === 0 || isMark(text[offset - 1]) || (offset >= 2 && text[offset - 1] === ' ' && '.!?:'.includes(text[offset - 2]));
}

/** `| a   |  b |` → `| a | b |` (cells rewritten like prose); a delimiter row `| :--- | ---: |` → `|:-|-:|`. Never longer. */
function rewriteTableRow(line: string, result: Rewrite): string {
  if (line.length > MAX_REWRITE_LINE) return line;
  const parked = parkSpans(line.trim());
  const cells = parked.text.slice(1, parked.text.endsWith('\\|') ? parked.text.length : -1).split(CELL_SEPARATOR);
  const counted = new Map<string, number>();
  const delimiter = cells.every((c) => DELIMITER_CELL.test(c));
  const rebuilt = delimiter
    ? `|${cells.map((c) => { const m = DELIMITER_CELL.exec(c)!; return `${m[1]}-${m[2]}`; }).join('|')}|`
    : `| ${cells.map((c) => terse(c.trim(), counted)).join(' | ')} |`;
  const indent = line.slice(0, line.length - line.trimStart().length);
  const text = indent + unparkSpans(rebuilt, parked.spans);
  if (text.length >= line.length) return line;
  result.whitespace = true;
  return accept(line, text, counted, result);
}

/**
 * Paragraphs of one line that only say what the file is (the `claude /init` line) or announce what
 * follows, with no protected span, number or negation, and no "It …" after them that refers back.
 */
function removeAnnouncements(units: readonly Unit[], out: (string | undefined)[], result: Rewrite): void {
  // The lines each unit keeps (the emptied ones are gone): what a second pass would see.
  const kept = units.map((unit) => range(unit.start, unit.end).filter((i) => out[i] !== undefined)).filter((k) => k.length > 0);
  kept.forEach((unit, k) => {
    const line = out[unit[0]]!;
    if (unit.length !== 1 || LIST_MARKER.test(line) || line.startsWith('>')) return;
    const boilerplate = INIT_BOILERPLATE.test(line);
    if (!boilerplate && !(ANNOUNCEMENT.test(line) && protectedSpans(line).length === 0)) return;
    const next = kept[k + 1];
    if (next && REFERS_BACK.test(out[next[0]]!.replace(LINE_PREFIX, ''))) return;
    out[unit[0]] = undefined;
    result.removed.add(unit[0]);
    (boilerplate ? result.boilerplateLines : result.announcementLines).push(unit[0] + 1);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/**
 * A bullet or paragraph that repeats an earlier one (after the rewrite, ignoring case outside
 * protected spans and the final punctuation) goes — but only when the earlier one is in the same
 * list, or is a rule of a section containing it. Everything else stays: the same rule under two
 * sibling headings ("Frontend", "Backend") or in two lists of one section ("For hooks:", "For
 * skills:") applies to each, and a numbered step or a checklist item repeated in another procedure
 * is a step of that procedure.
 */
function removeDuplicates(lines: readonly string[], kinds: readonly LineKind[], units: readonly Unit[], out: (string | undefined)[], result: Rewrite): void {
  const scopes = sectionScopes(lines, kinds);
  const blocks = unitBlocks(lines, kinds, units);
  const seen = new Map<string, { scope: string; block: number; general: boolean }[]>();
  units.forEach((unit, k) => {
    const { block, enumerated, labelled } = blocks[k];
    if (enumerated) return;
    const parts: string[] = [];
    for (let i = unit.start; i < unit.end; i++) if (out[i] !== undefined) parts.push(out[i]!.replace(LINE_PREFIX, '').trim());
    const text = parts.join(' ');
    if (text.length > MAX_REWRITE_LINE) return;
    const key = ruleKey(text);
    if (key.split(' ').length < 3) return;
    const scope = scopes[unit.start];
    const earlier = seen.get(key) ?? [];
    if (!earlier.some((e) => e.block === block || (e.general && scope.startsWith(e.scope + '/')))) {
      seen.set(key, [...earlier, { scope, block, general: !labelled }]);
      return;
    }
    for (let i = unit.start; i < unit.end; i++) { out[i] = undefined; result.removed.add(i); }
    result.duplicateLines.push(unit.start + 1);
  });
}

/**
 * For each unit: its block (the items of one list at one level under one parent share one; a
 * paragraph is its own), whether it is — or sits under — a numbered step or a checklist item, and
 * whether its list follows a label line ("**For hooks:**", "Before you open a PR, check:") that
 * narrows what it applies to.
 */
function unitBlocks(lines: readonly string[], kinds: readonly LineKind[], units: readonly Unit[]): { block: number; enumerated: boolean; labelled: boolean }[] {
  const blocks: { block: number; enumerated: boolean; labelled: boolean }[] = [];
  // The open items of the current list, outermost first.
  let open: { indent: number; block: number; enumerated: boolean }[] = [];
  let labelled = false;
  units.forEach((unit, k) => {
    const line = lines[unit.start];
    const item = LIST_MARKER.test(line);
    const previous = units[k - 1];
    let sameList = item && previous !== undefined && LIST_MARKER.test(lines[previous.start]);
    for (let i = previous?.end ?? 0; sameList && i < unit.start; i++) sameList = kinds[i] === 'blank' || kinds[i] === 'code';
    if (!sameList) {
      open = [];
      let before = unit.start - 1;
      while (before >= 0 && kinds[before] === 'blank') before--;
      labelled = before >= 0 && kinds[before] === 'text' && LABEL_END.test(lines[before]);
    }
    if (!item) {
      blocks.push({ block: k, enumerated: false, labelled });
      return;
    }
    const indent = indentOf(line);
    let sibling: { indent: number; block: number; enumerated: boolean } | undefined;
    while (open.length && open[open.length - 1].indent >= indent) sibling = open.pop();
    const parent = open[open.length - 1];
    const enumerated = ENUMERATED_ITEM.test(line) || (parent?.enumerated ?? false);
    const block = sibling && sibling.indent === indent ? sibling.block : k;
    open.push({ indent, block, enumerated });
    blocks.push({ block, enumerated, labelled });
  });
  return blocks;
}

/** A rule's text for comparing: lower case outside protected spans, single spaces, no final punctuation. */
function ruleKey(text: string): string {
  const parked = parkSpans(text);
  return unparkSpans(parked.text.toLowerCase().replace(SPACE_RUN, ' ').trim().replace(END_PUNCTUATION, ''), parked.spans);
}

/** For each line, the path of headings it sits under (`3/7` = heading on line 7 under the one on line 3). */
function sectionScopes(lines: readonly string[], kinds: readonly LineKind[]): string[] {
  const stack: { level: number; line: number }[] = [];
  const scopes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'heading' && (i === 0 || kinds[i - 1] !== 'heading' || ATX_HEADING.test(lines[i]))) {
      const atx = ATX_LEVEL.exec(lines[i]);
      const level = atx ? atx[1].length : setextLevel(lines, kinds, i);
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, line: i });
    }
    scopes.push(stack.map((h) => h.line).join('/'));
  }
  return scopes;
}

/** 1 for a title underlined with `=`, 2 for `-`: the underline is the last heading line of the run. */
function setextLevel(lines: readonly string[], kinds: readonly LineKind[], i: number): number {
  let k = i;
  while (k + 1 < lines.length && kinds[k + 1] === 'heading' && !ATX_HEADING.test(lines[k + 1])) k++;
  return lines[k].trim().startsWith('=') ? 1 : 2;
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

/**
 * Names the first kind of protected content that differs between the expected text (the original
 * less the lines removed on purpose) and the rewrite: frozen lines compare line for line, prose
 * compares its protected spans, numbers and negations in order.
 */
function compareProtected(expected: readonly string[], actual: readonly string[]): string | undefined {
  const a = classify(expected);
  const b = classify(actual);
  for (const { kind, label } of FROZEN) {
    const x = expected.filter((_, i) => a[i] === kind);
    const y = actual.filter((_, i) => b[i] === kind);
    if (!sameList(x, y)) return label;
  }
  // A line too long to rewrite is compared whole (and its spans are never scanned).
  const prose = (lines: readonly string[], kinds: readonly LineKind[]) => lines.flatMap((l, i) => {
    if (kinds[i] !== 'text' && kinds[i] !== 'table') return [];
    return l.length > MAX_REWRITE_LINE ? [`l${l}`] : protectedSpans(l);
  });
  if (!sameList(prose(expected, a), prose(actual, b))) return 'inline code, URLs, quotes, paths, numbers or negations';
  return undefined;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
