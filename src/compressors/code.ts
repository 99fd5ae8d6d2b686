// Source files (file reads) as an outline: imports, every declaration with its full signature, types,
// class members and the first line of doc comments stay; long function bodies become a placeholder
// that still parses and says what was cut (lines, calls). The output is re-parsed with the same
// grammar, and an elision that breaks the parse is left out. Needs the syntax engine (tree-sitter).
import type { CompressContext, Compressor, Draft, SyntaxEngine, SyntaxNode, SyntaxTree } from './types';
import { DraftBuilder } from './shared/draft';
import { codeLanguageFor, codeLanguageOfGrammar, type CodeLanguage, type GrammarId } from './code/languages';
import { planOutline, queryNamesOf, type Edit, type OutlineLevel } from './code/outline';

/** Files shorter than about this many tokens are read whole (unless the caller sets `minTokens`). */
export const CODE_MIN_TOKENS = 500;
/**
 * The threshold is checked in characters (code averages about 4 a token) so the input is not
 * tokenized a second time: the engine has counted it already.
 */
const CHARS_PER_TOKEN = 4;
/** Larger texts are left to the generic compressor: an outline of a 2 MiB file is rarely what anyone reads. */
const MAX_CODE_CHARS = 2 * 1024 * 1024;
/** Average characters per line above which a file is minified or generated data, not source to outline. */
const MINIFIED_LINE_CHARS = 300;
/** Rounds of leaving out elisions that broke the re-parse before giving up. */
const MAX_REPAIR_ROUNDS = 4;
/** Error nodes looked at per round. */
const MAX_ERRORS = 50;

/** The default outline, then a tighter one used only when a budget asks for less. */
const LEVELS: readonly OutlineLevel[] = [
  { bodyLines: 6, docLines: 4, importLines: 12, dataLines: 12 },
  { bodyLines: 3, docLines: 2, importLines: 6, dataLines: 6 },
];

interface Outline {
  readonly text: string;
  readonly edits: readonly Edit[];
  readonly draft: DraftBuilder;
  readonly keptForQuery: readonly string[];
  readonly dropped: number;
}

export const code: Compressor = {
  id: 'code',
  type: 'code',
  handlesFile(fileName: string, language?: string): boolean {
    return codeLanguageFor({ fileName, language }) !== undefined;
  },
  compress(context: CompressContext): Draft | undefined {
    const syntax = context.engines.syntax;
    const language = codeLanguageFor(context.options);
    if (!syntax || !language) return undefined;
    const { text, lines } = context.source;
    if (text.length > MAX_CODE_CHARS || text.length / lines.length > MINIFIED_LINE_CHARS) return undefined;
    const grammars = [language.grammar, language.fallback].filter((g): g is GrammarId => g !== undefined && syntax.supports(g));
    if (grammars.length === 0) return undefined;

    const minChars = (context.options.minTokens ?? CODE_MIN_TOKENS) * CHARS_PER_TOKEN;
    if (text.length < minChars) return keepWhole(text, `${text.length} characters is below the ${minChars}-character threshold for an outline: kept whole`);

    // A clean parse with any grammar wins; otherwise the first grammar's tree, errors and all.
    let parsed: { grammar: GrammarId; tree: SyntaxTree } | undefined;
    for (const grammar of grammars) {
      const tree = syntax.parse(grammar, text);
      if (!tree) continue;
      if (!parsed || (parsed.tree.root.hasError && !tree.root.hasError)) {
        parsed?.tree.dispose();
        parsed = { grammar, tree };
      } else tree.dispose();
      if (!parsed.tree.root.hasError) break;
    }
    if (!parsed) return undefined;

    try {
      const spec = codeLanguageOfGrammar(parsed.grammar) ?? language;
      const root = parsed.tree.root;
      const errors = root.hasError ? errorSpans(root) : [];
      const queryNames = queryNamesOf(context.options.query);
      let outline = outlineAt(LEVELS[0], context, syntax, parsed.grammar, root, spec, queryNames, errors);
      const budget = context.options.budget;
      if (budget !== undefined && context.engines.tokens.count(typeof outline === 'string' ? text : outline.text) > budget) {
        const tighter = outlineAt(LEVELS[1], context, syntax, parsed.grammar, root, spec, queryNames, errors);
        if (typeof tighter !== 'string' && (typeof outline === 'string' || tighter.text.length < outline.text.length)) outline = tighter;
      }
      switch (outline) {
        case 'errors-outside':
          return keepWhole(text, `does not parse as ${spec.label} (syntax error at L${firstErrorRow(root) + 1}, outside any body an outline can elide): kept whole rather than outline code that may be mid-edit`);
        case 'nothing':
          return keepWhole(text, `no ${spec.label} body, comment, import run or data literal is long enough to elide: kept whole`);
        case 'unparsable':
          return keepWhole(text, `no ${spec.label} outline re-parsed without errors: kept whole`);
        default:
          return describe(outline, spec, errors.length);
      }
    } finally {
      parsed.tree.dispose();
    }
  },
};

function keepWhole(text: string, reason: string): Draft {
  return { text, transforms: [{ step: 'code', reason }] };
}

/**
 * Plans, renders and re-parses an outline; elisions next to a parse error in the output are left out
 * and the rest tried again. A string says why there is no outline.
 */
function outlineAt(
  level: OutlineLevel, context: CompressContext, syntax: SyntaxEngine, grammar: GrammarId, root: SyntaxNode, spec: CodeLanguage,
  queryNames: ReadonlySet<string>, errors: readonly [number, number][],
): Outline | 'nothing' | 'errors-outside' | 'unparsable' {
  const plan = planOutline(root, context.source.text, spec, level, queryNames);
  let edits = plan.edits;
  if (errors.length > 0) {
    // Every parse error of the input must sit inside an elided body, and that body's marker says so.
    const holds = (edit: Edit, [start, end]: [number, number]) => edit.kind === 'body' && edit.start <= start && end <= edit.end;
    if (!errors.every((error) => edits.some((edit) => holds(edit, error)))) return 'errors-outside';
    edits = edits.map((edit) => {
      if (!errors.some((error) => holds(edit, error))) return edit;
      return { ...edit, detail: `${edit.detail ? `${edit.detail}; ` : ''}${spec.label} parse errors inside` };
    });
  }
  let dropped = 0;
  if (edits.length === 0) return 'nothing';
  for (let round = 0; round <= MAX_REPAIR_ROUNDS && edits.length > 0; round++) {
    const draft = new DraftBuilder(context.source);
    const { text, spans } = render(context.source.text, edits, (edit) =>
      draft.marker({
        verb: edit.kind === 'imports' ? 'omitted' : 'elided', count: edit.rows[1] - edit.rows[0] + 1, unit: 'lines',
        lines: [draft.lineNumber(edit.rows[0]), draft.lineNumber(edit.rows[1])], detail: edit.detail,
      }),
    );
    const check = syntax.parse(grammar, text);
    if (!check) return 'unparsable';
    let errors: [number, number][];
    try {
      errors = check.root.hasError ? errorSpans(check.root) : [];
    } finally {
      check.dispose();
    }
    if (errors.length === 0) return { text, edits, draft, keptForQuery: plan.keptForQuery, dropped };
    const bad = blame(spans, errors);
    edits = edits.filter((_, i) => !bad.has(i));
    dropped += bad.size;
  }
  return 'unparsable';
}

/** Splices the edits (sorted, disjoint) into the text; `spans` are where each replacement landed. */
function render(text: string, edits: readonly Edit[], marker: (edit: Edit) => string): { text: string; spans: [number, number][] } {
  const parts: string[] = [];
  const spans: [number, number][] = [];
  let at = 0;
  let length = 0;
  for (const edit of edits) {
    const kept = text.slice(at, edit.start);
    const replacement = edit.write(marker(edit));
    parts.push(kept, replacement);
    length += kept.length;
    spans.push([length, length + replacement.length]);
    length += replacement.length;
    at = edit.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), spans };
}

/** Ranges of ERROR and MISSING nodes, found by descending only where an error is. */
function errorSpans(root: SyntaxNode): [number, number][] {
  const found: [number, number][] = [];
  const stack = [root];
  while (stack.length > 0 && found.length < MAX_ERRORS) {
    const node = stack.pop()!;
    if (node.isErrorOrMissing) found.push([node.startIndex, node.endIndex]);
    else for (const child of node.children) if (child.hasError) stack.push(child);
  }
  return found;
}

/** Row of the first ERROR or MISSING node, found by following the children that contain one. */
function firstErrorRow(root: SyntaxNode): number {
  let node: SyntaxNode | undefined = root;
  while (node && !node.isErrorOrMissing) node = node.children.find((c) => c.hasError || c.isErrorOrMissing);
  return node ? node.startRow : 0;
}

/**
 * The edits to leave out for these errors: every replacement an error touches, else the nearest one
 * before it (an unclosed comment or string in a replacement breaks what follows).
 */
function blame(spans: readonly [number, number][], errors: readonly [number, number][]): Set<number> {
  const bad = new Set<number>();
  for (const [errorStart, errorEnd] of errors) {
    let hit = false;
    spans.forEach(([start, end], i) => {
      if (start <= errorEnd + 1 && errorStart <= end + 1) {
        bad.add(i);
        hit = true;
      }
    });
    if (hit) continue;
    let before = -1;
    spans.forEach(([start], i) => {
      if (start <= errorStart) before = i;
    });
    if (before >= 0) bad.add(before);
    else spans.forEach((_, i) => bad.add(i));
  }
  return bad;
}

function describe(outline: Outline, spec: CodeLanguage, errors: number): Draft {
  const count = (kind: Edit['kind']) => outline.edits.filter((e) => e.kind === kind);
  const bodies = count('body');
  const bodyLines = bodies.reduce((sum, e) => sum + e.rows[1] - e.rows[0] + 1, 0);
  const parts = [`elided ${bodies.length} function bodies (${bodyLines} lines)`];
  if (count('comment').length > 0) parts.push(`shortened ${count('comment').length} long comments to their first line`);
  if (count('data').length > 0) parts.push(`cut the middle of ${count('data').length} long data literal${count('data').length === 1 ? '' : 's'}`);
  if (count('imports').length > 0) parts.push(`summarised ${count('imports').length} import block${count('imports').length === 1 ? '' : 's'}`);
  const draft = outline.draft.write(outline.text);
  draft.note('outline', `${spec.label} outline: ${parts.join(', ')}; signatures, types and declarations kept; the output re-parses without errors`);
  if (outline.keptForQuery.length > 0) draft.note('query', `kept whole what the query names: ${outline.keptForQuery.join(', ')}`);
  if (errors > 0) draft.note('parse-errors', `the input has ${errors} ${spec.label} parse error${errors === 1 ? "" : "s"}, all inside elided bodies whose markers say so`);
  if (outline.dropped > 0) draft.note('outline-repair', `left ${outline.dropped} elisions out: the output did not re-parse with them`);
  return { ...draft.build(), lineComment: spec.lineComment };
}
