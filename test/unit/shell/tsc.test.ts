// tsc: claims, declines, keeps every error whole (plain output is left as it is), stashes late frames.
import assert from 'node:assert/strict';
import { tsc } from '../../../src/compressors/shell/tsc';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

// Real `tsc --noEmit` output (tsc 5.9.3, piped, so not pretty) from the project of the pretty fixture.
const PLAIN = `src/api/legacy.ts(2,12): error TS2580: Cannot find name 'require'. Do you need to install type definitions for node? Try \`npm i --save-dev @types/node\`.
src/api/legacy.ts(10,23): error TS1117: An object literal cannot have multiple properties with the same name.
src/models/product.ts(2,30): error TS2307: Cannot find module 'fs' or its corresponding type declarations.
src/reports/stock.ts(34,7): error TS2845: This condition will always return 'false'.
src/services/orders.ts(13,36): error TS2322: Type '{ product: Product | undefined; qty: number; }[]' is not assignable to type '{ product: Product; qty: number; }[]'.
  Type '{ product: Product | undefined; qty: number; }' is not assignable to type '{ product: Product; qty: number; }'.
    Types of property 'product' are incompatible.
      Type 'Product | undefined' is not assignable to type 'Product'.
        Type 'undefined' is not assignable to type 'Product'.
src/services/orders.ts(13,43): error TS2322: Type '"new"' is not assignable to type '"open" | "paid" | "shipped"'.
src/services/orders.ts(13,70): error TS2322: Type 'number' is not assignable to type 'string'.
src/services/orders.ts(17,3): error TS2322: Type 'string' is not assignable to type 'number'.
src/services/orders.ts(22,16): error TS2551: Property 'stauts' does not exist on type 'Order'. Did you mean 'status'?
src/services/orders.ts(27,3): error TS2322: Type 'string' is not assignable to type 'Promise<string>'.
`;

describe('tsc', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims tsc behind wrappers, not other tools or tsc --version', () => {
    for (const raw of ['tsc', 'npx tsc --noEmit', 'pnpm exec tsc -p tsconfig.build.json', 'time npx tsc -b', 'vue-tsc --noEmit', 'npx tsc --noEmit 2>&1 | head -100']) assert.ok(tsc.matches!(command(raw)), raw);
    for (const raw of ['tsc --version', 'node tsc.js', 'eslint .', 'npm run build']) assert.ok(!tsc.matches!(command(raw)), raw);
  });

  it('sniffs tsc output but not other diagnostics', () => {
    assert.ok(tsc.sniff!(source(PLAIN)));
    assert.ok(!tsc.sniff!(source(fixture('eslint', 'stylish-warnings-errors'))));
    assert.ok(!tsc.sniff!(source('src/a.ts(1,1): something else\nhello\n')));
  });

  it('declines text without tsc diagnostics', () => {
    assert.equal(runAlone(tsc, '', engines), undefined);
    assert.equal(runAlone(tsc, 'Version 5.9.3\n', engines), undefined);
    assert.equal(runAlone(tsc, 'x'.repeat(100_000), engines), undefined);
  });

  it('leaves plain output (errors only, each with its elaboration) exactly as it was', () => {
    const result = compressWith(PLAIN, 'npx tsc --noEmit', engines);
    assert.equal(result.text, PLAIN);
    const draft = runAlone(tsc, PLAIN, engines)!;
    assert.equal(draft.text, PLAIN);
  });

  it('keeps every pretty error line and the summary, and gives the late frames back from one stash', () => {
    const input = fixture('tsc', 'pretty-strict-migration');
    const result = compressWith(input, 'npx tsc --noEmit --pretty', engines);
    assert.equal(result.compressor, 'tsc');
    assert.deepEqual(missingLines(input, result.text, / - error TS\d+: |^Found \d+ errors/), []);
    const [frames] = redeem(result);
    assert.equal(result.markers.length, 1);
    assert.ok(frames.includes("src/legacy/shipping.ts:37:15 - error TS7053: Element implicitly has an 'any' type"));
    assert.ok(frames.includes('37     (out[z] = out[z] || []).push(o);'));
  });

  it('keeps an error elaboration chain whole even when its frame goes', () => {
    const chain = ["src/a.ts:1:1 - error TS7006: Type 'A' is not assignable to type 'B'.", "  Type 'A' is missing the following properties from type 'B': x, y", '    Property x is private.', '', '1 const b: B = a;', '        ~', ''];
    const many = Array.from({ length: 25 }, (_, i) => [`src/z.ts:${i + 1}:1 - error TS7006: Parameter 'p' implicitly has an 'any' type.`, '', `${i + 1} function f(p) {}`, '               ~', '']).flat();
    const input = [...many, ...chain, 'Found 26 errors in 2 files.', ''].join('\n');
    const out = runAlone(tsc, input, engines)!.text.split('\n');
    for (const line of chain.slice(0, 3)) assert.ok(out.includes(line), line);
    assert.ok(!out.includes('1 const b: B = a;'), 'the frame of a 26th error of a code seen 25 times is stashed');
    assert.ok(out.includes('Found 26 errors in 2 files.'));
  });
});
