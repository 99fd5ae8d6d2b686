// Chooses compressors for a text. Explicit hints win (type, command, file name, language); when none
// claims the text, the learned detector's confident guess comes first (checked structurally: code must
// parse; C#, which it never learned, by a clean parse), then content sniffing. Without hints a build
// tool's sniffed output goes before the tool inside it, and Markdown goes to the lossless instructions
// rewrite unless a query or budget asks for the prose selection. Returns candidates in order, each with
// the reason it was chosen; the engine tries them until one accepts, and the generic compressor always
// ends the list.
import type { Compressor, CompressOptions, ContentType, Detection, Engines, Source } from './types';
import { COMPRESSORS, CONTENT_COMPRESSORS, FALLBACK } from './registry';
import { parseCommand } from './shared/command';
import { codeLanguageFor, type GrammarId } from './code/languages';

export interface Candidate {
  readonly compressor: Compressor;
  readonly type: ContentType;
  readonly reason: string;
  /** Options this candidate runs with instead of the caller's (the detected language of hint-less code). */
  readonly options?: CompressOptions;
}

/**
 * Below this confidence the detector's guess is ignored and the generic compressor handles the text.
 * The shipped model's probabilities are soft (56 classes, trained with label smoothing): on packages it
 * never saw, guesses at 0.30 or above were right 99.0 % of the time and covered 90 % of texts (at 0.40:
 * 99.6 % and 82 %). Wrong guesses are mostly between neighbours (TypeScript/JavaScript, C/C++), which
 * the parse check below sorts out; every compressor still verifies the text and declines what is not its own.
 */
export const DETECTOR_MIN_CONFIDENCE = 0.3;
/**
 * Hint-less text the detector calls code must parse with at most this share of it inside ERROR nodes.
 * Pasted code is often cut mid-body (an open function wraps the rest in an ERROR); text that is not
 * code at all is mostly ERROR.
 */
const MAX_ERROR_SHARE = 0.1;

/**
 * True when nothing explicit says what the text is: no type, and no compressor claims its command or
 * file name. Only then is the detector consulted (hosts use this to skip loading it).
 */
export function needsDetector(options: CompressOptions): boolean {
  if (options.type && options.type !== 'auto') return false;
  const command = options.command ? parseCommand(options.command) : undefined;
  const fileName = options.fileName ?? '';
  const fileHint = (options.fileName || options.language) && !plainTextName(options);
  return !COMPRESSORS.some((c) => (command && c.matches?.(command)) || (fileHint && c.handlesFile?.(fileName, options.language)));
}

/** A name that says only "some text" (`build.log`, `out.txt`): a saved test run or a pasted file may be anything. */
const PLAIN_TEXT_NAME = /\.(?:txt|text|log|out|output)$/i;

/** The file hint says nothing about the format: the detector goes first, what claims the name comes after it. */
function plainTextName(options: CompressOptions): boolean {
  return options.language === undefined && options.fileName !== undefined && PLAIN_TEXT_NAME.test(options.fileName);
}

export function route(source: Source, options: CompressOptions, engines: Engines): Candidate[] {
  const registry = COMPRESSORS;
  const candidates: Candidate[] = [];
  const add = (compressor: Compressor | undefined, reason: string) => {
    if (compressor && !candidates.some((c) => c.compressor === compressor)) candidates.push({ compressor, type: compressor.type, reason });
  };
  const explicit = options.type && options.type !== 'auto' ? options.type : undefined;
  const ofType = (c: Compressor) => explicit === undefined || c.type === explicit;

  // Every compressor that claims the command is a candidate (`npm test` may be jest, vitest or mocha);
  // each verifies the content and declines when it is not its format.
  if (options.command) {
    const command = parseCommand(options.command);
    for (const c of registry) if (ofType(c) && c.matches?.(command)) add(c, `command \`${command.program}\` matched`);
  }
  const byName: Compressor[] = [];
  if (options.fileName || options.language) {
    const fileName = options.fileName ?? '';
    for (const c of registry) if (ofType(c) && c.handlesFile?.(fileName, options.language)) byName.push(c);
  }
  const nameReason = `file ${options.fileName ?? `language ${options.language}`} matched`;
  const weakName = plainTextName(options);
  if (!weakName) for (const c of byName) add(c, nameReason);
  if (explicit) add(CONTENT_COMPRESSORS.find((c) => c.type === explicit), `type ${explicit} given`);
  let unused = '';
  const hinted = candidates.length;
  if (candidates.length === 0 && engines.detector) {
    const guess = engines.detector.detect(source.text);
    const pick = guess && fromDetection(guess, source, options, engines);
    if (pick && 'compressor' in pick) candidates.push(pick);
    else if (pick) unused = `; ${pick.why}`;
  }
  const sniffed = new Set<Compressor>();
  for (const c of registry) {
    if (!ofType(c) || !c.sniff?.(source)) continue;
    sniffed.add(c);
    add(c, `content sniffed${unused}`);
  }
  // A name that says only "text" comes after what the content itself shows (`ruff.txt` holding ruff's output).
  if (weakName) for (const c of byName) add(c, `${nameReason}${unused}`);
  if (!explicit) {
    wrappersFirst(candidates, hinted, sniffed);
    preferLosslessMarkdown(candidates, options, hinted);
  }
  if (!candidates.some((c) => c.compressor === FALLBACK)) {
    candidates.push({ compressor: FALLBACK, type: explicit ?? FALLBACK.type, reason: candidates.length ? 'fallback' : `nothing more specific claimed the text${unused}` });
  }
  return withoutDisabled(candidates, options);
}

/**
 * Build tools whose output holds the output of the tools they run: a Docker build's RUN steps print
 * tsc, gcc or pip lines, Gradle and Maven print javac's. When such a wrapper's own `sniff` claims the
 * text (its header and end lines, not just some lines inside), it knows the whole text and goes before
 * the compressor of the tool inside, whether the detector or a `sniff` named that one.
 */
const WRAPPERS: ReadonlySet<string> = new Set(['dockerBuild', 'gradle', 'maven']);

function wrappersFirst(candidates: Candidate[], hinted: number, sniffed: ReadonlySet<Compressor>): void {
  const at = candidates.findIndex((c, k) => k >= hinted && WRAPPERS.has(c.compressor.id) && sniffed.has(c.compressor));
  if (at <= hinted) return;
  const [wrapper] = candidates.splice(at, 1);
  candidates.splice(hinted, 0, { ...wrapper, reason: `${wrapper.reason}; a build tool's output holds the output of the tools it runs, so it goes first` });
}

/**
 * Markdown that no hint names, with neither a query nor a budget, goes to the instructions compressor
 * before the prose one. Without its file name an `AGENTS.md` or `copilot-instructions.md` is just
 * Markdown to the detector and to `sniff`, and the prose compressor drops paragraphs it ranks low,
 * which for a list of rules loses rules. The instructions rewrite is deterministic and lossless in
 * meaning (every heading, code block, number, path and negation stays), so on doubt it keeps more;
 * the prose selection runs when a query or a budget asks for one, or when a hint (a `README.md`
 * file name, `--type prose`) says the text is a document to skim. Candidates from hints
 * (`candidates[0..hinted)`) are never reordered.
 */
function preferLosslessMarkdown(candidates: Candidate[], options: CompressOptions, hinted: number): void {
  if (options.query?.trim() || options.budget !== undefined) return;
  const at = candidates.findIndex((c, k) => k >= hinted && c.compressor.id === PROSE_ID);
  if (at < 0 || candidates.some((c) => c.compressor.id === INSTRUCTIONS_ID)) return;
  const lossless = CONTENT_COMPRESSORS.find((c) => c.id === INSTRUCTIONS_ID);
  if (!lossless) return;
  const { reason } = candidates[at];
  candidates.splice(at, 0, { compressor: lossless, type: lossless.type, reason: `${reason}; no query or budget asks for a selection, so Markdown is only rewritten losslessly in meaning (${INSTRUCTIONS_ID})` });
}

const PROSE_ID = 'prose';
const INSTRUCTIONS_ID = 'instructions';

/** The detector's guess as a candidate, or why it was not used (low confidence, unknown compressor, code that does not parse). */
function fromDetection(guess: Detection, source: Source, options: CompressOptions, engines: Engines): Candidate | { why: string } {
  const said = `detector: ${guess.label} (${guess.confidence.toFixed(2)})`;
  const compressor = guess.compressor === FALLBACK.id ? FALLBACK
    : COMPRESSORS.find((c) => c.id === guess.compressor) ?? CONTENT_COMPRESSORS.find((c) => c.type === guess.type);
  let why: string;
  if (!(guess.confidence >= DETECTOR_MIN_CONFIDENCE)) why = `${said} is below ${DETECTOR_MIN_CONFIDENCE.toFixed(2)}`;
  else if (!compressor) return { why: `${said}, but no compressor ${guess.compressor ?? guess.type} is registered` };
  else if (!guess.language) return { compressor, type: guess.type === 'auto' ? compressor.type : guess.type, reason: `${said} → ${compressor.id}` };
  else {
    const grammar = cleanGrammar(guess.language, source.text, engines);
    if (grammar !== undefined) return { compressor, type: compressor.type, reason: `${said} → ${compressor.id}, parses as ${grammar}`, options: { ...options, language: grammar } };
    why = `${said}, but tree-sitter could not parse it as ${guess.language}`;
  }
  return (guess.language && unlearnedCode(source, options, engines, why)) || { why };
}

/**
 * Languages the code compressor knows but the detector never learned (no C# sources to train on, see
 * tools/train/README.md): their code reaches the detector as an unsure guess at some other language.
 * Each with the declarations one of which its code must hold (a text of comments alone parses as anything).
 */
const UNLEARNED_LANGUAGES: readonly { readonly grammar: GrammarId; readonly declarations: readonly string[] }[] = [
  { grammar: 'csharp', declarations: ['using_directive', 'namespace_declaration', 'file_scoped_namespace_declaration', 'class_declaration', 'interface_declaration', 'struct_declaration', 'record_declaration'] },
];

/**
 * When the detector thought the text was code but its guess could not be used (unsure, or it does not
 * parse as that language), the languages it never learned are tried; one takes the text to the code
 * compressor when it parses without a single ERROR node and declares something of its own. Stricter
 * than for a confident guess: the C# grammar swallows much Java and JavaScript with only a few errors.
 */
function unlearnedCode(source: Source, options: CompressOptions, engines: Engines, why: string): Candidate | undefined {
  const code = CONTENT_COMPRESSORS.find((c) => c.type === 'code');
  const syntax = engines.syntax;
  if (!code || !syntax) return undefined;
  for (const { grammar, declarations } of UNLEARNED_LANGUAGES) {
    if (!syntax.supports(grammar)) continue;
    const tree = syntax.parse(grammar, source.text);
    if (!tree) continue;
    let clean: boolean;
    try {
      clean = !tree.root.hasError && tree.root.descendantsOfType(declarations).length > 0;
    } finally {
      tree.dispose();
    }
    if (clean) return { compressor: code, type: code.type, reason: `${why}; parses as ${grammar}, a language the detector never learned → ${code.id}`, options: { ...options, language: grammar } };
  }
  return undefined;
}

/**
 * Grammars also tried for a language, because the detector (like people) confuses them: JavaScript is
 * nearly TypeScript, TypeScript with JSX parses only as TSX, C++ headers are often plain C.
 */
const SIBLING_GRAMMARS: Readonly<Record<string, readonly GrammarId[]>> = {
  typescript: ['tsx', 'javascript'], tsx: ['typescript'], javascript: ['typescript', 'tsx'], cpp: ['c'],
};

/** The first of the language's grammars that parses the text (nearly) cleanly: a cheap check that the guess is code. */
function cleanGrammar(language: string, text: string, engines: Engines): GrammarId | undefined {
  const spec = codeLanguageFor({ language });
  const syntax = engines.syntax;
  if (!spec || !syntax) return undefined;
  for (const grammar of [spec.grammar, spec.fallback, ...(SIBLING_GRAMMARS[spec.grammar] ?? [])]) {
    if (!grammar || !syntax.supports(grammar)) continue;
    const tree = syntax.parse(grammar, text);
    if (!tree) continue;
    try {
      const root = tree.root;
      if (!root.hasError) return grammar;
      const errorChars = root.descendantsOfType(['ERROR']).reduce((sum, node) => sum + node.endIndex - node.startIndex, 0);
      if (errorChars <= MAX_ERROR_SHARE * text.length) return grammar;
    } finally {
      tree.dispose();
    }
  }
  return undefined;
}

/** Drops the compressors the host switched off (`disabled`, from settings); the generic fallback always stays. */
function withoutDisabled(candidates: Candidate[], options: CompressOptions): Candidate[] {
  const off = options.disabled;
  if (!off || off.length === 0) return candidates;
  return candidates.filter((c) => c.compressor === FALLBACK || !off.includes(c.compressor.id));
}
