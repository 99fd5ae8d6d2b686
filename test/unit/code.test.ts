// The code compressor: outlines that re-parse in the same grammar, every signature kept, query-named
// bodies kept, small files untouched, broken code kept whole, and bad input handled honestly.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compress } from '../../src/compressors/compress';
import { code, CODE_MIN_TOKENS } from '../../src/compressors/code';
import { codeLanguageFor, grammarsFor } from '../../src/compressors/code/languages';
import { route } from '../../src/compressors/route';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressResult, Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

const decoder = new TextDecoder();

/** True when `text` parses without ERROR or MISSING nodes in the grammar the options name. */
function reparses(engines: Engines, options: { fileName?: string; language?: string }, text: string): boolean {
  const grammar = grammarsFor(options)[0];
  const tree = engines.syntax!.parse(grammar, text)!;
  try {
    return !tree.root.hasError;
  } finally {
    tree.dispose();
  }
}

/** A TypeScript module with `count` exported functions of `bodyLines` statements each. */
function tsModule(count: number, bodyLines: number): string {
  const out = ["import { readFileSync } from 'node:fs';", ''];
  for (let f = 0; f < count; f++) {
    out.push(`/** Sums the weights of batch ${f}. */`, `export function sumBatch${f}(items: readonly number[], scale = ${f}): number {`, '  let total = 0;');
    for (let i = 0; i < bodyLines; i++) out.push(`  total += weigh(items[${i}] ?? 0, scale) * ${i + 1}; // weight ${i}`);
    out.push('  return total;', '}', '');
  }
  return out.join('\n');
}

function reasons(result: CompressResult): string {
  return result.transforms.map((t) => `${t.step}: ${t.reason}`).join('\n');
}

describe('code compressor', () => {
  let engines: Engines;
  before(async () => {
    engines = await testEngines();
  });

  describe('fixtures', () => {
    const cases = fixtureCases().filter((c) => c.compressorId === 'code');
    it('has a fixture for each of the 13 outlined languages', () => {
      const grammars = new Set(cases.map((c) => codeLanguageFor(c.meta)?.grammar));
      for (const g of ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'ruby', 'php', 'bash']) assert.ok(grammars.has(g as never), g);
    });
    for (const fixture of cases) {
      it(`${fixture.name}: the outline re-parses without errors and every marker names elided lines`, () => {
        const result = compress(fixture.input, fixture.meta, engines);
        assert.equal(result.compressor, 'code', reasons(result));
        assert.ok(reparses(engines, fixture.meta, result.text), 'the outline does not parse');
        const original = result.originals.find((o) => Buffer.from(o.bytes).equals(Buffer.from(fixture.input)))!;
        for (const marker of result.markers) {
          assert.equal(marker.id, original.id);
          const part = sliceOriginal(original.bytes, { lines: marker.lines! });
          assert.ok(part.ok, JSON.stringify(marker));
          assert.equal(decoder.decode(part.bytes).split('\n').length >= marker.count, true);
        }
      });
    }
    it('reaches a 50 % mean token reduction over the fixtures', () => {
      const savings = cases.map((c) => {
        const r = compress(c.input, c.meta, engines);
        return 1 - r.tokensAfter / r.tokensBefore;
      });
      const mean = savings.reduce((a, b) => a + b, 0) / savings.length;
      assert.ok(mean >= 0.5, `mean reduction ${(mean * 100).toFixed(1)} %`);
    });
  });

  it('keeps the body of a function the query names, and elides it otherwise', () => {
    const fixture = fixtureCases().find((c) => c.name === 'python-textwrap-query')!;
    const bodyLine = '            for i, (x, y) in enumerate(zip(margin, indent)):';
    const withQuery = compress(fixture.input, fixture.meta, engines);
    assert.ok(withQuery.text.includes(bodyLine));
    assert.match(reasons(withQuery), /query names: dedent/);
    const without = compress(fixture.input, { ...fixture.meta, query: undefined }, engines);
    assert.ok(!without.text.includes(bodyLine));
    assert.ok(without.text.includes('def dedent(text):'));
    assert.ok(reparses(engines, fixture.meta, withQuery.text));
  });

  it('outlines a generated module: signatures and doc lines stay, bodies become markers with their calls', () => {
    const source = tsModule(12, 10);
    const result = compress(source, { fileName: 'src/batches.ts' }, engines);
    assert.equal(result.compressor, 'code', reasons(result));
    for (let f = 0; f < 12; f++) {
      assert.ok(result.text.includes(`/** Sums the weights of batch ${f}. */\nexport function sumBatch${f}(items: readonly number[], scale = ${f}): number { /* [hr:`));
    }
    assert.equal(result.markers.length, 12);
    assert.deepEqual(result.markers[0].lines, [5, 16], 'the lines inside the braces of the first function');
    assert.equal(result.markers[0].detail, 'calls weigh');
    assert.ok(result.tokensAfter < result.tokensBefore / 3);
    assert.ok(reparses(engines, { fileName: 'a.ts' }, result.text));
  });

  it('cuts the middle of a long data table, keeping its first entries and its last', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `    "code_${i}": ("Error number ${i} from the upstream service", ${400 + i}),`);
    const source = `ERRORS = {\n${rows.join('\n')}\n}\n\n\ndef describe(code):\n    return ERRORS[code][0]\n`;
    const result = compress(source, { fileName: 'errors.py' }, engines);
    assert.equal(result.compressor, 'code', reasons(result));
    assert.ok(result.text.startsWith(`ERRORS = {\n${rows.slice(0, 3).join('\n')}\n    # [hr:`));
    assert.ok(result.text.includes(`56 of 60 entries]\n${rows[59]}\n}`));
    assert.deepEqual(result.markers[0].lines, [5, 60]);
    assert.ok(reparses(engines, { fileName: 'a.py' }, result.text));

    const table = Array.from({ length: 40 }, (_, i) => `\t"key${i}": ${i * 7},`).join('\n');
    const go = compress(`package codes\n\n// Weights by key.\nvar Weights = map[string]int{\n${table}\n}\n`, { fileName: 'codes.go', minTokens: 100 }, engines);
    assert.equal(go.compressor, 'code', reasons(go));
    assert.match(go.text, /\t\/\/ \[hr:[0-9a-f]{12} elided 36 lines L8-43: 36 of 40 entries\]\n\t"key39": 273,\n\}/);
    assert.ok(reparses(engines, { fileName: 'a.go' }, go.text));
  });

  it('keeps a literal whole when it holds functions or documented entries', () => {
    const methods = Array.from({ length: 30 }, (_, i) => `  handle${i}(event) { return dispatch(event, ${i}); },`).join('\n');
    const withMethods = compress(`export const handlers = {\n${methods}\n};\n`, { fileName: 'handlers.js', minTokens: 100 }, engines);
    for (let i = 0; i < 30; i++) assert.ok(withMethods.text.includes(`  handle${i}(event) { return dispatch(event, ${i}); },`));
    const documented = Array.from({ length: 30 }, (_, i) => `  // Emitted when step ${i} of the pipeline finishes\n  STEP_${i}_DONE: 'step-${i}-done',`).join('\n');
    const constants = compress(`export const EVENTS = {\n${documented}\n};\n`, { fileName: 'events.ts', minTokens: 100 }, engines);
    for (let i = 0; i < 30; i++) assert.ok(constants.text.includes(`STEP_${i}_DONE: 'step-${i}-done',`));
  });

  it('writes the retrieve hint as a comment, so the output still parses', () => {
    for (const name of ['go-http-cookie', 'python-difflib', 'vscode-shell-integration']) {
      const fixture = fixtureCases().find((c) => c.name === name)!;
      const result = compress(fixture.input, { ...fixture.meta, retrieveHint: 'headroom retrieve {id} --lines A-B' }, engines);
      assert.match(result.text, /\n(\/\/|#) \[hr: cut parts are kept; to read one: headroom retrieve [0-9a-f]{12} --lines A-B\]$/);
      assert.ok(reparses(engines, fixture.meta, result.text), name);
    }
  });

  it('code cut off or damaged anywhere is either outlined into code that parses or kept whole', () => {
    const cases = fixtureCases().filter((c) => c.compressorId === 'code');
    fc.assert(fc.property(fc.nat(cases.length - 1), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.boolean(), (index, at, damage) => {
      const fixture = cases[index];
      const text = decoder.decode(fixture.input);
      const cut = Math.floor(text.length * at);
      // Either the file ends early (saved mid-edit) or a stray `)` lands in the middle.
      const input = damage ? `${text.slice(0, cut)})${text.slice(cut)}` : text.slice(0, cut);
      const result = compress(input, fixture.meta, engines);
      assert.ok(result.tokensAfter <= result.tokensBefore);
      if (result.compressor === 'code') {
        assert.ok(reparses(engines, fixture.meta, result.text), `${fixture.name} at ${cut}`);
        for (const marker of result.markers) assert.ok(marker.lines![1] <= input.split('\n').length);
      } else {
        assert.ok(['passthrough', 'generic'].includes(result.compressor), result.compressor);
      }
    }), { numRuns: 25 });
  });

  it('is deterministic', () => {
    const fixture = fixtureCases().find((c) => c.name === 'xterm-selection-service')!;
    assert.equal(compress(fixture.input, fixture.meta, engines).text, compress(fixture.input, fixture.meta, engines).text);
  });

  it('leaves a small file untouched and says why', () => {
    const source = tsModule(2, 6);
    assert.ok(source.length < CODE_MIN_TOKENS * 4 && engines.tokens.count(source) > 120);
    const result = compress(source, { fileName: 'small.ts' }, engines);
    assert.equal(result.text, source);
    assert.equal(result.compressor, 'passthrough');
    assert.match(reasons(result), /characters is below the 2000-character threshold for an outline: kept whole/);
  });

  it('keeps code with a syntax error outside any body whole, and says where', () => {
    const source = tsModule(10, 8).replace('export function sumBatch3(', 'export function sumBatch3((');
    const result = compress(source, { fileName: 'broken.ts' }, engines);
    assert.equal(result.text, source);
    assert.equal(result.compressor, 'passthrough');
    assert.match(reasons(result), /does not parse as TypeScript \(syntax error at L\d+, outside any body an outline can elide\): kept whole/);
  });

  it('elides a body with a parse error inside it and says so in its marker', () => {
    const source = tsModule(10, 8).replaceAll('  total += weigh(items[3] ?? 0, scale) * 4; // weight 3', '  total += weigh(items[3] ?? 0, scale) * ; // weight 3');
    const result = compress(source, { fileName: 'partly.ts' }, engines);
    assert.equal(result.compressor, 'code', reasons(result));
    assert.equal(result.markers.filter((m) => m.detail === 'calls weigh; TypeScript parse errors inside').length, 10);
    assert.match(reasons(result), /the input has 10 TypeScript parse errors, all inside elided bodies/);
    assert.ok(reparses(engines, { fileName: 'a.ts' }, result.text));
  });

  it('tries C++ when a .h header does not parse as C', () => {
    const methods = Array.from({ length: 30 }, (_, i) => `  int value${i}(int scale) const {\n    int total = scale * ${i};\n    total += offset_ * ${i};\n    total -= bias(${i});\n    return total;\n  }`).join('\n');
    const source = `#pragma once\nnamespace geo {\nclass Shape {\n public:\n  virtual ~Shape() = default;\n${methods}\n private:\n  int offset_ = 0;\n};\n}  // namespace geo\n`;
    const result = compress(source, { fileName: 'include/shape.h' }, engines);
    assert.equal(result.compressor, 'code', reasons(result));
    assert.match(reasons(result), /C\+\+ outline/);
    assert.ok(result.text.includes('  int value29(int scale) const { /* [hr:'));
    assert.ok(reparses(engines, { language: 'cpp' }, result.text));
  });

  it('uses the tighter outline when a budget asks for less', () => {
    const source = tsModule(40, 1);
    const plain = compress(source, { fileName: 'a.ts' }, engines);
    const tight = compress(source, { fileName: 'a.ts', budget: 100 }, engines);
    assert.ok(tight.tokensAfter < plain.tokensAfter, `${tight.tokensAfter} vs ${plain.tokensAfter}`);
    assert.ok(reparses(engines, { fileName: 'a.ts' }, tight.text));
    assert.ok(tight.text.includes('export function sumBatch39(items: readonly number[], scale = 39): number'));
  });

  it('declines without a syntax engine, so the text is not routed to it', () => {
    const source = tsModule(12, 10);
    const result = compress(source, { fileName: 'a.ts' }, { tokens: engines.tokens });
    assert.notEqual(result.compressor, 'code');
    assert.match(reasons(result), /decline:code/);
  });

  it('declines when the grammar is not loaded', () => {
    const syntax = { supports: () => false, parse: () => undefined };
    const source = tsModule(12, 10);
    assert.equal(code.compress({ source: { id: '0'.repeat(12), text: source, lines: source.split('\n') }, options: { fileName: 'a.ts' }, engines: { tokens: engines.tokens, syntax }, stash: () => '' }), undefined);
  });

  it('leaves minified code and oversized files to the generic compressor', () => {
    const minified = `export function f(a){${'a=a+1;'.repeat(5000)}return a}\n`;
    assert.notEqual(compress(minified, { fileName: 'bundle.min.js' }, engines).compressor, 'code');
    const huge = tsModule(4000, 8);
    assert.ok(huge.length > 2 * 1024 * 1024);
    const result = compress(huge, { fileName: 'huge.ts' }, engines);
    assert.notEqual(result.compressor, 'code');
    assert.ok(result.tokensAfter < result.tokensBefore);
  });

  it('describes binary input instead of parsing it', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe]);
    const result = compress(bytes, { fileName: 'image.ts' }, engines);
    assert.equal(result.compressor, 'binary');
  });

  it('survives pathological nesting', () => {
    const depth = 3000;
    const source = `export function deep() {\n${'  if (x) {\n'.repeat(depth)}  work();\n${'  }\n'.repeat(depth)}}\n`;
    const result = compress(source, { fileName: 'deep.ts' }, engines);
    assert.ok(result.tokensAfter <= result.tokensBefore);
    if (result.compressor === 'code') assert.ok(reparses(engines, { fileName: 'a.ts' }, result.text));
  });

  it('claims code files and language ids, not JSON or prose', () => {
    for (const [fileName, language] of [['a.ts', undefined], ['x/y.PY', undefined], ['Rakefile', undefined], ['', 'shellscript'], ['', 'typescriptreact'], ['', '.rs'], ['lib.h', undefined]] as const) {
      assert.ok(code.handlesFile!(fileName, language), `${fileName} ${language}`);
    }
    for (const fileName of ['package.json', 'README.md', 'build.log', 'Makefile']) assert.ok(!code.handlesFile!(fileName), fileName);
    assert.equal(codeLanguageFor({ language: 'typescriptreact' })?.grammar, 'tsx');
    assert.equal(codeLanguageFor({ language: 'csharp', fileName: 'a.txt' })?.grammar, 'csharp');
    assert.deepEqual(grammarsFor({ fileName: 'a.h' }), ['c', 'cpp']);
    assert.deepEqual(grammarsFor({ fileName: 'data.json' }), ['json']);
  });

  it('is chosen by --type code with --language', () => {
    const source = tsModule(12, 10);
    const lines = source.split('\n');
    const candidates = route({ id: '0'.repeat(12), text: source, lines }, { type: 'code', language: 'typescript' }, engines);
    assert.equal(candidates[0].compressor.id, 'code');
    assert.equal(compress(source, { type: 'code', language: 'typescript' }, engines).compressor, 'code');
  });

  it('outlines a file with CRLF line ends and a byte-order mark (the engine shows line ends as LF)', () => {
    const fixture = fixtureCases().find((c) => c.name === 'semver-version')!;
    assert.ok(decoder.decode(fixture.input).includes('\r\n'));
    const result = compress(fixture.input, fixture.meta, engines);
    assert.equal(result.compressor, 'code');
    assert.ok(!result.text.includes('\r'));
    assert.ok(reparses(engines, fixture.meta, result.text));
  });
});
