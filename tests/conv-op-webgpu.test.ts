// NetspecConv2D's portable kernels on webgpu (its own Conv2DBackpropFilter; dilation through
// rank-4 ops, as its rank-5 PadV2 gives wrong values) agree with the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseWebGPU, tryWebGPU } from '../src/runtime/backends/webgpu.ts';
import { NetspecConv2D, type NetspecConv2DArgs } from '../src/runtime/layers/conv2d.ts';
import { mulberry32 } from './test-utils.ts';

const webgpu = await tryWebGPU();
if (!webgpu.ok) console.warn(`conv-op-webgpu: no WebGPU here: ${webgpu.why}`);
afterAll(async () => {
  await tf.setBackend('cpu');
  releaseWebGPU();
});

/** Output, d/dx and d/d(each weight) on `backend` (read with data(): webgpu in Node has no dataSync). */
async function outputsAndGrads(backend: string, args: NetspecConv2DArgs, xShape: number[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = mulberry32(21);
  const layer = new NetspecConv2D(args);
  layer.build(xShape);
  layer.setWeights(layer.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => rand() - 0.4), w.shape)));
  const x = tf.tensor(Float32Array.from({ length: xShape.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1), xShape);
  const y = layer.apply(x) as tf.Tensor;
  const r = tf.tensor(Float32Array.from({ length: y.size }, () => rand() * 2 - 1), y.shape);
  const loss = (t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, r)) as tf.Scalar;
  const dx = tf.grad(loss)(x);
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(() => loss(x), vars);
  const out = await Promise.all([y, dx, ...vars.map((v) => grads[v.name])].map(async (t) => Float32Array.from(await t.data())));
  tf.dispose([x, y, r, dx, ...Object.values(grads)]);
  layer.weights.forEach((w) => w.dispose());
  return out;
}

describe.runIf(webgpu.ok)('NetspecConv2D on webgpu equals cpu', () => {
  it.each([
    { name: 'groups 2, stride 2, relu', x: [2, 11, 10, 4], args: { filters: 8, kernelSize: [5, 5], strides: [2, 2], pad: [2, 1, 0, 2], groups: 2, activation: 'relu' } },
    { name: 'dilation 2, groups 2, tanh', x: [2, 12, 12, 6], args: { filters: 4, kernelSize: [3, 3], dilation: [2, 2], pad: [2, 2, 2, 2], groups: 2, activation: 'tanh' } },
    { name: 'dilation [3, 1], stride 2, relu', x: [1, 9, 7, 4], args: { filters: 4, kernelSize: [2, 3], strides: [2, 2], pad: [0, 1, 1, 0], dilation: [3, 1], activation: 'relu' } },
  ] as { name: string; x: number[]; args: NetspecConv2DArgs }[])('$name', async ({ x, args }) => {
    const want = await outputsAndGrads('cpu', args, x);
    const got = await outputsAndGrads('webgpu', args, x);
    ['output', 'd/dx', 'd/dkernel', 'd/dbias'].forEach((label, i) => {
      let worst = 0, scale = 1;
      for (let j = 0; j < want[i].length; j++) {
        worst = Math.max(worst, Math.abs(got[i][j] - want[i][j]));
        scale = Math.max(scale, Math.abs(want[i][j]));
      }
      expect(worst / scale, label).toBeLessThan(1e-5);
    });
  });
});
