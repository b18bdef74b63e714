// The NetspecRelu6 op: min(max(x, 0), 6), as tf.relu6, with its gradient as one more op so that a
// backend may run it as one pass (netspec-cpu's native kernels, kernels-elementwise.ts). tfjs's own
// gradient, dy·cast((x ≤ 6)·step(x)), is four kernels, two of them on bool tensors that the native
// elementwise kernels cannot read; on MobileNetV2 (batch 8) they took 3.9 s of a 4.5 s step.
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
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => runKernel(NETSPEC_RELU6_GRAD, { dy: dy as tf.Tensor, x }, {}) as tf.Tensor };
  },
});

definePortableKernel(NETSPEC_RELU6, () => ({ inputs }) => tf.tidy(() => tf.relu6(inputs.x as tf.Tensor)));

// tfjs's Relu6 gradient, op for op: 1 where 0 < x ≤ 6, NaN where x is.
definePortableKernel(NETSPEC_RELU6_GRAD, () => ({ inputs }) => tf.tidy(() => {
  const { dy, x } = inputs as unknown as Record<string, tf.Tensor>;
  return tf.mul(dy, tf.cast(tf.mul(tf.lessEqual(x, 6), tf.step(x)), 'float32'));
}));
