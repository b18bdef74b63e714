// Max / average pooling with explicit [top, bottom, left, right] padding and Caffe's ceil
// rounding, which tf's 'valid'/'same' cannot express. We pad, then pool 'valid'.
import * as tf from '@tensorflow/tfjs';
import { pool2dOutputShape, poolOverhang, poolWindowCounts, type Pad4, type Rounding } from '../../model/arithmetic.ts';
import { checkInts, checkPositive, invalidArg, nhwcOutputShape, oneInput, type LayerArgs } from './common.ts';

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
 * Fills max-pool padding. Finite, so no infinity ever reaches arithmetic (0 · −∞ is NaN); every
 * window holds a real value (pad < window), so it never shows in an output.
 */
export const MAX_POOL_PAD_VALUE = -3.4e38;

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
    if (mode === 'max') return maxPoolPadded(x, pads, poolSize, strides);
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

/**
 * Pads with MAX_POOL_PAD_VALUE and max-pools 'valid', with a gradient that is right on every
 * backend: tfjs-backend-wasm's MaxPoolGrad starts each window's running max at FLT_MIN (the
 * smallest positive float), so a window whose max is <= 0 sends its gradient nowhere. The
 * backward pass therefore locates the maxima on the input shifted to >= 1 (padding 0 < 1).
 * That keeps every argmax, up to rounding between near-equal values, where either is a valid
 * subgradient. The forward value is exact. (tfjs has no maxPoolGrad op; runKernel runs the kernel.)
 */
function maxPoolPadded(x: tf.Tensor4D, pads: [number, number][], poolSize: [number, number], strides: [number, number]): tf.Tensor4D {
  const pad = (v: tf.Tensor4D, fill: number) => (pads.some(([a, b]) => a + b > 0) ? tf.pad(v, pads, fill) : v);
  const f = tf.customGrad((input, save) => {
    const v = input as tf.Tensor4D;
    (save as tf.GradSaveFunc)([v]);
    return {
      value: tf.maxPool(pad(v, MAX_POOL_PAD_VALUE), poolSize, strides, 'valid'),
      gradFunc: (dy: tf.Tensor4D, [saved]: tf.Tensor[]) => {
        const shifted = pad(tf.add(tf.sub(saved, tf.min(saved)), 1) as tf.Tensor4D, 0);
        const output = tf.maxPool(shifted, poolSize, strides, 'valid');
        const dx = tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: shifted, output }, { filterSize: poolSize, strides, pad: 'valid' }) as tf.Tensor4D;
        return tf.slice(dx, [0, pads[1][0], pads[2][0], 0], saved.shape);
      },
    };
  });
  return f(x) as tf.Tensor4D;
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
