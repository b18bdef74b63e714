// The NetspecConv op: a 2-D convolution with channel groups, dilation, explicit asymmetric padding,
// and bias and relu fused, which is all NetspecConv2D needs. Its gradient is two more ops, input
// and filter gradient, registered once for every backend; the engine runs only those it needs
// (never the input image's). A backend may register its own kernels for the three (netspec-cpu's
// oneDNN ones, kernels-netspec-conv.ts); every other backend gets the portable kernels below.
import * as tf from '@tensorflow/tfjs';
import { definePortableKernel, runKernel } from './fallback.ts';

export const NETSPEC_CONV = 'NetspecConv';
export const NETSPEC_CONV_INPUT_GRAD = 'NetspecConvInputGrad';
export const NETSPEC_CONV_FILTER_GRAD = 'NetspecConvFilterGrad';
export const NETSPEC_RELU_GRAD = 'NetspecReluGrad';

type Pad4 = [number, number, number, number];
type Shape4 = [number, number, number, number];

export interface NetspecConvAttrs {
  strides: [number, number];
  /** [top, bottom, left, right]. */
  pad: Pad4;
  dilation: [number, number];
  /** Channel groups: input and output channels are both split into this many, as in PyTorch. */
  groups: number;
  /** Apply relu to the output (fused into the convolution where the backend can). */
  relu: boolean;
}

/** y = relu?(conv(x, filter) + bias); x [n, h, w, c], filter [kh, kw, c/groups, oc], bias [oc]. */
export function netspecConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | undefined, attrs: NetspecConvAttrs): tf.Tensor4D {
  return runKernel(NETSPEC_CONV, bias ? { x, filter, bias } : { x, filter }, attrs) as tf.Tensor4D;
}

tf.registerGradient({
  kernelName: NETSPEC_CONV,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved;
    const a = attrs as unknown as NetspecConvAttrs;
    const run = (name: string, inputs: tf.NamedTensorMap, extra: object = {}) => runKernel(name, inputs, { ...a, ...extra }) as tf.Tensor;
    // relu's gradient once, now rather than in each closure; the backward walk (backprop.ts)
    // frees it once this node's input gradients are taken.
    const g = a.relu ? run(NETSPEC_RELU_GRAD, { dy: dy as tf.Tensor, y }) : (dy as tf.Tensor);
    return {
      x: () => run(NETSPEC_CONV_INPUT_GRAD, { dy: g, filter }, { inputShape: x.shape }),
      filter: () => run(NETSPEC_CONV_FILTER_GRAD, { x, dy: g }, { filterShape: filter.shape }),
      bias: () => tf.sum(g, [0, 1, 2]),
    };
  },
});

// ---- The portable kernels: tf ops, the same ones (so the same values) tf's own gradients would run.

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
const explicit = ([t, b, l, r]: Pad4): ExplicitPadding => [[0, 0], [t, b], [l, r], [0, 0]];

/**
 * Spreads kernel taps `dilation` apart with zeros. The portable kernels convolve with this
 * dilation-1 kernel: tf.conv2d has no gradient for dilation > 1 and refuses it with stride > 1.
 * Rows, then columns, with ops of rank ≤ 4 (webgpu's PadV2 of rank 5 gives wrong values).
 */
export function dilateKernel(kernel: tf.Tensor4D, dilation: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilation;
  if (dh === 1 && dw === 1) return kernel;
  const [kh, kw, ci, co] = kernel.shape;
  const hk = (kh - 1) * dh + 1, wk = (kw - 1) * dw + 1;
  return tf.tidy(() => {
    const rows = tf.pad(tf.reshape(kernel, [kh, 1, kw * ci * co]), [[0, 0], [0, dh - 1], [0, 0]]);
    const tall = tf.slice(tf.reshape(rows, [kh * dh, kw * ci * co]), 0, [hk, kw * ci * co]);
    const cols = tf.pad(tf.reshape(tall, [hk, kw, 1, ci * co]), [[0, 0], [0, 0], [0, dw - 1], [0, 0]]);
    return tf.slice(tf.reshape(cols, [hk, kw * dw, ci, co]), 0, [hk, wk, ci, co]) as tf.Tensor4D;
  });
}

/** The gradient of dilateKernel: the taps of the dilated kernel's gradient that are real taps. */
function undilateKernel(g: tf.Tensor4D, kernelShape: Shape4, dilation: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilation;
  if (dh === 1 && dw === 1) return g;
  const [kh, kw, ci, co] = kernelShape;
  const full = tf.pad(g, [[0, dh - 1], [0, dw - 1], [0, 0], [0, 0]]); // [kh·dh, kw·dw, ci, co]
  const rows = tf.slice(tf.reshape(full, [kh, dh, kw * dw * ci * co]), 0, [kh, 1, kw * dw * ci * co]);
  return tf.reshape(tf.slice(tf.reshape(rows, [kh, kw, dw, ci * co]), 0, [kh, kw, 1, ci * co]), kernelShape);
}

/** f on each channel group of a and b (split on the last axis), concatenated: tf has no groups (tensorflow/tfjs#3900). */
function perGroup(groups: number, a: tf.Tensor4D, b: tf.Tensor4D, f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  if (groups === 1) return f(a, b);
  const bs = tf.split(b, groups, 3) as tf.Tensor4D[];
  return tf.concat((tf.split(a, groups, 3) as tf.Tensor4D[]).map((ag, j) => f(ag, bs[j])), 3);
}

/**
 * dL/dkernel for y = conv2d(x, kernel, strides, pad), given dy = dL/dy:
 * dK[i, j, c, o] = Σ_{n, p, q} xpad[n, p·sh + i, q·sw + j, c] · dy[n, p, q, o]. That is a 'valid'
 * convolution of xpad with the batch as channels (summed) and the input channels as the batch,
 * by the filter dy with the batch as its input channels, dilated by the stride: a forward
 * convolution, which every backend has and runs fast.
 */
export function conv2dKernelGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kernelShape: Shape4, strides: [number, number], pad: Pad4): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = kernelShape;
    const xt = tf.transpose(tf.pad(x, explicit(pad)), [3, 1, 2, 0]); // [cin, Hp, Wp, n]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, n, cout]
    // Rows past the last window (floor rounding) come out as extra rows, dropped by the slice.
    const g = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', strides); // [cin, >= kh, >= kw, cout]
    return tf.transpose(tf.slice(g, 0, [cin, kh, kw, cout]), [1, 2, 0, 3]);
  });
}

/** The backend's own Conv2DBackpropFilter, as tf.conv2d's gradient runs it. */
function backendKernelGrad(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: Shape4, strides: [number, number], pad: Pad4): tf.Tensor4D {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
    { strides, pad: explicit(pad), dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * Backends whose Conv2DBackpropFilter is missing (wasm) or tens of times slower than the forward
 * pass (the pure-JS cpu): their portable filter gradient is conv2dKernelGrad. Elsewhere (webgpu,
 * tfjs-node) the backend's kernel is faster than its transposes.
 */
const HAND_WRITTEN_FILTER_GRAD = new Set(['cpu', 'wasm']);

type Inputs = Record<string, tf.Tensor | undefined>;

/** A portable kernelFunc; its inputs are the tensors the op passed to runKernel. */
const portable = (f: (inputs: Inputs, attrs: NetspecConvAttrs & { inputShape: Shape4; filterShape: Shape4 }) => tf.Tensor): tf.KernelFunc =>
  ({ inputs, attrs }) => tf.tidy(() => f(inputs as unknown as Inputs, attrs as unknown as Parameters<typeof f>[1]));

definePortableKernel(NETSPEC_CONV, () => portable(({ x, filter, bias }, a) => {
  const k = dilateKernel(filter as tf.Tensor4D, a.dilation);
  let y: tf.Tensor = perGroup(a.groups, x as tf.Tensor4D, k, (xg, kg) => tf.conv2d(xg, kg, a.strides, explicit(a.pad)));
  if (bias) y = tf.add(y, bias);
  return a.relu ? tf.relu(y) : y;
}));

definePortableKernel(NETSPEC_CONV_INPUT_GRAD, () => portable(({ dy, filter }, a) => {
  const [n, h, w, c] = a.inputShape;
  const k = dilateKernel(filter as tf.Tensor4D, a.dilation);
  return perGroup(a.groups, dy as tf.Tensor4D, k, (dyg, kg) => tf.conv2dTranspose(dyg, kg, [n, h, w, c / a.groups], a.strides, explicit(a.pad)));
}));

definePortableKernel(NETSPEC_CONV_FILTER_GRAD, (backendName) => {
  const kernelGrad = HAND_WRITTEN_FILTER_GRAD.has(backendName) ? conv2dKernelGrad : backendKernelGrad;
  return portable(({ x, dy }, a) => {
    const [kh, kw, cig, oc] = a.filterShape;
    const [dh, dw] = a.dilation;
    const groupShape: Shape4 = [(kh - 1) * dh + 1, (kw - 1) * dw + 1, cig, oc / a.groups];
    const g = perGroup(a.groups, x as tf.Tensor4D, dy as tf.Tensor4D, (xg, dyg) => kernelGrad(xg, dyg, groupShape, a.strides, a.pad));
    return undilateKernel(g, a.filterShape, a.dilation);
  });
});

// dy where y > 0: relu's gradient from its output (y > 0 exactly where relu's input is).
definePortableKernel(NETSPEC_RELU_GRAD, () => portable(({ dy, y }) => tf.mul(dy!, tf.step(y!))));
