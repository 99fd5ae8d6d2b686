// Loads web-tree-sitter (WASM) and its grammars on first use and hands the pure core a SyntaxEngine.
// The runtime is initialised once per process; each grammar is read from dist/assets the first time a
// compression needs it (`prepare`), so the core can then parse synchronously.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';
import { GRAMMAR_IDS, grammarsFor, type GrammarId } from '../compressors/code/languages';
import type { CompressOptions, SyntaxEngine, SyntaxNode, SyntaxTree } from '../compressors/types';

/** The runtime's own WASM file, in dist/assets. */
export const TREE_SITTER_WASM = 'web-tree-sitter.wasm';

/** Grammar files in dist/assets (copied there by esbuild.mjs from the npm packages). */
export const GRAMMAR_FILES: Readonly<Record<GrammarId, string>> = {
  typescript: 'grammars/tree-sitter-typescript.wasm',
  tsx: 'grammars/tree-sitter-tsx.wasm',
  javascript: 'grammars/tree-sitter-javascript.wasm',
  python: 'grammars/tree-sitter-python.wasm',
  go: 'grammars/tree-sitter-go.wasm',
  rust: 'grammars/tree-sitter-rust.wasm',
  java: 'grammars/tree-sitter-java.wasm',
  c: 'grammars/tree-sitter-c.wasm',
  cpp: 'grammars/tree-sitter-cpp.wasm',
  csharp: 'grammars/tree-sitter-c-sharp.wasm',
  ruby: 'grammars/tree-sitter-ruby.wasm',
  php: 'grammars/tree-sitter-php.wasm',
  bash: 'grammars/tree-sitter-bash.wasm',
  json: 'grammars/tree-sitter-json.wasm',
};

type TreeSitterModule = typeof TreeSitter;

// One per process: Parser.init sets up a single Emscripten module that every parser shares.
let runtime: Promise<TreeSitterModule> | undefined;

function loadRuntime(assetDir: string): Promise<TreeSitterModule> {
  runtime ??= (async () => {
    // require(), not import: esbuild then bundles the CJS build, whose init works inside a CJS bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const treeSitter = require('web-tree-sitter') as TreeSitterModule;
    await treeSitter.Parser.init({ locateFile: (file: string) => join(assetDir, file) });
    return treeSitter;
  })();
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

export class TreeSitterEngine implements SyntaxEngine {
  private module?: TreeSitterModule;
  private readonly languages = new Map<string, TreeSitter.Language>();
  private readonly loading = new Map<GrammarId, Promise<void>>();

  /** `assetDir` holds web-tree-sitter.wasm and the grammars/ folder. */
  constructor(private readonly assetDir: string) {}

  supports(language: string): boolean {
    return this.languages.has(language);
  }

  /** Loads the grammars these options may need; a grammar that fails to load is simply not supported. */
  async prepare(options: CompressOptions): Promise<void> {
    await Promise.all(grammarsFor(options).map((grammar) => this.load(grammar).catch(() => undefined)));
  }

  /** Loads one grammar (once); rejects when its file is missing or incompatible. */
  load(grammar: GrammarId): Promise<void> {
    let pending = this.loading.get(grammar);
    if (!pending) {
      pending = (async () => {
        const treeSitter = await loadRuntime(this.assetDir);
        const bytes = await readFile(join(this.assetDir, GRAMMAR_FILES[grammar]));
        // Bytes, not a path: Language.load(path) would import('fs/promises'), which the bundle avoids.
        const language = await treeSitter.Language.load(new Uint8Array(bytes));
        this.module = treeSitter;
        this.languages.set(grammar, language);
      })();
      this.loading.set(grammar, pending);
      pending.catch(() => this.loading.delete(grammar));
    }
    return pending;
  }

  /** Loads every shipped grammar (tests, benchmarks). */
  async loadAll(): Promise<void> {
    await Promise.all(GRAMMAR_IDS.map((grammar) => this.load(grammar)));
  }

  parse(language: string, source: string): SyntaxTree | undefined {
    const grammar = this.languages.get(language);
    if (!grammar || !this.module) return undefined;
    const parser = new this.module.Parser();
    try {
      parser.setLanguage(grammar);
      const tree = parser.parse(source);
      return tree ? new TreeView(tree) : undefined;
    } finally {
      parser.delete();
    }
  }
}

class TreeView implements SyntaxTree {
  readonly root: SyntaxNode;
  private tree?: TreeSitter.Tree;

  constructor(tree: TreeSitter.Tree) {
    this.tree = tree;
    this.root = new NodeView(tree.rootNode);
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}

/** A SyntaxNode over a web-tree-sitter node; values that cost a WASM call are read once. */
class NodeView implements SyntaxNode {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startRow: number;
  readonly endRow: number;
  readonly endColumn: number;
  private typeName?: string;
  private childList?: readonly SyntaxNode[];

  constructor(private readonly node: TreeSitter.Node) {
    this.startIndex = node.startIndex;
    this.startRow = node.startPosition.row;
    this.endIndex = node.endIndex;
    const end = node.endPosition;
    this.endRow = end.row;
    this.endColumn = end.column;
  }

  get type(): string {
    this.typeName ??= this.node.type;
    return this.typeName;
  }

  get isNamed(): boolean {
    return this.node.isNamed;
  }

  get hasError(): boolean {
    return this.node.hasError;
  }

  get isErrorOrMissing(): boolean {
    return this.node.isError || this.node.isMissing;
  }

  get children(): readonly SyntaxNode[] {
    this.childList ??= this.node.children.map((child) => new NodeView(child));
    return this.childList;
  }

  field(name: string): SyntaxNode | undefined {
    const child = this.node.childForFieldName(name);
    return child ? new NodeView(child) : undefined;
  }

  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    return this.node.descendantsOfType([...types]).map((node) => new NodeView(node));
  }
}
