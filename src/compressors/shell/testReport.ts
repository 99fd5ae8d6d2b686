// What every test-runner compressor shares: a plan of which lines of a run to keep (each failure
// block, notable lines, the runner's own summary), rendered failures first. Inside a failure, stack
// frames outside the project and source excerpts are left out; a long run of source in a traceback
// gets its own marker. Every line not shown is accounted for by one marker that says what those lines
// were and how complete the output is. The runners parse; this file only renders what they decided.
import type { CompressContext, Draft, ParsedCommand } from '../types';
import { DraftBuilder } from '../shared/draft';

/** Source lines [from, to), 0-based. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** A failure block and what inside it is not worth showing. */
export interface Block extends Span {
  /** Written in place of the block's first line, a title line that says the same and more (pytest's `FAILED <node id>`). */
  readonly title?: string;
  /** Lines that carry no facts (timings, decoration, runtime frames), left to the overall marker. */
  readonly drop?: readonly number[];
  /** Stack frames the runner found outside the project (pytest's stdlib entries), counted as frame lines in the overall marker. */
  readonly frames?: readonly number[];
  /** Source lines the runner printed above a failing line whose location is kept, counted as excerpt lines in the overall marker. */
  readonly excerpts?: readonly number[];
  /** Keep its source excerpts (where the excerpt is the only place the error is shown, e.g. a syntax error). */
  readonly keepCode?: boolean;
  /** Ranges inside the block replaced by their own marker (a long run of source above a failing line). */
  readonly cuts?: readonly (Span & { readonly detail: string })[];
}

/** How a runner's failure blocks show stack frames and code excerpts. */
export interface FrameRules {
  /** One stack frame (`    at Object.toBe (src/a.test.ts:11:65)`). */
  isFrame(line: string): boolean;
  /** A frame in the project's own code, not the runtime's or a dependency's. */
  isProjectFrame(line: string): boolean;
  /** One line of the source excerpt printed under an error (`    > 11 |   expect(x)`). */
  isCodeFrame?(line: string): boolean;
}

export interface TestReport {
  /** Short runner name for the transform notes (`vitest`). */
  readonly runner: string;
  /** Every failure block, in the order shown (first in the output), separated by a blank line. */
  readonly failures: readonly Block[];
  /** Lines kept verbatim after the failures: skipped tests, failing parents, warnings. */
  readonly notes?: readonly Span[];
  /** The runner's own summary lines, kept verbatim at the end. */
  readonly summary: readonly Span[];
  /**
   * Ranges that repeat the failures shown (pytest's short test summary, rspec's rerun list): each is
   * written as its own ranged marker where it stands among the summary lines.
   */
  readonly repeats?: readonly (Span & { readonly detail: string })[];
  /** What the lines not shown were, e.g. `41 passing tests, timings`. Built from the input only. */
  readonly cut: string;
  /** How complete the output is, e.g. `all 5 failures shown`. */
  readonly complete: string;
  /** A substring that finds the passing tests in the original (`✔`), for the marker's retrieval hint. */
  readonly grep?: string;
  readonly frames?: FrameRules;
  /** What the overall marker calls the frame lines it hides (`std frame line`); default `frame line`. */
  readonly frameNoun?: string;
}

/** Project frames kept per run of stack frames; the rest of the run is left out. */
const PROJECT_FRAMES_KEPT = 2;
/** Frames kept when a run has no project frame at all (the top of the stack is where it broke). */
const FRAMES_KEPT_WITHOUT_PROJECT = 2;
/** A failure block longer than this shows its head and tail; the middle is marked. */
const MAX_BLOCK_LINES = 80;
const BLOCK_HEAD = 50;
const BLOCK_TAIL = 20;
/** Past this many failures, a failure shows only its first line (each cut still marked). */
const MAX_FULL_FAILURES = 40;
/** The marker grammar shortens details past 160 characters; ours stay under that. */
const MAX_MARKER_DETAIL = 158;
/** Cutting fewer characters than this saves too little for the marker it costs: such lines are kept. */
const MIN_CUT_CHARS = 100;

type Cut = (from: number, to: number, detail: string) => void;
type Hide = (i: number, kind: 'frame' | 'excerpt' | 'noise') => void;

export function renderTestReport(context: CompressContext, report: TestReport): Draft {
  const { lines } = context.source;
  const builder = new DraftBuilder(context.source);
  const shown = new Uint8Array(lines.length);
  const hidden = { frame: 0, excerpt: 0, noise: 0 };
  const keep = (i: number) => {
    builder.keep(i);
    shown[i] = 1;
  };
  const hide: Hide = (_i, kind) => { hidden[kind]++; };
  const cut: Cut = (from, to, detail) => {
    let chars = 0;
    for (let i = from; i < to && chars <= MIN_CUT_CHARS; i++) chars += lines[i].length + 1;
    if (chars <= MIN_CUT_CHARS) {
      for (let i = from; i < to; i++) keep(i);
      return;
    }
    builder.write(builder.marker({ verb: 'omitted', count: to - from, unit: 'lines', lines: [builder.lineNumber(from), builder.lineNumber(to - 1)], detail }));
    shown.fill(1, from, to);
  };

  let written = 0;
  report.failures.forEach((failure, n) => {
    const trimmed = trimBlank(lines, failure);
    if (trimmed.to <= trimmed.from) return;
    if (written++ > 0) builder.write('');
    let block = trimmed;
    if (failure.title !== undefined && block.from === failure.from) {
      builder.write(failure.title);
      shown[block.from] = 1;
      block = { from: block.from + 1, to: block.to };
    }
    if (n >= MAX_FULL_FAILURES) {
      if (block === trimmed) keep(block.from);
      cut(trimmed.from + 1, block.to, 'rest of this failure');
      return;
    }
    const frames = failure.keepCode && report.frames ? { ...report.frames, isCodeFrame: undefined } : report.frames;
    const hidden = new Map<number, 'frame' | 'excerpt' | 'noise'>();
    for (const i of failure.excerpts ?? []) hidden.set(i, 'excerpt');
    for (const i of failure.frames ?? []) hidden.set(i, 'frame');
    for (const i of failure.drop ?? []) hidden.set(i, 'noise');
    renderBlock(lines, block, hidden, failure.cuts ?? [], frames, { keep, cut, hide });
  });
  for (const span of report.notes ?? []) for (let i = span.from; i < span.to; i++) if (!shown[i]) keep(i);

  // Everything not shown yet, except the summary, is covered by one marker.
  const summary = new Uint8Array(lines.length);
  for (const span of report.summary) summary.fill(1, span.from, span.to);
  for (const span of report.repeats ?? []) summary.fill(1, span.from, span.to);
  let count = 0;
  let first = -1;
  let last = -1;
  // Blank lines after the last text (the final newline) are not worth a mention.
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  for (let i = 0; i < end; i++) {
    if (shown[i] || summary[i]) continue;
    count++;
    if (first < 0) first = i;
    last = i;
  }
  if (count > 0) {
    const contiguous = last - first + 1 === count;
    const inside = [
      ...(hidden.frame > 0 ? [plural(hidden.frame, report.frameNoun ?? 'frame line')] : []),
      ...(hidden.excerpt > 0 ? [plural(hidden.excerpt, 'excerpt line')] : []),
    ];
    // The completeness statement and the retrieval hint must survive the marker's length limit.
    const tail = `; ${report.complete}${!contiguous && report.grep ? `; grep "${report.grep}"` : ''}`;
    let what = [report.cut, ...inside].filter((s) => s !== '').join(', ');
    if (what.length + tail.length > MAX_MARKER_DETAIL) what = `${what.slice(0, Math.max(0, MAX_MARKER_DETAIL - tail.length - 1))}…`;
    builder.write(builder.marker({
      verb: 'omitted', count, unit: 'lines',
      ...(contiguous ? { lines: [builder.lineNumber(first), builder.lineNumber(last)] as const } : {}),
      detail: `${what}${tail}`,
    }));
  }
  for (let i = 0; i < lines.length; i++) {
    const repeat = report.repeats?.find((r) => r.from === i);
    if (repeat) {
      cut(repeat.from, repeat.to, repeat.detail);
      i = repeat.to - 1;
    } else if (summary[i] && !shown[i]) keep(i);
  }

  builder.note(`test-report:${report.runner}`, `${report.failures.length} failure blocks kept first; ${count} other lines marked (${hidden.frame} frame, ${hidden.excerpt} excerpt lines among them); runner summary kept`);
  return builder.build();
}

/** A failure block: every line, except the lines the runner hid, frames outside the project and code excerpts. */
function renderBlock(
  lines: readonly string[], block: Span, hidden: ReadonlyMap<number, 'frame' | 'excerpt' | 'noise'>, cuts: readonly (Span & { readonly detail: string })[],
  rules: FrameRules | undefined, out: { keep: (i: number) => void; cut: Cut; hide: Hide },
): void {
  const head = block.to - block.from > MAX_BLOCK_LINES ? block.from + BLOCK_HEAD : block.to;
  const tail = head < block.to ? block.to - BLOCK_TAIL : block.to;
  // Whether the last line shown was blank: two blank lines never meet where hidden lines were between.
  let blankShown = false;
  const shown = {
    keep: (k: number) => { out.keep(k); blankShown = lines[k].trim() === ''; },
    hide: out.hide,
  };
  const emit = (from: number, to: number) => {
    const isCode = (k: number) => k >= from && k < to && rules?.isCodeFrame?.(lines[k]) === true;
    let i = from;
    while (i < to) {
      const planned = cuts.find((c) => c.from === i);
      if (planned) {
        const until = Math.min(planned.to, to);
        out.cut(planned.from, until, planned.detail);
        blankShown = false;
        i = Math.max(i + 1, until);
      } else if (hidden.has(i)) {
        out.hide(i, hidden.get(i)!);
        i++;
      }
      // Blank lines: one where the runner printed several, none around a left-out source excerpt.
      else if (lines[i].trim() === '' && (blankShown || (i > from && lines[i - 1].trim() === '') || isCode(i - 1) || isCode(i + 1))) out.hide(i++, 'noise');
      else if (isCode(i)) out.hide(i++, 'excerpt');
      else if (rules?.isFrame(lines[i])) {
        let j = i + 1;
        while (j < to && rules.isFrame(lines[j])) j++;
        emitFrames(lines, i, j, rules, shown);
        i = j;
      } else shown.keep(i++);
    }
  };
  emit(block.from, head);
  if (head < block.to) {
    out.cut(head, tail, 'middle of a long failure');
    emit(tail, block.to);
  }
}

/** Keeps the first project frames of a stack (or its top when none is the project's); the rest are left out. */
function emitFrames(lines: readonly string[], from: number, to: number, rules: FrameRules, out: { keep: (i: number) => void; hide: Hide }): void {
  const kept = new Set<number>();
  for (let i = from; i < to && kept.size < PROJECT_FRAMES_KEPT; i++) if (rules.isProjectFrame(lines[i])) kept.add(i);
  if (kept.size === 0) for (let i = from; i < Math.min(to, from + FRAMES_KEPT_WITHOUT_PROJECT); i++) kept.add(i);
  for (let i = from; i < to; i++) {
    if (kept.has(i)) out.keep(i);
    else out.hide(i, 'frame');
  }
}

/** The span without blank lines at either end. */
export function trimBlank(lines: readonly string[], span: Span): Span {
  let from = span.from;
  let to = span.to;
  while (from < to && lines[from].trim() === '') from++;
  while (to > from && lines[to - 1].trim() === '') to--;
  return { from, to };
}

/** Spans for single lines. */
export function lineSpans(indices: readonly number[]): Span[] {
  return indices.map((i) => ({ from: i, to: i + 1 }));
}

/** What the output says about completeness: `no failures`, `the 1 failure shown`, `all 5 failures shown`. */
export function allShown(count: number, noun = 'failure'): string {
  if (count === 0) return `no ${noun}s`;
  return count === 1 ? `the 1 ${noun} shown` : `all ${count} ${noun}s shown`;
}

/** `3 passing tests`, `1 passing test`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const SCRIPT_RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

// What npm prints after a failed package script: `npm ERR! Test failed.  See above for more details.`,
// `npm error Lifecycle script `test` failed with error:`, `npm error code 1`.
const NPM_TRAILER = /^npm (?:ERR!|error|warn|WARN|notice) /;

/** Where the trailing block of npm's own lines begins (blank lines around it included); `lines.length` when there is none. */
export function npmTrailer(lines: readonly string[]): number {
  let start = lines.length;
  let found = false;
  while (start > 0 && (lines[start - 1].trim() === '' || NPM_TRAILER.test(lines[start - 1]))) {
    if (lines[start - 1].trim() !== '') found = true;
    start--;
  }
  return found ? start : lines.length;
}

/**
 * `npm test`, `npm t`, `npm run test:unit`, `yarn test`, `pnpm test`, `bun run test`: a package script
 * that may run any JavaScript test runner, so each runner that claims it must check the content.
 */
export function isPackageTestScript(command: ParsedCommand): boolean {
  if (!SCRIPT_RUNNERS.has(command.program)) return false;
  const [first, second] = command.args;
  if (first === 'test' || first === 't' || first === 'tst') return true;
  return (first === 'run' || first === 'run-script') && second !== undefined && /^test(?:$|[:-])/.test(second);
}

// A JavaScript stack frame, from V8 (`    at Object.toBe (src/a.test.ts:11:65)`, `    at async Promise.all (index 0)`),
// from node:test's TAP YAML, which drops the `at` (`        TestContext.<anonymous> (/p/a.test.js:16:12)`),
// or inside a TAP diagnostic (`#     at Module._load (node:internal/modules/cjs/loader:1038:27)`).
const JS_FRAME = /^#?\s+(?:at )?(?:async |new )?(?:[^\s(]+(?: \[as [^\]\s]+\])? \((?:[^()\s]+:\d+:\d+|index \d+|native|<anonymous>)\)|(?:file:\/\/)?[^\s()]+:\d+:\d+)(?: \{)?$/;
// Frames in the runtime or a dependency: `(node:internal/…)`, `(node:async_hooks:206:9)`, `node_modules/`, `(index 0)`.
const JS_RUNTIME_FRAME = /\(node:|\bnode:internal|[\\/]node_modules[\\/]|[ (]node_modules[\\/]|\((?:index \d+|native|<anonymous>)\)(?: \{)?$/;
// A line of a code excerpt under an error: jest `    > 11 |     expect(x)`, vitest `     12|   expect(x)`, or its caret line `       |     ^`.
const CODE_FRAME = /^ *(?:> *)?\d+ ?\|(?: |$)|^ +\| +\^+ *$/;

export const JS_FRAMES: FrameRules = {
  isFrame: (line) => line.length < 1000 && JS_FRAME.test(line),
  isProjectFrame: (line) => !JS_RUNTIME_FRAME.test(line) && /:\d+:\d+\)?(?: \{)?$/.test(line),
  isCodeFrame: (line) => CODE_FRAME.test(line),
};
