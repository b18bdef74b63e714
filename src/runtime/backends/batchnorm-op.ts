// The NetspecBatchNorm op: batch normalisation over the last axis (the channels of NHWC, the
// features of [n, c]). In training it normalises with the batch's mean and biased variance and
// returns them, for the layer's running statistics; in inference it uses the mean and variance it
// is given (the running ones) and returns copies of them. Its gradient is one more op that gives
// dx, dγ and dβ together (the standard batch-norm backward, with the statistics' dependence on x
// in training), registered once for every backend. A backend may register its own kernels for the
// two (netspec-cpu's native loops, kernels-batchnorm.ts); every other backend gets the portable
// kernels below. The statistics outputs carry no gradient: they only feed the running statistics.
// NetspecBatchNormAct is the same op followed by relu or relu6 (the training forward fuses a batch
// norm whose only consumer is one: train/forward.ts): one pass writes the activated output, and
// its gradient masks dy by that output inside the batch norm's backward, where separate ops take
// a pass each way and keep the pre-activation tensor.
import * as tf from '@tensorflow/tfjs';
import { NETSPEC_RELU_GRAD } from './conv-op.ts';
import { definePortableKernel, runKernel } from './fallback.ts';
import { NETSPEC_RELU6_GRAD } from './relu6-op.ts';

export const NETSPEC_BATCH_NORM = 'NetspecBatchNorm';
export const NETSPEC_BATCH_NORM_ACT = 'NetspecBatchNormAct';
export const NETSPEC_BATCH_NORM_GRAD = 'NetspecBatchNormGrad';

/** The activations a batch norm can apply to its own output. */
export type BatchNormActivation = 'relu' | 'relu6';
export const BATCH_NORM_ACTIVATIONS: readonly BatchNormActivation[] = ['relu', 'relu6'];

export interface NetspecBatchNormAttrs {
  /** Added to the variance before its square root. */
  epsilon: number;
  /** Normalise with the batch's statistics (and return them), else with the given mean and variance. */
  training: boolean;
  /** Applied to the output (NetspecBatchNormAct, and its gradient's kernel); none for NetspecBatchNorm. */
  activation?: BatchNormActivation;
}

export interface BatchNormParams {
  /** Scale γ, one per channel; none is γ = 1. */
  gamma?: tf.Tensor;
  /** Shift β, one per channel; none is β = 0. */
  beta?: tf.Tensor;
  /** The statistics to normalise with in inference (the running ones); unused in training. */
  mean?: tf.Tensor;
  variance?: tf.Tensor;
}

export interface BatchNormResult {
  y: tf.Tensor;
  /** The batch's mean and biased variance in training; the given ones in inference. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** y = (x − mean)/√(variance + ε)·γ + β over the last axis of x, then attrs.activation if given. */
export function netspecBatchNorm(x: tf.Tensor, p: BatchNormParams, attrs: NetspecBatchNormAttrs): BatchNormResult {
  const c = x.shape[x.rank - 1];
  // γ is always an input (ones when the layer has none): the gradient must save it, and a saved
  // input cannot be optional. Multiplying by ones gives the same values as not multiplying.
  const inputs: tf.NamedTensorMap = { x, gamma: p.gamma ?? tf.ones([c]) };
  if (p.beta) inputs.beta = p.beta;
  if (!attrs.training) {
    if (!p.mean || !p.variance) throw new Error(`${NETSPEC_BATCH_NORM}: inference needs the mean and variance to normalise with`);
    Object.assign(inputs, { mean: p.mean, variance: p.variance });
  }
  const kernel = attrs.activation ? NETSPEC_BATCH_NORM_ACT : NETSPEC_BATCH_NORM;
  const [y, mean, variance] = runKernel(kernel, inputs, attrs) as tf.Tensor[];
  return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/** Both ops' gradient; the fused one also saved its output y, which masks dy. */
function batchNormGradient(dys: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap, withOutput: boolean) {
  const [x, gamma] = saved;
  const [y, mean, variance] = withOutput ? saved.slice(2) : [undefined, ...saved.slice(2)] as [undefined, tf.Tensor, tf.Tensor];
  const a = attrs as unknown as NetspecBatchNormAttrs;
  const dyOut = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor | null;
  const dy = dyOut ?? tf.zerosLike(x);
  // All three at once, now (each closure runs in its own tidy): they live until the backward pass ends.
  const inputs: tf.NamedTensorMap = { x, dy, gamma, mean, variance };
  if (y) inputs.y = y;
  const [dx, dgamma, dbeta] = runKernel(NETSPEC_BATCH_NORM_GRAD, inputs, a) as tf.Tensor[];
  const grads: Record<string, () => tf.Tensor> = { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
  if (!a.training) {
    // Inference only: the given statistics are inputs. With s = γ/√(var + ε):
    // ∂L/∂mean = −s·Σdy = −s·dβ and ∂L/∂var = −½·s·Σ dy·(x − mean)/(var + ε) = −½·γ·dγ/(var + ε).
    const rstd = () => tf.rsqrt(tf.add(variance, a.epsilon));
    grads.mean = () => tf.neg(tf.mul(tf.mul(gamma, rstd()), dbeta));
    grads.variance = () => tf.mul(tf.mul(tf.mul(gamma, dgamma), tf.square(rstd())), -0.5);
  }
  return grads;
}

tf.registerGradient({
  kernelName: NETSPEC_BATCH_NORM,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => batchNormGradient(dys, saved, attrs, false),
});

tf.registerGradient({
  kernelName: NETSPEC_BATCH_NORM_ACT,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [true, true, true],
  gradFunc: (dys, saved, attrs) => batchNormGradient(dys, saved, attrs, true),
});

// ---- The portable kernels: tf ops. Reductions over the rows are products with a row of 1/n (or
// of ones): a matrix product is fast on every backend, while tfjs' Mean and Sum over leading axes
// transpose first.

/**
 * Per-channel mean and biased variance over every axis but the last, as products with a row of
 * 1/n. Also returns x − mean as [n, channels].
 */
export function channelMoments(x: tf.Tensor): { mean: tf.Tensor1D; variance: tf.Tensor1D; centred: tf.Tensor2D } {
  const c = x.shape[x.rank - 1];
  const n = x.size / c;
  const flat = tf.reshape(x, [n, c]) as tf.Tensor2D;
  const average = tf.fill([1, n], 1 / n) as tf.Tensor2D;
  const mean = tf.matMul(average, flat);
  const centred = tf.sub(flat, mean) as tf.Tensor2D;
  const variance = tf.matMul(average, tf.square(centred));
  return { mean: tf.reshape(mean, [c]) as tf.Tensor1D, variance: tf.reshape(variance, [c]) as tf.Tensor1D, centred };
}

/** Σ over the rows of t [n, c], as [c]. */
const columnSums = (t: tf.Tensor2D): tf.Tensor1D => tf.reshape(tf.matMul(tf.ones([1, t.shape[0]]) as tf.Tensor2D, t), [t.shape[1]]) as tf.Tensor1D;

type Inputs = Record<string, tf.Tensor | undefined>;
const portable = (f: (inputs: Inputs, attrs: NetspecBatchNormAttrs) => tf.Tensor[]): tf.KernelFunc =>
  ({ inputs, attrs }) => tf.tidy(() => f(inputs as unknown as Inputs, attrs as unknown as NetspecBatchNormAttrs));

/** The batch norm's output and statistics, tf ops. */
function portableForward({ x, gamma, beta, mean, variance }: Inputs, a: NetspecBatchNormAttrs): tf.Tensor[] {
  if (!a.training) {
    // y = x·s + b with s = γ/√(var + ε), b = β − mean·s: per-channel work, then two broadcasts.
    const s = tf.mul(tf.rsqrt(tf.add(variance!, a.epsilon)), gamma!);
    const b = tf.sub(beta ?? 0, tf.mul(mean!, s));
    return [tf.add(tf.mul(x!, s), b), tf.clone(mean!), tf.clone(variance!)];
  }
  const m = channelMoments(x!);
  const s = tf.mul(tf.rsqrt(tf.add(m.variance, a.epsilon)), gamma!);
  return [tf.reshape(tf.add(tf.mul(m.centred, s), beta ?? 0), x!.shape), m.mean, m.variance];
}

definePortableKernel(NETSPEC_BATCH_NORM, () => portable(portableForward));
definePortableKernel(NETSPEC_BATCH_NORM_ACT, () => portable((inputs, a) => {
  const [y, mean, variance] = portableForward(inputs, a);
  return [a.activation === 'relu6' ? tf.relu6(y) : tf.relu(y), mean, variance];
}));

// With x̂ = (x − mean)/√(var + ε), s = γ/√(var + ε) and n rows: dβ = Σ dy, dγ = Σ dy·x̂, and
// dx = s·(dy − dβ/n − x̂·dγ/n) in training (the statistics depend on x), dx = s·dy in inference.
// After an activation, dy is first its gradient (from the output y: the ops' own gradient kernels).
definePortableKernel(NETSPEC_BATCH_NORM_GRAD, () => portable(({ x, dy: dyOut, y, gamma, mean, variance }, a) => {
  const mask = a.activation === 'relu6' ? NETSPEC_RELU6_GRAD : NETSPEC_RELU_GRAD;
  const dy = a.activation ? (runKernel(mask, { dy: dyOut!, y: y! }, {}) as tf.Tensor) : dyOut;
  const c = x!.shape[x!.rank - 1];
  const n = x!.size / c;
  const rstd = tf.rsqrt(tf.add(variance!, a.epsilon));
  const g = tf.reshape(dy!, [n, c]) as tf.Tensor2D;
  const xhat = tf.mul(tf.sub(tf.reshape(x!, [n, c]), mean!), rstd) as tf.Tensor2D;
  const dbeta = columnSums(g);
  const dgamma = columnSums(tf.mul(g, xhat) as tf.Tensor2D);
  const s = tf.mul(rstd, gamma!);
  const dx = a.training
    ? tf.mul(tf.sub(tf.sub(g, tf.div(dbeta, n)), tf.mul(xhat, tf.div(dgamma, n))), s)
    : tf.mul(g, s);
  return [tf.reshape(dx, x!.shape), dgamma, dbeta];
}));
