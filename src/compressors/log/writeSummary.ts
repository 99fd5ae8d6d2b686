// The top of a compressed log and the words on its cut markers, built only from facts in the log:
// line count, time span, lines per level, stack traces, the kinds of cut lines (templates with
// counts, level, time span and first line), and each cut range's levels and times.
import type { DraftBuilder } from '../shared/draft';
import type { Analysis } from './analyseLog';
import type { Template } from './mineTemplates';
import { LEVELS, type Level } from './parseLogLine';

/** Kinds of cut lines listed at the top. */
const MAX_TEMPLATES = 12;
/** Level words as logs write them, to avoid printing a template's level twice. */
const LEVEL_NAMES_UPPER = new Set(['TRACE', 'DEBUG', 'FINE', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'SEVERE', 'CRITICAL', 'FATAL', 'PANIC']);

export function writeSummary(builder: DraftBuilder, a: Analysis, keep: Uint8Array, scale: number): void {
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
    const json = parsed.filter((p) => p.json);
    const shape = [json.some((p) => p.time) && 'time', json.some((p) => p.level !== undefined) && 'LEVEL', json.some((p) => p.json!.message !== undefined) && 'message', '{other fields}'].filter(Boolean).join(' ');
    const stacks = json.some((p) => p.json!.stack !== undefined) ? ', a stack below its line' : '';
    builder.write(`JSON lines shown as: ${shape}${stacks}${shared}`);
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
export function timeSpan(a: Analysis, from: number, to: number): string {
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
export function cutDetail(a: Analysis, from: number, to: number): string {
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
