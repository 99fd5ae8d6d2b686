// Discovers fixture cases: test/fixtures/<family>/<compressorId>/<case>.txt with <case>.json
// (hints and needles) and <case>.expected.txt (the golden output).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CompressOptions } from '../../src/compressors/types';
import { ROOT } from './engines';

export const FIXTURE_ROOT = join(ROOT, 'test', 'fixtures');

export interface FixtureMeta extends CompressOptions {
  /** Facts that must survive compression verbatim. */
  readonly needles: readonly string[];
  /** How the input was captured (tool, version, project). */
  readonly source: string;
}

export interface FixtureCase {
  readonly family: string;
  readonly compressorId: string;
  readonly name: string;
  readonly inputPath: string;
  readonly expectedPath: string;
  readonly input: Uint8Array;
  readonly meta: FixtureMeta;
}

export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  if (!existsSync(FIXTURE_ROOT)) return cases;
  for (const family of readdirSync(FIXTURE_ROOT).sort()) {
    const familyDir = join(FIXTURE_ROOT, family);
    if (!statSync(familyDir).isDirectory()) continue;
    for (const compressorId of readdirSync(familyDir).sort()) {
      const dir = join(familyDir, compressorId);
      if (!statSync(dir).isDirectory()) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.json') || file.endsWith('.expected.json')) continue;
        const name = file.slice(0, -'.json'.length);
        const inputPath = findInput(dir, name);
        cases.push({
          family, compressorId, name, inputPath,
          expectedPath: join(dir, `${name}.expected.txt`),
          input: new Uint8Array(readFileSync(inputPath)),
          meta: JSON.parse(readFileSync(join(dir, file), 'utf8')) as FixtureMeta,
        });
      }
    }
  }
  return cases;
}

/** The input is `<case>.<ext>` for any extension other than .json/.expected.txt (e.g. .txt, .ts, .py). */
function findInput(dir: string, name: string): string {
  const candidates = readdirSync(dir).filter((f) => f.startsWith(name + '.') && f !== `${name}.json` && !f.startsWith(`${name}.expected.`) && f.slice(name.length + 1).indexOf('.') < 0);
  if (candidates.length !== 1) throw new Error(`fixture ${dir}/${name}: expected exactly one input file, found ${candidates.join(', ') || 'none'}`);
  return join(dir, candidates[0]);
}
