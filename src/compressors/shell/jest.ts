// Jest's default reporter, plain and `--verbose`. Keeps every `FAIL <file>` line with each of its `●`
// failure blocks (name, matcher message, expected/received, first project frames; code excerpts are
// marked, except under `Test suite failed to run`, where they show the syntax error), console.warn and
// console.error output, skipped and todo tests by name, any line it does not recognise, and the
// `Test Suites`/`Tests`/`Snapshots` summary. The `Summary of all failing tests` jest repeats for big
// runs is marked, not shown twice. Declines when the blocks do not add up to the failures reported.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, isPackageTestScript, JS_FRAMES, lineSpans, npmTrailer, plural, renderTestReport, trimBlank, type Block, type Span } from './testReport';

// `FAIL __tests__/cart.test.js`, `PASS src/a.test.ts (5.123 s)`
const FILE_LINE = /^(PASS|FAIL) \S/;
// `  ● total › rounds to cents`, `  ● Test suite failed to run`, `  ● Console`
const BULLET = /^ {2}● (.+)$/;
// `Test Suites: 1 failed, 8 passed, 9 total`, `Tests:       5 failed, 1 skipped, 93 passed, 100 total`, `Time:        1.33 s`
const SUMMARY = /^(Test Suites|Tests|Snapshots|Time):\s+\S|^Ran all test suites/;
// `    ✓ sums 1 identical items (2 ms)`, `    ✕ rounds to cents (3 ms)`, `    ○ skipped parses legacy SKUs`, `    ✎ todo parses region suffixes`
const TREE_MARK = /^ {2,}([✓✕○✎√×]) /;
// `      console.error`, `    console.warn` inside a `● Console` block.
const LOUD_CONSOLE = /^ +console\.(?:error|warn)$/;
// `5 failed` in a summary line.
const FAILED_COUNT = /(\d+) failed/;
const SUITE_FAILED = 'Test suite failed to run';

export const jest: Compressor = {
  id: 'jest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'jest' || isPackageTestScript(command),
  sniff: (source: Source) => findSummary(source.lines) !== undefined && source.lines.some((l) => FILE_LINE.test(l)),
  compress,
};

function findSummary(lines: readonly string[]): { from: number; to: number; kept: number[]; tests?: string; suites?: string } | undefined {
  let to = npmTrailer(lines);
  while (to > 0 && lines[to - 1].trim() === '') to--;
  let from = to;
  while (from > 0 && SUMMARY.test(lines[from - 1])) from--;
  const kept: number[] = [];
  let tests: string | undefined;
  let suites: string | undefined;
  for (let i = from; i < to; i++) {
    if (lines[i].startsWith('Tests:')) { tests = lines[i]; kept.push(i); }
    else if (lines[i].startsWith('Test Suites:')) { suites = lines[i]; kept.push(i); }
    else if (lines[i].startsWith('Snapshots:') && !/^Snapshots:\s+0 total$/.test(lines[i])) kept.push(i);
  }
  return suites === undefined ? undefined : { from, to, kept, tests, suites };
}

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const summary = findSummary(lines);
  if (!summary) return undefined;
  // Big runs repeat every failure after this line; the first copy is the one shown.
  let end = summary.from;
  const repeatAt = lines.indexOf('Summary of all failing tests');
  if (repeatAt >= 0 && repeatAt < end) end = repeatAt;

  const failures: Block[] = [];
  const other: Span[] = [];
  const skips: number[] = [];
  let passedTests = 0;
  let passedFiles = 0;
  let failedFiles = 0;
  let failedTests = 0;
  let suiteFailures = 0;
  let quietConsole = 0;
  let state: 'start' | 'tree' | 'bullet' = 'start';
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };

  for (let i = 0; i < end; i++) {
    const line = lines[i];
    if (FILE_LINE.test(line)) {
      closeOther(i);
      if (line.startsWith('FAIL')) { failedFiles++; failures.push({ from: i, to: i + 1 }); }
      else passedFiles++;
      state = 'tree';
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      closeOther(i);
      let j = i + 1;
      while (j < end && !BULLET.test(lines[j]) && !FILE_LINE.test(lines[j])) j++;
      if (bullet[1] === 'Console') {
        if (lines.slice(i, j).some((l) => LOUD_CONSOLE.test(l))) other.push({ from: i, to: j });
        else quietConsole++;
      } else if (bullet[1] === SUITE_FAILED) {
        suiteFailures++;
        failures.push({ from: i, to: j, keepCode: true });
      } else {
        failedTests++;
        failures.push({ from: i, to: j });
      }
      state = 'bullet';
      i = j - 1;
      continue;
    }
    if (line.trim() === '') { closeOther(i); continue; }
    if (state === 'tree' && /^ {2}/.test(line)) {
      const mark = TREE_MARK.exec(line)?.[1];
      if (mark === '○' || mark === '✎') skips.push(i);
      else if (mark === '✓' || mark === '√') passedTests++;
      continue;
    }
    if (otherFrom < 0) otherFrom = i;
  }
  closeOther(end);

  const reportedTests = Number(FAILED_COUNT.exec(summary.tests ?? '')?.[1] ?? 0);
  const reportedSuites = Number(FAILED_COUNT.exec(summary.suites ?? '')?.[1] ?? 0);
  if (reportedTests !== failedTests || reportedSuites !== failedFiles || suiteFailures > failedFiles) return undefined;

  const listedSkips = skips.length <= 10 ? skips : [];
  const complete = failedTests + suiteFailures === 0
    ? 'no failures'
    : [failedTests > 0 ? allShown(failedTests, 'failing test') : '', suiteFailures > 0 ? `${plural(suiteFailures, 'suite')} that failed to run` : ''].filter(Boolean).join(', ');
  return renderTestReport(context, {
    runner: 'jest',
    failures: [...failures, ...other],
    notes: lineSpans(listedSkips),
    summary: [...lineSpans(summary.kept), trimBlank(lines, { from: npmTrailer(lines), to: lines.length })],
    cut: [
      ...(passedFiles > 0 ? [plural(passedFiles, 'PASS line')] : []),
      ...(passedTests > 0 ? [plural(passedTests, 'passing test')] : []),
      ...(listedSkips.length < skips.length ? [`${skips.length} skipped and todo tests`] : []),
      ...(quietConsole > 0 ? [plural(quietConsole, 'console.log block')] : []),
      ...(repeatAt >= 0 && repeatAt < summary.from ? ['the repeated failure summary'] : []),
      'time',
    ].join(', '),
    complete,
    grep: passedTests > 0 ? '✓' : 'PASS',
    frames: JS_FRAMES,
  });
}
