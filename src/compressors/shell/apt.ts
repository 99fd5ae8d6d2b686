// apt / apt-get install, upgrade, remove and update output. Keeps every package the operation
// installs, upgrades, removes or holds back (apt's own lists), the counts line, the download and
// disk-space lines, and every error, warning and notice; drops download (Get/Hit), dpkg unpack and
// set-up progress, and the simulated "Conf" lines that repeat "Inst". Suggested and recommended
// packages (not installed) and the list of additional packages (repeated in the NEW list) are cut.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
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
// "  librust-clap-dev librust-serde-json-dev" (the two-space indented lines of a package list)
const LIST_ITEM = /^ {2}\S/;
// Lines only apt prints: proof that the text is its output.
const SIGNATURE = /^(?:Reading package lists|Building dependency tree|Get:\d+ |Hit:\d+ |E: |The following |\d+ upgraded, \d+ newly installed|Inst \S+ |Setting up \S+ )/;

const DOWNLOADS: DropKind = { detail: 'package download lines', grep: 'Get:' };
const HITS: DropKind = { detail: 'unchanged index lines', grep: 'Hit:' };
const DPKG_KIND: DropKind = { detail: 'dpkg unpack and set-up progress' };
const CONF_KIND: DropKind = { detail: 'simulated "Conf" lines (one per "Inst" line)', grep: 'Conf ' };

export const apt: Compressor = {
  id: 'apt',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (!['apt', 'apt-get', 'aptitude'].includes(command.program)) return false;
    return SUBCOMMANDS.has(positionals(command.args, VALUE_OPTIONS)[0] ?? '');
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => SIGNATURE.test(line))) return undefined;
    const plan = new LinePlan(context);
    const hasNewList = lines.some((line) => NEW_LIST.test(line));
    let dpkg = 0;
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
      }
    }
    if (plan.droppedCount === 0) return undefined;
    return plan.render([['apt', `dropped ${plan.droppedCount} lines, ${dpkg} of them dpkg progress`]]);
  },
};
