// javac's diagnostics: `File.java:18: error: message`, the source line, a caret, and detail lines
// (`symbol:`, `location:`, `where T is a type-variable:`), then "3 errors" / "20 warnings". Every
// error stays whole; -Xlint warnings are grouped by their [category]. Gradle prints the same lines
// and reuses `scanJavac`.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, messageTemplate, renderDiagnostics, type Scan } from './diagnostics';

// src/main/java/com/example/inventory/Store.java:18: error: incompatible types: Object cannot be converted to Item
// :compileJava/tmp/p/src/Store.java:6: warning: [rawtypes] found raw type: Map   (Gradle 4 glues the task name on)
const HEAD = /^(?::[\w-]+(?=\/))?[^\s:][^:\n]*\.java:\d+: (error|warning): (.*)$/;
// error: invalid flag: -Xfoo   warning: [options] bootstrap class path not set in conjunction with -source 8
const GLOBAL_HEAD = /^(error|warning): (.*)$/;
// 3 errors   20 warnings   1 error
const COUNT = /^(\d+) (errors?|warnings?)$/;
// Note: Some input files use unchecked or unsafe operations.
const NOTE = /^Note: /;
// [rawtypes] at the start of a warning's message
const CATEGORY = /^\[([\w-]+)\]/;

export const javac: Compressor = {
  id: 'javac',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'javac';
  },
  sniff(source: Source): boolean {
    return source.lines.slice(-4).some((line) => COUNT.test(line)) && source.lines.slice(0, 30).some((line) => HEAD.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const scan = scanJavac(context.source.lines);
    return scan ? renderDiagnostics(context, scan) : undefined;
  },
};

/** javac's diagnostics and counts in `lines`; `stop` ends a block early (Gradle's own lines). */
export function scanJavac(lines: readonly string[], stop?: (line: string) => boolean): Scan | undefined {
  const diagnostics: Diagnostic[] = [];
  let errors: number | undefined;
  let warnings: number | undefined;
  let summaryAt: number | undefined;
  const ends = (line: string) => HEAD.test(line) || GLOBAL_HEAD.test(line) || COUNT.test(line) || NOTE.test(line) || (stop?.(line) ?? false);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const count = COUNT.exec(line);
    if (count) {
      summaryAt ??= i;
      if (count[2].startsWith('error')) errors = (errors ?? 0) + Number(count[1]);
      else warnings = (warnings ?? 0) + Number(count[1]);
      continue;
    }
    const head = HEAD.exec(line) ?? GLOBAL_HEAD.exec(line);
    if (!head) continue;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '' && !ends(lines[end])) end++;
    const [, severity, message] = head;
    diagnostics.push({
      from: i, to: end, head: i,
      severity: severity === 'error' ? 'error' : 'warning',
      rule: CATEGORY.exec(message)?.[0] ?? messageTemplate(message),
    });
    i = end - 1;
  }
  if (diagnostics.length === 0) return undefined;
  // javac counts what it printed; with -Xmaxerrs/-Xmaxwarns it says so and the counts differ (keep all).
  return { diagnostics, summaryAt, reported: { errors: errors ?? 0, warnings: warnings ?? 0 } };
}
