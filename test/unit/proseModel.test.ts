// The whole bring-your-own prose model path with a real (tiny) ONNX model and a real tokenizer.json:
// the Runtime loads them on first use after checking the SHA-256, scores the kept paragraphs in
// onnxruntime-web, and the prose compressor drops the low-scored words; the same input, options and
// model give the same bytes; a missing, corrupt or mismatched model falls back to the deterministic
// path with a note; the CLI takes it with --prose-model.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitWords } from '../../src/compressors/prose/splitWords';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import { OnnxProseModel } from '../../src/runtime/proseModel';
import { PROSE_WORKER_SCRIPT, ProseModelWorker, proseModelEngine } from '../../src/runtime/proseModelWorker';
import { Runtime, type RuntimeOptions } from '../../src/runtime/runtime';
import { WordTokenizer } from '../../src/runtime/wordTokenizer';
import { ASSET_DIR, ROOT } from '../helpers/engines';
import { PROSE_DOC, sha256File, TINY_DIR, TINY_MODEL, TINY_PROBABILITY_MODEL, TINY_TOKENIZER } from '../helpers/proseModelFiles';
import { FILLER, tinyLogitsModel, tinyProbabilityModel, tinyTokenizer } from '../helpers/tinyProseModel';

const MODEL_SHA = sha256File(TINY_MODEL);
const TOKENIZER_SHA = sha256File(TINY_TOKENIZER);
// `[hr:0123456789ab elided 12 words L3-5]`
const WORDS_MARKER = /\[hr:([0-9a-f]{12}) elided (\d+) words? L(\d+)-(\d+)\]/g;
const CLI = join(ROOT, 'dist', 'cli.js');

const runtimes: Runtime[] = [];
let tmp: string;

function runtime(prose?: RuntimeOptions['prose']): Runtime {
  const r = new Runtime({ assetDir: ASSET_DIR, ...(prose ? { prose } : {}) });
  runtimes.push(r);
  return r;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    assert.ok(Date.now() < deadline, `not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function noteOf(result: { transforms: readonly { step: string; reason: string }[] }): string {
  return result.transforms.find((t) => t.step === 'prose-model')?.reason ?? '';
}

describe('bring-your-own prose model (tiny ONNX model)', function () {
  this.timeout(30_000);

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'headroom-prose-model-'));
  });

  after(async () => {
    await Promise.all(runtimes.map((r) => r.dispose()));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('commits the tiny model and tokenizer exactly as test/helpers/tinyProseModel.ts builds them (a few KB)', () => {
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(TINY_MODEL, tinyLogitsModel());
      writeFileSync(TINY_PROBABILITY_MODEL, tinyProbabilityModel());
      writeFileSync(TINY_TOKENIZER, tinyTokenizer());
    }
    assert.deepEqual(readFileSync(TINY_MODEL), Buffer.from(tinyLogitsModel()));
    assert.deepEqual(readFileSync(TINY_PROBABILITY_MODEL), Buffer.from(tinyProbabilityModel()));
    assert.equal(readFileSync(TINY_TOKENIZER, 'utf8'), tinyTokenizer());
    for (const file of [TINY_MODEL, TINY_PROBABILITY_MODEL, TINY_TOKENIZER]) assert.ok(readFileSync(file).length < 8 * 1024);
  });

  it('compresses prose end to end: drops filler words, keeps every protected fact, marks each shortened paragraph retrievably', async () => {
    const r = runtime({ model: TINY_MODEL, sha256: MODEL_SHA });
    const result = await r.compress(PROSE_DOC, { type: 'prose' });
    const deterministic = await runtime().compress(PROSE_DOC, { type: 'prose' });
    assert.equal(result.compressor, 'prose');
    assert.ok(result.tokensAfter < deterministic.tokensAfter, `${result.tokensAfter} < ${deterministic.tokensAfter} tokens`);
    assert.match(noteOf(result), new RegExp(`^model sha256 ${MODEL_SHA}, tokenizer sha256 ${TOKENIZER_SHA}: kept \\d+ of \\d+ words`));
    for (const needle of ['`npm install cache-server`', '~/.config/cache/cache.json', '8080', 'https://logs.example.com/cache', '30 seconds', '"key rejected"', 'does not retry', 'Never', 'retryPolicy', '# Cache server', '## Errors']) {
      assert.ok(result.text.includes(needle), `kept ${needle}`);
    }
    // Filler is gone from the shortened lines (the tiny model scores it lowest).
    const shortened = result.text.split('\n').filter((l) => l.includes(' words L'));
    assert.ok(shortened.length >= 2);
    for (const line of shortened) for (const word of ['very', 'really', 'basically']) assert.ok(!splitWords(line).some((w) => w.text === word), `${word} dropped from ${line}`);
    // Each marker's range, retrieved from the stored original, is the lines before shortening.
    const original = result.originals[0];
    assert.deepEqual(new TextDecoder().decode(original.bytes), PROSE_DOC);
    const markers = [...result.text.matchAll(WORDS_MARKER)];
    assert.ok(markers.length >= 2);
    for (const [, id, , first, last] of markers) {
      assert.equal(id, original.id);
      const part = sliceOriginal(original.bytes, { lines: [Number(first), Number(last)] });
      assert.ok(part.ok);
      assert.equal(new TextDecoder().decode(part.bytes), PROSE_DOC.split('\n').slice(Number(first) - 1, Number(last)).join('\n') + '\n');
    }
    assert.equal(result.text.split('\n').length, deterministic.text.split('\n').length, 'no line joined');
  });

  it('gives byte-identical output for the same input, options and model — across runtimes and concurrent calls', async () => {
    const options = { type: 'prose' as const, query: 'timeout errors' };
    const a = await runtime({ model: TINY_MODEL, sha256: MODEL_SHA, keepRatio: 0.4 }).compress(PROSE_DOC, options);
    const other = runtime({ model: TINY_MODEL, sha256: MODEL_SHA, keepRatio: 0.4 });
    const together = await Promise.all([other.compress(PROSE_DOC, options), other.compress(PROSE_DOC, options), other.compress(PROSE_DOC, options)]);
    for (const b of together) {
      assert.equal(b.text, a.text);
      assert.deepEqual(b.transforms, a.transforms);
      assert.deepEqual(b.markers, a.markers);
    }
    assert.ok(a.text.includes(' words L'), 'the model changed something');
    assert.ok(/\btimeout\b/.test(a.text), 'query words stay');
  });

  it('reads a [batch, seq] keep-probability output (Kompress style) and a tokenizer given by path', async () => {
    const dir = join(tmp, 'probabilities');
    const model = join(dir, 'kompress.onnx');
    mkdirSync(dir);
    copyFileSync(TINY_PROBABILITY_MODEL, model);
    const result = await runtime({ model, sha256: sha256File(model), tokenizer: TINY_TOKENIZER, tokenizerSha256: TOKENIZER_SHA }).compress(PROSE_DOC, { type: 'prose' });
    assert.match(noteOf(result), /kept \d+ of \d+ words/);
    assert.ok(result.text.includes(' words L'));
    // Same scores as the logits model (sigmoid of the keep logit = softmax of (0, keep logit)): same words kept.
    const logits = await runtime({ model: TINY_MODEL, sha256: MODEL_SHA }).compress(PROSE_DOC, { type: 'prose' });
    assert.equal(result.text.replace(WORDS_MARKER, ''), logits.text.replace(WORDS_MARKER, ''));
  });

  it('scores long documents in several windows of the tokenizer\'s max length, with every word scored', async () => {
    const tokenizer = WordTokenizer.fromJson(tinyTokenizer(16));
    assert.deepEqual([tokenizer.prefix, tokenizer.suffix, tokenizer.maxLength], [[2], [3], 16]);
    const dir = join(tmp, 'short-windows');
    mkdirSync(dir);
    copyFileSync(TINY_MODEL, join(dir, 'model.onnx'));
    writeFileSync(join(dir, 'tokenizer.json'), tinyTokenizer(16));
    const model = new OnnxProseModel({ model: join(dir, 'model.onnx'), sha256: MODEL_SHA }, ASSET_DIR);
    try {
      const lines = PROSE_DOC.split('\n');
      const blocks = [{ lines: [2, 3, 4] }, { lines: [19, 20] }];
      const scores = await model.score(lines, blocks);
      for (const index of [2, 3, 4, 19, 20]) {
        const ps = scores.lines.get(index)!;
        assert.equal(ps.length, splitWords(lines[index]).length);
        splitWords(lines[index]).forEach((w, k) => {
          if (FILLER.includes(w.text.toLowerCase())) assert.ok(ps[k] < 0.5, `${w.text} ${ps[k]}`);
          else assert.ok(ps[k] > 0.5, `${w.text} ${ps[k]}`);
        });
      }
      const timings = model.timings!;
      assert.ok(timings.tokens > 16 * 4, `${timings.tokens} tokens in windows of 16`);
      // Windows never change the scores of this context-free model: the same as one long window.
      const wide = new OnnxProseModel({ model: TINY_MODEL, sha256: MODEL_SHA }, ASSET_DIR);
      const once = await wide.score(lines, blocks);
      for (const index of [2, 3, 4, 19, 20]) assert.deepEqual(once.lines.get(index), scores.lines.get(index));
      await wide.dispose();
    } finally {
      await model.dispose();
    }
  });

  it('runs the model in a worker thread that stops when idle, with the same scores as in-process', async () => {
    const r = runtime({ model: TINY_MODEL, sha256: MODEL_SHA });
    assert.ok(r.proseModel instanceof ProseModelWorker, 'dist/proseModelWorker.js is used');
    const lines = PROSE_DOC.split('\n');
    const blocks = [{ lines: [2, 3, 4] }, { lines: [19, 20, 21, 22] }];
    const worker = new ProseModelWorker({ model: TINY_MODEL, sha256: MODEL_SHA }, ASSET_DIR, join(ROOT, 'dist', PROSE_WORKER_SCRIPT), 200);
    const inProcess = new OnnxProseModel({ model: TINY_MODEL, sha256: MODEL_SHA }, ASSET_DIR);
    try {
      assert.equal(worker.running, false, 'nothing starts before the first use');
      const a = await worker.score(lines, blocks);
      assert.equal(worker.running, true);
      assert.deepEqual([...a.lines], [...(await inProcess.score(lines, blocks)).lines]);
      assert.equal(await worker.tokenizerSha256(), TOKENIZER_SHA);
      await waitUntil(() => !worker.running, 5000);
      // Stopped when idle; the next request starts it again.
      assert.deepEqual([...(await worker.score(lines, blocks)).lines], [...a.lines]);
      // A request right after a stop is answered by the new worker: the old one's exit does not fail it.
      const stopping = worker.dispose();
      assert.deepEqual([...(await worker.score(lines, blocks)).lines], [...a.lines]);
      await stopping;
    } finally {
      await worker.dispose();
      await inProcess.dispose();
    }
    // Without the worker's bundle beside dist/assets (running from sources), the model runs in-process.
    assert.ok(proseModelEngine({ model: TINY_MODEL, sha256: MODEL_SHA }, join(tmp, 'assets')) instanceof OnnxProseModel);
  });

  describe('falls back to the deterministic output with a clear note', () => {
    let deterministic: string;
    before(async () => {
      deterministic = (await runtime().compress(PROSE_DOC, { type: 'prose' })).text;
    });

    const cases: Array<[string, () => RuntimeOptions['prose'], RegExp]> = [
      ['a missing model file', () => ({ model: join(tmp, 'nowhere.onnx'), sha256: MODEL_SHA, tokenizer: TINY_TOKENIZER }), /cannot read the model .*nowhere\.onnx \(ENOENT\)/],
      ['a missing tokenizer', () => ({ model: TINY_MODEL, sha256: MODEL_SHA, tokenizer: join(tmp, 'none.json') }), /cannot read the tokenizer .*none\.json \(ENOENT\)/],
      ['a model whose SHA-256 is not the one given', () => ({ model: TINY_MODEL, sha256: 'f'.repeat(64) }), new RegExp(`has SHA-256 ${MODEL_SHA}, not the f{64} given`)],
      ['a tokenizer whose SHA-256 is not the one given', () => ({ model: TINY_MODEL, sha256: MODEL_SHA, tokenizerSha256: '0'.repeat(64) }), /the tokenizer .* has SHA-256 [0-9a-f]{64}, not the 0{64} given/],
      ['no valid SHA-256 given', () => ({ model: TINY_MODEL, sha256: 'latest' }), /no valid SHA-256 was given/],
      ['a corrupt model (its hash matches, ONNX cannot read it)', () => {
        const path = join(tmp, 'corrupt.onnx');
        writeFileSync(path, Buffer.from(tinyLogitsModel()).subarray(0, 300));
        copyFileSync(TINY_TOKENIZER, join(tmp, 'tokenizer.json'));
        return { model: path, sha256: sha256File(path) };
      }, /onnxruntime cannot open the model/],
      ['a tokenizer that is not a tokenizer.json', () => {
        const path = join(tmp, 'bad-tokenizer.json');
        writeFileSync(path, '{"version": "1.0"}');
        return { model: TINY_MODEL, sha256: MODEL_SHA, tokenizer: path };
      }, /not a Hugging Face tokenizer\.json/],
      ['a model not downloaded yet', () => ({ unavailable: 'not downloaded yet: run "Headroom: Download Prose Model"' }), /not downloaded yet/],
    ];
    for (const [name, prose, why] of cases) {
      it(name, async () => {
        const result = await runtime(prose()).compress(PROSE_DOC, { type: 'prose' });
        assert.equal(result.text, deterministic);
        const note = noteOf(result);
        assert.match(note, /^unavailable \(.*\); deterministic path only$/);
        assert.match(note, why);
      });
    }
  });

  it('loads nothing for text the prose compressor will not see, and nothing before the first prose text', async () => {
    const r = runtime({ model: TINY_MODEL, sha256: MODEL_SHA });
    const json = await r.compress(JSON.stringify(Array.from({ length: 60 }, (_, i) => ({ id: i, name: `item ${i}` }))), { type: 'json' });
    assert.equal(json.compressor, 'json');
    assert.equal(noteOf(json), '');
    assert.equal(r.proseModel!.timings, undefined, 'the model was never loaded');
    await r.compress(PROSE_DOC, { fileName: 'README.md' });
    assert.ok(r.proseModel!.timings!.loadMs > 0);
  });

  describe('the CLI', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, HEADROOM_STORE_DIR: join(tmp, 'cli-store') } });
    let doc: string;
    before(() => {
      doc = join(tmp, 'README.md');
      writeFileSync(doc, PROSE_DOC);
    });

    it('takes --prose-model with its SHA-256, and retrieve gives a shortened paragraph back', () => {
      const run = cli('compress', doc, '--json', '--prose-model', TINY_MODEL, '--prose-model-sha256', MODEL_SHA, '--prose-keep-ratio', '0.5');
      assert.equal(run.status, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { text: string; transforms: { step: string; reason: string }[] };
      assert.match(noteOf(json), new RegExp(`model sha256 ${MODEL_SHA}`));
      const [, id, , first, last] = [...json.text.matchAll(WORDS_MARKER)][0];
      const back = cli('retrieve', id, '--lines', `${first}-${last}`);
      assert.equal(back.stdout, PROSE_DOC.split('\n').slice(Number(first) - 1, Number(last)).join('\n') + '\n');
      // Same command twice: the same bytes.
      assert.equal(cli('compress', doc, '--prose-model', TINY_MODEL, '--prose-model-sha256', MODEL_SHA).stdout, cli('compress', doc, '--prose-model', TINY_MODEL, '--prose-model-sha256', MODEL_SHA).stdout);
    });

    it('refuses a prose model without its SHA-256, companions without a model, and a bad keep ratio', () => {
      for (const [args, message] of [
        [['--prose-model', TINY_MODEL], /--prose-model needs --prose-model-sha256/],
        [['--prose-model-sha256', MODEL_SHA], /--prose-model-sha256 needs --prose-model FILE/],
        [['--prose-model', TINY_MODEL, '--prose-model-sha256', MODEL_SHA, '--prose-keep-ratio', '1.5'], /--prose-keep-ratio must be a number above 0 and at most 1/],
      ] as const) {
        const run = cli('compress', doc, ...args);
        assert.equal(run.status, 2);
        assert.match(run.stderr, message);
      }
    });

    it('says why in the transforms and prints the deterministic output when the hash does not match', () => {
      const run = cli('compress', doc, '--json', '--prose-model', TINY_MODEL, '--prose-model-sha256', 'e'.repeat(64));
      assert.equal(run.status, 0);
      const json = JSON.parse(run.stdout) as { text: string; transforms: { step: string; reason: string }[] };
      assert.match(noteOf(json), /unavailable \(the model .* has SHA-256 [0-9a-f]{64}, not the e{64} given\)/);
      assert.equal(json.text, JSON.parse(cli('compress', doc, '--json').stdout).text);
    });
  });

  it('keeps the test model folder free of anything but the three files', () => {
    assert.deepEqual(readdirSync(TINY_DIR).sort(), ['model.onnx', 'probabilities.onnx', 'tokenizer.json']);
  });
});
