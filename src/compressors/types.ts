// The contract between the engine, its compressors and the hosts (CLI, extension).
// Everything here is plain data: no vscode, no Node I/O. Heavy engines arrive through `Engines`.

export const CONTENT_TYPES = ['shell', 'json', 'code', 'log', 'diff', 'search', 'prose', 'instructions', 'auto'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export interface CompressOptions {
  /** What the text is, when the caller knows; `auto` (default) lets the router decide. */
  readonly type?: ContentType;
  /** The command line that printed the text (`npm test`, `git status --short`, …). */
  readonly command?: string;
  /** A language id or file extension for code (`typescript`, `py`, …). */
  readonly language?: string;
  /** The file the text came from, when it came from a file. */
  readonly fileName?: string;
  /** The user's question; relevant parts are kept with more detail. */
  readonly query?: string;
  /** Upper bound on output tokens that the compressor should aim for (never at the cost of must-keep facts). */
  readonly budget?: number;
  /** Inputs with fewer tokens than this pass through untouched. Default `DEFAULT_MIN_TOKENS`. */
  readonly minTokens?: number;
  /**
   * How the reader can get a cut back, appended once when the output has markers; `{id}` is
   * replaced by the marker id (e.g. `headroom retrieve {id} --lines A-B`). Omitted: no hint line.
   */
  readonly retrieveHint?: string;
  /** Compressor ids not to use (the user's settings); the generic fallback takes their place and cannot be disabled. */
  readonly disabled?: readonly string[];
}

/** Counts tokens exactly as the model's tokenizer does. */
export interface TokenCounter {
  readonly encoding: string;
  count(text: string): number;
  /**
   * Tokens of each `\n`-separated line from one encoding of the text (a token counts on the line its
   * first byte is on); they add up to `count(text)`. Optional: with it the engine prices lines it cuts
   * without tokenizing them a second time.
   */
  countLines?(text: string): readonly number[];
}

/** Engines the host loads (WASM, Node) and hands to the pure core. Only `tokens` is required. */
export interface Engines {
  readonly tokens: TokenCounter;
  /** Optional faster content hash (hex); the core falls back to its own SHA-256. */
  readonly sha256Hex?: (bytes: Uint8Array) => string;
  /** Parses source code; absent means code is handled without syntax trees. */
  readonly syntax?: SyntaxEngine;
  /** Guesses a content type when nothing else says what a text is. */
  readonly detector?: ContentDetector;
  /** The user's own prose model (opt-in): keep-probabilities of words, computed by the host in advance. */
  readonly proseModel?: ProseModel;
}

/**
 * A token-classification model the user brought (`headroom.prose.model`). The core is synchronous, so
 * the host scores the lines the prose compressor will ask about before compressing (see
 * `proseModelLines`), and hands over the answers here.
 */
export interface ProseModel {
  /** SHA-256 (hex) of the model file and of its tokenizer: the transforms say exactly what ran. */
  readonly sha256: string;
  readonly tokenizerSha256: string;
  /** Share of the words the model may drop that stay (0–1]. */
  readonly keepRatio: number;
  /**
   * Keep-probability (0–1) of every word (`splitWords`) of each line scored for this exact text, by line
   * index; `undefined` when this text was not scored.
   */
  scores(text: string): ProseScores | undefined;
}

export interface ProseScores {
  readonly lines: ReadonlyMap<number, readonly number[]>;
  /** Why the model could not run on this text (failed to load, wrong hash, …): the prose compressor says so and stays deterministic. */
  readonly unavailable?: string;
  /** Something the transforms should say about the scoring (e.g. lines left unscored past the word cap). */
  readonly note?: string;
}

/**
 * Parses source code (tree-sitter behind it). `language` is a grammar id from
 * `src/compressors/code/languages.ts` (`typescript`, `python`, `c`, …). Grammars load asynchronously
 * in the host (`prepare`); the core only parses with grammars that are already loaded.
 */
export interface SyntaxEngine {
  /** True when the grammar is loaded, so `parse` can run synchronously. */
  supports(language: string): boolean;
  /** A tree the caller must `dispose()`, or `undefined` when the grammar is not loaded or the parser gave up. */
  parse(language: string, source: string): SyntaxTree | undefined;
  /**
   * Host side, awaited before the synchronous core runs: loads the grammars compressing with these
   * options may need (from `language` or the extension of `fileName`). Never rejects.
   */
  prepare?(options: CompressOptions): Promise<void>;
}

/** One node of a syntax tree. Indices are UTF-16 offsets into the parsed string; rows are 0-based. */
export interface SyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startRow: number;
  /** Row of `endIndex` (a node that ends with its line break ends at column 0 of the next row). */
  readonly endRow: number;
  readonly endColumn: number;
  readonly isNamed: boolean;
  /** This node or a descendant is an ERROR or MISSING node. */
  readonly hasError: boolean;
  /** This node is an ERROR node or a token the parser inserted (MISSING). */
  readonly isErrorOrMissing: boolean;
  readonly children: readonly SyntaxNode[];
  field(name: string): SyntaxNode | undefined;
  /** Every descendant of one of these types, in source order (searched inside the parser, fast). */
  descendantsOfType(types: readonly string[]): SyntaxNode[];
}

export interface SyntaxTree {
  readonly root: SyntaxNode;
  /** Frees the tree (WASM memory). Nodes must not be used afterwards. */
  dispose(): void;
}

export interface Detection {
  readonly type: ContentType;
  /** The finer label the detector chose (e.g. `cargo-test`, `python`). */
  readonly label: string;
  readonly confidence: number;
  /** The compressor id this label routes to (`cargoTest`, `code`, `generic`); absent: the first of `type`. */
  readonly compressor?: string;
  /** For source code: the code compressor's language id (`python`, `rust`, …). */
  readonly language?: string;
}

export interface ContentDetector {
  detect(text: string): Detection | undefined;
}

/** One decision the engine or a compressor made, with the reason. Nothing-done decisions are recorded too. */
export interface Transform {
  readonly step: string;
  readonly reason: string;
}

/** What a marker in the output refers to. */
export interface MarkerInfo {
  readonly id: string;
  readonly verb: MarkerVerb;
  readonly count: number;
  readonly unit: MarkerUnit;
  /** 1-based inclusive line range in the original `id`, when the cut is one contiguous range. */
  readonly lines?: readonly [number, number];
  readonly detail?: string;
}

export type MarkerVerb = 'omitted' | 'collapsed' | 'elided' | 'truncated' | 'binary' | 'unreadable';
export type MarkerUnit = 'lines' | 'chars' | 'bytes' | 'rows' | 'keys' | 'items' | 'files' | 'tests' | 'frames' | 'words';

/** An original kept so that every cut can be undone byte for byte. `id` is a content hash. */
export interface Original {
  readonly id: string;
  readonly bytes: Uint8Array;
}

export interface CompressResult {
  /** Exactly what a model would read. */
  readonly text: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** The content type the router settled on. */
  readonly type: ContentType;
  /** Id of the compressor that produced `text` (`passthrough` when nothing was done). */
  readonly compressor: string;
  readonly transforms: readonly Transform[];
  readonly markers: readonly MarkerInfo[];
  /** Originals the markers refer to; the host stores them. Empty when nothing was cut. */
  readonly originals: readonly Original[];
}

/** Lines of the (normalised) input, plus the id under which the raw input is stored. */
export interface Source {
  readonly id: string;
  /** Normalised text: escapes stripped, progress frames collapsed. Same number of lines as the raw input. */
  readonly text: string;
  readonly lines: readonly string[];
  /** Number of original lines before `lines[0]` (non-zero only for the tail of an oversized input). */
  readonly lineOffset?: number;
  /** Tokens of each line, from the count of the input (absent when the counter cannot say or the text was rewritten). */
  readonly lineTokens?: readonly number[];
}

/** What a compressor sees. */
export interface CompressContext {
  readonly source: Source;
  readonly options: CompressOptions;
  readonly engines: Engines;
  /** Keeps an extra original (e.g. the rows a JSON table dropped) and returns its id. */
  stash(text: string): string;
}

/** A compressor's answer: the text it proposes plus the decisions it made. */
export interface Draft {
  readonly text: string;
  readonly transforms?: readonly Transform[];
  readonly markers?: readonly MarkerInfo[];
  /** Starts a line comment in the text's language: the retrieve hint is written as one, so code still parses. */
  readonly lineComment?: string;
}

export interface Compressor {
  /** Equals the file name and the fixture folder name (`gitStatus`, `json`). */
  readonly id: string;
  /** The content family it belongs to. */
  readonly type: Exclude<ContentType, 'auto'>;
  /** Does the command that printed the text (already unwrapped) belong to me? */
  matches?(command: ParsedCommand): boolean;
  /** Does a file with this name (and editor language id, when known) belong to me? */
  handlesFile?(fileName: string, language?: string): boolean;
  /** Cheap structural check used when no command or type says what the text is. */
  sniff?(source: Source): boolean;
  /**
   * Returns a draft, or `undefined` when the text is not what this compressor understands
   * (the router then falls back to the generic compressor). Must not throw, but the engine guards anyway.
   */
  compress(context: CompressContext): Draft | undefined;
}

/** A command line reduced to what decides its output format. */
export interface ParsedCommand {
  /** The full command line as given. */
  readonly raw: string;
  /** The stage whose output we read (the last pipeline stage), wrappers (`npx`, `time`, env vars) removed. */
  readonly program: string;
  readonly args: readonly string[];
  /** Every stage of the pipeline after unwrapping, first to last. */
  readonly stages: readonly { readonly program: string; readonly args: readonly string[] }[];
}

export const DEFAULT_MIN_TOKENS = 120;
