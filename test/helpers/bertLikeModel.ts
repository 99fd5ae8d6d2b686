// A BERT-shaped token classifier (embeddings, N encoder layers with masked multi-head attention and a
// GELU feed-forward, a 2-class head) with deterministic pseudo-random weights, for measuring what a
// real small prose model costs per token (`npm run bench`). Its scores mean nothing.
import { FLOAT, INT64, onnxModel, type Node, type Tensor } from './onnxWriter';

export interface BertShape {
  readonly vocab: number;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly ffn: number;
  readonly maxPositions: number;
}

/**
 * BERT-tiny (L2, H128, 2 heads, BERT's 30,522-entry vocabulary: 4.4 M parameters, ~17 MB), the smallest
 * published BERT. The test tokenizer uses only the first ids; the rest of the table is there so the
 * file is as large as the real one (reading, hashing and session creation cost what they would).
 */
export const BERT_TINY: BertShape = { vocab: 30_522, hidden: 128, layers: 2, heads: 2, ffn: 512, maxPositions: 512 };

export function bertLikeModel(shape: BertShape = BERT_TINY): Uint8Array {
  const { vocab, hidden: h, layers, heads, ffn, maxPositions } = shape;
  const dh = h / heads;
  // mulberry32: integer arithmetic only, so the weights are the same bytes on every machine.
  let seed = 1;
  const weights = (n: number, scale: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      seed = (seed + 0x6d2b79f5) | 0;
      let r = Math.imul(seed ^ (seed >>> 15), seed | 1);
      r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
      out[i] = ((((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * 2 - 1) * scale;
    }
    return out;
  };
  const init: Tensor[] = [];
  const nodes: Node[] = [];
  const w = (name: string, dims: number[], scale = 0.05) => { init.push({ name, type: FLOAT, dims, values: weights(dims.reduce((a, b) => a * b, 1), scale) }); return name; };
  const c = (name: string, type: typeof FLOAT | typeof INT64, dims: number[], values: number[]) => { init.push({ name, type, dims, values }); return name; };
  const op = (type: string, inputs: string[], output: string, attributes: Node['attributes'] = []) => { nodes.push({ op: type, inputs, outputs: [output], attributes }); return output; };
  const ones = (name: string, n: number) => c(name, FLOAT, [n], Array(n).fill(1));
  const zeros = (name: string, n: number) => c(name, FLOAT, [n], Array(n).fill(0));
  const layerNorm = (x: string, name: string) => op('LayerNormalization', [x, ones(`${name}.g`, h), zeros(`${name}.b`, h)], `${name}.out`, [{ name: 'axis', int: -1 }, { name: 'epsilon', float: 1e-12 }]);
  const linear = (x: string, name: string, from: number, to: number) => op('Add', [op('MatMul', [x, w(`${name}.w`, [from, to])], `${name}.mm`), w(`${name}.b`, [to], 0.01)], `${name}.out`);

  // Embeddings: token + position (positions 0..S-1 from the input's shape).
  c('one', INT64, [], [1]);
  c('zero', INT64, [], [0]);
  const seqLength = op('Gather', [op('Shape', ['input_ids'], 'ids_shape'), 'one'], 'seq_len', [{ name: 'axis', int: 0 }]);
  const positions = op('Range', ['zero', seqLength, 'one'], 'positions');
  const tokens = op('Gather', [w('tok_emb', [vocab, h], 0.5), 'input_ids'], 'tok');
  const pos = op('Gather', [w('pos_emb', [maxPositions, h], 0.1), positions], 'pos');
  let x = layerNorm(op('Add', [tokens, pos], 'emb'), 'emb_ln');

  // Additive mask [1, 1, 1, S]: 0 where attention_mask is 1, -10000 where it is 0.
  const maskFloat = op('Cast', ['attention_mask'], 'mask_f', [{ name: 'to', int: FLOAT }]);
  const inverted = op('Sub', [c('one_f', FLOAT, [], [1]), maskFloat], 'mask_inv');
  const additive = op('Mul', [inverted, c('neg', FLOAT, [], [-10000])], 'mask_add');
  const mask = op('Unsqueeze', [additive, c('mask_axes', INT64, [2], [1, 2])], 'mask4');
  c('heads_shape', INT64, [4], [1, -1, heads, dh]);
  c('merge_shape', INT64, [3], [1, -1, h]);
  c('scale', FLOAT, [], [1 / Math.sqrt(dh)]);
  c('half', FLOAT, [], [0.5]);
  c('sqrt2', FLOAT, [], [Math.SQRT2]);

  for (let l = 0; l < layers; l++) {
    const p = `l${l}`;
    const split = (name: string, perm: number[]) => op('Transpose', [op('Reshape', [linear(x, `${p}.${name}`, h, h), 'heads_shape'], `${p}.${name}.r`)], `${p}.${name}.t`, [{ name: 'perm', ints: perm }]);
    const q = split('q', [0, 2, 1, 3]);
    const k = split('k', [0, 2, 3, 1]);
    const v = split('v', [0, 2, 1, 3]);
    const scores = op('Add', [op('Mul', [op('MatMul', [q, k], `${p}.qk`), 'scale'], `${p}.qk_s`), mask], `${p}.scores`);
    const probs = op('Softmax', [scores], `${p}.probs`, [{ name: 'axis', int: -1 }]);
    const context = op('Reshape', [op('Transpose', [op('MatMul', [probs, v], `${p}.ctx`)], `${p}.ctx_t`, [{ name: 'perm', ints: [0, 2, 1, 3] }]), 'merge_shape'], `${p}.ctx_m`);
    x = layerNorm(op('Add', [x, linear(context, `${p}.o`, h, h)], `${p}.res1`), `${p}.ln1`);
    const up = linear(x, `${p}.up`, h, ffn);
    const gelu = op('Mul', [op('Mul', [up, 'half'], `${p}.g_half`), op('Add', [op('Erf', [op('Div', [up, 'sqrt2'], `${p}.g_div`)], `${p}.g_erf`), 'one_f'], `${p}.g_add`)], `${p}.gelu`);
    x = layerNorm(op('Add', [x, linear(gelu, `${p}.down`, ffn, h)], `${p}.res2`), `${p}.ln2`);
  }
  op('Add', [op('MatMul', [x, w('cls.w', [h, 2], 0.2)], 'cls.mm'), w('cls.b', [2], 0.01)], 'logits');

  return onnxModel({
    inputs: [{ name: 'input_ids', type: INT64, shape: ['batch', 'seq'] }, { name: 'attention_mask', type: INT64, shape: ['batch', 'seq'] }],
    outputs: [{ name: 'logits', type: FLOAT, shape: ['batch', 'seq', 2] }],
    initializers: init,
    nodes,
  });
}
