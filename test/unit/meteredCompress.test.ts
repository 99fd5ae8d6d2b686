import assert from 'node:assert/strict';
import { Runtime } from '../../src/runtime/runtime';
import { Ledger } from '../../src/stats/ledger';
import { meteredCompress } from '../../src/stats/meteredCompress';
import { ASSET_DIR } from '../helpers/engines';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_ROOT } from '../helpers/fixtures';

describe('metered compression', () => {
  let runtime: Runtime;
  before(() => { runtime = new Runtime({ assetDir: ASSET_DIR }); });
  after(() => runtime.dispose());

  it('records what the model reads, with the engine\'s exact token counts and the original\'s id', async () => {
    const ledger = new Ledger();
    const input = [...Array(300)].map((_, i) => `2026-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO worker job ${i} done`).join('\n');
    const metered = await meteredCompress(() => runtime, ledger, input, { type: 'log' }, { source: 'terminal', label: 'tail app.log' });
    assert.ok(metered.tokensAfter < metered.tokensBefore);
    const [entry] = ledger.recent();
    assert.deepEqual({ before: entry.tokensBefore, after: entry.tokensAfter, saved: entry.saved, source: entry.source, label: entry.label }, { before: metered.tokensBefore, after: metered.tokensAfter, saved: metered.tokensBefore - metered.tokensAfter, source: 'terminal', label: 'tail app.log' });
    assert.equal(entry.compressor, metered.compressor);
    assert.ok(entry.originalId);
    const stored = runtime.store.get(entry.originalId);
    assert.ok(stored.found && new TextDecoder().decode(stored.bytes) === input, 'the audit trail can show the whole original');
  });

  it('records a text too small to compress as a zero saving', async () => {
    const ledger = new Ledger();
    const metered = await meteredCompress(() => runtime, ledger, 'ok', {}, { source: 'tools', label: 'echo ok' });
    assert.equal(metered.text, 'ok');
    assert.equal(ledger.recent()[0].saved, 0);
    assert.equal(ledger.recent()[0].compressor, 'passthrough');
  });

  it('passes the original on with a note when the Runtime fails, claiming no saving', async () => {
    const ledger = new Ledger();
    const broken = { compress: () => Promise.reject(new Error('tokenizer did not load')), countTokens: () => Promise.reject(new Error('no tokenizer')) } as unknown as Runtime;
    const input = readFileSync(join(FIXTURE_ROOT, 'shell', 'npmInstall', 'npm-install-http.txt'), 'utf8');
    const metered = await meteredCompress(() => broken, ledger, input, { command: 'npm install' }, { source: 'participant', label: 'npm-install.log' });
    assert.equal(metered.text, input);
    assert.match(metered.note ?? '', /could not compress this \(tokenizer did not load\); the original is passed on unchanged/);
    assert.equal(ledger.recent()[0].saved, 0);
    assert.equal(ledger.recent()[0].note, metered.note);
  });
});
