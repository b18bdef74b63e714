// netspec-cpu's own kernels for batch norm (kernels-batchnorm.ts) against the portable ones (tfjs
// cpu runs those): values, batch statistics and every gradient, in training and inference, with and
// without γ/β, rank 2 and 4, odd sizes; and its Mean over adjacent axes and middle-broadcast
// Multiply (global average pooling and its gradient) against the cpu kernels, with the cases they
// leave to the cpu kernels.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { netspecBatchNorm, type BatchNormActivation } from '../src/runtime/backends/batchnorm-op.ts';
import { netspecRelu } from '../src/runtime/backends/relu-op.ts';
import { netspecRelu6 } from '../src/runtime/backends/relu6-op.ts';
import { loadNativeAddon, type NativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { lcgValues, relError } from './test-utils.ts';

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-batchnorm] SKIPPED: ${load.why}`);
const addon = (): NativeAddon => (load.ok ? load.addon : (undefined as never));

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const rand = (shape: number[], seed: number, lo = -1, hi = 1) => tf.tensor(lcgValues(size(shape), seed, lo, hi), shape);

/** Runs `f` on `backend`; its outputs' values. */
async function runOn(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const data = out.map((t) => t.dataSync() as Float32Array);
  tf.dispose(out);
  return data;
}

describe.skipIf(!load.ok)('netspec-cpu batch norm and global average pooling kernels', () => {
  beforeAll(() => {
    const r = registerNetspecCpu();
    expect(r.ok ? '' : r.why).toBe('');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases = [
    { shape: [4, 5, 3, 7], center: true, scale: true },
    { shape: [3, 7, 5, 6], center: false, scale: true },
    { shape: [2, 3, 9, 5], center: true, scale: false },
    { shape: [5, 1, 1, 3], center: false, scale: false },
    { shape: [13, 11], center: true, scale: true },
    { shape: [9, 1], center: true, scale: false },
    { shape: [8, 4, 4, 64], center: true, scale: true },
    { shape: [2, 28, 28, 32], center: true, scale: true, offset: 100 },
  ];
  describe.each([true, false])('training %s', (training) => {
    it.each(cases)('$shape center=$center scale=$scale: y, statistics and every gradient equal the portable kernels', async (c) => {
      const ch = c.shape[c.shape.length - 1];
      // x with a large mean in the last case: raw pixel values, whose variance is small beside mean².
      const f = () => {
        const x = tf.add(rand(c.shape, 1, -2, 2), c.offset ?? 0.3);
        const gamma = c.scale ? rand([ch], 2, 0.5, 1.5) : undefined;
        const beta = c.center ? rand([ch], 3) : undefined;
        const mean = rand([ch], 4), variance = rand([ch], 5, 0.5, 2);
        const probe = rand(c.shape, 6);
        const attrs = { epsilon: 1e-3, training };
        const out = netspecBatchNorm(x, { gamma, beta, mean, variance }, attrs);
        // Gradients for a probe-weighted sum of y, with respect to every input that has one.
        const wrt = [x, ...(gamma ? [gamma] : []), ...(beta ? [beta] : []), ...(training ? [] : [mean, variance])];
        const grads = tf.grads((...ts: tf.Tensor[]) => {
          const [xx, ...rest] = ts;
          const g = gamma ? rest.shift() : undefined;
          const b = beta ? rest.shift() : undefined;
          const [m, v] = training ? [mean, variance] : rest;
          return tf.sum(tf.mul(netspecBatchNorm(xx, { gamma: g, beta: b, mean: m, variance: v }, attrs).y, probe));
        })(wrt);
        return [out.y, out.mean, out.variance, ...grads];
      };
      const want = await runOn('cpu', f);
      const spies = [vi.spyOn(addon(), 'batchNorm'), vi.spyOn(addon(), 'batchNormGrad')];
      const got = await runOn(NETSPEC_CPU, f);
      for (const s of spies) {
        expect(s).toHaveBeenCalled();
        s.mockRestore();
      }
      expect(got.length).toBe(want.length);
      // Large sums over a few thousand rows in float, in another order: a few float epsilons relative.
      want.forEach((w, i) => expect({ output: i, err: relError(got[i], w) < 2e-5 }).toEqual({ output: i, err: true }));
    });
  });

  // The fused op (batch norm, then relu or relu6, as the training forward runs them) against the
  // two ops it replaces: the same float operations in the same order, so equal to the bit, on the
  // portable kernels (cpu) and the native ones; and native against portable within rounding.
  // γ up to 4 and β around 2 put outputs on both sides of 0 and of 6.
  describe.each([
    { activation: 'relu' as const, training: true },
    { activation: 'relu6' as const, training: true },
    { activation: 'relu' as const, training: false },
    { activation: 'relu6' as const, training: false },
  ])('batch norm + $activation fused, training $training', ({ activation, training }) => {
    const apply = (t: tf.Tensor, a: BatchNormActivation) => (a === 'relu' ? netspecRelu(t) : netspecRelu6(t));
    const f = (fused: boolean, shape: number[]) => () => {
      const ch = shape[shape.length - 1];
      const x = rand(shape, 21, -3, 3);
      const gamma = rand([ch], 22, 0.5, 4), beta = rand([ch], 23, 0, 4);
      const mean = rand([ch], 24), variance = rand([ch], 25, 0.5, 2);
      const probe = rand(shape, 26);
      const attrs = { epsilon: 1e-5, training };
      const run = (xx: tf.Tensor, g: tf.Tensor, b: tf.Tensor, m: tf.Tensor, v: tf.Tensor) => {
        const p = { gamma: g, beta: b, mean: m, variance: v };
        return fused ? netspecBatchNorm(xx, p, { ...attrs, activation }) : { ...netspecBatchNorm(xx, p, attrs), y: apply(netspecBatchNorm(xx, p, attrs).y, activation) };
      };
      const out = run(x, gamma, beta, mean, variance);
      const wrt = training ? [x, gamma, beta] : [x, gamma, beta, mean, variance];
      const grads = tf.grads((...ts: tf.Tensor[]) => {
        const [xx, g, b, m = mean, v = variance] = ts;
        return tf.sum(tf.mul(run(xx, g, b, m, v).y, probe));
      })(wrt);
      return [out.y, out.mean, out.variance, ...grads];
    };
    it.each([{ shape: [4, 5, 3, 7] }, { shape: [2, 28, 28, 16] }, { shape: [13, 11] }])('$shape: equal to batch norm then the activation, on both kernels', async ({ shape }) => {
      const portableFused = await runOn('cpu', f(true, shape));
      expect(await runOn('cpu', f(false, shape))).toEqual(portableFused);
      const spy = vi.spyOn(addon(), 'batchNormGrad');
      const nativeFused = await runOn(NETSPEC_CPU, f(true, shape));
      // The fused gradient reached the native kernel with the output y that masks dy.
      expect(spy.mock.calls.some((c) => c[0].activation === (activation === 'relu' ? 1 : 2) && c[9] instanceof Float32Array)).toBe(true);
      spy.mockRestore();
      expect(await runOn(NETSPEC_CPU, f(false, shape))).toEqual(nativeFused);
      nativeFused.forEach((w, i) => expect({ output: i, err: relError(w, portableFused[i]) < 2e-5 }).toEqual({ output: i, err: true }));
      // Both sides of the clamps were reached.
      const y = nativeFused[0];
      expect(y.some((v) => v === 0) && y.some((v) => v > 0 && v < 6)).toBe(true);
      if (activation === 'relu6') expect(y.some((v) => v === 6)).toBe(true);
    });
  });

  // The passes split over OpenMP threads above 65,536 values; the block sums are added up in
  // order afterwards, so one thread and three give the same bits.
  it.each([{ act: 0 }, { act: 1 }, { act: 2 }])('activation $act: the same values on 1 and 3 threads', ({ act }) => {
    const rows = 3 * 28 * 28 * 11 + 5, c = 24; // not a multiple of the 32-row blocks
    const x = new Float32Array(lcgValues(rows * c, 31, -2, 3)), dy = new Float32Array(lcgValues(rows * c, 32, -1, 1));
    const gamma = new Float32Array(lcgValues(c, 33, 0.5, 2)), beta = new Float32Array(lcgValues(c, 34, -1, 1));
    const p = { rows, channels: c, epsilon: 1e-5, training: true, activation: act };
    const once = (threads: number) => {
      addon().setThreads(threads);
      const mean = new Float32Array(c), variance = new Float32Array(c), y = new Float32Array(rows * c);
      addon().batchNorm(p, x, gamma, beta, mean, variance, y);
      const dx = new Float32Array(rows * c), dg = new Float32Array(c), db = new Float32Array(c);
      addon().batchNormGrad(p, x, dy, gamma, mean, variance, dx, dg, db, act ? y : null);
      return [y, mean, variance, dx, dg, db];
    };
    const before = addon().info().threads;
    try {
      expect(once(3)).toEqual(once(1));
    } finally {
      addon().setThreads(before);
    }
  });

  it('inference returns the given statistics, training the batch\'s (biased variance)', async () => {
    await tf.setBackend(NETSPEC_CPU);
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 10], [3, 10], [5, 13]]);
      const t = netspecBatchNorm(x, {}, { epsilon: 1e-5, training: true });
      expect(Array.from(t.mean.dataSync())).toEqual([3, 11]);
      expect(Array.from(t.variance.dataSync()).map((v) => Number(v.toFixed(5)))).toEqual([8 / 3, 2].map((v) => Number(v.toFixed(5))));
      const e = netspecBatchNorm(x, { mean: tf.tensor1d([1, 2]), variance: tf.tensor1d([4, 9]) }, { epsilon: 0, training: false });
      expect(Array.from(e.mean.dataSync())).toEqual([1, 2]);
      expect(Array.from(e.y.dataSync())).toEqual([0, 8 / 3, 1, 8 / 3, 2, 11 / 3].map(Math.fround));
    });
  });

  it('leaks nothing: forward and backward in training free all they made', async () => {
    await tf.setBackend(NETSPEC_CPU);
    const x = rand([4, 3, 3, 5], 7), gamma = rand([5], 8);
    const before = tf.memory().numTensors;
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(netspecBatchNorm(a, { gamma: b }, { epsilon: 1e-5, training: true }).y))([x, gamma]);
    tf.dispose(g);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, gamma]);
  });

  // Mean over adjacent axes natively; anything else through the cpu kernel, with the same values.
  it.each([
    { shape: [6, 7, 7, 10], axis: [1, 2], keepDims: false, native: true },
    { shape: [3, 5, 4, 9], axis: [1, 2], keepDims: true, native: true },
    { shape: [4, 6, 5], axis: [0], keepDims: false, native: true },
    { shape: [4, 6, 5], axis: [-1], keepDims: false, native: true },
    { shape: [4, 6, 5], axis: [0, 1, 2], keepDims: false, native: true },
    { shape: [2, 3, 4, 5], axis: [2, 1], keepDims: false, native: true },
    { shape: [1, 1, 1, 3], axis: [1, 2], keepDims: false, native: true },
    { shape: [3, 4, 5], axis: [0, 2], keepDims: false, native: false },
    { shape: [2, 3, 4, 5], axis: [0, 3], keepDims: true, native: false },
  ])('Mean of $shape over $axis (keepDims $keepDims): native $native', async (c) => {
    const f = () => [tf.mean(rand(c.shape, 11, -3, 5), c.axis, c.keepDims)];
    const want = await runOn('cpu', f);
    const spy = vi.spyOn(addon(), 'mean');
    const got = await runOn(NETSPEC_CPU, f);
    expect(spy.mock.calls.length > 0).toBe(c.native);
    spy.mockRestore();
    // The native Mean divides each term first and sums in double in the cpu kernel's order: equal.
    want.forEach((w, i) => expect(relError(got[i], w)).toBe(0));
  });

  it.each([
    { a: [6, 1, 1, 10], b: [6, 7, 7, 10], op: 'mul', native: true },
    { a: [3, 5, 4, 9], b: [3, 1, 1, 9], op: 'mul', native: true },
    { a: [4, 1, 3], b: [4, 5, 3], op: 'sub', native: true },
    { a: [2, 3, 1, 1], b: [2, 3, 4, 5], op: 'add', native: true },
    { a: [7, 1], b: [7, 9], op: 'div', native: true },
    { a: [1, 5, 1, 3], b: [2, 5, 4, 3], op: 'mul', native: false },
    { a: [4, 1, 3], b: [1, 5, 3], op: 'mul', native: false },
  ])('$op of $a and $b: native $native', async (c) => {
    const ops = { mul: tf.mul, sub: tf.sub, add: tf.add, div: tf.div } as const;
    const f = () => [ops[c.op as keyof typeof ops](rand(c.a, 21), tf.add(rand(c.b, 22), c.op === 'div' ? 3 : 0))];
    const want = await runOn('cpu', f);
    const spy = vi.spyOn(addon(), 'binary');
    const got = await runOn(NETSPEC_CPU, f);
    // A middle or column broadcast passes `inner` (and `block`); the offset added for div does not.
    expect(spy.mock.calls.some((call) => call[4] !== undefined)).toBe(c.native);
    spy.mockRestore();
    want.forEach((w, i) => expect(relError(got[i], w)).toBe(0));
  });

  it('global average pooling and its gradient run natively and equal the cpu backend\'s', async () => {
    const f = () => {
      const x = rand([5, 7, 7, 12], 31);
      const probe = rand([5, 12], 32);
      const [y, dx] = [tf.mean(x, [1, 2]), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(t, [1, 2]), probe)))(x)];
      return [y, dx];
    };
    const want = await runOn('cpu', f);
    const spies = [vi.spyOn(addon(), 'mean'), vi.spyOn(addon(), 'binary')];
    const got = await runOn(NETSPEC_CPU, f);
    for (const s of spies) {
      expect(s).toHaveBeenCalled();
      s.mockRestore();
    }
    want.forEach((w, i) => expect(relError(got[i], w)).toBe(0));
  });
});
