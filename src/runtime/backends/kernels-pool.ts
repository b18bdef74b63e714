// MaxPool, AvgPool and their gradients, plus LRN and LRNGrad (tf's and netspec's, lrn-op.ts): multithreaded native loops.
import * as tf from '@tensorflow/tfjs';
import { portableKernel } from './fallback.ts';
import { NETSPEC_LRN, NETSPEC_LRN_GRAD, type NetspecLrnAttrs } from './lrn-op.ts';
import { NETSPEC_MAX_POOL, NETSPEC_MAX_POOL_GRAD, type NetspecMaxPoolAttrs } from './maxpool-op.ts';
import type { LrnParams, NativeAddon, PoolParams } from './native-addon.ts';
import { f32, output, sizeOf, withFallback, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';

type Shape4 = [number, number, number, number];

/** The addon's pool parameters for a tfjs pool geometry, or null when it is empty. */
export function poolParams(xShape: number[], attrs: tf.MaxPoolAttrs): { params: PoolParams; outShape: number[] } | null {
  if (xShape.length !== 4) return null;
  const ci = tf.backend_util.computePool2DInfo(xShape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (sizeOf(ci.outShape) === 0 || sizeOf(ci.inShape) === 0) return null;
  return {
    params: {
      batch: ci.batchSize, inSize: [ci.inHeight, ci.inWidth], channels: ci.inChannels, outSize: [ci.outHeight, ci.outWidth],
      kernelSize: [ci.filterHeight, ci.filterWidth], strides: [ci.strideHeight, ci.strideWidth], padTopLeft: [ci.padInfo.top, ci.padInfo.left],
    },
    outShape: ci.outShape,
  };
}

type PoolGeometry = (xShape: number[], attrs: tf.NamedAttrMap) => { params: PoolParams; outShape: number[] } | null;

/** Max pooling over the geometry `geometry` reads from the kernel's attributes (tf's or NetspecMaxPool's). */
const maxPoolWith = (geometry: PoolGeometry): NativeKernel => ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, x);
  const p = geometry(x.shape, attrs!);
  if (!xv || !p) return null;
  return output(b, p.outShape, (y) => addon.maxPool(p.params, xv, y));
};

/** Its gradient: recomputes each window's (first) maximum from the input, starting at −∞. */
const maxPoolGradWith = (geometry: PoolGeometry, inputName: 'input' | 'x'): NativeKernel => ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { dy, [inputName]: input } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, input), dyv = f32(b, dy);
  const p = geometry(input.shape, attrs!);
  if (!xv || !dyv || !p || !tf.util.arraysEqual(dy.shape, p.outShape)) return null;
  return output(b, input.shape, (dx) => addon.maxPoolGrad(p.params, xv, dyv, dx));
};

const tfGeometry: PoolGeometry = (shape, attrs) => poolParams(shape, attrs as unknown as tf.MaxPoolAttrs);

export const maxPool: NativeKernel = maxPoolWith(tfGeometry);

export const avgPool: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, x);
  const p = poolParams(x.shape, attrs as unknown as tf.MaxPoolAttrs);
  if (!xv || !p) return null;
  return output(b, p.outShape, (y) => addon.avgPool(p.params, xv, y));
};

/** MaxPoolGrad (its `input` is the pooled tensor). */
export const maxPoolGrad: NativeKernel = maxPoolGradWith(tfGeometry, 'input');

/**
 * AvgPoolGrad: each window's dy is shared by its in-bounds positions, the true gradient of
 * AvgPool (which averages over those only). tfjs's cpu kernel divides by the full window size
 * instead, which differs where 'same' padding clips a window.
 */
export const avgPoolGrad: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { dy, input } = inputs as Record<string, tf.TensorInfo>;
  const dyv = f32(b, dy);
  const p = poolParams(input.shape, attrs as unknown as tf.MaxPoolAttrs);
  if (!dyv || !p || input.dtype !== 'float32' || !tf.util.arraysEqual(dy.shape, p.outShape)) return null;
  return output(b, input.shape, (dx) => addon.avgPoolGrad(p.params, dyv, dx));
};

type LrnWindowAttrs = Omit<LrnParams, 'pixels' | 'channels'>;

/** tf's LRN attributes as a window: depthRadius channels on each side. */
const tfWindow = ({ depthRadius, bias, alpha, beta }: tf.LRNAttrs): LrnWindowAttrs => ({ before: depthRadius, after: depthRadius, bias, alpha, beta });

function lrnParams(shape: number[], w: LrnWindowAttrs): LrnParams | null {
  const channels = shape[shape.length - 1];
  return shape.length >= 1 && sizeOf(shape) > 0
    ? { pixels: sizeOf(shape) / channels, channels, before: w.before, after: w.after, bias: w.bias, alpha: w.alpha, beta: w.beta }
    : null;
}

const lrnWith = (window: (attrs: tf.NamedAttrMap) => LrnWindowAttrs): NativeKernel => ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, x), params = lrnParams(x.shape, window(attrs!));
  if (!xv || !params) return null;
  return output(b, x.shape, (y) => addon.lrn(params, xv, y));
};

const lrnGradWith = (window: (attrs: tf.NamedAttrMap) => LrnWindowAttrs): NativeKernel => ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const { x, y, dy } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, x), yv = f32(b, y), dyv = f32(b, dy), params = lrnParams(x.shape, window(attrs!));
  if (!xv || !yv || !dyv || !params || !tf.util.arraysEqual(x.shape, dy.shape) || !tf.util.arraysEqual(x.shape, y.shape)) return null;
  return output(b, x.shape, (dx) => addon.lrnGrad(params, xv, yv, dyv, dx));
};

/** tf's LRN and LRNGrad (rank 4, symmetric window). */
export const lrn: NativeKernel = lrnWith((a) => tfWindow(a as unknown as tf.LRNAttrs));
export const lrnGrad: NativeKernel = lrnGradWith((a) => tfWindow(a as unknown as tf.LRNAttrs));

/** The NetspecLrn op's kernels (lrn-op.ts: any window; its attributes are the addon's), the portable ones for what they decline. */
export function netspecLrnKernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  const window = (a: tf.NamedAttrMap) => a as unknown as NetspecLrnAttrs;
  return [
    withFallback(NETSPEC_LRN, backendName, lrnWith(window), portableKernel(NETSPEC_LRN, backendName), addon),
    withFallback(NETSPEC_LRN_GRAD, backendName, lrnGradWith(window), portableKernel(NETSPEC_LRN_GRAD, backendName), addon),
  ];
}

/** The addon's pool parameters for NetspecMaxPool's explicit padding (windows clipped to the input). */
function paddedPoolParams(xShape: number[], a: NetspecMaxPoolAttrs): { params: PoolParams; outShape: number[] } | null {
  if (xShape.length !== 4 || sizeOf(xShape) === 0) return null;
  const [n, h, w, c] = xShape;
  const [kh, kw] = a.poolSize, [sh, sw] = a.strides, [t, b, l, r] = a.pad;
  const oh = Math.floor((h + t + b - kh) / sh) + 1, ow = Math.floor((w + l + r - kw) / sw) + 1;
  // Every window must hold an input element: padding narrower than the window, as the layer checks.
  if (oh <= 0 || ow <= 0 || t >= kh || l >= kw || (oh - 1) * sh - t >= h || (ow - 1) * sw - l >= w) return null;
  return {
    params: { batch: n, inSize: [h, w], channels: c, outSize: [oh, ow], kernelSize: [kh, kw], strides: [sh, sw], padTopLeft: [t, l] },
    outShape: [n, oh, ow, c],
  };
}

const ownGeometry: PoolGeometry = (shape, attrs) => paddedPoolParams(shape, attrs as unknown as NetspecMaxPoolAttrs);

/** The NetspecMaxPool op's kernels (maxpool-op.ts), the portable ones for what they decline. */
export function netspecMaxPoolKernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  return [
    withFallback(NETSPEC_MAX_POOL, backendName, maxPoolWith(ownGeometry), portableKernel(NETSPEC_MAX_POOL, backendName), addon),
    withFallback(NETSPEC_MAX_POOL_GRAD, backendName, maxPoolGradWith(ownGeometry, 'x'), portableKernel(NETSPEC_MAX_POOL_GRAD, backendName), addon),
  ];
}
