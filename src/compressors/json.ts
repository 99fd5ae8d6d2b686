// JSON documents (tool results, API responses, `npm … --json`, `kubectl -o json`, eslint reports):
// rewritten losslessly as a compact outline where arrays of records become tables with constant
// columns written once (see json/renderJson.ts for the format). Only when a token budget demands
// it are items dropped: errors, rare values, outliers, query matches and first/last items stay;
// the rest go by relevance. Dropped items and cut strings are stashed one JSON value per line and
// every cut is marked with the stash's line range. JSON lines (one object per line) are logs: the
// log compressor takes them.
import type { CompressContext, Compressor, Draft, MarkerInfo, MarkerUnit, ParsedCommand, Source } from './types';
import { formatMarker } from './shared/markers';
import { isArray, isObject, parseJson, toJson, type JsonValue } from './json/parseJson';
import { renderJson, tableLayout, type Cuts, type LayoutCache, type RenderCache, type RenderPlan } from './json/renderJson';
import { arrayTableLayout, mapTableLayout } from './json/tableLayout';
import { interestingContainers } from './json/interestingContainers';
import { repeatedStrings } from './json/repeatedStrings';
import { rankItems, type Ranking, type RankedItem } from './json/rankItems';

/** Lines of non-JSON text (a warning, a prompt) tolerated before or after the document. */
const MAX_SURROUNDING_LINES = 20;
/** Arrays with more items than this, and objects with more keys than MIN_LOSSY_KEYS, may lose some under a budget. */
const MIN_LOSSY_ITEMS = 5;
const MIN_LOSSY_KEYS = 16;
/** Under a budget, strings are cut to between these many characters (more as the budget allows). */
const MIN_STRING = 160;
const MAX_STRING = 2000;
/** Under a budget, containers deeper than MIN_DEPTH…MIN_DEPTH+DEPTH_RANGE levels are summarised (deeper as the budget allows). */
const MIN_DEPTH = 2;
const DEPTH_RANGE = 8;
const SEARCH_STEPS = 8;
/** Estimated token counts aim this far under the budget, for the estimate's error. */
const ESTIMATE_MARGIN = 0.95;
/** Stands in for a dropped-rows marker's detail while measuring: about the length of a real one. */
const MEASURED_DETAIL = 'x'.repeat(60);
// An alias of a repeated string as the whole value of a line: `imageID: *2`, `- *1` (a string `*2` is always quoted).
const ALIAS = /(?:: |^ *- )\*\d+$/m;
// Stands in for the stash id until the stash is complete; never produced by rendering (control characters are always escaped).
const PLACEHOLDER = '\u0001'.repeat(12);

// Flags that ask a tool for JSON: `--json`, `--json=…`, `-o json`, `--output=json`, `-f json`, `--format json`, `--reporter=json`.
const JSON_FLAG = /^--json(?:=|$)|^(?:-o|--output|-f|--format|--reporter|--out-format)=?json$/;
const JSON_FLAG_NAMES = new Set(['-o', '--output', '-f', '--format', '--reporter', '--out-format', '--format-version']);
// Commands whose output is JSON without a flag.
const JSON_COMMANDS: Readonly<Record<string, (args: readonly string[]) => boolean>> = {
  jq: (args) => !args.some((a) => a === '-r' || a === '--raw-output' || a === '-j' || a === '--join-output' || /^-[a-zA-Z]*r/.test(a)),
  gh: (args) => args[0] === 'api',
  cargo: (args) => args[0] === 'metadata',
  docker: (args) => args[0] === 'inspect',
  podman: (args) => args[0] === 'inspect',
};

export const json: Compressor = {
  id: 'json',
  type: 'json',
  matches(command: ParsedCommand): boolean {
    const { args } = command;
    if (args.some((a, i) => JSON_FLAG.test(a) || (JSON_FLAG_NAMES.has(a) && args[i + 1] === 'json') || (a === '--format-version' && i > 0))) return true;
    return JSON_COMMANDS[command.program]?.(args) ?? false;
  },
  handlesFile(fileName: string, language?: string): boolean {
    return language === 'json' || /\.(?:json|geojson|har|webmanifest)$/i.test(fileName);
  },
  sniff(source: Source): boolean {
    const text = source.text.trim();
    const first = text[0];
    const last = text[text.length - 1];
    if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false;
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  },
  compress(context: CompressContext): Draft | undefined {
    const found = locate(context.source);
    if (!found) return undefined;
    return compressDocument(context, found);
  },
};

interface Located {
  readonly value: JsonValue;
  /** Source line range [from, to) holding the JSON. */
  readonly from: number;
  readonly to: number;
}

/** The JSON document in the text: the whole text, or the lines between a short prelude and epilogue. */
function locate(source: Source): Located | undefined {
  const whole = parseJson(source.text);
  if (whole !== undefined) return { value: whole, from: 0, to: source.lines.length };
  const { lines } = source;
  let from = 0;
  while (from < Math.min(lines.length, MAX_SURROUNDING_LINES + 1) && !/^\s*[[{]/.test(lines[from])) from++;
  let to = lines.length;
  while (to > from && lines.length - to <= MAX_SURROUNDING_LINES && !/[\]}]\s*$/.test(lines[to - 1])) to--;
  if (from > MAX_SURROUNDING_LINES || to <= from || lines.length - to > MAX_SURROUNDING_LINES || (from === 0 && to === lines.length)) return undefined;
  const value = parseJson(lines.slice(from, to).join('\n'));
  return value !== undefined && (isObject(value) || isArray(value)) ? { value, from, to } : undefined;
}

function compressDocument(context: CompressContext, found: Located): Draft {
  const { source, options, engines } = context;
  const layouts: LayoutCache = new Map();
  const cache: RenderCache = { texts: new Map(), trees: new Map(), repeated: repeatedStrings(found.value) };
  const render = (plan: RenderPlan, cuts: StashCuts) => renderJson(found.value, plan, cuts, layouts, cache, cuts.measuring).join('\n');
  // Candidates under a budget are measured by their length at the lossless rendering's tokens per
  // character, so the search tokenizes once; the engine counts the final text exactly.
  let tokensPerChar = 0.25;
  const count = (text: string) => Math.ceil(text.length * tokensPerChar);

  const lossless: RenderPlan = { kept: new Map(), maxString: Infinity, maxDepth: Infinity };
  let plan = lossless;
  let tokens = 0;
  const transforms = [{ step: 'json-outline', reason: 'JSON rewritten as an outline: arrays of objects as tables, constant columns written once' }];
  const losslessText = options.budget === undefined ? '' : render(lossless, new StashCuts(true));
  if (options.budget !== undefined) {
    tokens = engines.tokens.count(losslessText);
    tokensPerChar = tokens / Math.max(1, losslessText.length);
  }
  const target = options.budget === undefined ? Infinity : options.budget * ESTIMATE_MARGIN;
  if (options.budget !== undefined && tokens > options.budget) {
    const collections = collectionsOf(found.value, layouts);
    const rankings = new Map<object, Ranking>();
    const open = interestingContainers(found.value, options.query);
    // Rows kept for an error or an unusual value stay open all the way down: they are why the reader looks.
    for (const c of collections) {
      const ranking = rankItems(c.items, options.query);
      rankings.set(c.ref, ranking);
      for (const i of ranking.special) {
        for (const container of containersIn(c.items[i].value)) {
          open.relevant.add(container);
          open.errors.add(container);
        }
      }
    }
    const planAt = (fraction: number): RenderPlan => {
      const kept = new Map<object, number[]>();
      for (const c of collections) {
        let ranking = rankings.get(c.ref);
        if (!ranking) rankings.set(c.ref, (ranking = rankItems(c.items, options.query)));
        const keep = Math.max(ranking.mustKeep, Math.ceil(fraction * c.items.length));
        if (keep < c.items.length) kept.set(c.ref, ranking.order.slice(0, keep).sort((a, b) => a - b));
      }
      return { kept, maxString: Math.round(MIN_STRING + fraction * (MAX_STRING - MIN_STRING)), maxDepth: MIN_DEPTH + Math.floor(fraction * DEPTH_RANGE), keepOpen: open.relevant, fullStrings: open.reports };
    };
    let low = 0;
    let high = 1;
    plan = planAt(0);
    tokens = count(render(plan, new StashCuts(true)));
    if (tokens <= target) {
      for (let step = 0; step < SEARCH_STEPS; step++) {
        const middle = (low + high) / 2;
        const candidate = planAt(middle);
        const candidateTokens = count(render(candidate, new StashCuts(true)));
        if (candidateTokens <= target) {
          low = middle;
          plan = candidate;
          tokens = candidateTokens;
        } else high = middle;
      }
    } else {
      // Still over: only errors keep nested values open, then strings get shorter, then one level
      // less stays open; the first that fits wins.
      const stricter: RenderPlan[] = [
        { ...plan, keepOpen: open.errors },
        { ...plan, keepOpen: open.errors, maxString: MIN_STRING / 2 },
        { ...plan, keepOpen: open.errors, maxString: MIN_STRING / 2, maxDepth: MIN_DEPTH - 1 },
      ];
      for (const candidate of stricter) {
        const candidateTokens = count(render(candidate, new StashCuts(true)));
        if (candidateTokens < tokens) {
          plan = candidate;
          tokens = candidateTokens;
        }
        if (tokens <= target) break;
      }
    }
    transforms.push({ step: 'json-budget', reason: `over the ${options.budget}-token budget: kept ${Math.round(low * 100)} % of each long collection beyond its must-keep items (≈${tokens} tokens, estimated)` });
  }

  const cuts = new StashCuts();
  let body = render(plan, cuts);
  const markers: MarkerInfo[] = [];
  if (cuts.markers.length > 0) {
    const stashId = context.stash(cuts.lines.join('\n'));
    body = body.replaceAll(PLACEHOLDER, stashId);
    for (const m of cuts.markers) markers.push({ ...m, id: stashId });
  }
  const offset = source.lineOffset ?? 0;
  const header: MarkerInfo = {
    id: source.id,
    verb: 'collapsed',
    count: found.to - found.from,
    unit: 'lines',
    lines: [found.from + 1 + offset, found.to + offset],
    detail: `${markers.length > 0 ? 'JSON below, cuts marked' : 'JSON below, all values kept'}${ALIAS.test(body) ? '; *n = the value marked &n' : ''}`,
  };
  const text = [...source.lines.slice(0, found.from), formatMarker(header), body, ...source.lines.slice(found.to)].join('\n');
  return { text, markers: [header, ...markers], transforms };
}

/**
 * Collects dropped items and cut strings into one stash, one JSON value per line, and writes their
 * markers. While `measuring` (the budget search), it only counts lines: the texts are never built.
 */
class StashCuts implements Cuts {
  readonly lines: string[] = [];
  readonly markers: MarkerInfo[] = [];
  private count = 0;

  constructor(readonly measuring = false) {}

  dropped(count: number, lines: () => readonly string[], unit: MarkerUnit, detail: () => string): string {
    const first = this.count + 1;
    this.add(count, lines);
    return this.mark({ id: PLACEHOLDER, verb: 'omitted', count, unit, lines: [first, this.count], detail: this.measuring ? MEASURED_DETAIL : detail() });
  }

  elided(value: JsonValue, count: number, unit: MarkerUnit): string {
    this.add(1, () => [toJson(value)]);
    return this.mark({ id: PLACEHOLDER, verb: 'elided', count, unit, lines: [this.count, this.count], detail: 'the whole value' });
  }

  truncated(full: string, cut: number): string {
    this.add(1, () => [JSON.stringify(full)]);
    return this.mark({ id: PLACEHOLDER, verb: 'truncated', count: cut, unit: 'chars', lines: [this.count, this.count], detail: 'the whole string' });
  }

  private add(count: number, lines: () => readonly string[]): void {
    this.count += count;
    if (!this.measuring) for (const l of lines()) this.lines.push(l);
  }

  private mark(marker: MarkerInfo): string {
    this.markers.push(marker);
    return formatMarker(marker);
  }
}

/** A value and every object and array inside it. */
function containersIn(value: JsonValue, out: object[] = []): object[] {
  if (isObject(value)) {
    out.push(value);
    for (const [, v] of value.entries) containersIn(v, out);
  } else if (isArray(value)) {
    out.push(value);
    for (const v of value) containersIn(v, out);
  }
  return out;
}

interface Collection {
  readonly ref: object;
  readonly items: readonly RankedItem[];
}

/**
 * Every array and object with enough items to be worth shortening, outermost first. The objects
 * that are rows of a table are not collections (their keys are the table's columns), but values
 * nested in them are.
 */
function collectionsOf(root: JsonValue, layouts: LayoutCache): Collection[] {
  const found: Collection[] = [];
  const walk = (value: JsonValue, isRow: boolean) => {
    if (isArray(value)) {
      if (value.length > MIN_LOSSY_ITEMS) found.push({ ref: value, items: value.map((v) => ({ value: v })) });
      const rows = tableLayout(layouts, value, () => arrayTableLayout(value)) !== undefined;
      for (const v of value) walk(v, rows);
    } else if (isObject(value)) {
      if (value.entries.length > MIN_LOSSY_KEYS && !isRow) found.push({ ref: value, items: value.entries.map(([key, v]) => ({ key, value: v })) });
      const rows = tableLayout(layouts, value, () => mapTableLayout(value)) !== undefined;
      for (const [, v] of value.entries) walk(v, rows);
    }
  };
  walk(root, false);
  return found;
}
