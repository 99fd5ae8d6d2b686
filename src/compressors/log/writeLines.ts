// Writes kept log lines: plain lines as they are, JSON lines as `time LEVEL message {other fields}`
// with a stack below (a stack shown before points at its first copy), and repeated stack traces as
// their messages with each run of frames pointing at the first copy.
import type { DraftBuilder } from '../shared/draft';
import { JsonObject, type JsonValue } from '../json/parseJson';
import { flow } from '../json/textForms';
import type { Analysis } from './analyseLog';
import { isFrameLine } from './findStackTraces';

export function writeLine(builder: DraftBuilder, a: Analysis, i: number, shownStacks: Map<string, number> = new Map()): void {
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

/** A trace whose frames were shown before: its messages, with each run of frames pointing at the first copy. Returns its end. */
export function writeRepeatedTrace(builder: DraftBuilder, a: Analysis, t: number, stacks: Map<string, number>): number {
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
