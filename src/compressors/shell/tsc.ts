// TypeScript compiler output, plain (`tsc` piped: `file(line,col): error TSxxxx: …`) and pretty
// (a terminal: `file:line:col - error TSxxxx: …` with code frames and a per-file table). tsc has no
// warnings: every error stays with its whole message; only code frames past the first errors go,
// and those are kept together in one stashed original.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, renderDiagnostics } from './diagnostics';

// src/api/legacy.ts(2,12): error TS2580: Cannot find name 'require'.
const PLAIN_HEAD = /^[^\s(][^(\n]*\(\d+,\d+\): (error|warning|message) (TS\d+): /;
// src/api/legacy.ts:2:12 - error TS2580: Cannot find name 'require'.
const PRETTY_HEAD = /^[^\s:][^:\n]*:\d+:\d+ - (error|warning|message) (TS\d+): /;
// error TS18003: No inputs were found in config file '/p/tsconfig.json'.
const GLOBAL_HEAD = /^(error|warning|message) (TS\d+): /;
// Found 62 errors in 7 files.   Found 1 error in src/a.ts:3   Found 2 errors.   Found 0 errors. Watching for file changes.
const SUMMARY = /^Found (\d+) errors?\b/;
// "    Types of property 'product' are incompatible." — the next step of an elaboration chain,
// printed right under the head (pretty output puts a blank line before frames and related info).
const CONTINUATION = /^ +\S/;

const PROGRAMS = new Set(['tsc', 'vue-tsc', 'tsc-silent']);

export const tsc: Compressor = {
  id: 'tsc',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return PROGRAMS.has(command.program) && !command.args.some((a) => a === '--version' || a === '-v' || a === '--help' || a === '--showConfig');
  },
  sniff(source: Source): boolean {
    let heads = 0;
    for (const line of source.lines.slice(0, 200)) if (PLAIN_HEAD.test(line) || PRETTY_HEAD.test(line)) heads++;
    return heads >= 2;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    let summaryAt: number | undefined;
    let reportedErrors: number | undefined;
    let open: { head: number; messageEnd: number; severity: 'error' | 'warning'; rule: string; pretty: boolean } | undefined;
    const close = (to: number) => {
      if (!open) return;
      let end = to;
      while (end > open.messageEnd && lines[end - 1].trim() === '') end--; // trailing blanks are not the error's
      diagnostics.push({ from: open.head, to: end, head: open.head, messageEnd: open.messageEnd, severity: open.severity, rule: open.rule });
      open = undefined;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const head = PLAIN_HEAD.exec(line) ?? PRETTY_HEAD.exec(line) ?? GLOBAL_HEAD.exec(line);
      if (head) {
        close(i);
        // Indented lines right under the head continue the message (tsc's elaboration chain).
        let messageEnd = i + 1;
        while (messageEnd < lines.length && CONTINUATION.test(lines[messageEnd])) messageEnd++;
        open = { head: i, messageEnd, severity: head[1] === 'error' ? 'error' : 'warning', rule: head[2], pretty: PRETTY_HEAD.test(line) };
        i = messageEnd - 1;
        continue;
      }
      const summary = SUMMARY.exec(line);
      if (summary) {
        close(i);
        summaryAt ??= i;
        reportedErrors = (reportedErrors ?? 0) + Number(summary[1]);
        continue;
      }
      // Plain output has nothing under a head but its message; anything else ends the block.
      if (open && !open.pretty) close(i);
    }
    close(lines.length);
    if (diagnostics.length === 0) return undefined;
    return renderDiagnostics(context, {
      diagnostics,
      summaryAt,
      reported: reportedErrors === undefined ? undefined : { errors: reportedErrors },
    });
  },
};
