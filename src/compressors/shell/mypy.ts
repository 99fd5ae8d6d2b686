// mypy's output: `file:line[:col]: error: message  [code]`, with notes, `--pretty` wrapping and code
// frames, and a closing "Found N errors in M files". Every error stays whole. Notes that mypy repeats
// word for word under many errors (`Use "-> None" if …`) and stand-alone notes of one code
// (`[annotation-unchecked]`) are grouped like warnings: a few shown, the rest in one marked cut.
// Plain one-line output where many diagnostics share a message (`--strict` on untyped code) is
// rewritten losslessly instead: each message once, with every location it was reported at.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { DraftBuilder } from '../shared/draft';
import { type Diagnostic, renderDiagnostics } from './diagnostics';

// inventory/models.py:28: error: Argument 3 to "Item" has incompatible type "str"; expected "int"  [arg-type]
// inventory/store.py:11: note: Use "-> None" if function does not return a value
const HEAD = /^[^\s:][^:\n]*\.pyi?:\d+(?::\d+)?(?::\d+:\d+)?: (error|warning|note): (.*)$/;
// "  [arg-type]" at the end of a message
const CODE = / {2}\[([\w-]+)\]$/;
// Found 8 errors in 4 files (checked 5 source files)   Found 1 error in 1 file (errors prevented further checking)
const SUMMARY = /^Found (\d+) errors? in \d+ files?\b/;
// Success: no issues found in 5 source files
const SUCCESS = /^Success: no issues found in \d+ source files?$/;

export const mypy: Compressor = {
  id: 'mypy',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'mypy' || (command.program === 'dmypy' && ['run', 'check', 'recheck'].includes(command.args[0] ?? ''));
  },
  sniff(source: Source): boolean {
    return source.lines.slice(-3).some((line) => SUMMARY.test(line)) && source.lines.slice(0, 20).some((line) => HEAD.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    let reported: number | undefined;
    let summaryAt: number | undefined;
    let lastError = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const summary = SUMMARY.exec(line);
      if (summary || SUCCESS.test(line)) {
        summaryAt ??= i;
        if (summary) reported = (reported ?? 0) + Number(summary[1]);
        continue;
      }
      const head = HEAD.exec(line);
      if (!head) continue;
      // --pretty wraps the message and adds an indented frame; both end at the next head or blank line.
      let end = i + 1;
      while (end < lines.length && lines[end].trim() !== '' && !HEAD.test(lines[end]) && !SUMMARY.test(lines[end])) end++;
      let messageEnd = i + 1;
      while (messageEnd < end && !lines[messageEnd].startsWith(' ')) messageEnd++;
      const [, severity, message] = head;
      const code = CODE.exec(message)?.[1];
      if (severity === 'error') {
        diagnostics.push({ from: i, to: end, head: i, messageEnd, severity: 'error', rule: code ?? 'error' });
        lastError = true;
      } else if (severity === 'note' && !code && lastError) {
        // A note under an error: only its word-for-word repeats are grouped away.
        diagnostics.push({ from: i, to: end, head: i, messageEnd, severity: 'warning', rule: `note: ${shorten(message)}`, examples: 1 });
      } else {
        diagnostics.push({ from: i, to: end, head: i, messageEnd, severity: 'warning', rule: code ?? `${severity}: ${shorten(message)}` });
        lastError = false;
      }
      i = end - 1;
    }
    if (diagnostics.length === 0) return undefined;
    // The grouped form cuts nothing: it is preferred whenever it is no longer than the marked cuts
    // (compared in characters; at under half the input it wins without rendering the cuts at all).
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const grouped = reported === errors && summaryAt !== undefined ? groupByMessage(context, summaryAt) : undefined;
    if (grouped && grouped.text.length * 2 < context.source.text.length) return grouped;
    const rendered = renderDiagnostics(context, { diagnostics, summaryAt, reported: reported === undefined ? undefined : { errors: reported }, warningNoun: 'notes and warnings' });
    return grouped && grouped.text.length <= rendered.text.length ? grouped : rendered;
  },
};

// The location and the rest of a one-line diagnostic:
// `pyflakes/test/harness.py:17: error: Function is missing a type annotation  [no-untyped-def]`, `a.py:3:5: note: …`
const LOCATED = /^([^\s:][^:\n]*\.pyi?):(\d+(?::\d+){0,3}): ((?:error|warning|note): .*)$/;
/** A message is written once for a group only when it was reported at least this many times somewhere. */
const MIN_GROUP = 3;
/** Locations written on one line at most; a file with more continues on the next line. */
const LOCATIONS_PER_LINE = 60;

interface Entry {
  readonly index: number;
  readonly file: string;
  readonly position: string;
  /** `error: Function is missing a return type annotation  [no-untyped-def]` */
  readonly text: string;
  /** A note mypy printed right after this error at the same location. */
  note?: Entry;
}

/**
 * One-line output (no `--pretty` frames) where messages repeat: each message is written once, then
 * every location it was reported at, file by file in the order printed (`a.py:16,21,26`). A note
 * printed after every error of a group at the same location is written once under it. Nothing is
 * cut: the marker points at the whole output for the original order. Declines when any line before
 * the summary is not a one-line diagnostic, or when no message repeats enough to save anything.
 */
function groupByMessage(context: CompressContext, summaryAt: number): Draft | undefined {
  const { lines } = context.source;
  const entries: Entry[] = [];
  let last = -1;
  for (let i = 0; i < summaryAt; i++) {
    if (lines[i] === '') continue;
    const m = LOCATED.exec(lines[i]);
    if (!m) return undefined;
    entries.push({ index: i, file: m[1], position: m[2], text: m[3] });
    last = i;
  }
  for (let i = summaryAt + 1; i < lines.length; i++) if (lines[i].trim() !== '' && !SUMMARY.test(lines[i]) && !SUCCESS.test(lines[i])) return undefined;
  if (entries.length === 0) return undefined;

  // Notes right after an error at the same location belong to it.
  const standalone: Entry[] = [];
  for (const entry of entries) {
    const previous = standalone[standalone.length - 1];
    if (entry.text.startsWith('note: ') && previous?.text.startsWith('error: ') && previous.note === undefined
      && previous.file === entry.file && previous.position === entry.position && previous.index === entry.index - 1) previous.note = entry;
    else standalone.push(entry);
  }
  const groups = new Map<string, Entry[]>();
  for (const entry of standalone) {
    const group = groups.get(entry.text) ?? [];
    group.push(entry);
    groups.set(entry.text, group);
  }
  if (![...groups.values()].some((g) => g.length >= MIN_GROUP)) return undefined;

  const builder = new DraftBuilder(context.source);
  const counts = { error: 0, note: 0, warning: 0 };
  for (const entry of entries) counts[entry.text.slice(0, entry.text.indexOf(':')) as keyof typeof counts]++;
  const what = [plural(counts.error, 'error'), ...(counts.warning > 0 ? [plural(counts.warning, 'warning')] : []), ...(counts.note > 0 ? [plural(counts.note, 'note')] : [])].join(', ');
  builder.write(builder.marker({
    verb: 'collapsed', count: last + 1, unit: 'lines', lines: [builder.lineNumber(0), builder.lineNumber(last)],
    detail: `${what}, all shown; a repeated message once with every file:line,line,… it was reported at`,
  }));
  for (const group of groups.values()) {
    const notes = new Set(group.map((e) => e.note?.text));
    const shared = notes.size === 1 ? group[0].note?.text : undefined;
    if (group.length === 1 || (shared === undefined && group.some((e) => e.note))) {
      // Few or with different notes: as printed.
      for (const entry of group) {
        builder.keep(entry.index);
        if (entry.note) builder.keep(entry.note.index);
      }
      continue;
    }
    builder.write(`${group.length}× ${group[0].text}`);
    if (shared !== undefined) builder.write(`  each followed by ${shared}`);
    let run: Entry[] = [];
    const flush = () => {
      if (run.length > 0) builder.write(`  ${run[0].file}:${run.map((e) => e.position).join(',')}`);
      run = [];
    };
    for (const entry of group) {
      if (run.length > 0 && (run[0].file !== entry.file || run.length === LOCATIONS_PER_LINE)) flush();
      run.push(entry);
    }
    flush();
  }
  for (let i = summaryAt; i < lines.length; i++) if (lines[i].trim() !== '') builder.keep(i);
  builder.note('group:mypy', `${entries.length} diagnostics in ${groups.size} messages; every location kept`);
  return builder.build();
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Notes name their rule by their text; the count line shows the start of it. */
function shorten(message: string): string {
  return message.length > 48 ? `${message.slice(0, 47)}…` : message;
}
