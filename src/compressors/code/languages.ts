// The languages the code compressor outlines: how a file or editor language id maps to a tree-sitter
// grammar, and which node types in that grammar are function bodies, imports, calls and comments.
// Node type names come from the grammars shipped in dist/assets (see src/runtime/treeSitter.ts).
import type { CompressOptions } from '../types';

/** Grammar ids the syntax engine understands; the host maps each to a .wasm file. */
export const GRAMMAR_IDS = [
  'typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'ruby', 'php', 'bash', 'json',
] as const;
export type GrammarId = (typeof GRAMMAR_IDS)[number];

/** How an elided body is written so that the output still parses. */
export type Placeholder =
  | 'brace' // `{ /* [hr:…] */ }`
  | 'python' // `...  # [hr:…]` (after the docstring's first line, if any)
  | 'ruby' // `# [hr:…]` inside `def … end`
  | 'bash'; // `{ :; } # [hr:…]`

export interface CallSite {
  readonly type: string;
  /** The field that holds the callee (its last identifier is the name shown). */
  readonly field: string;
}

export interface CodeLanguage {
  readonly grammar: GrammarId;
  /** Shown in transforms and notes. */
  readonly label: string;
  /** VS Code language ids. */
  readonly ids: readonly string[];
  /** File extensions without the dot, lower case. */
  readonly extensions: readonly string[];
  /** Whole file names (no extension) that are this language. */
  readonly fileNames?: readonly string[];
  /** A second grammar tried when the first reports syntax errors (`.h` may be C or C++). */
  readonly fallback?: GrammarId;
  /** Node types whose `body` field may be elided. */
  readonly functions: readonly string[];
  /** Body node types that the placeholder can stand in for. */
  readonly bodies: readonly string[];
  readonly placeholder: Placeholder;
  /** Starts a comment that runs to the end of the line. */
  readonly lineComment: string;
  /** Top-level node types that are imports (summarised when a run of them is long). */
  readonly imports: readonly string[];
  /** Array / map literals whose middle entries may be elided when they hold data, not functions. */
  readonly literals: readonly string[];
  readonly calls: readonly CallSite[];
}

const C_CALLS: readonly CallSite[] = [{ type: 'call_expression', field: 'function' }];
const JS_FUNCTIONS = [
  'function_declaration', 'function_expression', 'function', 'generator_function_declaration', 'generator_function',
  'method_definition', 'arrow_function',
];
const JS_CALLS: readonly CallSite[] = [{ type: 'call_expression', field: 'function' }];
const JS_IMPORTS = ['import_statement'];
const JS_LITERALS = ['array', 'object'];

export const CODE_LANGUAGES: readonly CodeLanguage[] = [
  {
    grammar: 'typescript', label: 'TypeScript', ids: ['typescript'], extensions: ['ts', 'mts', 'cts'],
    functions: JS_FUNCTIONS, bodies: ['statement_block'], placeholder: 'brace', lineComment: '//', imports: JS_IMPORTS, literals: JS_LITERALS, calls: JS_CALLS,
  },
  {
    grammar: 'tsx', label: 'TSX', ids: ['typescriptreact'], extensions: ['tsx'],
    functions: JS_FUNCTIONS, bodies: ['statement_block'], placeholder: 'brace', lineComment: '//', imports: JS_IMPORTS, literals: JS_LITERALS, calls: JS_CALLS,
  },
  {
    grammar: 'javascript', label: 'JavaScript', ids: ['javascript', 'javascriptreact'], extensions: ['js', 'mjs', 'cjs', 'jsx'],
    functions: JS_FUNCTIONS, bodies: ['statement_block'], placeholder: 'brace', lineComment: '//', imports: JS_IMPORTS, literals: JS_LITERALS, calls: JS_CALLS,
  },
  {
    grammar: 'python', label: 'Python', ids: ['python'], extensions: ['py', 'pyi', 'pyw'],
    functions: ['function_definition'], bodies: ['block'], placeholder: 'python', lineComment: '#',
    imports: ['import_statement', 'import_from_statement', 'future_import_statement'], literals: ['list', 'dictionary', 'set', 'tuple'], calls: [{ type: 'call', field: 'function' }],
  },
  {
    grammar: 'go', label: 'Go', ids: ['go'], extensions: ['go'],
    functions: ['function_declaration', 'method_declaration', 'func_literal'], bodies: ['block'], placeholder: 'brace', lineComment: '//',
    imports: ['import_declaration'], literals: ['literal_value'], calls: C_CALLS,
  },
  {
    grammar: 'rust', label: 'Rust', ids: ['rust'], extensions: ['rs'],
    functions: ['function_item', 'closure_expression'], bodies: ['block'], placeholder: 'brace', lineComment: '//',
    imports: ['use_declaration', 'extern_crate_declaration'],
    literals: ['array_expression'], calls: [{ type: 'call_expression', field: 'function' }, { type: 'macro_invocation', field: 'macro' }],
  },
  {
    grammar: 'java', label: 'Java', ids: ['java'], extensions: ['java'],
    functions: ['method_declaration', 'constructor_declaration', 'compact_constructor_declaration', 'lambda_expression'],
    bodies: ['block', 'constructor_body'], placeholder: 'brace', lineComment: '//', imports: ['import_declaration'],
    literals: ['array_initializer'], calls: [{ type: 'method_invocation', field: 'name' }],
  },
  {
    grammar: 'c', label: 'C', ids: ['c'], extensions: ['c', 'h'], fallback: 'cpp',
    functions: ['function_definition'], bodies: ['compound_statement'], placeholder: 'brace', lineComment: '//',
    imports: ['preproc_include'], literals: ['initializer_list'], calls: C_CALLS,
  },
  {
    grammar: 'cpp', label: 'C++', ids: ['cpp', 'cuda-cpp'], extensions: ['cc', 'cpp', 'cxx', 'c++', 'hpp', 'hh', 'hxx', 'h++', 'ipp', 'tpp', 'inl', 'cu', 'cuh', 'ino'],
    functions: ['function_definition', 'lambda_expression'], bodies: ['compound_statement'], placeholder: 'brace', lineComment: '//',
    imports: ['preproc_include', 'using_declaration'], literals: ['initializer_list'], calls: C_CALLS,
  },
  {
    grammar: 'csharp', label: 'C#', ids: ['csharp'], extensions: ['cs', 'csx'],
    functions: [
      'method_declaration', 'constructor_declaration', 'destructor_declaration', 'operator_declaration', 'conversion_operator_declaration',
      'local_function_statement', 'accessor_declaration', 'lambda_expression', 'anonymous_method_expression',
    ],
    bodies: ['block'], placeholder: 'brace', lineComment: '//', imports: ['using_directive'],
    literals: ['initializer_expression'], calls: [{ type: 'invocation_expression', field: 'function' }],
  },
  {
    grammar: 'ruby', label: 'Ruby', ids: ['ruby'], extensions: ['rb', 'rake', 'gemspec', 'ru'], fileNames: ['rakefile', 'gemfile', 'guardfile', 'vagrantfile'],
    functions: ['method', 'singleton_method'], bodies: ['body_statement'], placeholder: 'ruby', lineComment: '#',
    imports: [], literals: ['array', 'hash'], calls: [{ type: 'call', field: 'method' }],
  },
  {
    grammar: 'php', label: 'PHP', ids: ['php'], extensions: ['php', 'phtml', 'php8', 'php7'],
    functions: ['function_definition', 'method_declaration', 'anonymous_function', 'anonymous_function_creation_expression'],
    bodies: ['compound_statement'], placeholder: 'brace', lineComment: '//', imports: ['namespace_use_declaration'],
    literals: ['array_creation_expression'], calls: [
      { type: 'function_call_expression', field: 'function' }, { type: 'member_call_expression', field: 'name' },
      { type: 'scoped_call_expression', field: 'name' }, { type: 'nullsafe_member_call_expression', field: 'name' },
    ],
  },
  {
    grammar: 'bash', label: 'Bash', ids: ['shellscript', 'bash', 'sh'], extensions: ['sh', 'bash', 'ksh', 'bats'],
    fileNames: ['.bashrc', '.bash_profile', '.profile', 'bashrc', 'profile'],
    functions: ['function_definition'], bodies: ['compound_statement'], placeholder: 'bash', lineComment: '#',
    imports: [], literals: [], calls: [{ type: 'command', field: 'name' }],
  },
];

/** Grammars the engine can load although no outline is made with them (other compressors may parse). */
const SYNTAX_ONLY: readonly { readonly grammar: GrammarId; readonly ids: readonly string[]; readonly extensions: readonly string[] }[] = [
  { grammar: 'json', ids: ['json', 'jsonc'], extensions: ['json', 'jsonc'] },
];

/** The language a file name or editor language id / extension names, if the compressor outlines it. */
export function codeLanguageFor(options: Pick<CompressOptions, 'language' | 'fileName'>): CodeLanguage | undefined {
  const hint = options.language?.trim().toLowerCase();
  if (hint) {
    const bare = hint.startsWith('.') ? hint.slice(1) : hint;
    const byHint = CODE_LANGUAGES.find((l) => l.ids.includes(bare) || l.grammar === bare || l.extensions.includes(bare));
    if (byHint) return byHint;
  }
  if (options.fileName) {
    const base = baseName(options.fileName).toLowerCase();
    const dot = base.lastIndexOf('.');
    const extension = dot > 0 ? base.slice(dot + 1) : '';
    return CODE_LANGUAGES.find((l) => (extension !== '' && l.extensions.includes(extension)) || l.fileNames?.includes(base));
  }
  return undefined;
}

/** Every grammar compressing with these options may parse with, in the order it would try them. */
export function grammarsFor(options: Pick<CompressOptions, 'language' | 'fileName'>): GrammarId[] {
  const language = codeLanguageFor(options);
  if (language) return language.fallback ? [language.grammar, language.fallback] : [language.grammar];
  const hint = options.language?.trim().toLowerCase().replace(/^\./, '');
  const base = options.fileName ? baseName(options.fileName).toLowerCase() : '';
  const extension = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  const other = SYNTAX_ONLY.find((s) => (hint !== undefined && (s.ids.includes(hint) || s.extensions.includes(hint))) || (extension !== '' && s.extensions.includes(extension)));
  return other ? [other.grammar] : [];
}

/** The language whose first grammar is `grammar`. */
export function codeLanguageOfGrammar(grammar: GrammarId): CodeLanguage | undefined {
  return CODE_LANGUAGES.find((l) => l.grammar === grammar);
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1);
}
