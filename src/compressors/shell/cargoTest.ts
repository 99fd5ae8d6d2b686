// `cargo test`: every test binary's `---- name stdout ----` failure blocks (panic location, message,
// `left`/`right` values; backtrace frames outside the project, the harness's closure frame and
// repeats of the RUST_BACKTRACE hints are marked), the `Running` line of each failing binary, ignored
// tests by name, compiler warnings and anything unrecognised, each `failures:` name list that names a
// test without a block, every `test result:` line and cargo's closing `error:` lines. Passing tests,
// `Compiling`/`Finished`, `running N tests` and name lists that repeat the blocks become one count. Declines when a binary's failures
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
// `   5: rust_shop::tests::rounds_to_cents::{{closure}}`: the closure `#[test]` wraps a test in, right below the test's own frame.
const HARNESS_CLOSURE = /^ *\d+: (\S+)::\{\{closure\}\}$/;
// Hints printed under every failure: `note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`,
// `note: Some details are omitted, run with \`RUST_BACKTRACE=full\` for a verbose backtrace.`
const BACKTRACE_HINT = /^note: (?:run with `RUST_BACKTRACE=1` environment variable to display a backtrace|Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace\.)$/;
const MAX_LISTED_IGNORED = 10;

interface Suite {
  header: number;
  failures: Block[];
  /** Names of the failures that have a `---- name stdout ----` block. */
  named: Set<string>;
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
  const lists: (Span & { suite?: Suite })[] = [];
  const hintsSeen = new Set<string>();
  let repeatedHints = 0;
  const verdicts: Span[] = [];
  const other: Span[] = [];
  const ignored: number[] = [];
  let passed = 0;
  let backtraceLines = 0;
  let harnessLines = 0;
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SUITE.test(line)) {
      closeOther(i);
      suite = { header: i, failures: [], named: new Set(), listed: 0 };
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
      const frames = backtraceFrames(lines, block);
      backtraceLines += frames.std.length;
      harnessLines += frames.harness.length;
      // A hint printed under every failure stays under the first.
      const hints: number[] = [];
      for (let k = block.from; k < block.to; k++) {
        if (!BACKTRACE_HINT.test(lines[k])) continue;
        if (hintsSeen.has(lines[k])) hints.push(k);
        hintsSeen.add(lines[k]);
      }
      repeatedHints += hints.length;
      const drop = [...frames.std, ...frames.harness, ...hints];
      (suite ??= { header: -1, failures: [], named: new Set(), listed: 0 }).failures.push({ ...block, drop });
      suite.named.add(header[1]);
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
        lists.push({ from: i, to: j, suite });
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

  // A `failures:` list names again the tests whose blocks are shown; it stays when it names one without a block.
  const repeatedLists = lists.filter((list) => list.suite && lines.slice(list.from + 1, list.to).every((name) => list.suite!.named.has(name.trim())));
  const listedIgnored = ignored.length <= MAX_LISTED_IGNORED ? ignored : [];
  return renderTestReport(context, {
    runner: 'cargo test',
    failures: [...failures, ...other],
    notes: lineSpans(listedIgnored),
    summary: [...lists.filter((list) => !repeatedLists.includes(list)), ...verdicts, ...lineSpans(results)].sort((a, b) => a.from - b.from),
    cut: [
      plural(passed, 'passing test'),
      ...(listedIgnored.length < ignored.length ? [`${ignored.length} ignored tests`] : []),
      'build lines, timings',
      ...(repeatedLists.length > 0 ? ['repeated name lists'] : []),
      ...(backtraceLines + harnessLines > 0 ? [plural(backtraceLines + harnessLines, harnessLines > 0 ? 'std/harness frame line' : 'std frame line')] : []),
      ...(repeatedHints > 0 ? [plural(repeatedHints, 'repeated hint')] : []),
    ].join(', '),
    complete: allShown(failed),
    grep: '... ok',
  });
}

/**
 * The lines of backtrace frames outside the project (std, core, dependencies) and of the closure the
 * test harness wraps a test in (right below the test's own frame); the project's frames stay.
 */
function backtraceFrames(lines: readonly string[], block: Span): { std: number[]; harness: number[] } {
  const std: number[] = [];
  const harness: number[] = [];
  let previous = '';
  for (let i = block.from; i < block.to; i++) {
    if (!FRAME.test(lines[i])) continue;
    const name = lines[i].replace(/^ *\d+: /, '');
    const closure = HARNESS_CLOSURE.exec(lines[i]);
    const at = FRAME_AT.exec(lines[i + 1] ?? '');
    const span = at ? [i, i + 1] : [i];
    if (!at || OUTSIDE_PROJECT.test(at[1])) std.push(...span);
    else if (closure && closure[1] === previous) harness.push(...span);
    previous = name;
    if (at) i++;
  }
  return { std, harness };
}
