// Vitest's default and verbose reporters. Keeps every block of the `Failed Tests`, `Failed Suites` and
// `Unhandled Errors` sections (name, assertion message, expected/received diff, the `❯ file:line:col`
// frame; the source excerpt is marked), skipped and todo tests by name, anything else the run printed
// that is not a test line, and the `Test Files`/`Tests`/`Errors` summary. Declines when the sections
// do not hold as many failures as the summary reports.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, isPackageTestScript, JS_FRAMES, lineSpans, npmTrailer, plural, renderTestReport, trimBlank, type FrameRules, type Span } from './testReport';

// `      Tests  5 failed | 42 passed | 1 skipped | 1 todo (49)`, ` Test Files  1 failed | 1 passed (2)`, `   Duration  507ms (…)`
const SUMMARY = /^ {0,8}(Test Files|Tests|Errors|Type Errors|Snapshots|Start at|Duration) {1,3}\S/;
// Summary lines kept; `Start at` and `Duration` only say when and how long.
const KEPT_SUMMARY = new Set(['Test Files', 'Tests', 'Errors', 'Type Errors', 'Snapshots']);
// `⎯⎯⎯⎯⎯⎯⎯ Failed Tests 5 ⎯⎯⎯⎯⎯⎯⎯`, `⎯⎯⎯⎯ Unhandled Errors ⎯⎯⎯⎯`
const SECTION = /^⎯+ ([A-Z][A-Za-z ]+?)(?: (\d+))? ⎯+$/;
// `⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/5]⎯` ends each block; a bare rule ends the last one of a section.
const BLOCK_END = /^⎯+(?:\[(\d+)\/(\d+)\]⎯*)?$/;
// Tree lines: ` ✓ src/slug.test.ts (5 tests) 4ms`, `     × rounds to cents 5ms`, `     ↓ parses legacy SKUs`, `     □ todo`, ` ❯ src/cart.test.ts (44 tests | 5 failed)`
const TREE_LINE = /^ +([✓×↓□❯✗√]) (.*)$/;
// `src/slug.test.ts (5 tests) 4ms` after a tree mark is a test file, not a test.
const TEST_FILE = /^\S+ \(\d+ tests?(?: \| [^)]*)?\)/;
// ` RUN  v4.1.12 /srv/demo/vite-shop`
const RUN_HEADER = /^ ?RUN {1,2}v\d+\.\d+/;
// ` ❯ src/cart.test.ts:12:65`, ` ❯ Object.total src/cart.ts:3:11`: vitest's own frame format.
const VITEST_FRAME = /^ +❯ (?:\S+ )?\S+:\d+:\d+$/;
// `5 failed` inside a summary line.
const FAILED_COUNT = /(\d+) failed/;
// `stdout | src/cart.test.ts > total > rounds`: console output of one test, up to the next blank line.
const CONSOLE_BLOCK = /^(stdout|stderr) \| \S/;

const VITEST_FRAMES: FrameRules = {
  isFrame: (line) => VITEST_FRAME.test(line) || JS_FRAMES.isFrame(line),
  isProjectFrame: (line) => (VITEST_FRAME.test(line) && !/node_modules|node:/.test(line)) || JS_FRAMES.isProjectFrame(line),
  isCodeFrame: JS_FRAMES.isCodeFrame,
};

export const vitest: Compressor = {
  id: 'vitest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'vitest' || isPackageTestScript(command),
  sniff: (source: Source) => findSummary(source.lines) !== undefined && source.lines.some((l) => RUN_HEADER.test(l) || SECTION.test(l)),
  compress,
};

/** The summary block at the end: its kept lines and the `Tests` line, or undefined. */
function findSummary(lines: readonly string[]): { from: number; to: number; kept: number[]; tests: string; files?: string } | undefined {
  let to = npmTrailer(lines);
  while (to > 0 && lines[to - 1].trim() === '') to--;
  let from = to;
  while (from > 0 && SUMMARY.test(lines[from - 1])) from--;
  if (from === to) return undefined;
  const kept: number[] = [];
  let tests: string | undefined;
  let files: string | undefined;
  for (let i = from; i < to; i++) {
    const label = SUMMARY.exec(lines[i])![1];
    if (KEPT_SUMMARY.has(label)) kept.push(i);
    if (label === 'Tests') tests = lines[i];
    if (label === 'Test Files') files = lines[i];
  }
  return tests === undefined ? undefined : { from, to, kept, tests, files };
}

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const summary = findSummary(lines);
  if (!summary) return undefined;

  const blocks: Span[] = [];
  const sections = new Map<string, { reported?: number; found: number }>();
  const notes: number[] = [];
  const skips: number[] = [];
  const other: Span[] = [];
  let passed = 0;
  let passedFiles = 0;
  let stdoutBlocks = 0;
  let lastNumbered = 0;
  let numberedTotal = 0;
  let section: { reported?: number; found: number } | undefined;
  let blockFrom = -1;
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };

  for (let i = 0; i < summary.from; i++) {
    const line = lines[i];
    const header = SECTION.exec(line);
    if (header) {
      closeOther(i);
      if (section && blockFrom >= 0 && trimmedLength(lines, blockFrom, i) > 0) { blocks.push({ from: blockFrom, to: i }); section.found++; }
      section = { reported: header[2] === undefined ? undefined : Number(header[2]), found: 0 };
      sections.set(header[1], section);
      blockFrom = i + 1;
      continue;
    }
    if (section) {
      const end = BLOCK_END.exec(line);
      if (!end) continue;
      if (trimmedLength(lines, blockFrom, i) > 0) { blocks.push({ from: blockFrom, to: i }); section.found++; }
      if (end[1] !== undefined) {
        lastNumbered = Number(end[1]);
        numberedTotal = Number(end[2]);
        blockFrom = i + 1;
      }
      // A bare rule, or the last numbered one, closes the section.
      if (end[1] === undefined || lastNumbered === numberedTotal) section = undefined;
      continue;
    }
    const tree = TREE_LINE.exec(line);
    if (tree) {
      closeOther(i);
      if (tree[1] === '↓' || tree[1] === '□') skips.push(i);
      else if (tree[1] === '✓' || tree[1] === '√') {
        if (TEST_FILE.test(tree[2])) passedFiles++;
        else passed++;
      }
      continue;
    }
    if (RUN_HEADER.test(line) || line.trim() === '') { closeOther(i); continue; }
    const consoleBlock = CONSOLE_BLOCK.exec(line);
    if (consoleBlock) {
      closeOther(i);
      let j = i + 1;
      while (j < summary.from && lines[j].trim() !== '') j++;
      if (consoleBlock[1] === 'stderr') other.push({ from: i, to: j });
      else stdoutBlocks++;
      i = j - 1;
      continue;
    }
    if (otherFrom < 0) otherFrom = i;
  }
  closeOther(summary.from);
  if (section && blockFrom >= 0 && trimmedLength(lines, blockFrom, summary.from) > 0) { blocks.push({ from: blockFrom, to: summary.from }); section.found++; }

  // Every section holds as many blocks as its header says, the numbering is complete, and the
  // `Tests` line fails as many tests as `Failed Tests` shows.
  for (const s of sections.values()) if (s.reported !== undefined && s.reported !== s.found) return undefined;
  if (numberedTotal > 0 && (lastNumbered !== numberedTotal || numberedTotal !== blocks.length)) return undefined;
  const failedTests = Number(FAILED_COUNT.exec(summary.tests)?.[1] ?? 0);
  if (failedTests !== (sections.get('Failed Tests')?.found ?? 0)) return undefined;
  const failedFiles = Number(FAILED_COUNT.exec(summary.files ?? '')?.[1] ?? 0);
  if (failedFiles > 0 && blocks.length === 0) return undefined;

  const listedSkips = skips.length <= 10 ? skips : [];
  notes.push(...listedSkips);
  return renderTestReport(context, {
    runner: 'vitest',
    failures: [...blocks, ...other],
    notes: lineSpans(notes),
    summary: [...lineSpans(summary.kept), trimBlank(lines, { from: npmTrailer(lines), to: lines.length })],
    cut: [
      ...(passed > 0 ? [plural(passed, 'passing test')] : []),
      ...(passedFiles > 0 ? [plural(passedFiles, 'passing test file')] : []),
      ...(listedSkips.length < skips.length ? [`${skips.length} skipped and todo tests`] : []),
      ...(stdoutBlocks > 0 ? [plural(stdoutBlocks, 'stdout block')] : []),
      'the test tree, start time and duration',
    ].join(', '),
    complete: allShown(blocks.length),
    grep: '✓',
    frames: VITEST_FRAMES,
  });
}

function trimmedLength(lines: readonly string[], from: number, to: number): number {
  const span = trimBlank(lines, { from, to });
  return span.to - span.from;
}
