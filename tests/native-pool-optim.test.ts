// netspec-cpu's caching allocator (float-pool.ts) and its fused optimizer kernels (optim.cc):
// reuse must never change a value anyone can still see, and the fused updates must equal the
// tensor-op path that every other backend takes.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OptimizerSpec } from '../src/model/spec.ts';
import { FloatPool, POOL_MIN_FLOATS } from '../src/runtime/backends/float-pool.ts';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import { mulberry32 } from './test-utils.ts';

const N = POOL_MIN_FLOATS * 2;

describe('FloatPool', () => {
  it('hands a freed array of the same length back, and only of the same length', () => {
    const pool = new FloatPool(1 << 30);
    const a = pool.take(N);
    pool.give(a);
    expect(pool.take(N + 1)).not.toBe(a);
    expect(pool.take(N)).toBe(a);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 2, cachedBytes: 0 });
  });

  it.each([
    ['an escaped array', (p: FloatPool) => { const a = p.take(N); p.escape(a); return a; }],
    ['an array whose view escaped', (p: FloatPool) => { const a = p.take(N); p.escape(a.subarray(10, 20)); return a; }],
    ['an array it did not make', () => new Float32Array(N)],
    ['a view of its own array', (p: FloatPool) => p.take(N).subarray(0, N / 2)],
    ['a small array', (p: FloatPool) => p.take(16)],
  ])('never reuses %s', (_, make) => {
    const pool = new FloatPool(1 << 30);
    const a = make(pool);
    pool.give(a);
    expect(pool.take(a.length)).not.toBe(a);
    expect(pool.stats().cachedBytes).toBe(0);
  });

  it('keeps at most its byte budget; the rest is left to the garbage collector', () => {
    const pool = new FloatPool(N * 4 * 2);
    const arrays = [pool.take(N), pool.take(N), pool.take(N)];
    arrays.forEach((a) => pool.give(a));
    expect(pool.stats().cachedBytes).toBe(N * 4 * 2);
    pool.clear();
    expect(pool.stats().cachedBytes).toBe(0);
  });
});

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-pool-optim] SKIPPED: ${load.why}`);

/** The values `n` relu outputs of `size` floats write: each would land in a freed array of that size. */
function churn(size: number, n = 4): void {
  for (let i = 0; i < n; i++) tf.tidy(() => tf.relu(tf.fill([size], 1000 + i)).dataSync());
}

const poolOf = () => (tf.backend() as unknown as { floatPool: FloatPool }).floatPool;

describe.skipIf(!load.ok)('netspec-cpu reuses freed outputs without touching live values', () => {
  beforeAll(async () => {
    const r = registerNetspecCpu();
    expect(r.ok ? '' : r.why).toBe('');
    await tf.setBackend(NETSPEC_CPU);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reuses the array of a disposed native output', () => {
    const x = tf.fill([N], -2);
    const before = poolOf().stats().hits;
    const y = tf.relu(x);
    y.dispose();
    const z = tf.relu(x);
    expect(poolOf().stats().hits).toBeGreaterThan(before);
    tf.dispose([x, z]);
  });

  it('an array returned by dataSync() keeps its values after its tensor is disposed', () => {
    const y = tf.tidy(() => tf.relu(tf.range(0, N)));
    const seen = y.dataSync();
    const copy = Float32Array.from(seen);
    y.dispose();
    churn(N);
    expect(seen).toEqual(copy);
  });

  it('the same through await data()', async () => {
    const y = tf.tidy(() => tf.relu(tf.range(0, N)));
    const seen = (await y.data()) as Float32Array;
    const copy = Float32Array.from(seen);
    y.dispose();
    churn(N);
    expect(seen).toEqual(copy);
  });

  it('a contiguous slice (a zero-copy view in the cpu kernel) outlives its disposed source', () => {
    const y = tf.tidy(() => tf.relu(tf.range(0, 2 * N).reshape([2, N])));
    const head = tf.slice(y, [1, 0], [1, N]);
    y.dispose();
    churn(2 * N);
    const want = Float32Array.from({ length: N }, (_, i) => N + i);
    expect(head.dataSync()).toEqual(want);
    head.dispose();
  });
});

type Case = [string, OptimizerSpec, 'sgdUpdate' | 'adamUpdate'];
const CASES: Case[] = [
  ['sgd, momentum 0.9', { type: 'sgd', lr: 0.05, momentum: 0.9 }, 'sgdUpdate'],
  ['sgd, weight decay 5e-4', { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 }, 'sgdUpdate'],
  ['sgd, nesterov', { type: 'sgd', lr: 0.05, momentum: 0.8, weightDecay: 1e-3, nesterov: true }, 'sgdUpdate'],
  ['adam', { type: 'adam', lr: 0.05 }, 'adamUpdate'],
  ['adam, weight decay and own betas', { type: 'adam', lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 1e-2 }, 'adamUpdate'],
];

/** Five updates of a kernel (decayed) and a bias (not) with fixed gradients; final weights and state. */
async function train(backend: string, spec: OptimizerSpec) {
  await tf.setBackend(backend);
  const rand = mulberry32(7);
  const values = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  const shapes = [[64, 160], [160]]; // 10,240 floats: above the pool's threshold
  const vars = shapes.map((s) => tf.variable(tf.tensor(values(s[0] * (s[1] ?? 1)), s)));
  const opt = createOptimizer(spec, vars);
  for (let step = 0; step < 5; step++) {
    const grads = shapes.map((s) => tf.tensor(values(s[0] * (s[1] ?? 1)), s));
    opt.apply(grads, 0.05 / (step + 1));
    tf.dispose(grads);
  }
  const weights = vars.map((v) => Float32Array.from(v.dataSync()));
  const state = await opt.state();
  opt.dispose();
  tf.dispose(vars);
  return { weights, slots: state.slots.flatMap((s) => Object.values(s)) };
}

describe.skipIf(!load.ok)('fused optimizer updates equal the tensor-op path', () => {
  beforeAll(() => {
    expect(registerNetspecCpu().ok).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s', async (_, spec, fn) => {
    const want = await train('cpu', spec);
    const addon = load.ok ? load.addon : (undefined as never);
    const spy = vi.spyOn(addon, fn);
    const got = await train(NETSPEC_CPU, spec);
    expect(spy).toHaveBeenCalledTimes(5 * 2);
    spy.mockRestore();
    [...want.weights, ...want.slots].forEach((w, i) => {
      const g = [...got.weights, ...got.slots][i];
      let worst = 0;
      for (let j = 0; j < w.length; j++) worst = Math.max(worst, Math.abs(g[j] - w[j]) / Math.max(1, Math.abs(w[j])));
      expect(worst, `buffer ${i}`).toBeLessThanOrEqual(1e-6);
    });
  });
});

describe.skipIf(!load.ok)('fused updates overwrite weights in place only when nothing else sees them', () => {
  type Data = { get(id: object): { values: Float32Array } };
  const valuesOf = (t: tf.Tensor) => (tf.backend() as unknown as { data: Data }).data.get(t.dataId).values;
  let w: tf.Variable;
  let opt: ReturnType<typeof createOptimizer>;
  const step = () => tf.tidy(() => opt.apply([tf.fill([64, 160], 0.5)], 0.1));

  beforeAll(async () => {
    expect(registerNetspecCpu().ok).toBe(true);
    await tf.setBackend(NETSPEC_CPU);
    w = tf.variable(tf.fill([64, 160], 1));
    opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 }, [w]);
    step(); // the first update replaces the caller's buffers with the pool's
  });
  afterAll(async () => {
    opt.dispose();
    w.dispose();
    await tf.setBackend('cpu');
  });

  it('writes into the variable\'s own buffer once it is the pool\'s', () => {
    const before = valuesOf(w);
    const first = before[0];
    step();
    expect(valuesOf(w)).toBe(before);
    expect(before[0]).not.toBe(first);
  });

  it('leaves an array returned by dataSync() as it was', () => {
    const seen = w.dataSync() as Float32Array;
    const copy = Float32Array.from(seen);
    step();
    expect(seen).toEqual(copy);
    expect(w.dataSync()[0]).not.toBe(copy[0]);
  });

  it('leaves a clone (the same data, counted twice) as it was', () => {
    step(); // back to a pool buffer nobody has read
    const clone = w.clone();
    const copy = Float32Array.from(valuesOf(clone));
    step();
    expect(valuesOf(clone)).toEqual(copy);
    expect(valuesOf(w)[0]).not.toBe(copy[0]);
    clone.dispose();
  });
});
