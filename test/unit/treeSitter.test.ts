// The tree-sitter engine: every shipped grammar loads and parses, grammars load on demand, indices
// are UTF-16 offsets, and the Runtime loads a grammar before the synchronous core needs it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRAMMAR_IDS, type GrammarId } from '../../src/compressors/code/languages';
import { Runtime } from '../../src/runtime/runtime';
import { GRAMMAR_FILES, TreeSitterEngine, TREE_SITTER_WASM } from '../../src/runtime/treeSitter';
import { ASSET_DIR, testSyntax } from '../helpers/engines';

/** A line or two of each language, valid for its grammar. */
const SNIPPETS: Record<GrammarId, string> = {
  typescript: 'export function f(a: number): number { return a + 1; }\n',
  tsx: 'export const A = (p: { n: string }) => <div>{p.n}</div>;\n',
  javascript: 'export function f(a) { return a + 1; }\n',
  python: 'def f(a: int) -> int:\n    return a + 1\n',
  go: 'package m\n\nfunc F(a int) int { return a + 1 }\n',
  rust: 'pub fn f(a: i32) -> i32 { a + 1 }\n',
  java: 'class A { int f(int a) { return a + 1; } }\n',
  c: 'int f(int a) { return a + 1; }\n',
  cpp: 'template <typename T> T f(T a) { return a + 1; }\n',
  csharp: 'class A { int F(int a) { return a + 1; } }\n',
  ruby: 'def f(a)\n  a + 1\nend\n',
  php: '<?php\nfunction f(int $a): int { return $a + 1; }\n',
  bash: 'f() {\n  echo "$1"\n}\n',
  json: '{"a": [1, 2, {"b": null}]}\n',
};

describe('tree-sitter engine', () => {
  it('ships every grammar and the runtime in dist/assets', () => {
    assert.ok(existsSync(join(ASSET_DIR, TREE_SITTER_WASM)), TREE_SITTER_WASM);
    const missing = GRAMMAR_IDS.filter((g) => !existsSync(join(ASSET_DIR, GRAMMAR_FILES[g])));
    assert.deepEqual(missing, []);
  });

  for (const grammar of GRAMMAR_IDS) {
    it(`loads the ${grammar} grammar and parses a snippet without errors`, async () => {
      const syntax = await testSyntax();
      assert.ok(syntax.supports(grammar));
      const tree = syntax.parse(grammar, SNIPPETS[grammar]);
      assert.ok(tree, 'no tree');
      try {
        assert.equal(tree.root.hasError, false);
        assert.equal(tree.root.endIndex, SNIPPETS[grammar].length);
      } finally {
        tree.dispose();
      }
    });
  }

  it('loads a grammar only when a compression asks for it', async () => {
    const engine = new TreeSitterEngine(ASSET_DIR);
    assert.equal(engine.supports('python'), false);
    assert.equal(engine.parse('python', 'x = 1\n'), undefined);
    await engine.prepare({ fileName: 'tool/main.py' });
    assert.equal(engine.supports('python'), true);
    assert.equal(engine.supports('go'), false);
    await engine.prepare({ language: 'c' });
    assert.equal(engine.supports('c'), true);
    assert.equal(engine.supports('cpp'), true, '.h and C files may be C++: the fallback grammar loads too');
  });

  it('prepare does nothing for text that is not code and never rejects', async () => {
    const missing = new TreeSitterEngine(join(ASSET_DIR, 'no-such-dir'));
    await missing.prepare({ fileName: 'a.ts' });
    assert.equal(missing.supports('typescript'), false);
    await assert.rejects(missing.load('typescript'));
    const engine = new TreeSitterEngine(ASSET_DIR);
    await engine.prepare({ command: 'npm test' });
    await engine.prepare({ fileName: 'README.md' });
    assert.equal(GRAMMAR_IDS.some((g) => engine.supports(g)), false);
  });

  it('gives UTF-16 indices into the parsed string', async () => {
    const syntax = await testSyntax();
    const source = 'const s = "ü€😀";\nfunction after() { return s; }\n';
    const tree = syntax.parse('javascript', source)!;
    try {
      const fn = tree.root.children.find((c) => c.type === 'function_declaration')!;
      assert.equal(fn.startIndex, source.indexOf('function after'));
      assert.equal(source.slice(fn.startIndex, fn.endIndex), 'function after() { return s; }');
      assert.equal(fn.startRow, 1);
      assert.equal(fn.field('name') && source.slice(fn.field('name')!.startIndex, fn.field('name')!.endIndex), 'after');
    } finally {
      tree.dispose();
    }
  });

  it('reports ERROR and MISSING nodes', async () => {
    const syntax = await testSyntax();
    const tree = syntax.parse('typescript', 'function f( { return 1; }\n')!;
    try {
      assert.equal(tree.root.hasError, true);
      const stack = [tree.root];
      let found = false;
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.isErrorOrMissing) found = true;
        stack.push(...node.children);
      }
      assert.ok(found);
    } finally {
      tree.dispose();
    }
  });

  it('lets the Runtime load the grammar before it compresses a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-ts-'));
    const runtime = new Runtime({ assetDir: ASSET_DIR, store: { dir } });
    try {
      const body = Array.from({ length: 60 }, (_, i) => `    total += compute_step(value, ${i})  # step ${i} of the running total`).join('\n');
      const source = `def running_total(value: int) -> int:\n    total = 0\n${body}\n    return total\n`;
      const result = await runtime.compress(source, { fileName: 'calc/running.py' });
      assert.equal(result.compressor, 'code', JSON.stringify(result.transforms));
      assert.ok(result.text.includes('def running_total(value: int) -> int:'));
      assert.ok(result.text.includes('calls compute_step'));
    } finally {
      await runtime.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
