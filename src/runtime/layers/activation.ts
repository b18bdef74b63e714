// Activations by the spec's names, shared by NetspecConv2D and the generated code.
import * as tf from '@tensorflow/tfjs';

import { ACTIVATIONS, type Activation } from '../../model/fields.ts';
import { netspecRelu } from '../backends/relu-op.ts';
import { netspecRelu6 } from '../backends/relu6-op.ts';

export { ACTIVATIONS };
export type ActivationName = Activation;

/**
 * Canonical name, or undefined when unknown. Accepts camelCase too: tfjs camel-cases every
 * string in a saved layer config on load ('leaky_relu' comes back as 'leakyRelu').
 */
export function activationName(name: string): ActivationName | undefined {
  const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return (ACTIVATIONS as readonly string[]).includes(snake) ? (snake as ActivationName) : undefined;
}

/**
 * `alpha`: negative slope of leaky_relu (default 0.01, PyTorch's; tf's own default is 0.2) and
 * scale of elu's negative part (default 1). gelu is exact, 0.5·x·(1 + erf(x/√2)), as PyTorch's
 * default; softmax is over the last axis.
 */
export function applyActivation<T extends tf.Tensor>(x: T, name: ActivationName, alpha?: number): T {
  switch (name) {
    case 'linear': return x;
    case 'relu': return netspecRelu(x);
    case 'relu6': return netspecRelu6(x);
    case 'leaky_relu': return tf.leakyRelu(x, alpha ?? 0.01);
    case 'elu':
      // tf.elu has no alpha; relu(x) + a·(exp(min(x, 0)) − 1) is elu for any a and differentiable.
      return alpha === undefined || alpha === 1
        ? tf.elu(x)
        : tf.tidy(() => tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1))) as T);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'softmax': return tf.softmax(x) as T;
    case 'gelu':
      return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))) as T);
    // x·sigmoid(x), PyTorch's SiLU (swish with β = 1).
    case 'silu': return tf.tidy(() => tf.mul(x, tf.sigmoid(x)) as T);
    // x·relu6(x + 3)/6, PyTorch's Hardswish (Howard et al. 2019, MobileNetV3).
    case 'hard_swish': return tf.tidy(() => tf.mul(x, tf.div(netspecRelu6(tf.add(x, 3)), 6)) as T);
  }
}
