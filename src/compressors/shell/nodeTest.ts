// `node --test` output, spec and TAP reporters (Node 20 prints TAP when piped, spec on a terminal).
// Keeps every failing test with its error, expected/actual values and first project frames, every
// line a test file printed outside the reporter (a crash), skipped and todo tests by name, and the
// `ℹ`/`#` summary; passing tests become one count. Declines when the summary is missing or the
// failures shown do not add up to the failures reported.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, isPackageTestScript, JS_FRAMES, lineSpans, npmTrailer, plural, renderTestReport, trimBlank, type Block, type Span } from './testReport';

// `ℹ tests 43`, `ℹ duration_ms 205.439459`
const SPEC_SUMMARY = /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)$/;
// `# tests 43`, `# duration_ms 212.098816`
const TAP_SUMMARY = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)$/;
// `  ✔ sums 1 identical items (4.148955ms)`, `  ✖ rounds to cents (2.267329ms)`, `▶ total`, `  ﹣ parses legacy SKUs (0.11ms) # SKIP`
const SPEC_TEST = /^( *)([✔✖﹣▶]) (.*)$/;
// The name in a spec line without its timing and directive: `rounds to cents` in `✖ rounds to cents (2.26ms) # TODO`.
const SPEC_NAME = / \([\d.]+m?s\)(?: # .*)?$/;
// `test at cart.test.js:15:3` heads each entry of the `✖ failing tests:` section.
const SPEC_ENTRY_LOCATION = /^test at \S+:\d+:\d+$/;
// `    not ok 27 - rounds to cents`, `ok 3 - slugify # SKIP`
const TAP_POINT = /^( *)(not ok|ok) \d+ - /;
// `# Subtest: rounds to cents`, `TAP version 13`, `    1..27`
const TAP_STRUCTURE = /^ *(?:# Subtest: |TAP version \d+$|\d+\.\.\d+$)/;
// ` # SKIP`, ` # TODO parses region suffixes`
const DIRECTIVE = / # (?:SKIP|TODO)\b/;
// Fields of an assertion error that restate what its `name`/message already say: `generatedMessage: true,`,
// `code: 'ERR_ASSERTION',` (spec) and `failureType: 'testCodeFailure'`, `code: 'ERR_ASSERTION'` (TAP), and TAP timings.
const ERROR_NOISE = /^ +(?:generatedMessage: (?:true|false),|code: 'ERR_ASSERTION',?|failureType: 'testCodeFailure'|duration_ms: [\d.]+)$/;
/** More skipped and todo tests than this are counted, not listed. */
const MAX_LISTED_SKIPS = 10;

type Counts = ReadonlyMap<string, number>;

export const nodeTest: Compressor = {
  id: 'nodeTest',
  type: 'shell',
  matches: (command: ParsedCommand) =>
    (command.program === 'node' && command.args.some((a) => a === '--test' || a.startsWith('--test-reporter'))) || isPackageTestScript(command),
  sniff: (source: Source) =>
    summaryAt(source.lines, SPEC_SUMMARY) !== undefined ||
    (summaryAt(source.lines, TAP_SUMMARY) !== undefined && source.lines.some((l) => l.startsWith('# Subtest: '))),
  compress: (context: CompressContext): Draft | undefined => spec(context) ?? tap(context),
};

/** The last block of summary lines (its span and counts), or undefined when absent or incomplete. */
function summaryAt(lines: readonly string[], pattern: RegExp): { span: Span; counts: Counts } | undefined {
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (pattern.test(lines[i])) { last = i; break; }
  if (last < 0) return undefined;
  let first = last;
  while (first > 0 && pattern.test(lines[first - 1])) first--;
  const counts = new Map<string, number>();
  for (let i = first; i <= last; i++) {
    const m = pattern.exec(lines[i])!;
    if (counts.has(m[1])) return undefined; // two runs' summaries run together
    counts.set(m[1], Number(m[2]));
  }
  if (!counts.has('tests') || !counts.has('pass') || !counts.has('fail')) return undefined;
  return { span: { from: first, to: last + 1 }, counts };
}

function spec(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const summary = summaryAt(lines, SPEC_SUMMARY);
  if (!summary) return undefined;

  // The `✖ failing tests:` section after the summary repeats every failure with its location.
  const sectionAt = lines.indexOf('✖ failing tests:', summary.span.to);
  const section: Span[] = [];
  const end = npmTrailer(lines);
  if (sectionAt >= 0) {
    let start = -1;
    for (let i = sectionAt + 1; i <= end; i++) {
      const opens = i < end && (SPEC_ENTRY_LOCATION.test(lines[i]) || (lines[i].startsWith('✖ ') && !SPEC_ENTRY_LOCATION.test(lines[i - 1])));
      if (i === end || opens) {
        if (start >= 0) section.push({ from: start, to: i });
        start = i;
      }
    }
  }

  // The tree before the summary: test lines, each failure's first report, and whatever else was printed.
  let passed = 0;
  const reports: Span[] = [];
  const parents: number[] = [];
  const skips: number[] = [];
  const output: Span[] = [];
  const groups: string[] = []; // open `▶ name` groups by indentation
  let outputFrom = -1;
  const closeOutput = (at: number) => {
    if (outputFrom >= 0) output.push(trimBlank(lines, { from: outputFrom, to: at }));
    outputFrom = -1;
  };
  for (let i = 0; i < summary.span.from; i++) {
    const m = SPEC_TEST.exec(lines[i]);
    if (!m) {
      if (lines[i].trim() !== '' && outputFrom < 0) outputFrom = i;
      continue;
    }
    closeOutput(i);
    const [, indent, mark, rest] = m;
    const depth = indent.length;
    const name = rest.replace(SPEC_NAME, '');
    const closesGroup = groups[depth] === name;
    if (mark === '▶') { groups[depth] = name; continue; }
    if (closesGroup) groups[depth] = '';
    if (mark === '﹣' || DIRECTIVE.test(rest)) skips.push(i);
    else if (mark === '✔') { if (!closesGroup) passed++; }
    else {
      // A failure's report is the lines indented deeper than its `✖` line.
      let j = i + 1;
      while (j < summary.span.from && (lines[j].trim() === '' || (indentOf(lines[j]) > depth && !SPEC_TEST.test(lines[j])))) j++;
      const report = trimBlank(lines, { from: i, to: j });
      if (report.to - report.from > 1) {
        reports.push(report);
        i = report.to - 1;
      } else parents.push(i);
    }
  }
  closeOutput(summary.span.from);

  const failures: Block[] = (sectionAt >= 0 ? section : reports).map((span) => ({ ...span, drop: noiseIn(lines, span) }));
  const fail = summary.counts.get('fail') ?? 0;
  const cancelled = summary.counts.get('cancelled') ?? 0;
  // `fail` also counts tests whose subtests failed; those have no report, only a `✖` line, listed then.
  const listParents = failures.length !== fail;
  if (listParents && !(failures.length <= fail + cancelled && fail <= failures.length + parents.length)) return undefined;
  const listedSkips = skips.length <= MAX_LISTED_SKIPS ? skips : [];
  return renderTestReport(context, {
    runner: 'node:test spec',
    failures: [...output, ...failures],
    notes: lineSpans([...(listParents ? parents : []), ...listedSkips].sort((a, b) => a - b)),
    summary: [summary.span, trimBlank(lines, { from: end, to: lines.length })],
    cut: [
      plural(passed, 'passing test'),
      ...(listedSkips.length < skips.length ? [`${skips.length} skipped and todo tests`] : []),
      ...(sectionAt >= 0 && reports.length > 0 ? ['first copies of failures'] : []),
      'suite lines',
      ...(failures.some((f) => f.drop?.length) ? ['error boilerplate'] : []),
    ].join(', '),
    complete: `${allShown(failures.length)}${listParents && parents.length ? ', failing suites and parents by name' : ''}`,
    grep: '✔',
    frames: JS_FRAMES,
  });
}

function tap(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const summary = summaryAt(lines, TAP_SUMMARY);
  if (!summary || !lines.some((l) => TAP_POINT.test(l))) return undefined;

  let passed = 0;
  let failing = 0;
  const failures: Block[] = [];
  const skips: number[] = [];
  let diagnosticFrom = -1;
  const closeDiagnostics = (at: number) => {
    if (diagnosticFrom >= 0) failures.push({ from: diagnosticFrom, to: at });
    diagnosticFrom = -1;
  };
  for (let i = 0; i < summary.span.from; i++) {
    const line = lines[i];
    const point = TAP_POINT.exec(line);
    if (!point) {
      // `#` lines other than `# Subtest:` are what a test file printed to stderr (a crash, a warning).
      if (line.startsWith('#') && !TAP_STRUCTURE.test(line)) { if (diagnosticFrom < 0) diagnosticFrom = i; }
      else closeDiagnostics(i);
      continue;
    }
    closeDiagnostics(i);
    const yaml = yamlBlock(lines, i + 1, point[1].length);
    const body = lines.slice(yaml.from, yaml.to);
    const isSuite = body.some((l) => /^ +type: 'suite'$/.test(l));
    if (DIRECTIVE.test(line)) skips.push(i);
    else if (point[2] === 'ok') { if (!isSuite) passed++; }
    else {
      if (!isSuite) failing++;
      if (body.some((l) => /^ +failureType: 'subtestsFailed'$/.test(l))) failures.push({ from: i, to: i + 1 });
      else {
        // The whole YAML block except its timing and the fields every assertion failure has.
        failures.push({ from: i, to: yaml.to, drop: noiseIn(lines, yaml) });
      }
    }
    i = Math.max(i, yaml.to - 1);
  }
  closeDiagnostics(summary.span.from);

  const fail = summary.counts.get('fail') ?? 0;
  const cancelled = summary.counts.get('cancelled') ?? 0;
  if (failing < fail || failing > fail + cancelled) return undefined;
  const listedSkips = skips.length <= MAX_LISTED_SKIPS ? skips : [];
  return renderTestReport(context, {
    runner: 'node:test tap',
    failures,
    notes: lineSpans(listedSkips),
    summary: [summary.span, trimBlank(lines, { from: npmTrailer(lines), to: lines.length })],
    cut: [
      `${plural(passed, 'passing test')} with their YAML`,
      ...(listedSkips.length < skips.length ? [`${skips.length} skipped and todo tests`] : []),
      'subtest headers, timings',
      ...(failures.some((f) => f.drop?.length) ? ['error boilerplate'] : []),
    ].join(', '),
    complete: allShown(failing, 'failing test'),
    grep: '# Subtest',
    frames: JS_FRAMES,
  });
}

function noiseIn(lines: readonly string[], span: Span): number[] {
  const drop: number[] = [];
  for (let k = span.from; k < span.to; k++) if (ERROR_NOISE.test(lines[k])) drop.push(k);
  return drop;
}

/** The YAML diagnostic block (`---` … `...`) right after a TAP test point, or an empty span. */
function yamlBlock(lines: readonly string[], at: number, indent: number): Span {
  if (at >= lines.length || lines[at].trim() !== '---' || indentOf(lines[at]) < indent) return { from: at, to: at };
  const yamlIndent = indentOf(lines[at]);
  for (let j = at + 1; j < lines.length; j++) {
    if (lines[j].trim() === '...' && indentOf(lines[j]) === yamlIndent) return { from: at, to: j + 1 };
    if (lines[j].trim() !== '' && indentOf(lines[j]) < yamlIndent) return { from: at, to: j };
  }
  return { from: at, to: lines.length };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
