// netspec-cpu's kernels for the NetspecConv op (conv-op.ts): groups, dilation, explicit asymmetric
// padding, bias and relu in a single oneDNN primitive, where the portable kernel would split the
// channels into groups, convolve each, concatenate, add the bias and apply relu as six separate
// passes; and its input and filter gradients, each one oneDNN primitive too.
import * as tf from '@tensorflow/tfjs';
import { ConvMode, type ConvParams, type NativeAddon } from './native-addon.ts';
import { conv2dInto, f32, output, sizeOf, type CpuBackendLike } from './kernel-util.ts';
import { convOutputSize } from '../../model/arithmetic.ts';
import { NETSPEC_CONV, NETSPEC_CONV_FILTER_GRAD, NETSPEC_CONV_INPUT_GRAD, NETSPEC_RELU_GRAD, type NetspecConvAttrs } from './conv-op.ts';

/** The addon's parameters for x [n,h,w,c] and filter [kh,kw,c/groups,oc]; null if they don't fit. */
export function netspecConvParams(x: readonly number[], filter: readonly number[], a: NetspecConvAttrs): ConvParams | null {
  if (x.length !== 4 || filter.length !== 4) return null;
  const [n, ih, iw, ic] = x;
  const [kh, kw, icg, oc] = filter;
  const [sh, sw] = a.strides, [dh, dw] = a.dilation, [t, b, l, r] = a.pad, g = a.groups;
  if (ic !== icg * g || oc % g !== 0) return null;
  const oh = convOutputSize(ih, kh, sh, t, b, dh), ow = convOutputSize(iw, kw, sw, l, r, dw);
  if (!(oh > 0 && ow > 0 && n > 0)) return null;
  return { batch: n, inSize: [ih, iw], inChannels: ic, outSize: [oh, ow], outChannels: oc, kernelSize: [kh, kw], strides: [sh, sw], dilation: [dh, dw], pad: [t, b, l, r], groups: g };
}

const outShapeOf = (p: ConvParams): number[] => [p.batch, p.outSize[0], p.outSize[1], p.outChannels];

function paramsOrThrow(x: readonly number[], filter: readonly number[], a: NetspecConvAttrs): ConvParams {
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
        if (bv && bv.length !== p.outChannels) throw new Error(`${NETSPEC_CONV}: bias has ${bv.length} values for ${p.outChannels} filters`);
        return output(b, outShapeOf(p), (y) => conv2dInto(b, addon, ConvMode.Forward, p, xv, wv, y, bv, a.relu));
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
        return output(b, a.inputShape, (dx) => conv2dInto(b, addon, ConvMode.BackwardData, p, floats(b, dy, 'dy'), floats(b, filter, 'filter'), dx));
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
        return output(b, a.filterShape, (dw) => conv2dInto(b, addon, ConvMode.BackwardFilter, p, floats(b, x, 'x'), floats(b, dy, 'dy'), dw));
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

