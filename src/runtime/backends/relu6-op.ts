// The NetspecRelu6 op: min(max(x, 0), 6), as tf.relu6, with its gradient as one more op so that a
// backend may run it as one pass (netspec-cpu's native kernels, kernels-elementwise.ts). tfjs's own
// gradient, dy·cast((x ≤ 6)·step(x)), is four kernels, two of them on bool tensors that the native
// elementwise kernels cannot read; on MobileNetV2 (batch 8) they took 3.9 s of a 4.5 s step.
// The gradient is taken from the output, as PyTorch's in-place ReLU6 does: dy where 0 < y < 6. So
// the input (batch norm's output in MobileNetV2) need not be kept for the backward pass, and the
// value at x = 6 exactly is PyTorch's (0), not tfjs's (1).
// Every other backend gets the portable kernels below: tfjs's own ops, so its own values.
import * as tf from '@tensorflow/tfjs';
import { definePortableKernel, runKernel } from './fallback.ts';

export const NETSPEC_RELU6 = 'NetspecRelu6';
export const NETSPEC_RELU6_GRAD = 'NetspecRelu6Grad';

export function netspecRelu6<T extends tf.Tensor>(x: T): T {
  return runKernel(NETSPEC_RELU6, { x }, {}) as T;
}

tf.registerGradient({
  kernelName: NETSPEC_RELU6,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [y] = saved;
    return { x: () => runKernel(NETSPEC_RELU6_GRAD, { dy: dy as tf.Tensor, y }, {}) as tf.Tensor };
  },
});

definePortableKernel(NETSPEC_RELU6, () => ({ inputs }) => tf.tidy(() => tf.relu6(inputs.x as tf.Tensor)));

// dy·[0 < y < 6] (y NaN: 0).
definePortableKernel(NETSPEC_RELU6_GRAD, () => ({ inputs }) => tf.tidy(() => {
  const { dy, y } = inputs as unknown as Record<string, tf.Tensor>;
  return tf.mul(dy, tf.cast(tf.logicalAnd(tf.greater(y, 0), tf.less(y, 6)), 'float32'));
}));
