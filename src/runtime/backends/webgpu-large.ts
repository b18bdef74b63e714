// WebGPU kernels for tensors larger than the adapter can bind (maxStorageBufferBindingSize, 128 MiB
// on lavapipe and the WebGPU minimum): AlexNet's fc6 kernel is 151 MB. tfjs binds every tensor's
// buffer whole, which Dawn rejects; but a buffer up to maxBufferSize can be created, copied
// (copyBufferToBuffer), cleared and read without being bound. So, for what a dense layer's training
// and inference do with its kernel, these kernels work on pieces that bind:
// - BatchMatMul / _FusedMatMul: a large operand is cut into blocks of its stored rows (contiguous,
//   copied out); C = Σ A[:, Kᵢ]·B[Kᵢ, :] when the rows are the inner dimension, column blocks of C
//   (concatenated) when they are outer; a large output is computed by blocks of its rows, copied
//   into one big buffer.
// - Fill / ZerosLike / OnesLike: clearBuffer, or one filled piece copied along the buffer.
// - The optimizer's fused SGD and Adam updates (kernels-optim.ts), chunk by chunk.
// Tensors that bind go to the package's kernels. A layout these kernels cannot cut (a large operand
// needing a column slice, batched matmuls) throws; train's pre-flight check (gpu-limits.ts) refuses
// models that would need one.
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, SGD_UPDATE, type AdamUpdateAttrs, type SgdUpdateAttrs } from './kernels-optim.ts';

const WEBGPU = 'webgpu';
type Info = tf.TensorInfo;
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

// The parts of tfjs-backend-webgpu's WebGPUBackend used here (internal, stable across 4.x).
interface GpuBuffer { size: number }
interface Encoder {
  copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void;
  clearBuffer(buffer: GpuBuffer, offset?: number, size?: number): void;
}
interface Backend {
  device: { limits: { maxStorageBufferBindingSize: number } };
  tensorMap: { get(dataId: object): { resource?: GpuBuffer | null } };
  commandEncoder: Encoder;
  commandQueueOwnedIds: WeakSet<object>;
  uploadToGPU(dataId: object): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): Info;
  disposeData(dataId: object): boolean;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
}

let limitOverride: number | undefined;

/**
 * Makes these kernels treat `bytes` as the binding limit (undefined: the adapter's), so that tests
 * exercise the pieces on small tensors. Multiple of 4.
 */
export function setBindingLimitForTests(bytes: number | undefined): void {
  limitOverride = bytes;
}

let splits = 0;

/** How many times these kernels have cut a tensor into pieces (lets tests see that they did). */
export const largeTensorSplits = (): number => splits;

const bindLimit = (b: Backend): number => limitOverride ?? b.device.limits.maxStorageBufferBindingSize;
const count = (shape: number[]) => shape.reduce((a, c) => a * c, 1);
/** float32, int32 and bool all take 4 bytes on webgpu. */
const bytesOf = (t: Info) => 4 * count(t.shape);

/** The package's kernels we wrap: what tensors that bind go to. */
const originals = new Map<string, tf.KernelFunc>();

function ops(b: Backend) {
  const run = (name: string, inputs: Record<string, Info> | Info[], attrs: object = {}): Info => {
    const k = originals.get(name) ?? tf.getKernel(name, WEBGPU)!.kernelFunc;
    return k({ inputs: inputs as tf.NamedTensorInfoMap, backend: b as unknown as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap }) as Info;
  };
  const free = (...ts: Info[]) => ts.forEach((t) => b.disposeData(t.dataId));
  const bufferOf = (t: Info): GpuBuffer => {
    b.uploadToGPU(t.dataId);
    return b.tensorMap.get(t.dataId).resource!;
  };
  /** A tensor whose buffer is allocated but not written. */
  const empty = (shape: number[], dtype: tf.DataType = 'float32'): Info => {
    const t = b.makeTensorInfo(shape, dtype);
    b.uploadToGPU(t.dataId);
    return t;
  };
  /** Copies `bytes` between buffers, in order with the kernels already recorded. */
  const copy = (src: Info, srcOffset: number, dst: Info, dstOffset: number, bytes: number) => {
    const [s, d] = [bufferOf(src), bufferOf(dst)];
    b.ensureCommandEncoderReady();
    b.endComputePassEncoder();
    b.commandEncoder.copyBufferToBuffer(s, srcOffset, d, dstOffset, bytes);
    // Keeps both buffers from being recycled before the commands are submitted.
    b.commandQueueOwnedIds.add(src.dataId);
    b.commandQueueOwnedIds.add(dst.dataId);
  };
  /** Rows [r0, r1) of t stored as [rows, cols]: a copy of a contiguous range, any size. */
  const rows = (t: Info, cols: number, r0: number, r1: number): Info => {
    const out = empty([r1 - r0, cols], t.dtype);
    copy(t, 4 * r0 * cols, out, 0, 4 * (r1 - r0) * cols);
    return out;
  };
  /** Columns [c0, c1) of t stored as [rows, cols]: a Slice, so t must bind. */
  const columns = (t: Info, c0: number, c1: number): Info => {
    if (bytesOf(t) > bindLimit(b)) throw unsupported(`a column slice of a ${JSON.stringify(t.shape)} tensor`);
    return run('Slice', { x: t }, { begin: [0, c0], size: [t.shape[0], c1 - c0] });
  };
  const scalar = (v: number) => b.makeTensorInfo([], 'float32', Float32Array.of(v));
  return { run, free, empty, copy, rows, columns, scalar };
}

const unsupported = (what: string) =>
  new Error(`webgpu: ${what} is larger than the adapter can bind, and netspec's webgpu kernels cannot split it (they split dense kernels)`);

/** [lo, hi) ranges of at most `step` covering [0, n). */
function ranges(n: number, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += step) out.push([i, Math.min(n, i + step)]);
  return out;
}

/**
 * op(a)·op(b) for 2-D a and b (stored shapes), each and the result of any size: whatever does not
 * bind is cut by its stored rows, recursively, until every piece binds.
 */
function matMul2D(b: Backend, a: Info, bm: Info, tA: boolean, tB: boolean): Info {
  const o = ops(b);
  const limit = bindLimit(b);
  const [ra, ca] = a.shape;
  const [rb, cb] = bm.shape;
  const [M, K, N] = [tA ? ca : ra, tA ? ra : ca, tB ? rb : cb];
  const fits = (elements: number) => 4 * elements <= limit;
  /** How many rows of `cols` floats fit in one binding. */
  const perBlock = (cols: number, what: string) => {
    const n = Math.floor(limit / (4 * cols));
    if (n < 1) throw unsupported(`one row of ${what}`);
    return n;
  };
  /** op(x) rows [r0, r1) when x is stored untransposed, else stored columns. */
  const outerRows = (x: Info, transposed: boolean, r0: number, r1: number) => (transposed ? o.columns(x, r0, r1) : o.rows(x, x.shape[1], r0, r1));
  /** Inner-dimension block [k0, k1) of op(a) (its columns) and of op(b) (its rows). */
  const innerOfA = (k0: number, k1: number) => (tA ? o.rows(a, ca, k0, k1) : o.columns(a, k0, k1));
  const innerOfB = (k0: number, k1: number) => (tB ? o.columns(bm, k0, k1) : o.rows(bm, cb, k0, k1));
  const sumOver = (blocks: [number, number][]) => {
    let acc: Info | undefined;
    for (const [k0, k1] of blocks) {
      const [pa, pb] = [innerOfA(k0, k1), innerOfB(k0, k1)];
      const part = matMul2D(b, pa, pb, tA, tB);
      o.free(pa, pb);
      if (acc) {
        const next = o.run('Add', { a: acc, b: part });
        o.free(acc, part);
        acc = next;
      } else acc = part;
    }
    return acc!;
  };
  const concat = (parts: Info[], axis: number) => {
    const out = parts.length === 1 ? parts[0] : o.run('Concat', parts, { axis });
    if (parts.length > 1) o.free(...parts);
    return out;
  };

  if (fits(ra * ca) && fits(rb * cb) && fits(M * N)) return o.run('BatchMatMul', { a, b: bm }, { transposeA: tA, transposeB: tB });
  if (!fits(M * N)) {
    // A large result (a dense kernel's gradient): blocks of its rows, copied into one buffer.
    const out = o.empty([M, N]);
    for (const [r0, r1] of ranges(M, perBlock(N, `a [${M}, ${N}] product`))) {
      const pa = outerRows(a, tA, r0, r1);
      const piece = matMul2D(b, pa, bm, tA, tB);
      o.copy(piece, 0, out, 4 * r0 * N, 4 * (r1 - r0) * N);
      o.free(pa, piece);
    }
    return out;
  }
  if (!fits(rb * cb)) {
    // Stored [K, N]: blocks of K, summed. Stored [N, K] (transposed): blocks of N, side by side.
    if (!tB) return sumOver(ranges(K, perBlock(cb, 'B')));
    return concat(ranges(N, perBlock(cb, 'B')).map(([n0, n1]) => {
      const pb = o.rows(bm, cb, n0, n1);
      const part = matMul2D(b, a, pb, tA, true);
      o.free(pb);
      return part;
    }), 1);
  }
  // A does not bind: stored [K, M] (transposed): blocks of K, summed; stored [M, K]: blocks of M, stacked.
  if (tA) return sumOver(ranges(K, perBlock(ca, 'A')));
  return concat(ranges(M, perBlock(ca, 'A')).map(([m0, m1]) => {
    const pa = o.rows(a, ca, m0, m1);
    const part = matMul2D(b, pa, bm, false, tB);
    o.free(pa);
    return part;
  }), 0);
}

/** The 2-D product of a batch-1 matmul (as the dense layer's), reshaped to what the package returns. */
function largeMatMul(b: Backend, a: Info, bm: Info, tA: boolean, tB: boolean): Info {
  splits++;
  const o = ops(b);
  const batch = (t: Info) => count(t.shape.slice(0, -2));
  if (batch(a) !== 1 || batch(bm) !== 1) throw unsupported(`a batched matmul operand (${JSON.stringify(a.shape)} · ${JSON.stringify(bm.shape)})`);
  const as2D = (t: Info) => o.run('Reshape', { x: t }, { shape: t.shape.slice(-2) });
  const [a2, b2] = [as2D(a), as2D(bm)];
  const c = matMul2D(b, a2, b2, tA, tB);
  o.free(a2, b2);
  const outer = (a.shape.length >= bm.shape.length ? a : bm).shape.slice(0, -2);
  const out = o.run('Reshape', { x: c }, { shape: [...outer, ...c.shape] });
  o.free(c);
  return out;
}

const tooBig = (b: Backend, ...ts: (Info | undefined)[]) => ts.some((t) => t !== undefined && bytesOf(t) > bindLimit(b));
const matMulOutBytes = (a: Info, bm: Info, tA: boolean, tB: boolean) =>
  4 * count(a.shape.slice(0, -2)) * a.shape[a.shape.length - (tA ? 1 : 2)] * bm.shape[bm.shape.length - (tB ? 2 : 1)];

function batchMatMul(args: KernelArgs): Info {
  const b = args.backend as Backend;
  const { a, b: bm } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
  if (!tooBig(b, a, bm) && matMulOutBytes(a, bm, transposeA, transposeB) <= bindLimit(b)) return originals.get('BatchMatMul')!(args as Parameters<tf.KernelFunc>[0]) as Info;
  return largeMatMul(b, a, bm, transposeA, transposeB);
}

/** The package's activation kernels for _FusedMatMul's activations. */
const ACTIVATION_KERNELS: Record<string, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid' };

function fusedMatMul(args: KernelArgs): Info {
  const b = args.backend as Backend;
  const { a, b: bm, bias, preluActivationWeights: prelu } = args.inputs as { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
  const { transposeA, transposeB, activation, leakyreluAlpha } = args.attrs as unknown as {
    transposeA: boolean; transposeB: boolean; activation: string; leakyreluAlpha?: number;
  };
  const outBytes = matMulOutBytes(a, bm, transposeA, transposeB);
  if (!tooBig(b, a, bm, bias, prelu) && outBytes <= bindLimit(b)) return originals.get('_FusedMatMul')!(args as Parameters<tf.KernelFunc>[0]) as Info;
  if (outBytes > bindLimit(b) || tooBig(b, bias, prelu)) throw unsupported('a fused matmul result');
  // The product in pieces, then bias and activation on the (bindable) result.
  const o = ops(b);
  let y = largeMatMul(b, a, bm, transposeA, transposeB);
  const then = (next: Info) => {
    o.free(y);
    y = next;
  };
  if (bias) then(o.run('Add', { a: y, b: bias }));
  if (activation === 'prelu') then(o.run('Prelu', { x: y, alpha: prelu! }));
  else if (activation === 'leakyrelu') then(o.run('LeakyRelu', { x: y }, { alpha: leakyreluAlpha ?? 0.2 }));
  else if (ACTIVATION_KERNELS[activation]) then(o.run(ACTIVATION_KERNELS[activation], { x: y }));
  else if (activation && activation !== 'linear') throw new Error(`webgpu _FusedMatMul: unknown activation ${activation}`);
  return y;
}

/** A tensor of `shape` filled with `value`: cleared, or one filled piece copied along it. */
function largeFill(b: Backend, shape: number[], value: number, dtype: tf.DataType): Info {
  splits++;
  const o = ops(b);
  const out = o.empty(shape, dtype);
  const total = 4 * count(shape);
  if (value === 0) {
    b.ensureCommandEncoderReady();
    b.endComputePassEncoder();
    b.commandEncoder.clearBuffer(b.tensorMap.get(out.dataId).resource!, 0, total);
    b.commandQueueOwnedIds.add(out.dataId);
    return out;
  }
  const pieceBytes = Math.min(total, bindLimit(b) - (bindLimit(b) % 4));
  const piece = o.run('Fill', {}, { shape: [pieceBytes / 4], value, dtype });
  for (let at = 0; at < total; at += pieceBytes) o.copy(piece, 0, out, at, Math.min(pieceBytes, total - at));
  o.free(piece);
  return out;
}

function fill(args: KernelArgs): Info {
  const b = args.backend as Backend;
  const { shape, value, dtype } = args.attrs as unknown as { shape: number[]; value: number | string; dtype: tf.DataType };
  if (4 * count(shape) <= bindLimit(b) || typeof value !== 'number') return originals.get('Fill')!(args as Parameters<tf.KernelFunc>[0]) as Info;
  return largeFill(b, shape, value, dtype);
}

const likeKernel = (name: string, value: number) => (args: KernelArgs): Info => {
  const b = args.backend as Backend;
  const { x } = args.inputs as { x: Info };
  if (bytesOf(x) <= bindLimit(b) || x.dtype === 'complex64' || x.dtype === 'string') return originals.get(name)!(args as Parameters<tf.KernelFunc>[0]) as Info;
  return largeFill(b, x.shape, value, x.dtype);
};

/**
 * Runs `update` (elementwise, on tensors that bind) over equal-shaped float32 tensors: whole when
 * they bind, else on 1-D chunks copied out, with each output chunk copied into a full-size output.
 */
function chunked(b: Backend, inputs: Info[], outputs: number, update: (xs: Info[]) => Info[]): Info[] {
  const o = ops(b);
  const shape = inputs[0].shape;
  const n = count(shape);
  if (4 * n <= bindLimit(b)) return update(inputs);
  splits++;
  const outs = Array.from({ length: outputs }, () => o.empty(shape));
  for (const [e0, e1] of ranges(n, Math.floor(bindLimit(b) / 4))) {
    const pieces = inputs.map((t) => o.rows(t, 1, e0, e1));
    const results = update(pieces);
    results.forEach((r, i) => o.copy(r, 0, outs[i], 4 * e0, 4 * (e1 - e0)));
    o.free(...pieces, ...results);
  }
  return outs;
}

/** The SGD update of kernels-optim.ts from the package's elementwise kernels (the optimizer's formula). */
function sgdUpdate(args: KernelArgs): Info[] {
  const b = args.backend as Backend;
  const { w, v, g } = args.inputs as { w: Info; v: Info; g: Info };
  const { lr, mu, wd, nesterov } = args.attrs as unknown as SgdUpdateAttrs;
  const o = ops(b);
  const [sNegLr, sMu, sWd] = [o.scalar(-lr), o.scalar(mu), o.scalar(wd)];
  const out = chunked(b, [w, v, g], 2, ([w, v, g]) => {
    const temps: Info[] = [];
    const t = (x: Info) => (temps.push(x), x);
    // −ε·(λ·w + ∂L/∂w), then v ← μ·v − …, w ← w + v (or Nesterov's look-ahead).
    const gd = wd ? t(o.run('Add', { a: g, b: t(o.run('Multiply', { a: w, b: sWd })) })) : g;
    const descent = t(o.run('Multiply', { a: gd, b: sNegLr }));
    const vNew = o.run('Add', { a: t(o.run('Multiply', { a: v, b: sMu })), b: descent });
    const wNew = nesterov
      ? o.run('Add', { a: t(o.run('Add', { a: w, b: t(o.run('Multiply', { a: vNew, b: sMu })) })), b: descent })
      : o.run('Add', { a: w, b: vNew });
    o.free(...temps);
    return [wNew, vNew];
  });
  o.free(sNegLr, sMu, sWd);
  return out;
}

/** The Adam (AdamW) update of kernels-optim.ts from the package's elementwise kernels. */
function adamUpdate(args: KernelArgs): Info[] {
  const b = args.backend as Backend;
  const { w, m, v, g } = args.inputs as { w: Info; m: Info; v: Info; g: Info };
  const { lr, b1, b2, c1, c2, eps, wd } = args.attrs as unknown as AdamUpdateAttrs;
  const o = ops(b);
  const s = [b1, 1 - b1, b2, 1 - b2, c1, c2, eps, wd, lr].map(o.scalar);
  const [sB1, sB1c, sB2, sB2c, sC1, sC2, sEps, sWd, sLr] = s;
  const out = chunked(b, [w, m, v, g], 3, ([w, m, v, g]) => {
    const temps: Info[] = [];
    const t = (x: Info) => (temps.push(x), x);
    const mNew = o.run('Add', { a: t(o.run('Multiply', { a: m, b: sB1 })), b: t(o.run('Multiply', { a: g, b: sB1c })) });
    const vNew = o.run('Add', { a: t(o.run('Multiply', { a: v, b: sB2 })), b: t(o.run('Multiply', { a: t(o.run('Square', { x: g })), b: sB2c })) });
    // (m̂ / (√v̂ + eps)) + λ·w, then w ← w − ε·update.
    const denom = t(o.run('Add', { a: t(o.run('Sqrt', { x: t(o.run('RealDiv', { a: vNew, b: sC2 })) })), b: sEps }));
    let update = t(o.run('RealDiv', { a: t(o.run('RealDiv', { a: mNew, b: sC1 })), b: denom }));
    if (wd) update = t(o.run('Add', { a: update, b: t(o.run('Multiply', { a: w, b: sWd })) }));
    const wNew = o.run('Sub', { a: w, b: t(o.run('Multiply', { a: update, b: sLr })) });
    o.free(...temps);
    return [wNew, mNew, vNew];
  });
  o.free(...s);
  return out;
}

const WRAPPED: [string, tf.KernelFunc][] = [
  ['BatchMatMul', batchMatMul as tf.KernelFunc],
  ['_FusedMatMul', fusedMatMul as tf.KernelFunc],
  ['Fill', fill as tf.KernelFunc],
  ['ZerosLike', likeKernel('ZerosLike', 0) as tf.KernelFunc],
  ['OnesLike', likeKernel('OnesLike', 1) as tf.KernelFunc],
];
const UPDATES: [string, tf.KernelFunc][] = [
  [SGD_UPDATE, sgdUpdate as unknown as tf.KernelFunc],
  [ADAM_UPDATE, adamUpdate as unknown as tf.KernelFunc],
];

/**
 * Registers these kernels for 'webgpu' (after the package's, which it keeps for tensors that bind).
 * The optimizer updates replace any registration for 'webgpu' (such as a portable fallback).
 * Idempotent.
 */
export function installLargeTensorKernels(): void {
  for (const [name, ours] of WRAPPED) {
    const current = tf.getKernel(name, WEBGPU);
    if (current?.kernelFunc === ours) continue;
    if (!current) throw new Error(`webgpu: the package registers no ${name} kernel to wrap`);
    originals.set(name, current.kernelFunc);
    tf.unregisterKernel(name, WEBGPU);
    tf.registerKernel({ kernelName: name, backendName: WEBGPU, kernelFunc: ours });
  }
  for (const [name, ours] of UPDATES) {
    const current = tf.getKernel(name, WEBGPU);
    if (current?.kernelFunc === ours) continue;
    if (current) tf.unregisterKernel(name, WEBGPU);
    tf.registerKernel({ kernelName: name, backendName: WEBGPU, kernelFunc: ours });
  }
}

export const LARGE_TENSOR_KERNELS = [...WRAPPED, ...UPDATES].map(([name]) => name);
