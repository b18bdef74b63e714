// NetspecConv2D in one native call on netspec-cpu: groups, dilation, explicit asymmetric padding,
// bias and relu in a single oneDNN primitive, where tfjs would split the channels into groups,
// convolve each, concatenate, add the bias and apply relu as six separate passes. Its gradient is
// registered with tfjs (not a customGrad), so that the engine computes only the gradients it
// needs: never the input image's, which for AlexNet's first layer costs more than the layer.
//
// These kernels exist on netspec-cpu only; src/runtime/layers/conv2d.ts uses them when
// tf.getKernel finds them and its portable path otherwise.
import * as tf from '@tensorflow/tfjs';
import { ConvMode, type NativeAddon } from './native-addon.ts';
import { f32, output, sizeOf, type CpuBackendLike } from './kernel-util.ts';
import { convOutputSize } from '../../model/arithmetic.ts';

export const NETSPEC_CONV = 'NetspecConv';
export const NETSPEC_CONV_INPUT_GRAD = 'NetspecConvInputGrad';
export const NETSPEC_CONV_FILTER_GRAD = 'NetspecConvFilterGrad';
export const NETSPEC_RELU_GRAD = 'NetspecReluGrad';

export interface NetspecConvAttrs {
  strides: [number, number];
  /** [top, bottom, left, right]. */
  pad: [number, number, number, number];
  dilation: [number, number];
  groups: number;
  relu: boolean;
}

/** The addon's parameter list for x [n,h,w,c] and filter [kh,kw,c/groups,oc]; null if they don't fit. */
export function netspecConvParams(x: readonly number[], filter: readonly number[], a: NetspecConvAttrs): number[] | null {
  if (x.length !== 4 || filter.length !== 4) return null;
  const [n, ih, iw, ic] = x;
  const [kh, kw, icg, oc] = filter;
  const [sh, sw] = a.strides, [dh, dw] = a.dilation, [t, b, l, r] = a.pad, g = a.groups;
  if (ic !== icg * g || oc % g !== 0) return null;
  const oh = convOutputSize(ih, kh, sh, t, b, dh), ow = convOutputSize(iw, kw, sw, l, r, dw);
  if (!(oh > 0 && ow > 0 && n > 0)) return null;
  return [n, ih, iw, ic, oh, ow, oc, kh, kw, sh, sw, dh, dw, t, b, l, r, g];
}

const outShapeOf = (p: number[]): number[] => [p[0], p[4], p[5], p[6]];

function paramsOrThrow(x: readonly number[], filter: readonly number[], a: NetspecConvAttrs): number[] {
  const p = netspecConvParams(x, filter, a);
  if (!p) throw new Error(`${NETSPEC_CONV}: input ${JSON.stringify(x)} and filter ${JSON.stringify(filter)} do not fit ${JSON.stringify(a)}`);
  return p;
}

function floats(b: CpuBackendLike, t: tf.TensorInfo | undefined, name: string): Float32Array {
  const v = f32(b, t);
  if (!v) throw new Error(`${NETSPEC_CONV}: ${name} must be a float32 tensor`);
  return v;
}

export function netspecConvKernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  return [
    {
      kernelName: NETSPEC_CONV,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const a = attrs as unknown as NetspecConvAttrs;
        const { x, filter, bias } = inputs as Record<string, tf.TensorInfo | undefined>;
        const p = paramsOrThrow(x!.shape, filter!.shape, a);
        const xv = floats(b, x, 'x'), wv = floats(b, filter, 'filter');
        const bv = bias ? floats(b, bias, 'bias') : null;
        if (bv && bv.length !== p[6]) throw new Error(`${NETSPEC_CONV}: bias has ${bv.length} values for ${p[6]} filters`);
        return output(b, outShapeOf(p), (y) => addon.conv2d(ConvMode.Forward, p, xv, wv, y, bv, a.relu));
      },
    },
    {
      kernelName: NETSPEC_CONV_INPUT_GRAD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const a = attrs as unknown as NetspecConvAttrs & { inputShape: number[] };
        const { dy, filter } = inputs as Record<string, tf.TensorInfo>;
        const p = paramsOrThrow(a.inputShape, filter.shape, a);
        return output(b, a.inputShape, (dx) => addon.conv2d(ConvMode.BackwardData, p, floats(b, dy, 'dy'), floats(b, filter, 'filter'), dx));
      },
    },
    {
      kernelName: NETSPEC_CONV_FILTER_GRAD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const a = attrs as unknown as NetspecConvAttrs & { filterShape: number[] };
        const { x, dy } = inputs as Record<string, tf.TensorInfo>;
        const p = paramsOrThrow(x.shape, a.filterShape, a);
        return output(b, a.filterShape, (dw) => addon.conv2d(ConvMode.BackwardFilter, p, floats(b, x, 'x'), floats(b, dy, 'dy'), dw));
      },
    },
    {
      // dy where y > 0, else 0: relu's gradient from its output, in one pass.
      kernelName: NETSPEC_RELU_GRAD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const b = backend as unknown as CpuBackendLike;
        const { dy, y } = inputs as Record<string, tf.TensorInfo>;
        if (sizeOf(dy.shape) !== sizeOf(y.shape)) throw new Error(`${NETSPEC_RELU_GRAD}: dy and y differ in size`);
        return output(b, dy.shape, (dx) => addon.binary(4, floats(b, dy, 'dy'), floats(b, y, 'y'), dx));
      },
    },
  ];
}

let gradientRegistered = false;

/** The gradient of NETSPEC_CONV, once per process (tfjs keeps gradients by kernel name, for every backend). */
export function registerNetspecConvGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: NETSPEC_CONV,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved;
      const a = attrs as unknown as NetspecConvAttrs;
      const run = (name: string, inputs: tf.NamedTensorMap, extra: object = {}) =>
        tf.engine().runKernel(name, inputs, { ...a, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor;
      // relu's gradient once, now rather than in each closure (each runs in its own tidy): it
      // lives until the backward pass ends, one tensor the size of this layer's output.
      const g = a.relu ? run(NETSPEC_RELU_GRAD, { dy: dy as tf.Tensor, y }) : (dy as tf.Tensor);
      return {
        x: () => run(NETSPEC_CONV_INPUT_GRAD, { dy: g, filter }, { inputShape: x.shape }),
        filter: () => run(NETSPEC_CONV_FILTER_GRAD, { x, dy: g }, { filterShape: filter.shape }),
        bias: () => tf.sum(g, [0, 1, 2]),
      };
    },
  });
}
