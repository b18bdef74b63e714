// Weight initialisers by the spec's scheme names. 'paper' is Krizhevsky et al. §5: weights from
// N(0, 0.01); the biases the paper sets to 1 (conv2, conv4, conv5, fc6, fc7) are `biasInit: 1`
// in models/alexnet.yaml.
import * as tf from '@tensorflow/tfjs';
import type { InitScheme } from '../model/spec.ts';

export type { InitScheme };

/** tfjs exports the initialiser classes' factories but not their base type. */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

export function weightInitializer(scheme: InitScheme, seed?: number): Initializer {
  switch (scheme) {
    case 'paper': return tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed });
    case 'he': return tf.initializers.heNormal({ seed });
    case 'glorot': return tf.initializers.glorotUniform({ seed });
    case 'lecun': return tf.initializers.leCunNormal({ seed });
  }
}

export function biasInitializer(value: number): Initializer {
  return value === 0 ? tf.initializers.zeros() : tf.initializers.constant({ value });
}
