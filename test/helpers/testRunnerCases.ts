// Helpers for the test-runner compressors' unit tests: run one compressor directly on a text (to see
// it decline), run the whole engine, read a fixture, and check that every marker points at real lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import { renderTerminal } from '../../src/compressors/shared/terminal';
import type { CompressOptions, CompressResult, Compressor, Draft, Engines } from '../../src/compressors/types';
import { FIXTURE_ROOT } from './fixtures';

/** Runs one compressor on a text the way the engine would (terminal rendered), without fallbacks. */
export function runCompressor(compressor: Compressor, text: string, engines: Engines, options: CompressOptions = {}): Draft | undefined {
  const rendered = renderTerminal(text).text;
  const lines = rendered.split('\n');
  return compressor.compress({
    source: { id: '0123456789ab', text: rendered, lines },
    options,
    engines,
    stash: () => 'ba9876543210',
  });
}

/** The raw text of a fixture case. */
export function fixtureText(compressorId: string, name: string): string {
  return readFileSync(join(FIXTURE_ROOT, 'shell', compressorId, `${name}.txt`), 'utf8');
}

export function compressAs(text: string, command: string, engines: Engines): CompressResult {
  return compress(text, { command }, engines);
}

/** Every line-range marker names lines that exist in the stored original, and the input is among the originals. */
export function assertRedeemable(result: CompressResult, input: string): void {
  const originals = new Map(result.originals.map((o) => [o.id, o.bytes]));
  const found = scanMarkers(result.text);
  assert.equal(found.length, result.markers.length, 'every marker in the text is recorded');
  for (const marker of result.markers) {
    const bytes = originals.get(marker.id);
    assert.ok(bytes, `marker ${marker.id} has no original`);
    if (marker.lines) {
      const part = sliceOriginal(bytes, { lines: marker.lines });
      assert.ok(part.ok && part.bytes.length > 0, `lines ${marker.lines.join('-')} are empty`);
      assert.equal(part.ok && new TextDecoder().decode(part.bytes).split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== '').length, marker.lines[1] - marker.lines[0] + 1);
    }
  }
  if (result.markers.length > 0) assert.ok(result.originals.some((o) => Buffer.from(o.bytes).toString('utf8') === input), 'the input is stored whole');
}

/** Wraps test-runner marks and words in the colour codes real runners print on a terminal. */
export function colour(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `\x1b[2m\x1b[0m${line.replace(/(✔|✖|✓|×|FAIL|PASS|ok|FAILED|passed|failed)/g, '\x1b[1;31m$1\x1b[39;22m')}\x1b[0m`))
    .join('\n');
}

/** The same text with marker ids blanked, so outputs of differently stored inputs compare. */
export function withoutIds(text: string): string {
  return text.replace(/\[hr:[0-9a-f]{12} /g, '[hr:… ');
}

export function commandOf(raw: string) {
  return parseCommand(raw);
}
