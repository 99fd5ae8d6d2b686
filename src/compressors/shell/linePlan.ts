// A line-by-line plan that most shell filters share: every source line is kept unless the compressor
// drops it under a named kind, replaces it with the same fact redrawn, or absorbs it into a line it
// wrote itself (built only from facts in the input). Dropped lines become markers: one per
// contiguous run (with its line range) when a kind has few runs, otherwise one marker for the whole
// kind with a grep hint — so every cut is retrievable. Compressors may add markers of their own.
import type { CompressContext, Draft, MarkerInfo, MarkerUnit, MarkerVerb } from '../types';
import { DraftBuilder } from '../shared/draft';
import { formatMarker } from '../shared/markers';

export interface DropKind {
  /** What the lines were, in a few words (`npm http fetch lines`). */
  readonly detail: string;
  /** A substring found in every line of the kind, for the retrieval hint when its runs are scattered. */
  readonly grep?: string;
  /** Announce a scattered kind after the last line instead of where it first occurs (e.g. inside a tree). */
  readonly atEnd?: boolean;
}

export interface MarkerSpec {
  readonly verb: MarkerVerb;
  readonly count: number;
  readonly unit: MarkerUnit;
  readonly lines?: readonly [number, number];
  readonly detail?: string;
  /** A stashed original (`context.stash`) the marker points into instead of the input. */
  readonly id?: string;
}

/** Kinds cut in at most this many runs get one ranged marker per run; more runs get one grep marker. */
const MAX_RANGED_RUNS = 3;
/** A cut's tokens are counted on its first this many characters (then twice as many, …) until they outweigh its marker. */
const PROBE_CHARS = 2048;

export class LinePlan {
  private readonly dropped: (DropKind | undefined)[];
  private readonly writes = new Map<number, string[]>();
  private readonly replaced = new Map<number, string>();
  private readonly absorbed = new Set<number>();
  private readonly markers = new Map<number, MarkerSpec[]>();
  private readonly inline: MarkerInfo[] = [];

  constructor(private readonly context: CompressContext) {
    this.dropped = new Array<DropKind | undefined>(context.source.lines.length);
  }

  drop(index: number, kind: DropKind): this {
    this.dropped[index] = kind;
    return this;
  }

  dropRange(from: number, to: number, kind: DropKind): this {
    for (let i = from; i < to; i++) this.dropped[i] = kind;
    return this;
  }

  /** Shows `text` in place of source line `index` (the same fact, redrawn); not a cut. */
  replace(index: number, text: string): this {
    this.replaced.set(index, text);
    this.dropped[index] = undefined;
    return this;
  }

  /** Hides source line `index` without a marker: its facts are in a line the compressor wrote. */
  absorb(index: number): this {
    this.replaced.set(index, '');
    this.absorbed.add(index);
    this.dropped[index] = undefined;
    return this;
  }

  /** Writes a marker before source line `index` for a change the plan cannot express as dropped lines. */
  writeMarker(index: number, marker: MarkerSpec): this {
    const list = this.markers.get(index) ?? [];
    list.push(marker);
    this.markers.set(index, list);
    return this;
  }

  /** A marker to place inside a line the compressor writes; recorded with the draft's markers. */
  markerText(marker: MarkerSpec): string {
    const info = this.toInfo(marker);
    this.inline.push(info);
    return formatMarker(info);
  }

  /** Undoes a drop: the line is kept. */
  keep(index: number): this {
    this.dropped[index] = undefined;
    return this;
  }

  /** Writes `text` (the compressor's own line) before source line `index`; `lines.length` writes at the end. */
  write(index: number, text: string): this {
    const list = this.writes.get(index) ?? [];
    list.push(text);
    this.writes.set(index, list);
    return this;
  }

  /** True when source line `index` is dropped (under any kind). */
  isDropped(index: number): boolean {
    return this.dropped[index] !== undefined;
  }

  /** Number of lines dropped so far. */
  get droppedCount(): number {
    let n = 0;
    for (const kind of this.dropped) if (kind) n++;
    return n;
  }

  render(notes: readonly [string, string][] = []): Draft {
    const { lines } = this.context.source;
    const builder = new DraftBuilder(this.context.source);
    const scattered = this.scatteredKinds();
    const announced = new Set<DropKind>();
    const emitWrites = (i: number) => {
      for (const text of this.writes.get(i) ?? []) builder.write(text);
      for (const marker of this.markers.get(i) ?? []) builder.write(builder.marker(this.toInfo(marker)));
    };
    // What goes "at the end" goes before a trailing empty line (the input's final newline).
    const endAt = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    let endDone = false;
    const emitEnd = () => {
      endDone = true;
      emitWrites(lines.length);
      for (const [kind, stat] of scattered) if (kind.atEnd) builder.write(this.scatteredMarker(builder, kind, stat));
    };
    for (let i = 0; i < lines.length; ) {
      if (i === endAt) emitEnd();
      emitWrites(i);
      const kind = this.dropped[i];
      if (!kind) {
        const text = this.replaced.get(i);
        if (text === undefined) builder.keep(i);
        else if (!this.absorbed.has(i)) builder.write(text);
        i++;
        continue;
      }
      if (scattered.has(kind)) {
        if (!announced.has(kind) && !kind.atEnd) {
          announced.add(kind);
          builder.write(this.scatteredMarker(builder, kind, scattered.get(kind)!));
        }
        i++;
        continue;
      }
      // One marker for a run of dropped lines of any kinds; scattered lines inside it are counted too.
      const details: string[] = [];
      let end = i;
      while (end < lines.length && this.dropped[end] && (end === i || !this.breaksRun(end))) {
        const detail = this.dropped[end]!.detail;
        if (!scattered.has(this.dropped[end]!) && !details.includes(detail)) details.push(detail);
        end++;
      }
      const detail = details.join(', ');
      // A cut must save tokens: lines that cost no more than their marker would are kept instead.
      const marker = { verb: 'omitted' as const, count: end - i, unit: 'lines' as const, lines: [i + 1, end] as const, detail };
      if (!this.costsMoreThan(range(i, end), marker)) builder.keepRange(i, end);
      else builder.omit(i, end, { detail });
      i = end;
    }
    if (!endDone) emitEnd();
    for (const [step, reason] of notes) builder.note(step, reason);
    const draft = builder.build();
    return this.inline.length > 0 ? { ...draft, markers: [...(draft.markers ?? []), ...this.inline] } : draft;
  }

  /** Line ranges of the input are shifted to the stored original's numbering; a stash's are its own. */
  private toInfo(spec: MarkerSpec): MarkerInfo {
    const offset = spec.id === undefined ? (this.context.source.lineOffset ?? 0) : 0;
    return {
      id: spec.id ?? this.context.source.id,
      verb: spec.verb,
      count: spec.count,
      unit: spec.unit,
      ...(spec.lines ? { lines: [spec.lines[0] + offset, spec.lines[1] + offset] as const } : {}),
      ...(spec.detail ? { detail: spec.detail } : {}),
    };
  }

  private breaksRun(index: number): boolean {
    return this.writes.has(index) || this.markers.has(index);
  }

  private scatteredMarker(builder: DraftBuilder, kind: DropKind, { count }: { count: number }): string {
    return builder.marker({ verb: 'omitted', count, unit: 'lines', detail: scatteredDetail(kind) });
  }

  /**
   * Do these lines cost more tokens than the marker that would replace them? Only a prefix is
   * counted when it already decides (a long cut is never tokenized whole just to be cut).
   */
  private costsMoreThan(cut: readonly number[], marker: MarkerSpec): boolean {
    const { lines, lineTokens } = this.context.source;
    const limit = this.context.engines.tokens.count(formatMarker(this.toInfo(marker)));
    if (lineTokens) return cut.reduce((sum, i) => sum + lineTokens[i], 0) > limit;
    let text = '';
    let probe = PROBE_CHARS;
    for (const line of cut.map((i) => lines[i])) {
      text += text === '' ? line : `\n${line}`;
      if (text.length < probe) continue;
      if (this.context.engines.tokens.count(text) > limit) return true;
      probe = 2 * text.length;
    }
    return this.context.engines.tokens.count(text) > limit;
  }

  /**
   * Kinds whose lines fall into more than MAX_RANGED_RUNS separate runs: they get one marker with a
   * grep hint instead of many small ranged ones. A scattered kind that costs no more than its marker is kept.
   */
  private scatteredKinds(): Map<DropKind, { count: number; grep?: string }> {
    const { lines } = this.context.source;
    const stats = new Map<DropKind, { runs: number; count: number; lines: number[]; lastRun: number }>();
    let run = 0;
    for (let i = 0; i < lines.length; i++) {
      const kind = this.dropped[i];
      if (!kind) {
        run++;
        continue;
      }
      if (this.breaksRun(i)) run++;
      const stat = stats.get(kind) ?? { runs: 0, count: 0, lines: [], lastRun: -1 };
      if (stat.lastRun !== run) stat.runs++;
      stat.lastRun = run;
      stat.count++;
      stat.lines.push(i);
      stats.set(kind, stat);
    }
    const scattered = new Map<DropKind, { count: number; grep?: string }>();
    for (const [kind, stat] of stats) {
      if (stat.runs <= MAX_RANGED_RUNS) continue;
      const marker = { verb: 'omitted' as const, count: stat.count, unit: 'lines' as const, detail: scatteredDetail(kind) };
      if (this.costsMoreThan(stat.lines, marker)) scattered.set(kind, { count: stat.count, grep: kind.grep });
      else for (let i = 0; i < lines.length; i++) if (this.dropped[i] === kind) this.dropped[i] = undefined;
    }
    return scattered;
  }
}

function scatteredDetail(kind: DropKind): string {
  return kind.grep ? `${kind.detail}; grep "${kind.grep}"` : kind.detail;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
