// Plans an outline of a parsed source file: which spans of the original to replace, and with what.
// Function bodies become a placeholder that still parses and names what was cut; long doc comments
// keep their first line; long import runs become one comment. Signatures, types, class members and
// everything else stay byte for byte. The caller renders the plan and re-parses it (code.ts).
import type { SyntaxNode } from '../types';
import type { CodeLanguage } from './languages';

export interface OutlineLevel {
  /** A body spanning at least this many lines (braces included) is elided. */
  readonly bodyLines: number;
  /** A doc comment or comment run spanning at least this many lines keeps only its first line. */
  readonly docLines: number;
  /** A run of imports spanning at least this many lines becomes one summary comment. */
  readonly importLines: number;
  /** A data literal spanning at least this many lines keeps its first entries and its last one. */
  readonly dataLines: number;
}

export type EditKind = 'body' | 'comment' | 'imports' | 'data';

/** One replacement of source[start, end). `rows` is the 0-based inclusive line range its marker names. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly kind: EditKind;
  readonly rows: readonly [number, number];
  readonly detail?: string;
  /** The replacement text around the marker. */
  readonly write: (marker: string) => string;
}

export interface OutlinePlan {
  readonly edits: readonly Edit[];
  /** Symbols the query names whose bodies were kept whole. */
  readonly keptForQuery: readonly string[];
}

/** Callee names listed in an elided body's marker; the rest are counted. */
const MAX_CALL_NAMES = 6;
/** Module names listed in an import summary, up to about this many characters. */
const MAX_MODULE_CHARS = 100;
/** Entries a long data literal keeps before its elided middle (its last entry is kept too). */
const DATA_KEEP_FIRST = 3;
/** Nesting deeper than this is kept as it is (pathological input must not exhaust the stack). */
const MAX_DEPTH = 400;
/** A callee expression longer than this is not a name (an inline function, a long chain). */
const MAX_CALLEE_CHARS = 200;

// An identifier inside a callee or a query: `foo` in `this.foo`, `parsePort` in "why does parsePort fail".
const IDENTIFIER = /\$?[A-Za-z_][\w$]*/g;
// The opener of a block comment: `/**` in `/** Returns the port. */`.
const BLOCK_OPENER = /^\/\*[*!]?/;
// The marker that starts a line comment: `///` in `/// Returns the port.`, `#` in `# parse it`.
const LINE_PREFIX = /^(?:\/\/[/!]?|#)/;
// An XML doc tag: `<summary>` in `/// <summary>Gets the port.</summary>`.
const XML_TAG = /<\/?[A-Za-z][^<>\n]*>/g;
// A Python docstring opener: `r"""` in `r"""Split the command line.`.
const DOCSTRING_OPENER = /^([rRuUbB]{0,2})("""|''')/;
// The start of an import statement, removed to name the module: `import ` in `import java.util.List;`.
const IMPORT_KEYWORD = /^(?:import|using|use|#\s*include|extern\s+crate|from)\s+(?:static\s+|global\s+)?/;

/** Comment lines that steer tools (build tags, linters, encodings) are never shortened. */
const DIRECTIVE_PREFIXES = ['#!', '//go:', '//line ', '//export ', '//nolint', '//#'];
const DIRECTIVE_WORDS = [
  '+build', 'eslint', '@ts-', 'prettier-ignore', 'istanbul', 'c8 ignore', 'NOLINT', 'clang-format', 'SPDX-License-Identifier',
  'coding:', 'coding=', 'type: ignore', 'noqa', 'pylint:', 'pyright:', 'mypy:', 'fmt:', 'isort:', '#region', '#endregion', 'rubocop:',
  'shellcheck', 'frozen_string_literal', 'typed:', '@generated', 'DO NOT EDIT',
];

/**
 * A function body that contains a parse error (tree-sitter grammars trip over macros and rare syntax)
 * is always elided, so that the outline around it can still parse; the caller decides whether to use it.
 */
export function planOutline(root: SyntaxNode, text: string, language: CodeLanguage, level: OutlineLevel, queryNames: ReadonlySet<string>): OutlinePlan {
  const planner = new Planner(text, language, level, queryNames);
  planner.imports(root);
  planner.walk(root, undefined);
  const edits = [...planner.edits].sort((a, b) => a.start - b.start);
  // Edits never overlap by construction; drop any that would, rather than render garbage.
  const clean = edits.filter((edit, i) => i === 0 || edit.start >= edits[i - 1].end);
  return { edits: clean, keptForQuery: [...new Set(planner.kept)] };
}

/** Identifiers the user's query mentions, lower case, at least 3 characters long. */
export function queryNamesOf(query: string | undefined): Set<string> {
  const names = new Set<string>();
  if (!query) return names;
  for (const m of query.slice(0, 4000).matchAll(IDENTIFIER)) if (m[0].length >= 3) names.add(m[0].toLowerCase());
  return names;
}

export function lastRow(node: SyntaxNode): number {
  return node.endColumn === 0 && node.endRow > node.startRow ? node.endRow - 1 : node.endRow;
}

function rowsOf(node: SyntaxNode): number {
  return lastRow(node) - node.startRow + 1;
}

function isComment(node: SyntaxNode): boolean {
  return node.type === 'comment' || node.type.endsWith('_comment');
}

class Planner {
  readonly edits: Edit[] = [];
  readonly kept: string[] = [];
  private readonly functions: ReadonlySet<string>;
  private readonly bodies: ReadonlySet<string>;
  private readonly importTypes: ReadonlySet<string>;
  private readonly literalTypes: ReadonlySet<string>;
  private readonly visitRows: number;

  constructor(
    private readonly text: string,
    private readonly language: CodeLanguage,
    private readonly level: OutlineLevel,
    private readonly queryNames: ReadonlySet<string>,
  ) {
    this.functions = new Set(language.functions);
    this.bodies = new Set(language.bodies);
    this.importTypes = new Set(language.imports);
    this.literalTypes = new Set(language.literals);
    this.visitRows = Math.min(level.bodyLines, level.docLines, level.dataLines);
  }

  walk(node: SyntaxNode, parent: SyntaxNode | undefined, depth = 0): void {
    if ((rowsOf(node) < this.visitRows && !node.hasError) || depth > MAX_DEPTH) return;
    const isFunction = this.functions.has(node.type);
    if (this.queryNames.size > 0 && (isFunction || node.field('body'))) {
      const named = this.namesOf(node, parent).find((name) => this.queryNames.has(name.toLowerCase()));
      if (named) {
        this.kept.push(named);
        return;
      }
    }
    if (isFunction) {
      const body = node.field('body');
      const elide = body && this.bodies.has(body.type) && (body.hasError || (rowsOf(body) >= this.level.bodyLines && !this.isContainer(body)));
      if (body && elide) {
        const edit = this.bodyEdit(node, body);
        if (edit) {
          this.edits.push(edit);
          return;
        }
      }
    }
    if (this.literalTypes.has(node.type) && this.dataLiteral(node, parent)) return;
    const children = node.children;
    if (this.language.placeholder === 'python' && (node.type === 'module' || (node.type === 'block' && parent?.type === 'class_definition'))) {
      this.docstring(children);
    }
    this.comments(children);
    for (const child of children) if (!isComment(child)) this.walk(child, node, depth + 1);
  }

  /** Runs of top-level imports: a long run becomes one comment naming the modules. */
  imports(root: SyntaxNode): void {
    if (this.importTypes.size === 0) return;
    const children = root.children;
    let i = 0;
    while (i < children.length) {
      if (!this.importTypes.has(children[i].type)) {
        i++;
        continue;
      }
      let last = i;
      for (let k = i + 1; k < children.length && (this.importTypes.has(children[k].type) || isComment(children[k])); k++) {
        if (this.importTypes.has(children[k].type)) last = k;
      }
      this.importRun(children.slice(i, last + 1));
      i = last + 1;
    }
  }

  private importRun(run: readonly SyntaxNode[]): void {
    const first = run[0];
    const final = run[run.length - 1];
    const rows: [number, number] = [first.startRow, lastRow(final)];
    if (rows[1] - rows[0] + 1 < this.level.importLines) return;
    const end = this.trimLineBreak(first.startIndex, final.endIndex);
    if (!this.blankBefore(first.startIndex) || !this.blankAfter(end)) return;
    const modules: string[] = [];
    let count = 0;
    for (const node of run) {
      if (isComment(node)) continue;
      const specs = node.type === 'import_declaration' ? node.descendantsOfType(['import_spec']) : [];
      if (specs.length > 0) {
        count += specs.length;
        for (const spec of specs) modules.push(this.moduleName(spec.field('path') ?? spec));
      } else {
        count++;
        modules.push(this.moduleName(node));
      }
    }
    const detail = `${count} imports: ${listNames([...new Set(modules.filter((m) => m !== ''))], MAX_MODULE_CHARS, Infinity)}`;
    const comment = this.language.lineComment;
    this.edits.push({ start: first.startIndex, end, kind: 'imports', rows, detail, write: (marker) => `${comment} ${marker}` });
  }

  private moduleName(node: SyntaxNode): string {
    const named = node.field('source') ?? node.field('module_name') ?? node.field('path') ?? node.field('argument') ?? (node.type === 'import_statement' ? node.field('name') : undefined);
    let name = (named ? this.slice(named) : this.slice(node).replace(IMPORT_KEYWORD, '')).trim();
    if (name.endsWith(';')) name = name.slice(0, -1);
    name = name.replace(/\s+/g, ' ').replace(/^['"`]|['"`]$/g, '');
    return name.length > 40 ? `${name.slice(0, 39)}…` : name;
  }

  /**
   * A long literal that holds only data (no functions, whose signatures must stay, and no comments)
   * keeps its first entries and its last; the whole lines between become one comment. Entries are
   * cut only whole.
   */
  private dataLiteral(node: SyntaxNode, parent: SyntaxNode | undefined): boolean {
    if (rowsOf(node) < this.level.dataLines || node.hasError) return false;
    // Entries with comments between them are documented (an API's constants), not a data table.
    if (node.children.some(isComment)) return false;
    const entries = node.children.filter((c) => c.isNamed);
    if (entries.length < DATA_KEEP_FIRST + 3) return false;
    const firstRow = lastRow(entries[DATA_KEEP_FIRST - 1]) + 1;
    const final = entries[entries.length - 1];
    const rows: [number, number] = [firstRow, final.startRow - 1];
    if (rows[1] - rows[0] + 1 < 3 || !this.blankBefore(final.startIndex)) return false;
    let cut = 0;
    for (const entry of entries) {
      const inside = entry.startRow >= rows[0] && lastRow(entry) <= rows[1];
      if (inside) cut++;
      else if (lastRow(entry) >= rows[0] && entry.startRow <= rows[1]) return false; // straddles the cut
    }
    if (cut === 0 || node.descendantsOfType(this.language.functions).length > 0) return false;
    if (this.queryNames.size > 0 && this.namesOf(node, parent).some((name) => this.queryNames.has(name.toLowerCase()))) return false;
    const start = this.lineEnd(entries[DATA_KEEP_FIRST - 1].endIndex) + 1;
    const end = this.trimLineBreak(start, this.lineStart(final.startIndex));
    const indent = this.indentOfRow(start);
    const comment = this.language.lineComment;
    this.edits.push({ start, end, kind: 'data', rows, detail: `${cut} of ${entries.length} entries`, write: (marker) => `${indent}${comment} ${marker}` });
    return true;
  }

  /** The module or class docstring (first statement) keeps its first line. */
  private docstring(children: readonly SyntaxNode[]): void {
    const first = children.find((c) => c.isNamed && !isComment(c));
    const string = first && docstringOf(first);
    if (!string || rowsOf(string) < this.level.docLines) return;
    const summary = this.docstringSummary(string);
    if (!summary) return;
    this.edits.push({
      start: string.startIndex, end: string.endIndex, kind: 'comment', rows: [string.startRow, lastRow(string)],
      write: (marker) => `${summary.open}${summary.line}${marker}${summary.close}`,
    });
  }

  private docstringSummary(string: SyntaxNode): { open: string; line: string; close: string } | undefined {
    const raw = this.slice(string);
    const opener = DOCSTRING_OPENER.exec(raw);
    if (!opener || !raw.endsWith(opener[2]) || raw.length < 2 * opener[0].length) return undefined;
    const line = firstContentLine(raw.slice(opener[0].length, raw.length - 3).split('\n'), (l) => l.trim());
    return { open: opener[0], line: line ? `${line} ` : '', close: opener[2] };
  }

  /** Block comments and runs of line comments that span many lines keep their first meaningful line. */
  private comments(children: readonly SyntaxNode[]): void {
    let run: SyntaxNode[] = [];
    let runPrefix = '';
    const flush = () => {
      if (run.length > 0) this.commentRun(run, runPrefix);
      run = [];
    };
    for (const child of children) {
      if (!isComment(child)) {
        flush();
        continue;
      }
      const body = this.slice(child);
      if (body.startsWith('/*')) {
        flush();
        this.blockComment(child, body);
        continue;
      }
      const prefix = LINE_PREFIX.exec(body)?.[0];
      if (prefix === undefined || isDirective(body) || !this.blankBefore(child.startIndex)) {
        flush();
        continue;
      }
      const previous = run[run.length - 1];
      if (previous && (prefix !== runPrefix || child.startRow !== lastRow(previous) + 1)) flush();
      if (run.length === 0) runPrefix = prefix;
      run.push(child);
    }
    flush();
  }

  private blockComment(node: SyntaxNode, body: string): void {
    const rows: [number, number] = [node.startRow, lastRow(node)];
    if (rows[1] - rows[0] + 1 < this.level.docLines || !body.endsWith('*/') || isDirective(body)) return;
    const open = BLOCK_OPENER.exec(body)![0];
    const line = firstContentLine(body.slice(open.length, -2).split('\n'), (l) => l.trim().replace(/^\*+/, '').trim());
    this.edits.push({
      start: node.startIndex, end: node.endIndex, kind: 'comment', rows,
      write: (marker) => `${open} ${line ? `${line} ` : ''}${marker} */`,
    });
  }

  private commentRun(run: readonly SyntaxNode[], prefix: string): void {
    const rows: [number, number] = [run[0].startRow, lastRow(run[run.length - 1])];
    if (rows[1] - rows[0] + 1 < this.level.docLines) return;
    const lines = run.map((c) => this.slice(c).trimEnd());
    const index = lines.findIndex((l) => hasContent(l.slice(prefix.length).replace(XML_TAG, '')));
    const kept = index < 0 ? prefix : stripBackslashes(lines[index]);
    const end = this.trimLineBreak(run[0].startIndex, run[run.length - 1].endIndex);
    this.edits.push({ start: run[0].startIndex, end, kind: 'comment', rows, write: (marker) => `${kept} ${marker}` });
  }

  /** The body replaced by a placeholder that parses in this language, or undefined if it cannot be. */
  private bodyEdit(fn: SyntaxNode, body: SyntaxNode): Edit | undefined {
    const detail = this.callsIn(body);
    const { start, end } = { start: body.startIndex, end: body.endIndex };
    switch (this.language.placeholder) {
      case 'brace':
      case 'bash': {
        if (this.text[start] !== '{' || this.text[end - 1] !== '}') return undefined;
        const rows = this.interiorRows(body);
        if (!rows) return undefined;
        if (this.language.placeholder === 'brace') return { start, end, kind: 'body', rows, detail, write: (marker) => `{ /* ${marker} */ }` };
        const indent = this.indentOfRow(fn.startIndex);
        const oneLine = this.blankAfter(end);
        return { start, end, kind: 'body', rows, detail, write: (marker) => (oneLine ? `{ :; }  # ${marker}` : `{\n${indent}  : # ${marker}\n${indent}}`) };
      }
      case 'ruby': {
        const indent = this.indentOfRow(fn.startIndex);
        const after = this.blankAfter(end) ? '' : `\n${indent}`;
        const lead = this.leadingComments(fn, body);
        return { start: lead?.startIndex ?? start, end, kind: 'body', rows: [lead?.startRow ?? body.startRow, lastRow(body)], detail, write: (marker) => `# ${marker}${after}` };
      }
      case 'python':
        return this.pythonBody(body, detail, this.leadingComments(fn, body));
    }
  }

  /** The first of the comments between a signature and its body (Python and Ruby keep them outside the body node). */
  private leadingComments(fn: SyntaxNode, body: SyntaxNode): SyntaxNode | undefined {
    return fn.children.find((c) => isComment(c) && c.startIndex < body.startIndex && c.startRow > fn.startRow && this.blankBefore(c.startIndex));
  }

  private pythonBody(block: SyntaxNode, detail: string | undefined, lead: SyntaxNode | undefined): Edit | undefined {
    if (!this.blankBefore(block.startIndex)) return undefined;
    const indent = this.text.slice(this.lineStart(block.startIndex), block.startIndex);
    const statements = block.children.filter((c) => c.isNamed && !isComment(c));
    const doc = statements[0] && docstringOf(statements[0]);
    let firstRow = block.startRow;
    let keep = '';
    if (doc) {
      if (rowsOf(statements[0]) === 1) {
        keep = this.slice(statements[0]);
        firstRow = lastRow(statements[0]) + 1;
      } else {
        const summary = this.docstringSummary(doc);
        // A line ending in the quote character would close the string early: `"""Say "hi""""`.
        const line = summary?.line.trimEnd() ?? '';
        if (summary) keep = `${summary.open}${line}${line.endsWith(summary.close[0]) ? ' ' : ''}${summary.close}`;
      }
    }
    const rows: [number, number] = [lead?.startRow ?? firstRow, lastRow(block)];
    if (rows[1] < rows[0]) return undefined;
    return {
      start: lead?.startIndex ?? block.startIndex, end: block.endIndex, kind: 'body', rows, detail,
      write: (marker) => (keep ? `${keep}\n${indent}...  # ${marker}` : `...  # ${marker}`),
    };
  }

  /** Lines strictly inside `{ … }` when the braces sit on their own lines (else the brace lines too). */
  private interiorRows(body: SyntaxNode): [number, number] | undefined {
    let first = body.startRow;
    let last = lastRow(body);
    if (this.blankAfter(body.startIndex + 1)) first++;
    if (this.blankBefore(body.endIndex - 1)) last--;
    return last >= first ? [first, last] : undefined;
  }

  /** A body that is mostly long nested functions (a module wrapper, a `describe` block) is walked, not elided. */
  private isContainer(body: SyntaxNode): boolean {
    let covered = 0;
    let outerEnd = -1;
    for (const nested of body.descendantsOfType(this.language.functions)) {
      if (nested.startIndex < outerEnd) continue;
      outerEnd = nested.endIndex;
      const nestedBody = nested.field('body');
      if (nestedBody && this.bodies.has(nestedBody.type) && rowsOf(nestedBody) >= this.level.bodyLines) covered += rowsOf(nested);
    }
    return covered * 2 >= rowsOf(body);
  }

  /** `calls a, b, c +4 more`: the distinct callees inside a body, in order of first call. */
  private callsIn(body: SyntaxNode): string | undefined {
    const fieldOf = new Map(this.language.calls.map((c) => [c.type, c.field]));
    const names: string[] = [];
    const seen = new Set<string>();
    for (const call of body.descendantsOfType([...fieldOf.keys()])) {
      const callee = call.field(fieldOf.get(call.type)!);
      if (!callee || callee.endIndex - callee.startIndex > MAX_CALLEE_CHARS) continue;
      const name = lastIdentifier(this.slice(callee));
      if (!name) continue;
      const shown = call.type === 'macro_invocation' ? `${name}!` : name;
      if (!seen.has(shown)) {
        seen.add(shown);
        names.push(shown);
      }
    }
    return names.length > 0 ? `calls ${listNames(names, Infinity, MAX_CALL_NAMES)}` : undefined;
  }

  /** Names a declaration goes by: its own name, or the variable / key an anonymous function is bound to. */
  private namesOf(node: SyntaxNode, parent: SyntaxNode | undefined): string[] {
    const names: string[] = [];
    let named = node.field('name') ?? (node.type === 'impl_item' ? node.field('type') : undefined);
    // C and C++ put the name inside nested declarators: `int *K::h(int a)`.
    for (let declarator = node.field('declarator'); !named && declarator; declarator = declarator.field('declarator')) {
      if (!declarator.field('declarator')) named = declarator;
    }
    if (!named && parent) named = parent.field('name') ?? parent.field('key') ?? parent.field('left');
    if (named && named.endIndex - named.startIndex <= MAX_CALLEE_CHARS) {
      const text = this.slice(named);
      for (const m of text.matchAll(IDENTIFIER)) names.push(m[0]);
    }
    return names;
  }

  private slice(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  private lineStart(index: number): number {
    return this.text.lastIndexOf('\n', index - 1) + 1;
  }

  private lineEnd(index: number): number {
    const end = this.text.indexOf('\n', index);
    return end < 0 ? this.text.length : end;
  }

  private blankBefore(index: number): boolean {
    return this.text.slice(this.lineStart(index), index).trim() === '';
  }

  private blankAfter(index: number): boolean {
    return this.text.slice(index, this.lineEnd(index)).trim() === '';
  }

  private indentOfRow(index: number): string {
    const start = this.lineStart(index);
    const line = this.text.slice(start, this.lineEnd(start));
    return line.slice(0, line.length - line.trimStart().length);
  }

  /** `end` moved back over a trailing line break that belongs to the node (line comments, #include). */
  private trimLineBreak(start: number, end: number): number {
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }
}

/** The string node of a Python docstring statement (`"""…"""` alone on its statement). */
function docstringOf(statement: SyntaxNode): SyntaxNode | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  const named = statement.children.filter((c) => c.isNamed);
  return named.length === 1 && named[0].type === 'string' ? named[0] : undefined;
}

function hasContent(line: string): boolean {
  return /[A-Za-z0-9]/.test(line);
}

function firstContentLine(lines: readonly string[], clean: (line: string) => string): string {
  for (const line of lines) {
    const cleaned = stripBackslashes(clean(line));
    if (hasContent(cleaned)) return cleaned;
  }
  return '';
}

/** A kept line must not end in `\`: in C it would continue the comment, in Python escape the quote. */
function stripBackslashes(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === '\\' || line[end - 1] === ' ')) end--;
  return line.slice(0, end);
}

function isDirective(comment: string): boolean {
  const flat = comment.replace(/^\s+/, '');
  return DIRECTIVE_PREFIXES.some((p) => flat.startsWith(p)) || DIRECTIVE_WORDS.some((w) => comment.includes(w));
}

function lastIdentifier(callee: string): string | undefined {
  let last: string | undefined;
  for (const m of callee.matchAll(IDENTIFIER)) last = m[0];
  return last && !last.startsWith('$') ? last : undefined;
}

/** `a, b, c +4 more`, stopping at `maxChars` characters or `maxNames` names. */
function listNames(names: readonly string[], maxChars: number, maxNames: number): string {
  const shown: string[] = [];
  let chars = 0;
  for (const name of names) {
    if (shown.length >= maxNames || (shown.length > 0 && chars + name.length > maxChars)) break;
    shown.push(name);
    chars += name.length + 2;
  }
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}
