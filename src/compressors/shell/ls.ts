// `ls` listings. Long form (-l, -la, -lh, -lR): every name and size is kept; the columns that repeat
// (owner, group, permissions, link count, date) are said once at the top, and an entry shows one of
// them only where it differs — so an executable, a symlink's target, an odd owner or a file touched on
// another day stays visible. Name-only listings (-R, or one big directory) go through the shared
// directory-listing renderer: every directory with its complete count, rare names always shown.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { chooseShown, extensionSummary, groupInto, queryTerms, renderListing, type ListingDirectory, type ListingEntry } from './listing';
import { hasFlag } from './positionals';

// "-rw-r--r--  1 root root   11988 Feb 11  2024 accessor-pairs.js", "lrwxrwxrwx 1 root root 19 Feb 11 10:15 current -> releases/x",
// "crw-rw-rw- 1 root root 1, 3 Nov 22 13:42 null", "-rw-r--r--. 1 ada staff 4.0K 2024-02-11 10:15 a.txt" (--time-style=long-iso)
const LONG = /^([-bcdlpsD?])([-rwxsStT]{9})([.+@]?) +(\d+) +(\S+) +(\S+) +(\d+, *\d+|[\d.,]+[KMGTPEkB]?) +([A-Z][a-z]{2} +\d{1,2} +(?:\d{1,2}:\d{2}|\d{4})|\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: [+-]\d{4})?)?) (.+)$/;
// "total 7764" (blocks used by the directory's entries)
const TOTAL = /^total \d+(?:[.,]\d+)?[KMGT]?$/;
// "ls: cannot access 'x': No such file or directory" — kept as it is
const LS_ERROR = /^ls: /;
// "5242880", "5.0M", "18K" — a size column, plain or human-readable
const SIZE = /^([\d.,]+)([KMGTP]?)$/;
// "./src/rules:" — a directory header of `ls -R` or of `ls a b`
const HEADER = /^(.+):$/;

interface Long {
  readonly index: number;
  readonly type: string;
  readonly perms: string;
  readonly links: string;
  readonly owner: string;
  readonly group: string;
  readonly size: string;
  readonly date: string;
  readonly name: string;
}

export const ls: Compressor = {
  id: 'ls',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return (command.program === 'ls' || command.program === 'll') && !hasFlag(command.args, ['--format', '--zero'], 'mxgoQ');
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const long: Long[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = LONG.exec(lines[i]);
      if (m) long.push({ index: i, type: m[1], perms: m[1] + m[2] + m[3], links: m[4], owner: m[5], group: m[6], size: m[7], date: m[8].replace(/ +/g, ' '), name: m[9] });
    }
    if (long.length > 0) return compressLong(context, long);
    return compressNames(context);
  },
};

function compressLong(context: CompressContext, entries: readonly Long[]): Draft | undefined {
  const { lines } = context.source;
  // Every line must be an entry, a "total", a directory header or blank: anything else and this is not plain ls -l.
  const isEntry = new Set(entries.map((e) => e.index));
  for (let i = 0; i < lines.length; i++) {
    if (!isEntry.has(i) && lines[i] !== '' && !TOTAL.test(lines[i]) && !HEADER.test(lines[i]) && !LS_ERROR.test(lines[i])) return undefined;
  }
  const files = entries.filter((e) => e.type === '-');
  const dirs = entries.filter((e) => e.type === 'd');
  const usual = {
    owner: mostCommon(entries.map((e) => `${e.owner} ${e.group}`)),
    date: mostCommon(entries.map((e) => e.date)),
    filePerms: mostCommon(files.map((e) => e.perms)),
    fileLinks: mostCommon(files.map((e) => e.links)),
    dirPerms: mostCommon(dirs.map((e) => e.perms)),
    dirSize: mostCommon(dirs.map((e) => e.size)),
  };
  const said = [`owner ${usual.owner}`, `date ${usual.date}`];
  if (usual.filePerms) said.push(`files ${usual.filePerms} with ${usual.fileLinks} link${usual.fileLinks === '1' ? '' : 's'}`);
  if (usual.dirPerms) said.push(`directories ${usual.dirPerms}${usual.dirSize ? ` size ${usual.dirSize}` : ''}`);

  const plan = new LinePlan(context);
  plan.write(entries[0].index, `(${entries.length} entries as "name size"; unless an entry shows otherwise: ${said.join(', ')}; directory link counts cut)`);
  const notable = new Set<Long>();
  for (const e of entries) {
    const extra: string[] = [];
    if (e.type === '-' && e.perms !== usual.filePerms) extra.push(e.perms);
    if (e.type === '-' && e.links !== usual.fileLinks) extra.push(`${e.links} links`);
    if (e.type === 'd' && e.perms !== usual.dirPerms) extra.push(e.perms);
    if (e.type !== '-' && e.type !== 'd' && e.type !== 'l') extra.push(e.perms);
    if (`${e.owner} ${e.group}` !== usual.owner) extra.push(`owner ${e.owner} ${e.group}`);
    if (e.date !== usual.date) extra.push(e.date);
    if (extra.length > 0 || e.type !== '-') notable.add(e);
    const isDir = e.type === 'd';
    const name = isDir && e.name !== '.' && e.name !== '..' ? `${e.name}/` : e.name;
    const size = isDir && e.size === usual.dirSize ? '' : ` ${e.size}`;
    plan.replace(e.index, `${name}${size}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  }
  const hidden = sampleSections(context, plan, entries, notable);
  const first = entries[0].index;
  const last = entries[entries.length - 1].index;
  plan.writeMarker(last + 1, { verb: 'elided', count: entries.length, unit: 'lines', lines: [first + 1, last + 1], detail: 'ls -l columns said once above' });
  return plan.render([['ls-long', `${entries.length} entries: names and sizes kept${hidden ? ` (${hidden} of big directories stashed)` : ''}, repeated columns said once`]]);
}

/**
 * In a listing of several directories (ls -lR), a big directory is sampled the way the name
 * listings are: its complete count by extension, every notable entry (another mode, owner or date, a
 * symlink, a sub-directory, a huge file), rare extensions and a few of each common one; the other
 * entries' lines are stashed as ls printed them, one marker per extension. Returns how many were stashed.
 */
function sampleSections(context: CompressContext, plan: LinePlan, entries: readonly Long[], notable: Set<Long>): number {
  const { lines } = context.source;
  const sections = new Map<number, Long[]>();
  let section = -1;
  let e = 0;
  for (let i = 0; i < lines.length && e < entries.length; i++) {
    if (HEADER.test(lines[i]) && (i === 0 || lines[i - 1] === '')) section = i;
    else if (entries[e].index === i) groupInto(sections, section, entries[e++]);
  }
  if (sections.size < 2) return 0;
  const terms = queryTerms(context.options.query);
  const stash: string[] = [];
  const cuts: { after: number; dir: string; ext: string; from: number; count: number }[] = [];
  const summaries: { at: number; text: string }[] = [];
  for (const [header, list] of sections) {
    const huge = hugeSize(list);
    const { hidden } = chooseShown(list.map((l) => ({ entry: l, name: l.name, notable: notable.has(l) || sizeBytes(l.size) >= huge })), terms);
    if (hidden.size === 0) continue;
    const dir = header >= 0 ? `${lines[header].slice(0, -1).replace(/\/$/, '')}/` : './';
    const subdirs = list.filter((l) => l.type === 'd').length;
    const files = list.filter((l) => l.type !== 'd');
    summaries.push({ at: list[0].index, text: `(${files.length} file${files.length === 1 ? '' : 's'}${subdirs ? `, ${subdirs} dir${subdirs === 1 ? '' : 's'}` : ''}${extensionSummary(files, hidden)})` });
    for (const [ext, group] of hidden) {
      cuts.push({ after: list[list.length - 1].index + 1, dir, ext, from: stash.length + 1, count: group.length });
      for (const { entry } of group) {
        stash.push(lines[entry.index]);
        plan.absorb(entry.index);
      }
    }
  }
  if (stash.length === 0) return 0;
  const id = context.stash(stash.join('\n') + '\n');
  for (const s of summaries) plan.write(s.at, s.text);
  for (const c of cuts) {
    const what = c.ext ? `*${c.ext}` : 'names without extension';
    plan.writeMarker(c.after, { verb: 'omitted', count: c.count, unit: 'items', lines: [c.from, c.from + c.count - 1], id, detail: `more ${what} in ${c.dir} (their ls -l lines)` });
  }
  return stash.length;
}

/** A size at least this big is always shown: 1 MB, or ten times the directory's median file size if that is bigger. */
function hugeSize(list: readonly Long[]): number {
  const sizes = list.filter((l) => l.type === '-').map((l) => sizeBytes(l.size)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  return Math.max(1_000_000, 10 * median);
}

/** "5242880", "5.0M", "18K" → bytes (approximate for the human-readable forms); device numbers → 0. */
function sizeBytes(size: string): number {
  const m = SIZE.exec(size);
  if (!m || size.includes(' ')) return 0;
  const value = Number(m[1].replace(',', '.'));
  return Number.isFinite(value) ? value * 1024 ** ' KMGTP'.indexOf(m[2] || ' ') : 0;
}

/** `ls -R` or a plain multi-directory / big listing: names only. */
function compressNames(context: CompressContext): Draft | undefined {
  const { lines } = context.source;
  const sections: { dir: string; index: number }[] = [];
  const entries: ListingEntry[] = [];
  let current: { dir: string; index: number } = { dir: '', index: -1 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const header = HEADER.exec(line);
    if (header && (i === 0 || lines[i - 1] === '')) {
      const dir = header[1] === '.' ? './' : `${header[1].replace(/\/$/, '')}/`;
      current = { dir, index: i };
      sections.push(current);
      continue;
    }
    // Terminal columns are split on runs of spaces; quoted names (with spaces inside) are not guessed at.
    if (/['"]/.test(line)) return undefined;
    // With -F an executable ends in *, a symlink in @, a FIFO in |, a socket in =: always shown.
    for (const name of line.split(/ {2,}|\t/).map((n) => n.trim()).filter(Boolean)) entries.push({ index: i, dir: current.dir, name, notable: /[*@|=]$/.test(name) });
  }
  if (entries.length === 0) return undefined;
  const known = new Set(sections.map((s) => s.dir));
  // Names that are directories (they head a section of their own) are counted as sub-directories instead.
  const isSubdir = (e: ListingEntry) => known.has(`${e.dir === './' ? './' : e.dir}${e.name}/`) || known.has(`${e.dir}${e.name}/`);
  const files = entries.filter((e) => !isSubdir(e));
  const subdirs = new Map<string, number>();
  for (const e of entries) if (isSubdir(e)) subdirs.set(e.dir, (subdirs.get(e.dir) ?? 0) + 1);
  const directories: ListingDirectory[] = sections.map((s) => ({ dir: s.dir, index: s.index, subdirs: subdirs.get(s.dir) ?? 0 }));
  if (sections.length === 0) directories.push({ dir: '', index: -1, subdirs: 0 });

  const plan = new LinePlan(context);
  const multiLine = new Set(entries.map((e) => e.index));
  // A terminal row holds several names: the row is hidden once, whatever its names became.
  for (const index of multiLine) plan.absorb(index);
  const result = renderListing(context, plan, directories, files, 'entries');
  for (const e of entries) if (isSubdir(e)) plan.absorb(e.index);
  if (result.hidden === 0 && sections.length <= 1) return undefined;
  if (result.hidden === 0) plan.writeMarker(lines.length, { verb: 'elided', count: lines.length, unit: 'lines', detail: 'one line per directory' });
  return plan.render([['ls-names', `${files.length} names in ${Math.max(1, sections.length)} directories; ${result.hidden} stashed behind markers`]]);
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}
