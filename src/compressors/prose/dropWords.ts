// The prose model's part of the prose compressor: inside the paragraphs BM25 already kept, drop the
// words the user's token-classification model scores lowest until the requested share is left. Words
// are only removed, never reordered or rewritten; lines are never joined or emptied; protected words
// (code, numbers, names, negations, …) always stay; a paragraph whose saving would not pay for its
// marker is left whole.
import { protectedWords, endsSentence } from './protectedWords';
import { splitWords, type Word } from './splitWords';

// `.`, `!`, `?`, `:`, `;` (with closing quotes or brackets) ending a dropped word: kept on the word before it
const TRAILING_STOP = /[.!?:;]+["')\]”’]*$/;
// `done.`, `first,` — output that already ends in punctuation takes no moved stop
const ENDS_IN_PUNCTUATION = /[.,;:!?]["')\]”’]*$/;

export interface ModelBlock {
  /** Line indices the model may shorten, in order (one paragraph, list item or quote). */
  readonly lines: readonly number[];
}

export interface ShortenedBlock {
  /** 0-based indices of the first and last line that changed. */
  readonly first: number;
  readonly last: number;
  readonly droppedWords: number;
}

export interface DropResult {
  /** New text of each changed line. */
  readonly lines: ReadonlyMap<number, string>;
  readonly blocks: readonly ShortenedBlock[];
  /** Words on the scored lines, words left, and words that could not be dropped. */
  readonly total: number;
  readonly kept: number;
  readonly protectedCount: number;
  readonly blockCount: number;
}

interface Candidate {
  readonly line: number;
  readonly word: number;
  readonly p: number;
  /** Position in reading order: ties drop the later word first. */
  readonly order: number;
}

interface ScoredLine {
  readonly index: number;
  readonly words: readonly Word[];
  readonly probabilities: readonly number[];
  readonly locked: readonly boolean[];
}

/**
 * Whether shortening a paragraph pays: its lines before and after (joined by newlines) and what it
 * dropped, so the caller can weigh the saving against the marker the paragraph will carry.
 */
export type Pays = (before: string, after: string, block: ShortenedBlock) => boolean;

/** Picks the words to drop and rewrites the lines of the paragraphs where that `pays`. */
export function dropWords(
  lines: readonly string[], blocks: readonly ModelBlock[], scores: ReadonlyMap<number, readonly number[]>, keepRatio: number,
  query: ReadonlySet<string>, pays: Pays,
): DropResult {
  const scored: ScoredLine[][] = [];
  const candidates: Candidate[] = [];
  let total = 0;
  let protectedCount = 0;
  for (const block of blocks) {
    const blockLines: ScoredLine[] = [];
    let startsSentence = true;
    for (const index of block.lines) {
      const words = splitWords(lines[index]);
      const probabilities = scores.get(index);
      if (words.length === 0) continue;
      const locked = protectedWords(lines[index], words, startsSentence, query);
      startsSentence = endsSentence(words[words.length - 1].text);
      // A line the host did not score (or scored with the wrong word count) stays as it is.
      if (!probabilities || probabilities.length !== words.length) continue;
      total += words.length;
      words.forEach((_, k) => {
        if (locked[k]) protectedCount++;
        else candidates.push({ line: index, word: k, p: probabilities[k], order: candidates.length });
      });
      blockLines.push({ index, words, probabilities, locked });
    }
    scored.push(blockLines);
  }

  const ratio = Math.min(1, Math.max(0, keepRatio));
  const drops = Math.max(0, total - Math.ceil(total * ratio));
  candidates.sort((a, b) => a.p - b.p || b.order - a.order);
  // A paragraph whose saving would not pay for its marker stays whole. Its share of the cut is not
  // asked of the others (that would take their content words): the ratio reached is reported instead.
  const result = shorten(lines, scored, candidates, drops, pays);
  const droppedTotal = result.blocks.reduce((n, b) => n + b.droppedWords, 0);
  return { lines: result.lines, blocks: result.blocks, total, kept: total - droppedTotal, protectedCount, blockCount: scored.filter((b) => b.length > 0).length };
}

/** Drops the `drops` lowest-scored words and rewrites their lines, paragraph by paragraph. */
function shorten(
  lines: readonly string[], scored: readonly ScoredLine[][], candidates: readonly Candidate[], drops: number, pays: Pays,
): { lines: Map<number, string>; blocks: ShortenedBlock[] } {
  const dropped = new Set<string>();
  for (const c of candidates.slice(0, drops)) dropped.add(`${c.line}:${c.word}`);
  const out = new Map<number, string>();
  const blocks: ShortenedBlock[] = [];
  for (const blockLines of scored) {
    const rewritten = new Map<number, string>();
    let droppedWords = 0;
    for (const line of blockLines) {
      const result = rewriteLine(lines[line.index], line, (k) => dropped.has(`${line.index}:${k}`));
      if (result.dropped === 0) continue;
      rewritten.set(line.index, result.text);
      droppedWords += result.dropped;
    }
    if (rewritten.size === 0) continue;
    const indices = [...rewritten.keys()];
    const block: ShortenedBlock = { first: indices[0], last: indices[indices.length - 1], droppedWords };
    const range = lines.slice(block.first, block.last + 1);
    const after = range.map((text, k) => rewritten.get(block.first + k) ?? text);
    if (!pays(range.join('\n'), after.join('\n'), block)) continue;
    for (const [index, text] of rewritten) out.set(index, text);
    blocks.push(block);
  }
  return { lines: out, blocks };
}

/**
 * The line without its dropped words. Whitespace before each kept word is the original's; a dropped
 * word's closing stop (`.`, `:`) moves onto the kept word before it; a line keeps at least one word.
 */
function rewriteLine(text: string, line: ScoredLine, isDropped: (word: number) => boolean): { text: string; dropped: number } {
  const { words, probabilities } = line;
  const drop = words.map((_, k) => isDropped(k));
  // The first word ending a sentence with nothing kept before it on the line stays (its stop needs a word).
  let anyKept = false;
  for (let k = 0; k < words.length; k++) {
    if (drop[k] && !anyKept && TRAILING_STOP.test(words[k].text)) drop[k] = false;
    if (!drop[k]) anyKept = true;
  }
  if (!anyKept) {
    let best = 0;
    for (let k = 1; k < words.length; k++) if (probabilities[k] > probabilities[best]) best = k;
    drop[best] = false;
  }
  let out = text.slice(0, words[0].start);
  let first = true;
  let count = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    if (drop[k]) {
      count++;
      const stop = TRAILING_STOP.exec(word.text)?.[0];
      if (stop && !first && !ENDS_IN_PUNCTUATION.test(out)) out += stop;
      continue;
    }
    out += (first ? '' : text.slice(words[k - 1]?.end ?? word.start, word.start) || ' ') + word.text;
    first = false;
  }
  return { text: out + text.slice(words[words.length - 1].end), dropped: count };
}
