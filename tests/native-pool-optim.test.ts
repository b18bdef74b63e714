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

/** Whether two arrays share any byte of memory. */
const overlap = (a: Float32Array, b: Float32Array) =>
  a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
const sameMemory = (a: Float32Array, b: Float32Array) => a.buffer === b.buffer && a.byteOffset === b.byteOffset;
const MiB = 2 ** 20;

describe('FloatPool', () => {
  it('hands a freed block to the next request that fits', () => {
    const pool = new FloatPool(1 << 30);
    const a = pool.take(N);
    pool.give(a);
    const b = pool.take(N);
    expect(sameMemory(a, b)).toBe(true);
    expect(b.length).toBe(N);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('splits a large freed block between smaller requests, without a new segment', () => {
    const pool = new FloatPool(1 << 30);
    const big = pool.take((64 * MiB) / 4);
    const segments = pool.stats().segmentBytes;
    pool.give(big);
    const parts = [pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4), pool.take((30 * MiB) / 4)];
    expect(pool.stats().segmentBytes).toBe(segments);
    for (const p of parts) expect(p.buffer).toBe(big.buffer);
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) expect(overlap(parts[i], parts[j])).toBe(false);
  });

  it('merges freed neighbours, so that their sum serves one request', () => {
    const pool = new FloatPool(1 << 30);
    const whole = pool.take((48 * MiB) / 4);
    pool.give(whole);
    const parts = [pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4)];
    const segments = pool.stats().segmentBytes;
    [parts[1], parts[0], parts[2]].forEach((p) => pool.give(p));
    expect(sameMemory(pool.take((48 * MiB) / 4), whole)).toBe(true);
    expect(pool.stats().segmentBytes).toBe(segments);
  });

  it.each([
    ['an escaped array', (p: FloatPool) => { const a = p.take(N); p.escape(a); return a; }],
    ['an array it did not make', () => new Float32Array(N)],
    ['a view of its own array that it was not told about', (p: FloatPool) => p.take(N).subarray(0, N / 2)],
    ['a small array', (p: FloatPool) => p.take(16)],
  ])('never reuses %s', (_, make) => {
    const pool = new FloatPool(1 << 30);
    const a = make(pool);
    pool.give(a);
    const b = pool.take(a.length);
    expect(overlap(a, b)).toBe(false);
  });

  it('keeps a block while a view of it (share) is held, and reuses it after', () => {
    const pool = new FloatPool(1 << 30);
    const a = pool.take(N);
    const view = a.subarray(N / 2);
    pool.share(view, a);
    expect(pool.owns(a)).toBe(false);
    pool.give(a);
    expect(overlap(pool.take(N), a)).toBe(false);
    pool.give(view);
    expect(overlap(pool.take(N), a)).toBe(true);
  });

  it('ignores an array given back twice: the block may belong to someone else by then', () => {
    const pool = new FloatPool(1 << 30);
    const a = pool.take(N);
    pool.give(a);
    const b = pool.take(N);
    expect(sameMemory(a, b)).toBe(true);
    pool.give(a); // stale: b holds this memory now
    expect(pool.owns(b)).toBe(true);
    expect(overlap(pool.take(N), b)).toBe(false);
  });

  it('drops whole free segments beyond its byte budget', () => {
    const pool = new FloatPool(20 * MiB);
    const arrays = [pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4)];
    arrays.forEach((a) => pool.give(a));
    expect(pool.stats().cachedBytes).toBeLessThanOrEqual(20 * MiB);
    expect(pool.stats().segmentBytes).toBe(pool.stats().cachedBytes);
    pool.clear();
    expect(pool.stats()).toMatchObject({ cachedBytes: 0, segmentBytes: 0 });
  });

  it('hands idle pages back when resident memory would pass its cap, longest idle first', () => {
    const released: Float32Array[] = [];
    const pool = new FloatPool(1 << 30, { release: (a) => { released.push(a); return a.byteLength; }, headroom: 1, slackBytes: 16 * MiB });
    const [a, b] = [pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4)];
    pool.give(a);
    pool.give(b);
    expect(pool.stats()).toMatchObject({ maxInUseBytes: 32 * MiB, idleResidentBytes: 32 * MiB });
    // Served from resident pages: nothing released.
    const c = pool.take((16 * MiB) / 4);
    pool.give(c);
    expect(released).toHaveLength(0);
    // 24 MiB from a new segment with 32 idle: 56 resident against a cap of 32 + 16. The block idle longest goes, and only it.
    const d = pool.take((24 * MiB) / 4);
    expect(released).toHaveLength(1);
    expect(sameMemory(released[0], b)).toBe(true); // c (a's memory) was freed after b
    expect(overlap(released[0], d)).toBe(false);
    expect(pool.stats()).toMatchObject({ releasedBytes: 16 * MiB, idleResidentBytes: 16 * MiB });
    // A released block is still the pool's: a request that fits uses it.
    const e = pool.take((16 * MiB) / 4), f = pool.take((16 * MiB) / 4);
    expect([e, f].some((x) => sameMemory(x, b))).toBe(true);
  });

  it('without a release function keeps every idle page', () => {
    const pool = new FloatPool(1 << 30);
    const arrays = [pool.take((16 * MiB) / 4), pool.take((16 * MiB) / 4)];
    arrays.forEach((a) => pool.give(a));
    pool.take((64 * MiB) / 4);
    expect(pool.stats()).toMatchObject({ releasedBytes: 0, idleResidentBytes: 32 * MiB });
  });

  it('never hands out memory a live array holds (random takes, gives and views)', () => {
    const rand = mulberry32(11);
    // Its release zeroes the memory, as MADV_DONTNEED does: a live array must never be among it.
    const pool = new FloatPool(64 * MiB, { release: (a) => { a.fill(0); return a.byteLength; }, headroom: 1.05, slackBytes: 0 });
    const live: { a: Float32Array; stamp: number; of?: Float32Array }[] = [];
    let stamp = 1;
    for (let step = 0; step < 2000; step++) {
      const r = rand();
      if (r < 0.5 || live.length === 0) {
        const n = rand() < 0.3 ? 16 + Math.floor(rand() * 8000) : Math.floor(rand() * rand() * 1_000_000) + 4096;
        const a = pool.take(n);
        for (const l of live) if (!l.of && l.a !== a) expect(overlap(a, l.a)).toBe(false);
        a.fill(stamp);
        live.push({ a, stamp: stamp++ });
      } else if (r < 0.6) {
        const base = live[Math.floor(rand() * live.length)];
        if (base.of) continue;
        const view = base.a.subarray(0, Math.max(1, base.a.length >> 1));
        pool.share(view, base.a);
        live.push({ a: view, stamp: base.stamp, of: base.a });
      } else {
        const [l] = live.splice(Math.floor(rand() * live.length), 1);
        // Every live array still holds what was written into it.
        expect(l.a[0]).toBe(l.stamp);
        expect(l.a[l.a.length - 1]).toBe(l.stamp);
        pool.give(l.a);
      }
    }
    for (const l of live) expect([l.a[0], l.a[l.a.length - 1]]).toEqual([l.stamp, l.stamp]);
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

  it('dataSync() returns a copy of pooled memory, not the backend\'s array', () => {
    const y = tf.tidy(() => tf.relu(tf.range(0, N)));
    const seen = y.dataSync() as Float32Array;
    const own = (tf.backend() as unknown as { data: { get(id: object): { values: Float32Array } } }).data.get(y.dataId).values;
    expect(poolOf().holds(own)).toBe(true);
    expect(overlap(seen, own)).toBe(false);
    expect(poolOf().owns(own)).toBe(true);
    y.dispose();
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

  it('moves weights and slots into the pool when the optimizer is made: the first update is already in place', () => {
    const v = tf.tidy(() => tf.variable(tf.fill([64, 160], 1))); // values from tf.fill: not the pool's; one tensor on them
    expect(poolOf().holds(valuesOf(v))).toBe(false);
    const o = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 }, [v]);
    const before = valuesOf(v);
    expect(poolOf().owns(before)).toBe(true);
    expect(before[0]).toBe(1);
    tf.tidy(() => o.apply([tf.fill([64, 160], 0.5)], 0.1));
    expect(valuesOf(v) === before, 'the same array after the update').toBe(true);
    expect(before[0]).toBeCloseTo(1 - 0.1 * 0.5, 6);
    o.dispose();
    v.dispose();
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
