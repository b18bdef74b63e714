// NetspecDense: a Dense whose kernel is stored in column blocks (AlexNet's fc6, so that every
// WebGPU adapter can bind it). Same function and gradients as tf.layers.dense with the blocks
// side by side; each block initialised with the whole kernel's variance.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseColumnBlocks, NetspecDense, resolveInitializer, blockInitializer } from '../src/runtime/layers/index.ts';
import type { ActivationName } from '../src/runtime/layers/activation.ts';
import { mulberry32 } from './test-utils.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('denseColumnBlocks', () => {
  it.each([
    ['AlexNet fc6 (9216×4096, 151 MB): two halves, as the paper\'s two GPUs', 9216, 4096, undefined, [2048, 2048]],
    ['fc7 (4096×4096, exactly 64 MiB): one block', 4096, 4096, undefined, [4096]],
    ['a 1000-unit head: one block', 4096, 1000, undefined, [1000]],
    ['uneven: wider blocks first', 100, 7, 1200, [3, 2, 2]],
    ['one column over the limit still gets a block of its own', 1000, 3, 100, [1, 1, 1]],
  ] as const)('%s', (_, fanIn, units, max, want) => {
    const blocks = denseColumnBlocks(fanIn, units, max);
    expect(blocks).toEqual(want);
    expect(blocks.reduce((a, b) => a + b, 0)).toBe(units);
  });
});

const ACTS = ['relu', 'softmax', 'linear', 'tanh'] as const satisfies readonly ActivationName[];

describe('NetspecDense equals tf.layers.dense with the blocks side by side', () => {
  it.each([
    { fanIn: 9, units: 7, blocks: [3, 2, 2], bias: true, activation: ACTS[0] },
    { fanIn: 16, units: 10, blocks: [5, 5], bias: true, activation: ACTS[1] },
    { fanIn: 5, units: 4, blocks: [4], bias: false, activation: ACTS[2] },
    { fanIn: 12, units: 9, blocks: [1, 8], bias: true, activation: ACTS[3] },
  ])('blocks $blocks, $activation, bias $bias: outputs and all gradients', ({ fanIn, units, blocks, bias, activation }) => {
    const rand = mulberry32(3);
    const ours = new NetspecDense({ units, blocks, useBias: bias, activation, biasInitializer: 'ones' });
    ours.apply(tf.zeros([1, fanIn])); // builds inside the layer's name scope (unique weight names)
    const blockWeights = ours.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => rand() - 0.5), w.shape));
    ours.setWeights(blockWeights);
    const reference = tf.layers.dense({ units, useBias: bias, activation });
    reference.apply(tf.zeros([1, fanIn]));
    const kernels = blockWeights.slice(0, blocks.length);
    reference.setWeights([tf.concat(kernels, 1), ...(bias ? [blockWeights[blocks.length]] : [])]);

    const x = tf.tensor(Float32Array.from({ length: 3 * fanIn }, () => rand() * 2 - 1), [3, fanIn]);
    const target = tf.tensor(Float32Array.from({ length: 3 * units }, () => rand()), [3, units]);
    const loss = (layer: tf.layers.Layer) => () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, target)) as tf.Scalar;
    const mine = tf.variableGrads(loss(ours), ours.trainableWeights.map((w) => w.read() as tf.Variable));
    const theirs = tf.variableGrads(loss(reference), reference.trainableWeights.map((w) => w.read() as tf.Variable));
    const close = (a: tf.Tensor, b: tf.Tensor) => expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
    close(ours.apply(x) as tf.Tensor, reference.apply(x) as tf.Tensor);
    close(mine.value, theirs.value);
    const nameOf = (w: tf.LayerVariable) => (w.read() as tf.Variable).name;
    const [myKernels, myBias] = [ours.trainableWeights.slice(0, blocks.length), ours.trainableWeights[blocks.length]];
    close(tf.concat(myKernels.map((w) => mine.grads[nameOf(w)]), 1), theirs.grads[nameOf(reference.trainableWeights[0])]);
    if (bias) close(mine.grads[nameOf(myBias)], theirs.grads[nameOf(reference.trainableWeights[1])]);
  });
});

describe('block initialisation keeps the whole kernel\'s distribution', () => {
  const std = (t: tf.Tensor) => Math.sqrt(tf.moments(t).variance.dataSync()[0]);

  it.each([
    ['glorotUniform (fan_avg: scale adjusted per block)', 'glorotUniform'],
    ['heNormal (fan_in)', 'heNormal'],
  ])('%s', (_, name) => {
    const [fanIn, units] = [600, 800];
    const whole = resolveInitializer({ className: name === 'heNormal' ? 'HeNormal' : 'GlorotUniform', config: { seed: 9 } });
    const full = whole.apply([fanIn, units]);
    const blocks = [400, 400].map((w, i) => blockInitializer(whole, fanIn, units, w, i).apply([fanIn, w]));
    for (const b of blocks) expect(std(b) / std(full)).toBeCloseTo(1, 1);
    // Own seeds: the blocks are not copies of each other.
    expect(tf.max(tf.abs(tf.sub(blocks[0], blocks[1]))).dataSync()[0]).toBeGreaterThan(0.01);
  });

  it('a plain random normal (the paper\'s N(0, 0.01)) keeps its stddev and gets a seed per block', () => {
    const paper = resolveInitializer({ className: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: 5 } });
    const [a, b] = [0, 1].map((i) => blockInitializer(paper, 300, 600, 300, i).apply([300, 300]));
    expect(std(a)).toBeCloseTo(0.01, 3);
    expect(std(b)).toBeCloseTo(0.01, 3);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(0.001);
  });
});
