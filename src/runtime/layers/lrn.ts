// Local response normalisation across channels (Krizhevsky et al. 2012, §3.3):
// b_c = a_c / (k + α Σ_{j=c−floor(n/2)}^{c+floor((n−1)/2)} a_j²)^β over n channels (zero outside),
// as PyTorch: centred for odd n, one channel more before than after for even n. Odd windows run
// tf's LRN op (each backend's own kernel); even ones the NetspecLrn op (lrn-op.ts).
import * as tf from '@tensorflow/tfjs';
import { lrnWindow, netspecLrn } from '../backends/lrn-op.ts';
import { checkInts, invalidArg, oneInput, type LayerArgs } from './common.ts';

export type LRNConvention = 'paper' | 'caffe';

export interface NetspecLRNArgs extends LayerArgs {
  /** n: channels in the window (floor(n/2) before each channel, floor((n−1)/2) after). Default 5. */
  size?: number;
  /** Default 1e-4. */
  alpha?: number;
  /** Default 0.75. */
  beta?: number;
  /** Default 2. */
  k?: number;
  /** 'paper': α multiplies the plain sum (as tf); 'caffe' (and PyTorch): α/n does. Default 'paper'. */
  convention?: LRNConvention;
}

/** The α that tf.localResponseNormalization (plain-sum semantics) needs for a convention. */
export function tfLrnAlpha(alpha: number, size: number, convention: LRNConvention): number {
  return convention === 'caffe' ? alpha / size : alpha;
}

export class NetspecLRN extends tf.layers.Layer {
  static className = 'NetspecLRN';
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
  readonly convention: LRNConvention;

  constructor(args: NetspecLRNArgs = {}) {
    super(args);
    const who = 'NetspecLRN';
    this.size = args.size ?? 5;
    this.alpha = args.alpha ?? 1e-4;
    this.beta = args.beta ?? 0.75;
    this.k = args.k ?? 2;
    this.convention = args.convention ?? 'paper';
    checkInts(who, 'size', [this.size], 1, 1);
    for (const [arg, v] of [['alpha', this.alpha], ['beta', this.beta], ['k', this.k]] as const) {
      if (!Number.isFinite(v) || v < 0) throw invalidArg(who, arg, v, 'a finite number >= 0');
    }
    if (this.convention !== 'paper' && this.convention !== 'caffe') {
      throw invalidArg(who, 'convention', this.convention, "'paper' or 'caffe'");
    }
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = oneInput(inputs);
    const alpha = tfLrnAlpha(this.alpha, this.size, this.convention);
    if (this.size % 2 === 1) return tf.localResponseNormalization(x, (this.size - 1) / 2, this.k, alpha, this.beta);
    return netspecLrn(x, { ...lrnWindow(this.size), bias: this.k, alpha, beta: this.beta });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { size: this.size, alpha: this.alpha, beta: this.beta, k: this.k, convention: this.convention, ...super.getConfig() };
  }
}
