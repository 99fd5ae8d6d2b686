// Finds stack traces in log lines so they can be kept whole: JavaScript, Python, Java/Kotlin,
// Go, Rust and .NET. A trace starts at a crash line (`Traceback (most recent call last):`,
// `panic:`, `thread 'main' panicked at`, `Exception in thread`) or at the exception line just above
// its first frame, and runs through frames, chained causes and the final exception line.

export interface StackTrace {
  /** Line range [from, to) of the trace. */
  readonly from: number;
  readonly to: number;
  /** The frames with volatile addresses masked: equal signatures are the same trace (messages may differ). */
  readonly signature: string;
}

/** True for a trace line that is a frame (indented) rather than a message, a header or a separator. */
export function isFrameLine(line: string): boolean {
  return /^\s+\S/.test(line);
}

function signatureOf(lines: readonly string[], from: number, to: number): string {
  const frames: string[] = [];
  for (let i = from; i < to; i++) if (isFrameLine(lines[i]) || START.test(lines[i]) || CHAIN.test(lines[i]) || /^goroutine /.test(lines[i])) frames.push(lines[i]);
  return frames.join('\n').replace(VOLATILE, '#');
}

// Frame lines, one per flavour:
//   `    at renderChart (/tmp/report-builder/build.js:16:46)`       JavaScript, Java, .NET, Rust (`at ./src/main.rs:65:25`)
//   `  File "/tmp/invoice-worker/worker.py", line 42, in process`  Python
//   `\t/tmp/shipping-quotes/main.go:27 +0x158`                      Go
//   `   5: thumbnailer::main`                                       Rust backtrace
//   `\t... 2 more`, `Caused by: java.net.SocketTimeoutException: …`, `\tSuppressed: …`   Java
//   `   --- End of inner exception stack trace ---`, ` ---> System.IO.IOException: …`   .NET
//   `goroutine 1 [running]:`, `created by main.start in goroutine 1`                  Go
const FRAME = /^\s+at \S|^\s+File "[^"]*", line \d+|^\t\S[^\s]*\.go:\d+|^\s+\d+: \S|^\s*\.\.\. \d+ (?:more|common frames omitted)|^\s*Caused by: |^\s+Suppressed: |^\s*--- End of |^\s*---> |^goroutine \d+ \[|^created by /;
// Lines that start a trace on their own.
const START = /^(?:Traceback \(most recent call last\):|panic: |fatal error: |Exception in thread |Unhandled exception\. |thread '[^']*'(?: \(\d+\))? panicked at |stack backtrace:)/;
// Lines between chained Python tracebacks.
const CHAIN = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;
// An exception or error summary line: `KeyError: 'GB'`, `java.lang.IllegalStateException: overdraft …`, `TypeError: Cannot read …`
const EXCEPTION_LINE = /^[\w$.]*(?:Error|Exception|Exit|Interrupt|Warning|Throwable)\b[^\n]{0,2000}$|^[\w$.]+: /;
// The start of a Go frame's function line: `main.quote({0x4a4908, 0x3}, 0x2, 0x3e8)`, `main.(*Server).handle(...)`
const GO_FUNCTION = /^[\w.\/-]{1,200}(?:\(\*?\w{1,100}\)[\w.-]{0,200})?\(/;
// Volatile parts of frames: `+0x158`, `0xc000010000`, `(13851)` thread ids.
const VOLATILE = /0x[0-9a-f]+|\(\d+\)/g;

/** Lines a trace may keep past its frames: `exit status 2`, Rust's `note: … backtrace`, Node's `Node.js v20.20.2`. */
const TRAILER = /^(?:exit status \d+|note: .{0,200}backtrace|Node\.js v\d+)/;
/** A trace is never longer than this (a runaway would otherwise swallow a log). */
const MAX_TRACE_LINES = 2000;
/** Lines above the first frame (and not log lines) that belong to it: Node prints the source line and a caret. */
const MAX_HEADER_LINES = 5;

/**
 * Traces in `lines`, in order, not overlapping. `isLogLine(i)` tells lines that start a new log
 * record (timestamped), which end a trace and are never part of its header.
 */
export function findStackTraces(lines: readonly string[], isLogLine: (index: number) => boolean): StackTrace[] {
  const traces: StackTrace[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const starts = START.test(line);
    if (!starts && !(FRAME.test(line) && !isLogLine(i))) {
      i++;
      continue;
    }
    let from = i;
    if (!starts) {
      // The exception line (and Node's source excerpt) just above the first frame.
      const floor = traces.length > 0 ? traces[traces.length - 1].to : 0;
      while (from > floor && i - from < MAX_HEADER_LINES && !isLogLine(from - 1) && !(lines[from - 1].trim() === '' && from - 1 > 0 && isLogLine(from - 2))) from--;
      if (from < i && lines[from].trim() === '') from++;
    }
    let to = i + 1;
    while (to < lines.length && to - from < MAX_TRACE_LINES && continues(lines, to, isLogLine)) to++;
    while (to > i + 1 && lines[to - 1].trim() === '') to--;
    traces.push({ from, to, signature: signatureOf(lines, from, to) });
    i = to;
  }
  return traces;
}

function continues(lines: readonly string[], index: number, isLogLine: (index: number) => boolean): boolean {
  const line = lines[index];
  if (isLogLine(index)) return false;
  if (FRAME.test(line) || CHAIN.test(line) || START.test(line)) return true;
  const previous = lines[index - 1];
  if (line.trim() === '') {
    // A blank line inside a trace: Python's chained tracebacks, Go's goroutine list, Rust's panic note.
    const next = lines[index + 1] ?? '';
    return CHAIN.test(next) || START.test(next) || /^goroutine \d+ \[/.test(next) || CHAIN.test(previous) || /^panic: |^fatal error: /.test(previous) || TRAILER.test(next);
  }
  if (/^\s/.test(line)) return true; // indented: source lines and carets under Python frames, Rust `at` lines
  if (TRAILER.test(line)) return true;
  // Go: a function line follows the goroutine header or a file line.
  if (GO_FUNCTION.test(line) && line.endsWith(')') && (/^goroutine \d+ \[/.test(previous) || /^\t\S/.test(previous) || previous.trim() === '')) return true;
  // The exception summary after the frames (Python), or the message after Rust's `panicked at`.
  if (/^thread '[^']*'(?: \(\d+\))? panicked at /.test(previous)) return true;
  return EXCEPTION_LINE.test(line) && /^\s/.test(previous);
}
