// ESLint's stylish (default) and compact formats. Every error stays with its file, line, column and
// message; warnings are grouped by rule (the first few of each kept); the problem count stays.
// `eslint -f json` is JSON and belongs to the JSON compressor; other formatters are not claimed.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, renderDiagnostics } from './diagnostics';

// "   6:33  warning  Unexpected any. Specify a different type  @typescript-eslint/no-explicit-any"
const STYLISH_ENTRY = /^ +\d+:\d+ +(error|warning) +\S/;
// "✖ 91 problems (5 errors, 86 warnings)"
const STYLISH_SUMMARY = /^✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/;
// "/tmp/p/src/a.ts: line 6, col 33, Warning - Unexpected any. (@typescript-eslint/no-explicit-any)"
const COMPACT_ENTRY = /: line \d+, col \d+, (Error|Warning) - /;
// "91 problems"
const COMPACT_SUMMARY = /^(\d+) problems?$/;
// "(@typescript-eslint/no-explicit-any)" at the end of a compact entry
const COMPACT_RULE = /\(([^()\s]+)\)$/;

// "no-console", "@typescript-eslint/no-explicit-any", "react-hooks/exhaustive-deps"
const RULE_ID = /^[@\w][\w@/.-]*$/;

const FORMAT_FLAGS = new Set(['-f', '--format']);

export const eslint: Compressor = {
  id: 'eslint',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'eslint') return false;
    const format = formatOf(command.args);
    return format === undefined || format === 'stylish' || format === 'compact' || format.endsWith('eslint-formatter-compact');
  },
  sniff(source: Source): boolean {
    const tail = source.lines.slice(-6);
    const head = source.lines.slice(0, 50);
    if (tail.some((line) => STYLISH_SUMMARY.test(line)) && head.some((line) => STYLISH_ENTRY.test(line))) return true;
    return tail.some((line) => COMPACT_SUMMARY.test(line)) && head.filter((line) => COMPACT_ENTRY.test(line)).length >= 3;
  },
  compress(context: CompressContext): Draft | undefined {
    return compressStylish(context) ?? compressCompact(context);
  },
};

function formatOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (FORMAT_FLAGS.has(args[i])) return args[i + 1];
    if (args[i].startsWith('--format=')) return args[i].slice('--format='.length);
    if (args[i].startsWith('-f') && args[i].length > 2 && !args[i].startsWith('--')) return args[i].slice(2);
  }
  return undefined;
}

function compressStylish(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const diagnostics: Diagnostic[] = [];
  const headers: { line: number; end: number }[] = [];
  let reported: { errors: number; warnings: number; problems: number } | undefined;
  let summaryAt: number | undefined;
  let header: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const entry = STYLISH_ENTRY.exec(line);
    if (entry) {
      diagnostics.push({ from: i, to: i + 1, head: i, severity: entry[1] === 'error' ? 'error' : 'warning', rule: stylishRule(line) });
      continue;
    }
    const summary = STYLISH_SUMMARY.exec(line);
    if (summary) {
      summaryAt ??= i;
      reported = { problems: Number(summary[1]), errors: Number(summary[2]), warnings: Number(summary[3]) };
      continue;
    }
    if (line.trim() === '') {
      if (header !== undefined) headers.push({ line: header, end: i });
      header = undefined;
    } else if (!line.startsWith(' ') && STYLISH_ENTRY.test(lines[i + 1] ?? '')) header = i;
  }
  if (header !== undefined) headers.push({ line: header, end: lines.length });
  if (diagnostics.length === 0) return undefined;
  return renderDiagnostics(context, { diagnostics, headers, summaryAt, reported });
}

/** The rule id is the last column, set off by at least two spaces; parse errors have none. */
function stylishRule(line: string): string {
  const text = line.trimEnd();
  const gap = text.lastIndexOf('  ');
  const last = text.slice(gap + 2);
  return gap > 0 && RULE_ID.test(last) && last !== 'error' && last !== 'warning' ? last : '(no rule)';
}

function compressCompact(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const diagnostics: Diagnostic[] = [];
  let problems: number | undefined;
  let summaryAt: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const entry = COMPACT_ENTRY.exec(line);
    if (entry && !line.startsWith(' ')) {
      diagnostics.push({ from: i, to: i + 1, head: i, severity: entry[1] === 'Error' ? 'error' : 'warning', rule: COMPACT_RULE.exec(line)?.[1] ?? '(no rule)' });
      continue;
    }
    const summary = COMPACT_SUMMARY.exec(line);
    if (summary) {
      summaryAt ??= i;
      problems = Number(summary[1]);
    }
  }
  if (diagnostics.length === 0) return undefined;
  // Compact prints only the total: errors and warnings must add up to it.
  return renderDiagnostics(context, { diagnostics, summaryAt, reported: problems === undefined ? undefined : { problems } });
}
