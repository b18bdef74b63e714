// Batch normalisation over the last axis (Ioffe & Szegedy 2015), with PyTorch's conventions:
// training normalises with the batch's mean and biased variance and moves the running statistics
// by `momentum` towards the batch's mean and unbiased variance; inference uses the running ones.
import * as tf from '@tensorflow/tfjs';
import { netspecBatchNorm, type BatchNormActivation } from '../backends/batchnorm-op.ts';
import { invalidArg, oneInput, type LayerArgs } from './common.ts';

export interface NetspecBatchNormArgs extends LayerArgs {
  /** Added to the variance before its square root. Default 1e-5 (PyTorch's). */
  epsilon?: number;
  /** PyTorch's: running = (1 - momentum)·running + momentum·batch. Default 0.1 (Keras' 0.9). */
  momentum?: number;
  /** Learn a shift beta. Default true. */
  center?: boolean;
  /** Learn a scale gamma. Default true. */
  scale?: boolean;
}

export class NetspecBatchNorm extends tf.layers.Layer {
  static className = 'NetspecBatchNorm';
  readonly epsilon: number;
  readonly momentum: number;
  readonly center: boolean;
  readonly scale: boolean;
  private gamma?: tf.LayerVariable;
  private beta?: tf.LayerVariable;
  private movingMean?: tf.LayerVariable;
  private movingVariance?: tf.LayerVariable;

  constructor(args: NetspecBatchNormArgs = {}) {
    super(args);
    const who = 'NetspecBatchNorm';
    this.epsilon = args.epsilon ?? 1e-5;
    this.momentum = args.momentum ?? 0.1;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    if (!Number.isFinite(this.epsilon) || this.epsilon <= 0) throw invalidArg(who, 'epsilon', this.epsilon, 'a finite number > 0');
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw invalidArg(who, 'momentum', this.momentum, 'a number in [0, 1]');
    this.supportsMasking = true;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = s[s.length - 1];
    if (c == null) throw new Error(`NetspecBatchNorm '${this.name}': the last axis of the input must be known, received [${s.join(', ')}].`);
    if (this.scale) this.gamma = this.addWeight('gamma', [c], 'float32', tf.initializers.ones());
    if (this.center) this.beta = this.addWeight('beta', [c], 'float32', tf.initializers.zeros());
    // State, not trained: saved with the weights, never given to the optimizer.
    this.movingMean = this.addWeight('moving_mean', [c], 'float32', tf.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight('moving_variance', [c], 'float32', tf.initializers.ones(), undefined, false);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return this.normalize(oneInput(inputs) as tf.Tensor, kwargs?.training === true);
  }

  /**
   * This layer followed by a relu or relu6 layer, as one op (train/forward.ts fuses them in the
   * training forward). The same values as the two layers, and the same running statistics.
   */
  callWithActivation(x: tf.Tensor, activation: BatchNormActivation, training: boolean): tf.Tensor {
    return this.normalize(x, training, activation);
  }

  private normalize(x: tf.Tensor, training: boolean, activation?: BatchNormActivation): tf.Tensor {
    return tf.tidy(() => {
      const { y, mean, variance } = netspecBatchNorm(x, {
        gamma: this.gamma?.read(), beta: this.beta?.read(), mean: this.movingMean!.read(), variance: this.movingVariance!.read(),
      }, { epsilon: this.epsilon, training, ...(activation ? { activation } : {}) });
      if (training) this.updateRunning(mean, variance, x.size / x.shape[x.rank - 1]);
      return y;
    });
  }

  /** running ← (1 − m)·running + m·batch; the variance's batch value is unbiased (n / (n − 1)), as PyTorch's. */
  private updateRunning(mean: tf.Tensor, variance: tf.Tensor, n: number): void {
    const m = this.momentum;
    // One value per channel has no unbiased variance (PyTorch refuses it); the biased one (0) is used.
    const unbiased = n > 1 ? n / (n - 1) : 1;
    // The new values feed nothing the loss depends on, so no gradient reaches them.
    tf.tidy(() => {
      const move = (v: tf.LayerVariable, batch: tf.Tensor) => v.write(tf.add(tf.mul(v.read(), 1 - m), tf.mul(batch, m)));
      move(this.movingMean!, mean);
      move(this.movingVariance!, tf.mul(variance, unbiased));
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { epsilon: this.epsilon, momentum: this.momentum, center: this.center, scale: this.scale, ...super.getConfig() };
  }
}
