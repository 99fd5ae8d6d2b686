// Builds a compressor's output line by line. Kept lines come from the source; every cut becomes a
// marker that names the exact line range of the stored original, so nothing disappears silently.
import type { Draft, MarkerInfo, MarkerUnit, MarkerVerb, Source, Transform } from '../types';
import { formatMarker } from './markers';

/** A kept line longer than this is shortened in the middle (the marker gives the whole line back). */
export const MAX_LINE_CHARS = 2000;
const LONG_LINE_HEAD = 1200;
const LONG_LINE_TAIL = 300;
/** A marker costs about this many characters; cutting less than this is not worth a marker. */
const MARKER_COST_CHARS = 48;

export interface CutOptions {
  readonly verb?: MarkerVerb;
  readonly detail?: string;
}

export class DraftBuilder {
  private readonly out: string[] = [];
  private readonly markerList: MarkerInfo[] = [];
  private readonly transformList: Transform[] = [];

  constructor(private readonly source: Source) {}

  /** Emits text the compressor wrote itself (a header, a summary built only from facts in the input). */
  write(text: string): this {
    this.out.push(text);
    return this;
  }

  /** Emits source line `index` (0-based), shortened with a marker if it is absurdly long. */
  keep(index: number): this {
    const line = this.source.lines[index];
    if (line.length <= MAX_LINE_CHARS) {
      this.out.push(line);
      return this;
    }
    const cut = line.length - LONG_LINE_HEAD - LONG_LINE_TAIL;
    const lineNumber = this.lineNumber(index);
    const marker = this.marker({ verb: 'truncated', count: cut, unit: 'chars', lines: [lineNumber, lineNumber] });
    this.out.push(`${line.slice(0, LONG_LINE_HEAD)} ${marker} ${line.slice(line.length - LONG_LINE_TAIL)}`);
    return this;
  }

  /** Emits source lines [from, to). */
  keepRange(from: number, to: number): this {
    for (let i = from; i < to; i++) this.keep(i);
    return this;
  }

  /**
   * Cuts source lines [from, to) and leaves a marker naming their range. When the lines are shorter
   * than the marker itself they are kept instead: a cut must always save something.
   */
  omit(from: number, to: number, options: CutOptions = {}): this {
    if (to <= from) return this;
    let chars = 0;
    for (let i = from; i < to && chars <= MARKER_COST_CHARS; i++) chars += this.source.lines[i].length + 1;
    if (chars <= MARKER_COST_CHARS) return this.keepRange(from, to);
    const lines = [this.lineNumber(from), this.lineNumber(to - 1)] as const;
    this.out.push(this.marker({ verb: options.verb ?? 'omitted', count: to - from, unit: 'lines', lines, detail: options.detail }));
    return this;
  }

  /** 1-based line number in the stored original of source line `index`. */
  lineNumber(index: number): number {
    return index + 1 + (this.source.lineOffset ?? 0);
  }

  /** Records a marker and returns its text, for compressors that place markers inside their own lines. */
  marker(info: { verb: MarkerVerb; count: number; unit: MarkerUnit; lines?: readonly [number, number]; detail?: string; id?: string }): string {
    const marker: MarkerInfo = {
      id: info.id ?? this.source.id,
      verb: info.verb,
      count: info.count,
      unit: info.unit,
      ...(info.lines ? { lines: info.lines } : {}),
      ...(info.detail ? { detail: info.detail } : {}),
    };
    this.markerList.push(marker);
    return formatMarker(marker);
  }

  note(step: string, reason: string): this {
    this.transformList.push({ step, reason });
    return this;
  }

  get lineCount(): number {
    return this.out.length;
  }

  build(): Draft {
    return { text: this.out.join('\n'), markers: this.markerList, transforms: this.transformList };
  }
}
