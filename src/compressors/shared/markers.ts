// The one marker grammar. Every cut in any output is written as
//
//   [hr:<id> <verb> <count> <unit>[ L<first>-<last>][: <detail>]]
//
//   id      12 lowercase hex digits: the SHA-256 prefix of the stored original
//   verb    omitted | collapsed | elided | truncated | binary | unreadable
//   unit    lines | chars | bytes | rows | keys | items | files | tests | frames | words (singular when count is 1)
//   L a-b   1-based inclusive line range inside that original (present when the cut is one range)
//   detail  free text without `]` or newlines, at most MAX_DETAIL chars
//
// e.g. `[hr:3f9a0c1b2d4e omitted 240 lines L13-252]`. `headroom retrieve 3f9a0c1b2d4e --lines 13-252`
// (or the headroom_retrieve tool) returns exactly the bytes that were cut.
import type { MarkerInfo, MarkerUnit, MarkerVerb } from '../types';

export const ID_LENGTH = 12;
const MAX_DETAIL = 160;

// Matches `[hr:3f9a0c1b2d4e omitted 240 lines L13-252: npm progress]`; no nested quantifiers, linear time.
const MARKER_PATTERN =
  /\[hr:([0-9a-f]{12}) (omitted|collapsed|elided|truncated|binary|unreadable) (\d+) (line|char|byte|row|key|item|file|test|frame|word)s?(?: L(\d+)-(\d+))?(?:: ([^\]\n]*))?\]/g;

export function formatMarker(marker: MarkerInfo): string {
  const range = marker.lines ? ` L${marker.lines[0]}-${marker.lines[1]}` : '';
  const detail = marker.detail ? `: ${cleanDetail(marker.detail)}` : '';
  const unit = marker.count === 1 ? marker.unit.slice(0, -1) : marker.unit;
  return `[hr:${marker.id} ${marker.verb} ${marker.count} ${unit}${range}${detail}]`;
}

/** Every marker in a text, in order of appearance. */
export function scanMarkers(text: string): MarkerInfo[] {
  const found: MarkerInfo[] = [];
  for (const m of text.matchAll(MARKER_PATTERN)) {
    found.push({
      id: m[1],
      verb: m[2] as MarkerVerb,
      count: Number(m[3]),
      unit: `${m[4]}s` as MarkerUnit,
      ...(m[5] ? { lines: [Number(m[5]), Number(m[6])] as const } : {}),
      ...(m[7] !== undefined ? { detail: m[7] } : {}),
    });
  }
  return found;
}

export function isMarkerId(value: string): boolean {
  return /^[0-9a-f]{12}$/.test(value);
}

function cleanDetail(detail: string): string {
  const flat = detail.replace(/[\]\n\r]/g, (c) => (c === ']' ? ')' : ' '));
  return flat.length > MAX_DETAIL ? flat.slice(0, MAX_DETAIL - 1) + '…' : flat;
}
