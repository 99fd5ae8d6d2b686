// RSpec, progress and documentation formats. Keeps every numbered entry of `Failures:` (description,
// `Failure/Error:` line, expected/got, diff, the `# ./…` project frames; gem frames, `(compared
// using ==)`, `@@` lines and the source line repeating `Failure/Error:` are marked),
// errors outside examples (a spec file that fails to load), a short `Pending:` section, the
// `N examples, N failures` line; the `Failed examples:` rerun list, one line per failure shown, is marked. The progress dots or the
// documentation tree become one count. Declines when the entries are not exactly 1..N for N failures.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { allShown, plural, renderTestReport, trimBlank, type Block, type FrameRules, type Span } from './testReport';

// `44 examples, 5 failures, 2 pending`, `0 examples, 0 failures, 1 error occurred outside of examples`
const SUMMARY = /^(\d+) examples?, (\d+) failures?(?:, (\d+) pending)?(?:, (\d+) errors? occurred outside of examples)?$/;
// `  2) Cart.total rounds to cents`
const ENTRY = /^ {2}(\d+)\) \S/;
// `F...............................F.....F**.FF`
const PROGRESS = /^[.F*E]+$/;
// `Finished in 0.05206 seconds (files took 0.15504 seconds to load)`
const FINISHED = /^Finished in [\d.]+ (?:seconds?|minutes?)/;
// `     # ./lib/cart.rb:24:in `line_items'`, `     # /usr/lib/ruby/gems/3.1.0/gems/rspec-core/lib/x.rb:263:in `instance_exec'`
const FRAME = /^\s*# \S+:\d+(?::in .*)?$/;
// Decoration inside a failure: `       (compared using ==)`, a diff's `       @@ -1,3 +1,3 @@` hunk line.
const DECORATION = /^ +\(compared using [^()\n]+\)$|^ +@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@$/;
// `     Failure/Error: cart[:items].map { |i| "#{i[:qty]} x #{i[:price]}" }`
const FAILURE_ERROR = /^ +Failure\/Error: (.+)$/;
// `rspec ./spec/cart_spec.rb:51 # Cart formats line items` in the `Failed examples:` list
const RERUN = /^rspec \S+:\d+ # \S/;
// `                       ^^^^` under a source line
const CARETS = /^ +\^+$/;
/** Pending sections longer than this are counted, not shown. */
const MAX_PENDING_LINES = 40;

const RUBY_FRAMES: FrameRules = {
  isFrame: (line) => FRAME.test(line),
  isProjectFrame: (line) => /^\s*# \.\//.test(line) && !/\/gems\//.test(line),
};

export const rspec: Compressor = {
  id: 'rspec',
  type: 'shell',
  matches: (command: ParsedCommand) => command.program === 'rspec' || (command.program === 'rake' && command.args[0] === 'spec'),
  sniff: (source: Source) => source.lines.some((l) => SUMMARY.test(l)) && source.lines.some((l) => FINISHED.test(l)),
  compress,
};

function compress(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (SUMMARY.test(lines[i])) { at = i; break; }
  if (at < 0) return undefined;
  const counts = SUMMARY.exec(lines[at])!;
  const failed = Number(counts[2]);
  const outside = Number(counts[4] ?? 0);

  const pendingAt = lines.indexOf('Pending: (Failures listed here are expected and do not affect your suite\'s status)');
  const failuresAt = lines.indexOf('Failures:');
  let finished = -1;
  for (let i = at - 1; i >= 0; i--) if (FINISHED.test(lines[i])) { finished = i; break; }
  const bodyEnd = finished >= 0 ? finished : at;

  // Numbered failure entries 1..N, each up to the next entry.
  const failures: Span[] = [];
  if (failuresAt >= 0) {
    let expected = 1;
    for (let i = failuresAt + 1; i < bodyEnd; i++) {
      const m = ENTRY.exec(lines[i]);
      if (!m || Number(m[1]) !== expected) continue;
      if (failures.length > 0) failures[failures.length - 1] = { from: failures[failures.length - 1].from, to: i };
      failures.push({ from: i, to: bodyEnd });
      expected++;
    }
  }
  if (failures.length !== failed) return undefined;

  // Before the sections: the progress line or the documentation tree, and errors outside examples.
  const sectionsAt = [pendingAt, failuresAt].filter((i) => i >= 0);
  const treeEnd = sectionsAt.length > 0 ? Math.min(...sectionsAt) : bodyEnd;
  const documentation = lines.slice(0, treeEnd).some((l) => /^ {2,}\S/.test(l) && !FRAME.test(l));
  const other: Span[] = [];
  let passed = 0;
  let errorFrom = -1;
  for (let i = 0; i <= treeEnd; i++) {
    const line = i < treeEnd ? lines[i] : '';
    if (line.startsWith('An error occurred ')) errorFrom = i;
    if (i < treeEnd && PROGRESS.test(line)) { for (const ch of line) if (ch === '.') passed++; continue; }
    if (errorFrom >= 0 && (i === treeEnd || (line === '' && lines[i + 1] === '' ))) {
      other.push(trimBlank(lines, { from: errorFrom, to: i }));
      errorFrom = -1;
    }
  }
  if (outside > 0 && other.length === 0) return undefined;
  if (documentation) passed = Number(counts[1]) - failed - Number(counts[3] ?? 0);

  // A short Pending section stays (each pending example with its reason); a long one is counted.
  const notes: Span[] = [];
  if (pendingAt >= 0) {
    const pendingEnd = failuresAt > pendingAt ? failuresAt : bodyEnd;
    const pending = trimBlank(lines, { from: pendingAt, to: pendingEnd });
    if (pending.to - pending.from <= MAX_PENDING_LINES) notes.push(pending);
  }
  // `Failed examples:` and its `rspec ./spec/x_spec.rb:15 # …` rerun lines follow the counts.
  // They repeat each failure's name: one ranged marker stands for them when there is one per failure.
  const rerun = lines.indexOf('Failed examples:', at);
  const summary: Span[] = [{ from: at, to: at + 1 }];
  const repeats: (Span & { detail: string })[] = [];
  if (rerun >= 0) {
    const list = trimBlank(lines, { from: rerun, to: lines.length });
    const commands = lines.slice(rerun + 1, list.to).filter((l) => l.trim() !== '');
    if (failed > 0 && commands.length === failed && commands.every((l) => RERUN.test(l))) {
      repeats.push({ ...list, detail: `Failed examples: ${plural(failed, 'rerun command')}, one per failure` });
    } else summary.push(list);
  }

  const blocks: Block[] = failures.map((failure) => ({ ...failure, drop: decoration(lines, failure) }));
  return renderTestReport(context, {
    runner: 'rspec',
    failures: [...other, ...blocks],
    notes,
    summary,
    repeats,
    cut: [
      documentation ? `the documentation tree (${plural(passed, 'passing example')})` : `progress (${plural(passed, 'passing example')})`,
      ...(pendingAt >= 0 && notes.length === 0 ? ['the Pending section'] : []),
      'timing',
      ...(blocks.some((b) => b.drop!.length > 0) ? ['decoration'] : []),
    ].join(', '),
    complete: `${allShown(failed)}${outside > 0 ? `, ${allShown(outside, 'error')} outside examples` : ''}`,
    frames: RUBY_FRAMES,
  });
}

/**
 * Lines of a failure that say nothing new: `(compared using ==)`, a diff's `@@` hunk line, and the
 * source line (with its carets) that repeats the `Failure/Error:` line word for word.
 */
function decoration(lines: readonly string[], failure: Span): number[] {
  const drop: number[] = [];
  let statement: string | undefined;
  for (let i = failure.from; i < failure.to; i++) {
    const line = lines[i];
    statement ??= FAILURE_ERROR.exec(line)?.[1].trim();
    if (DECORATION.test(line)) drop.push(i);
    else if (statement !== undefined && !FAILURE_ERROR.test(line) && line.trim() === statement) {
      drop.push(i);
      if (CARETS.test(lines[i + 1] ?? '')) drop.push(++i);
    }
  }
  return drop;
}
