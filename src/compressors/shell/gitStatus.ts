// `git status` in its long form and in the short/porcelain forms (v1 and v2). Every path is kept with
// its state; conflicts, deletions and renames stay one per line. Runs of three or more paths with the
// same state in the same directory become one line (`modified:   src/locale/ (38): ar.json bg.json …`),
// git's "(use …)" hint lines are cut, and porcelain v2's file modes and object ids are elided.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';
import { groupInto } from './listing';

const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);

// "  (use "git restore <file>..." to discard changes in working directory)", "  (fix conflicts and run "git commit")"
const HINT = /^ {2}\([^\n]*\)$/;
// "\tmodified:   src/shop/pricing.py", "\tboth modified:   src/a.py", "\tnew file:   b.txt (untracked content)"
const LONG_ENTRY = /^\t(new file|modified|deleted|renamed|copied|typechange|both modified|both added|both deleted|added by us|added by them|deleted by us|deleted by them|unknown): +(.+)$/;
// "\tscratch/" — an untracked or ignored path (no state word)
const LONG_PATH = /^\t(\S.*)$/;
// " M src/shop/locale/ar.json", "R  old.py -> new.py", "?? scratch/"
const SHORT_ENTRY = /^([ MTADRCU?!]{2}) (.+)$/;
// "## main...origin/main [ahead 2]"
const SHORT_BRANCH = /^## \S/;
// "1 .M N... 100644 100644 100644 <hH> <hI> src/a.py"
const V2_ORDINARY = /^1 (\S\S) (\S{4}) \d{6} \d{6} \d{6} [0-9a-f]+ [0-9a-f]+ (.+)$/;
// "2 R. N... 100644 100644 100644 <hH> <hI> R100 new.py\told.py"
const V2_RENAME = /^2 (\S\S) (\S{4}) \d{6} \d{6} \d{6} [0-9a-f]+ [0-9a-f]+ ([RC]\d{1,3}) ([^\t]+)\t(.+)$/;
// "u UU N... 100644 100644 100644 100644 <h1> <h2> <h3> src/conflict.py"
const V2_UNMERGED = /^u (\S\S) (\S{4}) \d{6} \d{6} \d{6} \d{6} [0-9a-f]+ [0-9a-f]+ [0-9a-f]+ (.+)$/;
// "? scratch/" / "! build/" and the "# branch.head main" headers
const V2_OTHER = /^[?!] \S|^# /;

/** Runs shorter than this stay one path per line. */
const MIN_GROUP = 3;
const HINTS: DropKind = { detail: 'git\'s "(use …)" hint lines', grep: '(use' };

interface Entry {
  readonly index: number;
  /** What the line says about the path (`modified`, ` M`, `??`), the grouping key with the directory. */
  readonly state: string;
  readonly path: string;
  /** Writes a line for `state` and a directory's names. */
  readonly render: (names: string) => string;
}

export const gitStatus: Compressor = {
  id: 'gitStatus',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'git' && positionals(command.args, GIT_VALUE_OPTIONS)[0] === 'status';
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const plan = new LinePlan(context);
    const entries: Entry[] = [];
    let v2 = 0;
    let unknown = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m: RegExpExecArray | null;
      if (HINT.test(line)) plan.drop(i, HINTS);
      else if ((m = LONG_ENTRY.exec(line))) {
        const state = m[1];
        entries.push({ index: i, state, path: m[2], render: (names) => `\t${state}:   ${names}` });
      } else if ((m = LONG_PATH.exec(line))) entries.push({ index: i, state: 'untracked', path: m[1], render: (names) => `\t${names}` });
      else if ((m = V2_ORDINARY.exec(line) ?? V2_UNMERGED.exec(line))) {
        const [, xy, sub, path] = m;
        const shown = sub === 'N...' ? `${xy} ${path}` : `${xy} ${path} (submodule ${sub})`;
        plan.replace(i, shown);
        entries.push({ index: i, state: xy, path, render: (names) => `${xy} ${names}` });
        v2++;
      } else if ((m = V2_RENAME.exec(line))) {
        plan.replace(i, `${m[1]} ${m[5]} -> ${m[4]} (${m[3]})`);
        v2++;
      } else if ((m = SHORT_ENTRY.exec(line))) {
        const xy = m[1];
        entries.push({ index: i, state: xy, path: m[2], render: (names) => `${xy} ${names}` });
      } else if (line !== '' && !SHORT_BRANCH.test(line) && !V2_OTHER.test(line)) unknown++;
    }
    if (entries.length === 0 && v2 === 0) return undefined;
    // A long-form status also has prose lines (On branch, Changes to be committed:, …); only porcelain must parse whole.
    const longForm = lines.some((line) => LONG_ENTRY.test(line) || line.startsWith('On branch ') || line.startsWith('HEAD detached '));
    if (!longForm && unknown > 0) return undefined;

    const grouped = groupByDirectory(plan, entries);
    if (grouped.lines > 0) plan.writeMarker(lines.length, { verb: 'elided', count: grouped.lines, unit: 'lines', detail: 'same-state paths grouped by directory' });
    if (v2 > 0) plan.writeMarker(lines.length, { verb: 'elided', count: v2, unit: 'lines', detail: 'porcelain v2 file modes and object ids' });
    if (plan.droppedCount === 0 && grouped.groups === 0 && v2 === 0) return undefined;
    return plan.render([['git-status', `${entries.length} paths kept with their state; ${grouped.groups} directory groups; hints cut`]]);
  },
};

/**
 * Within one section (entries on consecutive lines), entries with the same state in the same
 * directory, MIN_GROUP or more, become one line where the first of them stood. Renames, quoted paths
 * and names with spaces stay on their own lines. Returns the number of groups and of lines they hold.
 */
function groupByDirectory(plan: LinePlan, entries: readonly Entry[]): { groups: number; lines: number } {
  let groups = 0;
  let grouped = 0;
  for (let start = 0; start < entries.length; ) {
    let end = start + 1;
    while (end < entries.length && entries[end].index === entries[end - 1].index + 1) end++;
    const byKey = new Map<string, Entry[]>();
    for (const entry of entries.slice(start, end)) {
      if (!groupable(entry)) continue;
      const key = `${entry.state}\u0000${directoryOf(entry.path)}`;
      groupInto(byKey, key, entry);
    }
    for (const members of byKey.values()) {
      if (members.length < MIN_GROUP) continue;
      const dir = directoryOf(members[0].path);
      const names = members.map((e) => e.path.slice(dir.length));
      plan.replace(members[0].index, members[0].render(`${dir} (${names.length}): ${names.join(' ')}`));
      for (const member of members.slice(1)) plan.absorb(member.index);
      groups++;
      grouped += members.length;
    }
    start = end;
  }
  return { groups, lines: grouped };
}

function groupable(entry: Entry): boolean {
  return !entry.path.includes(' ') && !entry.path.startsWith('"') && entry.path.includes('/');
}

/** `src/shop/a.py` → `src/shop/`; `scratch/notes/` → `scratch/`. */
function directoryOf(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}
