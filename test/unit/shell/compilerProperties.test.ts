// Properties of every compiler and linter filter on slices of their real fixtures: any slice (a
// truncated log, a log that starts mid-way) compresses without throwing, is never larger, keeps every
// error line, and every marker points at real lines of a stored original.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compress } from '../../../src/compressors/compress';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { fixtureCases } from '../../helpers/fixtures';
import { missingLines, redeem } from '../../helpers/diagnosticCases';
import { expandMypyGroups } from './expandMypyGroups';

/** Lines that are errors in each tool's own format (independent of the filters' parsers). */
const ERROR_LINES: Record<string, RegExp> = {
  tsc: / - error TS\d+: |\): error TS\d+: /,
  eslint: /^ +\d+:\d+ +error +|, Error - /,
  gcc: /: (?:fatal )?error: |\] Error \d+$/,
  cargoBuild: /^error(?:\[E\d+\])?: /,
  mypy: /^\S+\.py:\d+: error: /,
  ruff: /^(?:invalid-syntax|F821) |: (?:invalid-syntax|F821) /,
  flake8: /: (?:E9\d\d|F82\d) /,
  javac: /\.java:\d+: error: /,
  gradle: /\.java:\d+: error: /,
  maven: /^\[ERROR\] \S[^\n]*\.java:\[\d|COMPILATION ERROR|BUILD FAILURE/,
};

describe('compiler and linter filters on slices of real output', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  const cases = fixtureCases().filter((c) => c.family === 'shell' && c.compressorId in ERROR_LINES);

  it('has a fixture for every filter with errors to check', () => {
    assert.deepEqual([...new Set(cases.map((c) => c.compressorId))].sort(), Object.keys(ERROR_LINES).sort());
  });

  for (const fixture of cases) {
    it(`${fixture.compressorId}/${fixture.name}: every slice keeps its error lines and stays redeemable`, () => {
      const lines = new TextDecoder().decode(fixture.input).split('\n');
      fc.assert(
        fc.property(fc.nat(lines.length - 1), fc.nat(lines.length), (from, length) => {
          const input = lines.slice(from, from + length).join('\n');
          const result = compress(input, { command: fixture.meta.command, minTokens: 0 }, engines);
          assert.ok(result.tokensAfter <= result.tokensBefore);
          // mypy writes a repeated message once with all its locations: read those back first.
          const text = fixture.compressorId === 'mypy' ? expandMypyGroups(result.text).join('\n') : result.text;
          assert.deepEqual(missingLines(input, text, ERROR_LINES[fixture.compressorId]), []);
          redeem(result);
        }),
        { numRuns: 25, seed: 4 },
      );
    });
  }

  it('survives binary, invalid UTF-8 and pathological lines under every compiler command', () => {
    const commands = [...new Set(cases.map((c) => c.meta.command!))];
    const inputs = [
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x0a, 0x62]),
      `${':'.repeat(20_000)}\n${' '.repeat(20_000)}x\n${'a.c:1:'.repeat(3_000)} error: x\n`,
      `${'warning: '.repeat(2_000)}\n${'[ERROR] '.repeat(2_000)}\n${'  1:1  warning  '.repeat(1_000)}\n${'--> '.repeat(2_000)}\n`,
    ];
    for (const command of commands) for (const input of inputs) {
      const result = compress(input, { command, minTokens: 0 }, engines);
      assert.ok(result.tokensAfter <= result.tokensBefore, command);
    }
  });
});
