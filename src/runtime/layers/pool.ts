// Max / average pooling with explicit [top, bottom, left, right] padding and Caffe's ceil
// rounding, which tf's 'valid'/'same' cannot express. We pad, then pool 'valid'.
import * as tf from '@tensorflow/tfjs';
import { pool2dOutputShape, poolOverhang, poolWindowCounts, type Pad4, type Rounding } from '../../model/arithmetic.ts';
import { MAX_POOL_PAD_VALUE, netspecMaxPool } from '../backends/maxpool-op.ts';
import { checkInts, checkPositive, invalidArg, nhwcOutputShape, oneInput, type LayerArgs } from './common.ts';

export { MAX_POOL_PAD_VALUE };

export type PoolMode = 'max' | 'avg';

export interface NetspecPool2DArgs extends LayerArgs {
  mode: PoolMode;
  /** [kh, kw]. */
  poolSize: [number, number];
  /** [sh, sw]; default poolSize. */
  strides?: [number, number];
  /** [top, bottom, left, right]; each side smaller than the window. Default none. */
  pad?: Pad4;
  /** Default 'floor'; Caffe and AlexNet's reference models use 'ceil'. */
  rounding?: Rounding;
}

/**
 * PyTorch semantics: max ignores padding; avg counts explicit padding zeros (count_include_pad)
 * but not the ceil overhang past the padded input.
 */
export function pool2d(x: tf.Tensor4D, mode: PoolMode, poolSize: [number, number], strides: [number, number], pad: Pad4, rounding: Rounding): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const [kh, kw] = poolSize;
    const [sh, sw] = strides;
    const [t, b, l, r] = pad;
    const [oh, ow] = pool2dOutputShape([h, w, 0], { poolSize, strides, pad, rounding });
    const eh = poolOverhang(h, kh, sh, t, b, oh);
    const ew = poolOverhang(w, kw, sw, l, r, ow);
    const pads: [number, number][] = [[0, 0], [t, b + eh], [l, r + ew], [0, 0]];
    if (mode === 'max') return netspecMaxPool(x, { poolSize, strides, pad: [t, b + eh, l, r + ew] });
    const padded = t + b + eh + l + r + ew === 0 ? x : tf.pad(x, pads);
    const mean = tf.avgPool(padded, poolSize, strides, 'valid');
    if (eh + ew === 0) return mean;
    // tf divided every window by kh·kw; rescale the overhanging ones to divide by their count.
    const ch = poolWindowCounts(h, kh, sh, t, b, oh);
    const cw = poolWindowCounts(w, kw, sw, l, r, ow);
    const scale = tf.tensor4d(ch.flatMap((a) => cw.map((c) => (kh * kw) / (a * c))), [1, oh, ow, 1]);
    return tf.mul(mean, scale);
  });
}

export class NetspecPool2D extends tf.layers.Layer {
  static className = 'NetspecPool2D';
  readonly mode: PoolMode;
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly pad: Pad4;
  readonly rounding: Rounding;

  constructor(args: NetspecPool2DArgs) {
    super(args);
    const who = 'NetspecPool2D';
    this.mode = args.mode;
    this.poolSize = args.poolSize;
    this.strides = args.strides ?? args.poolSize;
    this.pad = args.pad ?? [0, 0, 0, 0];
    this.rounding = args.rounding ?? 'floor';
    if (this.mode !== 'max' && this.mode !== 'avg') throw invalidArg(who, 'mode', this.mode, "'max' or 'avg'");
    checkInts(who, 'poolSize', this.poolSize, 1, 2);
    checkInts(who, 'strides', this.strides, 1, 2);
    checkInts(who, 'pad', this.pad, 0, 4);
    if (this.rounding !== 'floor' && this.rounding !== 'ceil') throw invalidArg(who, 'rounding', this.rounding, "'floor' or 'ceil'");
    // A window made only of padding would output the pad value (max) or 0 (avg): nonsense.
    const [t, b, l, r] = this.pad;
    if (t >= this.poolSize[0] || b >= this.poolSize[0] || l >= this.poolSize[1] || r >= this.poolSize[1]) {
      throw invalidArg(who, 'pad', this.pad, `each side smaller than poolSize [${this.poolSize.join(', ')}]`);
    }
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const out = nhwcOutputShape(inputShape, (hwc) => pool2dOutputShape(hwc, this));
    checkPositive(`NetspecPool2D '${this.name}'`, inputShape as tf.Shape, out);
    return out;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return pool2d(oneInput(inputs), this.mode, this.poolSize, this.strides, this.pad, this.rounding);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { mode: this.mode, poolSize: this.poolSize, strides: this.strides, pad: this.pad, rounding: this.rounding, ...super.getConfig() };
  }
}
