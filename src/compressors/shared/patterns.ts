// Shared line classifiers. Each regex is a flat alternation of literals with word boundaries
// (no nested quantifiers), so every test runs in time linear in the line length.

// e.g. "npm ERR! code ERESOLVE", "error[E0308]: mismatched types", "FAILED tests/test_a.py::test_x",
// "Traceback (most recent call last):", "panic: runtime error", "Segmentation fault (core dumped)"
const ERROR_LINE = /\b(?:error|errors|err!|fail|failed|failing|failure|failures|fatal|panic|panicked|exception|traceback|denied|refused|cannot|unable|segmentation fault|aborted|critical|unhandled|undefined reference|not found|no such file|conflict|vulnerabilit(?:y|ies))\b|^E |✗|✘|×/i;

// e.g. "npm warn deprecated inflight@1.0.6", "warning: unused variable `x`", "DeprecationWarning:"
const WARNING_LINE = /\b(?:warn|warning|warnings|deprecated|deprecation)\b|Warning:/i;

// e.g. "SyntaxError: expected ':'", "java.lang.IllegalStateException: closed" (case-sensitive suffixes)
const ERROR_CLASS = /(?:Error|Exception)\b/;

export function isErrorLine(line: string): boolean {
  return ERROR_LINE.test(line) || ERROR_CLASS.test(line);
}

export function isWarningLine(line: string): boolean {
  return WARNING_LINE.test(line);
}

/**
 * A line's shape with the parts that vary between repetitions (numbers, hex ids, timestamps)
 * replaced, so "Downloading 1/300" and "Downloading 2/300" share one template.
 */
export function lineTemplate(line: string): string {
  return line.trim().replace(/[0-9a-f]{8,}|\d+/gi, '#');
}

/**
 * A looser shape for runs of log lines that differ in names as well as numbers
 * ("npm http fetch GET 200 …/express 136ms" and "…/lodash 13ms"): the first three words with
 * numbers masked, plus the word count. Never used for error lines, which must match `lineTemplate`.
 */
export function looseTemplate(line: string): string {
  const words = line.trim().split(/\s+/);
  if (words.length < 4) return lineTemplate(line);
  return `${words.slice(0, 3).join(' ').replace(/[0-9a-f]{8,}|\d+/gi, '#')} …${words.length}`;
}
