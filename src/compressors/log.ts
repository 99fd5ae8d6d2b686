// Logs (application and server logs, journalctl, docker/kubectl logs, JSON lines): level-aware.
// Kept whole: every ERROR/FATAL line with a window of context (a template repeating more than
// MAX_SAME_ERRORS times keeps its first and last occurrences), every distinct stack trace
// (JavaScript, Python, Java, Go, Rust, .NET; a repeat of an error's trace keeps its messages and
// points at the first copy for the frames), the first occurrence of each shape of warning, and the
// first and last lines. Everything
// else is mined into templates ("request completed <*> in <*>ms": count, level, time range) listed
// at the top, and each cut range is marked with its level counts and time span. JSON lines are
// shown as `time LEVEL message {other fields}` with the fields every line shares written once.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from './types';
import { DraftBuilder } from './shared/draft';
import { JsonObject, type JsonValue } from './json/parseJson';
import { flow } from './json/textForms';
import { findStackTraces, isFrameLine, type StackTrace } from './log/findStackTraces';
import { mineTemplates, type Template } from './log/mineTemplates';
import { LEVEL_RANK, LEVELS, parseLogLine, type Level, type LogLine } from './log/parseLogLine';
import { stemmed } from './json/rankItems';

/** Shorter texts are left to the generic compressor. */
const MIN_LINES = 20;
const HEAD_LINES = 5;
const TAIL_LINES = 5;
const CONTEXT_BEFORE = 2;
const CONTEXT_AFTER = 1;
/** An error template seen more often than this keeps its first FIRST_SAME_ERRORS and its last occurrence. */
const MAX_SAME_ERRORS = 10;
const FIRST_SAME_ERRORS = 4;
/** Kinds of cut lines listed at the top. */
const MAX_TEMPLATES = 12;
/** Kept runs of at least this many lines of one template show only their first and last line. */
const MIN_BURST = 4;
/** Under a budget the windows, head, tail and template list shrink by these factors in turn. */
const SCALES = [1, 0.6, 0.35, 0.2, 0.1];
/** A query word found on more than this share of lines is too common to point at anything. */
const RARE_QUERY_SHARE = 0.03;
/** Lines kept for the query, at most (the first ones). */
const MAX_ASKED = 40;
/** Level words as logs write them, to avoid printing a template's level twice. */
const LEVEL_NAMES_UPPER = new Set(['TRACE', 'DEBUG', 'FINE', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'SEVERE', 'CRITICAL', 'FATAL', 'PANIC']);
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
    const analysis = analyse(lines, context.options.query);
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

interface Analysis {
  readonly lines: readonly string[];
  readonly parsed: readonly LogLine[];
  readonly traces: readonly StackTrace[];
  /** The trace each line belongs to, or -1. */
  readonly traceAt: Int32Array;
  /** For a repeated trace, the index of its first copy. */
  readonly firstCopy: ReadonlyMap<number, number>;
  readonly templates: readonly Template[];
  readonly templateOf: ReadonlyMap<number, Template>;
  readonly shapeOf: ReadonlyMap<number, string>;
  /** Lines holding a word of the query that few lines hold. */
  readonly asked: readonly number[];
  /** Fields every JSON line has with the same value, written once. */
  readonly shared: readonly (readonly [string, string])[];
  readonly sharedKeys: ReadonlySet<string>;
}

function analyse(lines: readonly string[], query: string | undefined): Analysis | undefined {
  const parsed = lines.map(parseLogLine);
  const isLogLine = (i: number) => parsed[i].time !== undefined || parsed[i].json !== undefined;
  const traces = findStackTraces(lines, isLogLine);
  if (!parsed.some((p) => p.time !== undefined || p.json || p.level) && traces.length === 0) return undefined;
  const traceAt = new Int32Array(lines.length).fill(-1);
  const firstCopy = new Map<number, number>();
  const bySignature = new Map<string, number>();
  traces.forEach((trace, t) => {
    for (let i = trace.from; i < trace.to; i++) traceAt[i] = t;
    const first = bySignature.get(trace.signature);
    if (first === undefined) bySignature.set(trace.signature, t);
    else if (trace.to - trace.from > 2) firstCopy.set(t, first);
  });
  const { shared, sharedKeys } = sharedJsonFields(parsed);
  // A JSON line's kind is its message and the names of its other fields (values vary).
  const bodyOf = (p: LogLine) => (p.json ? `${p.json.message ?? ''} {${p.json.object.entries.filter(([k]) => !p.json!.known.has(k) && !sharedKeys.has(k)).map(([k]) => k).join(', ')}}` : p.body);
  const mined = mineTemplates(parsed.flatMap((p, index) => (traceAt[index] < 0 && lines[index].trim() !== '' ? [{ index, level: p.level, body: bodyOf(p) }] : [])));
  return { lines, parsed, traces, traceAt, firstCopy, templates: mined.templates, templateOf: mined.templateOf, shapeOf: mined.shapeOf, asked: askedLines(lines, query), shared, sharedKeys };
}

/**
 * Lines holding a word of the query (stemmed) that at most RARE_QUERY_SHARE of the lines hold:
 * "order 1113" finds the lines about order 1113, not every line with "order".
 */
function askedLines(lines: readonly string[], query: string | undefined): number[] {
  const wanted = new Set(query ? stemmed(query).split(' ').filter((w) => w !== '') : []);
  if (wanted.size === 0) return [];
  const hits = new Map<string, number[]>();
  lines.forEach((line, i) => {
    for (const w of new Set(stemmed(line.slice(0, 2000)).split(' '))) if (wanted.has(w)) (hits.get(w) ?? hits.set(w, []).get(w)!).push(i);
  });
  const limit = Math.max(3, lines.length * RARE_QUERY_SHARE);
  const found = new Set<number>();
  for (const indices of hits.values()) if (indices.length <= limit) for (const i of indices) found.add(i);
  return [...found].sort((x, y) => x - y);
}

/** Fields (other than time, level and message) that every JSON line has with the same value: `pid`, `hostname`. */
function sharedJsonFields(parsed: readonly LogLine[]): { shared: [string, string][]; sharedKeys: Set<string> } {
  const jsonLines = parsed.filter((p) => p.json);
  const shared: [string, string][] = [];
  if (jsonLines.length < 2) return { shared, sharedKeys: new Set() };
  for (const [key, value] of jsonLines[0].json!.object.entries) {
    if (jsonLines[0].json!.known.has(key)) continue;
    const text = flow(value, 200);
    if (text.length > 200) continue;
    if (jsonLines.every((p) => p.json!.object.entries.some(([k, v]) => k === key && flow(v, 200) === text))) shared.push([key, text]);
  }
  return { shared, sharedKeys: new Set(shared.map(([k]) => k)) };
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
  writeHeader(builder, a, keep, scale);
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

/** A trace whose frames were shown before: its messages, with each run of frames pointing at the first copy. Returns its end. */
function writeRepeatedTrace(builder: DraftBuilder, a: Analysis, t: number, stacks: Map<string, number>): number {
  const trace = a.traces[t];
  const first = a.traces[a.firstCopy.get(t)!];
  const detail = `the same frames as the stack trace at L${builder.lineNumber(first.from)}-${builder.lineNumber(first.to - 1)}`;
  let i = trace.from;
  while (i < trace.to) {
    if (!isFrameLine(a.lines[i])) {
      writeLine(builder, a, i++, stacks);
      continue;
    }
    let j = i;
    while (j < trace.to && isFrameLine(a.lines[j])) j++;
    builder.omit(i, j, { verb: 'collapsed', detail });
    i = j;
  }
  return trace.to;
}

function isError(level: Level | undefined): boolean {
  return level !== undefined && LEVEL_RANK[level] >= LEVEL_RANK.error;
}

function writeLine(builder: DraftBuilder, a: Analysis, i: number, shownStacks: Map<string, number> = new Map()): void {
  const line = a.parsed[i];
  if (!line.json) return void builder.keep(i);
  const json = line.json;
  const parts: string[] = [];
  if (line.time) parts.push(line.time);
  if (line.level) parts.push(line.level.toUpperCase());
  if (json.message !== undefined) parts.push(json.message.includes('\n') || json.message === '' ? JSON.stringify(json.message) : json.message);
  const rest = json.object.entries
    .filter(([k]) => !json.known.has(k) && !a.sharedKeys.has(k))
    .map(([k, v]): [string, JsonValue | undefined] => [k, json.stack !== undefined ? withoutStack(v, json.stack) : v])
    .filter((entry): entry is [string, JsonValue] => entry[1] !== undefined);
  if (rest.length > 0) parts.push(flow(new JsonObject(rest)));
  builder.write(parts.join(' '));
  if (json.stack === undefined) return;
  const stack = json.stack.split('\n');
  // A stack already shown: its first line (the message), and the frames as a pointer to the first copy.
  const signature = stack.slice(1).join('\n');
  const first = shownStacks.get(signature);
  if (first === undefined || stack.length < 3) {
    shownStacks.set(signature, i);
    for (const l of stack) builder.write(`    ${l}`);
    return;
  }
  const number = builder.lineNumber(i);
  builder.write(`    ${stack[0]}`);
  builder.write(`    ${builder.marker({ verb: 'elided', count: stack.length - 1, unit: 'frames', lines: [number, number], detail: `the same frames as the stack under L${builder.lineNumber(first)}` })}`);
}

/** A field with the stack trace taken out (it is written below the line, whole). */
function withoutStack(value: JsonValue, stack: string): JsonValue | undefined {
  if (value === stack) return undefined;
  if (value instanceof JsonObject && value.entries.some(([, v]) => v === stack)) return new JsonObject(value.entries.filter(([, v]) => v !== stack));
  return value;
}

function writeHeader(builder: DraftBuilder, a: Analysis, keep: Uint8Array, scale: number): void {
  const { parsed, lines } = a;
  const counts = new Map<Level, number>();
  let first: string | undefined;
  let last: string | undefined;
  parsed.forEach((p, i) => {
    if (a.traceAt[i] >= 0) return;
    if (p.level) counts.set(p.level, (counts.get(p.level) ?? 0) + 1);
    if (p.time) {
      first ??= p.time;
      last = p.time;
    }
  });
  const levels = LEVELS.filter((l) => counts.has(l)).map((l) => `${counts.get(l)} ${l}`);
  const distinct = new Set(a.traces.map((t) => t.signature)).size;
  const traces = a.traces.length === 0 ? '' : `; ${a.traces.length} stack trace${a.traces.length === 1 ? '' : 's'} (${distinct} distinct, shown whole)`;
  const span = first && last ? `, ${shortRange(first, last)}` : '';
  builder.write(`log: ${lines.length} lines${span}${levels.length ? `; ${levels.join(', ')}` : ''}${traces}`);
  if (parsed.some((p) => p.json)) {
    const shared = a.shared.length ? `; every JSON line also has {${a.shared.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '';
    builder.write(`JSON lines shown as: time LEVEL message {other fields}, a stack below its line${shared}`);
  }

  // The kinds of lines that were cut, most frequent first.
  const cut = new Map<Template, number>();
  for (let i = 0; i < lines.length; i++) {
    const template = a.templateOf.get(i);
    if (template && !keep[i]) cut.set(template, (cut.get(template) ?? 0) + 1);
  }
  const ranked = [...cut.keys()].sort((x, y) => y.lines.length - x.lines.length || x.lines[0] - y.lines[0]);
  const limit = Math.max(1, Math.ceil(MAX_TEMPLATES * scale));
  if (ranked.length === 0) return;
  builder.write('kinds of lines (<*> = varies; count, level, text, time span, first line):');
  for (const template of ranked.slice(0, limit)) {
    // The level, unless the template starts with it already (`WARNING [invoice.worker] …`).
    const named = template.tokens.slice(0, 3).some((w) => LEVEL_NAMES_UPPER.has(w.replace(/[[\]:]/g, '')));
    const level = named ? '' : `${template.level ? template.level.toUpperCase() : '-'} `;
    builder.write(`  ${template.lines.length}× ${level}${template.tokens.join(' ')}${timeSpan(a, template.lines[0], template.lines[template.lines.length - 1])} · L${builder.lineNumber(template.lines[0])}`);
  }
  const rest = ranked.slice(limit);
  if (rest.length > 0) builder.write(`  …and ${rest.length} more kinds (${rest.reduce((s, t) => s + t.lines.length, 0)} lines)`);
}

/** ` · 14:02:05.179 – 14:02:13.144` for the lines at `from` and `to`, when both have a time. */
function timeSpan(a: Analysis, from: number, to: number): string {
  const first = a.parsed[from].time;
  const last = a.parsed[to].time;
  if (!first || !last) return '';
  return ` · ${shortRange(first, last, true)}`;
}

// The date part of a timestamp: `2026-11-22T`, `2026/11/22 `.
const DATE_PART = /^\d{4}[-/]\d{2}[-/]\d{2}[T ]/;

/** `2026-11-22 14:02:21,114 – 14:02:22,258`: the end drops the date it shares with the start; `short` drops it from both. */
function shortRange(first: string, last: string, short = false): string {
  if (short) {
    const a = DATE_PART.exec(first);
    const b = DATE_PART.exec(last);
    if (a && b && a[0] === b[0]) return shortRange(first.slice(a[0].length), last.slice(b[0].length));
  }
  if (first === last) return first;
  let cut = 0;
  for (let i = 0; i < Math.min(first.length, last.length) && first[i] === last[i]; i++) if (first[i] === ' ' || first[i] === 'T') cut = i + 1;
  return `${first} – ${last.slice(cut)}`;
}

/** `41 INFO, 38 DEBUG, 2 WARN · 14:02:05 – 14:02:06` for a cut range [from, to). */
function cutDetail(a: Analysis, from: number, to: number): string {
  const counts = new Map<string, number>();
  let first: string | undefined;
  let last: string | undefined;
  for (let i = from; i < to; i++) {
    const p = a.parsed[i];
    if (a.lines[i].trim() === '') continue;
    const kind = a.traceAt[i] >= 0 ? 'trace' : p.level ? p.level.toUpperCase() : 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (p.time) {
      first ??= p.time;
      last = p.time;
    }
  }
  const order = [...LEVELS.map((l) => l.toUpperCase()), 'trace', 'other'];
  const parts = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k}`);
  return `${parts.join(', ')}${first && last ? ` · ${shortRange(first, last, true)}` : ''}`;
}
