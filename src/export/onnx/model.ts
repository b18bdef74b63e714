// `export --to onnx`: the IR as an ONNX model (opset 13), NCHW like PyTorch's export, the batch a
// symbolic dimension N. Weights are the PyTorch state dict's tensors (src/export/weights.ts), named
// as there (conv1.weight); the output is what netspec's model outputs (probabilities when it ends in
// softmax). Pure: IR and weights in, the model's bytes (or diagnostics) out.
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { IRNode, ModelIR } from '../../model/ir.ts';
import type { Activation } from '../../model/fields.ts';
import { weightsMismatch } from '../pytorch/index.ts';
import { toTorch, type NetspecTensor, type TorchTensor } from '../weights.ts';
import { Message } from './proto.ts';

export const OPSET = 13;
const IR_VERSION = 7; // the ONNX IR version that goes with opset 13 (ONNX 1.8)
const FLOAT = 1;
const INT64 = 7;

type Attr = number | number[] | { f: number } | { floats: number[] };

/** Nodes and initializers as they are added; tensor names unique within the graph. */
class Graph {
  nodes: Message[] = [];
  initializers: Message[] = [];
  private used = new Set<string>();

  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  node(op: string, inputs: string[], name: string, attrs: Record<string, Attr> = {}): string {
    const out = this.fresh(name);
    const m = new Message();
    for (const i of inputs) m.string(1, i);
    m.string(2, out).string(3, out).string(4, op);
    for (const [k, v] of Object.entries(attrs)) m.message(5, attribute(k, v));
    this.nodes.push(m);
    return out;
  }

  tensor(name: string, dims: number[], data: Float32Array | BigInt64Array): string {
    const n = this.fresh(name);
    const t = new Message();
    for (const d of dims) t.int(1, d);
    t.int(2, data instanceof Float32Array ? FLOAT : INT64).string(8, n);
    t.bytes(9, littleEndian(data));
    this.initializers.push(t);
    return n;
  }

  floats(name: string, values: number[], dims = [values.length]): string {
    return this.tensor(name, dims, Float32Array.from(values));
  }

  ints(name: string, values: number[]): string {
    return this.tensor(name, [values.length], BigInt64Array.from(values.map(BigInt)));
  }
}

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndian(a: Float32Array | BigInt64Array): Uint8Array {
  if (HOST_LE) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const b = new Uint8Array(a.byteLength);
  const v = new DataView(b.buffer);
  if (a instanceof Float32Array) a.forEach((x, i) => v.setFloat32(i * 4, x, true));
  else a.forEach((x, i) => v.setBigInt64(i * 8, x, true));
  return b;
}

function attribute(name: string, v: Attr): Message {
  const m = new Message().string(1, name);
  if (typeof v === 'number') return m.int(3, v).int(20, 2);
  if (Array.isArray(v)) {
    for (const x of v) m.int(8, x);
    return m.int(20, 7);
  }
  if ('f' in v) return m.float(2, v.f).int(20, 1);
  for (const x of v.floats) m.float(7, x);
  return m.int(20, 6);
}

function valueInfo(name: string, dims: (number | string)[]): Message {
  const shape = new Message();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new Message().int(1, d) : new Message().string(2, d));
  const tensor = new Message().int(1, FLOAT).message(2, shape);
  return new Message().string(1, name).message(2, new Message().message(1, tensor));
}

/** NCHW dims of an IR shape, the batch first. */
const nchw = (s: number[]): (number | string)[] => (s.length === 3 ? ['N', s[2], s[0], s[1]] : ['N', ...s]);

/** netspec's pooled size (PyTorch's: ceil rounding drops a last window that starts in the padding). */
export function poolOut(size: number, k: number, s: number, before: number, after: number, ceil: boolean): number {
  const span = size + before + after - k;
  if (!ceil) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= size + before) out--;
  return out;
}

interface Ctx {
  g: Graph;
  w: Map<string, TorchTensor>;
}

function activation(c: Ctx, a: Activation, x: string, name: string, alpha?: number): string {
  const { g } = c;
  switch (a) {
    case 'linear': return x;
    case 'relu': return g.node('Relu', [x], name);
    case 'relu6': return g.node('Clip', [x, g.floats(`${name}.min`, [0], []), g.floats(`${name}.max`, [6], [])], name);
    case 'leaky_relu': return g.node('LeakyRelu', [x], name, { alpha: { f: alpha ?? 0.01 } });
    case 'elu': return g.node('Elu', [x], name, { alpha: { f: alpha ?? 1 } });
    case 'tanh': return g.node('Tanh', [x], name);
    case 'sigmoid': return g.node('Sigmoid', [x], name);
    case 'softmax': return g.node('Softmax', [x], name, { axis: 1 }); // channels, netspec's last axis
    case 'gelu': { // the exact form: x · Φ(x) = x · (1 + erf(x / √2)) / 2 (Gelu is opset 20)
      const erf = g.node('Erf', [g.node('Div', [x, g.floats(`${name}.sqrt2`, [Math.SQRT2], [])], `${name}.scaled`)], `${name}.erf`);
      const half = g.node('Mul', [g.node('Add', [erf, g.floats(`${name}.one`, [1], [])], `${name}.plus1`), g.floats(`${name}.half`, [0.5], [])], `${name}.cdf`);
      return g.node('Mul', [x, half], name);
    }
    case 'silu': return g.node('Mul', [x, g.node('Sigmoid', [x], `${name}.sigmoid`)], name);
    case 'hard_swish': // x · relu6(x + 3) / 6 (HardSwish is opset 14)
      return g.node('Mul', [x, g.node('HardSigmoid', [x], `${name}.gate`, { alpha: { f: 1 / 6 }, beta: { f: 0.5 } })], name);
  }
}

/** Σ over a window of channels of x² as netspec and PyTorch take it: size/2 before, (size−1)/2 after. */
function lrn(c: Ctx, node: IRNode & { layer: { kind: 'lrn' } }, x: string): string {
  const { g } = c;
  const L = node.layer;
  const n = node.name;
  const channels = node.inputShapes[0][2];
  // The sum's α: the paper's multiplies the plain sum, Caffe's (and ONNX's) is divided by size.
  const alphaOfSum = L.convention === 'paper' ? L.alpha : L.alpha / L.size;
  if (L.size % 2 === 1) {
    return g.node('LRN', [x], n, { size: L.size, alpha: { f: alphaOfSum * L.size }, beta: { f: L.beta }, bias: { f: L.k } });
  }
  // ONNX's window for an even size takes one channel more after than before; spell it out.
  const before = Math.floor(L.size / 2);
  const after = Math.floor((L.size - 1) / 2);
  const sq = g.node('Mul', [x, x], `${n}.square`);
  const padded = g.node('Pad', [sq, g.ints(`${n}.pads`, [0, before, 0, 0, 0, after, 0, 0])], `${n}.padded`);
  let sum = '';
  for (let i = 0; i < L.size; i++) {
    const slice = g.node('Slice', [padded, g.ints(`${n}.start${i}`, [i]), g.ints(`${n}.end${i}`, [i + channels]), g.ints(`${n}.axis${i}`, [1])], `${n}.window${i}`);
    sum = i === 0 ? slice : g.node('Add', [sum, slice], `${n}.sum${i}`);
  }
  const scaled = g.node('Add', [g.node('Mul', [sum, g.floats(`${n}.alpha`, [alphaOfSum], [])], `${n}.scaled`), g.floats(`${n}.k`, [L.k], [])], `${n}.base`);
  return g.node('Div', [x, g.node('Pow', [scaled, g.floats(`${n}.beta`, [L.beta], [])], `${n}.denominator`)], n);
}

function pool(c: Ctx, node: IRNode & { layer: { kind: 'maxpool' | 'avgpool' } }, x: string): string {
  const { g } = c;
  const L = node.layer;
  const [t, b, l, r] = L.pad;
  const [h, w] = node.inputShapes[0];
  const ceil = L.rounding === 'ceil';
  const out = [poolOut(h, L.size[0], L.stride[0], t, b, ceil), poolOut(w, L.size[1], L.stride[1], l, r, ceil)];
  // Floor rounding with enough padding at the end gives netspec's size; the extra padding only
  // covers the last window's overhang, which PyTorch (and netspec) leave out.
  const extraB = Math.max(0, (out[0] - 1) * L.stride[0] + L.size[0] - (h + t + b));
  const extraR = Math.max(0, (out[1] - 1) * L.stride[1] + L.size[1] - (w + l + r));
  const common = { kernel_shape: L.size, strides: L.stride };
  if (L.kind === 'maxpool') return g.node('MaxPool', [x], node.name, { ...common, pads: [t, l, b + extraB, r + extraR] });
  if (extraB === 0 && extraR === 0) return g.node('AveragePool', [x], node.name, { ...common, pads: [t, l, b, r], count_include_pad: 1 });
  // Padded zeros count (count_include_pad), the overhang does not: pad explicitly, then average
  // over what lies inside.
  const padded = g.node('Pad', [x, g.ints(`${node.name}.pads`, [0, 0, t, l, 0, 0, b, r])], `${node.name}.padded`);
  return g.node('AveragePool', [padded], node.name, { ...common, pads: [0, 0, extraB, extraR], count_include_pad: 0 });
}

/** Adaptive average pooling: cell i of n covers [floor(i·in/n), ceil((i+1)·in/n)), one axis at a time. */
function adaptive(c: Ctx, node: IRNode & { layer: { kind: 'adaptiveavgpool' } }, x: string): string {
  const { g } = c;
  const [h, w] = node.inputShapes[0];
  const [oh, ow] = node.layer.output;
  if (h % oh === 0 && w % ow === 0) {
    const k = [h / oh, w / ow];
    return g.node('AveragePool', [x], node.name, { kernel_shape: k, strides: k });
  }
  let y = x;
  for (const [axis, size, cells] of [[2, h, oh], [3, w, ow]] as const) {
    const parts: string[] = [];
    for (let i = 0; i < cells; i++) {
      const s = Math.floor((i * size) / cells);
      const e = Math.ceil(((i + 1) * size) / cells);
      const id = `${node.name}.a${axis}_${i}`;
      const slice = g.node('Slice', [y, g.ints(`${id}.start`, [s]), g.ints(`${id}.end`, [e]), g.ints(`${id}.axis`, [axis])], `${id}.cell`);
      parts.push(g.node('ReduceMean', [slice], `${id}.mean`, { axes: [axis], keepdims: 1 }));
    }
    y = g.node('Concat', parts, axis === 3 ? node.name : `${node.name}.rows`, { axis });
  }
  return y;
}

function batchnorm(c: Ctx, node: IRNode & { layer: { kind: 'batchnorm' } }, x: string): string {
  const { g, w } = c;
  const n = node.name;
  const ch = node.outputShape[node.outputShape.length - 1];
  const param = (part: string, fill: number) => (w.has(`${n}.${part}`) ? `${n}.${part}` : g.floats(`${n}.${part}`, new Array(ch).fill(fill)));
  const inputs = [param('weight', 1), param('bias', 0), `${n}.running_mean`, `${n}.running_var`];
  const flat = node.inputShapes[0].length === 1;
  // BatchNormalization wants N×C×…: a flat vector becomes N×C×1×1 and back.
  const xin = flat ? g.node('Unsqueeze', [x, g.ints(`${n}.axes`, [2, 3])], `${n}.4d`) : x;
  const y = g.node('BatchNormalization', [xin, ...inputs], flat ? `${n}.bn` : n, { epsilon: { f: node.layer.epsilon } });
  return flat ? g.node('Squeeze', [y, g.ints(`${n}.squeeze`, [2, 3])], n) : y;
}

/** One layer's nodes; its output's name, or undefined for a kind this exporter does not know. */
function layer(c: Ctx, node: IRNode, xs: string[]): string | undefined {
  const { g } = c;
  const L = node.layer;
  const n = node.name;
  switch (L.kind) {
    case 'conv2d': {
      const [t, b, l, r] = L.pad;
      const inputs = [xs[0], `${n}.weight`, ...(L.bias ? [`${n}.bias`] : [])];
      const y = g.node('Conv', inputs, L.activation === 'linear' ? n : `${n}.conv`,
        { kernel_shape: L.kernel, strides: L.stride, pads: [t, l, b, r], dilations: L.dilation, group: L.groups });
      return activation(c, L.activation, y, n);
    }
    case 'dense': {
      const y = g.node('Gemm', [xs[0], `${n}.weight`, ...(L.bias ? [`${n}.bias`] : [])], L.activation === 'linear' ? n : `${n}.gemm`, { transB: 1 });
      return activation(c, L.activation, y, n);
    }
    case 'activation':
      return activation(c, L.activation, xs[0], n, L.alpha);
    case 'lrn':
      return lrn(c, node as IRNode & { layer: typeof L }, xs[0]);
    case 'maxpool':
    case 'avgpool':
      return pool(c, node as IRNode & { layer: typeof L }, xs[0]);
    case 'dropout':
      return xs[0]; // inference: the identity
    case 'flatten':
      // netspec flattens in height, width, channels order: back to NHWC first.
      return node.inputShapes[0].length === 3 ? g.node('Flatten', [g.node('Transpose', [xs[0]], `${n}.nhwc`, { perm: [0, 2, 3, 1] })], n, { axis: 1 }) : xs[0];
    case 'zeropad': {
      const [t, b, l, r] = L.pad;
      return g.node('Pad', [xs[0], g.ints(`${n}.pads`, [0, 0, t, l, 0, 0, b, r])], n);
    }
    case 'globalavgpool':
      return g.node('Flatten', [g.node('GlobalAveragePool', [xs[0]], `${n}.pool`)], n, { axis: 1 });
    case 'adaptiveavgpool':
      return adaptive(c, node as IRNode & { layer: typeof L }, xs[0]);
    case 'add':
      return g.node('Sum', xs, n);
    case 'concat': {
      const axis = node.inputShapes[0].length === 3 ? ({ 0: 2, 1: 3, 2: 1 } as Record<number, number>)[L.axis] : L.axis + 1;
      return g.node('Concat', xs, n, { axis });
    }
    case 'batchnorm':
      return batchnorm(c, node as IRNode & { layer: typeof L }, xs[0]);
    default:
      return undefined;
  }
}

export type OnnxResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostics: Diagnostic[] };

/** The ONNX model of `ir` with `weights` (netspec's layout: a checkpoint's or a TF.js model's). */
export function exportOnnx(ir: ModelIR, weights: NetspecTensor[], opts: { source: string; weightsFrom: string }): OnnxResult {
  const t = toTorch(ir, weights);
  if (!t.ok) return { ok: false, diagnostics: [weightsMismatch(ir, opts.weightsFrom, t.problems)] };
  const g = new Graph();
  g.fresh('input');
  const w = new Map(t.tensors.filter((x) => x.dtype === 'F32').map((x) => [x.name, x]));
  for (const x of w.values()) g.tensor(x.name, x.shape, x.data as Float32Array);
  const c: Ctx = { g, w };
  const names = new Map<string, string>([['input', 'input']]);
  const problems: Diagnostic[] = [];
  for (const node of ir.nodes) {
    const out = layer(c, node, node.inputs.map((i) => names.get(i)!));
    if (out === undefined) {
      problems.push(diagnostic('NS0701', `layer \`${node.name}\` (${node.layer.kind}) has no ONNX translation`, node.location,
        { help: 'replace it with a layer ONNX can express, or export to another target' }));
      continue;
    }
    names.set(node.name, out);
  }
  if (problems.length) return { ok: false, diagnostics: problems };
  const outputShape = ir.nodes.find((n) => n.name === ir.output)!.outputShape;
  const output = g.node('Identity', [names.get(ir.output)!], 'output');

  const graph = new Message();
  for (const n of g.nodes) graph.message(1, n);
  graph.string(2, ir.name);
  for (const i of g.initializers) graph.message(5, i);
  graph.string(10, `${ir.name}, generated from ${opts.source} by netspec; input NCHW [N, ${ir.input[2]}, ${ir.input[0]}, ${ir.input[1]}]; weights: ${opts.weightsFrom}`);
  graph.message(11, valueInfo('input', nchw(ir.input)));
  graph.message(12, valueInfo(output, nchw(outputShape)));
  const model = new Message()
    .int(1, IR_VERSION)
    .string(2, 'netspec')
    .string(3, '0.1.0')
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, OPSET));
  return { ok: true, bytes: model.finish() };
}
