// The log compressor: reading timestamps, levels and JSON lines; finding whole stack traces of six
// languages; template mining; and what a compressed log must keep (errors, traces, first/last lines)
// with every cut marked by a range that gives back exactly the cut lines.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compress } from '../../src/compressors/compress';
import { log } from '../../src/compressors/log';
import { findStackTraces } from '../../src/compressors/log/findStackTraces';
import { mineTemplates } from '../../src/compressors/log/mineTemplates';
import { parseLogLine } from '../../src/compressors/log/parseLogLine';
import { parseCommand } from '../../src/compressors/shared/command';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressOptions, Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';

const JS_TRACE = [
  'TypeError: Cannot read properties of undefined (reading \'points\')',
  '    at renderChart (/tmp/report-builder/build.js:16:46)',
  '    at Object.<anonymous> (/tmp/report-builder/build.js:19:49)',
];
const PYTHON_TRACE = [
  'Traceback (most recent call last):',
  '  File "/tmp/w/worker.py", line 19, in fetch_customer',
  '    raise KeyError(f"customer {cid}")',
  "KeyError: 'customer 287'",
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/tmp/w/worker.py", line 45, in process',
  '    raise LookupError("cannot render")',
  'LookupError: cannot render',
];
const JAVA_TRACE = [
  'com.acme.BankUnavailableException: bank API returned 503 for ACC-1117',
  '\tat com.acme.LedgerSync.fetchBalance(LedgerSync.java:20)',
  '\tat com.acme.LedgerSync.main(LedgerSync.java:42)',
  'Caused by: java.net.SocketTimeoutException: Read timed out after 5000 ms',
  '\t... 2 more',
];
const GO_TRACE = [
  'panic: runtime error: index out of range [2] with length 2',
  '',
  'goroutine 1 [running]:',
  'main.quote({0x4a4908, 0x3}, 0x2, 0x3e8)',
  '\t/tmp/shipping-quotes/main.go:27 +0x158',
  'main.main()',
  '\t/tmp/shipping-quotes/main.go:58 +0x6e6',
  'exit status 2',
];
const RUST_TRACE = [
  "thread 'main' (13851) panicked at src/main.rs:65:25:",
  'THUMB_MANIFEST must point to the manifest file',
  'stack backtrace:',
  '   0: core::option::expect_failed',
  '             at /rustc/5980/library/core/src/option.rs:2245:5',
  '   1: thumbnailer::main',
  '             at ./src/main.rs:65:25',
  'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
];
const DOTNET_TRACE = [
  'Unhandled exception. System.InvalidOperationException: Sequence contains no elements',
  '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
  '   at Orders.Program.Main(String[] args) in /src/Orders/Program.cs:line 14',
];

/** A log line at second `s` of the day. */
function stamp(s: number): string {
  const hh = String(Math.floor(s / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `2026-11-22 ${hh}:${mm}:${ss},${String(s % 1000).padStart(3, '0')}`;
}

function serviceLog(requests: number, insert: Record<number, string[]> = {}): string[] {
  const out: string[] = [`${stamp(0)} INFO     [svc] starting on port 8080`];
  for (let i = 1; i <= requests; i++) {
    out.push(`${stamp(i)} DEBUG    [svc.db] query ${i} took ${(i * 7) % 50}ms`);
    out.push(`${stamp(i)} INFO     [svc.http] GET /items/${(i * 31) % 997} 200 ${(i * 13) % 90}ms`);
    if (insert[i]) out.push(...insert[i]);
  }
  out.push(`${stamp(requests + 1)} INFO     [svc] shutting down after ${requests} requests`);
  return out;
}

describe('log compressor', () => {
  let engines: Engines;
  before(async () => {
    engines = await testEngines();
  });

  describe('parseLogLine', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['2026-11-22T14:03:02.716Z INFO starting', '2026-11-22T14:03:02.716Z', 'info'],
      ['2026-11-22 14:02:21,114 ERROR    [invoice.worker] job 41 failed', '2026-11-22 14:02:21,114', 'error'],
      ['2026/11/22 14:02:47.225430 WARN quote rejected', '2026/11/22 14:02:47.225430', 'warn'],
      ['[2026-11-22T14:03:02.716Z DEBUG thumbnailer::io] read x', '2026-11-22T14:03:02.716Z', 'debug'],
      ['2026-11-22 14:02:34.072 SEVERE  [com.acme.ledger.LedgerSync] could not post', '2026-11-22 14:02:34.072', 'error'],
      ['127.0.0.1 - - [22/Nov/2026 14:03:09] "GET /favicon.ico HTTP/1.1" 404 -', '22/Nov/2026 14:03:09', 'warn'],
      ['10.0.0.1 - - [22/Nov/2026:14:03:09 +0000] "POST /api HTTP/1.1" 502 12 "-" "curl/8"', '22/Nov/2026:14:03:09 +0000', 'error'],
      ['Nov 22 14:03:09 web-1 sshd[811]: error: maximum authentication attempts exceeded', 'Nov 22 14:03:09', undefined],
      ['time=2026-11-22T14:03:09Z level=warn msg="disk almost full"', '2026-11-22T14:03:09Z', 'warn'],
      ['fail: Orders.Program[0] unhandled', undefined, 'error'],
      ['10:00:01.250 [main] INFO  com.acme.App - ready', '10:00:01.250', 'info'],
      ['Traceback (most recent call last):', undefined, 'error'],
      ['just some text about an error', undefined, undefined],
    ];
    for (const [line, time, level] of cases) {
      it(`reads ${line.slice(0, 50)}`, () => {
        const parsed = parseLogLine(line);
        assert.equal(parsed.time, time);
        assert.equal(parsed.level, level);
      });
    }

    it('reads JSON lines: pino numbers, epoch times, messages and stacks', () => {
      const pino = parseLogLine('{"level":50,"time":1795356125296,"pid":1,"err":{"type":"Error","message":"boom","stack":"Error: boom\\n    at f (/a.js:1:1)"},"msg":"failed"}');
      assert.equal(pino.level, 'error');
      assert.equal(pino.time, '2026-11-22T14:02:05.296Z');
      assert.equal(pino.json?.message, 'failed');
      assert.equal(pino.json?.stack, 'Error: boom\n    at f (/a.js:1:1)');
      const structlog = parseLogLine('{"event": "user logged in", "level": "warning", "timestamp": 1795356125.5}');
      assert.equal(structlog.level, 'warn');
      assert.equal(structlog.time, '2026-11-22T14:02:05.500Z');
      const cargo = parseLogLine('{"reason":"compiler-message","message":{"level":"error","rendered":"error[E0308]: mismatched types"}}');
      assert.equal(cargo.level, 'error', 'a level one field down');
      assert.equal(cargo.json?.message, undefined, 'an object under "message" is not the message');
      assert.ok(!cargo.json?.known.has('message'), 'and stays among the fields that are shown');
      const data = parseLogLine('{"a": 1}');
      assert.ok(data.json && data.level === undefined && data.time === undefined, 'a JSON line without log fields is still read field by field');
    });
  });

  describe('findStackTraces', () => {
    const flavours: [string, string[]][] = [['JavaScript', JS_TRACE], ['Python', PYTHON_TRACE], ['Java', JAVA_TRACE], ['Go', GO_TRACE], ['Rust', RUST_TRACE], ['.NET', DOTNET_TRACE]];
    for (const [name, trace] of flavours) {
      it(`finds a whole ${name} trace between log lines`, () => {
        const lines = [`${stamp(1)} INFO before`, `${stamp(2)} ERROR it broke`, ...trace, `${stamp(3)} INFO after`];
        const isLogLine = (i: number) => parseLogLine(lines[i]).time !== undefined;
        const traces = findStackTraces(lines, isLogLine);
        assert.equal(traces.length, 1, JSON.stringify(traces));
        assert.deepEqual(lines.slice(traces[0].from, traces[0].to), trace.at(-1) === '' ? trace.slice(0, -1) : trace);
      });
    }

    it('gives equal signatures to the same frames with different messages', () => {
      const other = [...JAVA_TRACE];
      other[0] = 'com.acme.BankUnavailableException: bank API returned 503 for ACC-2000';
      const lines = [`${stamp(1)} WARN a`, ...JAVA_TRACE, `${stamp(2)} WARN b`, ...other];
      const traces = findStackTraces(lines, (i) => parseLogLine(lines[i]).time !== undefined);
      assert.equal(traces.length, 2);
      assert.equal(traces[0].signature, traces[1].signature);
    });

    it('copes with pathological lines (long runs that trap backtracking regexes)', () => {
      const lines = ['\tat ' + 'a('.repeat(50_000), 'x'.repeat(100_000) + '(' + ')'.repeat(10), '0x'.repeat(50_000), ' '.repeat(100_000) + 'at'];
      assert.equal(findStackTraces(lines, () => false).length, 1);
      for (const l of lines) parseLogLine(l);
    });
  });

  describe('mineTemplates', () => {
    it('collapses lines that differ in ids and numbers, keeps levels apart, and is deterministic', () => {
      const lines = [
        { index: 0, level: 'info' as const, body: 'job 41 done: INV-000041 total=415.50' },
        { index: 1, level: 'info' as const, body: 'job 42 done: INV-000042 total=62.00' },
        { index: 2, level: 'error' as const, body: 'job 43 done: INV-000043 total=1.00' },
        { index: 3, level: 'info' as const, body: 'user alice logged in from web' },
        { index: 4, level: 'info' as const, body: 'user bob logged in from web' },
      ];
      const first = mineTemplates(lines);
      assert.equal(first.templates.length, 3);
      assert.equal(first.templateOf.get(0), first.templateOf.get(1));
      assert.notEqual(first.templateOf.get(0), first.templateOf.get(2));
      assert.equal(first.templateOf.get(3)!.tokens.join(' '), 'user <*> logged in from web');
      assert.deepEqual(mineTemplates(lines).templates.map((t) => t.tokens.join(' ')), first.templates.map((t) => t.tokens.join(' ')));
    });
  });

  describe('claims', () => {
    const claims = (line: string) => log.matches!(parseCommand(line));
    it('claims log commands and log files', () => {
      for (const line of ['journalctl -u nginx --since today', 'docker logs -f web', 'docker compose logs api', 'kubectl logs deploy/api -n shop', 'tail -f /var/log/app.log', 'tail -n 200 server.log', 'cat build.log']) assert.ok(claims(line), line);
      for (const line of ['docker ps', 'kubectl get pods', 'tail -n 5 notes.txt', 'cat README.md']) assert.ok(!claims(line), line);
      assert.ok(log.handlesFile!('app.log') && log.handlesFile!('events.jsonl') && log.handlesFile!('syslog.log.1'));
      assert.ok(!log.handlesFile!('app.ts'));
    });

    it('sniffs timestamped, leveled and JSON lines, not search hits or prose', () => {
      const sniff = (lines: string[]) => log.sniff!({ id: '000000000000', text: lines.join('\n'), lines });
      assert.ok(sniff(serviceLog(10)));
      assert.ok(sniff(Array.from({ length: 10 }, (_, i) => `{"level":30,"time":${1795356125000 + i},"msg":"tick ${i}"}`)));
      assert.ok(!sniff(serviceLog(10).map((l, i) => `logs/app.log:${i + 1}:${l.replace(/^\S+ \S+ /, '')}`)));
      assert.ok(!sniff(['# Title', '', 'Some prose about errors and warnings.', 'More prose.', '', 'And more.']));
    });
  });

  describe('compressing', () => {
    function run(lines: string[], options: CompressOptions = {}) {
      const text = lines.join('\n');
      const result = compress(text, { type: 'log', ...options }, engines);
      return { text, result };
    }

    it('keeps every error line, every distinct trace whole, and the first and last lines', () => {
      const lines = serviceLog(400, {
        50: [`${stamp(50)} ERROR    [svc.http] GET /items/7 failed: connection reset by peer`],
        120: [`${stamp(120)} ERROR    [svc.jobs] job crashed`, ...PYTHON_TRACE],
        300: [`${stamp(300)} WARNING  [svc.cache] cache miss ratio 0.93 above 0.8`],
        390: [`${stamp(390)} CRITICAL [svc] out of memory`],
      });
      const { result } = run(lines);
      assert.equal(result.compressor, 'log');
      for (const needle of ['connection reset by peer', 'job crashed', ...PYTHON_TRACE.filter((l) => l !== ''), 'cache miss ratio', 'out of memory', 'starting on port 8080', 'shutting down after 400 requests']) {
        assert.ok(result.text.includes(needle), `lost ${needle}`);
      }
      assert.ok(result.tokensAfter < result.tokensBefore * 0.15, `${result.tokensAfter} of ${result.tokensBefore}`);
    });

    it('shows a repeated trace once and points repeats at it, keeping their messages', () => {
      const inserts: Record<number, string[]> = {};
      for (const at of [20, 60, 100]) inserts[at] = [`${stamp(at)} ERROR    [svc.bank] balance fetch failed for ACC-${at}`, ...JAVA_TRACE.map((l, k) => (k === 0 ? l.replace('ACC-1117', `ACC-${at}`) : l))];
      const { result } = run(serviceLog(120, inserts));
      for (const at of [20, 60, 100]) assert.ok(result.text.includes(`bank API returned 503 for ACC-${at}`), `message ${at} lost`);
      assert.equal(result.text.split('\tat com.acme.LedgerSync.fetchBalance(LedgerSync.java:20)').length - 1, 1, 'frames shown once');
      assert.match(result.text, /the same frames as the stack trace at L\d+-\d+/);
    });

    it('mines repeated lines into counted templates with a time span', () => {
      const { result } = run(serviceLog(300));
      assert.match(result.text, /300× DEBUG \[svc\.db\] query <\*> took <\*> · 00:00:01,001 – 00:05:00,300/);
      assert.match(result.text, /^log: 602 lines, 2026-11-22 00:00:00,000 – 00:05:01,301; 302 info, 300 debug$/m);
    });

    it('keeps the lines the query asks about', () => {
      const { result } = run(serviceLog(300), { query: 'what happened to item 713' });
      const lines = serviceLog(300).filter((l) => l.includes('/items/713 '));
      assert.ok(lines.length > 0);
      for (const l of lines) assert.ok(result.text.includes(l), `lost ${l}`);
    });

    it('every cut range gives back exactly the lines it replaced, and the counts add up', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 30, max: 250 }),
          fc.array(fc.tuple(fc.integer({ min: 1, max: 250 }), fc.constantFrom(JS_TRACE, PYTHON_TRACE, JAVA_TRACE, GO_TRACE, RUST_TRACE, DOTNET_TRACE, [`${stamp(7)} ERROR    [svc] disk full`])), { maxLength: 6 }),
          fc.option(fc.integer({ min: 50, max: 2000 }), { nil: undefined }),
          (requests, extra, budget) => {
            const inserts: Record<number, string[]> = {};
            for (const [at, block] of extra) inserts[at] = [...(inserts[at] ?? []), `${stamp(at)} ERROR    [svc] failure ${at}`, ...block];
            const lines = serviceLog(requests, inserts);
            const text = lines.join('\n');
            const result = compress(text, { type: 'log', budget }, engines);
            assert.equal(compress(text, { type: 'log', budget }, engines).text, result.text, 'deterministic');
            const original = new TextEncoder().encode(text);
            for (const marker of scanMarkers(result.text)) {
              assert.ok(result.originals.some((o) => o.id === marker.id));
              if (!marker.lines || marker.unit !== 'lines') continue;
              const part = sliceOriginal(original, { lines: marker.lines });
              assert.ok(part.ok);
              assert.equal(new TextDecoder().decode(part.bytes).replace(/\n$/, '').split('\n').length, marker.count);
            }
            // Every error line survives when there are few of them.
            if (extra.length <= 3 && budget === undefined) for (const [at] of extra.filter(([at]) => at <= requests)) assert.ok(result.text.includes(`failure ${at}`), `error ${at} lost`);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('never throws on bad input and never grows', function () {
      this.timeout(60_000); // 100,000 lines plus 100 random texts: a correctness check, not a timing
      const inputs = [
        '',
        '\n'.repeat(5000),
        Array.from({ length: 3000 }, (_, i) => `${stamp(i)} INFO ${'x'.repeat(i % 300)} ${'9:'.repeat(i % 50)}`).join('\n'),
        Array.from({ length: 200 }, () => '{"level":30,"msg":' + '"\\u0000'.repeat(3) + '"}').join('\n'),
        Array.from({ length: 500 }, (_, i) => (i % 2 ? '\tat ' + 'f('.repeat(500) : `${stamp(i)} ERROR boom`)).join('\n'),
        Array.from({ length: 100_000 }, (_, i) => `${stamp(i)} INFO tick ${i}`).join('\n'),
      ];
      for (const input of inputs) {
        const result = compress(input, { type: 'log' }, engines);
        assert.ok(result.tokensAfter <= result.tokensBefore);
      }
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 20, maxLength: 80 }), (lines) => {
          const result = compress(lines.join('\n'), { type: 'log' }, engines);
          assert.ok(result.tokensAfter <= result.tokensBefore);
        }),
        { numRuns: 100 },
      );
    });
  });
});
