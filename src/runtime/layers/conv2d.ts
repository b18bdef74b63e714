// Grouped 2-D convolution with explicit asymmetric padding: tfjs has neither `groups`
// (tensorflow/tfjs#3900) nor a gradient for dilation > 1, and cannot train tf.conv2d on wasm.
import * as tf from '@tensorflow/tfjs';
import { conv2dOutputShape, type Pad4 } from '../../model/arithmetic.ts';
import { ACTIVATIONS, activationName, applyActivation, type ActivationName } from './activation.ts';
import { resolveInitializer, serializeInitializer, type Initializer, type InitializerSpec } from './initializers.ts';
import { conv2dExplicit } from './conv-kernel.ts';
import { NETSPEC_CONV, type NetspecConvAttrs } from '../backends/kernels-netspec-conv.ts';
import { checkInts, checkPositive, invalidArg, nhwcOutputShape, oneInput, type LayerArgs } from './common.ts';

export { applyActivation, type ActivationName } from './activation.ts';

export interface NetspecConv2DArgs extends LayerArgs {
  /** Output channels; a multiple of `groups`. */
  filters: number;
  /** [kh, kw]. */
  kernelSize: [number, number];
  /** [sh, sw]; default [1, 1]. */
  strides?: [number, number];
  /** Zeros added [top, bottom, left, right]; default none. */
  pad?: Pad4;
  /** [dh, dw]; default [1, 1]. */
  dilation?: [number, number];
  /** Channel groups (AlexNet's two-GPU split is 2); input channels must be a multiple. Default 1. */
  groups?: number;
  /** Default true. */
  useBias?: boolean;
  /** Default 'linear'. */
  activation?: ActivationName;
  /** tfjs identifier, { className, config } or instance; default 'heNormal'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

/** Spreads kernel taps `dilation` apart with zeros (pad + reshape: differentiable everywhere). */
export function dilateKernel(kernel: tf.Tensor4D, dilation: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilation;
  if (dh === 1 && dw === 1) return kernel;
  const [kh, kw, ci, co] = kernel.shape;
  return tf.tidy(() => {
    const spread = tf.pad(tf.reshape(kernel, [kh, 1, kw, 1, ci * co]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0]]);
    return tf.slice(tf.reshape(spread, [kh * dh, kw * dw, ci, co]), 0, [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co]) as tf.Tensor4D;
  });
}

/**
 * y = conv(x, kernel) with `groups` independent channel groups; kernel is [kh, kw, cin/groups, filters],
 * output channels of group j are j·filters/groups … (j+1)·filters/groups − 1, as in PyTorch.
 * Each group is one conv2dExplicit (trainable on cpu and wasm alike). Dilation is done by
 * dilating the kernel: tf.conv2d has no gradient for dilation > 1 and refuses stride > 1
 * together with dilation > 1.
 */
export function groupedConv2d(
  x: tf.Tensor4D, kernel: tf.Tensor4D, strides: [number, number], pad: Pad4, dilation: [number, number], groups: number,
): tf.Tensor4D {
  return tf.tidy((): tf.Tensor4D => {
    const k = dilateKernel(kernel, dilation);
    if (groups === 1) return conv2dExplicit(x, k, strides, pad);
    const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
    const ks = tf.split(k, groups, 3) as tf.Tensor4D[];
    return tf.concat(xs.map((xg, g) => conv2dExplicit(xg, ks[g], strides, pad)), 3) as tf.Tensor4D;
  });
}

export class NetspecConv2D extends tf.layers.Layer {
  static className = 'NetspecConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly pad: Pad4;
  readonly dilation: [number, number];
  readonly groups: number;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: NetspecConv2DArgs) {
    super(args);
    const who = 'NetspecConv2D';
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? [1, 1];
    this.pad = args.pad ?? [0, 0, 0, 0];
    this.dilation = args.dilation ?? [1, 1];
    this.groups = args.groups ?? 1;
    this.useBias = args.useBias ?? true;
    checkInts(who, 'filters', [this.filters], 1, 1);
    checkInts(who, 'kernelSize', this.kernelSize, 1, 2);
    checkInts(who, 'strides', this.strides, 1, 2);
    checkInts(who, 'pad', this.pad, 0, 4);
    checkInts(who, 'dilation', this.dilation, 1, 2);
    checkInts(who, 'groups', [this.groups], 1, 1);
    if (this.filters % this.groups !== 0) throw invalidArg(who, 'filters', this.filters, `a multiple of groups (${this.groups})`);
    const activation = activationName(args.activation ?? 'linear');
    if (!activation) throw invalidArg(who, 'activation', args.activation, `one of ${ACTIVATIONS.join(', ')}`);
    this.activation = activation;
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'heNormal');
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const cin = s[3];
    if (cin == null || cin % this.groups !== 0) {
      throw new Error(`NetspecConv2D '${this.name}': input channels (${cin}) must be a multiple of groups (${this.groups}).`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, cin / this.groups, this.filters], 'float32', this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const out = nhwcOutputShape(inputShape, (hwc) => conv2dOutputShape(hwc, this));
    checkPositive(`NetspecConv2D '${this.name}'`, inputShape as tf.Shape, out);
    return out;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneInput(inputs);
      if (tf.getKernel(NETSPEC_CONV, tf.getBackend())) {
        // netspec-cpu: the whole layer (groups, dilation, bias, relu) is one native kernel.
        const relu = this.activation === 'relu';
        const attrs: NetspecConvAttrs = { strides: this.strides, pad: this.pad, dilation: this.dilation, groups: this.groups, relu };
        const kernel = this.kernel!.read();
        const y = tf.engine().runKernel(NETSPEC_CONV, this.bias ? { x, filter: kernel, bias: this.bias.read() } : { x, filter: kernel },
          attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
        return relu ? y : applyActivation(y, this.activation);
      }
      let y: tf.Tensor4D = groupedConv2d(x, this.kernel!.read() as tf.Tensor4D, this.strides, this.pad, this.dilation, this.groups);
      if (this.bias) y = tf.add(y, this.bias.read());
      return applyActivation(y, this.activation);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      pad: this.pad,
      dilation: this.dilation,
      groups: this.groups,
      useBias: this.useBias,
      activation: this.activation,
      kernelInitializer: serializeInitializer(this.kernelInitializer) as unknown as tf.serialization.ConfigDict,
      biasInitializer: serializeInitializer(this.biasInitializer) as unknown as tf.serialization.ConfigDict,
      ...super.getConfig(),
    };
  }
}
