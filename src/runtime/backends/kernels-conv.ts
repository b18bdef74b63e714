// Conv2D, FusedConv2D and both convolution gradients on oneDNN. NHWC only; NCHW, dtypes other
// than float32 and activations other than linear/relu decline to the pure-JS kernels.
import * as tf from '@tensorflow/tfjs';
import { ConvMode, type ConvParams } from './native-addon.ts';
import { conv2dInto, f32, output, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';

type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Shape4 = [number, number, number, number];

/**
 * The bottom/right padding that makes oneDNN's rule out = ⌊(in + lo + hi − eff) / stride⌋ + 1
 * give tfjs's output size: tfjs's own value when it fits, else the smallest that does (tfjs's
 * 'ceil' rounding reads past the input, which is the same as more zero padding).
 */
export function fitPadding(inSize: number, outSize: number, stride: number, effFilter: number, lo: number, hi: number): number | null {
  const fits = (h: number) => h >= 0 && inSize + lo + h >= effFilter && Math.floor((inSize + lo + h - effFilter) / stride) + 1 === outSize;
  if (fits(hi)) return hi;
  const least = (outSize - 1) * stride + effFilter - inSize - lo;
  return fits(least) ? least : null;
}

/** The addon's conv parameters for a tfjs conv geometry, or null when oneDNN can't express it. */
export function convParams(ci: Conv2DInfo, groups = 1): ConvParams | null {
  if (ci.dataFormat !== 'channelsLast') return null;
  const { top, left } = ci.padInfo;
  const bottom = fitPadding(ci.inHeight, ci.outHeight, ci.strideHeight, ci.effectiveFilterHeight, top, ci.padInfo.bottom);
  const right = fitPadding(ci.inWidth, ci.outWidth, ci.strideWidth, ci.effectiveFilterWidth, left, ci.padInfo.right);
  if (bottom === null || right === null || top < 0 || left < 0) return null;
  return {
    batch: ci.batchSize, inSize: [ci.inHeight, ci.inWidth], inChannels: ci.inChannels,
    outSize: [ci.outHeight, ci.outWidth], outChannels: ci.outChannels, kernelSize: [ci.filterHeight, ci.filterWidth],
    strides: [ci.strideHeight, ci.strideWidth], dilation: [ci.dilationHeight, ci.dilationWidth], pad: [top, bottom, left, right], groups,
  };
}

type ConvAttrs = tf.Conv2DAttrs & { activation?: string };

function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs, dilations: ConvAttrs['dilations']): Conv2DInfo | null {
  if (attrs.dataFormat === 'NCHW') return null;
  return tf.backend_util.computeConv2DInfo(
    xShape as Shape4, filterShape as Shape4, attrs.strides, dilations, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

/** Conv2D and FusedConv2D (bias [oc] and relu fused into the oneDNN primitive). */
export const conv2d: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const a = attrs as unknown as ConvAttrs;
  const { x, filter, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo | undefined>;
  const activation = a.activation ?? 'linear';
  if (!x || !filter || preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return null;
  const xv = f32(b, x), wv = f32(b, filter);
  const ci = convInfo(x.shape, filter.shape, a, a.dilations);
  const params = ci && convParams(ci);
  if (!xv || !wv || !ci || !params) return null;
  let bv: Float32Array | null = null;
  if (bias) {
    bv = f32(b, bias);
    if (!bv || bv.length !== ci.outChannels || bias.shape.length > 1) return null;
  }
  return output(b, ci.outShape, (y) => conv2dInto(b, addon, ConvMode.Forward, params, xv, wv, y, bv, activation === 'relu'));
};

/** Conv2DBackpropInput: dx from dy and the filter. */
export const conv2dBackpropInput: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const { dy, filter } = inputs as Record<string, tf.TensorInfo>;
  const dyv = f32(b, dy), wv = f32(b, filter);
  const ci = convInfo(a.inputShape, filter.shape, a as unknown as ConvAttrs, 1);
  const params = ci && convParams(ci);
  if (!dyv || !wv || !ci || !params || !tf.util.arraysEqual(dy.shape, ci.outShape)) return null;
  return output(b, ci.inShape, (dx) => conv2dInto(b, addon, ConvMode.BackwardData, params, dyv, wv, dx));
};

/** Conv2DBackpropFilter: dfilter from x and dy. */
export const conv2dBackpropFilter: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const { x, dy } = inputs as Record<string, tf.TensorInfo>;
  const xv = f32(b, x), dyv = f32(b, dy);
  const ci = convInfo(x.shape, a.filterShape, a as unknown as ConvAttrs, 1);
  const params = ci && convParams(ci);
  if (!xv || !dyv || !ci || !params || !tf.util.arraysEqual(dy.shape, ci.outShape)) return null;
  return output(b, ci.filterShape, (dw) => conv2dInto(b, addon, ConvMode.BackwardFilter, params, xv, dyv, dw));
};
