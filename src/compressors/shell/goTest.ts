// `go test`, plain and `-v`. The output is cut into packages at their result lines (`ok`, `FAIL`,
// `?`). A failing package is kept whole — `--- FAIL` lines, every message, panics, build errors —
// except the `-v` bookkeeping (`=== RUN` lines with nothing under them, `=== PAUSE/CONT`, `--- PASS`)
// and the goroutine frames of the runtime and the testing package, which are marked. Passing
// packages become one count, their `--- SKIP` lines stay. Declines without any package result line.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, lineSpans, plural, renderTestReport, type Block, type Span } from './testReport';

// `ok  \texample.com/shop/slug\t0.002s`, `FAIL\texample.com/shop/cart\t0.007s`, `FAIL\tpkg [build failed]`, `?   \tpkg\t[no test files]`
const PACKAGE_RESULT = /^(ok|FAIL|\?)[ \t]+\S+(?:\t| \[)/;
// `=== RUN   TestDiscount/HALF`, `=== PAUSE TestX`, `=== CONT  TestX`, `=== NAME  TestX`
const EVENT = /^ *=== (RUN|PAUSE|CONT|NAME) /;
// `--- PASS: TestTaxRate (0.00s)`, `    --- FAIL: TestDiscount/TENOFF (0.00s)`, `--- SKIP: TestLegacy (0.00s)`
const RESULT = /^ *--- (PASS|FAIL|SKIP): \S+ \([\d.]+s\)$/;
// The bare verdict a package prints before its result line: `PASS`, `FAIL`.
const VERDICT = /^(?:PASS|FAIL)$/;
// `goroutine 46 [running]:` opens a trace of `function(args)` / `\t/path/file.go:123 +0x24e` pairs.
const GOROUTINE = /^goroutine \d+ \[[^\]]+\]:$/;
const FRAME_FILE = /^\t(\S+\.go):\d+(?: \+0x[0-9a-f]+)?$/;
// Frames in Go itself or a module cache: `/usr/lib/go-1.19/src/testing/…`, `/usr/local/go/src/runtime/…`, `…/pkg/mod/…`.
const OUTSIDE_PROJECT = /\/go(?:-[\d.]+)?\/src\/|\/pkg\/mod\//;
const MAX_LISTED_SKIPS = 10;

export const goTest: Compressor = {
  id: 'goTest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'go' && command.args[0] === 'test' && !command.args.includes('-json'),
  sniff: (source: Source) => source.lines.some((l) => PACKAGE_RESULT.test(l)) && source.lines.some((l) => RESULT.test(l) || l.startsWith('ok  \t')),
  compress,
};

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const failures: Block[] = [];
  const skips: number[] = [];
  const summary: number[] = [];
  let okPackages = 0;
  let untested = 0;
  let passed = 0;
  let failedPackages = 0;
  let frameLines = 0;
  let start = 0;

  for (let i = 0; i <= lines.length; i++) {
    const result = i < lines.length ? PACKAGE_RESULT.exec(lines[i]) : null;
    if (i < lines.length && !result) continue;
    const segment: Span = { from: start, to: i };
    start = i + 1;
    for (let k = segment.from; k < segment.to; k++) if (/^ *--- PASS: /.test(lines[k])) passed++;
    if (result?.[1] === 'FAIL') {
      failedPackages++;
      const frames = runtimeFrames(lines, segment);
      frameLines += frames.length;
      failures.push({ from: segment.from, to: i + 1, drop: [...bookkeeping(lines, segment), ...frames] });
      continue;
    }
    if (result?.[1] === 'ok') okPackages++;
    else if (result?.[1] === '?') untested++;
    // A passing package: only its skipped tests (with the reason line above, under -v) stay.
    for (let k = segment.from; k < segment.to; k++) {
      if (!/^ *--- SKIP: /.test(lines[k])) continue;
      if (k > segment.from && /^ {4,}\S+\.go:\d+: /.test(lines[k - 1])) skips.push(k - 1);
      skips.push(k);
    }
    // Lines after the last package result: the final `FAIL`, `exit status 1`, or output of a run cut short.
    if (!result) for (let k = segment.from; k < segment.to; k++) if (lines[k].trim() !== '') summary.push(k);
  }
  if (okPackages + untested + failedPackages === 0) return undefined;
  // A failure seen anywhere must be inside a failing package, or the packages were misread.
  if (failedPackages === 0 && lines.some((l) => /^ *--- FAIL: /.test(l) || l === 'FAIL' || l.startsWith('panic: '))) return undefined;

  const listedSkips = skips.length <= MAX_LISTED_SKIPS * 2 ? skips : [];
  const cut = [
    ...(okPackages > 0 ? [plural(okPackages, 'ok package')] : []),
    ...(untested > 0 ? [`${plural(untested, 'package')} without test files`] : []),
    ...(passed > 0 ? [plural(passed, 'passing test')] : []),
    ...(listedSkips.length < skips.length ? ['skipped tests'] : []),
    ...(lines.some((l) => EVENT.test(l)) ? ['-v events'] : []),
  ];
  return renderTestReport(context, {
    runner: 'go test',
    failures,
    notes: lineSpans(listedSkips),
    summary: lineSpans(summary),
    cut: [...cut, ...(frameLines > 0 ? [plural(frameLines, 'runtime frame line')] : [])].join(', '),
    complete: allShown(failedPackages, 'failing package'),
    grep: passed > 0 ? '--- PASS' : 'ok  ',
  });
}

/** `-v` lines that say nothing a kept line does not: events with nothing under them, PASS results, the bare verdict. */
function bookkeeping(lines: readonly string[], segment: Span): number[] {
  const drop: number[] = [];
  for (let k = segment.from; k < segment.to; k++) {
    const line = lines[k];
    const event = EVENT.exec(line);
    if (event) {
      // A RUN line stays when the test printed something under it (its messages come before its --- FAIL).
      const next = lines[k + 1] ?? '';
      const printed = k + 1 < segment.to && !EVENT.test(next) && !RESULT.test(next) && !VERDICT.test(next);
      if (event[1] !== 'RUN' || !printed) drop.push(k);
    } else if (/^ *--- PASS: /.test(line) || VERDICT.test(line)) drop.push(k);
  }
  return drop;
}

/** The lines of goroutine-trace frames in Go's runtime and testing packages or the module cache. */
function runtimeFrames(lines: readonly string[], segment: Span): number[] {
  const drop: number[] = [];
  let inTrace = false;
  for (let k = segment.from; k < segment.to; k++) {
    if (GOROUTINE.test(lines[k])) { inTrace = true; continue; }
    const file = FRAME_FILE.exec(lines[k + 1] ?? '');
    if (!inTrace || !file || lines[k].startsWith('\t')) { inTrace = inTrace && lines[k].startsWith('\t'); continue; }
    if (OUTSIDE_PROJECT.test(file[1])) drop.push(k, k + 1);
    k++;
  }
  return drop;
}
