// cargo's package-manager commands (fetch, update, generate-lockfile, vendor, add, remove): the
// per-crate "Downloaded" lines become one counted line, dependency "Compiling" lines (printed when a
// command builds, e.g. a git dependency) are cut, local path crates kept, and a network warning repeated on
// every retry is shown once. Errors with their "Caused by:" chains, lock changes (Adding, Updating,
// Removing) and the final status lines are kept verbatim.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';

/** `cargo install` compiles, and belongs to the cargo build filter with `build` and `check`. */
const SUBCOMMANDS = new Set(['fetch', 'update', 'generate-lockfile', 'vendor', 'add', 'remove', 'rm']);
const VALUE_OPTIONS = new Set(['--manifest-path', '-p', '--package', '--target', '--config', '-Z', '--color', '--precise', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--registry', '--index', '--version', '--features', '-F', '-j', '--jobs', '--profile']);

// "  Downloaded tokio v1.24.2 (registry `local`)" or "  Downloaded tokio v1.24.2"
const DOWNLOADED = /^ +Downloaded \S+ v\d\S*(?: \(.*\))?$/;
// " Downloading crates ..."
const DOWNLOADING = /^ +Downloading crates \.\.\.$/;
// "   Compiling serde v1.0.152" — a registry crate; "   Compiling util v0.1.0 (/tmp/app/util)" names a local one and is kept
const COMPILING_DEPENDENCY = /^ +Compiling \S+ v\d\S*$/;
// "warning: spurious network error (2 tries remaining): [6] Could not resolve hostname (…)"
const RETRY = /^warning: spurious network error \(\d+ tr(?:y|ies) remaining\): (.*)$/;
// Lines only cargo prints: proof that the text is its output.
const SIGNATURE = /^ +(?:Updating|Locking|Downloaded|Downloading|Adding|Removing|Compiling|Installing|Installed|Finished|Fetching|Vendoring|Replacing)\b|^error: |^warning: spurious network error/;
// "    Updating `local` index" (the default registry names itself the same way), "    Updating git repository `https://…`",
// "     Locking 65 packages to latest compatible versions": how cargo starts resolving dependencies
const RESOLVING = /^ +(?:Updating (?:`[^`]*`|\S+) index|Updating git repository |Locking \d+ packages? )/;
// "   Compiling serde v1.0.152", "    Checking app v0.1.0 (/tmp/app)", "    Finished `dev` profile …", "  --> src/main.rs:3:5": a build, not a fetch
const BUILDING = /^ +(?:Compiling |Checking |Finished |--> )/;

const DOWNLOADS: DropKind = { detail: 'per-crate "Downloaded" lines', grep: 'Downloaded' };
const COMPILING: DropKind = { detail: '"Compiling" lines of registry crates', grep: 'Compiling' };
const RETRIES: DropKind = { detail: 'the same network warning on later retries', grep: 'spurious network error' };

export const cargoFetch: Compressor = {
  id: 'cargoFetch',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    // `cargo +nightly fetch`: the toolchain comes first.
    const words = positionals(command.args, VALUE_OPTIONS).filter((w) => !w.startsWith('+'));
    return command.program === 'cargo' && SUBCOMMANDS.has(words[0] ?? '');
  },
  sniff(source: Source): boolean {
    // Without a command: cargo resolving dependencies first, and nothing of a build after it (that is cargoBuild's).
    const lines = source.lines;
    const first = lines.findIndex((line) => line.trim() !== '');
    return first >= 0 && RESOLVING.test(lines[first]) && !lines.some((line) => BUILDING.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => SIGNATURE.test(line))) return undefined;
    const plan = new LinePlan(context);
    let downloads = 0;
    let firstDownload = -1;
    let compiling = 0;
    const retryReasons = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m: RegExpExecArray | null;
      if (DOWNLOADED.test(line) || DOWNLOADING.test(line)) {
        if (DOWNLOADED.test(line)) downloads++;
        if (firstDownload < 0) firstDownload = i;
        plan.drop(i, DOWNLOADS);
      } else if (COMPILING_DEPENDENCY.test(line)) {
        plan.drop(i, COMPILING);
        compiling++;
      } else if ((m = RETRY.exec(line))) {
        if (retryReasons.has(m[1])) plan.drop(i, RETRIES);
        retryReasons.add(m[1]);
      }
    }
    if (downloads > 0) plan.write(firstDownload, `  Downloaded ${downloads} crate${downloads === 1 ? '' : 's'} (names and versions cut below)`);
    if (plan.droppedCount === 0) return undefined;
    return plan.render([['cargo', `${downloads} Downloaded lines counted, ${compiling} dependency Compiling lines cut`]]);
  },
};
