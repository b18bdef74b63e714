// Grouped, dilated 2-D convolution with explicit asymmetric padding, bias and activation: one
// NetspecConv op (backends/conv-op.ts), whichever backend runs it.
import * as tf from '@tensorflow/tfjs';
import { conv2dOutputShape, type Pad4 } from '../../model/arithmetic.ts';
import { ACTIVATIONS, activationName, applyActivation, type ActivationName } from './activation.ts';
import { resolveInitializer, serializeInitializer, type Initializer, type InitializerSpec } from './initializers.ts';
import { netspecConv2d } from '../backends/conv-op.ts';
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
      // relu is fused into the op; any other activation follows it.
      const relu = this.activation === 'relu';
      const y = netspecConv2d(oneInput(inputs) as tf.Tensor4D, this.kernel!.read() as tf.Tensor4D, this.bias?.read(),
        { strides: this.strides, pad: this.pad, dilation: this.dilation, groups: this.groups, relu });
      return relu ? y : applyActivation(y, this.activation);
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
