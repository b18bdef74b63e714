// The batch-norm ops' portable kernels on webgpu, plain and fused with relu/relu6 (as the training
// forward runs them: train/forward.ts), agree with the cpu backend: output, batch statistics and
// the gradients of x, γ and β.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { netspecBatchNorm, type BatchNormActivation } from '../src/runtime/backends/batchnorm-op.ts';
import { releaseWebGPU, tryWebGPU } from '../src/runtime/backends/webgpu.ts';
import { inCI } from './ci-env.ts';
import { mulberry32 } from './test-utils.ts';

const webgpu = await tryWebGPU();
if (!webgpu.ok) console.warn(`batchnorm-webgpu: no WebGPU here: ${webgpu.why}`);
afterAll(async () => {
  await tf.setBackend('cpu');
  releaseWebGPU();
});

/** y, mean, variance, d/dx, d/dγ, d/dβ on `backend` (read with data(): webgpu in Node has no dataSync). */
async function run(backend: string, shape: number[], activation?: BatchNormActivation): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = mulberry32(5);
  const values = (n: number, lo: number, hi: number) => Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
  const c = shape[shape.length - 1], n = shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(values(n, -3, 3), shape), gamma = tf.tensor1d(values(c, 0.5, 4)), beta = tf.tensor1d(values(c, 0, 4));
  const probe = tf.tensor(values(n, -1, 1), shape);
  const attrs = { epsilon: 1e-5, training: true, ...(activation ? { activation } : {}) };
  const out = netspecBatchNorm(x, { gamma, beta }, attrs);
  const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(netspecBatchNorm(a, { gamma: g, beta: b }, attrs).y, probe)))([x, gamma, beta]);
  const all = [out.y, out.mean, out.variance, ...grads];
  const data = await Promise.all(all.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose([x, gamma, beta, probe, ...all]);
  return data;
}

describe.runIf(webgpu.ok)('batch norm on webgpu equals cpu', () => {
  it.each([
    { shape: [2, 7, 5, 6], activation: undefined },
    { shape: [2, 7, 5, 6], activation: 'relu' as const },
    { shape: [3, 4, 4, 8], activation: 'relu6' as const },
  ])('$shape, activation $activation', async ({ shape, activation }) => {
    const want = await run('cpu', shape, activation);
    const got = await run('webgpu', shape, activation);
    ['y', 'mean', 'variance', 'd/dx', 'd/dgamma', 'd/dbeta'].forEach((label, i) => {
      let worst = 0, scale = 1;
      for (let j = 0; j < want[i].length; j++) {
        worst = Math.max(worst, Math.abs(got[i][j] - want[i][j]));
        scale = Math.max(scale, Math.abs(want[i][j]));
      }
      expect(worst / scale, label).toBeLessThan(1e-4);
    });
    if (activation) expect(want[0].some((v) => v === 0) && want[0].some((v) => v > 0)).toBe(true);
  });
});

it.runIf(!webgpu.ok)('no WebGPU adapter here (scripts/setup-webgpu.sh installs lavapipe): batch norm on webgpu not exercised', () => {
  expect(inCI).toBe(false);
});
