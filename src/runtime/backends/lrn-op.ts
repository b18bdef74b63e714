// The NetspecLrn op: local response normalisation across channels with a window of `before`
// channels before each channel and `after` after it, which even windows need (PyTorch's size n
// sums c − floor(n/2) … c + floor((n−1)/2)); tf's LRN op has one symmetric depthRadius. With
// N_c = bias + α Σ_{j=c−before}^{c+after} x_j² (zero outside the channels) and y_c = x_c N_c^−β,
//     dx_i = dy_i N_i^−β − 2αβ x_i Σ_{c=i−after}^{i+before} dy_c y_c / N_c
// (i is in c's window exactly when c is in i's mirrored window: before and after swap). The
// gradient is its own op, so that a backend may register a kernel for it (netspec-cpu's native
// loop, webgpu's kernel in webgpu-kernels.ts); every other backend gets the portable kernels below.
import * as tf from '@tensorflow/tfjs';
import { definePortableKernel, runKernel } from './fallback.ts';

export const NETSPEC_LRN = 'NetspecLrn';
export const NETSPEC_LRN_GRAD = 'NetspecLrnGrad';

export interface NetspecLrnAttrs {
  /** Channels in the window before each channel, and after it. */
  before: number;
  after: number;
  bias: number;
  /** Multiplies the plain sum of squares (tf's convention; divide by n first for PyTorch's). */
  alpha: number;
  beta: number;
}

/** The window of PyTorch's (and Caffe's, Paddle's) size n: floor(n/2) channels before, floor((n−1)/2) after. */
export const lrnWindow = (size: number): { before: number; after: number } => ({ before: Math.floor(size / 2), after: Math.floor((size - 1) / 2) });

/** y = x · (bias + α Σ_window x²)^−β over the last axis of x (NHWC: the channels). */
export function netspecLrn<T extends tf.Tensor>(x: T, attrs: NetspecLrnAttrs): T {
  return runKernel(NETSPEC_LRN, { x }, attrs) as T;
}

tf.registerGradient({
  kernelName: NETSPEC_LRN,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved;
    return { x: () => runKernel(NETSPEC_LRN_GRAD, { x, y, dy: dy as tf.Tensor }, attrs) as tf.Tensor };
  },
});

// ---- The portable kernels: tf ops.

/**
 * out[…, c] = Σ_{j=c−before}^{c+after} t[…, j], zero outside the channels: one product with the
 * 0/1 band matrix B[j, c] = [c − before ≤ j ≤ c + after], which every backend runs fast whatever
 * the window (the seed's is 96 channels wide).
 */
export function channelWindowSum(t: tf.Tensor, before: number, after: number): tf.Tensor {
  const c = t.shape[t.shape.length - 1];
  const band = new Float32Array(c * c);
  for (let col = 0; col < c; col++) {
    for (let j = Math.max(0, col - before); j <= Math.min(c - 1, col + after); j++) band[j * c + col] = 1;
  }
  return tf.reshape(tf.matMul(tf.reshape(t, [-1, c]), tf.tensor2d(band, [c, c])), t.shape);
}

type Inputs = Record<string, tf.Tensor>;
const portable = (f: (inputs: Inputs, attrs: NetspecLrnAttrs) => tf.Tensor): tf.KernelFunc =>
  ({ inputs, attrs }) => tf.tidy(() => f(inputs as unknown as Inputs, attrs as unknown as NetspecLrnAttrs));

const norm = (x: tf.Tensor, a: NetspecLrnAttrs) => tf.add(tf.mul(channelWindowSum(tf.square(x), a.before, a.after), a.alpha), a.bias);

definePortableKernel(NETSPEC_LRN, () => portable(({ x }, a) => tf.mul(x, tf.pow(norm(x, a), -a.beta))));

definePortableKernel(NETSPEC_LRN_GRAD, () => portable(({ x, y, dy }, a) => {
  const n = norm(x, a);
  const spread = channelWindowSum(tf.div(tf.mul(dy, y), n), a.after, a.before);
  return tf.sub(tf.mul(dy, tf.pow(n, -a.beta)), tf.mul(tf.mul(x, spread), 2 * a.alpha * a.beta));
}));
