// Mocha's default spec reporter. Keeps every numbered failure after the summary (title path, error,
// `+ expected - actual` diff unless node:assert's message already compares the values in full, first
// project frames), pending tests by name, warning- and error-looking
// lines printed among the tests, and the `passing`/`pending`/`failing` counts. The test tree itself
// becomes one count. Declines when the numbered failures are not exactly 1..N for `N failing`.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { isErrorLine, isWarningLine } from '../shared/patterns';
import { allShown, isPackageTestScript, JS_FRAMES, lineSpans, plural, renderTestReport, type Block, type Span } from './testReport';

// `  65 passing (55ms)`
const PASSING = /^ {2}(\d+) passing \(\d+(?:\.\d+)?m?s\)$/;
// `  2 pending`, `  6 failing`
const COUNT = /^ {2}(\d+) (pending|failing)$/;
// `  2) total` opens a failure in the list after the summary.
const FAILURE = /^ {2}(\d+)\) \S/;
// `npm error Lifecycle script `test` failed with error:`, `npm warn config …`, `npm ERR! Test failed.`
const NPM_LINE = /^npm (?:error|ERR!|warn|WARN|notice) /;
// `    ✔ sums 1 identical items`, `    ✓ ok (12ms)`, `    1) rounds to cents`, `    - parses legacy SKUs`
const TREE_TEST = /^ +(?:([✔✓])|(\d+)\)|(-)) \S/;
// `      + expected - actual`: mocha's own diff of err.actual and err.expected follows.
const MOCHA_DIFF = /^ +\+ expected - actual$/;
// node:assert's message already compares them: `0.4 !== 0.39`, or its diff legend `+ actual - expected`
// (incomplete when it says `... Lines skipped` or elides lines with `...`).
const NODE_INEQUALITY = / !== /;
const NODE_DIFF = /^ *\+ actual - expected( \.\.\. Lines skipped)?$/;

export const mocha: Compressor = {
  id: 'mocha',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'mocha' || command.program === '_mocha' || isPackageTestScript(command),
  sniff: (source: Source) => findSummary(source.lines) !== undefined,
  compress,
};

/** The `passing` line and the `pending`/`failing` lines right after it. */
function findSummary(lines: readonly string[]): { from: number; to: number; failing: number } | undefined {
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (PASSING.test(lines[i])) { at = i; break; }
  if (at < 0) return undefined;
  let to = at + 1;
  let failing = 0;
  for (let m = COUNT.exec(lines[to] ?? ''); m; m = COUNT.exec(lines[to] ?? '')) {
    if (m[2] === 'failing') failing = Number(m[1]);
    to++;
  }
  return { from: at, to, failing };
}

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const summary = findSummary(lines);
  if (!summary) return undefined;

  // The numbered failures after the summary run 1..N; each ends where the next begins. What npm
  // prints after the script (`npm error Lifecycle script…`, `npm warn …`) ends the list.
  let end = lines.length;
  for (let i = summary.to; i < lines.length; i++) if (NPM_LINE.test(lines[i])) { end = i; break; }
  const failures: Span[] = [];
  let expected = 1;
  for (let i = summary.to; i < end; i++) {
    const m = FAILURE.exec(lines[i]);
    if (!m) {
      if (failures.length === 0 && lines[i].trim() !== '') return undefined; // something before the first failure
      continue;
    }
    if (Number(m[1]) !== expected) continue; // a numbered line inside an error message
    if (failures.length > 0) failures[failures.length - 1] = { from: failures[failures.length - 1].from, to: i };
    failures.push({ from: i, to: end });
    expected++;
  }
  if (failures.length !== summary.failing) return undefined;

  let passed = 0;
  let treeLines = 0;
  const pending: number[] = [];
  const loud: number[] = [];
  for (let i = 0; i < summary.from; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const test = TREE_TEST.exec(line);
    if (test?.[1]) passed++;
    else if (test?.[3]) pending.push(i);
    else if (!test?.[2] && (isErrorLine(line) || isWarningLine(line))) loud.push(i);
    else treeLines++;
  }

  // Under a node:assert error mocha prints the same comparison again, signs reversed: one copy stays.
  let repeatedDiffs = 0;
  const blocks: Block[] = failures.map((failure) => {
    const drop = repeatedDiff(lines, failure);
    if (drop.length > 0) repeatedDiffs++;
    return { ...failure, drop };
  });
  const trailer = end < lines.length ? [{ from: end, to: lines.length }] : [];
  const listedPending = pending.length <= 10 ? pending : [];
  return renderTestReport(context, {
    runner: 'mocha',
    failures: blocks,
    notes: [...lineSpans([...loud, ...listedPending].sort((a, b) => a - b)), ...trailer],
    summary: [{ from: summary.from, to: summary.to }],
    cut: [
      plural(passed, 'passing test'),
      ...(listedPending.length < pending.length ? [`${pending.length} pending tests`] : []),
      `${treeLines} other tree lines (titles, failing tests, output)`,
      ...(repeatedDiffs > 0 ? [`${plural(repeatedDiffs, 'diff')} mocha repeats`] : []),
    ].join(', '),
    complete: allShown(failures.length),
    grep: '✔',
    frames: JS_FRAMES,
  });
}

/**
 * Mocha's `+ expected - actual` diff (to the first stack frame) when the node:assert message above it
 * already compares the same values in full; nothing when the message's own diff skipped lines.
 */
function repeatedDiff(lines: readonly string[], failure: Span): number[] {
  let legend = -1;
  let compared = false;
  for (let i = failure.from; i < failure.to && legend < 0; i++) {
    const line = lines[i];
    if (MOCHA_DIFF.test(line)) legend = i;
    else if (NODE_INEQUALITY.test(line) && !JS_FRAMES.isFrame(line)) compared = true;
    else {
      const diff = NODE_DIFF.exec(line);
      if (diff) compared = diff[1] === undefined;
    }
    if (line.trim() === '...') return []; // node:assert elided part of its diff
  }
  if (legend < 0 || !compared) return [];
  const drop: number[] = [];
  for (let i = legend; i < failure.to && !JS_FRAMES.isFrame(lines[i]); i++) drop.push(i);
  return drop;
}
