import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { parseLineRange, sliceOriginal } from '../../src/compressors/shared/slice';
import type { TokenCounter } from '../../src/compressors/types';
import { fitToBudget } from '../../src/tools/budget';
import { testEngines } from '../helpers/engines';

const utf8 = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('fitting a tool result to a token budget', () => {
  let tokens: TokenCounter;
  before(async () => { tokens = (await testEngines()).tokens; });

  const store = () => {
    const kept = new Map<string, string>();
    return { kept, keep: (text: string) => { const id = (kept.size + 1).toString(16).padStart(12, '0'); kept.set(id, text); return id; } };
  };

  it('leaves a text that fits alone', async () => {
    const { kept, keep } = store();
    const fitted = await fitToBudget('short\ntext\n', 100, (t) => tokens.count(t), keep);
    assert.deepEqual(fitted, { text: 'short\ntext\n', cut: false, tokens: tokens.count('short\ntext\n') });
    assert.equal(kept.size, 0);
  });

  it('keeps head and tail within the budget and marks the middle, which comes back line for line', async () => {
    const text = [...Array(500)].map((_, i) => `line ${i + 1}: ${'word '.repeat(8)}`).join('\n');
    const { kept, keep } = store();
    const fitted = await fitToBudget(text, 300, (t) => tokens.count(t), keep);
    assert.equal(fitted.cut, true);
    assert.ok(fitted.tokens <= 300 && tokens.count(fitted.text) === fitted.tokens, `${fitted.tokens} tokens`);
    assert.ok(fitted.text.startsWith('line 1:'));
    assert.ok(fitted.text.endsWith(`line 500: ${'word '.repeat(8)}`));
    const [marker] = scanMarkers(fitted.text);
    assert.ok(marker && marker.lines, fitted.text);
    const original = kept.get(marker.id)!;
    assert.equal(original, text);
    const middle = sliceOriginal(utf8.encode(original), { lines: parseLineRange(`${marker.lines[0]}-${marker.lines[1]}`) });
    assert.ok(middle.ok);
    const rebuilt = fitted.text.replace(/\[hr:[^\]]*\]\n?/, decode(middle.bytes));
    assert.equal(rebuilt, text, 'putting the retrieved lines where the marker was gives the text back');
    assert.equal(marker.count, marker.lines[1] - marker.lines[0] + 1);
  });

  it('always fits when there is room for the marker, for any text and budget', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 60, max: 400 }), async (lines, budget) => {
      const text = lines.join('\n');
      const fitted = await fitToBudget(text, budget, (t) => tokens.count(t), store().keep);
      assert.ok(fitted.tokens <= budget || !fitted.cut, `${fitted.tokens} > ${budget}`);
    }), { numRuns: 60 });
  });

  it('ignores a missing or non-positive budget', async () => {
    for (const budget of [0, -1, Number.NaN]) assert.equal((await fitToBudget('x '.repeat(500), budget, (t) => tokens.count(t), store().keep)).cut, false);
  });
});
