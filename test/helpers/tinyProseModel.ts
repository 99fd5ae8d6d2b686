// A tiny prose model for tests: a real ONNX token classifier (deterministic weights, no training) and a
// real Hugging Face tokenizer.json (WordPiece, BERT-style, lower-cased) over a ~100-word vocabulary.
// Filler words get a low keep-probability, content words a high one and words it does not know the
// highest (it cannot judge them), so what survives is predictable.
// `npm run test:unit` checks that the committed copy in test/models/tinyProse/ equals what this builds.
import { FLOAT, INT64, onnxModel } from './onnxWriter';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
/** Words the model wants gone: keep-logit −3 and up, in this order (so every word has its own score). */
export const FILLER = ['the', 'a', 'an', 'of', 'to', 'is', 'are', 'was', 'be', 'that', 'this', 'very', 'really', 'just', 'and', 'in', 'on', 'for', 'with', 'it', 'as', 'by', 'which', 'also', 'so', 'quite', 'simply', 'basically', 'actually', 'some', 'can', 'will', 'you', 'we', 'its', 'when', 'then', 'there', 'these', 'they', 'has', 'have', 'been', 'into', 'from', 'at', 'or', 'your', 'our', 'all'];
/** Words the model wants kept: keep-logit +2 and a little less, in this order. */
export const CONTENT = ['build', 'cache', 'server', 'request', 'error', 'file', 'config', 'test', 'tests', 'slow', 'fast', 'fails', 'timeout', 'retry', 'token', 'tokens', 'model', 'compress', 'parser', 'module', 'install', 'package', 'version', 'release', 'memory', 'disk', 'network', 'proxy', 'header', 'response', 'client', 'database', 'query', 'index', 'schema', 'user', 'password', 'secret', 'key', 'deploy', 'restart', 'log', 'logs', 'warning', 'output', 'input', 'line', 'lines', 'word', 'words'];
const PUNCTUATION = ['.', ',', ':', ';', '!', '?', '(', ')', '"', "'", '-', '/'];
const SUFFIXES = ['##s', '##ed', '##ing', '##er', '##ly'];

export const VOCAB: readonly string[] = [...SPECIAL, ...PUNCTUATION, ...SUFFIXES, ...FILLER, ...CONTENT];

/** The keep-logit of each vocabulary entry (the drop-logit is 0). */
function keepLogit(token: string): number {
  if ((SPECIAL as readonly string[]).includes(token)) return token === '[UNK]' ? 2.5 : 0;
  if (PUNCTUATION.includes(token)) return 1.5;
  if (SUFFIXES.includes(token)) return 0.5;
  const filler = FILLER.indexOf(token);
  if (filler >= 0) return -3 + 0.05 * filler;
  return 2 - 0.01 * CONTENT.indexOf(token);
}

/** `[batch, seq, 2]` logits (drop, keep), as LLMLingua-2's token classifier; padding (mask 0) gives 0, 0. */
export function tinyLogitsModel(): Uint8Array {
  return onnxModel({
    inputs: [{ name: 'input_ids', type: INT64, shape: ['batch', 'seq'] }, { name: 'attention_mask', type: INT64, shape: ['batch', 'seq'] }],
    outputs: [{ name: 'logits', type: FLOAT, shape: ['batch', 'seq', 2] }],
    initializers: [
      { name: 'classifier', type: FLOAT, dims: [VOCAB.length, 2], values: VOCAB.flatMap((t) => [0, keepLogit(t)]) },
      { name: 'last_axis', type: INT64, dims: [1], values: [2] },
    ],
    nodes: [
      { op: 'Gather', inputs: ['classifier', 'input_ids'], outputs: ['scores'], attributes: [{ name: 'axis', int: 0 }] },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: [{ name: 'to', int: FLOAT }] },
      { op: 'Unsqueeze', inputs: ['mask_float', 'last_axis'], outputs: ['mask_column'] },
      { op: 'Mul', inputs: ['scores', 'mask_column'], outputs: ['logits'] },
    ],
  });
}

/** `[batch, seq]` keep-probabilities, as the reference system's Kompress export (`final_scores`). */
export function tinyProbabilityModel(): Uint8Array {
  return onnxModel({
    inputs: [{ name: 'input_ids', type: INT64, shape: ['batch', 'seq'] }, { name: 'attention_mask', type: INT64, shape: ['batch', 'seq'] }],
    outputs: [{ name: 'final_scores', type: FLOAT, shape: ['batch', 'seq'] }],
    initializers: [{ name: 'keep_logit', type: FLOAT, dims: [VOCAB.length], values: VOCAB.map(keepLogit) }],
    nodes: [
      { op: 'Gather', inputs: ['keep_logit', 'input_ids'], outputs: ['logit'], attributes: [{ name: 'axis', int: 0 }] },
      { op: 'Sigmoid', inputs: ['logit'], outputs: ['final_scores'] },
    ],
  });
}

/** A BERT-style tokenizer.json (lower-casing normalizer, whitespace-and-punctuation split, WordPiece, [CLS] … [SEP]). */
export function tinyTokenizer(maxLength = 64): string {
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const json = {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: SPECIAL.map((t, i) => special(t, i)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])) },
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}
