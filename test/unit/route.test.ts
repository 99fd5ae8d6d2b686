// Routing of text that comes with no hint at all (no command, file name, language or type): real
// fixture texts must reach the compressor their folder names, or one that keeps every needle —
// hint-less Markdown goes to the lossless instructions rewrite unless a query or budget asks for a
// selection; tools the detector never learned (docker, kubectl, cargo fetch, apt) are claimed by their
// filters' own `sniff`; a build tool's output goes before the tool inside it; C# (never learned) is
// recognised by a clean parse. Hints keep their behaviour.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../src/compressors/compress';
import { COMPRESSORS } from '../../src/compressors/registry';
import { route } from '../../src/compressors/route';
import type { CompressOptions, Detection, Engines, Source } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';
import { FIXTURE_ROOT, fixtureCases, type FixtureMeta } from '../helpers/fixtures';

interface Fixture {
  readonly text: string;
  readonly meta: FixtureMeta;
}

function fixture(path: string, extension = 'txt'): Fixture {
  const base = join(FIXTURE_ROOT, path);
  return { text: readFileSync(`${base}.${extension}`, 'utf8'), meta: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as FixtureMeta };
}

function source(text: string): Source {
  return { id: '000000000000', text, lines: text.split('\n') };
}

/** Engines whose detector answers `found` for any text (what the shipped model said for these fixtures). */
async function detecting(found: Detection | undefined): Promise<Engines> {
  return { ...(await testEngines()), detector: { detect: () => found } };
}

const MARKDOWN: Detection = { label: 'markdown', type: 'prose', compressor: 'prose', confidence: 0.47 };

function firstId(text: string, options: CompressOptions, engines: Engines): string {
  return route(source(text), options, engines)[0].compressor.id;
}

function lostNeedles(text: string, options: CompressOptions, engines: Engines, needles: readonly string[]): string[] {
  const out = compress(text, options, engines).text;
  return needles.filter((n) => !out.includes(n));
}

describe('routing without hints', () => {
  describe('Markdown with neither query nor budget', () => {
    const agents = fixture('content/instructions/agents-md-spring-service', 'md');
    const copilot = fixture('content/instructions/copilot-instructions-generated-go', 'md');
    const readme = fixture('content/prose/debug-readme', 'md');

    it('goes to the lossless instructions rewrite, with the reason, and keeps every rule', async () => {
      const engines = await detecting(MARKDOWN);
      for (const { text, meta } of [agents, copilot]) {
        const [first, second] = route(source(text), {}, engines);
        assert.equal(first.compressor.id, 'instructions');
        assert.match(first.reason, /detector: markdown \(0\.47\) → prose; no query or budget asks for a selection/);
        assert.equal(second.compressor.id, 'prose');
        assert.deepEqual(lostNeedles(text, {}, engines, meta.needles), []);
      }
    });

    it('also when only the prose sniff claims it (no detector)', async () => {
      const engines = await testEngines();
      const candidates = route(source(readme.text), {}, engines).map((c) => c.compressor.id);
      assert.deepEqual(candidates.slice(0, 2), ['instructions', 'prose']);
      assert.deepEqual(lostNeedles(readme.text, {}, engines, readme.meta.needles), []);
    });

    it('goes to the prose selection when a query or a budget asks for one', async () => {
      const engines = await detecting(MARKDOWN);
      assert.equal(firstId(agents.text, { query: 'how are tests run' }, engines), 'prose');
      assert.equal(firstId(agents.text, { budget: 300 }, engines), 'prose');
      assert.equal(firstId(agents.text, { query: '  ' }, engines), 'instructions');
    });

    it('leaves hints alone: a README file name or an explicit type still means prose', async () => {
      const engines = await detecting(MARKDOWN);
      assert.equal(firstId(readme.text, { fileName: 'README.md' }, engines), 'prose');
      assert.equal(firstId(readme.text, { type: 'prose' }, engines), 'prose');
      assert.equal(firstId(agents.text, { fileName: 'AGENTS.md' }, engines), 'instructions');
      const hinted = route(source(readme.text), { fileName: 'README.md' }, engines);
      assert.ok(!hinted.some((c) => c.compressor.id === 'instructions'));
    });
  });

  describe('outputs the detector never learned, claimed by sniff', () => {
    const cases: readonly [string, string][] = [
      ['shell/kubectlDescribe/pod-crashloop', 'kubectlDescribe'],
      ['shell/kubectlGet/events', 'kubectlGet'],
      ['shell/kubectlGet/pods-all-namespaces', 'kubectlGet'],
      ['shell/kubectlYaml/pod', 'kubectlYaml'],
      ['shell/dockerPs/ps-a', 'dockerPs'],
      ['shell/dockerBuild/cached-and-pip', 'dockerBuild'],
      ['shell/dockerBuild/failed-step', 'dockerBuild'],
      ['shell/cargoFetch/fetch', 'cargoFetch'],
      ['shell/cargoFetch/registry-unreachable', 'cargoFetch'],
      ['shell/apt/install-one', 'apt'],
      ['shell/apt/install-many', 'apt'],
      ['shell/apt/upgrade-simulated', 'apt'],
    ];
    for (const [path, id] of cases) {
      it(`${path} → ${id}, with no detector and with an unsure one, every needle kept`, async () => {
        const { text, meta } = fixture(path);
        for (const engines of [await testEngines(), await detecting({ label: 'log', type: 'log', compressor: 'log', confidence: 0.1 })]) {
          const [first] = route(source(text), {}, engines);
          assert.equal(first.compressor.id, id, first.reason);
          assert.match(first.reason, /content sniffed/);
          const result = compress(text, {}, engines);
          assert.equal(result.compressor, id);
          assert.deepEqual(meta.needles.filter((n) => !result.text.includes(n)), []);
        }
      });
    }

    it('no new sniff claims a fixture of another compressor', () => {
      const ids = new Set(['kubectlDescribe', 'kubectlGet', 'kubectlYaml', 'dockerPs', 'dockerBuild', 'cargoFetch', 'apt']);
      const sniffs = COMPRESSORS.filter((c) => ids.has(c.id));
      assert.equal(sniffs.length, ids.size);
      const wrong: string[] = [];
      for (const f of fixtureCases()) {
        const text = new TextDecoder().decode(f.input);
        for (const c of sniffs) if (c.id !== f.compressorId && c.sniff!(source(text))) wrong.push(`${c.id} claims ${f.compressorId}/${f.name}`);
      }
      assert.deepEqual(wrong, []);
    });

    it('sniffs stay conservative on look-alikes', () => {
      const claims = (id: string, text: string) => COMPRESSORS.find((c) => c.id === id)!.sniff!(source(text));
      // pip show starts with "Name:" too, but has no Events section
      assert.ok(!claims('kubectlDescribe', 'Name: requests\nVersion: 2.31.0\nSummary: HTTP\n'));
      assert.ok(claims('kubectlDescribe', 'Name:         web\nNamespace:    shop\nEvents:       <none>\n'));
      // helm list has NAME first but no AGE; docker compose ps has NAME first but no AGE either
      assert.ok(!claims('kubectlGet', 'NAME    NAMESPACE   REVISION   STATUS\nweb     shop        3          deployed\n'));
      assert.ok(claims('kubectlGet', 'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          3d\n'));
      assert.ok(!claims('kubectlGet', 'NAME    READY   STATUS    RESTARTS   AGE\n'));
      assert.ok(claims('dockerPs', 'NAME    IMAGE   COMMAND   SERVICE   CREATED   STATUS   PORTS\nweb-1   nginx   "nginx"   web       2h ago    Up 2h    80/tcp\n'));
      // a manifest is YAML with a kind, but only the API server writes resourceVersion
      assert.ok(!claims('kubectlYaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n'));
      // a build that compiles is cargo build's, even when it started by fetching
      assert.ok(!claims('cargoFetch', '    Updating `local` index\n  Downloaded serde v1.0.0\n   Compiling serde v1.0.0\n'));
      assert.ok(!claims('apt', 'Reading package lists...\nsomething else\n'));
      assert.ok(!claims('dockerBuild', '#1 [internal] load build definition from Dockerfile\n'));
      for (const c of COMPRESSORS) for (const bad of ['', '\n\n', '\u0000'.repeat(100), 'Name: '.repeat(50_000)]) assert.doesNotThrow(() => c.sniff?.(source(bad)));
    });
  });

  it('puts a build tool before the tool whose output it holds (gradle before javac, docker build before tsc)', async () => {
    const gradle = fixture('shell/gradle/xlint-warnings-errors');
    const asJavac = route(source(gradle.text), {}, await detecting({ label: 'javac', type: 'shell', compressor: 'javac', confidence: 0.58 }));
    assert.deepEqual(asJavac.slice(0, 2).map((c) => c.compressor.id), ['gradle', 'javac']);
    assert.match(asJavac[0].reason, /build tool/);
    const docker = fixture('shell/dockerBuild/failed-step');
    const ids = route(source(docker.text), {}, await testEngines()).map((c) => c.compressor.id);
    assert.ok(ids.includes('tsc') && ids.indexOf('dockerBuild') < ids.indexOf('tsc'), ids.join(', '));
    // a command still decides
    assert.equal(firstId(gradle.text, { command: 'javac -Xlint Main.java' }, await testEngines()), 'javac');
  });

  it('sends C#, which the detector never learned, to the code compressor when it parses cleanly as C#', async () => {
    const cs = fixture('code/code/semver-version', 'cs');
    const unsure = await detecting({ label: 'rust', type: 'code', compressor: 'code', language: 'rust', confidence: 0.25 });
    const [first] = route(source(cs.text), {}, unsure);
    assert.equal(first.compressor.id, 'code');
    assert.equal(first.options?.language, 'csharp');
    assert.match(first.reason, /rust \(0\.25\) is below 0\.30; parses as csharp, a language the detector never learned/);
    assert.deepEqual(lostNeedles(cs.text, {}, unsure, cs.meta.needles), []);
    // only when the detector thought it was code at all
    assert.notEqual(firstId(cs.text, {}, await detecting({ label: 'log', type: 'log', compressor: 'log', confidence: 0.2 })), 'code');
    // Python, and comments alone, are not C#
    const python = readFileSync(join(FIXTURE_ROOT, 'code', 'code', 'python-difflib.py'), 'utf8');
    assert.notEqual(firstId(python, {}, unsure), 'code');
    assert.notEqual(firstId('// Copyright 2024\n// All rights reserved.\n'.repeat(5), {}, unsure), 'code');
  });

  it('gives ruff\'s concise output to ruff, even when the detector says flake8 or the file is a .txt, keeping its summary', async () => {
    const ruff = fixture('shell/ruff/concise-violations');
    const asFlake8 = await detecting({ label: 'flake8', type: 'shell', compressor: 'flake8', confidence: 0.4 });
    for (const options of [{}, { fileName: 'lint.txt' }]) {
      const result = compress(ruff.text, options, asFlake8);
      assert.equal(result.compressor, 'ruff', JSON.stringify(result.transforms));
      assert.match(result.text, /^Found 99 errors\.$/m);
      assert.match(result.text, /^\[\*\] 54 fixable/m);
      assert.deepEqual(ruff.meta.needles.filter((n) => !result.text.includes(n)), []);
    }
    // flake8's own output stays flake8's
    const flake8 = fixture('shell/flake8/plain-violations');
    assert.equal(compress(flake8.text, {}, asFlake8).compressor, 'flake8');
  });
});
