// cargo build / check / clippy and rustc. Every `error[E…]` block stays with its `-->` location and
// code frame; warnings are grouped by lint (clippy's lint name, else the message with names masked);
// `Compiling …`/`Downloaded …` progress is marked; cargo's own closing lines stay.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, messageTemplate, renderDiagnostics } from './diagnostics';

// error[E0308]: mismatched types   warning: unused variable: `count`   error: expected one of `;` or `}`
const HEAD = /^(error|warning)(?:\[([\w:-]+)\])?: (.*)$/;
//   --> src/store.rs:37:9
const LOCATION = /^ *--> \S/;
// warning: `inventory` (bin "inventory") generated 26 warnings (run `cargo clippy --fix …` to apply 18 suggestions)
const GENERATED = /^warning: `[^`]+` \([^)]*\) generated (\d+) warnings?(?: \((\d+) duplicates?\))?/;
// error: could not compile `inventory` (bin "inventory") due to 3 previous errors; 10 warnings emitted
const COULD_NOT_COMPILE = /^error: could not compile `[^`]+`(?: \([^)]*\))?(?: due to (\d+) previous errors?)?(?:; (\d+) warnings? emitted)?/;
// error: aborting due to 2 previous errors; 3 warnings emitted   (rustc)
const ABORTING = /^error: aborting due to (?:(\d+) previous errors?|previous error)(?:; (\d+) warnings? emitted)?/;
// warning: 3 warnings emitted   (rustc)
const EMITTED = /^warning: (\d+) warnings? emitted/;
//    Compiling serde v1.0.151   Downloaded anyhow v1.0.69   Locking 12 packages to latest compatible versions
const PROGRESS = /^ +(Compiling|Checking|Downloaded|Downloading|Updating|Locking|Adding|Blocking|Fresh|Documenting|Unpacking|Packaging|Verifying|Archiving) /;
// = help: for further information visit https://rust-lang.github.io/rust-clippy/rust-1.95.0/index.html#needless_return
// error[E0502]: cannot borrow `self.items` as mutable because it is also borrowed as immutable
const RUSTC_ERROR = /^error\[E\d{4}\]/;
// Lines rustc and clippy print the same way under every warning of a lint, with the bare gutter line
// above them: `   = note: \`#[warn(unused_variables)]\` (part of \`#[warn(unused)]\`) on by default`,
// `   = help: for further information visit https://rust-lang.github.io/rust-clippy/…#needless_return`.
const BOILERPLATE = /^ *= (?:note: `#\[(?:warn|deny)\([\w:-]+\)\]`(?: \(part of `#\[(?:warn|deny)\([\w:-]+\)\]`\))? on by default$|help: for further information visit https:\/\/\S+$)/;
const GUTTER = /^ *\|$/;
const CLIPPY_LINK = /rust-clippy\/[^#\s]*#([\w-]+)/;

const SUBCOMMANDS = new Set(['build', 'b', 'check', 'c', 'clippy', 'rustc', 'install', 'fix']);

export const cargoBuild: Compressor = {
  id: 'cargoBuild',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program === 'rustc' || command.program === 'clippy-driver' || command.program === 'cargo-clippy') return true;
    if (command.program !== 'cargo') return false;
    const sub = command.args.find((a) => !a.startsWith('+') && !a.startsWith('-'));
    return sub !== undefined && SUBCOMMANDS.has(sub);
  },
  sniff(source: Source): boolean {
    const lines = source.lines.slice(0, 400);
    return lines.some((line, i) => HEAD.test(line) && LOCATION.test(lines[i + 1] ?? '')) && lines.some((line) => PROGRESS.test(line) || RUSTC_ERROR.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    const noise = new Map<number, string>();
    let errors: number | undefined;
    let generated: number | undefined;
    let emitted: number | undefined;
    let duplicates = false;
    let summaryAt: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (PROGRESS.test(line)) {
        noise.set(i, `${PROGRESS.exec(line)?.[1]} lines`);
        continue;
      }
      const summary = GENERATED.exec(line) ?? COULD_NOT_COMPILE.exec(line) ?? ABORTING.exec(line) ?? EMITTED.exec(line);
      if (summary) {
        summaryAt ??= i;
        if (GENERATED.test(line)) {
          generated = (generated ?? 0) + Number(summary[1]);
          duplicates ||= summary[2] !== undefined;
        } else if (EMITTED.test(line)) emitted = (emitted ?? 0) + Number(summary[1]);
        else {
          errors = (errors ?? 0) + (summary[1] !== undefined ? Number(summary[1]) : ABORTING.test(line) ? 1 : 0);
          if (summary[2] !== undefined) emitted = (emitted ?? 0) + Number(summary[2]);
        }
        continue;
      }
      const head = HEAD.exec(line);
      if (!head) continue;
      // A block runs to the blank line that ends it.
      let end = i + 1;
      while (end < lines.length && lines[end].trim() !== '' && !HEAD.test(lines[end]) && !PROGRESS.test(lines[end])) end++;
      const messageEnd = LOCATION.test(lines[i + 1] ?? '') ? i + 2 : i + 1;
      const severity = head[1] === 'error' ? 'error' : 'warning';
      let rule = head[2] ?? '';
      if (severity === 'warning' && !rule) {
        const clippy = lines.slice(i, end).map((l) => CLIPPY_LINK.exec(l)).find((m) => m);
        rule = clippy ? `clippy::${clippy[1]}` : messageTemplate(head[3]);
      } else if (!rule) rule = messageTemplate(head[3]);
      diagnostics.push({ from: i, to: end, head: i, messageEnd, severity, rule, ...(severity === 'warning' ? { quiet: boilerplate(lines, messageEnd, end) } : {}) });
      i = end - 1;
    }
    if (diagnostics.length === 0 && noise.size === 0) return undefined;
    // cargo says how many warnings each crate generated; rustc alone says how many were emitted.
    const warnings = duplicates ? undefined : generated ?? emitted;
    return renderDiagnostics(context, { diagnostics, noise, summaryAt, reported: { errors: errors ?? 0, warnings } }, { warningBodyLines: 8 });
  },
};

/** A warning's boilerplate lines, and the bare gutter line right above a run of them. */
function boilerplate(lines: readonly string[], from: number, to: number): number[] {
  const quiet: number[] = [];
  for (let i = from; i < to; i++) {
    if (!BOILERPLATE.test(lines[i])) continue;
    if (GUTTER.test(lines[i - 1]) && quiet.at(-1) !== i - 1) quiet.push(i - 1);
    quiet.push(i);
  }
  return quiet;
}
