// NetspecConv2D on netspec-cpu runs as one native kernel (groups, dilation, padding, bias, relu)
// with a registered gradient; on the cpu backend it takes the portable path (split, conv2d per
// group, concat, bias, activation). Both must give the same values and gradients.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConvMode, loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { NetspecConv2D, type NetspecConv2DArgs } from '../src/runtime/layers/conv2d.ts';
import type { ActivationName } from '../src/runtime/layers/activation.ts';
import { mulberry32 } from './test-utils.ts';

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-layers] SKIPPED: ${load.why}`);

interface Case {
  x: [number, number, number, number];
  filters: number;
  kernel: [number, number];
  strides?: [number, number];
  pad?: [number, number, number, number];
  dilation?: [number, number];
  groups?: number;
  bias?: boolean;
  activation?: ActivationName;
}

const CASES: Case[] = [
  { x: [2, 9, 9, 4], filters: 6, kernel: [3, 3], pad: [1, 1, 1, 1], activation: 'relu' },
  { x: [3, 11, 10, 4], filters: 8, kernel: [5, 5], strides: [2, 2], pad: [2, 1, 0, 2], groups: 2, activation: 'relu' },
  { x: [1, 13, 13, 16], filters: 24, kernel: [3, 3], pad: [1, 1, 1, 1], groups: 4, bias: false, activation: 'linear' },
  { x: [2, 12, 12, 6], filters: 4, kernel: [3, 3], dilation: [2, 2], pad: [2, 2, 2, 2], groups: 2, activation: 'tanh' },
  { x: [2, 23, 23, 3], filters: 8, kernel: [11, 11], strides: [4, 4], pad: [2, 2, 2, 2], activation: 'relu' },
  { x: [2, 7, 9, 32], filters: 32, kernel: [3, 3], strides: [1, 2], pad: [0, 1, 1, 0], groups: 2, activation: 'relu' },
];

const name = (c: Case) => `x ${c.x} k ${c.kernel} f ${c.filters} s ${c.strides ?? [1, 1]} p ${c.pad ?? [0, 0, 0, 0]} d ${c.dilation ?? [1, 1]} g ${c.groups ?? 1} ${c.activation}${c.bias === false ? ' no bias' : ''}`;

/** Output, d(loss)/dx and d(loss)/d(each weight) of the layer on `backend`, with fixed weights and inputs. */
async function outputsAndGrads(backend: string, c: Case): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = mulberry32(11);
  const args: NetspecConv2DArgs = {
    filters: c.filters, kernelSize: c.kernel, strides: c.strides, pad: c.pad, dilation: c.dilation, groups: c.groups,
    useBias: c.bias ?? true, activation: c.activation, kernelInitializer: 'glorotUniform', biasInitializer: 'ones',
  };
  const layer = new NetspecConv2D(args);
  layer.build(c.x);
  layer.setWeights(layer.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => rand() - 0.4), w.shape)));
  const x = tf.tensor(Float32Array.from({ length: c.x.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1), c.x);
  const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const target = tf.tidy(() => tf.randomUniform(layer.computeOutputShape(c.x) as number[], -1, 1, 'float32', 5));
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, target)) as tf.Scalar;
  const y = layer.apply(x) as tf.Tensor;
  const dx = tf.grad(loss)(x);
  const { grads } = tf.variableGrads(() => loss(x), weights);
  const out = [y, dx, ...weights.map((w) => grads[w.name])].map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([x, y, dx, target, ...Object.values(grads)]);
  layer.weights.forEach((w) => w.dispose());
  return out;
}

describe.skipIf(!load.ok)('NetspecConv2D as one native kernel on netspec-cpu', () => {
  const addon = () => (load.ok ? load.addon : (undefined as never));
  beforeAll(() => {
    expect(registerNetspecCpu().ok).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES.map((c) => [name(c), c] as const))('values and gradients equal the portable path: %s', async (_, c) => {
    const want = await outputsAndGrads('cpu', c);
    const splits = vi.spyOn(tf.engine(), 'runKernel');
    const got = await outputsAndGrads(NETSPEC_CPU, c);
    // The native path neither splits into groups nor concatenates.
    expect(splits.mock.calls.map((call) => call[0]).filter((k) => k === 'SplitV' || k === 'Concat')).toEqual([]);
    splits.mockRestore();
    const labels = ['output', 'd/dx', 'd/dkernel', 'd/dbias'];
    want.forEach((w, i) => {
      let worst = 0, scale = 1;
      for (let j = 0; j < w.length; j++) {
        worst = Math.max(worst, Math.abs(got[i][j] - w[j]));
        scale = Math.max(scale, Math.abs(w[j]));
      }
      expect(worst / scale, labels[i]).toBeLessThan(1e-5);
    });
  });

  it('computes no input gradient that nobody asked for (the first layer\'s image), and leaks nothing', async () => {
    await tf.setBackend(NETSPEC_CPU);
    const layer = new NetspecConv2D({ filters: 4, kernelSize: [3, 3], activation: 'relu' });
    layer.build([1, 8, 8, 3]);
    const x = tf.randomUniform([1, 8, 8, 3]);
    const tensorsBefore = tf.memory().numTensors;
    const conv = vi.spyOn(addon(), 'conv2d');
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, layer.trainableWeights.map((w) => w.read() as tf.Variable));
    const modes = conv.mock.calls.map((call) => call[0]);
    conv.mockRestore();
    expect(modes).toContain(ConvMode.Forward);
    expect(modes).toContain(ConvMode.BackwardFilter);
    expect(modes).not.toContain(ConvMode.BackwardData);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors, 'tensors left behind by the gradient').toBe(tensorsBefore);
    x.dispose();
    layer.weights.forEach((w) => w.dispose());
  });
});
