// One 2-D convolution with explicit padding and a hand-written gradient. tfjs' own conv2d
// gradient computes the kernel gradient with Conv2DBackpropFilter, which tfjs-backend-wasm
// does not have at all and the cpu backend runs tens of times slower than the forward pass.
// Here the kernel gradient is itself a forward convolution, which every backend has and does fast.
import * as tf from '@tensorflow/tfjs';
import type { Pad4 } from '../../model/arithmetic.ts';

type Padding4D = [[number, number], [number, number], [number, number], [number, number]];

const explicit = ([t, b, l, r]: Pad4): Padding4D => [[0, 0], [t, b], [l, r], [0, 0]];

/**
 * dL/dkernel for y = conv2d(x, kernel, strides, pad), given dy = dL/dy:
 * dK[i, j, c, o] = Σ_{n, p, q} xpad[n, p·sh + i, q·sw + j, c] · dy[n, p, q, o]. That is a 'valid'
 * convolution of xpad with the batch as channels (summed) and the input channels as the batch,
 * by the filter dy with the batch as its input channels, dilated by the stride.
 */
export function conv2dKernelGrad(
  x: tf.Tensor4D, dy: tf.Tensor4D, kernelShape: [number, number, number, number], strides: [number, number], pad: Pad4,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = kernelShape;
    const xt = tf.transpose(tf.pad(x, explicit(pad)), [3, 1, 2, 0]); // [cin, Hp, Wp, n]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, n, cout]
    // Rows past the last window (floor rounding) come out as extra rows, dropped by the slice.
    const g = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', strides); // [cin, >= kh, >= kw, cout]
    return tf.transpose(tf.slice(g, 0, [cin, kh, kw, cout]), [1, 2, 0, 3]);
  });
}

/**
 * Backends whose own Conv2DBackpropFilter is missing (wasm) or slow (the pure-JS cpu): only they
 * take the hand-written gradient. Elsewhere (netspec-cpu's oneDNN kernel, webgpu, tfjs-node) the
 * backend's kernel is faster than the transposes above.
 */
export const SLOW_FILTER_GRAD_BACKENDS = new Set(['cpu', 'wasm']);

/** tf.conv2d(x, kernel, strides, explicit pad) with the gradient above (dilation 1 only). */
export function conv2dExplicit(x: tf.Tensor4D, kernel: tf.Tensor4D, strides: [number, number], pad: Pad4): tf.Tensor4D {
  const padding = explicit(pad);
  if (!SLOW_FILTER_GRAD_BACKENDS.has(tf.getBackend())) return tf.conv2d(x, kernel, strides, padding);
  const f = tf.customGrad((xIn, kIn, save) => {
    const [xv, kv] = [xIn as tf.Tensor4D, kIn as tf.Tensor4D];
    (save as tf.GradSaveFunc)([xv, kv]);
    return {
      value: tf.conv2d(xv, kv, strides, padding),
      gradFunc: (dy: tf.Tensor4D, [xs, ks]: tf.Tensor[]) => [
        tf.conv2dTranspose(dy, ks as tf.Tensor4D, xs.shape as [number, number, number, number], strides, padding),
        conv2dKernelGrad(xs as tf.Tensor4D, dy, ks.shape as [number, number, number, number], strides, pad),
      ],
    };
  });
  return f(x, kernel) as tf.Tensor4D;
}
