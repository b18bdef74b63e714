// NetspecDense is a plain dense layer: the same outputs and gradients as tf.layers.dense for
// every activation we have, weights named and shaped as Dense's (`<layer>/kernel` [in, units],
// `<layer>/bias`), and an export that loads back with the same predictions.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, NetspecDense, type ActivationName } from '../src/runtime/layers/index.ts';
import { exportModel, loadExportedModel } from '../src/runtime/train/export.ts';
import { mulberry32, tempFolder } from './test-utils.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tf.layers' own layers computing `activation` after a dense: the reference, not our code. */
function referenceHead(units: number, useBias: boolean, activation: ActivationName): tf.layers.Layer[] {
  // tf.layers has no leaky_relu activation string; its LeakyReLU layer with our slope (0.01).
  if (activation === 'leaky_relu') return [tf.layers.dense({ units, useBias }), tf.layers.leakyReLU({ alpha: 0.01 })];
  // silu is tfjs' swish (x·sigmoid(x)); tfjs has no hard swish: x·relu6(x + 3)/6 as a Lambda-free layer of tf ops.
  if (activation === 'silu') return [tf.layers.dense({ units, useBias, activation: 'swish' })];
  if (activation === 'hard_swish') return [tf.layers.dense({ units, useBias }), new HardSwish()];
  return [tf.layers.dense({ units, useBias, activation: activation as 'relu' })];
}

/** x·relu6(x + 3)/6 (PyTorch's Hardswish), written here with tf ops as the reference. */
class HardSwish extends tf.layers.Layer {
  static className = 'TestHardSwish';
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
  }
}

const random = (shape: number[], rand: () => number, scale = 1) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rand() * 2 - 1) * scale), shape);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe('NetspecDense equals tf.layers.dense', () => {
  const cases = ACTIVATIONS.flatMap((activation, i) => [
    { activation, fanIn: 9 + i, units: 7, useBias: true },
    { activation, fanIn: 5, units: 3 + i, useBias: false },
  ]);
  it.each(cases)('$activation, $fanIn → $units, bias $useBias: outputs and the gradients of input, kernel and bias', ({ activation, fanIn, units, useBias }) => {
    const rand = mulberry32(fanIn * 31 + units);
    const ours = tf.sequential({ layers: [new NetspecDense({ inputShape: [fanIn], units, useBias, activation, name: 'fc' })] });
    const theirs = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [fanIn] }), ...referenceHead(units, useBias, activation)] });
    const weights = [random([fanIn, units], rand), ...(useBias ? [random([units], rand)] : [])];
    ours.setWeights(weights);
    theirs.setWeights(weights);
    expect(ours.weights.map((w) => [w.originalName, w.shape])).toEqual([['fc/kernel', [fanIn, units]], ...(useBias ? [['fc/bias', [units]]] : [])]);

    // Inputs of both signs and up to ±3: every piece of relu6, elu, leaky_relu is exercised.
    const x = random([4, fanIn], rand, 3);
    const target = random([4, units], rand);
    const grads = (model: tf.Sequential) => {
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const f = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, target)) as tf.Scalar;
      const { grads: g } = tf.variableGrads(() => f(x), vars);
      return { y: model.predict(x) as tf.Tensor, dx: tf.grad(f)(x), dw: vars.map((v) => g[v.name]) };
    };
    const a = grads(ours);
    const b = grads(theirs);
    // A constant output would make the comparison vacuous.
    expect(tf.moments(b.y).variance.dataSync()[0]).toBeGreaterThan(1e-4);
    expect(maxDiff(a.y, b.y)).toBeLessThan(1e-5);
    expect(maxDiff(a.dx, b.dx)).toBeLessThan(1e-5);
    expect(a.dw.length).toBe(b.dw.length);
    a.dw.forEach((g, i) => expect(maxDiff(g, b.dw[i])).toBeLessThan(1e-5));
  });

  it.each(['linear', 'relu6', 'leaky_relu'] as const)('inference with %s runs one _FusedMatMul kernel (what netspec-cpu does natively)', async (activation) => {
    const layer = new NetspecDense({ units: 3, activation });
    const x = tf.ones([2, 4]);
    layer.apply(x);
    const info = await tf.profile(() => layer.apply(x) as tf.Tensor);
    // Kernels only (the profile also lists op scopes); reshapes only relabel the data.
    const computed = info.kernels.map((k) => k.name).filter((n) => tf.getKernel(n, 'cpu') && n !== 'Reshape');
    expect(computed).toEqual(['_FusedMatMul']);
  });
});

describe('serialisation', () => {
  const tmp = tempFolder('netspec-dense-');

  it('exports and loads back with the same config and predictions; the weights are Dense\'s', async () => {
    const rand = mulberry32(77);
    const model = tf.sequential({ layers: [new NetspecDense({ inputShape: [6], units: 5, activation: 'leaky_relu', name: 'fc6', biasInitializer: 'ones' })] });
    model.setWeights([random([6, 5], rand), random([5], rand)]);
    const x = random([3, 6], rand, 2);
    const saved = await exportModel(model, tmp.dir());
    expect(saved.ok).toBe(true);
    const loaded = await loadExportedModel(tmp.dir());
    expect(loaded.layers[0]).toBeInstanceOf(NetspecDense);
    expect(loaded.layers[0].getConfig()).toEqual(model.layers[0].getConfig());
    expect((loaded.predict(x) as tf.Tensor).dataSync()).toEqual((model.predict(x) as tf.Tensor).dataSync());

    // The same weights, by name, as a tf.layers.dense of that name: they load into one.
    const dense = tf.sequential({ layers: [tf.layers.dense({ inputShape: [6], units: 5, name: 'fc6' })] });
    expect(loaded.weights.map((w) => [w.originalName, w.shape])).toEqual(dense.weights.map((w) => [w.originalName, w.shape]));
    dense.setWeights(loaded.getWeights());
    const ref = tf.leakyRelu(dense.predict(x) as tf.Tensor, 0.01);
    expect(maxDiff(loaded.predict(x) as tf.Tensor, ref)).toBeLessThan(1e-6);
  });
});
