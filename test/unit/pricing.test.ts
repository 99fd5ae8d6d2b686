import assert from 'node:assert/strict';
import { DEFAULT_PRICE_MODEL, MODEL_PRICES, findPrice, formatCredits, formatTokens, formatUsd, inputCost, modelKey, priceTable } from '../../src/stats/pricing';

describe('pricing', () => {
  it('has the default price model and the seeds\' Sonnet baseline of $3 per 1M input tokens', () => {
    const sonnet = findPrice([DEFAULT_PRICE_MODEL]);
    assert.ok(sonnet);
    assert.equal(sonnet.input, 3);
    assert.equal(sonnet.output, 15);
    assert.equal(sonnet.cachedInput, 0.3);
  });

  it('finds a model by id, family or display name', () => {
    assert.equal(findPrice(['claude-sonnet-4.6'])?.name, 'Claude Sonnet 4.6');
    assert.equal(findPrice(['copilot-fast', 'gpt-5.4-mini'])?.name, 'GPT-5.4 mini');
    assert.equal(findPrice(['gpt-5.4-2026-03-05'])?.name, 'GPT-5.4', 'a dated id falls back to its model by prefix');
    assert.equal(findPrice(['claude-opus-4.8-thinking'])?.name, 'Claude Opus 4.8');
    assert.equal(findPrice(['fake-echo', 'fake']), undefined);
    assert.equal(findPrice([undefined, '']), undefined);
  });

  it('prefers the longest matching name', () => {
    assert.equal(findPrice(['gemini-2.5-flash-lite-preview'])?.name, 'Gemini 2.5 Flash-Lite');
  });

  it('lets custom prices override and extend the table, skipping invalid rows', () => {
    const table = priceTable({ 'Claude Sonnet 4.6': { input: 2 }, 'My Model': { input: 1, output: 4, cachedInput: 0.1 }, Broken: { input: 'x' }, Negative: { input: -1 } });
    assert.equal(findPrice(['claude-sonnet-4.6'], table)?.input, 2);
    assert.equal(findPrice(['claude-sonnet-4.6'], table)?.source, 'custom');
    assert.deepEqual(findPrice(['my-model'], table), { name: 'My Model', input: 1, output: 4, cachedInput: 0.1, source: 'custom' });
    assert.equal(findPrice(['broken'], table), undefined);
    assert.equal(findPrice(['negative'], table), undefined);
    assert.equal(table.filter((p) => modelKey(p.name) === 'claude-sonnet-4.6').length, 1);
  });

  it('prices input tokens and formats small amounts, credits and tokens readably', () => {
    const sonnet = findPrice(['claude-sonnet-4.6'])!;
    assert.equal(inputCost(1_000_000, sonnet), 3);
    assert.equal(inputCost(-5, sonnet), 0);
    // The seed's per-turn example: 58,800 input tokens at $3/M is $0.176.
    assert.equal(formatUsd(inputCost(58_800, sonnet)), '$0.176');
    assert.equal(formatUsd(0.0031), '$0.0031');
    assert.equal(formatUsd(0.00001), '<$0.0001');
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatCredits(0.176), '17.6 credits');
    assert.equal(formatCredits(0.01), '1.0 credit');
    assert.equal(formatCredits(12.345), '1,235 credits');
    assert.equal(formatTokens(12345), '12,345');
    assert.equal(formatTokens(12345, true), '12k');
    assert.equal(formatTokens(1234, true), '1.2k');
    assert.equal(formatTokens(2_500_000, true), '2.5M');
  });

  it('lists each model once, with non-negative prices', () => {
    const keys = MODEL_PRICES.map((p) => modelKey(p.name));
    assert.equal(new Set(keys).size, keys.length);
    for (const p of MODEL_PRICES) assert.ok(p.input >= 0 && p.output >= p.input, p.name);
  });
});
