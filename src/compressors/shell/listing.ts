// What the listing compressors (find, ls -R, tree) share: entries grouped by directory into one
// line each, with every directory present and its entry count complete. Small directories list every
// name; in a big one the common extensions show their count and a few names, while rare names (a lone
// `.env`, the one `.sh`), notable entries (symlinks, executables, huge files) and names matching the
// query are always shown. The names not shown are stashed one path per line, and each directory's
// marker points at exactly its range of that stash, so nothing is capped silently.
import type { CompressContext } from '../types';
import type { LinePlan } from './linePlan';

export interface ListingEntry {
  /** Source line the entry came from; the plan hides it once the entry is in its directory's line. */
  readonly index: number;
  /** Directory with a trailing slash (`src/rules/`), `''` for names without one. */
  readonly dir: string;
  readonly name: string;
  /** Shown after the name when the entry is shown (`-> target`, `[5.0M]`). */
  readonly note?: string;
  /** Always shown: a symlink, an executable, a huge file, unusual permissions or owner. */
  readonly notable?: boolean;
}

export interface ListingDirectory {
  readonly dir: string;
  /** Source line of the directory's own header or path, where its group line goes; -1 when it has none. */
  readonly index: number;
  /** Sub-directories seen in the listing (they have their own lines). */
  readonly subdirs: number;
}

/** A directory with at most this many entries lists them all. */
const SHOW_ALL = 12;
/** In a bigger directory, an extension with at most this many names lists them all (rare entries). */
const RARE = 2;
/** …and a common extension shows this many names before its count. */
const SAMPLE = 3;

export interface ListingResult {
  /** Names shown and hidden, over all directories. */
  readonly shown: number;
  readonly hidden: number;
}

/**
 * Writes one line per directory into `plan` (at the directory's own line, or before its first entry)
 * and absorbs every entry line. `directories` fixes the order; entries of unknown directories are
 * appended in order of appearance.
 */
export function renderListing(context: CompressContext, plan: LinePlan, directories: readonly ListingDirectory[], entries: readonly ListingEntry[], unit: string): ListingResult {
  const byDir = new Map<string, ListingEntry[]>();
  for (const d of directories) byDir.set(d.dir, []);
  for (const e of entries) groupInto(byDir, e.dir, e);
  const info = new Map(directories.map((d) => [d.dir, d]));
  const terms = queryTerms(context.options.query);

  // First decide what each directory hides, so that one stash can hold every hidden path.
  const plans: { dir: string; shown: ListingEntry[]; hidden: Map<string, ListingEntry[]> }[] = [];
  const stashLines: string[] = [];
  for (const [dir, list] of byDir) {
    const { shown, hidden } = chooseShown(list, terms);
    for (const group of hidden.values()) for (const e of group) stashLines.push(`${e.dir}${e.name}${e.note ? ` ${e.note}` : ''}`);
    plans.push({ dir, shown, hidden });
  }
  const stashId = stashLines.length > 0 ? context.stash(stashLines.join('\n') + '\n') : undefined;

  let next = 1;
  let shownCount = 0;
  for (const { dir, shown, hidden } of plans) {
    const list = byDir.get(dir)!;
    const d = info.get(dir);
    const counts = [`${list.length} ${list.length === 1 ? singular(unit) : unit}`];
    if (d && d.subdirs > 0) counts.push(`${d.subdirs} dir${d.subdirs === 1 ? '' : 's'}`);
    const parts = [`${dir || './'} (${counts.join(', ')}${extensionSummary(list, hidden)})`];
    if (shown.length > 0) parts.push(`: ${shown.map((e) => (e.note ? `${quoted(e.name)} ${e.note}` : quoted(e.name))).join(' ')}`);
    let line = parts.join('');
    for (const [ext, group] of hidden) {
      const from = next;
      next += group.length;
      line += ` ${plan.markerText({ verb: 'omitted', count: group.length, unit: 'items', lines: [from, next - 1], id: stashId, detail: `more ${ext ? `*${ext}` : 'names without extension'} in ${dir || './'}` })}`;
    }
    shownCount += shown.length;
    const at = d && d.index >= 0 ? d.index : list[0]?.index;
    if (at === undefined) continue;
    if (d && d.index >= 0) plan.replace(d.index, line);
    else plan.write(at, line);
    for (const e of list) if (e.index !== at || !(d && d.index >= 0)) plan.absorb(e.index);
  }
  return { shown: shownCount, hidden: stashLines.length };
}

/**
 * Which entries of one directory are shown: all of a small directory; in a big one the notable
 * entries, rare extensions, names matching the query and the first SAMPLE of each common extension.
 * The rest are returned by extension, in order.
 */
export function chooseShown<E extends { readonly name: string; readonly notable?: boolean }>(list: readonly E[], terms: readonly string[]): { shown: E[]; hidden: Map<string, E[]> } {
  const shown: E[] = [];
  const hidden = new Map<string, E[]>();
  if (list.length <= SHOW_ALL) return { shown: [...list], hidden };
  const byExt = new Map<string, E[]>();
  for (const e of list) groupInto(byExt, extensionOf(e.name), e);
  const sampled = new Map<E[], number>();
  for (const e of list) {
    const group = byExt.get(extensionOf(e.name))!;
    const position = sampled.get(group) ?? 0;
    sampled.set(group, position + 1);
    const always = e.notable || group.length <= RARE || position < SAMPLE || matchesQuery(e.name, terms);
    if (always) shown.push(e);
    else groupInto(hidden, extensionOf(e.name), e);
  }
  return { shown, hidden };
}

/** `(… : 289 .js, 1 .sh)` — only when names are hidden, so the counts say what the marker holds. */
export function extensionSummary(list: readonly { readonly name: string }[], hidden: ReadonlyMap<string, unknown>): string {
  if (hidden.size === 0) return '';
  const counts = new Map<string, number>();
  for (const e of list) counts.set(extensionOf(e.name), (counts.get(extensionOf(e.name)) ?? 0) + 1);
  const top = [...counts].filter(([, n]) => n > RARE).sort((a, b) => b[1] - a[1]);
  return `: ${top.map(([ext, n]) => `${n} ${ext ? `*${ext}` : 'without extension'}`).join(', ')}`;
}

/** `.js` for `a.test.js`, `''` for `Makefile`, the name itself for a dotfile (`.env`) so that it counts as rare. */
export function extensionOf(name: string): string {
  const bare = name.endsWith('/') ? name.slice(0, -1) : name;
  const dot = bare.lastIndexOf('.');
  if (dot === 0) return bare;
  return dot > 0 ? bare.slice(dot) : '';
}

export function queryTerms(query: string | undefined): string[] {
  return (query ?? '').toLowerCase().split(/[^a-z0-9_.-]+/).filter((term) => term.length >= 3);
}

function matchesQuery(name: string, terms: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return terms.some((term) => lower.includes(term));
}

function singular(unit: string): string {
  return unit.endsWith('ies') ? `${unit.slice(0, -3)}y` : unit.replace(/s$/, '');
}

/** Appends `item` to the list under `key` (in place: big listings must stay linear). */
export function groupInto<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** A name with a space or quote in it, quoted the way ls quotes it, so a space-separated list stays unambiguous. */
function quoted(name: string): string {
  return /[\s'"\\]/.test(name) ? `'${name.replace(/'/g, "'\\''")}'` : name;
}
