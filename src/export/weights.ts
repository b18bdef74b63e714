// Weights between netspec's layout (TF.js: `conv1/kernel` HWIO, dense [in, out], batch norm's
// gamma/beta/moving_mean/moving_variance) and PyTorch's state dict (`conv1.weight` OIHW, dense
// [out, in], weight/bias/running_mean/running_var/num_batches_tracked). Module paths are the
// layer names, so `layer1.0.conv1/kernel` becomes `layer1.0.conv1.weight`, as in torchvision.
// Pure: tensors in, tensors out; mismatches come back as a list, never thrown.
import type { IRNode, ModelIR } from '../model/ir.ts';

/** A tensor of netspec's checkpoints and exports (float32, TF.js layout). */
export interface NetspecTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A tensor of a PyTorch state dict (float32, or int64 for batch norm's counter). */
export type TorchTensor =
  | { name: string; dtype: 'F32'; shape: number[]; data: Float32Array }
  | { name: string; dtype: 'I64'; shape: number[]; data: BigInt64Array };

/** One expected tensor: its name and shape on both sides and how values move between them. */
interface Slot {
  netspec: string;
  torch: string;
  netspecShape: number[];
  torchShape: number[];
  /** The permutation taking netspec's axes to torch's (undefined: same layout). */
  perm?: number[];
}

const BN_PARTS = [['gamma', 'weight'], ['beta', 'bias'], ['moving_mean', 'running_mean'], ['moving_variance', 'running_var']] as const;

/** The tensors a node holds, netspec's order (kernel before bias; gamma, beta, then the statistics). */
export function nodeSlots(node: IRNode): Slot[] {
  const L = node.layer;
  const n = node.name;
  const slot = (part: string, tpart: string, shape: number[], torchShape = shape, perm?: number[]): Slot =>
    ({ netspec: `${n}/${part}`, torch: `${n}.${tpart}`, netspecShape: shape, torchShape, perm });
  if (L.kind === 'conv2d') {
    const inC = node.inputShapes[0][2] / L.groups;
    const [kh, kw] = L.kernel;
    return [
      slot('kernel', 'weight', [kh, kw, inC, L.filters], [L.filters, inC, kh, kw], [3, 2, 0, 1]),
      ...(L.bias ? [slot('bias', 'bias', [L.filters])] : []),
    ];
  }
  if (L.kind === 'dense') {
    const inN = node.inputShapes[0][0];
    return [slot('kernel', 'weight', [inN, L.units], [L.units, inN], [1, 0]), ...(L.bias ? [slot('bias', 'bias', [L.units])] : [])];
  }
  if (L.kind === 'batchnorm') {
    const c = node.outputShape[node.outputShape.length - 1];
    const on = { gamma: L.scale, beta: L.center, moving_mean: true, moving_variance: true };
    return BN_PARTS.filter(([p]) => on[p]).map(([p, t]) => slot(p, t, [c]));
  }
  return [];
}

export const irSlots = (ir: ModelIR): Slot[] => ir.nodes.flatMap(nodeSlots);

/** Axes of `values` (row-major, `shape`) rearranged by `perm`: out axis i is in axis perm[i]. */
export function permute(values: Float32Array, shape: number[], perm: number[]): Float32Array {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const st = perm.map((p) => inStrides[p]);
  const out = new Float32Array(values.length);
  // Up to four axes as plain loops (the weights' case: 2-D dense, 4-D convolution kernels).
  const [d0, d1, d2, d3] = [...Array(4 - outShape.length).fill(1), ...outShape];
  const [s0, s1, s2, s3] = [...Array(4 - st.length).fill(0), ...st];
  if (outShape.length > 4) throw new Error(`permute: rank ${outShape.length} is not supported`);
  let o = 0;
  for (let a = 0; a < d0; a++) for (let b = 0; b < d1; b++) for (let c = 0; c < d2; c++) {
    const base = a * s0 + b * s1 + c * s2;
    for (let d = 0; d < d3; d++) out[o++] = values[base + d * s3];
  }
  return out;
}

const inverse = (perm: number[]): number[] => perm.map((_, i) => perm.indexOf(i));
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

export type Converted<T> = { ok: true; tensors: T[] } | { ok: false; problems: string[] };

/**
 * Problems between the tensors a model expects and those given: missing, unexpected, or of another
 * shape, each with its name and shapes (so a checkpoint of another model is recognisable).
 */
function mismatches(expected: { name: string; shape: number[] }[], given: Map<string, number[]>, ignore: (n: string) => boolean): string[] {
  const problems: string[] = [];
  const want = new Set(expected.map((e) => e.name));
  for (const e of expected) {
    const got = given.get(e.name);
    if (!got) problems.push(`missing ${e.name} ${fmt(e.shape)}`);
    else if (!same(got, e.shape)) problems.push(`${e.name}: shape ${fmt(got)}, the model needs ${fmt(e.shape)}`);
  }
  for (const [name, shape] of given) if (!want.has(name) && !ignore(name)) problems.push(`unexpected ${name} ${fmt(shape)}`);
  return problems;
}

/** netspec's tensors (a checkpoint's, or a TF.js model's) as a PyTorch state dict for `ir`. */
export function toTorch(ir: ModelIR, weights: NetspecTensor[]): Converted<TorchTensor> {
  const slots = irSlots(ir);
  const byName = new Map(weights.map((w) => [w.name, w]));
  const problems = mismatches(slots.map((s) => ({ name: s.netspec, shape: s.netspecShape })), new Map(weights.map((w) => [w.name, w.shape])), () => false);
  if (problems.length) return { ok: false, problems };
  const out: TorchTensor[] = [];
  for (const node of ir.nodes) {
    for (const s of nodeSlots(node)) {
      const w = byName.get(s.netspec)!;
      out.push({ name: s.torch, dtype: 'F32', shape: s.torchShape, data: s.perm ? permute(w.values, w.shape, s.perm) : w.values });
    }
    // PyTorch's batch norm also counts its updates; load_state_dict wants the counter.
    if (node.layer.kind === 'batchnorm') out.push({ name: `${node.name}.num_batches_tracked`, dtype: 'I64', shape: [], data: new BigInt64Array(1) });
  }
  return { ok: true, tensors: out };
}

/** A PyTorch state dict (from model.py's model) as netspec's tensors for `ir`, in `order` when given (a TF.js model's weight order). */
export function fromTorch(ir: ModelIR, tensors: TorchTensor[], order?: string[]): Converted<NetspecTensor> {
  const slots = irSlots(ir);
  const given = new Map(tensors.map((t) => [t.name, t]));
  const problems = mismatches(slots.map((s) => ({ name: s.torch, shape: s.torchShape })), new Map(tensors.map((t) => [t.name, t.shape])),
    (n) => n.endsWith('.num_batches_tracked'));
  for (const s of slots) {
    const t = given.get(s.torch);
    if (t && t.dtype !== 'F32') problems.push(`${s.torch}: ${t.dtype} values, float32 needed`);
  }
  if (problems.length) return { ok: false, problems };
  const out = slots.map((s): NetspecTensor => {
    const t = given.get(s.torch)! as Extract<TorchTensor, { dtype: 'F32' }>;
    return { name: s.netspec, shape: s.netspecShape, values: s.perm ? permute(t.data, t.shape, inverse(s.perm)) : Float32Array.from(t.data) };
  });
  if (!order) return { ok: true, tensors: out };
  const at = new Map(out.map((t) => [t.name, t]));
  return { ok: true, tensors: order.map((n) => at.get(n)!).filter((t) => t !== undefined) };
}
