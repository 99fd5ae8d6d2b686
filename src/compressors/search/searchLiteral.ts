// The literal text every hit of a grep/rg/git grep/ag command must contain, read from its pattern
// (`'context\.report'` → `context.report`, `'\bthis\._'` → `this._`, `'new URL\('` → `new URL(`), so a
// very long hit line can be shown as a window around its match. Undefined when the pattern has no
// fixed piece (alternation, several -e patterns, -f files) or the command cannot be read.
import type { ParsedCommand } from '../types';

export interface SearchLiteral {
  readonly text: string;
  /** Compare lowercased (`-i`, or smart case with a lowercase pattern). */
  readonly ignoreCase: boolean;
}

/** Short options that take the next argument as their value, per program (`-A 3`, `-e PAT`, `-g '*.ts'`). */
const SHORT_VALUES: Readonly<Record<string, string>> = {
  grep: 'ABCefmdD',
  rg: 'ABCefgtTmMjErd',
  git: 'ABCefmO',
  ag: 'ABCGgm',
};
/** Long options that take the next argument as their value when written without `=`. */
const LONG_VALUES = new Set([
  '--regexp', '--file', '--max-count', '--context', '--after-context', '--before-context', '--include', '--exclude',
  '--exclude-dir', '--label', '--directories', '--devices', '--binary-files', '--group-separator', '--glob', '--iglob',
  '--type', '--type-not', '--type-add', '--max-columns', '--threads', '--encoding', '--replace', '--max-depth', '--sort',
  '--sortr', '--pre', '--pre-glob', '--ignore-file', '--path-separator', '--colors', '--color', '--context-separator',
  '--field-match-separator', '--max-filesize', '--engine', '--file-search-regex', '--ignore',
]);
// the letter after a backslash that makes a class, an anchor or a back-reference: `\b`, `\w`, `\1`, `\<`
const ESCAPE_CLASS = /[A-Za-z0-9<>`']/;
/** Pieces shorter than this locate nothing useful. */
const MIN_PIECE = 3;

export function searchLiteral(command: ParsedCommand): SearchLiteral | undefined {
  const git = command.program === 'git';
  const args = git ? command.args.slice(command.args.indexOf('grep') + 1) : command.args;
  const family = git ? 'git' : command.program === 'rg' ? 'rg' : command.program === 'ag' || command.program.startsWith('ack') ? 'ag' : 'grep';
  const takesValue = SHORT_VALUES[family];
  const patterns: string[] = [];
  const flags = new Set<string>();
  let positional: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') { positional ??= args[i + 1]; break; }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const value = eq > 0 ? arg.slice(eq + 1) : LONG_VALUES.has(name) ? args[++i] : undefined;
      if (name === '--regexp' && value !== undefined) patterns.push(value);
      else if (name === '--file') return undefined;
      flags.add(name);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const letter = arg[k];
        if (!takesValue.includes(letter)) { flags.add(`-${letter}`); continue; }
        const value = k + 1 < arg.length ? arg.slice(k + 1) : args[++i];
        if (letter === 'e' && value !== undefined) patterns.push(value);
        if (letter === 'f') return undefined;
        break;
      }
      continue;
    }
    positional ??= arg;
  }
  const pattern = patterns.length > 0 ? (patterns.length === 1 ? patterns[0] : undefined) : positional;
  if (pattern === undefined) return undefined;
  const fixed = command.program === 'fgrep' || flags.has('-F') || flags.has('--fixed-strings') || (family === 'ag' && flags.has('-Q'));
  const extended = family === 'rg' || family === 'ag' || command.program === 'egrep' || flags.has('-E') || flags.has('-P') || flags.has('--extended-regexp') || flags.has('--perl-regexp');
  const pieces = fixed ? [pattern] : literalPieces(pattern, extended ? 'ere' : 'bre');
  if (!pieces) return undefined;
  const text = pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (text.length < MIN_PIECE) return undefined;
  const smart = (family === 'ag' && !flags.has('-s')) || flags.has('-S') || flags.has('--smart-case');
  const ignoreCase = flags.has('-i') || flags.has('--ignore-case') || (smart && text === text.toLowerCase());
  return { text: ignoreCase ? text.toLowerCase() : text, ignoreCase };
}

/**
 * The runs of plain characters in a regular expression that every match contains, or undefined when
 * there is an alternation (then no piece is certain). A quantified character leaves its run.
 */
function literalPieces(pattern: string, flavor: 'bre' | 'ere'): string[] | undefined {
  const pieces: string[] = [];
  let run = '';
  const end = () => { if (run) pieces.push(run); run = ''; };
  // In a BRE `\(`, `\{`, `\|`, `\+`, `\?` are operators and the bare characters are literal; in an ERE the other way round.
  const operator = (c: string, escaped: boolean) => '(){}|+?'.includes(c) && escaped === (flavor === 'bre');
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i];
    let escaped = false;
    if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      c = pattern[++i];
      escaped = true;
      if (!operator(c, true) && !ESCAPE_CLASS.test(c)) { run += c; continue; }
      if (!operator(c, true)) { end(); continue; } // \b, \w, \d, \<, a back-reference: no fixed character
    }
    if (operator(c, escaped) || (!escaped && '.[]^$*'.includes(c))) {
      if (c === '|') return undefined;
      if (c === '*' || c === '?' || c === '{') run = run.slice(0, -1); // the character before may be absent
      end();
      if (c === '[') { while (i < pattern.length && pattern[i] !== ']') i++; }
      if (c === '{') { while (i < pattern.length && pattern[i] !== '}') i++; }
      continue;
    }
    run += c;
  }
  end();
  return pieces;
}
