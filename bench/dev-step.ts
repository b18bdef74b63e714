// The step the developer tools (profile.ts, memory-profile.ts) run: a model of generated/ built
// with seed 1, a random batch and labels, and the training step `netspec train` takes — the
// cross-entropy's gradients by tf.variableGrads, then SGD with momentum over every trainable weight.
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { applyForTraining } from '../src/runtime/train/forward.ts';
import { crossEntropy } from '../src/runtime/train/metrics.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import { loadGenerated, randomLabels } from './tfjs-measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function devSteps(modelName: string, batch: number) {
  const mod = await loadGenerated(ROOT, modelName);
  const model = mod.build({ seed: 1 });
  const x = tf.randomUniform([batch, ...mod.inputShape], 0, 1, 'float32', 1);
  const labels = tf.tensor1d(randomLabels(batch, mod.numClasses, 1), 'int32');
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = createOptimizer({ type: 'sgd', lr: 0.01, momentum: 0.9 }, variables);
  return {
    model,
    trainStep: async () => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(applyForTraining(model, x) as tf.Tensor2D, labels), variables);
      const ordered = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
      optimizer.apply(ordered, 0.01);
      await value.data();
      tf.dispose([value, ...ordered]);
    },
    forwardStep: async () => {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    },
  };
}
