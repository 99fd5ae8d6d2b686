// Reads one log line: its timestamp, its level and the message body that template mining looks at.
// Plain lines keep their text; JSON lines (pino, bunyan, structlog, zap, …) are read field by field:
// level, time, msg, and an error's stack. Every pattern is a flat alternation (linear time).
import { JsonNumber, JsonObject, parseJson, type JsonValue } from '../json/parseJson';

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
export const LEVEL_RANK: Readonly<Record<Level, number>> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

export interface LogLine {
  readonly level?: Level;
  /** The timestamp as written (epoch numbers of JSON lines as ISO 8601). */
  readonly time?: string;
  /** The text that varies between lines of one kind: the line without its timestamp (JSON: the message and field names). */
  readonly body: string;
  readonly json?: JsonLine;
}

export interface JsonLine {
  readonly object: JsonObject;
  readonly message?: string;
  /** Keys read as time, level and message (not repeated among the other fields). */
  readonly known: ReadonlySet<string>;
  /** An error's stack trace found in the fields (`err.stack`, `stack`, `exc_info`), shown whole. */
  readonly stack?: string;
}

// e.g. `2026-11-22T14:03:02.716Z`, `2026-11-22 14:02:21,114`, `2026/11/22 14:02:47.225430`,
// `22/Nov/2026 14:03:09` (http.server), `22/Nov/2026:14:03:09 +0000` (nginx), `Nov 22 14:03:09` (syslog), `14:03:09.123`
const TIMESTAMP =
  /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?|\d{2}\/[A-Z][a-z]{2}\/\d{4}[: ]\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?|\b[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\b|\b\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\b/;
/** A timestamp counts only near the start of a line. */
const TIMESTAMP_WITHIN = 48;

const LEVEL_NAMES: Readonly<Record<string, Level>> = {
  trace: 'trace', trce: 'trace', finest: 'trace', finer: 'trace',
  debug: 'debug', dbug: 'debug', fine: 'debug', config: 'debug',
  info: 'info', information: 'info', notice: 'info',
  warn: 'warn', warning: 'warn',
  error: 'error', err: 'error', severe: 'error', fail: 'error',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', panic: 'fatal', emerg: 'fatal', alert: 'fatal',
};
// What surrounds a level word: `[ERROR]`, `<warn>`, `info:`, `WARN |`
const LEVEL_SEPARATORS = /[\s[\]():<>|,]+/;
// `level=error`, `lvl=warn`, `severity="INFO"`
const LEVEL_KV = /\b(?:level|lvl|severity)=["']?([A-Za-z]+)/i;
// An upper-case level word further into the line: `… [main] ERROR com.acme.App - …`
const LEVEL_WORD = /\b(TRACE|DEBUG|FINE|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|CRITICAL|FATAL|PANIC)\b/;
// Lines that are errors whatever their level says: a crash or an uncaught exception starting.
// e.g. `Traceback (most recent call last):`, `panic: runtime error: …`, `Exception in thread "main" java.lang.…`,
// `thread 'main' (13851) panicked at src/main.rs:65:25:`, `Unhandled exception. System.…`, `TypeError: Cannot read …`
const CRASH_LINE = /^(?:Traceback \(most recent call last\)|panic: |fatal error: |Exception in thread |Unhandled exception|thread '[^']*'(?: \(\d+\))? panicked at |Segmentation fault|npm ERR! |[A-Z][A-Za-z]*(?:Error|Exception): )/;
// An access-log request with its status: `"GET /favicon.ico HTTP/1.1" 404 -`
const ACCESS_STATUS = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) [^"]{0,2000}" ([1-5])\d\d\b/;

const PINO_LEVELS: Readonly<Record<number, Level>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp', '@t', 't', 'date', 'datetime', 'asctime'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'levelname', 'loglevel', 'log_level', 'log.level', '@l'];
const MESSAGE_KEYS = ['msg', 'message', 'event', '@m', '@mt', 'text'];
const ERROR_KEYS = ['err', 'error', 'exception', 'exc_info', 'stack', 'stack_trace', 'stacktrace'];

export function parseLogLine(line: string): LogLine {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const json = parseJsonLine(trimmed);
    if (json) return json;
  }
  const head = line.slice(0, TIMESTAMP_WITHIN + 32);
  const stamp = TIMESTAMP.exec(head);
  const time = stamp && stamp.index <= TIMESTAMP_WITHIN ? stamp[0] : undefined;
  const body = time ? line.slice(0, stamp!.index) + line.slice(stamp!.index + time.length) : line;
  return { time, level: levelOf(body), body };
}

function levelOf(body: string): Level | undefined {
  if (CRASH_LINE.test(body)) return 'error';
  // The first word after the timestamp in any case (`info:`, `[error]`, `<warn>`, .NET's `fail:`),
  // or an upper-case level among the first four (`[main] INFO`, `E thumbnailer WARN`).
  const words = body.slice(0, 80).split(LEVEL_SEPARATORS, 6).filter((w) => w !== '');
  if (words.length > 0 && LEVEL_NAMES[words[0].toLowerCase()]) return LEVEL_NAMES[words[0].toLowerCase()];
  for (const word of words.slice(1, 4)) {
    const level = LEVEL_NAMES[word.toLowerCase()];
    if (level && word === word.toUpperCase()) return level;
  }
  const kv = LEVEL_KV.exec(body.slice(0, 200));
  if (kv) return LEVEL_NAMES[kv[1].toLowerCase()];
  const upper = LEVEL_WORD.exec(body.slice(0, 100));
  if (upper) return LEVEL_NAMES[upper[1].toLowerCase()];
  const access = ACCESS_STATUS.exec(body);
  if (access) return access[1] === '5' ? 'error' : access[1] === '4' ? 'warn' : 'info';
  return undefined;
}

function parseJsonLine(text: string): LogLine | undefined {
  const value = parseJson(text);
  if (!(value instanceof JsonObject)) return undefined;
  // A field counts as the time, level or message only when it reads as one; otherwise it stays
  // among the other fields and is shown with them.
  const find = <T>(keys: readonly string[], read: (v: JsonValue) => T | undefined): [string, T] | undefined => {
    for (const key of keys) {
      const entry = value.entries.find(([k]) => k === key);
      const found = entry ? read(entry[1]) : undefined;
      if (found !== undefined) return [key, found];
    }
    return undefined;
  };
  const time = find(TIME_KEYS, timeText);
  const message = find(MESSAGE_KEYS, (v) => (typeof v === 'string' ? v : undefined));
  // The level: a top-level field, or one a level down (`{"reason": …, "message": {"level": "error", …}}` from cargo).
  const level = find(LEVEL_KEYS, jsonLevel);
  let nestedLevel: Level | undefined;
  if (!level) {
    for (const [, v] of value.entries) {
      if (!(v instanceof JsonObject)) continue;
      const inner = v.entries.find(([k]) => LEVEL_KEYS.includes(k));
      nestedLevel ??= inner ? jsonLevel(inner[1]) : undefined;
    }
  }
  const known = new Set([time?.[0], level?.[0], message?.[0]].filter((k): k is string => k !== undefined));
  const others = value.entries.filter(([k]) => !known.has(k)).map(([k]) => k);
  return {
    time: time?.[1],
    level: level?.[1] ?? nestedLevel,
    body: `${message?.[1] ?? ''} {${others.join(', ')}}`,
    json: { object: value, message: message?.[1], known, stack: stackOf(value) },
  };
}

function timeText(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) {
    const n = Number(value.raw);
    // Epoch milliseconds (pino) or seconds (structlog, zap): shown as ISO 8601 so a reader can tell the time.
    const ms = n > 1e11 ? n : n > 1e8 ? n * 1000 : undefined;
    if (ms !== undefined && Number.isFinite(ms) && ms < 8.64e15) return new Date(Math.round(ms)).toISOString();
    return value.raw;
  }
  return undefined;
}

function jsonLevel(value: JsonValue): Level | undefined {
  if (value instanceof JsonNumber) return PINO_LEVELS[Number(value.raw)];
  return typeof value === 'string' ? LEVEL_NAMES[value.toLowerCase()] : undefined;
}

/** The first multi-line stack found under an error key (`err.stack`, `error.stack`, `stack`, `exc_info`). */
function stackOf(object: JsonObject): string | undefined {
  for (const [key, value] of object.entries) {
    if (!ERROR_KEYS.includes(key.toLowerCase())) continue;
    if (typeof value === 'string' && value.includes('\n')) return value;
    if (value instanceof JsonObject) {
      for (const [k, v] of value.entries) if ((k === 'stack' || k === 'stacktrace' || k === 'traceback') && typeof v === 'string' && v.includes('\n')) return v;
    }
  }
  return undefined;
}

/** True for lines that look like log lines: a timestamp near the start, a level at the start, or a JSON log object. */
export function looksLikeLogLine(line: LogLine): boolean {
  return line.json !== undefined || line.time !== undefined;
}
