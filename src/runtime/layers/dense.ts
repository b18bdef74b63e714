// A dense layer whose kernel is stored in column blocks, each small enough for every WebGPU
// adapter to bind (WEBGPU_MIN_BINDING_BYTES): tfjs binds a tensor whole, and AlexNet's fc6 kernel
// (151 MB) is more than some adapters take. The paper split fc6 the same way, across its two GPUs.
// y = act([x·W₀ | x·W₁ | …] + b), the same function as one Dense; each block is initialised with
// the full kernel's variance (its own seed), so the distribution is that of the unsplit kernel.
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS, activationName, applyActivation, type ActivationName } from './activation.ts';
import { denseColumnBlocks } from '../../model/arithmetic.ts';
import { checkInts, invalidArg, type LayerArgs } from './common.ts';
import { resolveInitializer, serializeInitializer, type Initializer, type InitializerSpec } from './initializers.ts';

export interface NetspecDenseArgs extends LayerArgs {
  units: number;
  /** Column widths of the kernel's blocks, summing to units; default: denseColumnBlocks. */
  blocks?: number[];
  /** Default true. */
  useBias?: boolean;
  /** Default 'linear'. */
  activation?: ActivationName;
  /** Of the whole kernel; default 'glorotUniform' (as tf.layers.dense). */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

/**
 * The initialiser of one block of `width` of a [fanIn, units] kernel: variance scaling keeps the
 * whole kernel's variance (fan_out and fan_avg differ per block, so the scale is adjusted), and
 * every block but the first gets its own seed (the same seed would repeat the first block).
 */
export function blockInitializer(init: Initializer, fanIn: number, units: number, width: number, block: number): Initializer {
  const { className, config } = serializeInitializer(init);
  const seed = typeof config.seed === 'number' && block > 0 ? { seed: config.seed + 7919 * block } : {};
  if (className === 'VarianceScaling') {
    const mode = config.mode as string;
    const ratio = mode === 'fanOut' ? width / units : mode === 'fanAvg' ? (fanIn + width) / (fanIn + units) : 1;
    return tf.initializers.varianceScaling({ ...(config as object), scale: (config.scale as number) * ratio, ...seed } as Parameters<typeof tf.initializers.varianceScaling>[0]);
  }
  return block > 0 && seed.seed !== undefined ? resolveInitializer({ className, config: { ...config, ...seed } }) : init;
}

export class NetspecDense extends tf.layers.Layer {
  static className = 'NetspecDense';
  readonly units: number;
  readonly blocks?: number[];
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private kernels: tf.LayerVariable[] = [];
  private bias?: tf.LayerVariable;

  constructor(args: NetspecDenseArgs) {
    super(args);
    const who = 'NetspecDense';
    this.units = args.units;
    checkInts(who, 'units', [this.units], 1, 1);
    if (args.blocks) {
      checkInts(who, 'blocks', args.blocks, 1, args.blocks.length);
      if (args.blocks.reduce((a, b) => a + b, 0) !== this.units) throw invalidArg(who, 'blocks', args.blocks, `widths summing to units (${this.units})`);
      this.blocks = args.blocks;
    }
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
    const widths = this.blocks ?? denseColumnBlocks(fanIn, this.units);
    this.kernels = widths.map((w, i) => this.addWeight(`kernel_${i}`, [fanIn, w], 'float32', blockInitializer(this.kernelInitializer, fanIn, this.units, w, i)));
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
      const parts = this.kernels.map((k) => tf.matMul(x, k.read() as tf.Tensor2D));
      let y = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
      if (this.bias) y = tf.add(y, this.bias.read());
      return applyActivation(y, this.activation);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      units: this.units,
      blocks: this.kernels.length > 0 ? this.kernels.map((k) => k.shape[1]) : (this.blocks ?? null),
      useBias: this.useBias,
      activation: this.activation,
      kernelInitializer: serializeInitializer(this.kernelInitializer) as unknown as tf.serialization.ConfigDict,
      biasInitializer: serializeInitializer(this.biasInitializer) as unknown as tf.serialization.ConfigDict,
      ...super.getConfig(),
    };
  }
}
