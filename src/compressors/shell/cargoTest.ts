// `cargo test`: every test binary's `---- name stdout ----` failure blocks (panic location, message,
// `left`/`right` values; backtrace frames outside the project are marked), the `Running` line of each
// failing binary, ignored tests by name, compiler warnings and anything unrecognised, each
// `failures:` name list, every `test result:` line and cargo's closing `error:` lines. Passing tests,
// `Compiling`/`Finished` and `running N tests` become one count. Declines when a binary's failures
// do not add up to its `test result:` line, or when no test result was printed (a build error).
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, lineSpans, plural, renderTestReport, trimBlank, type Block, type Span } from './testReport';

// `test result: FAILED. 22 passed; 4 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.17s`
const RESULT = /^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored;/;
// `     Running unittests src/lib.rs (target/debug/deps/rust_shop-567b41070ed0ada8)`, `   Doc-tests rust_shop`
const SUITE = /^ {3,}(?:Running|Doc-tests) \S/;
// `running 27 tests`
const RUNNING = /^running \d+ tests?$/;
// `test tests::applies_tax_rate ... ok`, `test src/lib.rs - total (line 5) ... ok`, `test a ... ignored, reason`
const TEST_LINE = /^test (.+) \.\.\. (ok|FAILED|ignored|bench:.*)(?:, .*)?$/;
// `---- tests::rounds_to_cents stdout ----`
const FAILURE_HEADER = /^---- (.+) stdout ----$/;
// `   Compiling rust-shop v0.1.0 (/p)`, `    Finished `test` profile …`, `  Downloaded serde v1.0.0`, `    Blocking waiting for file lock`
const CARGO_PROGRESS = /^ {2,}(?:Compiling|Checking|Finished|Downloaded|Downloading|Locking|Updating|Blocking|Fresh|Adding|Building|Documenting) \S/;
// `error: test failed, to rerun pass `--lib``, `error: 2 targets failed:` (its list follows, indented)
const CARGO_VERDICT = /^error: (?:test failed, to rerun pass |\d+ targets? failed:)/;
// `all doctests ran in 0.77s; merged doctests compilation took 0.76s`
const DOCTEST_TIMING = /^all doctests ran in [\d.]+s/;
// `   4: rust_shop::tests::rounds_to_cents` (a backtrace frame) and its `             at ./src/lib.rs:53:9` line.
const FRAME = /^ *\d+: \S/;
const FRAME_AT = /^ +at (\S+?):\d+(?::\d+)?$/;
// Frames in the standard library or a dependency: `/rustc/<hash>/library/…`, `~/.cargo/registry/…`.
const OUTSIDE_PROJECT = /^\/rustc\/|[\\/]\.cargo[\\/]|[\\/]rustlib[\\/]|^\/usr\//;
const MAX_LISTED_IGNORED = 10;

interface Suite {
  header: number;
  failures: Block[];
  listed: number;
  result?: { failed: number; at: number };
}

export const cargoTest: Compressor = {
  id: 'cargoTest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'cargo' && (command.args[0] === 'test' || (command.args[0]?.startsWith('+') === true && command.args[1] === 'test')),
  sniff: (source: Source) => source.lines.some((l) => RESULT.test(l)) && source.lines.some((l) => RUNNING.test(l)),
  compress,
};

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const suites: Suite[] = [];
  let suite: Suite | undefined;
  const results: number[] = [];
  const lists: Span[] = [];
  const verdicts: Span[] = [];
  const other: Span[] = [];
  const ignored: number[] = [];
  let passed = 0;
  let backtraceLines = 0;
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SUITE.test(line)) {
      closeOther(i);
      suite = { header: i, failures: [], listed: 0 };
      suites.push(suite);
      continue;
    }
    if (line.trim() === '' || CARGO_PROGRESS.test(line) || RUNNING.test(line) || DOCTEST_TIMING.test(line)) { closeOther(i); continue; }
    if (CARGO_VERDICT.test(line)) {
      closeOther(i);
      let j = i + 1;
      while (j < lines.length && /^ {4}\S/.test(lines[j])) j++;
      verdicts.push({ from: i, to: j });
      i = j - 1;
      continue;
    }
    const test = TEST_LINE.exec(line);
    if (test) {
      closeOther(i);
      if (test[2] === 'ok') passed++;
      else if (test[2] === 'ignored') ignored.push(i);
      continue;
    }
    const header = FAILURE_HEADER.exec(line);
    if (header) {
      closeOther(i);
      // A block runs to the next header, the `failures:` name list, or a `test result:` line.
      let j = i + 1;
      while (j < lines.length && !FAILURE_HEADER.test(lines[j]) && lines[j] !== 'failures:' && !RESULT.test(lines[j])) j++;
      const block = trimBlank(lines, { from: i, to: j });
      const drop = backtraceFrames(lines, block);
      backtraceLines += drop.length;
      (suite ??= { header: -1, failures: [], listed: 0 }).failures.push({ ...block, drop });
      if (!suites.includes(suite)) suites.push(suite);
      i = j - 1;
      continue;
    }
    if (line === 'failures:') {
      closeOther(i);
      // Either the section holding the blocks (next line blank, then `----`) or the list of names.
      let j = i + 1;
      while (j < lines.length && /^ {4}\S/.test(lines[j])) j++;
      if (j > i + 1) {
        lists.push({ from: i, to: j });
        if (suite) suite.listed += j - i - 1;
      }
      i = j - 1;
      continue;
    }
    const result = RESULT.exec(line);
    if (result) {
      closeOther(i);
      results.push(i);
      if (suite) suite.result = { failed: Number(result[3]), at: i };
      continue;
    }
    if (otherFrom < 0) otherFrom = i;
  }
  closeOther(lines.length);

  // No test result means the tests never ran (a build error): that is a compiler's output, not ours.
  if (results.length === 0) return undefined;
  let failed = 0;
  const failures: Block[] = [];
  for (const s of suites) {
    if (!s.result) {
      if (s.failures.length > 0) return undefined; // failures without the result line that counts them
      continue;
    }
    failed += s.result.failed;
    if (s.result.failed === 0) continue;
    // Every failed test is named in the list; most have a block (a test can fail without output).
    if (s.listed !== s.result.failed || s.failures.length > s.result.failed) return undefined;
    if (s.header >= 0) failures.push({ from: s.header, to: s.header + 1 });
    failures.push(...s.failures);
  }

  const listedIgnored = ignored.length <= MAX_LISTED_IGNORED ? ignored : [];
  return renderTestReport(context, {
    runner: 'cargo test',
    failures: [...failures, ...other],
    notes: lineSpans(listedIgnored),
    summary: [...lists, ...verdicts, ...lineSpans(results)].sort((a, b) => a.from - b.from),
    cut: [
      plural(passed, 'passing test'),
      ...(listedIgnored.length < ignored.length ? [`${ignored.length} ignored tests`] : []),
      `build lines, timings${backtraceLines > 0 ? `, ${plural(backtraceLines, 'std frame line')}` : ''}`,
    ].join(', '),
    complete: allShown(failed),
    grep: '... ok',
  });
}

/** The lines of backtrace frames outside the project (std, core, dependencies); the project's frames stay. */
function backtraceFrames(lines: readonly string[], block: Span): number[] {
  const drop: number[] = [];
  for (let i = block.from; i < block.to; i++) {
    if (!FRAME.test(lines[i])) continue;
    const at = FRAME_AT.exec(lines[i + 1] ?? '');
    if (!at || OUTSIDE_PROJECT.test(at[1])) drop.push(i);
    if (at) {
      if (OUTSIDE_PROJECT.test(at[1])) drop.push(i + 1);
      i++;
    }
  }
  return drop;
}
