// The prose model's tokenizer: a Hugging Face `tokenizer.json` (WordPiece, BPE or Unigram, with its
// normalizer, pre-tokenizer and post-processor) run by @huggingface/tokenizers, applied word by word
// so each token's score maps back to the word it came from.
import type { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';

/** Longest window fed to a model when neither the tokenizer nor the model says. */
export const DEFAULT_MAX_LENGTH = 512;
/** Longest window ever fed, whatever the files say (attention cost grows with its square). */
const MAX_MAX_LENGTH = 4096;
/** Distinct words whose ids are remembered (prose repeats its words). */
const CACHE_LIMIT = 50_000;

interface TokenizerJson {
  readonly model?: { readonly type?: string };
  readonly truncation?: { readonly max_length?: number } | null;
}

export class WordTokenizer {
  /** Special ids around every window (`[CLS]` … `[SEP]`, `<s>` … `</s>`), as the post-processor adds them. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  /** Tokens per window, specials included. */
  readonly maxLength: number;
  readonly kind: string;
  private readonly cache = new Map<string, number[]>();

  private constructor(private readonly hf: HfTokenizer, json: TokenizerJson, modelLength: number | undefined) {
    this.kind = json.model?.type ?? 'unknown';
    const plain = hf.encode('a', { add_special_tokens: false }).ids;
    const full = hf.encode('a', { add_special_tokens: true }).ids;
    const at = indexOf(full, plain);
    this.prefix = at < 0 ? [] : full.slice(0, at);
    this.suffix = at < 0 ? [] : full.slice(at + plain.length);
    const declared = json.truncation?.max_length ?? modelLength ?? DEFAULT_MAX_LENGTH;
    this.maxLength = Math.min(MAX_MAX_LENGTH, Math.max(this.prefix.length + this.suffix.length + 8, declared));
  }

  /**
   * Parses `tokenizer.json`; `modelLength` is the model's fixed sequence length when its input has
   * one. Throws with a sentence a user can act on when the file is not a tokenizer.
   */
  static fromJson(text: string, modelLength?: number): WordTokenizer {
    let json: TokenizerJson;
    try {
      json = JSON.parse(text) as TokenizerJson;
    } catch (error) {
      throw new Error(`the tokenizer is not JSON (${(error as Error).message})`);
    }
    if (!json || typeof json !== 'object' || !json.model) throw new Error('the tokenizer is not a Hugging Face tokenizer.json (no "model")');
    // Required lazily: the library loads only when a prose model is used.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tokenizer } = require('@huggingface/tokenizers') as typeof import('@huggingface/tokenizers');
    let hf: HfTokenizer;
    try {
      hf = new Tokenizer(json, {});
    } catch (error) {
      throw new Error(`the tokenizer cannot be read (${(error as Error).message})`);
    }
    return new WordTokenizer(hf, json, modelLength);
  }

  /** Token ids of one word; `first` when it opens a window (no space before it, which BPE and Unigram tell apart). */
  ids(word: string, first: boolean): number[] {
    const key = first ? word : ` ${word}`;
    let ids = this.cache.get(key);
    if (!ids) {
      ids = this.hf.encode(key, { add_special_tokens: false }).ids;
      if (this.cache.size < CACHE_LIMIT) this.cache.set(key, ids);
    }
    return ids;
  }
}

function indexOf(haystack: readonly number[], needle: readonly number[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((v, k) => haystack[i + k] === v)) return i;
  return -1;
}
