// The CLI contract other tools rely on, exercised through the built dist/cli.js in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/engines';
import { get_encoding } from '@dqbd/tiktoken';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'shell', 'npmInstall', 'npm-install-http.txt');

describe('cli', () => {
  let store: string;
  const run = (args: string[], input?: string | Buffer) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { input, env: { ...process.env, HEADROOM_STORE_DIR: store }, maxBuffer: 64 << 20 });
    return { code: r.status, stdout: r.stdout, out: r.stdout.toString(), err: r.stderr.toString() };
  };
  before(() => { store = mkdtempSync(join(tmpdir(), 'hr-cli-')); });
  after(() => rmSync(store, { recursive: true, force: true }));

  it('compresses a file and retrieves the original byte for byte', () => {
    const result = run(['compress', FIXTURE, '--json', '--command', 'npm install']);
    assert.equal(result.code, 0, result.err);
    const json = JSON.parse(result.out);
    for (const key of ['text', 'tokensBefore', 'tokensAfter', 'type', 'compressor', 'transforms', 'markers', 'original', 'cuts', 'ms']) assert.ok(key in json, key);
    assert.ok(json.tokensAfter < json.tokensBefore);
    const whole = run(['retrieve', json.original]);
    assert.equal(whole.code, 0, whole.err);
    assert.ok(whole.stdout.equals(readFileSync(FIXTURE)));
    const cut = json.cuts.find((c: { lines?: number[] }) => c.lines);
    const part = run(['retrieve', `hr:${cut.id}`, '--lines', `${cut.lines[0]}-${cut.lines[1]}`]);
    assert.equal(part.out.split('\n').filter(Boolean).length, cut.count);
  });

  it('prints exactly the text a model reads, reading stdin, with options after the file', () => {
    const input = readFileSync(FIXTURE);
    const viaStdin = run(['compress', '-', '--command', 'npm install'], input);
    const viaJson = JSON.parse(run(['compress', FIXTURE, '--command', 'npm install', '--json']).out);
    assert.equal(viaStdin.out, viaJson.text);
    assert.match(viaStdin.out, /\n\[hr: cut parts are kept; to read one: node .*cli\.js retrieve [0-9a-f]{12} --lines A-B\]$/);
    assert.ok(!run(['--no-hint', 'compress', FIXTURE]).out.includes('cut parts are kept'));
  });

  it('counts tokens exactly, in either encoding', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const reference = get_encoding(encoding);
      assert.equal(run(['count', FIXTURE, '--encoding', encoding]).out, `${reference.encode_ordinary(text).length}\n`);
      reference.free();
    }
    assert.equal(run(['count'], '').out, '0\n');
  });

  it('greps an original and numbers the lines', () => {
    const json = JSON.parse(run(['compress', FIXTURE, '--json', '--command', 'npm install']).out);
    const hits = run(['retrieve', json.original, '--grep', 'lodash', '--numbered']).out.trim().split('\n');
    assert.ok(hits.length >= 2 && hits.every((l) => /^\d+\t.*lodash/i.test(l)), hits.join('\n'));
  });

  it('explains usage errors with exit status 2', () => {
    for (const args of [['compress', '--type', 'nope'], ['compress', '--budget', '-3'], ['frobnicate'], ['compress', '--bogus'], ['retrieve'], ['retrieve', 'not-an-id'], ['retrieve', '0123456789ab', '--lines', 'x'], []]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /headroom: |Usage:/);
    }
    assert.equal(run(['--help']).code, 0);
    assert.match(run(['--version']).out, /^\d+\.\d+\.\d+\n$/);
  });

  it('says clearly when an original is unknown or a file is missing (exit 1)', () => {
    const unknown = run(['retrieve', '0123456789ab']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No original hr:0123456789ab .* Re-run the command/);
    const missing = run(['compress', '/nonexistent/file.log']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /ENOENT/);
  });

  it('describes binary input instead of printing it', () => {
    const r = run(['compress'], Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0]));
    assert.match(r.out, /^\[hr:[0-9a-f]{12} binary 11 bytes: ELF executable/);
  });
});
