// Reads a whole log once: each line's time, level and kind (template), the stack traces, the fields
// every JSON line shares, and the lines a query asks about. Rendering then only chooses what to show.
import { flow } from '../json/textForms';
import { stemmed } from '../json/rankItems';
import { findStackTraces, type StackTrace } from './findStackTraces';
import { mineTemplates, type Template } from './mineTemplates';
import { parseLogLine, type LogLine } from './parseLogLine';

/** A query word found on more than this share of lines is too common to point at anything. */
const RARE_QUERY_SHARE = 0.03;

export interface Analysis {
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

export function analyseLog(lines: readonly string[], query: string | undefined): Analysis | undefined {
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
