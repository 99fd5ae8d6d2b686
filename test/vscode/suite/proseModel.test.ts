// The bring-your-own prose model in a real VS Code: headroom.prose.* reach the Runtime (a compression
// through headroom_compress uses the tiny test model and the ledger records its SHA-256), a wrong hash
// falls back with a note, and a model given by URL is not fetched until "Headroom: Download Prose
// Model" runs (the offer is shown, nothing is requested); the command then downloads it from a local
// server on 127.0.0.1 with progress, verified, and prose compression uses it.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DownloadProseModelResult } from '../../../src/commands/downloadProseModel';
import { headroomExtension } from './helpers';
import { headroomApi, invokeTool, waitFor } from './surfaces';

const KEYS = ['model', 'modelSha256', 'tokenizer', 'tokenizerSha256', 'keepRatio'] as const;
// `[hr:3f9a0c1b2d4e elided 12 words L18-18]`
const WORDS_MARKER = /\[hr:[0-9a-f]{12} elided \d+ words? L\d+-\d+\]/;

function tinyModel(): { model: string; tokenizer: string; modelSha256: string; tokenizerSha256: string } {
  const dir = join(headroomExtension().extensionPath, 'test', 'models', 'tinyProse');
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  return { model: join(dir, 'model.onnx'), tokenizer: join(dir, 'tokenizer.json'), modelSha256: sha(join(dir, 'model.onnx')), tokenizerSha256: sha(join(dir, 'tokenizer.json')) };
}

async function setProse(values: Partial<Record<(typeof KEYS)[number], string | number>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('headroom.prose');
  for (const key of KEYS) await config.update(key, values[key], vscode.ConfigurationTarget.Global);
}

/** Compresses the debug README as a file the agent read, and returns the text and the ledger's transforms. */
async function compressReadme(): Promise<{ text: string; transforms: readonly string[] }> {
  const api = await headroomApi();
  const readme = readFileSync(join(headroomExtension().extensionPath, 'test', 'fixtures', 'content', 'prose', 'debug-readme.md'), 'utf8');
  const text = await invokeTool('headroom_compress', { text: readme, fileName: 'README.md' });
  const entry = api.surfaces.ledger.recent().at(-1)!;
  assert.equal(entry.compressor, 'prose');
  return { text, transforms: entry.transforms };
}

describe('bring-your-own prose model', function () {
  this.timeout(60_000);
  let server: Server;
  let base: string;
  const requests: string[] = [];

  before(async () => {
    await headroomApi();
    const files = tinyModel();
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const file = req.url === '/model.onnx' ? files.model : req.url === '/tokenizer.json' ? files.tokenizer : undefined;
      if (!file) return void res.writeHead(404).end();
      const bytes = readFileSync(file);
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await setProse({});
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is off by default, and only user settings can name a model (application scope)', () => {
    const config = vscode.workspace.getConfiguration('headroom.prose');
    for (const key of ['model', 'modelSha256', 'tokenizer', 'tokenizerSha256']) {
      assert.equal(config.inspect(key)?.defaultValue, '', key);
      const declared = headroomExtension().packageJSON.contributes.configuration.properties[`headroom.prose.${key}`];
      assert.equal(declared.scope, 'application', key);
    }
    assert.equal(config.inspect('keepRatio')?.defaultValue, 0.5);
  });

  it('reaches the Runtime from the settings: the model shortens prose and the ledger records its SHA-256', async () => {
    const plain = await compressReadme();
    assert.ok(!plain.transforms.some((t) => t.startsWith('prose-model')), 'no model configured: no note');
    const files = tinyModel();
    await setProse({ model: files.model, modelSha256: files.modelSha256 });
    const withModel = await compressReadme();
    assert.match(withModel.text, WORDS_MARKER);
    const note = withModel.transforms.find((t) => t.startsWith('prose-model:'));
    assert.ok(note?.startsWith(`prose-model: model sha256 ${files.modelSha256}, tokenizer sha256 ${files.tokenizerSha256}: kept`), note);
    assert.ok(withModel.text.length < plain.text.length);
  });

  it('falls back to the deterministic output, saying why, when the SHA-256 does not match', async () => {
    const files = tinyModel();
    await setProse({ model: files.model, modelSha256: 'f'.repeat(64) });
    const result = await compressReadme();
    assert.doesNotMatch(result.text, WORDS_MARKER);
    const note = result.transforms.find((t) => t.startsWith('prose-model:')) ?? '';
    assert.match(note, new RegExp(`unavailable \\(the model .*model\\.onnx has SHA-256 ${files.modelSha256}, not the f{64} given\\)`));
  });

  it('fetches a URL model only after "Download Prose Model", with progress, verified, then uses it', async () => {
    const api = await headroomApi();
    const files = tinyModel();
    const offers = api.proseModelOffers;
    await setProse({ model: `${base}/model.onnx`, modelSha256: files.modelSha256, tokenizer: `${base}/tokenizer.json`, tokenizerSha256: files.tokenizerSha256 });
    // The setting change brings the offer (a notification waiting for Download or Not Now) and nothing else.
    await waitFor(() => api.proseModelOffers > offers, 'the download offer');
    const waiting = await compressReadme();
    assert.doesNotMatch(waiting.text, WORDS_MARKER);
    assert.ok(waiting.transforms.some((t) => t.startsWith('prose-model: unavailable (not downloaded yet')), waiting.transforms.join('\n'));
    assert.deepEqual(requests, [], 'nothing was requested without consent');

    const result = await vscode.commands.executeCommand<DownloadProseModelResult>('headroom.downloadProseModel');
    assert.equal(result.error, undefined);
    assert.deepEqual(result.downloaded.map((d) => d.what), ['model', 'tokenizer']);
    assert.ok(result.progressReports >= 1, `${result.progressReports} progress updates`);
    assert.deepEqual(requests, ['/model.onnx', '/tokenizer.json']);
    for (const d of result.downloaded) {
      assert.ok(existsSync(d.path), d.path);
      assert.ok(d.path.includes('prose-models'), 'kept in the extension\'s global storage');
    }
    const used = await compressReadme();
    assert.match(used.text, WORDS_MARKER);
    assert.ok(used.transforms.some((t) => t.startsWith(`prose-model: model sha256 ${files.modelSha256}`)));
    // Downloaded once: compressing again requests nothing, and the command has nothing left to fetch.
    await compressReadme();
    const again = await vscode.commands.executeCommand<DownloadProseModelResult>('headroom.downloadProseModel');
    assert.deepEqual(again.downloaded, []);
    assert.equal(requests.length, 2);
  });
});
