// Writes small ONNX models by hand (protobuf wire format, only the fields a token classifier needs),
// so tests can build a real model file with deterministic weights without Python or a protobuf library.
// Field numbers are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, …).

type Field = Uint8Array;

const utf8 = new TextEncoder();

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function intField(field: number, value: number | bigint): Field {
  return new Uint8Array([...varint(field << 3), ...varint(value)]);
}

function bytesField(field: number, value: Uint8Array): Field {
  return concat([new Uint8Array([...varint((field << 3) | 2), ...varint(value.length)]), value]);
}

function stringField(field: number, value: string): Field {
  return bytesField(field, utf8.encode(value));
}

function message(fields: readonly Field[]): Uint8Array {
  return concat(fields);
}

/** TensorProto.DataType values. */
export const FLOAT = 1;
export const INT64 = 7;

export interface Tensor {
  readonly name: string;
  readonly type: typeof FLOAT | typeof INT64;
  readonly dims: readonly number[];
  /** A Float32Array is written as it is (large weight tables are built straight into one). */
  readonly values: readonly number[] | Float32Array;
}

function tensor(t: Tensor): Uint8Array {
  const floats = t.type === FLOAT ? (t.values instanceof Float32Array ? t.values : new Float32Array(t.values)) : undefined;
  const raw = floats ? new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength) : new Uint8Array(new BigInt64Array(Array.from(t.values, (v) => BigInt(v))).buffer);
  return message([...t.dims.map((d) => intField(1, d)), intField(2, t.type), stringField(8, t.name), bytesField(9, raw)]);
}

export interface ValueInfo {
  readonly name: string;
  readonly type: typeof FLOAT | typeof INT64;
  /** A number is a fixed size, a string a named dynamic one (`seq`). */
  readonly shape: readonly (number | string)[];
}

function valueInfo(v: ValueInfo): Uint8Array {
  const dims = v.shape.map((d) => bytesField(1, message([typeof d === 'number' ? intField(1, d) : stringField(2, d)])));
  const tensorType = message([intField(1, v.type), bytesField(2, message(dims))]);
  return message([stringField(1, v.name), bytesField(2, message([bytesField(1, tensorType)]))]);
}

export interface Attribute {
  readonly name: string;
  readonly int?: number;
  readonly ints?: readonly number[];
  readonly float?: number;
}

export interface Node {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly Attribute[];
}

function floatField(field: number, value: number): Field {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return new Uint8Array([...varint((field << 3) | 5), ...bytes]);
}

function attribute(a: Attribute): Uint8Array {
  // AttributeProto: name = 1, f = 2, i = 3, ints = 8, type = 20 (FLOAT = 1, INT = 2, INTS = 7)
  if (a.float !== undefined) return message([stringField(1, a.name), floatField(2, a.float), intField(20, 1)]);
  if (a.ints) return message([stringField(1, a.name), ...a.ints.map((i) => intField(8, i)), intField(20, 7)]);
  return message([stringField(1, a.name), intField(3, a.int ?? 0), intField(20, 2)]);
}

function node(n: Node, index: number): Uint8Array {
  return message([
    ...n.inputs.map((i) => stringField(1, i)),
    ...n.outputs.map((o) => stringField(2, o)),
    stringField(3, `${n.op.toLowerCase()}_${index}`),
    stringField(4, n.op),
    ...(n.attributes ?? []).map((a) => bytesField(5, attribute(a))),
  ]);
}

export interface Graph {
  readonly nodes: readonly Node[];
  readonly initializers: readonly Tensor[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

/** A complete ModelProto (IR version 8, default-domain opset 17). */
export function onnxModel(graph: Graph, producer = 'headroom-tests'): Uint8Array {
  const g = message([
    ...graph.nodes.map((n, i) => bytesField(1, node(n, i))),
    stringField(2, 'graph'),
    ...graph.initializers.map((t) => bytesField(5, tensor(t))),
    ...graph.inputs.map((v) => bytesField(11, valueInfo(v))),
    ...graph.outputs.map((v) => bytesField(12, valueInfo(v))),
  ]);
  return message([intField(1, 8), stringField(2, producer), bytesField(7, g), bytesField(8, message([stringField(1, ''), intField(2, 17)]))]);
}
