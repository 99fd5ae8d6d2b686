// Minitest (`ruby -Itest test/x_test.rb`, `rake test`, `rails test`), plain and `-v`. Keeps every
// numbered `Failure:`/`Error:` entry (test name with file:line, expected/actual or diff, the error's
// project frames; error_highlight's source line and carets above them are marked) and `Skipped:` entries, the `N runs, N assertions, …` line, and what rake prints
// after a failed run but its hints. The progress line or the `-v` result lines become one count.
// Declines when the entries are not 1..N or do not add up to the failures and errors reported.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { lineSpans, plural, renderTestReport, trimBlank, type Block, type FrameRules, type Span } from './testReport';

// `84 runs, 82 assertions, 3 failures, 1 errors, 1 skips`
const SUMMARY = /^(\d+) runs, (\d+) assertions, (\d+) failures, (\d+) errors, (\d+) skips$/;
// `  2) Failure:`, `  5) Error:`, `  1) Skipped:`
const ENTRY = /^ {2}(\d+)\) (Failure|Error|Skipped):$/;
// `........................SFFE.........F......`
const PROGRESS = /^[.FESR]+$/;
// `TotalTest#test_sums_2_identical_items = 0.00 s = .`
const VERBOSE_RESULT = /^\S+#\S+ = [\d.]+ s = ([.FES])$/;
// `Run options: --seed=4242`, `# Running:`, `Finished in 0.041752s, 2011.8770 runs/s, 1963.9751 assertions/s.`
const BOILERPLATE = /^(?:Run options: |# Running:$|Finished in [\d.]+s, )/;
// `    /srv/demo/ruby-shop/lib/cart.rb:24:in `line_items'`, `    test/cart_test.rb:36:in `test_line_items'`
const FRAME = /^ +\S+:\d+:in [`'].*'$/;
// Hints after the counts: `You have skipped tests. Run with --verbose for details.`, rake's
// `Tasks: TOP => test` and `(See full trace by running task with --trace)`.
const HINT = /^(?:You have skipped tests\. Run with --verbose for details\.|Tasks: TOP => \S.*|\(See full trace by running task with --trace\))$/;
// A diff's `@@ -1 +1 @@` hunk line under `--- expected` / `+++ actual`.
const HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@$/;
// `                ^^^^` under the source line Ruby's error_highlight prints in an error's message
const CARETS = /^ +\^+$/;
// Frames in gems or Ruby's own library: `/usr/lib/ruby/3.1.0/…`, `…/gems/activesupport-7.1.0/…`.
const OUTSIDE_PROJECT = /\/gems\/|\/lib\/ruby\/\d/;

const MINITEST_FRAMES: FrameRules = {
  isFrame: (line) => FRAME.test(line),
  isProjectFrame: (line) => !OUTSIDE_PROJECT.test(line),
};

export const minitest: Compressor = {
  id: 'minitest',
  type: 'shell',
  matches: (command: ParsedCommand) =>
    (command.program === 'ruby' && command.args.some((a) => /_test\.rb$|(?:^|\/)test_[^/]*\.rb$/.test(a))) ||
    ((command.program === 'rake' || command.program === 'rails') && (command.args[0] === 'test' || command.args[0]?.startsWith('test:') === true)),
  sniff: (source: Source) => source.lines.some((l) => SUMMARY.test(l)) && source.lines.includes('# Running:'),
  compress,
};

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (SUMMARY.test(lines[i])) { at = i; break; }
  if (at < 0) return undefined;
  const counts = SUMMARY.exec(lines[at])!.slice(1).map(Number);
  const [, , failures, errors, skips] = counts;

  // Numbered entries 1..N after `Finished in`; each runs to the next.
  const entries: { span: Span; kind: string }[] = [];
  let expected = 1;
  let passed = 0;
  let resultLines = 0;
  const other: Span[] = [];
  let otherFrom = -1;
  const closeOther = (to: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to }));
    otherFrom = -1;
  };
  for (let i = 0; i < at; i++) {
    const line = lines[i];
    const entry = ENTRY.exec(line);
    if (entry && Number(entry[1]) === expected) {
      closeOther(i);
      if (entries.length > 0) entries[entries.length - 1].span = { from: entries[entries.length - 1].span.from, to: i };
      entries.push({ span: { from: i, to: at }, kind: entry[2] });
      expected++;
      continue;
    }
    if (entries.length > 0) continue; // inside an entry
    const result = VERBOSE_RESULT.exec(line);
    if (PROGRESS.test(line) || result) {
      closeOther(i);
      resultLines++;
      if (result) { if (result[1] === '.') passed++; }
      else for (const ch of line) if (ch === '.') passed++;
      continue;
    }
    if (BOILERPLATE.test(line) || line.trim() === '') { closeOther(i); continue; }
    if (otherFrom < 0) otherFrom = i; // what the tests printed
  }
  closeOther(at);
  const failing = entries.filter((e) => e.kind !== 'Skipped');
  if (failing.length !== failures + errors) return undefined;
  const skipped = entries.filter((e) => e.kind === 'Skipped');
  if (skipped.length > skips) return undefined;

  const blocks: Block[] = failing.map((e) => {
    const drop: number[] = [];
    const excerpts: number[] = [];
    for (let i = e.span.from; i < e.span.to; i++) {
      if (HUNK.test(lines[i])) drop.push(i);
      // Ruby's error_highlight: the failing source line and its carets, above the frame that locates it.
      else if (CARETS.test(lines[i + 1] ?? '') && /^ {4}\S/.test(lines[i]) && !FRAME.test(lines[i]) && blockHasFrame(lines, i + 2, e.span.to)) excerpts.push(i, ++i);
    }
    return { ...e.span, drop, excerpts };
  });
  // The counts and what rake prints when the run fails (`rake aborted!`, the status); not the hints.
  const tail: number[] = [];
  let hints = 0;
  for (let i = at; i < lines.length; i++) {
    if (HINT.test(lines[i])) hints++;
    else if (lines[i].trim() !== '') tail.push(i);
  }
  return renderTestReport(context, {
    runner: 'minitest',
    failures: [...other, ...blocks],
    notes: skipped.map((e) => trimBlank(lines, e.span)),
    summary: lineSpans(tail),
    cut: [
      'run options',
      plural(passed, 'passing test'),
      'timing',
      ...(blocks.some((b) => b.drop!.length > 0) ? ['@@ lines'] : []),
      ...(hints > 0 ? [plural(hints, 'hint')] : []),
    ].join(', '),
    complete: `${failures + errors === 0 ? 'no failures or errors' : `${plural(failures, 'failure')} and ${plural(errors, 'error')}, all shown`}${skipped.length > 0 ? ', skips with their reason' : ''}`,
    grep: resultLines > 1 ? ' = .' : undefined,
    frames: MINITEST_FRAMES,
  });
}

/** A project frame follows (after blank lines) that says where the excerpt's line is. */
function blockHasFrame(lines: readonly string[], from: number, to: number): boolean {
  let i = from;
  while (i < to && lines[i].trim() === '') i++;
  return i < to && FRAME.test(lines[i]) && !OUTSIDE_PROJECT.test(lines[i]);
}
