// The line plan the shell filters share: a cut is made only when its lines cost more tokens than the
// marker that replaces them, contiguous cuts name their line range, scattered ones a grep hint.
import assert from 'node:assert/strict';
import { LinePlan, type DropKind } from '../../../src/compressors/shell/linePlan';
import { scanMarkers } from '../../../src/compressors/shared/markers';
import type { CompressContext, Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';

function contextOf(text: string, engines: Engines): CompressContext {
  return { source: { id: '0123456789ab', text, lines: text.split('\n') }, options: {}, engines, stash: () => 'ba9876543210' };
}

describe('LinePlan', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  const NOISE: DropKind = { detail: 'noise', grep: 'noise' };

  it('keeps a short cut whose marker would cost more tokens, cuts a long one with its range', () => {
    const text = ['keep', 'noise 1', 'keep', ...Array.from({ length: 30 }, (_, i) => `noise line ${i} with some words in it`), 'end', ''].join('\n');
    const context = contextOf(text, engines);
    const plan = new LinePlan(context);
    context.source.lines.forEach((line, i) => { if (line.startsWith('noise')) plan.drop(i, NOISE); });
    const draft = plan.render();
    assert.ok(draft.text.includes('\nnoise 1\n'), 'the one-line cut is cheaper kept');
    const markers = scanMarkers(draft.text);
    assert.equal(markers.length, 1);
    assert.deepEqual(markers[0].lines, [4, 33]);
    assert.ok(engines.tokens.count(draft.text) < engines.tokens.count(text));
  });

  it('gives a kind cut in many places one marker with its grep hint, unless the lines are cheaper than it', () => {
    const scattered = Array.from({ length: 8 }, (_, i) => [`keep ${i}`, `noise: a long line of repeated progress output number ${i}`]).flat();
    const context = contextOf(scattered.join('\n'), engines);
    const plan = new LinePlan(context);
    context.source.lines.forEach((line, i) => { if (line.startsWith('noise')) plan.drop(i, NOISE); });
    const markers = scanMarkers(plan.render().text);
    assert.equal(markers.length, 1);
    assert.equal(markers[0].detail, 'noise; grep "noise"');
    assert.equal(markers[0].lines, undefined);

    const cheap = Array.from({ length: 8 }, (_, i) => [`keep ${i}`, 'noise']).flat();
    const cheapContext = contextOf(cheap.join('\n'), engines);
    const cheapPlan = new LinePlan(cheapContext);
    cheapContext.source.lines.forEach((line, i) => { if (line === 'noise') cheapPlan.drop(i, NOISE); });
    assert.equal(cheapPlan.render().text, cheap.join('\n'));
  });

  it('decides on a huge cut without tokenizing it whole each time', () => {
    const lines = ['head', ...Array.from({ length: 200_000 }, () => ' '.repeat(40)), 'tail'];
    const context = contextOf(lines.join('\n'), engines);
    let counted = 0;
    const metered: CompressContext = { ...context, engines: { ...engines, tokens: { encoding: engines.tokens.encoding, count: (t) => { counted += t.length; return engines.tokens.count(t); } } } };
    const plan = new LinePlan(metered);
    plan.dropRange(1, lines.length - 1, { detail: 'blank padding' });
    const draft = plan.render();
    assert.match(draft.text, /^head\n\[hr:0123456789ab omitted 200000 lines L2-200001: blank padding\]\ntail$/);
    assert.ok(counted < 4 * lines.join('\n').length, `tokenized ${counted} chars`);
  });
});
