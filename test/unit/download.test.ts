// Downloading the user's prose model from a local HTTP server on 127.0.0.1: the file is kept only
// when its SHA-256 matches, progress is reported, redirects are followed, and every failure (wrong
// hash, 404, too big, cut short, cancelled, a URL that is not https) leaves nothing behind. Then the
// settings resolver: a URL is used only once its verified copy is in the extension's storage.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadVerified, isDownloadUrl, refuseUrl } from '../../src/runtime/download';
import { NOT_DOWNLOADED, PROSE_MODEL_DIR, resolveProseModel, type ProseSetting } from '../../src/runtime/proseModelSource';
import { Runtime } from '../../src/runtime/runtime';
import { ASSET_DIR } from '../helpers/engines';
import { PROSE_DOC, sha256File, TINY_MODEL, TINY_TOKENIZER } from '../helpers/proseModelFiles';

const MODEL = readFileSync(TINY_MODEL);
const MODEL_SHA = sha256File(TINY_MODEL);
const TOKENIZER = readFileSync(TINY_TOKENIZER);
const TOKENIZER_SHA = sha256File(TINY_TOKENIZER);
const BIG = Buffer.alloc(300_000, 7);
const BIG_SHA = createHash('sha256').update(BIG).digest('hex');

describe('prose model download (local HTTP server)', function () {
  this.timeout(20_000);
  let server: Server;
  let base: string;
  let dir: string;
  const requests: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-download-'));
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      switch (req.url) {
        case '/model.onnx': res.writeHead(200, { 'content-length': MODEL.length }).end(MODEL); return;
        case '/tokenizer.json': res.writeHead(200).end(TOKENIZER); return;
        case '/big.bin': {
          // Sent in pieces, so progress is reported more than once.
          res.writeHead(200, { 'content-length': BIG.length });
          let at = 0;
          const next = () => {
            if (at >= BIG.length) return res.end();
            res.write(BIG.subarray(at, at + 65_536));
            at += 65_536;
            setImmediate(next);
          };
          next();
          return;
        }
        case '/moved': res.writeHead(302, { location: '/model.onnx' }).end(); return;
        case '/loop': res.writeHead(302, { location: '/loop' }).end(); return;
        case '/to-plain-http': res.writeHead(302, { location: 'http://example.com/model.onnx' }).end(); return;
        case '/short': res.writeHead(200, { 'content-length': MODEL.length }); res.write(MODEL.subarray(0, 100)); res.destroy(); return;
        case '/slow': res.writeHead(200, { 'content-length': BIG.length }); res.write(BIG.subarray(0, 1000)); return; // never ends
        default: res.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Nothing but the verified files in `dir`: no partial files left by a failure. */
  function assertNoPartials(): void {
    const leftovers = readdirSync(dir, { recursive: true }).map(String).filter((name) => name.endsWith('.part'));
    assert.deepEqual(leftovers, []);
  }

  it('keeps a file whose SHA-256 matches, reporting progress up to its size', async () => {
    const dest = join(dir, 'a', 'big.bin');
    const seen: Array<[number, number | undefined]> = [];
    const result = await downloadVerified({ url: `${base}/big.bin`, sha256: BIG_SHA, dest, onProgress: (received, total) => seen.push([received, total]) });
    assert.equal(result.bytes, BIG.length);
    assert.deepEqual(readFileSync(dest), BIG);
    assert.ok(seen.length > 1, `${seen.length} progress reports`);
    assert.ok(seen.every(([r, t], k) => t === BIG.length && (k === 0 || r > seen[k - 1][0])), 'bytes received only grow, total known');
    assert.deepEqual(seen.at(-1), [BIG.length, BIG.length]);
    assertNoPartials();
  });

  it('follows a redirect on the same server, and accepts upper-case hashes', async () => {
    const dest = join(dir, 'moved.onnx');
    const result = await downloadVerified({ url: `${base}/moved`, sha256: MODEL_SHA.toUpperCase(), dest });
    assert.equal(result.from, `${base}/model.onnx`);
    assert.deepEqual(readFileSync(dest), MODEL);
  });

  const failures: Array<[string, () => Parameters<typeof downloadVerified>[0], RegExp]> = [
    ['a file whose SHA-256 is not the one given', () => ({ url: `${base}/model.onnx`, sha256: 'a'.repeat(64), dest: join(dir, 'wrong.onnx') }), /gave a file with SHA-256 [0-9a-f]{64}, not the a{64} given; it was not kept/],
    ['a 404', () => ({ url: `${base}/missing.onnx`, sha256: MODEL_SHA, dest: join(dir, 'missing.onnx') }), /answered HTTP 404/],
    ['a file over the size limit', () => ({ url: `${base}/big.bin`, sha256: BIG_SHA, dest: join(dir, 'capped.bin'), maxBytes: 1000 }), /over the 1000-byte limit/],
    ['a connection cut short', () => ({ url: `${base}/short`, sha256: MODEL_SHA, dest: join(dir, 'short.onnx') }), /closed early|sent 100 of|aborted|socket hang up/],
    ['a redirect loop', () => ({ url: `${base}/loop`, sha256: MODEL_SHA, dest: join(dir, 'loop.onnx') }), /more than 5 redirects/],
    ['a redirect to plain http elsewhere', () => ({ url: `${base}/to-plain-http`, sha256: MODEL_SHA, dest: join(dir, 'plain.onnx') }), /only https:\/\/ URLs are downloaded/],
    ['a missing hash', () => ({ url: `${base}/model.onnx`, sha256: '', dest: join(dir, 'nohash.onnx') }), /needs the SHA-256/],
  ];
  for (const [name, request, message] of failures) {
    it(`refuses ${name} and keeps nothing`, async () => {
      const r = request();
      await assert.rejects(downloadVerified(r), message);
      assert.equal(existsSync(r.dest), false);
      assertNoPartials();
    });
  }

  it('stops when cancelled and keeps nothing', async () => {
    const abort = new AbortController();
    const dest = join(dir, 'cancelled.bin');
    const pending = downloadVerified({ url: `${base}/slow`, sha256: BIG_SHA, dest, signal: abort.signal, onProgress: () => abort.abort() });
    await assert.rejects(pending, /cancelled|abort/i);
    assert.equal(existsSync(dest), false);
    assertNoPartials();
  });

  it('fetches only https, or plain http from the loopback address, and never touches the network to refuse', async () => {
    assert.equal(refuseUrl('https://models.example/x.onnx'), undefined);
    assert.equal(refuseUrl('http://127.0.0.1:8080/x.onnx'), undefined);
    assert.equal(refuseUrl('http://localhost/x.onnx'), undefined);
    assert.match(refuseUrl('http://models.example/x.onnx')!, /only https/);
    assert.match(refuseUrl('file:///etc/passwd')!, /only https/);
    assert.match(refuseUrl('not a url')!, /is not a URL/);
    const before = requests.length;
    await assert.rejects(downloadVerified({ url: 'http://10.255.255.1/x.onnx', sha256: MODEL_SHA, dest: join(dir, 'x.onnx') }), /only https/);
    assert.equal(requests.length, before);
    assert.ok(isDownloadUrl(' https://a/b') && !isDownloadUrl('/home/me/model.onnx'));
  });

  describe('settings → files the Runtime uses', () => {
    const setting = (over: Partial<ProseSetting>): ProseSetting => ({ model: '', modelSha256: '', tokenizer: '', tokenizerSha256: '', ...over });

    it('is off when no model is set, and uses a path as given (tokenizer beside it)', () => {
      assert.deepEqual(resolveProseModel(setting({}), dir), { downloads: [] });
      const resolved = resolveProseModel(setting({ model: TINY_MODEL, modelSha256: MODEL_SHA, keepRatio: 0.4 }), dir);
      assert.deepEqual(resolved, { option: { model: TINY_MODEL, sha256: MODEL_SHA, tokenizer: undefined, tokenizerSha256: undefined, keepRatio: 0.4 }, downloads: [] });
      const home = resolveProseModel(setting({ model: '~/models/m.onnx', modelSha256: MODEL_SHA }), dir).option;
      assert.equal(home && 'model' in home ? home.model : '', join(homedir(), 'models', 'm.onnx'));
    });

    it('says why a setting cannot be used', () => {
      const why = (over: Partial<ProseSetting>) => {
        const option = resolveProseModel(setting(over), dir).option;
        return option && 'unavailable' in option ? option.unavailable : '';
      };
      assert.match(why({ model: TINY_MODEL, modelSha256: 'abc' }), /modelSha256 is not a SHA-256/);
      assert.match(why({ model: 'models/m.onnx', modelSha256: MODEL_SHA }), /must be an absolute path/);
      assert.match(why({ model: `${base}/model.onnx`, modelSha256: MODEL_SHA }), /needs headroom\.prose\.tokenizer/);
      assert.match(why({ model: `${base}/model.onnx`, modelSha256: MODEL_SHA, tokenizer: `${base}/tokenizer.json` }), /tokenizerSha256 must be the SHA-256/);
    });

    it('asks for a URL to be downloaded, never fetching it itself, then uses the verified copy from storage', async () => {
      const storage = join(dir, 'storage');
      const url = setting({ model: `${base}/model.onnx`, modelSha256: MODEL_SHA, tokenizer: `${base}/tokenizer.json`, tokenizerSha256: TOKENIZER_SHA });
      const before = requests.length;
      const pending = resolveProseModel(url, storage);
      assert.equal(requests.length, before, 'resolving downloads nothing');
      assert.deepEqual(pending.option, { unavailable: NOT_DOWNLOADED, sha256: MODEL_SHA, keepRatio: undefined });
      assert.deepEqual(pending.downloads.map((d) => [d.what, d.url, d.dest]), [
        ['model', `${base}/model.onnx`, join(storage, PROSE_MODEL_DIR, `${MODEL_SHA}.onnx`)],
        ['tokenizer', `${base}/tokenizer.json`, join(storage, PROSE_MODEL_DIR, `${TOKENIZER_SHA}.tokenizer.json`)],
      ]);
      // The Runtime reports it unavailable until then.
      const waiting = new Runtime({ assetDir: ASSET_DIR, prose: pending.option });
      const note = (await waiting.compress(PROSE_DOC, { type: 'prose' })).transforms.find((t) => t.step === 'prose-model')?.reason;
      assert.match(note ?? '', /unavailable \(not downloaded yet/);
      await waiting.dispose();

      for (const d of pending.downloads) await downloadVerified(d);
      const ready = resolveProseModel(url, storage);
      assert.deepEqual(ready.downloads, []);
      const runtime = new Runtime({ assetDir: ASSET_DIR, prose: ready.option });
      try {
        const result = await runtime.compress(PROSE_DOC, { type: 'prose' });
        assert.match(result.transforms.find((t) => t.step === 'prose-model')?.reason ?? '', new RegExp(`^model sha256 ${MODEL_SHA}, tokenizer sha256 ${TOKENIZER_SHA}: kept`));
      } finally {
        await runtime.dispose();
      }
    });

    it('does not use a downloaded copy that was replaced on disk', async () => {
      const storage = join(dir, 'tampered');
      mkdirSync(join(storage, PROSE_MODEL_DIR), { recursive: true });
      writeFileSync(join(storage, PROSE_MODEL_DIR, `${MODEL_SHA}.onnx`), 'not the model');
      writeFileSync(join(storage, PROSE_MODEL_DIR, `${TOKENIZER_SHA}.tokenizer.json`), TOKENIZER);
      const option = resolveProseModel(setting({ model: `${base}/model.onnx`, modelSha256: MODEL_SHA, tokenizer: `${base}/tokenizer.json`, tokenizerSha256: TOKENIZER_SHA }), storage).option;
      const runtime = new Runtime({ assetDir: ASSET_DIR, prose: option });
      try {
        const note = (await runtime.compress(PROSE_DOC, { type: 'prose' })).transforms.find((t) => t.step === 'prose-model')?.reason ?? '';
        assert.match(note, /^unavailable \(the model .* has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} given\)/);
      } finally {
        await runtime.dispose();
      }
    });
  });
});
