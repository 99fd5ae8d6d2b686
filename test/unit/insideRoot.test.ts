// Paths from a model stay inside the workspace, symbolic links included.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insideRoot } from '../../src/runtime/insideRoot';

describe('insideRoot', () => {
  let dir: string;
  let root: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hr-root-'));
    root = join(dir, 'ws');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), '');
    symlinkSync(dir, join(root, 'up'));
    symlinkSync(join(root, 'src'), join(root, 'alias'));
    mkdirSync(join(dir, 'ws-other'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the root itself, relative and absolute paths inside, and files not written yet', () => {
    for (const path of ['.', 'src', 'src/a.ts', join(root, 'src', 'a.ts'), 'src/new/file.md', 'alias/a.ts']) {
      const r = insideRoot([root], path);
      assert.ok(r.ok, path);
    }
    const r = insideRoot([root], 'src/a.ts');
    assert.ok(r.ok && r.path === join(root, 'src', 'a.ts') && r.root === root);
  });

  it('refuses paths that leave the root: .., absolute, a sibling with the same prefix, a symbolic link out', () => {
    for (const path of ['..', '../ws-other', '/etc/passwd', join(dir, 'ws-other'), 'up/ws-other', 'up', 'src/../../x', 'a\0b']) {
      const r = insideRoot([root], path);
      assert.equal(r.ok, false, path);
    }
    assert.equal(insideRoot([], '.').ok, false);
  });

  it('accepts a path inside any of several roots', () => {
    const r = insideRoot([root, join(dir, 'ws-other')], join(dir, 'ws-other', 'x.txt'));
    assert.ok(r.ok && r.root === join(dir, 'ws-other'));
  });
});
