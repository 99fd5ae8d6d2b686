// `dotnet test` with the VSTest console logger, minimal (default) and normal verbosity. Keeps every
// `Failed <test>` block (Error Message, expected/actual, the project's `at … in file:line N` frames;
// framework frames are left out), skipped tests by name (with xUnit's reason line), build warnings
// and anything unrecognised, the per-assembly `Failed!  - Failed: …` lines and the `Total tests`
// block. Build and restore lines, the tool banner, passing tests and adapter chatter become one count.
// Declines when the failures shown are not the failures reported, or when no summary was printed.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, lineSpans, plural, renderTestReport, trimBlank, type FrameRules, type Span } from './testReport';

// `  Failed Shop.Tests.CartTests.RoundsToCents [4 ms]`, `  Passed Shop.Tests.X(n: 1) [< 1 ms]`, `  Skipped Shop.Tests.Y [1 ms]`
const RESULT = /^ {2}(Passed|Failed|Skipped) \S/;
// `Failed!  - Failed:     5, Passed:    41, Skipped:     1, Total:    47, Duration: 58 ms - Shop.Tests.dll (net8.0)`
const ASSEMBLY_SUMMARY = /^(?:Passed|Failed|Skipped|None)!? *- Failed: *(\d+), Passed: *(\d+), Skipped: *(\d+), Total: *(\d+)/;
// The normal-verbosity summary: `Test Run Failed.`, `Total tests: 47`, `     Failed: 5`, ` Total time: 0.9468 Seconds`
const RUN_SUMMARY = /^(?:Test Run (?:Failed|Successful|Aborted|Canceled)\.|Total tests: \d+| +(?:Passed|Failed|Skipped): \d+| Total time: [\d.]+ \w+)$/;
// `[xUnit.net 00:00:00.31]     Shop.Tests.SkuTests.ParsesLegacySkus [SKIP]`
const XUNIT = /^\[xUnit\.net [\d:.]+\]/;
// Build, restore and test-host banners: `  Determining projects to restore...`, `  Shop -> /p/Shop.dll`,
// `Test run for /p/Shop.Tests.dll (.NETCoreApp,Version=v8.0)`, `Starting test execution, please wait...`
const BANNER = /^(?: {2}Determining projects to restore|  All projects are up-to-date|  Restored |  \S+ -> \S|Test run for |Microsoft \(R\) |Copyright \(c\) Microsoft|VSTest version |Starting test execution|A total of \d+ test files? matched)/;
// `     at Shop.Tests.CartTests.RoundsToCents() in /p/CartTests.cs:line 27`, `   at System.RuntimeMethodHandle.InvokeMethod(…)`,
// `--- End of stack trace from previous location ---`
const FRAME = /^ +at \S|^--- End of (?:inner exception )?stack trace/;
// Frames of the runtime and the test frameworks, not the project.
const FRAMEWORK_FRAME = /^ +at (?:System|Microsoft|Xunit|NUnit|MSTest)\.|^---/;

const DOTNET_FRAMES: FrameRules = {
  isFrame: (line) => FRAME.test(line),
  isProjectFrame: (line) => !FRAMEWORK_FRAME.test(line) && / in .+:line \d+$/.test(line),
};

export const dotnetTest: Compressor = {
  id: 'dotnetTest',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'dotnet' && (command.args[0] === 'test' || command.args[0] === 'vstest'),
  sniff: (source: Source) => source.lines.some((l) => ASSEMBLY_SUMMARY.test(l) || /^Total tests: \d+$/.test(l)) && source.lines.some((l) => BANNER.test(l)),
  compress,
};

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const failures: Span[] = [];
  const skips: number[] = [];
  const summary: number[] = [];
  const other: Span[] = [];
  let passed = 0;
  let reportedFailed = 0;
  let runFailed: number | undefined;
  let summaries = 0;
  let chatter = 0;
  let otherFrom = -1;
  const closeOther = (at: number) => {
    if (otherFrom >= 0) other.push(trimBlank(lines, { from: otherFrom, to: at }));
    otherFrom = -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const result = RESULT.exec(line);
    if (result) {
      closeOther(i);
      if (result[1] === 'Passed') passed++;
      else if (result[1] === 'Skipped') skips.push(i);
      else {
        // A failed test's block runs to the next result, adapter, banner or summary line.
        let j = i + 1;
        while (j < lines.length && !RESULT.test(lines[j]) && !XUNIT.test(lines[j]) && !BANNER.test(lines[j]) && !ASSEMBLY_SUMMARY.test(lines[j]) && !RUN_SUMMARY.test(lines[j])) j++;
        failures.push(trimBlank(lines, { from: i, to: j }));
        i = j - 1;
      }
      continue;
    }
    const assembly = ASSEMBLY_SUMMARY.exec(line);
    if (assembly) {
      closeOther(i);
      summaries++;
      reportedFailed += Number(assembly[1]);
      summary.push(i);
      continue;
    }
    if (RUN_SUMMARY.test(line)) {
      closeOther(i);
      summaries++;
      summary.push(i);
      const failed = /^ +Failed: (\d+)$/.exec(line);
      if (failed) runFailed = Number(failed[1]);
      continue;
    }
    if (XUNIT.test(line)) {
      closeOther(i);
      // xUnit's skip line and its reason stay; its other messages repeat what the result lines say.
      if (/ \[SKIP\]$/.test(line)) {
        skips.push(i);
        if (XUNIT.test(lines[i + 1] ?? '') && !/ \[(?:SKIP|FAIL|PASS)\]$|\] {2,3}\S/.test(lines[i + 1])) skips.push(++i);
      } else chatter++;
      continue;
    }
    if (BANNER.test(line) || line.trim() === '') { closeOther(i); continue; }
    if (otherFrom < 0) otherFrom = i;
  }
  closeOther(lines.length);

  if (summaries === 0) return undefined;
  const reported = runFailed ?? reportedFailed;
  if (reported !== failures.length) return undefined;

  const listedSkips = skips.length <= 20 ? [...skips].sort((a, b) => a - b) : [];
  return renderTestReport(context, {
    runner: 'dotnet test',
    failures: [...failures, ...other],
    notes: lineSpans(listedSkips),
    summary: lineSpans(summary),
    cut: [
      'build and test-host banners',
      ...(passed > 0 ? [plural(passed, 'passing test')] : []),
      ...(listedSkips.length < skips.length ? [`${skips.length} skip lines`] : []),
      ...(chatter > 0 ? [plural(chatter, 'xUnit adapter line')] : []),
    ].join(', '),
    complete: allShown(failures.length),
    grep: passed > 0 ? '  Passed ' : undefined,
    frames: DOTNET_FRAMES,
  });
}
