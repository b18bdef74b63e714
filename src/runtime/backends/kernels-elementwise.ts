// Relu, Relu6 (and netspec's relu6 op with its gradient), Step, Add, Sub, Multiply, Sum over leading or trailing axes and Mean over adjacent ones: the glue between
// convolutions that tfjs runs as separate passes (bias add, relu, dy·step(x), bias gradients).
import * as tf from '@tensorflow/tfjs';
import { f32, output, sizeOf, withFallback, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';
import { portableKernel } from './fallback.ts';
import type { NativeAddon } from './native-addon.ts';
import { NETSPEC_RELU } from './relu-op.ts';
import { NETSPEC_RELU6, NETSPEC_RELU6_GRAD } from './relu6-op.ts';

function unary(op: 0 | 1 | 2 | 3): NativeKernel {
  return ({ inputs, backend, attrs }, addon) => {
    const b = backend as CpuBackendLike;
    const { x } = inputs as Record<string, tf.TensorInfo>;
    const xv = f32(b, x);
    if (!xv) return null;
    const alpha = op === 1 ? (attrs as unknown as tf.StepAttrs).alpha : 0;
    return output(b, x.shape, (y) => addon.unary(op, xv, y, alpha));
  };
}

export const relu = unary(0);
export const step = unary(1);
export const floor = unary(2);
export const relu6 = unary(3);

/** True when `shape`, less its leading 1s, is the trailing part of `out` (a scalar qualifies). */
function isTrailingBlock(shape: number[], out: number[]): boolean {
  const first = shape.findIndex((d) => d !== 1);
  const core = first < 0 ? [] : shape.slice(first);
  return core.every((d, i) => d === out[out.length - core.length + i]);
}

/**
 * The output shape when each of a and b is either the whole output or a block repeated along
 * leading axes (a bias, a scalar, a [1,1,1,C] tensor): then out[i] = a[i % |a|] ∘ b[i % |b|].
 * Null for any other broadcast, which the cpu kernel handles.
 */
export function trailingBroadcast(aShape: number[], bShape: number[]): number[] | null {
  const out = tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape);
  const simple = isTrailingBlock(aShape, out) && isTrailingBlock(bShape, out);
  return simple && sizeOf(out) > 0 && (sizeOf(aShape) === sizeOf(out) || sizeOf(bShape) === sizeOf(out)) ? out : null;
}

/**
 * A middle broadcast: one operand is the whole output, the other equals it on leading and trailing
 * axes and is 1 on the axes between: a [M, 1] column against [M, N] (softmax's and cross-entropy's
 * gradients; block 1) or [N, 1, 1, C] against [N, H, W, C] (global average pooling's gradient).
 * Returns the output shape, how many times each block of the smaller operand repeats (`inner`),
 * and the block's length.
 */
export function columnBroadcast(aShape: number[], bShape: number[]): { shape: number[]; inner: number; block: number } | null {
  const out = tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape);
  const pad = (s: number[]) => [...new Array<number>(out.length - s.length).fill(1), ...s];
  const [pa, pb] = [pad(aShape), pad(bShape)];
  const whole = (s: number[]) => s.every((d, i) => d === out[i]);
  const small = whole(pa) ? pb : whole(pb) ? pa : null;
  if (!small || sizeOf(out) === 0) return null;
  const k = small.findIndex((d, i) => d !== out[i]);
  if (k < 0) return null;
  // Axes k … j − 1 are broadcast (1 against more), axes j … are equal again.
  let j = k;
  while (j < out.length && small[j] !== out[j]) j++;
  if (small.slice(k, j).some((d) => d !== 1) || small.slice(j).some((d, i) => d !== out[j + i])) return null;
  return { shape: out, inner: sizeOf(out.slice(k, j)), block: sizeOf(out.slice(j)) };
}

function binary(op: 0 | 1 | 2 | 3): NativeKernel {
  return ({ inputs, backend }, addon) => {
    const be = backend as CpuBackendLike;
    const { a, b } = inputs as Record<string, tf.TensorInfo>;
    const av = f32(be, a), bv = f32(be, b);
    if (!av || !bv) return null;
    const shape = trailingBroadcast(a.shape, b.shape);
    if (shape) return output(be, shape, (out) => addon.binary(op, av, bv, out));
    const column = columnBroadcast(a.shape, b.shape);
    if (column) return output(be, column.shape, (out) => addon.binary(op, av, bv, out, column.inner, column.block));
    return null;
  };
}

export const add = binary(0);
export const sub = binary(1);
export const multiply = binary(2);
export const realDiv = binary(3);

export const softmax: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { logits } = inputs as Record<string, tf.TensorInfo>;
  const { dim } = attrs as unknown as tf.SoftmaxAttrs;
  const xv = f32(b, logits);
  const rank = logits.shape.length;
  if (!xv || rank === 0 || (dim !== -1 && dim !== rank - 1) || sizeOf(logits.shape) === 0) return null;
  return output(b, logits.shape, (y) => addon.softmax(xv, y, logits.shape[rank - 1]));
};

export interface SumPlan { outer: number; inner: number; mode: 0 | 1; outShape: number[] }

/** Sum over leading axes (mode 0) or trailing axes (mode 1) of a row-major tensor; else null. */
export function sumPlan(shape: number[], axis: number | number[], keepDims: boolean): SumPlan | null {
  const axes = [...tf.util.parseAxisParam(axis, shape)].sort((p, q) => p - q);
  const r = shape.length, k = axes.length;
  if (k === 0 || sizeOf(shape) === 0 || new Set(axes).size !== k) return null;
  const kept = shape.filter((_, i) => !axes.includes(i));
  const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
  if (axes.every((ax, i) => ax === r - k + i)) {
    return { outer: sizeOf(shape.slice(0, r - k)), inner: sizeOf(shape.slice(r - k)), mode: 1, outShape };
  }
  if (axes.every((ax, i) => ax === i)) {
    return { outer: sizeOf(shape.slice(0, k)), inner: sizeOf(shape.slice(k)), mode: 0, outShape };
  }
  return null;
}

export const sum: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
  const xv = f32(b, x);
  const plan = xv ? sumPlan(x.shape, axis, keepDims) : null;
  if (!xv || !plan) return null;
  return output(b, plan.outShape, (out) => addon.sum(xv, out, plan.outer, plan.inner, plan.mode));
};

/** Mean over one run of adjacent axes: x as [outer, mid, inner], mid the reduced axes; else null. */
export function meanPlan(shape: number[], axis: number | number[], keepDims: boolean): { outer: number; mid: number; inner: number; outShape: number[] } | null {
  const axes = [...tf.util.parseAxisParam(axis, shape)].sort((p, q) => p - q);
  const k = axes.length;
  if (k === 0 || sizeOf(shape) === 0 || new Set(axes).size !== k || axes[k - 1] - axes[0] !== k - 1) return null;
  const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
  return { outer: sizeOf(shape.slice(0, axes[0])), mid: sizeOf(shape.slice(axes[0], axes[k - 1] + 1)), inner: sizeOf(shape.slice(axes[k - 1] + 1)), outShape };
}

/** Mean over adjacent axes (global average pooling's [1, 2] of NHWC); others fall back. */
export const mean: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const { axis, keepDims } = attrs as unknown as tf.MeanAttrs;
  const xv = f32(b, x);
  const plan = xv ? meanPlan(x.shape, axis, keepDims) : null;
  if (!xv || !plan) return null;
  return output(b, plan.outShape, (out) => addon.mean(xv, out, plan.outer, plan.mid, plan.inner));
};

/** dy·[0 < y < 6] in one pass, for dy and relu6's output y of one size. */
const relu6Grad: NativeKernel = ({ inputs, backend }, addon) => {
  const b = backend as CpuBackendLike;
  const { dy, y } = inputs as Record<string, tf.TensorInfo>;
  const dyv = f32(b, dy), yv = f32(b, y);
  if (!dyv || !yv || !tf.util.arraysEqual(dy.shape, y.shape) || dyv.length === 0) return null;
  return output(b, dy.shape, (out) => addon.binary(5, dyv, yv, out));
};

/** The NetspecRelu6 and NetspecRelu ops' kernels (relu6-op.ts, relu-op.ts; NetspecReluGrad is the conv's), the portable ones for what they decline. */
export function netspecRelu6Kernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  return [
    withFallback(NETSPEC_RELU6, backendName, relu6, portableKernel(NETSPEC_RELU6, backendName), addon),
    withFallback(NETSPEC_RELU6_GRAD, backendName, relu6Grad, portableKernel(NETSPEC_RELU6_GRAD, backendName), addon),
    withFallback(NETSPEC_RELU, backendName, relu, portableKernel(NETSPEC_RELU, backendName), addon),
  ];
}
