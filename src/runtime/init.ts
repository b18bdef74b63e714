// Weight initialisers by the spec's scheme names. 'paper' is Krizhevsky et al. §5: weights from
// N(0, 0.01); the biases the paper sets to 1 (conv2, conv4, conv5, fc6, fc7) are `biasInit: 1`
// in models/alexnet.yaml.
import * as tf from '@tensorflow/tfjs';
import type { InitScheme } from '../model/spec.ts';
import { adoptIntoPool } from './backends/adopt.ts';

export type { InitScheme };

/** tfjs exports the initialiser classes' factories but not their base type. */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

export function weightInitializer(scheme: InitScheme, seed?: number): Initializer {
  switch (scheme) {
    case 'paper': return pooled(tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed }));
    case 'he': return pooled(tf.initializers.heNormal({ seed }));
    case 'glorot': return pooled(tf.initializers.glorotUniform({ seed }));
    case 'lecun': return pooled(tf.initializers.leCunNormal({ seed }));
  }
}

export function biasInitializer(value: number): Initializer {
  return pooled(value === 0 ? tf.initializers.zeros() : tf.initializers.constant({ value }));
}

/** Initial values go straight into the backend's pool, while the arrays they replace are young (adopt.ts). */
function pooled(init: Initializer): Initializer {
  const apply = init.apply.bind(init);
  init.apply = (shape, dtype) => {
    const t = apply(shape, dtype);
    adoptIntoPool([t]);
    return t;
  };
  return init;
}
