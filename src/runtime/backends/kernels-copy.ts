// Slice, SplitV, Concat and PadV2 as native box copies. Contiguous slices and splits decline:
// the cpu kernels return zero-copy views for those.
import * as tf from '@tensorflow/tfjs';
import { f32, output, sizeOf, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';

const zeros = (n: number) => new Array<number>(n).fill(0);

export const slice: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const a = attrs as unknown as tf.SliceAttrs;
  const xv = f32(b, x);
  if (!xv || x.shape.length === 0) return null;
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, a.begin, a.size);
  tf.slice_util.assertParamsValid(x as tf.Tensor, begin, size);
  if (sizeOf(size) === 0 || tf.slice_util.isSliceContinous(x.shape, begin, size)) return null;
  return output(b, size, (out) => addon.copyBox(xv, x.shape, begin, out, size, zeros(size.length), size));
};

export const splitV: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const { numOrSizeSplits, axis } = attrs as unknown as tf.SplitVAttrs;
  const xv = f32(b, x);
  if (!xv || x.shape.length === 0) return null;
  const ax = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, ax);
  const first = x.shape.map((d, i) => (i === ax ? sizes[0] : d));
  if (sizeOf(x.shape) === 0 || tf.slice_util.isSliceContinous(x.shape, zeros(x.shape.length), first)) return null;
  let at = 0;
  return sizes.map((s) => {
    const begin = x.shape.map((_, i) => (i === ax ? at : 0));
    const size = x.shape.map((d, i) => (i === ax ? s : d));
    at += s;
    return output(b, size, (out) => addon.copyBox(xv, x.shape, begin, out, size, zeros(size.length), size));
  });
};

export const concat: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const list = (Array.isArray(inputs) ? inputs : Object.values(inputs)) as tf.TensorInfo[];
  const { axis } = attrs as unknown as tf.ConcatAttrs;
  if (list.length === 0 || list[0].shape.length === 0) return null;
  const ax = tf.util.parseAxisParam(axis, list[0].shape)[0];
  tf.backend_util.assertParamsConsistent(list.map((t) => t.shape), ax);
  const parts = list.filter((t) => sizeOf(t.shape) > 0);
  const values = parts.map((t) => f32(b, t));
  if (parts.length < 2 || values.some((v) => v === null)) return null;
  const outShape = tf.backend_util.computeOutShape(parts.map((t) => t.shape), ax);
  return output(b, outShape, (out) => {
    let at = 0;
    parts.forEach((t, i) => {
      addon.copyBox(values[i]!, t.shape, zeros(t.shape.length), out, outShape, outShape.map((_, k) => (k === ax ? at : 0)), t.shape);
      at += t.shape[ax];
    });
  });
};

export const padV2: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const { paddings, constantValue } = attrs as unknown as tf.PadV2Attrs;
  const xv = f32(b, x);
  if (!xv || x.shape.length === 0 || sizeOf(x.shape) === 0 || paddings.some(([lo, hi]) => lo < 0 || hi < 0)) return null;
  const outShape = paddings.map((p, i) => p[0] + x.shape[i] + p[1]);
  return output(b, outShape, (out) => {
    addon.fill(out, constantValue);
    addon.copyBox(xv, x.shape, zeros(x.shape.length), out, outShape, paddings.map((p) => p[0]), x.shape);
  });
};
