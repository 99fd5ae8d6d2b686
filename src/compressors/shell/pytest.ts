// pytest, plain, `-q` and `-v`. Keeps every block of the FAILURES and ERRORS sections (the `>` line,
// every `E` line, each `file.py:NN:` location; the source printed above a `>` line, and the entries
// of stdlib and installed packages but their `>` and `E` lines, are left to the overall marker), the
// warnings summary and any other section, lines printed among the progress, skipped tests by name
// under `-v`, the final counts, and the short test summary (marked when it only repeats the blocks shown). The session header and the progress dots
// become one count. Declines when the final line is missing or does not parse,
// or when the blocks do not add up to the failures and errors it reports.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, lineSpans, plural, renderTestReport, trimBlank, type Block, type Span } from './testReport';

// `=================================== FAILURES ===================================`, `==== 5 failed in 1.02s ====`
const SECTION = /^=+ (.+?) =+$/;
// `_____________________________ test_rounds_to_cents _____________________________`
const BLOCK_HEADER = /^_{3,} (.+?) _{3,}$/;
// `tests/test_cart.py ...............F.....Fsx.FFF          [ 64%]`, `..........  [ 41%]`
const PROGRESS = /^(?:\S+\.py )?([.FEsxXR]+) *\[ *\d+%\]$/;
// `tests/test_cart.py::test_rounds_to_cents FAILED        [ 18%]`, `…::test_x SKIPPED (reason…) [ 22%]`
const VERBOSE_RESULT = /^\S+::\S.*? (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS|RERUN)(?: \(.*\))? *\[ *\d+%\]$/;
// `5 failed`, `168 passed`, `1 warning`, `2 errors` in the final line.
const COUNT_PART = /^(\d+) (failed|passed|skipped|deselected|xfailed|xpassed|warnings?|errors?|rerun)$/;
// Decoration with no facts, left to the overall marker: the `_ _ _ _` rule between traceback entries
// (40 tokens each), `self = <tests.TestX object at 0x7f…>`, Python 3.11's `^^^^` position lines,
// and the warnings summary's `-- Docs: https://docs.pytest.org/…` link.
const NOISE = /^(?:_ )+_? *$|^self = <[\w.]+ object at 0x[0-9a-f]+>$|^ +\^+ *$|^-- Docs: https:\/\/docs\.pytest\.org\//;
// `    items = [{"price": 0.1, "qty": 3}]`: test source in a long traceback.
const SOURCE_LINE = /^ {4}/;
// Where a traceback entry is: `shop/catalog.py:6: in load_catalog` (short style, heading its source),
// `/opt/python/3.11.7/lib/python3.11/json/decoder.py:355: JSONDecodeError`, `tests/test_cart.py:58: `
// (long style, ending its entry), `<frozen importlib._bootstrap>:1204: in _gcd_import`.
const LOCATION = /^(<frozen [^>\n]+>|\S+\.py):\d+: (?:(in \S.*)|[\w.]*)? ?$/;
// Files of the interpreter or an installed package, not the project's: `/usr/lib/python3.11/…`,
// `…/site-packages/…`, `<frozen importlib._bootstrap>`.
const OUTSIDE_PROJECT = /^<frozen |[\\/](?:site|dist)-packages[\\/]|[\\/]lib[\\/]python\d[\d.]*[\\/]/;
// `_ _ _ _ _ _` between the entries of one traceback.
const ENTRY_RULE = /^(?:_ )+_? *$/;
const MAX_LISTED_SKIPS = 10;
/** A short test summary this small (in characters) costs no more than the marker that would replace it: it stays. */
const MIN_REPEAT_CHARS = 240;
// `FAILED tests/test_cart.py::TestCoupons::test_tenoff - AssertionError: assert ...`
const FAILED_LINE = /^FAILED (\S+?\.py::\S+)(?: - .*)?$/;

export const pytest: Compressor = {
  id: 'pytest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'pytest' || command.program === 'py.test',
  sniff: (source: Source) => finalCounts(source.lines) !== undefined && source.lines.some((l) => SECTION.test(l) && !l.includes(' in ')),
  compress,
};

/** The final line (`==== 5 failed, 61 passed in 1.02s ====` or, with -q, without the rules) and its counts. */
function finalCounts(lines: readonly string[]): { at: number; counts: Map<string, number> } | undefined {
  let at = lines.length - 1;
  while (at >= 0 && lines[at].trim() === '') at--;
  if (at < 0) return undefined;
  const text = lines[at].replace(/^=+ | =+$/g, '');
  const m = /^(.*) in \d+(?:\.\d+)?s(?: \([^)]*\))?$/.exec(text);
  if (!m) return undefined;
  const counts = new Map<string, number>();
  if (m[1] === 'no tests ran') return { at, counts };
  for (const part of m[1].split(', ')) {
    const c = COUNT_PART.exec(part);
    if (!c) return undefined;
    counts.set(c[2].replace(/s$/, '').replace(/^warning$/, 'warning'), Number(c[1]));
  }
  return { at, counts };
}

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const final = finalCounts(lines);
  if (!final) return undefined;

  const failureBlocks: Block[] = [];
  const errorBlocks: Block[] = [];
  const other: Block[] = [];
  const skips: number[] = [];
  const summary: Span[] = [];
  let shortSummary: Span | undefined;
  let otherSummaryLines = 0;
  let failedLines = 0;
  let errorLines = 0;
  let passed = 0;
  let progressLines = 0;
  let verboseLines = 0;
  let section = '';
  let sectionFrom = -1;
  let blockFrom = -1;
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };
  const closeBlock = (at: number) => {
    if (blockFrom < 0) return;
    const block = trimBlank(lines, { from: blockFrom, to: at });
    const frames = libraryFrames(lines, block);
    (section === 'ERRORS' ? errorBlocks : failureBlocks).push({ ...block, excerpts: sourceAbove(lines, block), drop: noise(lines, block), frames });
    blockFrom = -1;
  };
  const closeSection = (at: number) => {
    closeBlock(at);
    closeOther(at);
    if (section === 'short test summary info') shortSummary = { from: sectionFrom, to: at };
    else if (section !== '' && section !== 'test session starts' && section !== 'FAILURES' && section !== 'ERRORS') {
      const span = trimBlank(lines, { from: sectionFrom, to: at });
      other.push({ ...span, drop: noise(lines, span) });
    }
  };

  for (let i = 0; i < final.at; i++) {
    const line = lines[i];
    const header = SECTION.exec(line);
    if (header) {
      closeSection(i);
      section = header[1];
      sectionFrom = i;
      if (section === 'test session starts') {
        // The session header runs to the first blank line.
        while (i + 1 < final.at && lines[i + 1].trim() !== '') i++;
      }
      continue;
    }
    if (section === 'FAILURES' || section === 'ERRORS') {
      if (BLOCK_HEADER.test(line)) { closeBlock(i); blockFrom = i; }
      else if (blockFrom < 0 && line.trim() !== '') return undefined; // text outside any block
      continue;
    }
    if (section === 'short test summary info') {
      if (line.startsWith('FAILED ')) failedLines++;
      else if (line.startsWith('ERROR ')) errorLines++;
      else if (line.trim() !== '') otherSummaryLines++;
      continue;
    }
    if (section !== '' && section !== 'test session starts') continue; // a section kept whole
    // The progress region: dots, verbose results, and whatever the tests printed.
    const progress = PROGRESS.exec(line);
    const verbose = progress ? undefined : VERBOSE_RESULT.exec(line);
    if (progress) {
      closeOther(i);
      progressLines++;
      for (const ch of progress[1]) if (ch === '.') passed++;
    } else if (verbose) {
      closeOther(i);
      verboseLines++;
      if (verbose[1] === 'PASSED') passed++;
      else if (verbose[1] === 'SKIPPED' || verbose[1] === 'XFAIL' || verbose[1] === 'XPASS') skips.push(i);
    } else if (line.trim() === '') closeOther(i);
    else if (otherFrom < 0) otherFrom = i;
  }
  closeSection(final.at);
  summary.push({ from: final.at, to: final.at + 1 });

  // The failures shown must be the failures reported: blocks when pytest printed them, else FAILED lines.
  const failed = final.counts.get('failed') ?? 0;
  const errors = final.counts.get('error') ?? 0;
  const failuresShown = failureBlocks.length > 0 ? failureBlocks.length : failedLines;
  const errorsShown = errorBlocks.length > 0 ? errorBlocks.length : errorLines;
  if (failuresShown !== failed || errorsShown !== errors) return undefined;
  if (failedLines > 0 && failedLines !== failed) return undefined;

  // The short test summary repeats, one line each, the failures and errors whose blocks are shown:
  // then it is one ranged marker; with other lines in it (`-rA`'s PASSED, SKIPPED reasons) it stays.
  // Each block is then titled with its `FAILED <node id>` (the file and class its header leaves out).
  const repeats: (Span & { detail: string })[] = [];
  let titled = failureBlocks;
  if (shortSummary) {
    const section = trimBlank(lines, shortSummary);
    const titles = otherSummaryLines === 0 && errorLines === 0 ? nodeTitles(lines, section, failureBlocks) : undefined;
    if (titles && lines.slice(section.from, section.to).join('\n').length > MIN_REPEAT_CHARS) {
      titled = failureBlocks.map((b, k) => ({ ...b, title: titles[k] }));
      repeats.push({ ...section, detail: 'short test summary info: one FAILED line per failure' });
    } else summary.push(section);
  }

  const listedSkips = skips.length <= MAX_LISTED_SKIPS ? skips : [];
  const complete = [failed > 0 || errors === 0 ? allShown(failed) : '', errors > 0 ? allShown(errors, 'error') : ''].filter(Boolean).join(', ');
  return renderTestReport(context, {
    runner: 'pytest',
    failures: [...errorBlocks, ...titled, ...other],
    notes: lineSpans(listedSkips),
    summary,
    repeats,
    cut: [
      'header',
      ...(progressLines + verboseLines > 0 ? [`${plural(passed, 'passing test')}${listedSkips.length < skips.length ? `, ${skips.length} skipped or xfailed` : ''}`] : []),
      ...([...failureBlocks, ...errorBlocks, ...other].some((b) => b.drop?.length) ? ['decoration'] : []),
    ].join(', '),
    complete,
    grep: verboseLines > 0 ? 'PASSED' : progressLines > 0 ? '%' : undefined,
    frameNoun: 'library frame line',
  });
}

/**
 * `FAILED <node id>` for each failure block, in order, when the short test summary lists exactly one
 * per block with the same test name (`tests/test_cart.py::TestCoupons::test_tenoff` is titled
 * `TestCoupons.test_tenoff`); otherwise undefined.
 */
function nodeTitles(lines: readonly string[], section: Span, blocks: readonly Block[]): string[] | undefined {
  const ids: string[] = [];
  for (let i = section.from + 1; i < section.to; i++) {
    if (lines[i].trim() === '') continue;
    const m = FAILED_LINE.exec(lines[i]);
    if (!m) return undefined;
    ids.push(m[1]);
  }
  if (ids.length !== blocks.length || ids.length === 0) return undefined;
  const byName = new Map<string, string[]>();
  for (const id of ids) {
    const name = id.split('::').slice(1).join('.');
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  const titles: string[] = [];
  for (const block of blocks) {
    const name = BLOCK_HEADER.exec(lines[block.from])?.[1];
    const found = name === undefined ? undefined : byName.get(name);
    if (found?.length !== 1) return undefined;
    titles.push(`FAILED ${found[0]}`);
  }
  return titles;
}

function noise(lines: readonly string[], block: Span): number[] {
  const drop: number[] = [];
  for (let i = block.from; i < block.to; i++) if (NOISE.test(lines[i])) drop.push(i);
  return drop;
}

/**
 * Each long traceback entry shows its function's source, from the `def` down to the failing `>` line,
 * whose file and line follow: the source above `>` is left to the overall marker as excerpt lines
 * (all of it, so what stays never reads as if it were contiguous code).
 */
function sourceAbove(lines: readonly string[], block: Span): number[] {
  const hidden: number[] = [];
  let runFrom = -1;
  for (let i = block.from + 1; i < block.to; i++) {
    const line = lines[i];
    if (SOURCE_LINE.test(line) || line.trim() === '') {
      if (runFrom < 0 && SOURCE_LINE.test(line)) runFrom = i;
      continue;
    }
    if (line.startsWith('>') && runFrom >= 0) for (let k = runFrom; k < i; k++) hidden.push(k);
    runFrom = -1;
  }
  return hidden;
}

/**
 * Traceback entries in the interpreter's or an installed package's files, when the block has an
 * entry of the project's own: a short entry (`/usr/lib/python3.11/json/__init__.py:346: in loads` and
 * its source) goes whole; a long one keeps its arguments, its `>` line, its `E` lines and its location.
 */
function libraryFrames(lines: readonly string[], block: Span): number[] {
  const frames: number[] = [];
  let project = false;
  let entryFrom = block.from + 1;
  for (let i = block.from + 1; i < block.to; i++) {
    const line = lines[i];
    if (ENTRY_RULE.test(line)) { entryFrom = i + 1; continue; }
    const at = LOCATION.exec(line);
    if (!at) continue;
    const outside = OUTSIDE_PROJECT.test(at[1]);
    project ||= !outside;
    if (at[2] !== undefined) {
      // Short style: the location heads its source lines and their `^^^` marks.
      if (!outside) continue;
      frames.push(i);
      for (let k = i + 1; k < block.to && SOURCE_LINE.test(lines[k]); k++) frames.push(k);
    } else {
      // Long style: the location ends its entry; of a library's, only the source goes.
      if (outside) for (let k = entryFrom; k < i; k++) if (SOURCE_LINE.test(lines[k])) frames.push(k);
      entryFrom = i + 1;
    }
  }
  return project ? frames : [];
}
