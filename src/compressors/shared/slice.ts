// Serves part of an original: a line range, or the lines containing a substring. Used by every
// host (CLI, tools, MCP), so "retrieve" means the same everywhere. Patterns are plain substrings,
// not regexes: a model-supplied regex could take exponential time.

export interface SliceRequest {
  /** 1-based inclusive range; the end is clamped to the last line. */
  readonly lines?: readonly [number, number];
  /** Keep only lines containing this text (case-insensitive). */
  readonly grep?: string;
  /** Prefix each returned line with its 1-based number and a tab. */
  readonly numbered?: boolean;
}

export type SliceResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

const utf8 = new TextEncoder();

export function sliceOriginal(bytes: Uint8Array, request: SliceRequest): SliceResult {
  if (!request.lines && request.grep === undefined && !request.numbered) return { ok: true, bytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'this original is binary; it can only be retrieved whole (no --lines or --grep)' };
  }
  // Split keeping each line's own terminator, so joining the pieces gives the original bytes back.
  const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let first = 1;
  let last = pieces.length;
  if (request.lines) {
    const [a, b] = request.lines;
    if (!(a >= 1 && b >= a)) return { ok: false, error: `bad line range ${a}-${b}: use A-B with 1 <= A <= B` };
    if (a > pieces.length) return { ok: false, error: `line ${a} is past the end: the original has ${pieces.length} lines` };
    first = a;
    last = Math.min(b, pieces.length);
  }
  const needle = request.grep?.toLowerCase();
  let out = '';
  for (let n = first; n <= last; n++) {
    const piece = pieces[n - 1];
    if (needle !== undefined && !piece.toLowerCase().includes(needle)) continue;
    out += request.numbered ? `${n}\t${piece}` : piece;
  }
  return { ok: true, bytes: utf8.encode(out) };
}

/** Parses `A-B` or `A` into a range. */
export function parseLineRange(value: string): readonly [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return [a, b];
}
