// A dense layer: y = act(x·W + b), with weights `kernel` [in, units] and `bias` [units] as
// tf.layers.dense names and shapes them, so checkpoints and exports are those of a plain Dense on
// every backend. It exists for netspec's activations (relu6, leaky_relu, gelu…) that tf.layers
// lacks. How a backend stores a large kernel (WebGPU's binding limit) is the backend's business.
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS, activationName, applyActivation, type ActivationName } from './activation.ts';
import { checkInts, invalidArg, type LayerArgs } from './common.ts';
import { resolveInitializer, serializeInitializer, type Initializer, type InitializerSpec } from './initializers.ts';

export interface NetspecDenseArgs extends LayerArgs {
  units: number;
  /** Default true. */
  useBias?: boolean;
  /** Default 'linear'. */
  activation?: ActivationName;
  /** Default 'glorotUniform' (as tf.layers.dense). */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu';

/** Our activations that tf.fused.matMul applies itself (leaky_relu with applyActivation's slope). */
const FUSED: Partial<Record<ActivationName, { activation: FusedActivation; leakyreluAlpha?: number }>> = {
  linear: { activation: 'linear' },
  relu: { activation: 'relu' },
  relu6: { activation: 'relu6' },
  elu: { activation: 'elu' },
  sigmoid: { activation: 'sigmoid' },
  leaky_relu: { activation: 'leakyrelu', leakyreluAlpha: 0.01 },
};

export class NetspecDense extends tf.layers.Layer {
  static className = 'NetspecDense';
  readonly units: number;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: NetspecDenseArgs) {
    super(args);
    const who = 'NetspecDense';
    this.units = args.units;
    checkInts(who, 'units', [this.units], 1, 1);
    this.useBias = args.useBias ?? true;
    const activation = activationName(args.activation ?? 'linear');
    if (!activation) throw invalidArg(who, 'activation', args.activation, `one of ${ACTIVATIONS.join(', ')}`);
    this.activation = activation;
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const fanIn = s[s.length - 1];
    if (s.length !== 2 || fanIn == null) throw new Error(`NetspecDense '${this.name}': expects [batch, features] inputs (flatten first); got ${JSON.stringify(s)}.`);
    this.kernel = this.addWeight('kernel', [fanIn, this.units], 'float32', this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', this.biasInitializer);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...s.slice(0, -1), this.units];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      const w = this.kernel!.read() as tf.Tensor2D;
      const bias = this.bias?.read();
      const fused = FUSED[this.activation];
      // One _FusedMatMul kernel (native on netspec-cpu), as tf.layers.dense does for relu.
      if (fused) return tf.fused.matMul({ a: x, b: w, bias, ...fused });
      const y = tf.fused.matMul({ a: x, b: w, bias });
      return applyActivation(y, this.activation);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      units: this.units,
      useBias: this.useBias,
      activation: this.activation,
      kernelInitializer: serializeInitializer(this.kernelInitializer) as unknown as tf.serialization.ConfigDict,
      biasInitializer: serializeInitializer(this.biasInitializer) as unknown as tf.serialization.ConfigDict,
      ...super.getConfig(),
    };
  }
}
