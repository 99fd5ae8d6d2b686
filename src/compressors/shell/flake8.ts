// flake8 and pycodestyle: one `file:line:col: CODE message` line per violation, optionally with
// `--show-source` frames, `--statistics` lines and a `--count` total. Syntax errors and undefined
// names stay in full; other codes are grouped (a few of each shown); the statistics stay.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, PYTHON_LINT_LINE, pythonLintSeverity, renderDiagnostics } from './diagnostics';
import { endsWithRuffSummary } from './ruff';

// "16    E302 expected 2 blank lines, found 1" (--statistics)
const STATISTIC = /^(\d+) +[A-Z]+\d+ /;
// "59" alone on the last line (--count)
const COUNT = /^\d+$/;

const PROGRAMS = new Set(['flake8', 'pflake8', 'pycodestyle']);

export const flake8: Compressor = {
  id: 'flake8',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return PROGRAMS.has(command.program);
  },
  sniff(source: Source): boolean {
    const sample = source.lines.slice(0, 50).filter((line) => line.trim() !== '');
    return sample.length >= 5 && sample.filter((line) => PYTHON_LINT_LINE.test(line) && !line.includes(' [*] ')).length >= sample.length * 0.8;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    // ruff's concise format looks the same line by line, but its summary is ruff's: the ruff filter keeps it.
    if (endsWithRuffSummary(lines)) return undefined;
    const diagnostics: Diagnostic[] = [];
    let summaryAt: number | undefined;
    let statistics = 0;
    let total: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const head = PYTHON_LINT_LINE.exec(line);
      if (head) {
        // --show-source: the source line and its caret follow, neither of them a violation.
        let end = i + 1;
        while (end < lines.length && end < i + 3 && !PYTHON_LINT_LINE.test(lines[end]) && !STATISTIC.test(lines[end]) && lines[end].trim() !== '' && !(COUNT.test(lines[end]) && end === lines.length - 1)) end++;
        const code = head[1] ?? head[2];
        diagnostics.push({ from: i, to: end, head: i, severity: pythonLintSeverity(code), rule: code });
        i = end - 1;
        continue;
      }
      const statistic = STATISTIC.exec(line);
      if (statistic) {
        summaryAt ??= i;
        statistics += Number(statistic[1]);
      } else if (COUNT.test(line.trim()) && lines.slice(i + 1).every((rest) => rest.trim() === '')) {
        summaryAt ??= i;
        total = Number(line.trim());
      }
    }
    if (diagnostics.length === 0) return undefined;
    // --count prints the total; --statistics prints one count per code: both must match what was listed.
    const reported = total ?? (statistics > 0 ? statistics : undefined);
    // With --statistics flake8 counts every code itself: our per-rule count line would repeat it.
    return renderDiagnostics(context, { diagnostics, summaryAt, reported: reported === undefined ? undefined : { problems: reported }, warningNoun: 'violations', rulesCounted: statistics > 0 });
  },
};
