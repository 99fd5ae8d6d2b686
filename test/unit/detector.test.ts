// The learned content-type detector: the shipped model loads and matches its recorded hash, answers
// deterministically, survives bad input, and the router uses it only when nothing else says what a
// text is (low confidence → generic; code must parse). Its labels cover the registered compressors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compress } from '../../src/compressors/compress';
import { COMPRESSORS, FALLBACK } from '../../src/compressors/registry';
import { DETECTOR_MIN_CONFIDENCE, needsDetector, route } from '../../src/compressors/route';
import type { ContentDetector, Detection, Engines, Source } from '../../src/compressors/types';
import { DETECTOR_META, DETECTOR_MODEL, detectorInput, OnnxDetector, ORT_WASM, type DetectorMeta } from '../../src/runtime/detector';
import { Runtime } from '../../src/runtime/runtime';
import { ASSET_DIR, ROOT, testEngines } from '../helpers/engines';

const META = JSON.parse(readFileSync(join(ROOT, 'models', 'detector', DETECTOR_META), 'utf8')) as DetectorMeta;

/**
 * Registered compressors the detector has no label for, and why. A new compressor fails the coverage
 * test until it gets a class in tools/train/classes.json (and the model is retrained) or a line here.
 */
const NOT_LEARNED: Readonly<Record<string, string>> = {
  generic: 'the fallback itself: the router ends every candidate list with it',
  instructions: 'instruction files are recognised by their path (AGENTS.md, copilot-instructions.md); as bare text they are Markdown, which the router gives the instructions rewrite when no query or budget asks for prose selection',
  cargoFetch: 'cargo fetching crates needs the crates registry, which this machine cannot reach: no real outputs to learn from',
  dockerPs: 'docker cannot run on these machines: no real outputs to learn from',
  dockerBuild: 'docker cannot run on these machines: no real outputs to learn from',
  kubectlGet: 'kubectl has no cluster here: no real outputs to learn from',
  kubectlDescribe: 'kubectl has no cluster here: no real outputs to learn from',
  kubectlYaml: 'kubectl -o yaml is YAML: the yaml label routes it to the generic compressor',
  dotnetTest: 'the .NET SDK is not on these machines: no real outputs to learn from',
};

const CARGO_DIR = join(ROOT, 'test', 'fixtures', 'shell', 'cargoTest');
const CARGO_TEST = readFileSync(join(CARGO_DIR, readdirSync(CARGO_DIR).find((n) => n.endsWith('.txt') && !n.endsWith('.expected.txt'))!), 'utf8');
const PYTHON = readFileSync(join(ROOT, 'test', 'fixtures', 'code', 'code', 'python-difflib.py'), 'utf8');

function fixed(found: Detection | undefined): ContentDetector {
  return { detect: () => found };
}

function source(text: string): Source {
  return { id: '000000000000', text, lines: text.split('\n') };
}

let shared: OnnxDetector | undefined;
function detector(): OnnxDetector {
  shared ??= new OnnxDetector(ASSET_DIR);
  return shared;
}

describe('content detector', () => {
  after(async () => {
    await shared?.dispose();
  });

  it('ships a model of at most 1 MB whose SHA-256 is the one recorded beside it, with at least 25 classes', () => {
    const model = readFileSync(join(ASSET_DIR, DETECTOR_MODEL));
    assert.ok(model.length <= 1_000_000, `${model.length} bytes`); // 1 MB read strictly
    assert.equal(createHash('sha256').update(model).digest('hex'), META.sha256);
    assert.deepEqual(readFileSync(join(ASSET_DIR, DETECTOR_MODEL)), readFileSync(join(ROOT, 'models', 'detector', DETECTOR_MODEL)));
    assert.ok(META.classes.length >= 25, `${META.classes.length} classes`);
    assert.equal(new Set(META.classes.map((c) => c.label)).size, META.classes.length, 'labels are unique');
  });

  it('loads in onnxruntime-web and names real outputs and source code', async () => {
    const cargo = await detector().detect(CARGO_TEST);
    assert.equal(cargo?.label, 'cargo-test');
    assert.equal(cargo?.compressor, 'cargoTest');
    const python = await detector().detect(PYTHON);
    assert.equal(python?.label, 'python');
    assert.equal(python?.language, 'python');
    assert.ok(python!.confidence > DETECTOR_MIN_CONFIDENCE);
  });

  it('refuses a model whose bytes do not match the recorded hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-detector-'));
    try {
      copyFileSync(join(ASSET_DIR, ORT_WASM), join(dir, ORT_WASM));
      copyFileSync(join(ASSET_DIR, DETECTOR_MODEL), join(dir, DETECTOR_MODEL));
      writeFileSync(join(dir, DETECTOR_META), JSON.stringify({ ...META, sha256: '0'.repeat(64) }));
      const tampered = new OnnxDetector(dir);
      await assert.rejects(tampered.load(), /SHA-256/);
      assert.equal(await tampered.detect(CARGO_TEST), undefined, 'detect gives no answer rather than an unverified one');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same label and the same probability bytes for the same input, across instances', async () => {
    const a = await detector().probabilities(CARGO_TEST);
    const b = await detector().probabilities(CARGO_TEST);
    const other = new OnnxDetector(ASSET_DIR);
    try {
      const c = await other.probabilities(CARGO_TEST);
      assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
      assert.deepEqual(Buffer.from(a.buffer), Buffer.from(c.buffer));
      assert.deepEqual(await detector().detect(PYTHON), await other.detect(PYTHON));
      // Concurrent requests (several compressions at once) get the same answers as one at a time.
      const together = await Promise.all([CARGO_TEST, PYTHON, CARGO_TEST, PYTHON].map((t) => detector().detect(t)));
      assert.deepEqual(together, [await detector().detect(CARGO_TEST), await detector().detect(PYTHON), await detector().detect(CARGO_TEST), await detector().detect(PYTHON)]);
    } finally {
      await other.dispose();
    }
  });

  it('reads the first, middle and last bytes as tools/train/common.py does', () => {
    const spec = { name: 'bytes', beg: 4, mid: 2, end: 3, pad: 256 };
    assert.deepEqual([...detectorInput('', spec)], [256, 256, 256, 256, 256, 256, 256, 256, 256]);
    assert.deepEqual([...detectorInput('ab', spec)], [97, 98, 256, 256, 97, 98, 256, 97, 98]);
    assert.deepEqual([...detectorInput('abcdefghij', spec)], [97, 98, 99, 100, 101, 102, 104, 105, 106]);
    // UTF-8 bytes, not UTF-16 units: "é" is two bytes, "😀" four.
    assert.deepEqual([...detectorInput('é😀', spec)].slice(0, 4), [0xc3, 0xa9, 0xf0, 0x9f]);
  });

  it('survives empty, binary-looking, pathological and huge input', async () => {
    assert.equal(await detector().detect(''), undefined);
    let junk = '';
    for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    for (const text of [junk, '\u0000'.repeat(10000), 'a'.repeat(200000), '\n'.repeat(50000)]) {
      const found = await detector().detect(text);
      assert.ok(found === undefined || (found.confidence >= 0 && found.confidence <= 1 && META.classes.some((c) => c.label === found.label)));
    }
    const huge = 'error: something failed at step 7\n'.repeat(240000);
    const start = performance.now();
    const found = await detector().detect(huge);
    assert.ok(found, 'an 8 MB text still gets an answer');
    assert.ok(performance.now() - start < 2000, `took ${(performance.now() - start).toFixed(0)} ms`);
  });

  it('maps every label to a registered compressor (or the generic one), and covers every compressor', () => {
    const ids = new Set(COMPRESSORS.map((c) => c.id));
    const unknown = META.classes.filter((c) => c.compressor !== FALLBACK.id && !ids.has(c.compressor)).map((c) => `${c.label} → ${c.compressor}`);
    assert.deepEqual(unknown, [], 'labels that route to no registered compressor');
    const targets = new Set(META.classes.map((c) => c.compressor));
    const uncovered = [...ids, FALLBACK.id].filter((id) => !targets.has(id) && !(id in NOT_LEARNED));
    assert.deepEqual(uncovered, [], 'compressors no label routes to: add a class in tools/train/classes.json and retrain, or say why in NOT_LEARNED');
    for (const c of META.classes.filter((k) => k.compressor === 'code')) assert.ok(c.language, `${c.label} needs a language`);
  });
});

describe('routing with the detector', () => {
  it('is consulted only when no hint claims the text', () => {
    assert.equal(needsDetector({}), true);
    assert.equal(needsDetector({ type: 'auto', fileName: 'notes.txt' }), true);
    assert.equal(needsDetector({ type: 'json' }), false);
    assert.equal(needsDetector({ command: 'cargo test' }), false);
    assert.equal(needsDetector({ fileName: 'src/main.rs' }), false);
    assert.equal(needsDetector({ command: 'some-unknown-tool --flag' }), true);
  });

  it('sends a confident guess to the compressor its label names, with the confidence in the reason', async () => {
    const engines: Engines = { ...(await testEngines()), detector: fixed({ label: 'cargo-test', type: 'shell', compressor: 'cargoTest', confidence: 0.97 }) };
    const [first] = route(source(CARGO_TEST), {}, engines);
    assert.equal(first.compressor.id, 'cargoTest');
    assert.match(first.reason, /detector: cargo-test \(0\.97\)/);
    const result = compress(CARGO_TEST, {}, engines);
    assert.equal(result.compressor, 'cargoTest');
    assert.ok(result.transforms.some((t) => t.step === 'route:cargoTest' && t.reason.includes('detector: cargo-test (0.97)')));
  });

  it('ignores a guess below the confidence threshold: the generic compressor, with the reason', async () => {
    const engines: Engines = { ...(await testEngines()), detector: fixed({ label: 'cargo-test', type: 'shell', compressor: 'cargoTest', confidence: 0.2 }) };
    const prose = 'Some words that no compressor sniffs as its own format.\n'.repeat(60);
    const candidates = route(source(prose), {}, engines);
    assert.deepEqual(candidates.map((c) => c.compressor.id), [FALLBACK.id]);
    assert.match(candidates[0].reason, /detector: cargo-test \(0\.20\) is below 0\.30/);
  });

  it('never asks the detector when a hint claims the text', async () => {
    let asked = 0;
    const engines: Engines = { ...(await testEngines()), detector: { detect: () => { asked++; return { label: 'python', type: 'code', compressor: 'code', language: 'python', confidence: 1 }; } } };
    route(source(CARGO_TEST), { command: 'cargo test' }, engines);
    route(source(CARGO_TEST), { type: 'log' }, engines);
    assert.equal(asked, 0);
  });

  it('gives hint-less code its language, but only when it parses as that language', async () => {
    const engines = await testEngines();
    const asPython = route(source(PYTHON), {}, { ...engines, detector: fixed({ label: 'python', type: 'code', compressor: 'code', language: 'python', confidence: 0.99 }) });
    assert.equal(asPython[0].compressor.id, 'code');
    assert.equal(asPython[0].options?.language, 'python');
    const asRust = route(source(PYTHON), {}, { ...engines, detector: fixed({ label: 'rust', type: 'code', compressor: 'code', language: 'rust', confidence: 0.99 }) });
    assert.notEqual(asRust[0].compressor.id, 'code');
    assert.match(asRust.at(-1)!.reason, /could not parse it as rust/);
  });

  it('routes a real cargo test log given with no hint at all through the bundled CLI, confidence in the transforms', () => {
    const store = mkdtempSync(join(tmpdir(), 'headroom-detector-cli-'));
    try {
      const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'compress', '--json'], { input: CARGO_TEST, env: { ...process.env, HEADROOM_STORE_DIR: store }, maxBuffer: 64 << 20 });
      assert.equal(run.status, 0, run.stderr.toString());
      const out = JSON.parse(run.stdout.toString()) as { compressor: string; transforms: { step: string; reason: string }[] };
      assert.equal(out.compressor, 'cargoTest');
      assert.ok(out.transforms.some((t) => t.step === 'route:cargoTest' && /detector: cargo-test \((0\.[3-9]\d|1\.00)\)/.test(t.reason)), JSON.stringify(out.transforms));
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });

  it('routes hint-less text through the Runtime with the detector, and not at all when it is off', async () => {
    const store = mkdtempSync(join(tmpdir(), 'headroom-detector-store-'));
    const runtime = new Runtime({ assetDir: ASSET_DIR, store: { dir: store } });
    const off = new Runtime({ assetDir: ASSET_DIR, store: { dir: store }, detector: false });
    try {
      const result = await runtime.compress(CARGO_TEST);
      assert.equal(result.compressor, 'cargoTest');
      assert.ok(result.transforms.some((t) => /detector: cargo-test \(\d\.\d\d\)/.test(t.reason)), JSON.stringify(result.transforms));
      const code = await runtime.compress(PYTHON);
      assert.equal(code.compressor, 'code');
      const without = await off.compress(PYTHON);
      assert.ok(!without.transforms.some((t) => t.reason.includes('detector')));
    } finally {
      await Promise.all([runtime.dispose(), off.dispose()]);
      rmSync(store, { recursive: true, force: true });
    }
  });
});
