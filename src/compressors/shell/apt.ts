// apt / apt-get install, upgrade, remove and update output. Keeps every package the operation
// installs, upgrades, removes or holds back (apt's own lists), the counts line, the download and
// disk-space lines, and every error, warning and notice; drops download (Get/Hit), dpkg unpack and
// set-up progress, and the simulated "Conf" lines that repeat "Inst". Suggested and recommended
// packages (not installed) and the list of additional packages (repeated in the NEW list) are cut;
// so is a simulation's package list when every name on it has its own "Inst"/"Remv" line. Those
// lines keep name and versions; the archive and architecture most of them share is said once.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';

const SUBCOMMANDS = new Set(['install', 'reinstall', 'upgrade', 'full-upgrade', 'dist-upgrade', 'update', 'remove', 'purge', 'autoremove', 'build-dep', 'safe-upgrade']);
const VALUE_OPTIONS = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '-a', '--host-architecture']);

// "Get:1 http://mirror.invalid/debian bookworm/main amd64 tree amd64 2.1.0-1 [52.5 kB]"
const GET = /^Get:\d+ \S+/;
// "Hit:1 http://mirror.invalid/debian bookworm InRelease" (index unchanged)
const HIT = /^Hit:\d+ \S+/;
// "Selecting previously unselected package tree.", "Preparing to unpack .../tree_2.1.0-1_amd64.deb ...",
// "Unpacking tree (2.1.0-1) ...", "Setting up tree (2.1.0-1) ...", "Processing triggers for man-db (2.11.2-2) ...",
// "(Reading database ... 135177 files and directories currently installed.)", "Progress: [ 40%] [####......]"
const DPKG = /^(?:Selecting previously unselected package |Preparing to unpack |Unpacking |Setting up |Processing triggers for |Removing |Purging configuration files for |\(Reading database \.\.\.|Progress: \[ *\d+%\])/;
// "Conf bash (5.2.15-2+b13 Debian:12.15/oldstable [amd64])": the simulated configure step, one per "Inst"
const CONF = /^Conf \S+ \(/;
// "The following additional packages will be installed:" — its list is repeated in the NEW list
const ADDITIONAL = /^The following additional packages will be installed:$/;
// "Suggested packages:" / "Recommended packages:" — not installed
const SUGGESTED = /^(?:Suggested|Recommended) packages:$/;
const NEW_LIST = /^The following NEW packages will be installed:$/;
// "The following packages will be upgraded:", "The following packages will be REMOVED:" (any apt list header)
const ANY_LIST = /^The following (?:[A-Za-z]+ )*packages will be [A-Za-z ]+:$/;
// "Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])" plus an optional tail ("[]");
// a new package has no "[old]". The archive part holds no brackets or parentheses, so the match is linear.
const INST = /^Inst (\S+) (\[[^\]]+\] )?\((\S+) ([^()[\]]+) \[([A-Za-z0-9-]+)\]\)(.*)$/;
// "Inst x …" / "Remv x [1.0]": the package a simulated step names
const SIM_STEP = /^(?:Inst|Remv) (\S+)/;
/** Shortening Inst lines pays off from this many on. */
const MIN_INST = 10;
// "  librust-clap-dev librust-serde-json-dev" (the two-space indented lines of a package list)
const LIST_ITEM = /^ {2}\S/;
// Lines only apt prints: proof that the text is its output.
const SIGNATURE = /^(?:Reading package lists|Building dependency tree|Get:\d+ |Hit:\d+ |E: |The following |\d+ upgraded, \d+ newly installed|Inst \S+ |Setting up \S+ )/;
// "Reading package lists... Done" then "Building dependency tree... Done": how apt and apt-get start
// install, upgrade and remove (and how apt update ends)
const READING_LISTS = /^Reading package lists\.\.\.(?: Done)?$/;
const BUILDING_TREE = /^Building dependency tree(?:\.\.\.)?(?: Done)?$/;
/** Lines read to recognise apt without a command (apt update lists its sources first). */
const SNIFF_LINES = 200;

const DOWNLOADS: DropKind = { detail: 'package download lines', grep: 'Get:' };
const HITS: DropKind = { detail: 'unchanged index lines', grep: 'Hit:' };
const DPKG_KIND: DropKind = { detail: 'dpkg unpack and set-up progress' };
const CONF_KIND: DropKind = { detail: 'simulated "Conf" lines', grep: 'Conf ' };

export const apt: Compressor = {
  id: 'apt',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (!['apt', 'apt-get', 'aptitude'].includes(command.program)) return false;
    return SUBCOMMANDS.has(positionals(command.args, VALUE_OPTIONS)[0] ?? '');
  },
  sniff(source: Source): boolean {
    // Without a command: apt's own two lines, one right after the other.
    const head = source.lines.slice(0, SNIFF_LINES);
    return head.some((line, i) => READING_LISTS.test(line) && BUILDING_TREE.test(head[i + 1] ?? ''));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => SIGNATURE.test(line))) return undefined;
    const plan = new LinePlan(context);
    const hasNewList = lines.some((line) => NEW_LIST.test(line));
    let dpkg = 0;
    const simulated = new Set<string>();
    for (const line of lines) {
      const m = SIM_STEP.exec(line);
      if (m) simulated.add(m[1]);
    }
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (GET.test(line)) plan.drop(i, DOWNLOADS);
      else if (HIT.test(line)) plan.drop(i, HITS);
      else if (DPKG.test(line)) {
        plan.drop(i, DPKG_KIND);
        dpkg++;
      } else if (CONF.test(line)) plan.drop(i, CONF_KIND);
      else if ((ADDITIONAL.test(line) && hasNewList) || SUGGESTED.test(line)) {
        let end = i + 1;
        while (end < lines.length && LIST_ITEM.test(lines[end])) end++;
        const what = SUGGESTED.test(line) ? `the "${line}" list (not installed)` : 'the list of additional packages (all of them are in the NEW list)';
        plan.dropRange(i, end, { detail: what });
        i = end - 1;
      } else if (ANY_LIST.test(line) && simulated.size > 0) {
        let end = i + 1;
        while (end < lines.length && LIST_ITEM.test(lines[end])) end++;
        const names = lines.slice(i + 1, end).join(' ').trim().split(/\s+/);
        if (end > i + 1 && names.every((name) => simulated.has(name))) plan.dropRange(i, end, { detail: 'that list (each name has its Inst/Remv line)' });
        i = end - 1;
      }
    }
    const shortened = shortenInst(plan, lines);
    if (plan.droppedCount === 0 && shortened === 0) return undefined;
    return plan.render([['apt', `dropped ${plan.droppedCount} lines, ${dpkg} of them dpkg progress`]]);
  },
};

/**
 * Writes Inst lines without the archive and architecture most of them share, said once in a line
 * before the first (which holds a marker to the original lines). Returns how many lines changed.
 */
function shortenInst(plan: LinePlan, lines: readonly string[]): number {
  const inst: { index: number; m: RegExpExecArray }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = INST.exec(lines[i]);
    if (m) inst.push({ index: i, m });
  }
  if (inst.length < MIN_INST) return 0;
  const archive = mostCommon(inst.map(({ m }) => m[4]));
  const arch = mostCommon(inst.map(({ m }) => m[5]));
  let changed = 0;
  for (const { index, m } of inst) {
    const [, name, old, version, from, on, tail] = m;
    const parts = [version, from === archive ? '' : ` ${from}`, on === arch ? '' : ` [${on}]`].join('');
    if (from === archive || on === arch) changed++;
    plan.replace(index, `Inst ${name} ${old ?? ''}(${parts})${tail}`);
  }
  const marker = plan.markerText({ verb: 'elided', count: changed, unit: 'lines', detail: 'Inst lines as printed' });
  plan.write(inst[0].index, `(Inst lines: an archive not shown is ${archive}; an architecture not shown is [${arch}]) ${marker}`);
  return changed;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = values[0];
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > counts.get(best)!) best = v;
  }
  return best;
}
