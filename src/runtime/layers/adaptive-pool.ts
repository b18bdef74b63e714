// PyTorch's adaptive_avg_pool2d: output i of O over input size I averages [floor(iI/O), ceil((i+1)I/O)).
// A mean over a rectangle is a mean over rows of means over columns, so each axis is done alone.
import * as tf from '@tensorflow/tfjs';
import { adaptiveWindows } from '../../model/arithmetic.ts';
import { checkInts, nhwcOutputShape, oneInput, type LayerArgs } from './common.ts';

export interface NetspecAdaptiveAvgPool2DArgs extends LayerArgs {
  /** [oh, ow]. */
  outputSize: [number, number];
}

/** Adaptive average pooling along one spatial axis (1 = H, 2 = W). */
function adaptiveAxis(x: tf.Tensor4D, axis: 1 | 2, out: number): tf.Tensor4D {
  const size = x.shape[axis];
  if (size === out) return x;
  if (size % out === 0) {
    // Equal, non-overlapping windows: one pooling op.
    const k = size / out;
    const window: [number, number] = axis === 1 ? [k, 1] : [1, k];
    return tf.avgPool(x, window, window, 'valid');
  }
  const parts = adaptiveWindows(size, out).map(([start, end]) => {
    const begin = [0, 0, 0, 0];
    const len = [-1, -1, -1, -1];
    begin[axis] = start;
    len[axis] = end - start;
    return tf.mean(tf.slice(x, begin, len), axis, true);
  });
  return tf.concat(parts, axis) as tf.Tensor4D;
}

export function adaptiveAvgPool2d(x: tf.Tensor4D, outputSize: [number, number]): tf.Tensor4D {
  return tf.tidy(() => adaptiveAxis(adaptiveAxis(x, 1, outputSize[0]), 2, outputSize[1]));
}

export class NetspecAdaptiveAvgPool2D extends tf.layers.Layer {
  static className = 'NetspecAdaptiveAvgPool2D';
  readonly outputSize: [number, number];

  constructor(args: NetspecAdaptiveAvgPool2DArgs) {
    super(args);
    this.outputSize = args.outputSize;
    checkInts('NetspecAdaptiveAvgPool2D', 'outputSize', this.outputSize, 1, 2);
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return nhwcOutputShape(inputShape, ([, , c]) => [this.outputSize[0], this.outputSize[1], c]);
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return adaptiveAvgPool2d(oneInput(inputs), this.outputSize);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { outputSize: this.outputSize, ...super.getConfig() };
  }
}
