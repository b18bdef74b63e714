// The NetspecMaxPool op: max pooling with explicit [top, bottom, left, right] padding (bottom and
// right including any ceil overhang), padding ignored as in PyTorch, and its gradient as one more
// op. netspec-cpu runs each as one native pass over the unpadded input (kernels-pool.ts); tfjs'
// composition of pad, maxPool, min, add, sub, pad, maxPoolGrad and slice took about 400 ms of a
// 32-image ResNet-18 training step. Every other backend gets that composition as portable kernels.
import * as tf from '@tensorflow/tfjs';
import { definePortableKernel, runKernel } from './fallback.ts';

export const NETSPEC_MAX_POOL = 'NetspecMaxPool';
export const NETSPEC_MAX_POOL_GRAD = 'NetspecMaxPoolGrad';

export interface NetspecMaxPoolAttrs {
  poolSize: [number, number];
  strides: [number, number];
  /** [top, bottom, left, right]; each window lies within the padded input. */
  pad: [number, number, number, number];
}

/**
 * Fills max-pool padding in the portable kernels. Finite, so no infinity ever reaches arithmetic
 * (0 · −∞ is NaN); every window holds a real value (pad < window), so it never shows in an output.
 */
export const MAX_POOL_PAD_VALUE = -3.4e38;

export function netspecMaxPool(x: tf.Tensor4D, attrs: NetspecMaxPoolAttrs): tf.Tensor4D {
  return runKernel(NETSPEC_MAX_POOL, { x }, attrs) as tf.Tensor4D;
}

tf.registerGradient({
  kernelName: NETSPEC_MAX_POOL,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    return { x: () => runKernel(NETSPEC_MAX_POOL_GRAD, { dy: dy as tf.Tensor, x }, attrs) as tf.Tensor };
  },
});

const padsOf = ({ pad: [t, b, l, r] }: NetspecMaxPoolAttrs): [number, number][] => [[0, 0], [t, b], [l, r], [0, 0]];
const padded = (v: tf.Tensor4D, a: NetspecMaxPoolAttrs, fill: number) =>
  a.pad.some((p) => p > 0) ? tf.pad(v, padsOf(a), fill) : v;

definePortableKernel(NETSPEC_MAX_POOL, () => ({ inputs, attrs }) => tf.tidy(() => {
  const a = attrs as unknown as NetspecMaxPoolAttrs;
  return tf.maxPool(padded(inputs.x as tf.Tensor4D, a, MAX_POOL_PAD_VALUE), a.poolSize, a.strides, 'valid');
}));

// tfjs-backend-wasm's MaxPoolGrad starts each window's running max at FLT_MIN (the smallest
// positive float), so a window whose max is <= 0 would send its gradient nowhere. The maxima are
// therefore located on the input shifted to >= 1 (padding 0 < 1). That keeps every argmax, up to
// rounding between near-equal values, where either is a valid subgradient.
definePortableKernel(NETSPEC_MAX_POOL_GRAD, () => ({ inputs, attrs }) => tf.tidy(() => {
  const a = attrs as unknown as NetspecMaxPoolAttrs;
  const { dy, x } = inputs as unknown as { dy: tf.Tensor4D; x: tf.Tensor4D };
  const shifted = padded(tf.add(tf.sub(x, tf.min(x)), 1) as tf.Tensor4D, a, 0);
  const output = tf.maxPool(shifted, a.poolSize, a.strides, 'valid');
  const dx = tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: shifted, output }, { filterSize: a.poolSize, strides: a.strides, pad: 'valid' }) as tf.Tensor4D;
  return tf.slice(dx, [0, a.pad[0], a.pad[2], 0], x.shape);
}));
