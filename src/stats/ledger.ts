// The savings ledger: one entry per compression a model read, with honest numbers. A compression
// that gained nothing counts zero, never as a saving. Keeps the most recent entries whole (the
// dashboard's audit trail) and folds older ones into running totals, so its size stays bounded.
// No vscode, no I/O: persistence is ledgerFile.ts.

/** Where a compression happened. */
export const SOURCES = ['participant', 'tools', 'terminal', 'instructions'] as const;
export type Source = (typeof SOURCES)[number];

export interface Totals {
  /** Compressions counted. */
  readonly count: number;
  /** Tokens the model would have read without Headroom. */
  readonly tokensBefore: number;
  /** Tokens it read. */
  readonly tokensAfter: number;
  /** Sum of max(0, before − after) per compression. */
  readonly saved: number;
}

export interface LedgerEntry {
  /** Unique across windows: `<session>-<seq>`. */
  readonly id: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly source: Source;
  /** What was compressed, for people: `npm test`, `src/app.ts`, `headroom_run`. */
  readonly label: string;
  readonly compressor: string;
  readonly type: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** max(0, tokensBefore − tokensAfter). */
  readonly saved: number;
  /** The engine's decisions, `step: reason`, for the audit trail. */
  readonly transforms: readonly string[];
  /** Number of cuts marked in what the model read. */
  readonly markers: number;
  /** Store id of the whole input, when it was kept (there were cuts or escapes removed). */
  readonly originalId?: string;
  /** Why the original was passed on unchanged, when something went wrong. */
  readonly note?: string;
  /** The model that read it, when known. */
  readonly model?: string;
}

/** What a host reports about one compression; the ledger adds id, time and the saving, and writes the transforms as `step: reason`. */
export type Recorded = Omit<LedgerEntry, 'id' | 'at' | 'saved' | 'transforms' | 'markers'> & {
  readonly transforms?: readonly { readonly step: string; readonly reason: string }[];
  readonly markers?: number;
};

/** Totals overall, by source, by compressor and by local day (`YYYY-MM-DD`). */
export interface Aggregate {
  readonly totals: Totals;
  readonly bySource: Readonly<Record<string, Totals>>;
  readonly byCompressor: Readonly<Record<string, Totals>>;
  readonly byDay: Readonly<Record<string, Totals>>;
}

export interface Summary extends Aggregate {
  /** Compressions recorded by this ledger instance (this VS Code window) since it started. */
  readonly window: Totals;
  readonly since: number;
}

export interface LedgerOptions {
  /** Entries kept whole; older ones survive only in the totals. Default DEFAULT_MAX_ENTRIES. */
  readonly maxEntries?: number;
  /** Identifies this window in entry ids. */
  readonly session?: string;
  readonly now?: () => number;
}

export const DEFAULT_MAX_ENTRIES = 500;
/** Days of the per-day chart kept in the folded totals. */
export const MAX_DAYS = 400;
const MAX_LABEL = 200;
const MAX_TRANSFORMS = 24;
// Room for a reason naming a file path and two SHA-256 hashes (a prose model that failed its check).
const MAX_TRANSFORM_CHARS = 400;

export const ZERO: Totals = Object.freeze({ count: 0, tokensBefore: 0, tokensAfter: 0, saved: 0 });

/** The saving a compression may claim: never negative, zero when nothing was gained. */
export function honestSaving(tokensBefore: number, tokensAfter: number): number {
  const before = clean(tokensBefore);
  const after = clean(tokensAfter);
  return after < before ? before - after : 0;
}

export class Ledger {
  private readonly maxEntries: number;
  private readonly session: string;
  private readonly now: () => number;
  private seq = 0;
  private entries: LedgerEntry[] = [];
  private folded: MutableAggregate = emptyAggregate();
  private windowTotals: Totals = ZERO;
  private readonly since: number;
  private readonly listeners = new Set<(entry: LedgerEntry | undefined) => void>();

  constructor(options: LedgerOptions = {}) {
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_ENTRIES));
    this.session = options.session ?? 'local';
    this.now = options.now ?? Date.now;
    this.since = this.now();
  }

  /** Adds one compression and returns its entry. */
  record(recorded: Recorded): LedgerEntry {
    const tokensBefore = clean(recorded.tokensBefore);
    const tokensAfter = Math.min(clean(recorded.tokensAfter), Number.MAX_SAFE_INTEGER);
    const entry: LedgerEntry = {
      id: `${this.session}-${++this.seq}`,
      at: this.now(),
      source: recorded.source,
      label: shorten(recorded.label, MAX_LABEL),
      compressor: recorded.compressor,
      type: recorded.type,
      tokensBefore,
      tokensAfter,
      saved: honestSaving(tokensBefore, tokensAfter),
      transforms: (recorded.transforms ?? []).slice(0, MAX_TRANSFORMS).map((t) => shorten(`${t.step}: ${t.reason}`, MAX_TRANSFORM_CHARS)),
      markers: clean(recorded.markers ?? 0),
      ...(recorded.originalId ? { originalId: recorded.originalId } : {}),
      ...(recorded.note ? { note: shorten(recorded.note, MAX_TRANSFORM_CHARS) } : {}),
      ...(recorded.model ? { model: recorded.model } : {}),
    };
    this.windowTotals = add(this.windowTotals, entry);
    this.push([entry]);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /**
   * Merges what was persisted (by this or another window): folded totals and entries, skipping ids
   * already present. Window totals are not touched: those entries were not made in this window.
   */
  load(persisted: { readonly folded?: Aggregate; readonly entries?: readonly LedgerEntry[] }): void {
    if (persisted.folded) mergeAggregate(this.folded, persisted.folded);
    const known = new Set(this.entries.map((e) => e.id));
    const fresh = (persisted.entries ?? []).filter((e) => isEntry(e) && !known.has(e.id)).map(sanitize);
    this.push(fresh);
    for (const listener of this.listeners) listener(undefined);
  }

  /** Most recent last. */
  recent(): readonly LedgerEntry[] {
    return this.entries;
  }

  find(id: string): LedgerEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** What the persisted form holds: totals of the folded entries and the recent ones whole. */
  snapshot(): { folded: Aggregate; entries: readonly LedgerEntry[] } {
    return { folded: copyAggregate(this.folded), entries: [...this.entries] };
  }

  summary(): Summary {
    const all = copyAggregate(this.folded);
    for (const entry of this.entries) addTo(all, entry);
    trimDays(all.byDay);
    return { ...all, window: this.windowTotals, since: this.since };
  }

  /** Called with each new entry, or undefined after a load. Returns an unsubscribe function. */
  onChange(listener: (entry: LedgerEntry | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets everything (entries and totals). */
  clear(): void {
    this.entries = [];
    this.folded = emptyAggregate();
    this.windowTotals = ZERO;
    for (const listener of this.listeners) listener(undefined);
  }

  private push(fresh: readonly LedgerEntry[]): void {
    if (fresh.length === 0) return;
    this.entries.push(...fresh);
    this.entries.sort((a, b) => a.at - b.at); // stable: entries of the same millisecond keep their order
    const over = this.entries.length - this.maxEntries;
    if (over > 0) {
      for (const old of this.entries.splice(0, over)) addTo(this.folded, old);
      trimDays(this.folded.byDay);
    }
  }
}

type MutableAggregate = { totals: Totals; bySource: Record<string, Totals>; byCompressor: Record<string, Totals>; byDay: Record<string, Totals> };

function emptyAggregate(): MutableAggregate {
  return { totals: ZERO, bySource: {}, byCompressor: {}, byDay: {} };
}

function copyAggregate(a: Aggregate): MutableAggregate {
  return { totals: a.totals, bySource: { ...a.bySource }, byCompressor: { ...a.byCompressor }, byDay: { ...a.byDay } };
}

function addTo(aggregate: MutableAggregate, entry: LedgerEntry): void {
  aggregate.totals = add(aggregate.totals, entry);
  aggregate.bySource[entry.source] = add(aggregate.bySource[entry.source] ?? ZERO, entry);
  aggregate.byCompressor[entry.compressor] = add(aggregate.byCompressor[entry.compressor] ?? ZERO, entry);
  const day = dayOf(entry.at);
  aggregate.byDay[day] = add(aggregate.byDay[day] ?? ZERO, entry);
}

function mergeAggregate(into: MutableAggregate, from: Aggregate): void {
  into.totals = sum(into.totals, from.totals);
  for (const [key, t] of Object.entries(from.bySource ?? {})) into.bySource[key] = sum(into.bySource[key] ?? ZERO, t);
  for (const [key, t] of Object.entries(from.byCompressor ?? {})) into.byCompressor[key] = sum(into.byCompressor[key] ?? ZERO, t);
  for (const [key, t] of Object.entries(from.byDay ?? {})) into.byDay[key] = sum(into.byDay[key] ?? ZERO, t);
  trimDays(into.byDay);
}

function add(t: Totals, e: { tokensBefore: number; tokensAfter: number; saved: number }): Totals {
  return { count: t.count + 1, tokensBefore: t.tokensBefore + e.tokensBefore, tokensAfter: t.tokensAfter + e.tokensAfter, saved: t.saved + e.saved };
}

function sum(a: Totals, b: Totals): Totals {
  return { count: a.count + clean(b.count), tokensBefore: a.tokensBefore + clean(b.tokensBefore), tokensAfter: a.tokensAfter + clean(b.tokensAfter), saved: a.saved + clean(b.saved) };
}

/** Keeps the newest MAX_DAYS days (keys sort as dates). */
function trimDays(byDay: Record<string, Totals>): void {
  const days = Object.keys(byDay);
  if (days.length <= MAX_DAYS) return;
  for (const day of days.sort().slice(0, days.length - MAX_DAYS)) delete byDay[day];
}

/** The local calendar day of a time, `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A whole non-negative number; anything else (NaN, negative, fractional junk from a bad file) becomes 0 or is floored. */
function clean(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A persisted entry with its numbers made safe and its saving recomputed (a file may have been edited). */
function sanitize(e: LedgerEntry): LedgerEntry {
  const tokensBefore = clean(e.tokensBefore);
  const tokensAfter = clean(e.tokensAfter);
  return { ...e, tokensBefore, tokensAfter, saved: honestSaving(tokensBefore, tokensAfter), markers: clean(e.markers), transforms: Array.isArray(e.transforms) ? e.transforms : [] };
}

function isEntry(value: unknown): value is LedgerEntry {
  const e = value as LedgerEntry;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.at === 'number' && typeof e.source === 'string'
    && typeof e.compressor === 'string' && typeof e.tokensBefore === 'number' && typeof e.tokensAfter === 'number';
}
