// Markdown and plain-text documents, deterministic and extractive: the outline (every heading), front
// matter, every code block and every list of commands stay; paragraphs, list items and tables are
// ranked by relevance to the query (BM25) and by position (a section's lead, the introduction), near
// duplicates are dropped, and each dropped run becomes one marker with its exact line range. Lines are
// only ever kept or dropped whole — no sentence is rewritten — unless the user brought a prose model
// (`Engines.proseModel`): then the kept paragraphs lose the words it scores lowest (prose/dropWords.ts),
// each shortened paragraph marked with the range of its original lines.
import type { CompressContext, CompressOptions, Compressor, Draft, ParsedCommand, Source } from './types';
import { DraftBuilder, MAX_LINE_CHARS } from './shared/draft';
import { bm25Scores, words } from './shared/bm25';
import { formatMarker } from './shared/markers';
import { isInstructionFile } from './instructions';
import { dropWords, type DropResult, type ModelBlock, type ShortenedBlock } from './prose/dropWords';
import { queryWordSet } from './prose/protectedWords';

/** Without a budget, paragraphs at least this relevant (share of the best BM25 score) are kept. */
const RELEVANT_SHARE = 0.35;
/** Units kept from the start of the document (its introduction). */
const INTRO_UNITS = 2;
/** A unit whose words overlap an already kept one this much (Jaccard) says nothing new. */
const DUPLICATE_JACCARD = 0.8;
/** Lists this short are kept or dropped as one unit. */
const SHORT_LIST_ITEMS = 6;
const SHORT_LIST_CHARS = 600;
/** With a query, code blocks longer than this in sections the query is not about may go. */
const LONG_CODE_LINES = 12;
/** A cut smaller than this is not worth its marker. */
const MIN_CUT_CHARS = 120;

// `# Commander.js` — a document that starts with a top-level heading
const TOP_HEADING = /^# \S/;
// the spaces between words
const BLANKS = /\s+/;
// `# Title`, `### Options` (ATX heading)
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
// `=====` / `-----` / `~~~~~` under a title (setext or reStructuredText underline)
const UNDERLINE = /^ {0,3}(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})[ \t]*$/;
// ```` ```ts ```` or `~~~` opening a fenced code block
const FENCE = /^( {0,3})(`{3,}|~{3,})/;
// `---`, `***`, `_ _ _` (a thematic break)
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
// `- item`, `* item`, `+ item`, `1. item`, `2) item`
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
// `| a | b |` or `|---|:--:|` (a table row)
const TABLE_ROW = /^ {0,3}\|/;
// `<p align="center">`, `<!-- comment -->`, `</details>` (an HTML block)
const HTML_BLOCK = /^ {0,3}<(?:[A-Za-z!/?])/;
// `> quoted`
const BLOCKQUOTE = /^ {0,3}>/;
// four spaces or a tab: indented code (after a blank line, outside lists)
const INDENTED = /^(?: {4}|\t)/;
// `` `npm install commander` ``, `$ make test`: a shell command at the start of a list item or paragraph
const COMMAND_START = /^(?:\$ \S|`(?:\$ )?(?:npm|npx|pnpm|yarn|bun|deno|node|pip|pipx|uv|python3?|poetry|cargo|rustup|go|make|cmake|git|gh|docker|kubectl|helm|brew|apt|apt-get|curl|wget|dotnet|mvn|gradle|bundle|gem|rake|composer|sudo)\b[^`]*`)/;
// `[![npm](https://…badge.svg)](https://…)` — badges say little to a model
const BADGE = /^\s*\[!\[/;
// `const a = 1;`, `function f() {`, `}` — source code rather than prose
const CODE_LIKE = /[;{}]\s*$|^\s*(?:const|let|var|function|import|export|def|class|return|if|for|while|public|private|package|#include)\b/;
// `.md`, `.markdown`, `.mdx`, `.rst`, `.adoc`, `.txt`
const DOC_FILE = /\.(?:md|markdown|mdx|rst|adoc|txt)$/i;
// `README`, `CHANGELOG`, `HISTORY`, `NEWS`, `CONTRIBUTING` without an extension
const DOC_NAME = /(?:^|\/)(?:README|CHANGELOG|CHANGES|HISTORY|NEWS|CONTRIBUTING|AUTHORS)$/i;

type BlockKind = 'frontMatter' | 'heading' | 'code' | 'example' | 'blank' | 'rule' | 'paragraph' | 'item' | 'list' | 'table' | 'html' | 'quote';

interface Block {
  kind: BlockKind;
  readonly start: number;
  /** Exclusive. */
  end: number;
  /** Index of the section (0 before the first heading). */
  section: number;
  indent?: number;
  command?: boolean;
}

export const prose: Compressor = {
  id: 'prose',
  type: 'prose',
  matches(command: ParsedCommand): boolean {
    // `cat README.md`, `less docs/guide.md`: a document read through the terminal.
    if (!['cat', 'less', 'more', 'bat', 'batcat', 'head', 'tail'].includes(command.program)) return false;
    const files = command.args.filter((a) => !a.startsWith('-'));
    return files.length === 1 && isDocument(files[0]);
  },
  handlesFile(fileName: string, language?: string): boolean {
    if (isInstructionFile(fileName)) return false;
    return isDocument(fileName) || language === 'markdown' || language === 'plaintext' || language === 'restructuredtext';
  },
  sniff(source: Source): boolean {
    const lines = source.lines;
    let first = 0;
    while (first < lines.length && lines[first].trim() === '') first++;
    if (first >= lines.length || !TOP_HEADING.test(lines[first])) return false;
    const blocks = parseBlocks(lines);
    return blocks.filter((b) => b.kind === 'heading').length >= 3 && looksLikeProse(lines, blocks);
  },
  compress(context: CompressContext): Draft | undefined {
    const selection = select(context.source.lines, context.options);
    return selection && emit(context, selection);
  },
};

/**
 * The lines a prose model may shorten, grouped by paragraph (list item, quote): those of the
 * paragraphs this compressor keeps, minus lines that look like code. Hosts score exactly these lines
 * before compressing; empty when the text is not prose.
 */
export function proseModelLines(source: Source, options: CompressOptions): ModelBlock[] {
  const selection = select(source.lines, options);
  return selection ? modelBlocks(source.lines, selection) : [];
}

/** Block kinds whose kept lines the prose model may shorten (never code, headings, tables or HTML). */
const MODEL_KINDS = new Set<BlockKind>(['paragraph', 'item', 'list', 'quote']);
// `[hr:3f9a0c1b2d4e omitted 4 lines]` — a marker already in the text is never touched
const MARKER_TEXT = /\[hr:[0-9a-f]{12} /;

function modelBlocks(lines: readonly string[], { blocks, kept }: Selection): ModelBlock[] {
  const out: ModelBlock[] = [];
  for (const b of blocks) {
    if (!MODEL_KINDS.has(b.kind) || b.command || !kept.has(b)) continue;
    const eligible: number[] = [];
    for (let i = b.start; i < b.end; i++) {
      const line = lines[i];
      if (line.trim() === '' || FENCE.test(line.trimStart()) || CODE_LIKE.test(line) || line.length > MAX_LINE_CHARS || MARKER_TEXT.test(line)) continue;
      eligible.push(i);
    }
    if (eligible.length > 0) out.push({ lines: eligible });
  }
  return out;
}

function isDocument(fileName: string): boolean {
  return !isInstructionFile(fileName) && (DOC_FILE.test(fileName) || DOC_NAME.test(fileName));
}

/** Most non-blank lines are sentences, list items or headings (not code, logs or data). */
function looksLikeProse(lines: readonly string[], blocks: readonly Block[]): boolean {
  let textLines = 0;
  let nonBlank = 0;
  let wordsInText = 0;
  for (const b of blocks) {
    if (b.kind === 'blank') continue;
    const n = b.end - b.start;
    nonBlank += n;
    if (b.kind === 'paragraph' || b.kind === 'item' || b.kind === 'list' || b.kind === 'heading' || b.kind === 'quote') {
      textLines += n;
      for (let i = b.start; i < b.end; i++) wordsInText += lines[i].split(BLANKS).filter(Boolean).length;
    }
  }
  let codeLike = 0;
  for (const b of blocks) if (b.kind === 'paragraph') for (let i = b.start; i < b.end; i++) if (CODE_LIKE.test(lines[i])) codeLike++;
  return nonBlank > 0 && textLines / nonBlank >= 0.3 && wordsInText / Math.max(1, textLines) >= 3 && codeLike <= textLines * 0.3;
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  let section = 0;
  const push = (kind: BlockKind, start: number, end: number, extra: Partial<Block> = {}) => {
    blocks.push({ kind, start, end, section, ...extra });
    return end;
  };
  if (lines[0] === '---') {
    let j = 1;
    while (j < lines.length && j < 200 && lines[j] !== '---' && lines[j] !== '...') j++;
    if (j < lines.length && j < 200) i = push('frontMatter', 0, j + 1);
  }
  while (i < lines.length) {
    const line = lines[i];
    const next = lines[i + 1] ?? '';
    if (line.trim() === '') { i = push('blank', i, i + 1); continue; }
    const fence = FENCE.exec(line);
    if (fence) { i = push('code', i, fenceEnd(lines, i, fence[2])); continue; }
    if (ATX_HEADING.test(line)) { section++; i = push('heading', i, i + 1); continue; }
    if (isTitleLine(line) && UNDERLINE.test(next) && (next.trim()[0] !== '-' || !LIST_ITEM.test(line))) {
      section++;
      i = push('heading', i, i + 2);
      continue;
    }
    if (THEMATIC_BREAK.test(line)) { i = push('rule', i, i + 1); continue; }
    if (TABLE_ROW.test(line)) { i = push('table', i, runWhile(lines, i, (l) => TABLE_ROW.test(l))); continue; }
    if (HTML_BLOCK.test(line)) { i = push('html', i, runWhile(lines, i, (l) => l.trim() !== '')); continue; }
    if (BLOCKQUOTE.test(line)) { i = push('quote', i, runWhile(lines, i, (l) => l.trim() !== '')); continue; }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const end = itemEnd(lines, i, item[0].length);
      const text = line.slice(item[0].length);
      // An item holding a fenced code block is kept like the code block itself.
      const holdsCode = lines.slice(i + 1, end).some((l) => FENCE.test(l.trimStart()));
      i = push('item', i, end, { indent: item[1].length, command: COMMAND_START.test(text) || holdsCode });
      continue;
    }
    if (INDENTED.test(line) && (blocks.at(-1)?.kind === 'blank' || blocks.length === 0) && !inList(blocks)) {
      i = push('code', i, runWhile(lines, i, (l, k) => INDENTED.test(l) || (l.trim() === '' && INDENTED.test(lines[k + 1] ?? ''))));
      continue;
    }
    const end = runWhile(lines, i, (l, k) => k === i || (l.trim() !== '' && !startsBlock(l, lines[k + 1] ?? '')));
    i = push('paragraph', i, end, { command: end - i === 1 && COMMAND_START.test(line.trim()) && line.trim().length < 120 });
  }
  return groupShortLists(blocks, lines);
}

/** A line that can carry a setext/RST underline: text, not a list marker alone, not a table or fence. */
function isTitleLine(line: string): boolean {
  return line.trim() !== '' && !FENCE.test(line) && !TABLE_ROW.test(line) && !HTML_BLOCK.test(line) && line.trim().length <= 120;
}

function startsBlock(line: string, next: string): boolean {
  return FENCE.test(line) || ATX_HEADING.test(line) || LIST_ITEM.test(line) || TABLE_ROW.test(line) || BLOCKQUOTE.test(line) || (isTitleLine(line) && UNDERLINE.test(next));
}

function fenceEnd(lines: readonly string[], start: number, open: string): number {
  for (let j = start + 1; j < lines.length; j++) {
    const close = FENCE.exec(lines[j]);
    if (close && close[2][0] === open[0] && close[2].length >= open.length && lines[j].trim() === close[2]) return j + 1;
  }
  return lines.length;
}

function runWhile(lines: readonly string[], start: number, test: (line: string, index: number) => boolean): number {
  let j = start;
  while (j < lines.length && test(lines[j], j)) j++;
  return Math.max(j, start + 1);
}

/** A list item runs on over lazy continuation lines and blank lines followed by indented text. */
function itemEnd(lines: readonly string[], start: number, contentIndent: number): number {
  let j = start + 1;
  while (j < lines.length) {
    const line = lines[j];
    if (line.trim() === '') {
      let k = j;
      while (k < lines.length && lines[k].trim() === '') k++;
      if (k < lines.length && indentOf(lines[k]) >= contentIndent && !LIST_ITEM.test(lines[k])) { j = k; continue; }
      break;
    }
    const fence = FENCE.exec(line);
    if (fence && indentOf(line) >= contentIndent) { j = fenceEnd(lines, j, fence[2]); continue; }
    if (LIST_ITEM.test(line) || ATX_HEADING.test(line) || FENCE.test(line) || TABLE_ROW.test(line) || UNDERLINE.test(line)) break;
    j++;
  }
  return j;
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && (line[n] === ' ' || line[n] === '\t')) n += line[n] === '\t' ? 4 : 1;
  return n;
}

function inList(blocks: readonly Block[]): boolean {
  for (let k = blocks.length - 1; k >= 0; k--) {
    if (blocks[k].kind === 'blank') continue;
    return blocks[k].kind === 'item';
  }
  return false;
}

/** Consecutive items of a short list (few items, few chars) become one unit: kept or dropped together. */
function groupShortLists(blocks: Block[], lines: readonly string[]): Block[] {
  const out: Block[] = [];
  let k = 0;
  while (k < blocks.length) {
    if (blocks[k].kind !== 'item') { out.push(blocks[k++]); continue; }
    let m = k;
    let last = k;
    while (m < blocks.length && (blocks[m].kind === 'item' || (blocks[m].kind === 'blank' && blocks[m + 1]?.kind === 'item'))) {
      if (blocks[m].kind === 'item') last = m;
      m++;
    }
    const items = blocks.slice(k, last + 1).filter((b) => b.kind === 'item');
    const chars = lines.slice(blocks[k].start, blocks[last].end).join('\n').length;
    if (items.length <= SHORT_LIST_ITEMS && chars <= SHORT_LIST_CHARS && !items.some((b) => b.command)) {
      out.push({ kind: 'list', start: blocks[k].start, end: blocks[last].end, section: blocks[k].section });
      k = last + 1;
    } else {
      for (; k <= last; k++) out.push(blocks[k]);
    }
  }
  return out;
}

const DROPPABLE = new Set<BlockKind>(['paragraph', 'item', 'list', 'table', 'html', 'quote', 'example']);

interface Selection {
  readonly blocks: readonly Block[];
  readonly kept: Set<Block>;
  readonly unitCount: number;
}

/** Which paragraphs, lists and tables stay; `undefined` when the text is not prose. Pure: the same lines and options give the same choice. */
function select(lines: readonly string[], options: CompressOptions): Selection | undefined {
  const blocks = parseBlocks(lines);
  if (!looksLikeProse(lines, blocks)) return undefined;
  const query = options.query ?? '';
  markIrrelevantCode(blocks, lines, query);
  const units = blocks.filter((b) => DROPPABLE.has(b.kind) && !b.command);
  const headingOf = new Map<number, string>();
  for (const b of blocks) if (b.kind === 'heading') headingOf.set(b.section, lines[b.start]);
  const text = (b: Block) => lines.slice(b.start, b.end).join('\n');
  // The section title joins each unit's text, so a section the query names ranks its paragraphs.
  const relevance = bm25Scores(units.map((u) => `${headingOf.get(u.section) ?? ''}\n${text(u)}`), query);
  const best = Math.max(0, ...relevance);

  const seenSections = new Set<number>();
  const score = new Map<Block, number>();
  const lead = new Set<Block>();
  units.forEach((u, k) => {
    const isLead = !seenSections.has(u.section) && !BADGE.test(lines[u.start]) && u.kind !== 'html' && u.kind !== 'example';
    if (isLead) { lead.add(u); seenSections.add(u.section); }
    const intro = k < INTRO_UNITS && u.section <= 1;
    const r = best > 0 ? relevance[k] / best : 0;
    score.set(u, r + (isLead ? 0.5 : 0) + (intro ? 0.4 : 0) + 0.1 * (1 - k / units.length) - (u.kind === 'html' || BADGE.test(lines[u.start]) ? 0.5 : 0));
  });

  // Keep: leads, the introduction, and what the query is about; the rest goes unless a budget has room.
  const kept = new Set<Block>();
  units.forEach((u, k) => {
    const relevant = best > 0 && relevance[k] >= best * RELEVANT_SHARE;
    const decoration = u.kind === 'html' || u.kind === 'example' || BADGE.test(lines[u.start]);
    if ((lead.has(u) || (k < INTRO_UNITS && u.section <= 1 && !decoration) || relevant) && !(decoration && !relevant)) kept.add(u);
  });
  dropDuplicates(units, kept, text);
  const budget = options.budget;
  if (budget !== undefined) fitBudget(units, kept, score, blocks, lines, budget * 4);
  return { blocks, kept, unitCount: units.length };
}

/**
 * With a query, a long code block in a section the query is not about becomes droppable (kind `code`
 * turns `example`); every other code block stays.
 */
function markIrrelevantCode(blocks: Block[], lines: readonly string[], query: string): void {
  if (words(query).length === 0) return;
  const sections = new Map<number, string[]>();
  for (const b of blocks) sections.set(b.section, [...(sections.get(b.section) ?? []), lines.slice(b.start, b.end).join('\n')]);
  const ids = [...sections.keys()];
  const scores = bm25Scores(ids.map((id) => sections.get(id)!.join('\n')), query);
  const best = Math.max(0, ...scores);
  const relevant = new Set(ids.filter((_, k) => best > 0 && scores[k] >= best * RELEVANT_SHARE));
  for (const b of blocks) if (b.kind === 'code' && b.end - b.start > LONG_CODE_LINES && !relevant.has(b.section)) b.kind = 'example';
}

function wordSet(text: string): Set<string> {
  return new Set(words(text));
}

/** A kept unit whose words nearly repeat an earlier kept unit is dropped. */
function dropDuplicates(units: readonly Block[], kept: Set<Block>, text: (b: Block) => string): void {
  const keptSets: Set<string>[] = [];
  for (const u of units) {
    if (!kept.has(u)) continue;
    const set = wordSet(text(u));
    if (set.size >= 4 && keptSets.some((s) => jaccard(s, set) >= DUPLICATE_JACCARD)) kept.delete(u);
    else keptSets.push(set);
  }
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** With a budget, adds the best-scoring units while there is room, or drops the weakest until it fits. */
function fitBudget(units: readonly Block[], kept: Set<Block>, score: Map<Block, number>, blocks: readonly Block[], lines: readonly string[], budgetChars: number): void {
  const size = (b: Block) => lines.slice(b.start, b.end).join('\n').length + 1;
  let total = 0;
  for (const b of blocks) if (!DROPPABLE.has(b.kind) || b.command || kept.has(b)) total += size(b);
  const ranked = [...units].sort((a, b) => score.get(b)! - score.get(a)! || a.start - b.start);
  if (total > budgetChars) {
    for (const u of [...ranked].reverse()) {
      if (total <= budgetChars) break;
      if (kept.delete(u)) total -= size(u);
    }
  } else {
    for (const u of ranked) {
      if (kept.has(u) || total + size(u) > budgetChars) continue;
      kept.add(u);
      total += size(u);
    }
  }
}

function emit(context: CompressContext, selection: Selection): Draft {
  const { blocks, kept, unitCount } = selection;
  const { lines } = context.source;
  const builder = new DraftBuilder(context.source);
  const model = shortenWithModel(context, selection, builder);
  const shortened = model?.result;
  const markerAfter = new Map<number, ShortenedBlock>();
  for (const b of shortened?.blocks ?? []) markerAfter.set(b.last, b);
  const keepLine = new Uint8Array(lines.length);
  const dropped = new Map<number, Block>();
  for (const b of blocks) {
    const keep = b.kind === 'blank' ? false : !DROPPABLE.has(b.kind) || b.command || kept.has(b);
    for (let i = b.start; i < b.end; i++) {
      keepLine[i] = keep ? 1 : 0;
      if (!keep && b.kind !== 'blank') dropped.set(i, b);
    }
  }
  // A blank line stays only between two kept lines; otherwise it goes with the cut next to it.
  for (const b of blocks) {
    if (b.kind !== 'blank') continue;
    let p = b.start - 1;
    while (p >= 0 && lines[p].trim() === '') p--;
    let n = b.end;
    while (n < lines.length && lines[n].trim() === '') n++;
    if ((p < 0 || keepLine[p]) && (n >= lines.length || keepLine[n])) keepLine[b.start] = 1;
  }
  // A cut too small to pay for its marker is kept.
  for (let i = 0; i < lines.length; ) {
    if (keepLine[i]) { i++; continue; }
    let j = i;
    let chars = 0;
    while (j < lines.length && !keepLine[j]) chars += lines[j++].length + 1;
    if (chars < MIN_CUT_CHARS) for (let k = i; k < j; k++) keepLine[k] = 1;
    i = j;
  }

  let droppedUnits = 0;
  for (let i = 0; i < lines.length; ) {
    const rewritten = shortened?.lines.get(i);
    if (keepLine[i] && rewritten !== undefined) {
      const b = markerAfter.get(i);
      builder.write(b ? `${rewritten} ${builder.marker(modelMarker(builder, b))}` : rewritten);
      i++;
      continue;
    }
    if (keepLine[i]) { builder.keep(i); i++; continue; }
    let j = i;
    const inRun = new Set<Block>();
    while (j < lines.length && !keepLine[j]) {
      const b = dropped.get(j);
      if (b) inRun.add(b);
      j++;
    }
    droppedUnits += inRun.size;
    builder.omit(i, j, { detail: describe([...inRun]) });
    i = j;
  }
  builder.note('prose-outline', `kept every heading, code block and command list; ${unitCount - droppedUnits} of ${unitCount} paragraphs, lists and tables kept`);
  if (context.options.query) builder.note('prose-rank', 'paragraphs ranked by BM25 against the query, then by position');
  if (model) builder.note('prose-model', model.note);
  return builder.build();
}

/**
 * With a prose model, drops the lowest-scored words of the kept paragraphs and notes what ran (the
 * model's and tokenizer's SHA-256, words kept); without usable scores, notes why and changes nothing.
 */
function shortenWithModel(context: CompressContext, selection: Selection, builder: DraftBuilder): { result?: DropResult; note: string } | undefined {
  const model = context.engines.proseModel;
  if (!model) return undefined;
  const scores = model.scores(context.source.text);
  const ran = `model sha256 ${model.sha256}, tokenizer sha256 ${model.tokenizerSha256}`;
  if (!scores) return { note: `${ran}: this text was not scored in advance; deterministic path only` };
  if (scores.unavailable) return { note: `unavailable (${scores.unavailable}); deterministic path only` };
  const blocks = modelBlocks(context.source.lines, selection);
  // The saving, counted with the real tokenizer, must beat the marker's tokens by a margin.
  const tokens = context.engines.tokens;
  const pays = (before: string, after: string, b: ShortenedBlock) =>
    tokens.count(before) - tokens.count(`${after} ${formatMarker({ id: context.source.id, ...modelMarker(builder, b) })}`) >= MIN_MODEL_SAVING_TOKENS;
  const result = dropWords(context.source.lines, blocks, scores.lines, model.keepRatio, queryWordSet(context.options.query), pays);
  const share = result.total > 0 ? Math.round((100 * result.kept) / result.total) : 100;
  const note = `${ran}: kept ${result.kept} of ${result.total} words (${share} %, target ${Math.round(model.keepRatio * 100)} %) in the kept paragraphs; ` +
    `${result.blocks.length} of ${result.blockCount} shortened; ${result.protectedCount} protected words (code, numbers, names, paths, quotes, negations, query) always kept${scores.note ? `; ${scores.note}` : ''}`;
  return { result, note };
}

/** Tokens a shortened paragraph must save beyond its marker's cost, or it stays whole. */
const MIN_MODEL_SAVING_TOKENS = 6;

function modelMarker(builder: DraftBuilder, b: ShortenedBlock) {
  // No detail: "elided N words" and the L range of the original lines say it all, in fewer tokens.
  return { verb: 'elided', count: b.droppedWords, unit: 'words', lines: [builder.lineNumber(b.first), builder.lineNumber(b.last)] } as const;
}

/** `3 paragraphs, 1 table` — what a cut held, counted from the blocks. */
function describe(blocks: readonly Block[]): string {
  const names: Record<string, [string, string]> = {
    paragraph: ['paragraph', 'paragraphs'], item: ['list item', 'list items'], list: ['list', 'lists'], table: ['table', 'tables'],
    html: ['HTML block', 'HTML blocks'], quote: ['quote', 'quotes'], example: ['code block', 'code blocks'],
  };
  const counts = new Map<string, number>();
  for (const b of blocks) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${names[kind]?.[n === 1 ? 0 : 1] ?? kind}`).join(', ');
}
