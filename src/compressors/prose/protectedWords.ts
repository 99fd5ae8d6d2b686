// Words of prose the prose model may never drop, whatever it scores them: inline code, URLs, link
// targets, quoted strings, paths and file names (the instructions rewrite's protected spans), numbers,
// identifiers, names, negations, Markdown syntax, and the words of the user's query.
import { NEGATION, protectedRanges } from '../instructions/protectedSpans';
import { words as queryWords } from '../shared/bm25';
import type { Word } from './splitWords';

// `3`, `v2`, `1,000`, `404:` — any digit: counts, versions, codes
const DIGIT = /\d/;
// `parseArgs`, `iPhone` — a lower-case letter then a capital (camelCase)
const CAMEL_CASE = /[a-z][A-Z]/;
// `API`, `HttpServer`, `README` — two capitals (acronyms, PascalCase)
const TWO_CAPITALS = /[A-Z][^A-Z]*[A-Z]/;
// `Redis`, `Express` — a capitalised word (a name, unless it starts a sentence)
const CAPITALISED = /^[("'“‘]?[A-Z]/;
// `snake_case`, `$HOME`, `#123`, `@scope`, `a=b`, `[link`, `**bold`, `<tag>`, `(see`, `{x}` — identifier and Markdown characters
const SYNTAX = /[_\\/@#$%^&*=+<>|~`{}[\]()]/;
// `"Save`, `“Cancel”` — a double quote: what it opens or closes must keep its partner
const DOUBLE_QUOTE = /["“”]/;
// `os.path`, `e.g`, `file.ts` — a dot between two word characters
const DOTTED = /\w\.\w/;
// `std::vector`, `key:value`, `http:` — a colon followed by more of the word
const INNER_COLON = /:\S/;
// `--force`, `-v` — a command-line flag
const FLAG = /^-{1,2}\w/;
// `.`, `!`, `?`, `:` ending a word: the next word starts a sentence
const SENTENCE_END = /[.!?:]["')\]”’]*$/;
// the letters and apostrophes of a word (`don't,` → `don't`), compared with the negation words
const WORD_CORE = /[A-Za-z']+/;
// `’` in `don’t`, read as `'`
const CURLY_APOSTROPHE = /’/g;
// `not`, `never`, `don't`, … as a whole word
const NEGATION_WORD = new RegExp(`^${NEGATION.source}$`, 'i');

/** True when a word ends a sentence (so a capital after it is not a name). */
export function endsSentence(word: string): boolean {
  return SENTENCE_END.test(word);
}

/**
 * For each word of `line` (from `splitWords`), whether it must stay. `startsSentence`: the line's first
 * word begins a sentence (the block's first line, or the previous line ended one).
 */
export function protectedWords(line: string, list: readonly Word[], startsSentence: boolean, query: ReadonlySet<string>): boolean[] {
  const ranges = protectedRanges(line);
  let r = 0;
  return list.map((word, k) => {
    while (r < ranges.length && ranges[r][1] <= word.start) r++;
    if (r < ranges.length && ranges[r][0] < word.end) return true;
    const text = word.text;
    if (DIGIT.test(text) || CAMEL_CASE.test(text) || TWO_CAPITALS.test(text) || SYNTAX.test(text) || DOUBLE_QUOTE.test(text) || DOTTED.test(text) || INNER_COLON.test(text) || FLAG.test(text)) return true;
    const atSentenceStart = k === 0 ? startsSentence : endsSentence(list[k - 1].text);
    if (!atSentenceStart && CAPITALISED.test(text)) return true;
    const core = WORD_CORE.exec(text.replace(CURLY_APOSTROPHE, "'"))?.[0] ?? '';
    if (NEGATION_WORD.test(core)) return true;
    return query.size > 0 && queryWords(text).some((w) => query.has(w));
  });
}

/** The query's words as the prose compressor compares them (lower case, stop words out, identifiers split). */
export function queryWordSet(query: string | undefined): Set<string> {
  return new Set(query ? queryWords(query) : []);
}
