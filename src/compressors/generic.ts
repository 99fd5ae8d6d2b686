// The fallback for any text no specialised compressor claims: collapses runs of repeated lines,
// keeps the head, the tail and a window around every error-looking line, and marks the rest.
import type { CompressContext, Compressor, Draft } from './types';
import { DraftBuilder } from './shared/draft';
import { isErrorLine, isWarningLine, lineTemplate, looseTemplate } from './shared/patterns';

/** Runs of at least this many same-shaped lines collapse to their first and last line. */
const MIN_RUN = 4;
const HEAD_LINES = 40;
const TAIL_LINES = 40;
const ERROR_CONTEXT_BEFORE = 3;
const ERROR_CONTEXT_AFTER = 6;
/** Texts at most this many segments long are only run-collapsed, never windowed. */
const KEEP_ALL_SEGMENTS = HEAD_LINES + TAIL_LINES + 20;

/** A single line, or a run of same-shaped lines [from, to). */
interface Segment {
  readonly from: number;
  readonly to: number;
}

export const generic: Compressor = {
  id: 'generic',
  type: 'log',
  compress(context: CompressContext): Draft {
    const { lines } = context.source;
    const segments = toSegments(lines);
    const budget = context.options.budget;
    // A budget shrinks the windows step by step (estimated at 4 chars a token); must-keep lines stay.
    let scale = 1;
    let draft = render(context, segments, scale);
    while (budget !== undefined && draft.text.length / 4 > budget && scale > 0.1) {
      scale /= 2;
      draft = render(context, segments, scale);
    }
    return draft;
  },
};

/** Error lines only join runs of exactly the same shape; other lines also join looser runs. */
function shapeOf(line: string): string {
  return isErrorLine(line) ? `!${lineTemplate(line)}` : looseTemplate(line);
}

function toSegments(lines: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  const shapes = lines.map(shapeOf);
  let i = 0;
  while (i < lines.length) {
    const template = shapes[i];
    let j = i + 1;
    if (template !== '' && template !== '!') while (j < lines.length && shapes[j] === template) j++;
    if (j - i >= MIN_RUN) {
      segments.push({ from: i, to: j });
      i = j;
    } else {
      segments.push({ from: i, to: i + 1 });
      i++;
    }
  }
  return segments;
}

function render(context: CompressContext, segments: readonly Segment[], scale: number): Draft {
  const { lines } = context.source;
  const builder = new DraftBuilder(context.source);
  const head = Math.ceil(HEAD_LINES * scale);
  const tail = Math.ceil(TAIL_LINES * scale);
  const windowed = segments.length > Math.ceil(KEEP_ALL_SEGMENTS * scale);

  const keep = new Uint8Array(segments.length);
  if (!windowed) keep.fill(1);
  else {
    for (let s = 0; s < Math.min(head, segments.length); s++) keep[s] = 1;
    for (let s = Math.max(0, segments.length - tail); s < segments.length; s++) keep[s] = 1;
    segments.forEach((segment, s) => {
      const line = lines[segment.from];
      if (isErrorLine(line)) {
        for (let k = Math.max(0, s - ERROR_CONTEXT_BEFORE); k <= Math.min(segments.length - 1, s + ERROR_CONTEXT_AFTER); k++) keep[k] = 1;
      } else if (isWarningLine(line)) keep[s] = 1;
    });
  }

  let runs = 0;
  let cutFrom = -1;
  segments.forEach((segment, s) => {
    if (!keep[s]) {
      if (cutFrom < 0) cutFrom = segment.from;
      return;
    }
    if (cutFrom >= 0) {
      builder.omit(cutFrom, segment.from);
      cutFrom = -1;
    }
    if (segment.to - segment.from === 1) builder.keep(segment.from);
    else {
      runs++;
      builder.keep(segment.from);
      builder.omit(segment.from + 1, segment.to - 1, { verb: 'collapsed', detail: 'same shape as the lines around' });
      builder.keep(segment.to - 1);
    }
  });
  if (cutFrom >= 0) builder.omit(cutFrom, lines.length);

  if (runs > 0) builder.note('collapse-runs', `${runs} runs of ≥${MIN_RUN} same-shaped lines kept as first and last line`);
  if (windowed) builder.note('window', `kept first ${head} and last ${tail} segments plus a window around each error line and every warning line`);
  else builder.note('window', `${segments.length} segments: short enough to keep every line`);
  return builder.build();
}
