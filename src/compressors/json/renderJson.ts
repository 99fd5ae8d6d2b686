// Writes a JSON value as a compact, YAML-like outline a model reads at a glance:
//
//   name: express                         object entries as `key: value`, nested ones indented
//   keywords: [web, framework, "1.0"]     lists of scalars inline; "quoted" = a JSON string that
//                                         would otherwise be misread (a number-like "1.0", "")
//   description: |-                       multi-line strings as indented literal blocks
//     line one
//   versions: 3 rows                                  arrays of objects as tables, one row per line:
//     same in every row: {license: MIT}               constant fields written once
//     in every row: _id: express@<version>            fields built from another field
//     columns: version|dist.tarball=https://x/*.tgz   cells split by |; `col=pre*suf`: cells hold the * part
//     4.21.0|express-4.21.0
//
// Tables also write columns that follow from another column once per value of it (groupedColumns.ts),
// recurring objects of list columns once by name (dictionaries.ts), rows holding rows of the same
// kind as one indented tree (treeLayout.ts), and arrays of rows shown earlier as a reference to
// them (rowReferences.ts). A table too wide for one line per row keeps its simple columns in cells
// and writes the rest of each row below it.
// A plan says which items of which collections to keep and how long strings may be; every item,
// key or character left out becomes a marker (through `Cuts`), so the rendering never drops silently.
import type { MarkerUnit } from '../types';
import { JsonNumber, JsonObject, toJson, type JsonValue } from './parseJson';
import { arrayTableLayout, isBulky, mapTableLayout, compactRow, MAX_TABLE_COLUMNS, wideCellColumns, withoutColumns, type Column, type TableLayout } from './tableLayout';
import { starPart, withAffixes } from './columnTemplates';
import { facetSummary, shapeSummary } from './summaries';
import { flow, formatKey, formatName, formatScalar, formatString, GAP, listSeparator, literalBlockStyle } from './textForms';
import { isPlainKey, RowReferences } from './rowReferences';
import { treeTableLayout } from './treeLayout';
import { isRepeatable, repeatedStrings } from './repeatedStrings';

export interface RenderPlan {
  /** Sorted indices kept for collections that lose items; collections not listed keep everything. */
  readonly kept: ReadonlyMap<object, readonly number[]>;
  /** Strings longer than this are shortened to this many characters. */
  readonly maxString: number;
  /** Containers nested deeper than this many levels are shown as a summary of their keys or items… */
  readonly maxDepth: number;
  /** …unless they hold something the reader asked for or an error (these stay expanded). */
  readonly keepOpen?: ReadonlySet<object>;
  /** Containers that are error reports: no string inside them is shortened. */
  readonly fullStrings?: ReadonlySet<object>;
}

export interface Cuts {
  /** Marker text for `count` items left out of a collection; `lines` gives their JSON texts, one per item (asked only when needed). */
  dropped(count: number, lines: () => readonly string[], unit: MarkerUnit, detail: () => string): string;
  /** Marker text for a string shortened by `cut` characters. */
  truncated(full: string, cut: number): string;
  /** Marker text for a nested value shown only as a summary of its shape. */
  elided(value: JsonValue, count: number, unit: MarkerUnit): string;
}

/** Table layouts are computed once per collection and reused by every rendering of the same value. */
export type LayoutCache = Map<object, TableLayout | null>;

/** Inline `[…]`/`{…}` is used for containers up to this many characters. */
const FLOW_CHARS = 100;
/** A table too wide for one line per row puts its simple columns in cells when it has at least this many. */
const MIN_SPLIT_CELLS = 4;
/** Objects of strings with a shared start or end show only the varying part from this many keys on. */
const MIN_AFFIXED_KEYS = 8;
/** The constants above a table stay on one line up to this many characters. */
const CONSTANTS_INLINE_CHARS = 160;

/** What the renderings of one document share besides the table layouts. */
export interface RenderCache {
  /** The compact JSON of rows, to find rows repeated in later arrays. */
  readonly texts: Map<object, string>;
  /** Tree layouts (treeLayout.ts), used only when nothing is left out. */
  readonly trees: LayoutCache;
  /** Long strings found more than once in the document (repeatedStrings.ts): written once, then referred to. */
  readonly repeated: ReadonlySet<string>;
}

/** `estimate`: a rendering only measured (the budget search): repeated strings get anchors without counting first. */
export function renderJson(value: JsonValue, plan: RenderPlan, cuts: Cuts, layouts: LayoutCache, cache: RenderCache = { texts: new Map(), trees: new Map(), repeated: repeatedStrings(value) }, estimate = false): string[] {
  // A first pass counts which repeated strings are written more than once where an alias can stand
  // (constants, for one, are written once however often they occur): only those get anchors.
  // (It runs only for documents with such strings; what is written may be their * part.)
  let anchored: ReadonlySet<string> | undefined = estimate ? cache.repeated : new Set();
  if (cache.repeated.size > 0 && !estimate) {
    const counting = new Renderer(plan, NO_CUTS, layouts, cache, undefined);
    counting.put(undefined, value, 0);
    anchored = new Set([...counting.anchorUses].filter(([, n]) => n > 1).map(([s]) => s));
  }
  const renderer = new Renderer(plan, cuts, layouts, cache, anchored);
  renderer.put(undefined, value, 0);
  return renderer.out;
}

/** Cuts for a counting pass: nothing is stored. */
const NO_CUTS: Cuts = { dropped: () => '', truncated: () => '', elided: () => '' };

class Renderer {
  readonly out: string[] = [];
  private readonly explained = new Set<string>();
  /** Compact copies of rows (and their parts) that stand for containers the plan keeps open. */
  private readonly openCopies = new Set<object>();
  /** How many error reports the value being written is inside. */
  private reportDepth = 0;
  /** Compact copies of rows (and their parts) that stand for error reports. */
  private readonly reportCopies = new Set<object>();
  private readonly references: RowReferences;
  /** The header lines of the last table written under each key (see sameHeader). */
  private readonly headers = new Map<string, string>();
  /** Anchors given so far to repeated strings (`&1`), by string. */
  private readonly anchors = new Map<string, number>();
  /** While counting: how often each long opaque string was written where an anchor or alias can stand. */
  readonly anchorUses = new Map<string, number>();
  /** The key path of the value being written (`report.tests`) while it is made only of plain keys; else undefined. */
  private path: string | undefined = '';

  /** Strings inside error reports are never shortened. */
  private get maxString(): number {
    return this.reportDepth > 0 ? Infinity : this.plan.maxString;
  }

  /** Runs `write` with `value` counted as an error report when it is one. */
  private within(value: object, write: () => void): void {
    const report = this.plan.fullStrings?.has(value) === true || this.reportCopies.has(value);
    if (report) this.reportDepth++;
    try {
      write();
    } finally {
      if (report) this.reportDepth--;
    }
  }

  constructor(
    private readonly plan: RenderPlan,
    private readonly cuts: Cuts,
    private readonly layouts: LayoutCache,
    private readonly cache: RenderCache,
    /** Strings that get an anchor where first written in full (and an alias after); undefined while counting them. */
    private readonly anchored: ReadonlySet<string> | undefined,
  ) {
    this.references = new RowReferences(cache.texts);
    this.lossless = plan.kept.size === 0 && plan.maxString === Infinity && plan.maxDepth === Infinity;
  }

  /** Nothing is left out: trees are written as trees only then (a lossy plan keeps items per nested table). */
  private readonly lossless: boolean;

  /** The tree layout of a collection, when it is one that fits in a table. */
  private tree(collection: JsonObject | readonly JsonValue[]): TableLayout | undefined {
    if (!this.lossless) return undefined;
    const tree = tableLayout(this.cache.trees, collection, () => treeTableLayout(collection));
    return tree && tree.columns.length <= MAX_TABLE_COLUMNS && tree.blocks.length === 0 ? tree : undefined;
  }

  /** Runs `write` with the key path extended by `key` (or left, for an item of a list or a row of a table). */
  private at(key: string | undefined, write: () => void): void {
    const saved = this.path;
    this.path = key !== undefined && saved !== undefined && isPlainKey(key) ? (saved ? `${saved}.${key}` : key) : undefined;
    try {
      write();
    } finally {
      this.path = saved;
    }
  }

  /**
   * Writes `value` after `head` (`  key:` or `  -`; undefined at the top level). Children go at
   * `indent` (the head's own indentation + 2, or 0 at the top).
   */
  put(head: string | undefined, value: JsonValue, indent: number): void {
    if (head !== undefined && indent / 2 > this.plan.maxDepth && (value instanceof JsonObject || Array.isArray(value)) && !this.plan.keepOpen?.has(value) && !this.openCopies.has(value)) {
      const summary = shapeSummary(value);
      if (summary) return this.line(head, `${summary.text} ${this.cuts.elided(value, summary.count, summary.unit)}`);
    }
    if (value instanceof JsonObject) return this.within(value, () => this.object(head, value, indent));
    if (Array.isArray(value)) return this.within(value, () => this.array(head, value as readonly JsonValue[], indent));
    if (typeof value === 'string') return this.string(head, value, indent);
    this.line(head, formatScalar(value as Exclude<JsonValue, string | object>, 'block'));
  }

  private line(head: string | undefined, text: string): void {
    this.out.push(head === undefined ? text : `${head} ${text}`);
  }

  private string(head: string | undefined, s: string, indent: number): void {
    const cut = s.length > this.maxString ? s.length - this.maxString : 0;
    const shown = cut ? safeSlice(s, this.maxString) : s;
    const style = literalBlockStyle(shown);
    if (style && head !== undefined) {
      this.out.push(`${head} ${cut ? '|-' : style}`);
      const pad = ' '.repeat(indent);
      const body = style === '|' && !cut ? shown.slice(0, -1) : shown;
      for (const l of body.split('\n')) this.out.push(l === '' ? '' : pad + l);
      if (cut) this.out.push(pad + this.cuts.truncated(s, cut));
      return;
    }
    if (!cut && head !== undefined && this.anchored === undefined && isRepeatable(s)) this.anchorUses.set(s, (this.anchorUses.get(s) ?? 0) + 1);
    else if (!cut && head !== undefined && this.anchored?.has(s)) {
      // Written in full once with an anchor (`&1 …`), then as its alias (`*1`).
      const anchor = this.anchors.get(s);
      if (anchor !== undefined) return this.line(head, `*${anchor}`);
      this.anchors.set(s, this.anchors.size + 1);
      return this.line(head, `&${this.anchors.size} ${formatString(s, 'block')}`);
    }
    this.line(head, cut ? `${formatString(shown, 'block')}${GAP} ${this.cuts.truncated(s, cut)}` : formatString(s, 'block'));
  }

  private object(head: string | undefined, object: JsonObject, indent: number): void {
    if (object.entries.length === 0) return this.line(head, '{}');
    const tree = this.tree(object);
    if (tree) return this.table(head, object, tree, indent);
    const layout = this.layout(object, () => mapTableLayout(object));
    if (layout) return this.table(head, object, layout, indent);
    const kept = this.plan.kept.get(object);
    if (head !== undefined && !kept) {
      const inline = flow(object, FLOW_CHARS);
      if (inline.length <= FLOW_CHARS && !this.hasLongString(object)) return this.line(head, inline);
    }
    if (head !== undefined && !kept && this.affixedValues(head, object, indent)) return;
    if (head !== undefined) this.out.push(head);
    this.entries(object, kept, indent);
  }

  /**
   * An object of many one-line strings that share a start or end (npm's `time`: every value ends
   * in `+00:00`) is written once with the shared parts and each value as its * part; false when not.
   */
  private affixedValues(head: string, object: JsonObject, indent: number): boolean {
    if (object.entries.length < MIN_AFFIXED_KEYS) return false;
    const values: JsonValue[] = [];
    for (const [, v] of object.entries) {
      if (typeof v !== 'string' || v.includes('\n') || v.length > this.maxString) return false;
      values.push(v);
    }
    const column = withAffixes({ name: '', values, steps: [], prefix: '', suffix: '' });
    if (!column.prefix && !column.suffix) return false;
    this.out.push(`${head} ${object.entries.length} keys, each value ${column.prefix}*${column.suffix} with only the * part shown`);
    const pad = ' '.repeat(indent);
    for (const [key, v] of object.entries) this.out.push(`${pad}${formatKey(key)}: ${formatString(starPart(column, v as string, 0), 'block')}`);
    return true;
  }

  private entries(object: JsonObject, kept: readonly number[] | undefined, indent: number): void {
    const pad = ' '.repeat(indent);
    const show = kept ?? object.entries.map((_, i) => i);
    for (const i of show) {
      const [key, value] = object.entries[i];
      this.at(key, () => this.put(`${pad}${formatKey(key)}:`, value, indent + 2));
    }
    if (kept && kept.length < object.entries.length) {
      const dropped = missing(object.entries.length, kept).map((i) => object.entries[i]);
      const marker = this.cuts.dropped(dropped.length, () => dropped.map(([k, v]) => `{${JSON.stringify(k)}:${toJson(v)}}`), 'keys', () => dropped.map(([k]) => k).join(', '));
      this.out.push(pad + marker);
    }
  }

  private array(head: string | undefined, items: readonly JsonValue[], indent: number): void {
    if (items.length === 0) return this.line(head, '[]');
    if (head !== undefined && this.referenced(head, items)) return;
    const tree = this.tree(items);
    if (tree) return this.table(head, items, tree, indent);
    const layout = this.layout(items, () => arrayTableLayout(items));
    if (layout) return this.table(head, items, layout, indent);
    const kept = this.plan.kept.get(items);
    if (items.every((item) => item === null || typeof item !== 'object' || !(item instanceof JsonObject || Array.isArray(item)))) {
      return this.line(head, this.inlineList(items, kept));
    }
    if (head !== undefined && !kept) {
      const inline = flow(items, FLOW_CHARS);
      if (inline.length <= FLOW_CHARS && !this.hasLongString(items)) return this.line(head, inline);
    }
    if (head !== undefined) this.out.push(head);
    this.list(items, kept, head === undefined ? 0 : indent);
  }

  /** Writes an array made only of rows shown in an earlier table as a reference to them; false when it is not one. */
  private referenced(head: string, items: readonly JsonValue[]): boolean {
    const kept = this.plan.kept.get(items);
    const listed = kept ?? items.map((_, i) => i);
    const reference = this.references.describe(items, listed);
    if (!reference) return false;
    const count = `${items.length} ${items.length === 1 ? 'row' : 'rows'}${kept ? ` (${kept.length} shown)` : ''}`;
    const marker = kept && kept.length < items.length ? ` ${this.droppedItems(items, kept, 'rows', 'one row per line, in order')}` : '';
    this.line(head, `${count}, ${reference}${marker}`);
    return true;
  }

  /** `[a, b, …, z] [hr:…]`: scalars on one line, gaps shown as `…`. */
  private inlineList(items: readonly JsonValue[], kept: readonly number[] | undefined): string {
    const parts: string[] = [];
    let previous = -1;
    for (const i of kept ?? items.map((_, j) => j)) {
      if (i > previous + 1) parts.push(GAP);
      const item = items[i];
      parts.push(typeof item === 'string' ? this.inlineString(item, 'flow') : formatScalar(item as Exclude<JsonValue, string | object>, 'flow'));
      previous = i;
    }
    if (previous < items.length - 1) parts.push(GAP);
    const text = `[${parts.join(listSeparator(items))}]`;
    return kept && kept.length < items.length ? `${text} ${this.droppedItems(items, kept, 'items', 'one item per line, in order')}` : text;
  }

  private inlineString(s: string, context: 'flow' | 'cell'): string {
    if (s.length <= this.maxString) return formatString(s, context);
    const shown = safeSlice(s, this.maxString);
    return `${formatString(shown, context)}${GAP} ${this.cuts.truncated(s, s.length - shown.length)}`;
  }

  /** YAML-style items: `- value`, objects with their first entry on the dash line. */
  private list(items: readonly JsonValue[], kept: readonly number[] | undefined, indent: number): void {
    this.at(undefined, () => this.listItems(items, kept, indent));
  }

  private listItems(items: readonly JsonValue[], kept: readonly number[] | undefined, indent: number): void {
    const pad = ' '.repeat(indent);
    let previous = -1;
    for (const i of kept ?? items.map((_, j) => j)) {
      if (i > previous + 1) this.out.push(`${pad}${GAP} ${i - previous - 1} not shown`);
      previous = i;
      const item = items[i];
      if (item instanceof JsonObject && item.entries.length > 0 && !this.layout(item, () => mapTableLayout(item))) {
        const itemKept = this.plan.kept.get(item);
        const inline = itemKept ? '' : flow(item, FLOW_CHARS);
        if (inline && inline.length <= FLOW_CHARS && !this.hasLongString(item)) {
          this.out.push(`${pad}- ${inline}`);
          continue;
        }
        const start = this.out.length;
        this.entries(item, itemKept, indent + 2);
        this.out[start] = `${pad}- ${this.out[start].slice(indent + 2)}`;
        continue;
      }
      this.put(`${pad}-`, item, indent + 2);
    }
    if (kept && previous < items.length - 1) this.out.push(`${pad}${GAP} ${items.length - 1 - previous} not shown`);
    if (kept && kept.length < items.length) this.out.push(pad + this.droppedItems(items, kept, 'items', 'one item per line, in order'));
  }

  private droppedItems(items: readonly JsonValue[], kept: readonly number[], unit: MarkerUnit, detail: string): string {
    const dropped = missing(items.length, kept);
    return this.cuts.dropped(dropped.length, () => dropped.map((i) => toJson(items[i])), unit, () => detail);
  }

  /** Writes a table; one at a plain key path is remembered, so later arrays of the same rows can refer to it. */
  private table(head: string | undefined, collection: JsonObject | readonly JsonValue[], layout: TableLayout, indent: number): void {
    const name = this.path;
    this.at(undefined, () => this.tableRows(head, collection, layout, indent));
    if (name && Array.isArray(collection) && !layout.tree) this.references.register(name, collection, layout, this.plan.kept.get(collection) ?? collection.map((_, i) => i));
  }

  private tableRows(head: string | undefined, collection: JsonObject | readonly JsonValue[], layout: TableLayout, indent: number): void {
    const n = layout.rowCount;
    const kept = this.plan.kept.get(collection) ?? Array.from({ length: layout.rowCount }, (_, i) => i);
    const lossy = kept.length < n;
    const isArray = !layout.keys;
    const rowPad = ' '.repeat(head === undefined ? 0 : indent);
    const columns = layout.columns;

    // Past MAX_TABLE_COLUMNS a reader loses track of positions: the simple columns go in cells
    // (`cells`) and the rest of each row is written below it as an outline; with too few simple
    // columns (`wide`), each row is written as its own `- key: value` outline instead. Either way
    // without the fields that are the same in every row.
    const split = columns.length > MAX_TABLE_COLUMNS ? wideCellColumns(layout) : undefined;
    const wide = split !== undefined && split.length < MIN_SPLIT_CELLS;
    const outlined = split !== undefined;
    const cells = split && !wide ? split : columns;
    // The first table explains the notation; later ones only what they add.
    const notes = [`${n} rows${lossy ? ` (${kept.length} shown)` : ''}${layout.tree ? ' in a tree' : ''}`];
    const explain = (note: string, applies: boolean) => {
      if (!applies || this.explained.has(note)) return;
      this.explained.add(note);
      notes.push(note);
    };
    if (layout.tree) notes.push(`a row's ${formatName(layout.tree.childKey)} are the rows indented under it`);
    explain('each as "- key: value" lines without the fields that are the same in every row', wide);
    explain('the other fields of a row below it', outlined && !wide);
    explain('# = index in the array', lossy && isArray);
    explain('empty cell = key absent', !wide && kept.some((r) => cells.some((c) => c.values[r] === undefined)));
    explain('col=pre*suf: cells hold the * part', !wide && cells.some((c) => c.prefix || c.suffix || c.tail));
    explain("<col> = that row's col", !wide && cells.some((c) => c.tail));
    // A block column whose short values are all one value (`err: {}`) leaves that value out of the rows.
    const usual = outlined ? [] : layout.blocks.filter((c) => c.usual !== undefined);
    const inExtras = (c: Column, r: number) => c.values[r] !== undefined && (!layout.blocks.includes(c) || (!isBulky(c.values[r]) && !usual.includes(c)));
    const hasExtras = !outlined && kept.some((r) => [...layout.sparse, ...layout.blocks].some((c) => inExtras(c, r)));
    explain('+{…} = more keys of that row', hasExtras);
    const plainBlocks = layout.blocks.filter((c) => !usual.includes(c));
    explain(`${plainBlocks.map((c) => formatName(c.name)).join(', ')} below its row when long`, plainBlocks.length > 0 && !outlined);
    // What a row without the block holds is a fact about this table, so it is said every time.
    for (const c of usual) notes.push(`${formatName(c.name)} below its row when long, else ${flow(c.usual!)}`);
    this.line(head, notes.join('; '));
    const headerStart = this.out.length;

    if (layout.constants.length > 0) {
      const inline = `{${layout.constants.map(([k, v]) => `${formatName(k)}: ${flow(v, CONSTANTS_INLINE_CHARS)}`).join(', ')}}`;
      if (inline.length <= CONSTANTS_INLINE_CHARS && !layout.constants.some(([, v]) => this.hasLongString(v))) this.out.push(`${rowPad}same in every row: ${inline}`);
      else {
        this.out.push(`${rowPad}same in every row:`);
        for (const [k, v] of layout.constants) this.put(`${rowPad}  ${formatName(k)}:`, v, rowPad.length + 4);
      }
    }
    if (layout.derived.length > 0) {
      const lines = layout.derived.map((d) => `${formatName(d.name)}: ${d.prefix}<${d.from.isKey ? 'key' : d.from.name}>${d.suffix}`);
      if (lines.join(', ').length <= CONSTANTS_INLINE_CHARS) this.out.push(`${rowPad}in every row: ${lines.join(', ')}`);
      else {
        this.out.push(`${rowPad}in every row:`);
        for (const l of lines) this.out.push(`${rowPad}  ${l}`);
      }
    }
    for (const g of layout.groups) this.put(`${rowPad}same in every row with the same ${formatName(g.by.name)}:`, g.rows, rowPad.length + 2);
    // Recurring objects of list columns, each written once; the rows name them.
    for (const c of [...columns, ...layout.sparse, ...layout.blocks]) {
      if (c.dictionary) this.put(`${rowPad}${formatName(c.name)} (rows list them by ${formatName(c.dictionary.keyName)}):`, c.dictionary.items, rowPad.length + 2);
    }
    if (outlined) {
      // Columns with a prefix/suffix that stay in the outline say it once here.
      const templates = columns.filter((c) => (c.prefix || c.suffix) && !(split && !wide && split.includes(c)));
      if (templates.length > 0) {
        this.out.push(`${rowPad}rows show only the * part of:`);
        for (const c of templates) this.out.push(`${rowPad}  ${formatName(c.name)}: ${c.prefix}*${c.suffix}`);
      }
      const rows = isArray ? (collection as readonly JsonValue[]) : (collection as JsonObject).entries.map(([, v]) => v);
      const paths = wide ? layout.rowPaths : withoutColumns(layout.rowPaths, cells);
      if (!wide) {
        const names = cells.map((c) => columnHeader(c));
        if (lossy && isArray) names.unshift('#');
        this.out.push(`${rowPad}columns: ${names.join('|')}`);
      }
      for (const r of kept) this.within(rows[r] as JsonObject, () => {
        const row = compactRow(rows[r] as JsonObject, paths, (original, copy) => {
          if (this.plan.keepOpen?.has(original)) this.openCopies.add(copy);
          if (this.plan.fullStrings?.has(original)) this.reportCopies.add(copy);
        });
        if (!wide) {
          const line = cells.map((c) => this.cell(r, c));
          if (lossy && isArray) line.unshift(String(r));
          this.out.push(`${rowPad}${line.join('|')}`);
          return this.entries(row, undefined, rowPad.length + 2);
        }
        const start = this.out.length;
        if (lossy && isArray) this.out.push(`${rowPad}  #: ${r}`);
        if (!isArray) this.out.push(`${rowPad}  (key): ${formatString(layout.keys![r], 'block')}`);
        this.entries(row, undefined, rowPad.length + 2);
        if (this.out.length > start) this.out[start] = `${rowPad}- ${this.out[start].slice(rowPad.length + 2)}`;
      });
    } else if (this.oneColumn(layout, lossy)) {
      // One varying field and nothing else: its values as one list, in row order.
      const [c] = columns;
      const values = c.values.map((v) => (typeof v === 'string' ? this.inlineString(v, 'flow') : formatScalar(v as Exclude<JsonValue, string | object>, 'flow')));
      this.out.push(`${rowPad}${formatName(c.name)} in row order: [${values.join(listSeparator(c.values as JsonValue[]))}]`);
    } else {
      const names = columns.map((c) => columnHeader(c));
      if (lossy && isArray) names.unshift('#');
      if (names.length > 0) this.out.push(`${rowPad}columns: ${names.join('|')}`);
      this.sameHeader(head, headerStart, rowPad);
      const rowObjects = layout.tree?.rows ?? (isArray ? (collection as readonly JsonValue[]) : (collection as JsonObject).entries.map(([, v]) => v));
      for (const r of kept) this.within(rowObjects[r] as JsonObject, () => {
        const pad = layout.tree ? rowPad + '  '.repeat(layout.tree.depths[r]) : rowPad;
        const cells = columns.map((c) => this.cell(r, c));
        if (lossy && isArray) cells.unshift(String(r));
        // Sparse fields, and block fields whose value is small in this row, go at the end as `+{…}`.
        const extra = [...layout.sparse, ...layout.blocks].filter((c) => inExtras(c, r));
        if (extra.length > 0) cells.push(`+{${extra.map((c) => `${formatName(c.name)}: ${this.flowValue(c.values[r]!)}`).join(', ')}}`);
        this.out.push(`${pad}${cells.join('|')}`);
        for (const c of layout.blocks) {
          const v = c.values[r];
          if (v !== undefined && isBulky(v)) this.put(`${pad}  ${formatName(c.name)}:`, v, pad.length + 4);
        }
      });
    }
    if (lossy) {
      const dropped = missing(n, kept);
      const lines = () => dropped.map((r) => (isArray ? toJson((collection as readonly JsonValue[])[r]) : `{${JSON.stringify(layout.keys![r])}:${toJson((collection as JsonObject).entries[r][1])}}`));
      this.out.push(rowPad + this.cuts.dropped(dropped.length, lines, 'rows', () => facetSummary(layout, dropped) ?? 'one row per line, in order'));
    }
  }

  /**
   * A table under the same key as an earlier one (eslint's `messages` of each file) whose header
   * lines (shared fields, columns) came out exactly the same says so in one line instead.
   */
  private sameHeader(head: string | undefined, start: number, pad: string): void {
    const key = head?.trim();
    if (!key?.endsWith(':') || this.out.length - start < 2) return;
    const header = this.out.slice(start).join('\n');
    // A header holding a cut keeps it: its marker must stay in the text.
    if (this.headers.get(key) !== header || header.includes('[hr:')) return void this.headers.set(key, header);
    this.out.length = start;
    this.out.push(`${pad}(same header as the ${key.slice(0, -1)} above)`);
  }

  /** A table whose rows differ in one plain scalar field only (present in every row). */
  private oneColumn(layout: TableLayout, lossy: boolean): boolean {
    const [c] = layout.columns;
    return !lossy && !layout.tree && layout.columns.length === 1 && layout.sparse.length === 0 && layout.blocks.length === 0 && layout.groups.length === 0 &&
      !c.isKey && !c.dictionary && !c.prefix && !c.suffix && !c.tail && c.values.every((v) => v !== undefined && (typeof v !== 'object' || v === null || v instanceof JsonNumber));
  }

  private cell(row: number, column: Column): string {
    const value = column.values[row];
    if (value === undefined) return '';
    if (typeof value === 'string') return this.inlineString(column.prefix || column.suffix || column.tail ? starPart(column, value, row) : value, 'cell');
    if (value instanceof JsonObject || Array.isArray(value)) return this.flowValue(value);
    return formatScalar(value as Exclude<JsonValue, string | object>, 'cell');
  }

  /** A value inside `{…}`/`[…]`: long strings in it are shortened like any other. */
  private flowValue(value: JsonValue): string {
    if (typeof value === 'string') return this.inlineString(value, 'flow');
    if (!this.hasLongString(value)) return flow(value);
    if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${formatKey(k, 'flow')}: ${this.flowValue(v)}`).join(', ')}}`;
    if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map((v) => this.flowValue(v)).join(listSeparator(value as readonly JsonValue[]))}]`;
    return formatScalar(value as Exclude<JsonValue, string | object>, 'flow');
  }

  private hasLongString(value: JsonValue): boolean {
    if (this.maxString === Infinity) return false;
    if (typeof value === 'string') return value.length > this.maxString;
    if (value instanceof JsonObject) return value.entries.some(([, v]) => this.hasLongString(v));
    if (Array.isArray(value)) return (value as readonly JsonValue[]).some((v) => this.hasLongString(v));
    return false;
  }

  private layout(collection: object, compute: () => TableLayout | undefined): TableLayout | undefined {
    return tableLayout(this.layouts, collection, compute);
  }
}

/** The cached table layout of a collection (computed on first use); undefined when it is not a table. */
export function tableLayout(layouts: LayoutCache, collection: object, compute: () => TableLayout | undefined): TableLayout | undefined {
  let layout = layouts.get(collection);
  if (layout === undefined) layouts.set(collection, (layout = compute() ?? null));
  return layout ?? undefined;
}

function columnHeader(column: Column): string {
  const name = column.isKey ? column.name : formatName(column.name);
  if (column.tail) return `${name}=${column.prefix}*${column.tail.sep}<${column.tail.from.isKey ? 'key' : column.tail.from.name}>`;
  return column.prefix || column.suffix ? `${name}=${column.prefix}*${column.suffix}` : name;
}

/** Indices in 0…n-1 that are not in the sorted list `kept`. */
function missing(n: number, kept: readonly number[]): number[] {
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (k < kept.length && kept[k] === i) k++;
    else out.push(i);
  }
  return out;
}

/** Cuts a string to at most `length` code units without splitting a surrogate pair. */
function safeSlice(s: string, length: number): string {
  const code = s.charCodeAt(length - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
