// package.json and the code agree: every tool the code registers is declared (and the reverse), every
// headroom.* setting the code reads is declared, and headroom_run's refusals are worded for a model.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_NAMES, TOOL_TAG } from '../../src/tools/names';
import { checkRun } from '../../src/tools/runPolicy';
import { DEFAULT_PRICE_MODEL, findPrice } from '../../src/stats/pricing';
import { ROOT } from '../helpers/engines';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));

describe('Copilot surfaces in package.json', () => {
  it('declares exactly the tools the code registers, tagged, with a model description and a schema', () => {
    const declared = manifest.contributes.languageModelTools as { name: string; tags: string[]; modelDescription: string; inputSchema: { required: string[] }; toolReferenceName: string }[];
    assert.deepEqual(declared.map((t) => t.name).sort(), Object.values(TOOL_NAMES).sort());
    for (const tool of declared) {
      assert.ok(tool.tags.includes(TOOL_TAG), `${tool.name} carries the ${TOOL_TAG} tag`);
      assert.ok(tool.modelDescription.length > 200, `${tool.name} tells a model when to use it`);
      assert.ok(tool.inputSchema.required.length > 0);
      assert.match(tool.toolReferenceName, /^headroom[A-Z]\w+$/);
    }
  });

  it('declares every headroom.* setting the code reads, with a description in package.nls.json', () => {
    const source = readFileSync(join(ROOT, 'src', 'settings.ts'), 'utf8');
    const read = [...source.matchAll(/c\.get(?:<[^>]*>)?\('([\w.]+)'\)/g)].map((m) => `headroom.${m[1]}`);
    assert.ok(read.length > 15);
    for (const key of read) {
      const declared = manifest.contributes.configuration.properties[key];
      assert.ok(declared, `${key} is read but not declared`);
      const description = String(declared.markdownDescription ?? declared.description ?? '');
      const text = description.startsWith('%') ? nls[description.slice(1, -1)] : description;
      assert.ok(text && text.length > 10, `${key} has a description`);
    }
  });

  it('every %key% in package.json has its string', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    for (const key of keys) assert.ok(typeof nls[key] === 'string', `package.nls.json lacks ${key}`);
  });

  it('prices the default price model', () => {
    assert.equal(manifest.contributes.configuration.properties['headroom.pricing.model'].default, DEFAULT_PRICE_MODEL);
    assert.ok(findPrice([DEFAULT_PRICE_MODEL]));
  });
});

describe('headroom_run policy', () => {
  let root: string;
  before(() => { root = mkdtempSync(join(tmpdir(), 'hr-run-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('never runs in an untrusted workspace, and says what to do instead', () => {
    const refused = checkRun({ command: 'npm test' }, false, [root]);
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error : '', /not trusted \(Restricted Mode\).*Ask the user to trust the folder/);
  });

  it('runs in the workspace folder, or a folder inside it, and nowhere else', () => {
    assert.deepEqual(checkRun({ command: 'ls' }, true, [root]), { ok: true, cwd: root });
    assert.deepEqual(checkRun({ command: 'ls', cwd: 'sub' }, true, [root]), { ok: true, cwd: join(root, 'sub') });
    for (const cwd of ['/', '..', '../..', '/etc']) assert.equal(checkRun({ command: 'ls', cwd }, true, [root]).ok, false, cwd);
    symlinkSync('/etc', join(root, 'out'));
    assert.equal(checkRun({ command: 'ls', cwd: 'out' }, true, [root]).ok, false, 'a link out of the workspace');
    assert.equal(checkRun({ command: 'ls' }, true, []).ok, false, 'no workspace folder');
  });

  it('refuses an empty command and a timeout out of range', () => {
    assert.equal(checkRun({ command: '  ' }, true, [root]).ok, false);
    assert.equal(checkRun({ command: undefined as unknown as string }, true, [root]).ok, false);
    for (const timeoutSeconds of [0, 601, 1.5, Number.NaN]) assert.equal(checkRun({ command: 'ls', timeoutSeconds }, true, [root]).ok, false, String(timeoutSeconds));
    assert.equal(checkRun({ command: 'ls', timeoutSeconds: 600 }, true, [root]).ok, true);
  });
});
