// Logs (application and server logs, journalctl, docker/kubectl logs, JSON lines): level-aware.
// Kept whole: every ERROR/FATAL line with a window of context (a template repeating more than
// MAX_SAME_ERRORS times keeps its first and last occurrences), every distinct stack trace
// (JavaScript, Python, Java, Go, Rust, .NET; a repeat of an error's trace keeps its messages and
// points at the first copy for the frames), the first occurrence of each shape of warning, and the
// first and last lines. Everything else is mined into templates ("request completed <*> in <*>ms":
// count, level, time range) listed at the top, and each cut range is marked with its level counts and time span. JSON lines are
// shown as `time LEVEL message {other fields}` with the fields every line shares written once.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from './types';
import { DraftBuilder } from './shared/draft';
import { analyseLog, type Analysis } from './log/analyseLog';
import type { Template } from './log/mineTemplates';
import { LEVEL_RANK, parseLogLine, type Level } from './log/parseLogLine';
import { writeLine, writeRepeatedTrace } from './log/writeLines';
import { cutDetail, timeSpan, writeSummary } from './log/writeSummary';

/** Shorter texts are left to the generic compressor. */
const MIN_LINES = 20;
const HEAD_LINES = 5;
const TAIL_LINES = 5;
const CONTEXT_BEFORE = 2;
const CONTEXT_AFTER = 1;
/** An error template seen more often than this keeps its first FIRST_SAME_ERRORS and its last occurrence. */
const MAX_SAME_ERRORS = 10;
const FIRST_SAME_ERRORS = 4;
/** Lines kept for the query, at most (the first ones). */
const MAX_ASKED = 40;
/** Kept runs of at least this many lines of one template show only their first and last line. */
const MIN_BURST = 4;
/** Under a budget the windows, head, tail and template list shrink by these factors in turn. */
const SCALES = [1, 0.6, 0.35, 0.2, 0.1];
// A grep/rg hit (`app.log:12:…`, `src/a.ts-13-…`): search output, even when the lines it shows are log lines.
const SEARCH_HIT = /^[^\s:]{1,300}[:-]\d{1,9}[:-]/;
// `2026-11-22T14:03:17.019Z …`, `[2026-11-22 14:02:21,114] …`, `2026/11/22 14:02:47 …`
const LEADING_TIMESTAMP = /^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}/;
/** Lines sampled by `sniff`. */
const SNIFF_LINES = 80;

export const log: Compressor = {
  id: 'log',
  type: 'log',
  matches(command: ParsedCommand): boolean {
    const [first, second] = command.args;
    switch (command.program) {
      case 'journalctl':
      case 'stern':
        return true;
      case 'docker':
      case 'podman':
      case 'nerdctl':
        return first === 'logs' || ((first === 'compose' || first === 'container' || first === 'service') && second === 'logs');
      case 'docker-compose':
      case 'kubectl':
      case 'oc':
      case 'heroku':
        return first === 'logs';
      case 'tail':
        return command.args.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow' || isLogFile(a));
      case 'cat':
      case 'less':
      case 'head':
      case 'zcat':
        return command.args.some(isLogFile);
      default:
        return false;
    }
  },
  handlesFile(fileName: string, language?: string): boolean {
    return language === 'log' || isLogFile(fileName);
  },
  sniff(source: Source): boolean {
    let counted = 0;
    let stamped = 0;
    let leveled = 0;
    for (const line of source.lines) {
      if (counted >= SNIFF_LINES) break;
      if (line.trim() === '' || /^\s/.test(line)) continue;
      counted++;
      // A line that starts with a timestamp is a log line; otherwise a `path:line:` prefix makes it a search hit.
      if (!LEADING_TIMESTAMP.test(line) && SEARCH_HIT.test(line)) continue;
      const parsed = parseLogLine(line);
      if (parsed.time !== undefined || parsed.json) stamped++;
      if (parsed.level) leveled++;
    }
    return (stamped >= 5 && stamped >= counted * 0.6) || (leveled >= 5 && leveled >= counted * 0.8);
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (lines.length < MIN_LINES) return undefined;
    const analysis = analyseLog(lines, context.options.query);
    if (!analysis) return undefined;
    const budget = context.options.budget;
    let draft = render(context, analysis, SCALES[0]);
    for (const scale of SCALES.slice(1)) {
      if (budget === undefined || context.engines.tokens.count(draft.text) <= budget) break;
      draft = render(context, analysis, scale);
    }
    return draft;
  },
};

function isLogFile(name: string): boolean {
  return /\.(?:log|jsonl|ndjson)(?:\.\d+)?$/i.test(name);
}

function render(context: CompressContext, a: Analysis, scale: number): Draft {
  const { lines, parsed } = a;
  const n = lines.length;
  const keep = new Uint8Array(n);
  const window = (i: number, before: number, after: number) => {
    for (let k = Math.max(0, i - before); k <= Math.min(n - 1, i + after); k++) keep[k] = 1;
  };
  const before = Math.round(CONTEXT_BEFORE * scale);
  const after = Math.round(CONTEXT_AFTER * scale);

  // First and last lines.
  const head = Math.ceil(HEAD_LINES * scale);
  const tail = Math.ceil(TAIL_LINES * scale);
  const nonBlank = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i]));
  for (const i of [...nonBlank.slice(0, head), ...nonBlank.slice(Math.max(0, nonBlank.length - tail))]) keep[i] = 1;

  // Errors with context; a template repeating many times keeps its first and last occurrences.
  const seen = new Map<Template, number>();
  const errorCount = new Map<Template, number>();
  for (let i = 0; i < n; i++) {
    const template = a.templateOf.get(i);
    if (template && isError(parsed[i].level)) errorCount.set(template, (errorCount.get(template) ?? 0) + 1);
  }
  for (let i = 0; i < n; i++) {
    if (a.traceAt[i] >= 0 || !isError(parsed[i].level)) continue;
    const template = a.templateOf.get(i);
    const k = template ? (seen.get(template) ?? 0) : 0;
    if (template) seen.set(template, k + 1);
    const count = template ? errorCount.get(template)! : 1;
    if (count <= MAX_SAME_ERRORS || k < Math.max(1, Math.round(FIRST_SAME_ERRORS * scale)) || k === count - 1) window(i, before, after);
  }

  // Stack traces whole, with the line that logged them and what follows. A repeat stays only when
  // the line that logged it is kept (an error), and then shows its messages, not its frames again.
  a.traces.forEach((trace, t) => {
    const logger = trace.from - 1;
    if (a.firstCopy.has(t) && logger >= 0 && (a.parsed[logger].time !== undefined || a.parsed[logger].json) && !keep[logger]) return;
    for (let i = trace.from; i < trace.to; i++) keep[i] = 1;
    let owner = trace.from - 1;
    while (owner > 0 && lines[owner].trim() === '') owner--;
    if (owner >= 0) window(owner, 0, trace.from - owner);
    window(trace.to - 1, 0, after);
  });

  // Lines about what the reader asked, with context.
  for (const i of a.asked.slice(0, Math.max(1, Math.round(MAX_ASKED * scale)))) window(i, before, after);

  // The first line of each shape of warning.
  const warned = new Set<string>();
  for (let i = 0; i < n; i++) {
    const shape = a.shapeOf.get(i);
    if (parsed[i].level !== 'warn' || shape === undefined || warned.has(shape)) continue;
    warned.add(shape);
    keep[i] = 1;
  }

  const builder = new DraftBuilder(context.source);
  const stacks = new Map<string, number>();
  writeSummary(builder, a, keep, scale);
  let cutFrom = -1;
  const flushCut = (to: number) => {
    if (cutFrom < 0) return;
    builder.omit(cutFrom, to, { detail: cutDetail(a, cutFrom, to) });
    cutFrom = -1;
  };
  for (let i = 0; i < n; i++) {
    if (!keep[i]) {
      if (cutFrom < 0) cutFrom = i;
      continue;
    }
    flushCut(i);
    const t = a.traceAt[i];
    if (t >= 0 && a.firstCopy.has(t) && i === a.traces[t].from) {
      i = writeRepeatedTrace(builder, a, t, stacks) - 1;
      continue;
    }
    // A burst: a kept run of lines of one template shows its first and last line.
    const template = a.templateOf.get(i);
    let j = i + 1;
    while (template && j < n && keep[j] && a.templateOf.get(j) === template) j++;
    if (template && j - i >= MIN_BURST) {
      writeLine(builder, a, i, stacks);
      builder.omit(i + 1, j - 1, { verb: 'collapsed', detail: `the same kind of line${timeSpan(a, i + 1, j - 1)}` });
      writeLine(builder, a, j - 1, stacks);
      i = j - 1;
      continue;
    }
    writeLine(builder, a, i, stacks);
  }
  flushCut(n);
  builder.note('log', `${a.templates.length} kinds of lines, ${a.traces.length} stack traces; kept errors with ${before}+${after} lines of context, traces, first warnings, first ${head} and last ${tail} lines`);
  return builder.build();
}

function isError(level: Level | undefined): boolean {
  return level !== undefined && LEVEL_RANK[level] >= LEVEL_RANK.error;
}

