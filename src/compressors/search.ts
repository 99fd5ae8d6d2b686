// Search results: `grep -rn`/`grep -r`, `rg` (no-heading, `--heading`, `-A/-B/-C` context, `-c`),
// `git grep`, `ag`. Hits are grouped by file under one heading each, and every file is listed with
// its match count, so the index is complete even when hits are cut. Files with few hits keep them all;
// big files show their first hit plus the hits most relevant to the query (BM25), with the context
// lines grep printed around each shown hit; everything else is one marker per contiguous range.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from './types';
import { DraftBuilder, MAX_LINE_CHARS } from './shared/draft';
import { bm25Scores, words } from './shared/bm25';
import { parseCommand } from './shared/command';
import { searchLiteral, type SearchLiteral } from './search/searchLiteral';

/** Files with at most this many hits are shown whole: a rare hit is the interesting one. */
const RARE_HITS = 3;
/** Hits shown for a file with more than RARE_HITS (its first hit, then the most relevant). */
const HITS_PER_FILE = 3;
/** Hits shown over all files, unless a budget says otherwise… */
const TOTAL_HITS = 12;
/** …and lines shown with their context lines (`-C2` shows five lines a hit). */
const TOTAL_LINES = 30;
const MIN_HITS = 6;
/** Common files sampled beside the files a query is about. */
const QUERY_SAMPLE_FILES = 1;
/** Files shown with hits; every other file is still listed with its count. */
const MAX_SHOWN_FILES = 8;
/** Files scoring at least this share of the best file's score are the ones the query is about. */
const RELEVANT_SHARE = 0.5;
/** A file is rare when at most this many hit files share its folder or its extension. */
const RARE_FILES = 2;
/** A cut inside a shown file smaller than this is not worth its marker: the lines are shown. */
const MIN_CUT_CHARS = 90;
/** What a marker costs, in characters (`[hr:0123456789ab omitted 84 lines L12-95: all 84 hits of the 37 files above]`). */
const MARKER_CHARS = 64;
/** More unparsed lines than this share of the output means it is not search output. */
const MAX_OTHER_SHARE = 0.1;

// `grep: src/x: Permission denied`, `rg: ./y: No such file or directory`, `Binary file dist/a.wasm matches`
const MESSAGE_LINE = /^(?:(?:grep|egrep|fgrep|rg|ag|ack|git): |Binary file .+ matches$|binary file matches )/;
// `src/main.c:12:5: error: expected ';'` — compiler diagnostics, never sniffed as search hits
const DIAGNOSTIC = /:\d+:\d+: (?:fatal error|error|warning|note)\b/;
// `2026/11/22 14`, `2026-11-22T14`, `22.11.2026 14` — a timestamp, not a file name
const DATE_START = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:\D|$)/;
// `src/a.ts:12` in `grep -c` / `rg -c` output (path, colon, count)
const COUNT_LINE = /^(.*[^\s:]):(\d+)$/;
// `12:    const x = 1;` or `13-    return x;` under an `rg --heading` file name (or from `grep -n` on one file)
const NUMBERED_LINE = /^(\d+)([:-])/;
// the `1574:` in front of a shown hit line (`1574:\t\t\t\`The reported message has…`)
const NUMBER_PREFIX_ONLY = /^\d+[:-]/;
/** A hit line longer than this is shown as a window around its match (when the pattern says where). */
const LONG_HIT_CHARS = 240;
/** Characters kept at the start of a long hit line and on each side of its match. */
const HIT_WINDOW = 60;
// the `12:` in front of a shown hit (`12:    context.report({`), ignored when comparing hits
const NUMBER_PREFIX = /^\d+[:-]\s*/;

type Kind = 'match' | 'context' | 'separator' | 'heading' | 'blank' | 'message';

interface Entry {
  readonly kind: Kind;
  /** What is shown for the line under its file heading (the line without its path). */
  readonly text: string;
  file?: FileGroup;
}

interface FileGroup {
  readonly path: string;
  /** Source line range [start, end) holding this file's lines (its heading, hits, context, trailing separator). */
  readonly start: number;
  end: number;
  readonly matches: number[];
  shown: Set<number>;
  score: number;
}

interface Parsed {
  readonly entries: Entry[];
  readonly files: FileGroup[];
  /** Shown lines drop their path (heading form) or keep the whole line (unnumbered output). */
  readonly stripPaths: boolean;
}

export const search: Compressor = {
  id: 'search',
  type: 'search',
  matches(command: ParsedCommand): boolean {
    const { program, args } = command;
    if (program === 'git') return withoutGitOptions(args)[0] === 'grep';
    if (!SEARCH_PROGRAMS.has(program)) return false;
    // `grep -l` / `rg --files` print file lists, not hits: a listing, not search results.
    return !args.some((a) => LISTING_FLAGS.has(a) || SHORT_LIST_FLAG.test(a));
  },
  sniff(source: Source): boolean {
    const sample = source.lines.slice(0, 60).filter((l) => l !== '' && l !== '--');
    if (sample.length < 8) return false;
    let numbered = 0;
    for (const line of sample) {
      // Compiler output has the same `file:line:` shape; it belongs to the diagnostics filters.
      if (DIAGNOSTIC.test(line)) return false;
      const split = firstSplit(line, ':');
      if (split && plausibleHit(line, split)) numbered++;
    }
    return numbered / sample.length >= 0.8;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const { command } = context.options;
    const counts = parseCounts(lines, command);
    if (counts) return renderCounts(context, counts);
    // Claimed by content alone (no grep/rg command), the hits must look like grep's, not like log lines.
    const vouched = command !== undefined && search.matches!(parseCommand(command));
    const parsed = parseHeading(lines) ?? parseInline(lines, !vouched);
    if (!parsed || parsed.files.length === 0) return undefined;
    if (!vouched && !plausibleFiles(parsed)) return undefined;
    return render(context, parsed);
  },
};

// `-rl`, `-Hl`, `-L`: short flag clusters that ask for file names only
const SHORT_LIST_FLAG = /^-[a-zA-Z]*[lL][a-zA-Z]*$/;
// `-c`, `-rc`, `--count`, `--count-matches` on a command line
const COUNT_FLAG = /(?:^|\s)(?:-[a-zA-Z]*c[a-zA-Z]*|--count(?:-matches)?)(?:\s|$)/;
// a path: `src/a.ts`, `Makefile`, `lib/rules/` (no leading blank; a slash or dot, or no blank at all)
const PATHLIKE_MARK = /[/\\.]/;
const BLANK = /\s/;
const SEARCH_PROGRAMS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'ack-grep', 'ugrep', 'zgrep']);
const LISTING_FLAGS = new Set(['--files', '--files-with-matches', '--files-without-match', '--type-list', '-L', '-l', '--count-matches-only', '--json', '--help', '--version']);

function withoutGitOptions(args: readonly string[]): readonly string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  return args.slice(i);
}

/**
 * Without a search command to vouch for it, a `path:12:` split must look like grep's: a path with no
 * blanks that is not a date, and a line number without a leading zero — so `2026/11/22 14:02:50 INFO`
 * and `2026-11-22T14:03:17Z` log lines are not taken for hits.
 */
function plausibleHit(line: string, split: Split): boolean {
  const path = line.slice(0, split.at);
  return looksLikePath(path) && !BLANK.test(path) && !DATE_START.test(path) && line[split.at + 1] !== '0';
}

/**
 * grep numbers lines from 1 and prints them in increasing order within a file, under a real file
 * name; timestamps (`12:00:01 INFO …`) and other `text:12:` shapes rarely do all that.
 */
function plausibleFiles(parsed: Parsed): boolean {
  for (const file of parsed.files) {
    if (file.path !== '' && (BLANK.test(file.path) || DATE_START.test(file.path) || !looksLikePath(file.path))) return false;
    let previous = 0;
    for (let i = file.start; i < file.end; i++) {
      const e = parsed.entries[i];
      if (e.kind !== 'match' && e.kind !== 'context') continue;
      if (!parsed.stripPaths) continue;
      const m = NUMBERED_LINE.exec(e.text);
      if (!m || m[1][0] === '0' || Number(m[1]) <= previous) return false;
      previous = Number(m[1]);
    }
  }
  return true;
}

/** A path-looking prefix: not empty, no leading space, and a slash, a dot or no space inside. */
function looksLikePath(prefix: string): boolean {
  return prefix.length > 0 && prefix.length < 400 && !BLANK.test(prefix[0]) && (PATHLIKE_MARK.test(prefix) || !BLANK.test(prefix));
}

interface Split {
  readonly at: number;
  readonly sep: ':' | '-';
  /** Index just after the second separator (or the first, for unnumbered lines). */
  readonly rest: number;
}

/**
 * The first `<sep><digits><sep>` in a line at or after `from` (`:12:` for a hit, `-12-` for context),
 * scanning each digit run once, so it is linear in the line length.
 */
function firstSplit(line: string, sep: ':' | '-' | 'any', from = 1): Split | undefined {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if ((c !== ':' && c !== '-') || (sep !== 'any' && c !== sep)) continue;
    let j = i + 1;
    while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (j > i + 1 && line[j] === c) return { at: i, sep: c, rest: j + 1 };
    i = j - 1;
  }
  return undefined;
}

/** Every file name a numbered hit line (`path:12:`) or unnumbered hit line (`path:`) names. */
function knownPaths(lines: readonly string[], numbered: boolean): Set<string> {
  const paths = new Set<string>();
  for (const line of lines) {
    if (numbered) {
      const split = firstSplit(line, ':');
      if (split) paths.add(line.slice(0, split.at));
    } else {
      const colon = line.indexOf(':');
      if (colon > 0) paths.add(line.slice(0, colon));
    }
  }
  return paths;
}

/** `path:12:text`, `path-13-text`, `--` (and unnumbered `path:text` / `path-text`). */
function parseInline(lines: readonly string[], strict: boolean): Parsed | undefined {
  const content = lines.filter((l) => l !== '' && l !== '--' && !MESSAGE_LINE.test(l));
  if (content.length === 0) return undefined;
  let withNumbers = 0;
  for (const l of content) if (firstSplit(l, 'any')) withNumbers++;
  const numbered = withNumbers / content.length >= 0.9;
  const pathless = content.every((l) => NUMBERED_LINE.test(l));
  if (pathless) return parsePathless(lines);
  const known = knownPaths(content, numbered);
  const entries: Entry[] = [];
  const files: FileGroup[] = [];
  let others = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '--') { entries.push({ kind: 'separator', text: line, file: files.at(-1) }); continue; }
    if (line === '') { entries.push({ kind: 'blank', text: line }); continue; }
    if (MESSAGE_LINE.test(line)) { entries.push({ kind: 'message', text: line }); continue; }
    const split = numbered ? numberedSplit(line, known) : plainSplit(line, known);
    if (!split) {
      others++;
      entries.push({ kind: 'message', text: line });
      continue;
    }
    const path = line.slice(0, split.at);
    let file = files.at(-1);
    if (!file || file.path !== path || file.end < i) {
      file = { path, start: i, end: i, matches: [], shown: new Set(), score: 0 };
      files.push(file);
    }
    const kind: Kind = split.sep === ':' ? 'match' : 'context';
    if (kind === 'match') file.matches.push(i);
    entries.push({ kind, text: numbered ? line.slice(split.at + 1) : line, file });
    file.end = i + 1;
    // A separator right after a file's lines belongs to it (so cuts do not leave stray `--`).
    if (lines[i + 1] === '--') file.end = i + 2;
  }
  if (others > Math.max(2, content.length * MAX_OTHER_SHARE)) return undefined;
  if (strict && numbered) {
    let implausible = 0;
    for (const e of entries) if ((e.kind === 'match' || e.kind === 'context') && e.file && (BLANK.test(e.file.path) || DATE_START.test(e.file.path) || e.text[0] === '0')) implausible++;
    if (implausible > 0) return undefined;
  }
  if (!numbered && ![...new Set(files.map((f) => f.path))].every(looksLikePath)) return undefined;
  if (files.every((f) => f.matches.length === 0)) return undefined;
  return { entries, files, stripPaths: numbered };
}

function numberedSplit(line: string, known: Set<string>): Split | undefined {
  for (let split = firstSplit(line, 'any'); split; split = firstSplit(line, 'any', split.at + 1)) {
    if (known.has(line.slice(0, split.at))) return split;
  }
  return undefined;
}

function plainSplit(line: string, known: Set<string>): Split | undefined {
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if ((c === ':' || c === '-') && known.has(line.slice(0, i))) return { at: i, sep: c, rest: i + 1 };
  }
  return undefined;
}

/** `grep -n pattern file` on one file: `12:text`, `13-text`, `--`. */
function parsePathless(lines: readonly string[]): Parsed | undefined {
  const file: FileGroup = { path: '', start: 0, end: lines.length, matches: [], shown: new Set(), score: 0 };
  const entries: Entry[] = lines.map((line, i) => {
    if (line === '--') return { kind: 'separator', text: line, file };
    if (line === '') return { kind: 'blank', text: line };
    const m = NUMBERED_LINE.exec(line);
    if (!m) return { kind: 'message', text: line };
    if (m[2] === ':') file.matches.push(i);
    return { kind: m[2] === ':' ? 'match' : 'context', text: line, file };
  });
  return file.matches.length ? { entries, files: [file], stripPaths: true } : undefined;
}

/** `rg --heading` / `git grep --heading`: a file name line, then `12:text` / `13-text` / `--`, a blank line between files. */
function parseHeading(lines: readonly string[]): Parsed | undefined {
  const entries: Entry[] = [];
  const files: FileGroup[] = [];
  let file: FileGroup | undefined;
  let numberedLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') { file = undefined; entries.push({ kind: 'blank', text: line }); continue; }
    if (MESSAGE_LINE.test(line)) { entries.push({ kind: 'message', text: line }); continue; }
    const m = NUMBERED_LINE.exec(line);
    if (file && (m || line === '--')) {
      const kind: Kind = line === '--' ? 'separator' : m![2] === ':' ? 'match' : 'context';
      if (kind === 'match') file.matches.push(i);
      if (kind !== 'separator') numberedLines++;
      entries.push({ kind, text: line, file });
      file.end = i + 1;
      continue;
    }
    // A file name must be followed by a numbered line; anything else means this is not heading output.
    if (file || m || line === '--' || !NUMBERED_LINE.test(lines[i + 1] ?? '')) return undefined;
    file = { path: line, start: i, end: i + 1, matches: [], shown: new Set(), score: 0 };
    files.push(file);
    entries.push({ kind: 'heading', text: line, file });
  }
  if (files.length === 0 || numberedLines === 0) return undefined;
  return { entries, files, stripPaths: true };
}

function render(context: CompressContext, parsed: Parsed): Draft {
  const { entries, files } = parsed;
  const { query, budget } = context.options;
  const { before, after } = contextWidths(entries);
  // With context lines each hit costs more lines: the cap is on lines shown, not hits.
  const lineCap = budget === undefined ? TOTAL_LINES : Math.max(10, Math.floor(budget / 12));
  const totalCap = Math.max(MIN_HITS, Math.min(budget === undefined ? TOTAL_HITS : 400, Math.floor(lineCap / (1 + before + after))));
  const perFile = files.length === 1 ? totalCap : budget !== undefined && budget < 600 ? 2 : HITS_PER_FILE;
  select(entries, files, query ?? '', totalCap, perFile);

  const shown = new Uint8Array(entries.length);
  for (let i = 0; i < entries.length; i++) if (entries[i].kind === 'message') shown[i] = 1;
  for (const file of files) {
    for (const m of file.shown) {
      shown[m] = 1;
      for (let k = m - 1; k >= m - before && entries[k]?.kind === 'context' && entries[k].file === file; k--) shown[k] = 1;
      for (let k = m + 1; k <= m + after && entries[k]?.kind === 'context' && entries[k].file === file; k++) shown[k] = 1;
    }
  }
  return emit(context, parsed, shown);
}

/**
 * Picks the hits to show. Files the query is about come first, then rare files (the only hit files
 * in their folder or with their extension: a lone `.env` among 200 `.js` files), then the biggest;
 * at most MAX_SHOWN_FILES files and `totalCap` hits. A file with few hits shows them all; a big one
 * its first hit and its most relevant ones.
 */
function select(entries: readonly Entry[], files: readonly FileGroup[], query: string, totalCap: number, perFile: number): void {
  const queryWords = new Set(words(query));
  // One BM25 over every hit, so scores compare across files.
  const all = files.flatMap((f) => f.matches);
  const allScores = queryWords.size ? bm25Scores(all.map((m) => entries[m].text), query) : all.map(() => 0);
  const scoreOf = new Map(all.map((m, k) => [m, allScores[k]]));
  const perDir = tally(files.map((f) => dirOf(f.path)));
  const perExt = tally(files.map((f) => extOf(f.path)));
  const wanted = new Map<FileGroup, number[]>();
  const rarity = new Map<FileGroup, number>();
  for (const file of files) {
    const scores = file.matches.map((m) => scoreOf.get(m) ?? 0);
    const pathHit = words(file.path).some((w) => queryWords.has(w)) ? 1 : 0;
    file.score = Math.max(0, ...scores) + pathHit;
    rarity.set(file, Math.min(perDir.get(dirOf(file.path))!, perExt.get(extOf(file.path))!));
    // The first hit, then by relevance (ties: earlier first).
    const order = file.matches.map((m, k) => ({ m, k, s: scores[k] })).slice(1).sort((a, b) => b.s - a.s || a.k - b.k);
    wanted.set(file, [file.matches[0], ...order.map((o) => o.m)]);
  }
  // A file is about the query when it scores near the best file: one shared common word is not enough.
  const best = Math.max(0, ...files.map((f) => f.score));
  const tier = (f: FileGroup) => (f.score > 0 && f.score >= best * RELEVANT_SHARE ? 0 : rarity.get(f)! <= RARE_FILES ? 1 : 2);
  const ranked = files.map((f, k) => ({ f, k })).sort((a, b) =>
    tier(a.f) - tier(b.f) || (tier(a.f) === 0 ? b.f.score - a.f.score : 0) || b.f.matches.length - a.f.matches.length || a.k - b.k);
  let used = 0;
  let shownFiles = 0;
  const seen = new Set<string>();
  const next = new Map<FileGroup, number>();
  // Takes up to `limit` more hits of a file; ordinary files only show hits that say something new
  // (not the 40th `context.report({`).
  const take = (f: FileGroup, limit: number, relevantOnly = false) => {
    const list = wanted.get(f)!;
    let k = next.get(f) ?? 0;
    let taken = 0;
    for (; k < list.length && taken < limit && used < totalCap; k++) {
      if (relevantOnly && !(scoreOf.get(list[k])! > 0)) break;
      const key = entries[list[k]].text.replace(NUMBER_PREFIX, '').trim();
      if (tier(f) === 2 && seen.has(key)) continue;
      seen.add(key);
      f.shown.add(list[k]);
      taken++;
      used++;
    }
    next.set(f, k);
  };
  // With files the query is about, the common files are only sampled: the index lists them all.
  const aboutQuery = ranked.some(({ f }) => tier(f) === 0);
  let samples = 0;
  const chosen: FileGroup[] = [];
  for (const { f } of ranked) {
    f.shown = new Set();
    if (shownFiles >= MAX_SHOWN_FILES) continue;
    if (aboutQuery && tier(f) === 2 && samples >= QUERY_SAMPLE_FILES) continue;
    // Breadth first: one hit for each file worth showing…
    take(f, 1);
    if (f.shown.size === 0) continue;
    chosen.push(f);
    shownFiles++;
    if (tier(f) === 2) samples++;
  }
  // …then a file with few hits shows them all, a big one its share.
  for (const f of chosen) take(f, (f.matches.length <= Math.max(RARE_HITS, perFile) ? f.matches.length : perFile) - f.shown.size);
  // Room left (few files, many hits each): the shown files get more of their best hits (with a
  // query, only hits that share a word with it).
  for (const f of chosen) take(f, totalCap, aboutQuery);
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function extOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : base;
}

/**
 * How many context lines grep printed before and after a hit: the longest run leading a group and
 * the longest run ending one. (A run between two hits mixes both, so it does not count.)
 */
function contextWidths(entries: readonly Entry[]): { before: number; after: number } {
  let before = 0;
  let after = 0;
  let run = 0;
  let afterMatch = false;
  for (const e of entries) {
    if (e.kind === 'context') { run++; continue; }
    if (e.kind === 'match') {
      if (!afterMatch) before = Math.max(before, run);
      afterMatch = true;
    } else {
      if (afterMatch) after = Math.max(after, run);
      afterMatch = false;
    }
    run = 0;
  }
  if (afterMatch) after = Math.max(after, run);
  return { before, after };
}

/** Hidden files next to each other whose lines cost no more than their index rows and marker are shown. */
function showSmallHiddenFiles(entries: readonly Entry[], files: readonly FileGroup[], shown: Uint8Array): void {
  let k = 0;
  while (k < files.length) {
    if (files[k].shown.size > 0) { k++; continue; }
    let m = k;
    let chars = 0;
    while (m < files.length && files[m].shown.size === 0) {
      for (let i = files[m].start; i < files[m].end; i++) if (entries[i].kind !== 'heading') chars += entries[i].text.length + 1;
      m++;
    }
    // Shown, each file costs its heading and its lines; hidden, its index row and a share of one marker.
    const group = files.slice(k, m);
    const shownChars = chars + group.reduce((sum, f) => sum + f.path.length + 12, 0);
    const hiddenChars = indexRows(group).rows.reduce((sum, row) => sum + row.length + 1, 0) + MARKER_CHARS;
    if (shownChars <= hiddenChars) {
      for (const f of files.slice(k, m)) {
        for (let i = f.start; i < f.end; i++) if (entries[i].kind !== 'blank') shown[i] = 1;
        f.shown = new Set(f.matches);
      }
    }
    k = m;
  }
}

/** The runs of a shown file's lines that are not shown (separators and blank lines aside): [from, to). */
function cutRuns(entries: readonly Entry[], file: FileGroup, shown: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let i = file.start;
  while (i < file.end) {
    if (shown[i] || entries[i].kind === 'heading' || entries[i].kind === 'blank') { i++; continue; }
    let j = i;
    while (j < file.end && !shown[j] && entries[j].kind !== 'blank' && entries[j].kind !== 'heading') j++;
    if (!entries.slice(i, j).every((e) => e.kind === 'separator')) runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * Inside a shown file, cuts that together cost about as much as their marker are shown instead, and
 * so is a short run of context lines between shown hits (it joins their groups).
 */
function showSmallCuts(entries: readonly Entry[], files: readonly FileGroup[], shown: Uint8Array): void {
  const reveal = (file: FileGroup, [from, to]: [number, number]) => {
    for (let k = from; k < to; k++) {
      shown[k] = 1;
      if (entries[k].kind === 'match') file.shown.add(k);
    }
  };
  const chars = ([from, to]: [number, number]) => entries.slice(from, to).reduce((sum, e) => sum + e.text.length + 1, 0);
  for (const file of files) {
    if (file.shown.size === 0) continue;
    const runs = cutRuns(entries, file, shown);
    if (runs.reduce((sum, r) => sum + chars(r), 0) < MIN_CUT_CHARS) {
      for (const r of runs) reveal(file, r);
      continue;
    }
    for (const r of runs) if (chars(r) < MIN_CUT_CHARS && entries.slice(r[0], r[1]).every((e) => e.kind !== 'match')) reveal(file, r);
  }
}

function emit(context: CompressContext, parsed: Parsed, shown: Uint8Array): Draft {
  const { entries, files, stripPaths } = parsed;
  const builder = new DraftBuilder(context.source);
  const { command } = context.options;
  const parsedCommand = command === undefined ? undefined : parseCommand(command);
  // Only a search command's own pattern says where a hit's match is.
  const literal = parsedCommand && search.matches!(parsedCommand) ? searchLiteral(parsedCommand) : undefined;
  showSmallHiddenFiles(entries, files, shown);
  showSmallCuts(entries, files, shown);
  const totalMatches = files.reduce((s, f) => s + f.matches.length, 0);
  const uniquePaths = new Set(files.map((f) => f.path)).size;
  const shownFiles = files.filter((f) => f.shown.size > 0).length;
  const hasPaths = files.some((f) => f.path !== '');
  // Set when an index row lists a name without its count (then the header says that means 1).
  let bareNames = false;

  let i = 0;
  const hidden: FileGroup[] = [];
  const flushHidden = (to: number) => {
    if (hidden.length === 0) return;
    const index = indexRows(hidden);
    bareNames ||= index.bare;
    for (const row of index.rows) builder.write(row);
    const from = hidden[0].start;
    const hits = hidden.reduce((s, f) => s + f.matches.length, 0);
    const what = hidden.length > 1 ? `all ${hits} hits of the ${hidden.length} files above` : hits === 1 ? 'the hit of the file above' : `all ${hits} hits of the file above`;
    builder.write(builder.marker({ verb: 'omitted', count: to - from, unit: 'lines', lines: [builder.lineNumber(from), builder.lineNumber(to - 1)], detail: what }));
    hidden.length = 0;
  };
  for (const file of files) {
    // Lines between files (messages, blank lines) are shown as they are.
    if (i < file.start) {
      const outside = entries.slice(i, file.start).some((e) => e.kind === 'message');
      if (outside) flushHidden(hidden.at(-1)?.end ?? i);
      for (; i < file.start; i++) if (entries[i].kind === 'message') writeLine(builder, i, entries[i].text);
    }
    if (file.shown.size === 0) {
      // Hidden files next to each other (blank lines between them at most) share one marker.
      const last = hidden.at(-1);
      if (last && entries.slice(last.end, file.start).some((e) => e.kind !== 'blank')) flushHidden(last.end);
      hidden.push(file);
      i = file.end;
      continue;
    }
    flushHidden(file.start);
    if (hasPaths) builder.write(`${file.path} (${plural(file.matches.length, 'match', 'matches')})`);
    emitFile(builder, context.source, entries, file, shown, stripPaths, literal);
    i = file.end;
  }
  flushHidden(hidden.at(-1)?.end ?? i);
  for (; i < entries.length; i++) if (entries[i].kind === 'message') writeLine(builder, i, entries[i].text);

  builder.note('search-index', `${totalMatches} matches in ${uniquePaths} files, all listed with counts; hits shown for ${shownFiles} files`);
  if (context.options.query) builder.note('search-rank', 'hits in big files ranked by BM25 against the query');
  const body = builder.build();
  if (!hasPaths) return body;
  // The header is written last: only now is it known whether some index row left out a count of 1.
  const shownMatches = files.reduce((s, f) => s + f.shown.size, 0);
  const header = `${plural(totalMatches, 'match', 'matches')} in ${plural(uniquePaths, 'file', 'files')}; every file is listed with its count${bareNames ? ' (no :N means 1)' : ''}${shownMatches < totalMatches ? `, ${shownMatches} hits shown` : ''}`;
  return { ...body, text: `${header}\n${body.text}` };
}

/**
 * A shown file's lines: shown ones as they are (without the path). One cut run is one marker in its
 * place; several runs share one marker after the file's lines, naming the span that holds them all.
 */
function emitFile(builder: DraftBuilder, source: Source, entries: readonly Entry[], file: FileGroup, shown: Uint8Array, stripPaths: boolean, literal: SearchLiteral | undefined): void {
  const text = (k: number) => (stripPaths || entries[k].kind === 'message' ? entries[k].text : source.lines[k]);
  const shownAfter = (k: number) => { for (let m = k; m < file.end; m++) if (shown[m]) return true; return false; };
  const runs = cutRuns(entries, file, shown);
  const cutLines = runs.reduce((sum, [from, to]) => sum + to - from, 0);
  let hits = 0;
  for (const [from, to] of runs) for (let k = from; k < to; k++) if (entries[k].kind === 'match') hits++;
  const what = hits === 0 ? 'context lines' : hits === cutLines ? plural(hits, 'more hit', 'more hits') : `${plural(hits, 'more hit', 'more hits')} with context`;
  let i = file.start;
  let wrote = false;
  while (i < file.end) {
    const e = entries[i];
    if (e.kind === 'heading' || e.kind === 'blank') { i++; continue; }
    if (shown[i]) {
      // A separator that starts or ends the file's lines separates nothing.
      if (e.kind !== 'separator' || (wrote && shownAfter(i + 1))) {
        if (e.kind === 'match' && stripPaths) writeHit(builder, i, text(i), literal);
        else writeLine(builder, i, text(i));
        wrote = true;
      }
      i++;
      continue;
    }
    let j = i;
    while (j < file.end && !shown[j] && entries[j].kind !== 'blank' && entries[j].kind !== 'heading') j++;
    if (runs.length === 1 && runs[0][0] === i) {
      builder.write(builder.marker({ verb: 'omitted', count: j - i, unit: 'lines', lines: [builder.lineNumber(i), builder.lineNumber(j - 1)], detail: what }));
    } else if (wrote && shownAfter(j) && (entries[i].kind === 'separator' || entries[j - 1].kind === 'separator' || runs.length > 1)) {
      // Cut lines between shown groups read as a group break.
      builder.write('--');
    }
    i = j;
  }
  if (runs.length > 1) {
    const span = `L${builder.lineNumber(runs[0][0])}-${builder.lineNumber(runs.at(-1)![1] - 1)}`;
    builder.write(builder.marker({ verb: 'omitted', count: cutLines, unit: 'lines', detail: `${what} among ${span}` }));
  }
}

/**
 * Hidden files as index rows, `path:count`; files in one folder share a row, where a name alone has
 * one match (`lib/rules/ a.js:2 b.js`).
 */
function indexRows(files: readonly FileGroup[]): { rows: string[]; bare: boolean } {
  const rows: string[] = [];
  let bare = false;
  let k = 0;
  while (k < files.length) {
    const dir = dirOf(files[k].path);
    let m = k + 1;
    while (m < files.length && dir !== '' && dirOf(files[m].path) === dir) m++;
    if (m - k >= 2) {
      const names = files.slice(k, m).map((f) => f.path.slice(dir.length));
      // A name with `:` or a blank would make `:count` or the separator ambiguous: every count is written then.
      const plain = names.every((n) => !n.includes(':') && !BLANK.test(n));
      const pairs = names.map((n, x) => (plain && files[k + x].matches.length === 1 ? n : `${n}:${files[k + x].matches.length}`));
      bare ||= pairs.some((p, x) => p === names[x]);
      rows.push(`${dir} ${pairs.join(plain ? ' ' : ', ')}`);
    } else rows.push(`${files[k].path}:${files[k].matches.length}`);
    k = m;
  }
  return { rows, bare };
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash + 1) : '';
}

/**
 * Writes a hit line (`1574:\t…text…`); a very long one keeps its number, its start and a window
 * around the match of the command's pattern, `…` where it was cut, and one marker for the whole line.
 */
function writeHit(builder: DraftBuilder, index: number, text: string, literal: SearchLiteral | undefined): void {
  const prefix = NUMBER_PREFIX_ONLY.exec(text)?.[0].length ?? 0;
  const at = literal && text.length > LONG_HIT_CHARS ? (literal.ignoreCase ? text.toLowerCase() : text).indexOf(literal.text, prefix) : -1;
  if (at < 0) {
    writeLine(builder, index, text);
    return;
  }
  const headEnd = whole(text, prefix + HIT_WINDOW);
  const from = Math.max(headEnd, whole(text, at - HIT_WINDOW));
  const to = whole(text, Math.min(text.length, at + literal!.text.length + HIT_WINDOW));
  const cut = text.length - (headEnd - prefix) - prefix - (to - from);
  if (cut < LONG_HIT_CHARS / 2) {
    writeLine(builder, index, text);
    return;
  }
  const n = builder.lineNumber(index);
  const marker = builder.marker({ verb: 'truncated', count: cut, unit: 'chars', lines: [n, n] });
  builder.write(`${text.slice(0, headEnd)}${from > headEnd ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''} ${marker}`);
}

/** `index`, moved back one when it would split a surrogate pair (an emoji, a rare CJK character). */
function whole(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** Writes one line, shortening it in the middle (with a marker) when it is absurdly long. */
function writeLine(builder: DraftBuilder, index: number, text: string): void {
  if (text.length <= MAX_LINE_CHARS) {
    builder.write(text);
    return;
  }
  const n = builder.lineNumber(index);
  const cut = text.length - 1500;
  const marker = builder.marker({ verb: 'truncated', count: cut, unit: 'chars', lines: [n, n] });
  builder.write(`${text.slice(0, 1200)} ${marker} ${text.slice(text.length - 300)}`);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface CountRow {
  readonly index: number;
  readonly count: number;
}

/** `grep -c` / `rg -c`: every line `path:count` (errors aside). */
function parseCounts(lines: readonly string[], command: string | undefined): CountRow[] | undefined {
  const rows: CountRow[] = [];
  let content = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || MESSAGE_LINE.test(line)) continue;
    content++;
    const m = COUNT_LINE.exec(line);
    if (!m || !looksLikePath(m[1])) return undefined;
    rows.push({ index: i, count: Number(m[2]) });
  }
  // Without `-c` on the command line, only a clearly tabular output counts (a path:number line each).
  const countFlag = command !== undefined && COUNT_FLAG.test(command);
  if (rows.length === 0 || (!countFlag && content < 5)) return undefined;
  return rows;
}

/** Counts are the index: rows with hits are kept as printed; runs of `:0` rows are cut with their range. */
function renderCounts(context: CompressContext, rows: readonly CountRow[]): Draft {
  const { lines } = context.source;
  const builder = new DraftBuilder(context.source);
  const withHits = rows.filter((r) => r.count > 0);
  const total = withHits.reduce((s, r) => s + r.count, 0);
  const zeros = rows.length - withHits.length;
  builder.write(`${plural(rows.length, 'file', 'files')} counted, ${withHits.length} with matches (${plural(total, 'match', 'matches')})${zeros ? `; ${zeros} with 0 cut below` : ''}`);
  const isZero = new Uint8Array(lines.length);
  for (const r of rows) if (r.count === 0) isZero[r.index] = 1;
  const runs: [number, number][] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isZero[i]) { i++; continue; }
    let j = i;
    while (j < lines.length && isZero[j]) j++;
    runs.push([i, j]);
    i = j;
  }
  if (runs.length > 1) {
    // Zero rows scattered between the hits: one marker after the kept rows, found again by grep.
    for (let i = 0; i < lines.length; i++) if (!isZero[i] && lines[i] !== '') builder.keep(i);
    builder.write(builder.marker({ verb: 'omitted', count: zeros, unit: 'lines', detail: `${plural(zeros, 'file', 'files')} with 0 matches; grep ":0"` }));
  } else {
    for (let i = 0; i < lines.length; i++) {
      if (runs.length && i === runs[0][0]) {
        builder.omit(i, runs[0][1], { detail: `${plural(zeros, 'file', 'files')} with 0 matches` });
        i = runs[0][1] - 1;
      } else builder.keep(i);
    }
  }
  builder.note('search-counts', `${rows.length} count rows; ${zeros} rows with 0 matches cut`);
  return builder.build();
}
