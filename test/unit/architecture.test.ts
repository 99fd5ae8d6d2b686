// The layering rule: src/compressors is a pure core (imports only itself), src/runtime, src/cli and
// src/skills never import vscode. Fails on the first import that points the wrong way.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers/engines';

const SRC = join(ROOT, 'src');
// Line-anchored so strings such as 'rename from ' never count:
// import … from 'x' | export … from 'x' | } from 'x' (multi-line) | import 'x' | require('x') | import('x')
const IMPORT = /^\s*(?:(?:import|export)\b[^'"\n]*?\bfrom|\}\s*from|import)\s+['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

describe('architecture', () => {
  it('keeps src/compressors free of vscode, Node I/O, WASM libraries and code outside the core', () => {
    const core = join(SRC, 'compressors');
    const violations: string[] = [];
    for (const file of filesUnder(core)) {
      for (const spec of importsOf(file)) {
        const inside = spec.startsWith('.') && !relative(core, resolve(dirname(file), spec)).startsWith('..');
        if (!inside) violations.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('lets only the VS Code glue import vscode', () => {
    const violations: string[] = [];
    for (const layer of ['runtime', 'cli', 'skills', 'compressors', 'instructions', 'hook', 'mcp']) {
      let files: string[] = [];
      try {
        files = filesUnder(join(SRC, layer));
      } catch {
        continue;
      }
      for (const file of files) if (importsOf(file).includes('vscode')) violations.push(relative(ROOT, file));
    }
    assert.deepEqual(violations, []);
  });

  it('detects a forbidden import (the check itself can fail)', () => {
    assert.deepEqual(importsOf(join(ROOT, 'src', 'extension.ts')).includes('vscode'), true);
  });
});
