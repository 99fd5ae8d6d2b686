// `git branch` listings (plain, -a, -r, -v, -vv). Every branch name is kept; the current branch,
// a detached HEAD, symbolic refs and branches with upstream tracking info (ahead, behind, gone) keep
// their own line. Three or more other branches under the same prefix become one line
// (`remotes/origin/dependabot/npm_and_yarn/ (20): axios-3.1.2 chalk-5.0.1 …`). With -v the tip
// commits' subjects are cut; hashes and tracking info stay.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { positionals } from './positionals';
import { groupInto } from './listing';

const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
/** Options that make `git branch` change branches instead of listing them. */
const ACTIONS = new Set(['-d', '-D', '--delete', '-m', '-M', '--move', '-c', '-C', '--copy', '-u', '--set-upstream-to', '--unset-upstream', '--edit-description']);

// "* main", "  feature/csv-export", "+ wt-branch" (checked out in another worktree)
const PLAIN = /^([*+ ]) (\S+)$/;
// "  feature/csv-export   c798942 [origin/feature/csv-export: ahead 1] Add header row to CSV export"
const VERBOSE = /^([*+ ]) (\S+) +([0-9a-f]{7,40}) (?:(\[[^\]]*\]) ?)?(.*)$/;
// "* (HEAD detached at 763681f)", "  remotes/origin/HEAD -> origin/main": always their own line
const SPECIAL = /^[*+ ] (?:\((?:HEAD detached|no branch)|\S+ -> \S)/;

/** Fewer branches than this under one prefix stay one per line. */
const MIN_GROUP = 3;

interface Branch {
  readonly index: number;
  readonly current: boolean;
  readonly name: string;
  readonly hash?: string;
  readonly tracking?: string;
  readonly subject?: string;
}

export const gitBranch: Compressor = {
  id: 'gitBranch',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'git' || positionals(command.args, GIT_VALUE_OPTIONS)[0] !== 'branch') return false;
    return !command.args.some((arg) => ACTIONS.has(arg.split('=')[0]));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const branches: Branch[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '' || SPECIAL.test(line)) continue;
      const m = VERBOSE.exec(line) ?? PLAIN.exec(line);
      if (!m) return undefined;
      branches.push({ index: i, current: m[1] !== ' ', name: m[2], hash: m[3], tracking: m[4], subject: m[5] });
    }
    if (branches.length === 0) return undefined;

    const plan = new LinePlan(context);
    const changed = new Set<number>();
    let subjects = 0;
    for (const b of branches) {
      if (b.hash === undefined) continue;
      plan.replace(b.index, `${b.current ? lines[b.index][0] : ' '} ${b.name} ${b.hash}${b.tracking ? ` ${b.tracking}` : ''}`);
      if (b.subject) {
        subjects++;
        changed.add(b.index);
      }
    }
    // Grouping: branches that are not current and carry no tracking info, by the prefix before their last "/".
    const groups = new Map<string, Branch[]>();
    for (const b of branches) {
      const slash = b.name.lastIndexOf('/');
      if (b.current || b.tracking || slash < 0) continue;
      const prefix = b.name.slice(0, slash + 1);
      groupInto(groups, prefix, b);
    }
    let grouped = 0;
    for (const [prefix, members] of groups) {
      if (members.length < MIN_GROUP) continue;
      const names = members.map((b) => `${b.name.slice(prefix.length)}${b.hash ? ` ${b.hash}` : ''}`);
      plan.replace(members[0].index, `  ${prefix} (${members.length}): ${names.join(listsHashes(members) ? ', ' : ' ')}`);
      for (const b of members.slice(1)) plan.absorb(b.index);
      for (const b of members) changed.add(b.index);
      grouped += members.length;
    }
    if (subjects === 0 && grouped === 0) return undefined;
    const cut = [grouped ? 'branches grouped by prefix' : '', subjects ? 'tip-commit subjects cut (git log -1 <branch>)' : ''].filter(Boolean).join('; ');
    plan.writeMarker(lines.length, { verb: 'elided', count: changed.size, unit: 'lines', detail: cut });
    return plan.render([['git-branch', `${branches.length} branches, every name kept`]]);
  },
};

/** Verbose groups list "name hash" pairs, separated by commas. */
function listsHashes(members: readonly Branch[]): boolean {
  return members[0].hash !== undefined;
}
