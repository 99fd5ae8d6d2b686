// mypy's output: `file:line[:col]: error: message  [code]`, with notes, `--pretty` wrapping and code
// frames, and a closing "Found N errors in M files". Every error stays whole. Notes that mypy repeats
// word for word under many errors (`Use "-> None" if …`) and stand-alone notes of one code
// (`[annotation-unchecked]`) are grouped like warnings: a few shown, the rest in one marked cut.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
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
    return renderDiagnostics(context, { diagnostics, summaryAt, reported: reported === undefined ? undefined : { errors: reported }, warningNoun: 'notes and warnings' });
  },
};

/** Notes name their rule by their text; the count line shows the start of it. */
function shorten(message: string): string {
  return message.length > 48 ? `${message.slice(0, 47)}…` : message;
}
