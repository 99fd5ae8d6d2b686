// `ruff check` in its default (full) format — code, message, `-->` location, frame, `help:` and a
// fix preview per violation — and in `--output-format concise`. Syntax errors and undefined names
// stay whole; other codes are grouped (a few of each shown); "Found N errors." and the fixable line stay.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, PYTHON_LINT_LINE, pythonLintSeverity, renderDiagnostics } from './diagnostics';

// F401 [*] `os` imported but unused   invalid-syntax: Expected `:`, found newline
const FULL_HEAD = /^(?:([A-Z]+\d+) (?:\[\*\] )?\S|(invalid-syntax|SyntaxError): )/;
//  --> inventory/cli.py:2:13
const LOCATION = /^ *--> \S/;
// Found 99 errors.   Found 1 error (1 fixed, 0 remaining).
const SUMMARY = /^Found (\d+) errors?\b/;
// help: Remove unused import: `os`
const HELP = /^help: /;
// All checks passed!
const PASSED = /^All checks passed!$/;

/** ruff ends with `Found N errors.` (then perhaps its fixable line); flake8 never prints that. */
export function endsWithRuffSummary(lines: readonly string[]): boolean {
  return lines.slice(-4).some((line) => SUMMARY.test(line));
}

export const ruff: Compressor = {
  id: 'ruff',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'ruff') return false;
    // `ruff check …`, or the old form with paths only (`ruff .`, `ruff --fix src/`); not `ruff format` or `ruff --version`.
    const first = command.args.find((a) => !a.startsWith('-'));
    return first === undefined ? command.args.length === 0 : first === 'check' || first.includes('.') || first.includes('/');
  },
  sniff(source: Source): boolean {
    const lines = source.lines;
    // The full format (a `-->` location under each code) or the concise one (flake8-like lines), with ruff's summary.
    return endsWithRuffSummary(lines) && lines.slice(0, 40).some((line, i) => (FULL_HEAD.test(line) && LOCATION.test(lines[i + 1] ?? '')) || PYTHON_LINT_LINE.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    let summaryAt: number | undefined;
    let reported: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const summary = SUMMARY.exec(line);
      if (summary || PASSED.test(line)) {
        summaryAt ??= i;
        if (summary) reported = Number(summary[1]);
        continue;
      }
      const concise = PYTHON_LINT_LINE.exec(line);
      if (concise) {
        const code = concise[1] ?? concise[2];
        diagnostics.push({ from: i, to: i + 1, head: i, severity: pythonLintSeverity(code), rule: code });
        continue;
      }
      const full = FULL_HEAD.exec(line);
      if (!full || !LOCATION.test(lines[i + 1] ?? '')) continue;
      // A full block runs to the blank line that ends it; the location line is part of the message.
      let end = i + 2;
      while (end < lines.length && lines[end].trim() !== '') end++;
      const code = full[1] ?? full[2];
      // The `help:` line says what the fix is: it stays when the fix preview under it goes.
      let help: number | undefined;
      for (let k = i + 2; k < end && help === undefined; k++) if (HELP.test(lines[k])) help = k;
      diagnostics.push({ from: i, to: end, head: i, messageEnd: i + 2, severity: pythonLintSeverity(code), rule: code, alsoKeep: help });
      i = end - 1;
    }
    if (diagnostics.length === 0) return undefined;
    return renderDiagnostics(context, { diagnostics, summaryAt, reported: reported === undefined ? undefined : { problems: reported }, warningNoun: 'violations' }, { warningBodyLines: 6 });
  },
};
