// The NetspecRelu op: tf.relu, with its gradient taken from the output in one op (NetspecReluGrad,
// shared with the fused conv's relu: conv-op.ts). tfjs's own Relu gradient, dy·cast(step(x)), is
// three kernels over the whole activation; netspec-cpu runs this one as one native pass.
import * as tf from '@tensorflow/tfjs';
import { NETSPEC_RELU_GRAD } from './conv-op.ts';
import { definePortableKernel, runKernel } from './fallback.ts';

export const NETSPEC_RELU = 'NetspecRelu';

export function netspecRelu<T extends tf.Tensor>(x: T): T {
  return runKernel(NETSPEC_RELU, { x }, {}) as T;
}

tf.registerGradient({
  kernelName: NETSPEC_RELU,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [y] = saved;
    return { x: () => runKernel(NETSPEC_RELU_GRAD, { dy: dy as tf.Tensor, y }, {}) as tf.Tensor };
  },
});

definePortableKernel(NETSPEC_RELU, () => ({ inputs }) => tf.tidy(() => tf.relu(inputs.x as tf.Tensor)));
