// `git log` (and `git reflog`). The default (medium/full/fuller) format becomes one line per commit:
// short hash, decorations, subject, author and date — every commit kept, message bodies cut; --stat
// counts join the commit's line (a one-file commit's file too), other file lines are kept. One-line
// formats are already terse and are left whole. Very long histories show the newest commits and mark the rest by range.
// Patches (`-p`) and custom formats are not parsed here.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { positionals } from './positionals';

const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);

// "commit 71378bb6c47d0918f22ee545ba86bb3a1fb2ccdb (HEAD -> main, origin/main)"
const COMMIT = /^commit ([0-9a-f]{7,64})(?: \((.+)\))?$/;
// "Author: Ada Lovelace <ada@example.com>", "Merge: 82e8761 bdd1355", "Date:   Sun Feb 11 00:05:59 2024 +0100"
const HEADER = /^(Merge|Author|AuthorDate|Commit|CommitDate|Date): +(.*)$/;
// "Sun Feb 11 00:05:59 2024 +0100" (git's default date format)
const DEFAULT_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) \d{2}:\d{2}:\d{2} (\d{4}) [+-]\d{4}$/;
// "    Log order ids on cancellation": message lines are indented four spaces
const MESSAGE = /^ {4}/;
// " src/shop/orders.py | 5 +++++" and " 3 files changed, 12 insertions(+), 1 deletion(-)"
const STAT_FILE = /^ \S.* \| +(?:\d+ ?[+-]*|Bin .*)$/;
const STAT_SUMMARY = /^ (\d+ files?) changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?$/;
// "71378bb (HEAD -> main) Log order ids", "* 763681f Add search ranking", "| * 4a21061 Document tax rounding"
const ONE_LINE = /^[*|\\/ _.-]*[0-9a-f]{7,64} /;
// "| |" or "|/" — graph-only lines between one-line commits
const GRAPH_ONLY = /^[*|\\/ _.-]+$/;

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
/** Histories longer than this many commits are capped… */
const CAP_ABOVE = 100;
/** …to this many newest commits; the older ones are one marked range. */
const SHOWN_WHEN_CAPPED = 60;

interface Commit {
  readonly start: number;
  end: number;
  readonly hash: string;
  readonly decorations?: string;
  author?: string;
  date?: string;
  subject?: string;
  stat?: string;
  /** --stat lines (` src/a.py | 5 +++++`), kept under the commit's line. */
  readonly files: number[];
  cut: number;
}

export const gitLog: Compressor = {
  id: 'gitLog',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const sub = positionals(command.args, GIT_VALUE_OPTIONS)[0];
    // Patches (-p) belong to the diff compressor.
    if (command.args.some((a) => a === '-p' || a === '--patch' || a === '-u' || /^-U\d*$/.test(a))) return false;
    return command.program === 'git' && (sub === 'log' || sub === 'reflog');
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const first = lines.findIndex((line) => line !== '');
    if (first < 0) return undefined;
    if (COMMIT.test(lines[first])) return compressFull(context);
    if (lines.every((line) => line === '' || ONE_LINE.test(line) || GRAPH_ONLY.test(line))) return compressOneLine(context);
    return undefined;
  },
};

function compressFull(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const commits: Commit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const head = COMMIT.exec(line);
    if (head) {
      commits.push({ start: i, end: i + 1, hash: head[1], decorations: head[2], files: [], cut: 0 });
      continue;
    }
    const commit = commits.at(-1);
    if (!commit) return undefined;
    commit.end = i + 1;
    let m: RegExpExecArray | null;
    if (commit.subject === undefined && (m = HEADER.exec(line))) {
      if (m[1] === 'Author') commit.author = m[2].replace(/ <[^<>]*>$/, '');
      else if (m[1] === 'Date' || m[1] === 'AuthorDate') commit.date = shortDate(m[2]);
    } else if (MESSAGE.test(line)) {
      if (commit.subject === undefined) commit.subject = line.slice(4);
      else commit.cut++;
    } else if (STAT_SUMMARY.test(line)) commit.stat = line.trim();
    else if (STAT_FILE.test(line)) commit.files.push(i);
    else if (line !== '') return undefined; // a patch or a format this parser does not know
  }
  if (commits.length === 0) return undefined;

  const width = uniquePrefixLength(commits.map((c) => c.hash));
  const plan = new LinePlan(context);
  const shown = commits.length > CAP_ABOVE ? SHOWN_WHEN_CAPPED : commits.length;
  let bodyLines = 0;
  commits.slice(0, shown).forEach((commit) => {
    const decorations = commit.decorations ? ` (${commit.decorations})` : '';
    const by = [commit.author, commit.date].filter((part) => part !== undefined).join(', ');
    const stat = statOf(commit, lines);
    plan.replace(commit.start, `${commit.hash.slice(0, width)}${decorations} ${commit.subject ?? ''}${by ? ` — ${by}` : ''}${stat ? ` · ${stat.text}` : ''}`);
    for (let i = commit.start + 1; i < commit.end; i++) if (stat?.foldsFiles || !commit.files.includes(i)) plan.absorb(i);
    bodyLines += commit.cut;
  });
  if (bodyLines > 0) plan.writeMarker(commits[shown - 1].end, { verb: 'omitted', count: bodyLines, unit: 'lines', detail: 'message bodies, e-mails, times; git show <hash>' });
  else plan.writeMarker(commits[shown - 1].end, { verb: 'elided', count: commits[shown - 1].end - commits[0].start, unit: 'lines', lines: [1, commits[shown - 1].end], detail: 'one line per commit; e-mails, times cut' });
  if (shown < commits.length) {
    plan.dropRange(commits[shown].start, withoutTrailingBlank(lines), { detail: `${commits.length - shown} older commits` });
  }
  return plan.render([['git-log', `${commits.length} commits${shown < commits.length ? `, newest ${shown} shown` : ''}, one line each`]]);
}

function compressOneLine(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const commitLines = lines.map((line, i) => (ONE_LINE.test(line) ? i : -1)).filter((i) => i >= 0);
  // One-line logs are already as terse as they get: returned whole unless very long.
  if (commitLines.length <= CAP_ABOVE) return { text: context.source.text };
  const plan = new LinePlan(context);
  const from = commitLines[SHOWN_WHEN_CAPPED];
  plan.dropRange(from, withoutTrailingBlank(lines), { detail: `${commitLines.length - SHOWN_WHEN_CAPPED} older commits` });
  return plan.render([['git-log', `${commitLines.length} one-line commits, newest ${SHOWN_WHEN_CAPPED} shown`]]);
}

/**
 * The commit's --stat on its own line: "src/a.py +5 -2" when it changed one text file (the file
 * line folds in; exact counts come from the summary, as the +/- bar may be scaled), otherwise
 * "3 files changed +12 -1" above the file lines. The summary as printed when it does not parse.
 */
function statOf(commit: Commit, lines: readonly string[]): { text: string; foldsFiles: boolean } | undefined {
  if (!commit.stat) return undefined;
  const summary = STAT_SUMMARY.exec(` ${commit.stat}`);
  const counts = summary ? [summary[2] ? `+${summary[2]}` : '', summary[3] ? `-${summary[3]}` : ''].filter(Boolean).join(' ') : '';
  if (!summary || counts === '') return { text: commit.stat, foldsFiles: false };
  const line = commit.files.length === 1 ? lines[commit.files[0]] : '';
  const bar = line.lastIndexOf(' | ');
  if (bar > 0 && !line.slice(bar + 3).trimStart().startsWith('Bin')) return { text: `${line.slice(1, bar).trimEnd()} ${counts}`, foldsFiles: true };
  return { text: `${summary[1]} changed ${counts}`, foldsFiles: false };
}

/** The line count without the empty line a final newline leaves. */
function withoutTrailingBlank(lines: readonly string[]): number {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return end;
}

/** "Sun Feb 11 00:05:59 2024 +0100" → "2024-02-11"; any other date format is kept as it is. */
function shortDate(date: string): string {
  const m = DEFAULT_DATE.exec(date);
  return m ? `${m[3]}-${MONTHS[m[1]] ?? m[1]}-${m[2].padStart(2, '0')}` : date;
}

/** The shortest prefix length (at least 7) that keeps every hash in the list distinct. */
function uniquePrefixLength(hashes: readonly string[]): number {
  for (let width = 7; width < 40; width++) {
    const seen = new Set<string>();
    if (hashes.every((hash) => !seen.has(hash.slice(0, width)) && seen.add(hash.slice(0, width)))) return width;
  }
  return 40;
}
