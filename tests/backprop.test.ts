// useEagerRelease (src/runtime/backprop.ts) replaces tfjs's backward walk with one that frees each
// node's saved tensors and gradients once used. Gradients must be identical to tfjs's own walk, on
// the models of models/ that train with batch norm, residual adds, concat and pooling, and the
// peak of tensor memory must fall. applyForTraining (src/runtime/train/forward.ts), the forward pass
// that frees each layer's output after its last consumer, must give the same loss and gradients.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { useEagerRelease } from '../src/runtime/backprop.ts';
import { buildModel } from '../src/runtime/build.ts';
import { applyForTraining } from '../src/runtime/train/forward.ts';
import { crossEntropy } from '../src/runtime/train/metrics.ts';
import { lcgValues, mulberry32, relError } from './test-utils.ts';

const root = path.resolve(__dirname, '..');

beforeAll(async () => { await tf.setBackend('cpu'); });
afterAll(() => useEagerRelease(false));

/** Loss, gradients and tfjs's peak bytes of one training step of `model` on a fixed batch. */
async function step(model: tf.LayersModel, batch: number, releasing = false): Promise<{ loss: number; grads: Float32Array[]; peak: number; leaked: number; fusedOps: number }> {
  const shape = model.inputs[0].shape.slice(1) as number[];
  const classes = (model.outputs[0].shape as number[])[1];
  const before = tf.memory().numTensors;
  let loss = 0;
  let grads: Float32Array[] = [];
  const random = vi.spyOn(Math, 'random').mockImplementation(mulberry32(9)); // the same dropout masks each time
  const info = await tf.profile(() => {
    tf.tidy(() => {
      const x = tf.tensor(lcgValues(batch * shape.reduce((a, b) => a * b, 1), 3, 0, 1), [batch, ...shape]);
      const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % classes), 'int32');
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const r = tf.variableGrads(() => crossEntropy((releasing ? applyForTraining(model, x) : model.apply(x, { training: true })) as tf.Tensor2D, labels), vars);
      loss = r.value.dataSync()[0];
      grads = vars.map((v) => r.grads[v.name].dataSync() as Float32Array);
    });
  });
  random.mockRestore();
  const fusedOps = info.kernels.filter((k) => k.name === 'NetspecBatchNormAct').length;
  return { loss, grads, peak: info.peakBytes, leaked: tf.memory().numTensors - before, fusedOps };
}

describe.each(['models/resnet-fashion.yaml', 'models/alexnet-fashion.yaml', 'models/lenet5.yaml', 'tests/fixtures/build/every-kind.yaml'])('%s', (file) => {
  it('gives tfjs\'s gradients exactly, with a lower peak and nothing leaked', async () => {
    const a = analyzeModel(path.join(root, file));
    expect(a.diagnostics).toEqual([]);
    const model = buildModel(a.ir!, { seed: 3 });
    try {
      useEagerRelease(false);
      const own = await step(model, 8);
      useEagerRelease(true);
      const eager = await step(model, 8);
      expect(eager.loss).toBe(own.loss);
      expect(eager.grads.length).toBe(own.grads.length);
      eager.grads.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(own.grads[i])));
      expect(eager.leaked).toBe(0);
      expect(own.leaked).toBe(0);
      expect(eager.peak).toBeLessThan(own.peak * 0.85);
      const both = await step(model, 8, true);
      expect(both.loss).toBe(own.loss);
      // Layers of one depth may run in another order than tfjs's executor's: a gradient summed from two
      // consumers may then differ in the last bit.
      both.grads.forEach((g, i) => expect(relError(g, own.grads[i])).toBeLessThan(1e-6));
      expect(both.leaked).toBe(0);
      expect(both.peak).toBeLessThanOrEqual(eager.peak);
      console.log(`[backprop] ${file}: peak tensor bytes ${own.peak} -> ${eager.peak} (${(eager.peak / own.peak).toFixed(2)}x), with applyForTraining ${both.peak} (${(both.peak / own.peak).toFixed(2)}x)`);
    } finally {
      model.dispose();
    }
  }, 120_000);
});

// A batch norm whose only consumer is a relu or relu6 layer runs as one op in applyForTraining
// (NetspecBatchNormAct); the loss, the gradients and the running statistics stay those of the
// layers run one by one. bn-act.yaml also has a batch norm with two consumers and one at the end.
describe.each([
  { file: 'models/resnet-fashion.yaml', fused: 4 }, // the stem's and each block's first; the second feeds the add
  { file: 'tests/fixtures/build/bn-act.yaml', fused: 1 },
])('$file: batch norm + activation fused', ({ file, fused }) => {
  it(`runs ${fused} fused ops, with the layers' loss, gradients and running statistics`, async () => {
    const a = analyzeModel(path.join(root, file));
    expect(a.diagnostics).toEqual([]);
    const stats = (m: tf.LayersModel) => m.weights.filter((w) => /moving_(mean|variance)/.test(w.name)).map((w) => Array.from(w.read().dataSync()));
    const apart = buildModel(a.ir!, { seed: 5 }), together = buildModel(a.ir!, { seed: 5 });
    try {
      useEagerRelease(true);
      const one = await step(apart, 6);
      const two = await step(together, 6, true);
      expect([one.fusedOps, two.fusedOps]).toEqual([0, fused]);
      expect(two.loss).toBe(one.loss);
      two.grads.forEach((g, i) => expect(relError(g, one.grads[i])).toBeLessThan(1e-6));
      const before = stats(buildModel(a.ir!, { seed: 5 }));
      expect(stats(together)).toEqual(stats(apart));
      expect(stats(together)).not.toEqual(before); // the step moved them
      expect(two.leaked).toBe(0);
    } finally {
      apart.dispose();
      together.dispose();
    }
  }, 120_000);
});

describe('higher-order and plain gradients', () => {
  it('tf.grad of tf.grad still works (second derivative of x^3 is 6x)', () => {
    useEagerRelease(true);
    const d2 = tf.grad(tf.grad((x: tf.Tensor) => tf.pow(x, 3)));
    expect(Array.from(d2(tf.tensor1d([1, 2, -3])).dataSync())).toEqual([6, 12, -18]);
  });

  it('a tensor used twice gets the sum of both paths; a given dy is not disposed', () => {
    useEagerRelease(true);
    const x = tf.tensor1d([1, 2, 3]);
    const dy = tf.tensor1d([1, 1, 2]);
    const g = tf.grad((t: tf.Tensor) => tf.add(tf.mul(t, t), t))(x, dy);
    expect(Array.from(g.dataSync())).toEqual([3, 5, 14]);
    expect(dy.isDisposed).toBe(false);
  });
});
