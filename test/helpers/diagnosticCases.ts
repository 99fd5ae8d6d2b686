// Helpers for the compiler and linter filters' unit tests: run the whole engine with a command,
// run one compressor alone (to see it decline), read a fixture, and get every cut back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../src/compressors/compress';
import { parseCommand } from '../../src/compressors/shared/command';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import { renderTerminal } from '../../src/compressors/shared/terminal';
import type { CompressResult, Compressor, Draft, Engines, ParsedCommand, Source } from '../../src/compressors/types';
import { FIXTURE_ROOT } from './fixtures';

export function command(raw: string): ParsedCommand {
  return parseCommand(raw);
}

export function source(text: string): Source {
  return { id: '0123456789ab', text, lines: text.split('\n') };
}

/** The raw text of a fixture case of the shell family. */
export function fixture(compressorId: string, name: string): string {
  return readFileSync(join(FIXTURE_ROOT, 'shell', compressorId, `${name}.txt`), 'utf8');
}

/** One compressor on a text, as the engine would call it (escapes rendered), no fallback. */
export function runAlone(compressor: Compressor, text: string, engines: Engines): Draft | undefined {
  const rendered = renderTerminal(text).text;
  return compressor.compress({ source: source(rendered), options: {}, engines, stash: () => 'ba9876543210' });
}

export function compressWith(text: string, commandLine: string | undefined, engines: Engines): CompressResult {
  return compress(text, commandLine === undefined ? {} : { command: commandLine }, engines);
}

/** Every marker's original is there; ranges name real lines; returns each marker's text (its range, or the whole stash). */
export function redeem(result: CompressResult): string[] {
  const originals = new Map(result.originals.map((o) => [o.id, o.bytes]));
  assert.equal(scanMarkers(result.text).length, result.markers.length, 'every marker in the text is recorded');
  return result.markers.map((marker) => {
    const bytes = originals.get(marker.id);
    assert.ok(bytes, `marker ${marker.id} has no original`);
    const part = sliceOriginal(bytes, marker.lines ? { lines: marker.lines } : {});
    assert.ok(part.ok, 'slice failed');
    return new TextDecoder().decode(part.bytes);
  });
}

/** Input lines matching `pattern` that the output does not contain verbatim (escapes removed). */
export function missingLines(input: string, output: string, pattern: RegExp): string[] {
  const kept = new Set(output.split('\n'));
  return renderTerminal(input).text.split('\n').filter((line) => pattern.test(line) && !kept.has(line));
}
