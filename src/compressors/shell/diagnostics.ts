// The shared engine behind the compiler and linter filters (tsc, eslint, gcc, cargo, go, mypy, ruff,
// flake8, javac, maven). Each filter scans its tool's output into diagnostic blocks and noise lines;
// this file decides what stays: every error with its message (and a short code frame), the first few
// warnings of each rule (beside errors: one each of the first few rules, location and message only),
// every line it does not understand, and the tool's own summary. Dropped warnings and noise become
// markers with exact line ranges; a per-rule count line says what was grouped.
import type { CompressContext, Draft } from '../types';
import { DraftBuilder } from '../shared/draft';

export type Severity = 'error' | 'warning';

/** One diagnostic as the tool printed it: lines [from, to) of the source. */
export interface Diagnostic {
  readonly from: number;
  readonly to: number;
  /** The line with the location and the message. Lines [from, head) are context printed before it. */
  readonly head: number;
  /** Lines [head, messageEnd) are the message itself (kept whole for errors); default head + 1. */
  readonly messageEnd?: number;
  readonly severity: Severity;
  /** Grouping key: a rule or code (`no-console`, `E501`, `-Wunused-variable`) or a message template. */
  readonly rule: string;
  /** Warnings of this rule kept at most, when fewer than the default (a note repeated word for word: 1). */
  readonly examples?: number;
  /** A line of the block kept even when the block is shortened (ruff's `help:` line). */
  readonly alsoKeep?: number;
  /**
   * Lines of a warning's frame an example never shows: boilerplate the tool prints the same way under
   * every warning (rustc's `= note: #[warn(…)] on by default`). They stay in the stashed block.
   */
  readonly quiet?: readonly number[];
  /**
   * An error whose message repeats an earlier error's word for word (a template instantiated again):
   * it keeps its frame and the ends of its context; its notes, the same as before, are marked in place.
   */
  readonly repeats?: boolean;
}

export interface Scan {
  readonly diagnostics: readonly Diagnostic[];
  /** Lines that carry no diagnostic information (progress, echoed commands), with a short label each. */
  readonly noise?: ReadonlyMap<number, string>;
  /** Lines that title a group (a file name, `# package`), kept only when something after them up to `end` is kept. */
  readonly headers?: readonly { readonly line: number; readonly end: number }[];
  /** Counts the tool itself printed; when ours differ, every warning is kept. */
  readonly reported?: { readonly errors?: number; readonly warnings?: number; readonly problems?: number };
  /** Where the per-rule count line goes (usually just before the tool's summary); default the end. */
  readonly summaryAt?: number;
  /** What the tool calls the grouped diagnostics in the count line; default `warnings`. */
  readonly warningNoun?: string;
  /** The tool printed its own count per rule (flake8 `--statistics`): our count line would repeat it. */
  readonly rulesCounted?: boolean;
  /** The run failed for a reason that is no diagnostic (Maven's BUILD FAILURE on a plugin): warnings are secondary, as beside errors. */
  readonly failed?: boolean;
}

export interface RenderOptions {
  /** Warnings kept per rule at most; the rest are marked. */
  readonly examplesPerRule?: number;
  /** Warnings kept in all: with many rules, fewer per rule (never fewer than one). */
  readonly exampleBudget?: number;
  /** Warnings kept in all beside errors (one per rule, the first rules to appear); every rule is still counted. */
  readonly examplesBesideErrors?: number;
  /** Lines kept after a kept error's message (frame, notes); the rest of the block is marked. */
  readonly errorBodyLines?: number;
  /** Lines kept after a kept warning's message. */
  readonly warningBodyLines?: number;
  /** Context lines kept before a head (`In file included from`, `required from`): this many from each end. */
  readonly contextLines?: number;
  /**
   * Errors after this many (and after the first `examplesPerRule` of their code) keep their message
   * but not their frame; those frames go to one stashed original.
   */
  readonly framedErrors?: number;
}

const DEFAULTS: Required<RenderOptions> = {
  examplesPerRule: 3,
  exampleBudget: 12,
  examplesBesideErrors: 6,
  errorBodyLines: 24,
  warningBodyLines: 12,
  contextLines: 4,
  // The first errors keep their frames, and after them the first few of each code: the 4th
  // `TS7006 Parameter 'x' implicitly has an 'any' type` frame teaches nothing the 3rd did not.
  framedErrors: 5,
};
/** Lines kept after the message of an error that repeats an earlier one: its frame (source and caret). */
const REPEAT_BODY_LINES = 2;
/** Fewer noise lines than this in one place are kept rather than marked. */
const MIN_NOISE_RUN = 3;
/** Rules named in the per-rule count line (the only place a rule without an example is named); the rest are counted as "N more rules". */
const RULES_LISTED = 24;

const KEEP = 0;
const NOISE = 1;
const WARNING = 2;
const TRIMMED = 3;
/** The middle of a long context (`In file included from`, `required from` chains) above a head: marked in place. */
const CONTEXT = 7;
/** The shortened part of a warning shown as an example: stashed with the dropped warnings. */
const EXAMPLE_REST = 6;
const FRAME = 4;
/** Cut along with its neighbours, counted as nothing (blank lines, group titles). */
const SILENT = 5;

export function renderDiagnostics(context: CompressContext, scan: Scan, options: RenderOptions = {}): Draft {
  const opts = { ...DEFAULTS, ...options };
  const { lines } = context.source;
  const state = new Uint8Array(lines.length); // KEEP by default: unknown lines always stay
  const builder = new DraftBuilder(context.source);

  for (const index of scan.noise?.keys() ?? []) if (index < lines.length) state[index] = NOISE;

  const errors = scan.diagnostics.filter((d) => d.severity === 'error');
  const warnings = scan.diagnostics.filter((d) => d.severity === 'warning');
  const consistent = countsAgree(scan, errors.length, warnings.length);
  if (!consistent) builder.note('counts', `parsed ${errors.length} errors and ${warnings.length} warnings, the tool reported ${describeReported(scan)}: every warning kept`);

  // Warnings: the first few of each rule stay (fewer when there are many rules), the rest are
  // marked; a warning printed again word for word (a header included twice) is never an example.
  // When there are errors, the errors are what the reader must act on: one example per rule for the
  // first few rules, location and message only (its frame goes to the grouped cut, in full); the
  // count line still names every rule.
  const withErrors = (errors.length > 0 || scan.failed === true) && consistent;
  const ruleCount = new Set(warnings.map((d) => d.rule)).size;
  const examples = withErrors ? 1 : Math.max(1, Math.min(opts.examplesPerRule, Math.floor(opts.exampleBudget / Math.max(ruleCount, 1))));
  const perRule = new Map<string, { total: number; kept: number }>();
  const seen = new Set<string>();
  let shownBesideErrors = 0;
  const chosen = warnings.map((d) => {
    const entry = perRule.get(d.rule) ?? { total: 0, kept: 0 };
    entry.total++;
    perRule.set(d.rule, entry);
    const repeat = seen.has(lines[d.head]);
    seen.add(lines[d.head]);
    if (consistent && (repeat || entry.kept >= Math.min(examples, d.examples ?? examples))) return 0;
    if (withErrors && shownBesideErrors++ >= opts.examplesBesideErrors) return 0;
    return ++entry.kept;
  });
  // Shortening an example costs a count line and a marker unless some warnings are grouped anyway.
  const grouped = chosen.includes(0);
  warnings.forEach((d, n) => {
    if (chosen[n] === 0) {
      for (let i = d.from; i < d.to; i++) state[i] = WARNING;
      return;
    }
    // The first example of a rule shows its frame (without boilerplate); the next ones, and every
    // example beside errors, their location and message.
    const quiet = consistent && grouped ? new Set(d.quiet) : undefined;
    if (consistent && (chosen[n] > 1 || (withErrors && grouped))) trimBlock(state, d, 0, 0, EXAMPLE_REST);
    else trimBlock(state, d, opts.warningBodyLines, opts.contextLines, EXAMPLE_REST, quiet);
  });

  // Errors: always kept; long blocks keep their start, very many errors keep their message only.
  const stashedFrames: string[] = [];
  const framesPerRule = new Map<string, number>();
  let stashedErrors = 0;
  errors.forEach((d, n) => {
    for (let i = d.from; i < d.to; i++) if (state[i] === WARNING) state[i] = KEEP; // an error is never hidden
    // The first errors, and the first few of every code, keep their frames.
    const ofRule = framesPerRule.get(d.rule) ?? 0;
    framesPerRule.set(d.rule, ofRule + 1);
    if (n >= opts.framedErrors && ofRule >= opts.examplesPerRule) {
      const messageEnd = d.messageEnd ?? d.head + 1;
      let end = d.to; // the blank lines after the frame go with it
      while (end < lines.length && lines[end].trim() === '' && state[end] === KEEP) end++;
      if (lines.slice(messageEnd, d.to).some((line) => line.trim() !== '')) {
        stashedFrames.push(...lines.slice(d.head, end));
        stashedErrors++;
        for (let i = messageEnd; i < end; i++) state[i] = FRAME;
      }
      trimContext(state, d, opts.contextLines);
    } else if (d.repeats) trimBlock(state, d, REPEAT_BODY_LINES, 1, TRIMMED);
    else trimBlock(state, d, opts.errorBodyLines, opts.contextLines, TRIMMED);
  });

  // Group titles follow what is under them.
  const headerOf = new Map<number, number>();
  for (const header of scan.headers ?? []) {
    for (let i = header.line + 1; i < Math.min(header.end, lines.length); i++) headerOf.set(i, header.line);
    if (state[header.line] !== KEEP) continue;
    let anyKept = false;
    for (let i = header.line + 1; i < Math.min(header.end, lines.length) && !anyKept; i++) anyKept = state[i] === KEEP && lines[i].trim() !== '';
    if (!anyKept) state[header.line] = SILENT;
  }
  // A blank line right after a cut belongs to the cut.
  for (let i = 1; i < lines.length; i++) if (state[i] === KEEP && lines[i].trim() === '' && state[i - 1] !== KEEP && state[i - 1] !== FRAME && state[i - 1] !== EXAMPLE_REST) state[i] = SILENT;

  // Dropped warnings are scattered: they go, with their group titles, to one stashed original.
  const stashedWarnings: string[] = [];
  let lastHeader = -1;
  let droppedWarnings = 0;
  let shortened = 0;
  for (const d of warnings) {
    if (state[d.head] === WARNING) droppedWarnings++;
    else if (state.subarray(d.from, d.to).includes(EXAMPLE_REST)) shortened++;
    else continue;
    const header = headerOf.get(d.head);
    if (header !== undefined && header !== lastHeader) stashedWarnings.push(lines[header]);
    lastHeader = header ?? -1;
    stashedWarnings.push(...lines.slice(d.from, d.to));
  }

  // Noise is only worth a marker in bulk: a lone `Compiling …` line stays.
  for (let from = 0; from < lines.length; ) {
    if (state[from] === KEEP) { from++; continue; }
    let to = from;
    let noisy = 0;
    let trimmed = false;
    for (; to < lines.length && state[to] !== KEEP; to++) {
      if (state[to] === NOISE) noisy++;
      if (state[to] === TRIMMED || state[to] === CONTEXT) trimmed = true;
    }
    if (noisy > 0 && noisy < MIN_NOISE_RUN && !trimmed) for (let k = from; k < to; k++) if (state[k] === NOISE) state[k] = KEEP;
    from = to;
  }

  const heads = new Map<number, Diagnostic>();
  for (const d of warnings) heads.set(d.head, d);
  const summaryAt = Math.min(scan.summaryAt ?? lines.length, lines.length);
  const noun = scan.warningNoun ?? 'warnings';

  let i = 0;
  while (i <= lines.length) {
    if (i === summaryAt) {
      if (droppedWarnings + shortened > 0) {
        if (!scan.rulesCounted) builder.write(ruleLine(perRule, warnings.length, noun));
        const id = context.stash(stashedWarnings.join('\n'));
        const past = shownBesideErrors > opts.examplesBesideErrors ? `past ${opts.examplesBesideErrors} examples beside errors` : `past ${examples} per rule`;
        const others = droppedWarnings > 0 ? `${droppedWarnings} more ${noun} (${past}, or repeats)` : '';
        const whole = shortened > 0 ? `${shortened} shortened above` : '';
        const detail = `${[others, whole].filter(Boolean).join(' + ')}, in full, in order; --grep a rule`;
        builder.write(builder.marker({ id, verb: 'omitted', count: stashedWarnings.length, unit: 'lines', detail }));
      }
      if (stashedFrames.length > 0) {
        const id = context.stash(stashedFrames.join('\n'));
        builder.write(builder.marker({ id, verb: 'omitted', count: stashedFrames.length, unit: 'lines', detail: `frames of ${stashedErrors} later errors, each after its error line` }));
      }
    }
    if (i === lines.length) break;
    if (state[i] === KEEP) {
      builder.keep(i);
      i++;
      continue;
    }
    // A run of cut lines gets a marker in place only when it holds noise or a trimmed block;
    // dropped warnings and frames are covered by the stashed originals above.
    let j = i;
    const tally = new Tally();
    while (j < lines.length && state[j] !== KEEP && j !== summaryAt) {
      const d = heads.get(j);
      if (state[j] === WARNING && d) tally.add(d.rule, 'warning');
      else if (state[j] === NOISE) tally.add(scan.noise?.get(j) ?? 'noise', 'noise');
      else if (state[j] === TRIMMED) tally.add('', 'trimmed');
      else if (state[j] === CONTEXT) tally.add('', 'context');
      j++;
    }
    if (tally.inPlace) builder.omit(i, j, { detail: tally.describe(noun) });
    i = j;
  }

  builder.note('diagnostics', `${errors.length} errors kept whole; ${warnings.length} ${noun} in ${perRule.size} rules, ${droppedWarnings} grouped into one cut`);
  return builder.build();
}

/** True when the counts the tool printed match what was parsed (or the tool printed none). */
function countsAgree(scan: Scan, errors: number, warnings: number): boolean {
  const reported = scan.reported;
  if (!reported) return true;
  if (reported.errors !== undefined && reported.errors !== errors) return false;
  if (reported.warnings !== undefined && reported.warnings !== warnings) return false;
  if (reported.problems !== undefined && reported.problems !== errors + warnings) return false;
  return true;
}

function describeReported(scan: Scan): string {
  const parts: string[] = [];
  if (scan.reported?.errors !== undefined) parts.push(`${scan.reported.errors} errors`);
  if (scan.reported?.warnings !== undefined) parts.push(`${scan.reported.warnings} warnings`);
  if (scan.reported?.problems !== undefined) parts.push(`${scan.reported.problems} problems`);
  return parts.join(' and ');
}

/** Keeps the context ends, the message and `bodyLines` after it (`quiet` lines neither shown nor counted); the rest of the block gets state `cut`. */
function trimBlock(state: Uint8Array, d: Diagnostic, bodyLines: number, contextLines: number, cut: number, quiet?: ReadonlySet<number>): void {
  if (contextLines === 0) {
    for (let i = d.from; i < d.head; i++) if (state[i] === KEEP) state[i] = cut;
  } else trimContext(state, d, contextLines);
  let shown = 0;
  for (let i = d.messageEnd ?? d.head + 1; i < d.to; i++) {
    if (state[i] !== KEEP) continue;
    if (i === d.alsoKeep) shown++;
    else if (quiet?.has(i) || shown >= bodyLines) state[i] = cut;
    else shown++;
  }
}

function trimContext(state: Uint8Array, d: Diagnostic, contextLines: number): void {
  if (d.head - d.from <= 2 * contextLines + 1) return;
  for (let i = d.from + contextLines; i < d.head - contextLines; i++) if (state[i] === KEEP) state[i] = CONTEXT;
}

function ruleLine(perRule: ReadonlyMap<string, { total: number; kept: number }>, total: number, noun: string): string {
  const rules = [...perRule.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1));
  const listed = rules.slice(0, RULES_LISTED).map(([rule, r]) => `${rule} ${r.total}`);
  if (rules.length > RULES_LISTED) listed.push(`${rules.length - RULES_LISTED} more rules`);
  return `headroom: ${total} ${noun} in ${rules.length} rule${rules.length === 1 ? '' : 's'}: ${listed.join(', ')}`;
}

/** Counts what a cut run holds, for the marker's detail. */
class Tally {
  private readonly noise = new Map<string, number>();
  private warnings = 0;
  private trimmed = 0;
  private context = 0;

  /** Runs with noise or a trimmed block get a marker in place; warnings alone are in the stashed cut. */
  get inPlace(): boolean {
    return this.noise.size > 0 || this.trimmed > 0 || this.context > 0;
  }

  add(key: string, kind: 'warning' | 'noise' | 'trimmed' | 'context'): void {
    if (kind === 'warning') this.warnings++;
    else if (kind === 'noise') this.noise.set(key, (this.noise.get(key) ?? 0) + 1);
    else if (kind === 'context') this.context++;
    else this.trimmed++;
  }

  describe(noun: string): string {
    const parts: string[] = [];
    for (const [label, n] of this.noise) parts.push(`${n} ${label}`);
    if (this.trimmed > 0) parts.push('rest of the diagnostic above');
    if (this.context > 0) parts.push('context of the diagnostic below');
    if (this.warnings > 0) parts.push(`${this.warnings} ${this.warnings === 1 ? noun.slice(0, noun.endsWith('s') ? -1 : undefined) : noun} also in the grouped cut`);
    return parts.join('; ');
  }
}

/**
 * A message with its variable parts masked, for grouping diagnostics that name no rule:
 * "unused variable: `count`" and "unused variable: `pad`" share "unused variable: `…`".
 */
export function messageTemplate(message: string): string {
  return message.replace(BACKTICKED, '`…`').replace(QUOTED, (q) => `${q[0]}…${q[q.length - 1]}`).replace(NUMBER, '#').trim();
}
// `count`, `std::io::Read`
const BACKTICKED = /`[^`\n]*`/g;
// 'diff', "str", ‘clamp’
const QUOTED = /'[^'\n]*'|"[^"\n]*"|‘[^’\n]*’/g;
// 42, 3.5
const NUMBER = /\d+(?:\.\d+)?/g;

// Python linters (ruff, flake8) have no severities: the codes flake8's own docs single out as the
// ones that should stop a build (syntax errors, undefined names, invalid comparisons and
// statements) count as errors; every other code is grouped like a warning.
// E999, E902, F821, F822, F823, F632, F633, F701, F704, F706, F707 — and ruff's `invalid-syntax`
const PYTHON_ERROR_CODE = /^(?:E9\d\d|F63\d|F7\d\d|F82\d|invalid-syntax|SyntaxError)$/;

export function pythonLintSeverity(code: string): Severity {
  return PYTHON_ERROR_CODE.test(code) ? 'error' : 'warning';
}

// inventory/cli.py:2:13: F401 [*] `os` imported but unused   (ruff concise, flake8, pycodestyle)
// inventory/report_v3.py:5:38: E999 SyntaxError: expected ':'   inventory/x.py:5:37: invalid-syntax: Expected `:`
export const PYTHON_LINT_LINE = /^[^\s:][^:\n]*:\d+:\d+: (?:([A-Z]+\d+)\b|(invalid-syntax|SyntaxError):)/;
