// Real engines for tests: the WASM tokenizer loaded from dist/assets exactly as the CLI loads it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Engines } from '../../src/compressors/types';
import { Tokenizers } from '../../src/runtime/tokenizer';
import { TreeSitterEngine } from '../../src/runtime/treeSitter';

export const ROOT = join(__dirname, '..', '..');
export const ASSET_DIR = join(ROOT, 'dist', 'assets');

let tokenizers: Tokenizers | undefined;
let engines: Promise<Engines> | undefined;

/** The engines every test shares: real o200k tokenizer, the core's own SHA-256, tree-sitter with every grammar loaded. */
export function testEngines(): Promise<Engines> {
  if (!existsSync(join(ASSET_DIR, 'tiktoken_bg.wasm'))) throw new Error('dist/assets is missing: run `npm run build` first (npm test does this).');
  tokenizers ??= new Tokenizers(ASSET_DIR);
  engines ??= Promise.all([tokenizers.counter('o200k_base'), testSyntax()]).then(([tokens, syntax]) => ({ tokens, syntax }));
  return engines;
}

let syntaxEngine: Promise<TreeSitterEngine> | undefined;

/** One tree-sitter engine per test process, every shipped grammar loaded (so the core can parse synchronously). */
export function testSyntax(): Promise<TreeSitterEngine> {
  syntaxEngine ??= (async () => {
    const engine = new TreeSitterEngine(ASSET_DIR);
    await engine.loadAll();
    return engine;
  })();
  return syntaxEngine;
}

export function testTokenizers(): Tokenizers {
  tokenizers ??= new Tokenizers(ASSET_DIR);
  return tokenizers;
}
