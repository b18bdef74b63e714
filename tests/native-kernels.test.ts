// Every native kernel of netspec-cpu against tfjs's pure-JS cpu backend (the reference), on
// tables of shapes with negative inputs, plus a whole small model's gradients.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadNativeAddon, type ConvParams, type NativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { netspecRelu6 } from '../src/runtime/backends/relu6-op.ts';
import { lcgValues, relError } from './test-utils.ts';
import { inCI } from './ci-env.ts';

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-kernels] SKIPPED: ${load.why}`);

// Outside CI a missing addon skips this file, saying why; under CI=true that is a failure.
it(`the native addon is loaded${inCI ? ' (required: CI=true)' : ''}`, (ctx) => {
  if (!load.ok && !inCI) ctx.skip(load.why);
  expect(load.ok ? '' : load.why).toBe('');
});

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const randn = (shape: number[], seed: number) => tf.tensor(lcgValues(size(shape), seed), shape);

/** Runs `f` on `backend` and returns its outputs' values. */
async function runOn(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const data = list.map((t) => t.dataSync() as Float32Array);
  tf.dispose(list);
  return data;
}

/** Same computation on cpu and netspec-cpu; asserts agreement and that `fn` of the addon ran. */
async function compare(f: () => tf.Tensor | tf.Tensor[], native: keyof NativeAddon, tol = 1e-5): Promise<void> {
  const want = await runOn('cpu', f);
  const spy = vi.spyOn(addon(), native);
  const got = await runOn(NETSPEC_CPU, f);
  expect(spy, `native ${String(native)} was not used`).toHaveBeenCalled();
  spy.mockRestore();
  want.forEach((w, i) => expect(relError(got[i], w)).toBeLessThanOrEqual(tol));
}

const addon = (): NativeAddon => (load.ok ? load.addon : (undefined as never));
/** The shape of what `f` returns, without keeping any tensor. */
const shapeOf = (f: () => tf.Tensor): number[] => {
  const t = tf.tidy(f);
  const shape = t.shape;
  t.dispose();
  return shape;
};
const run = <T extends tf.Tensor>(name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel<T>(name, inputs, attrs as tf.NamedAttrMap);

describe.skipIf(!load.ok)('netspec-cpu native kernels vs tfjs cpu', () => {
  beforeAll(() => {
    const r = registerNetspecCpu();
    expect(r.ok ? '' : r.why).toBe('');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('registers every cpu kernel under netspec-cpu', () => {
    const ours = new Set(tf.getKernelsForBackend(NETSPEC_CPU).map((k) => k.kernelName));
    const missing = tf.getKernelsForBackend('cpu').map((k) => k.kernelName).filter((n) => !ours.has(n));
    expect(missing).toEqual([]);
  });

  it('native outputs are tensors the backend owns: counted by tf.memory, freed by dispose', async () => {
    await tf.setBackend(NETSPEC_CPU);
    const x = randn([2, 8, 8, 3], 1), w = randn([3, 3, 3, 4], 2);
    const before = tf.memory();
    const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
    expect(tf.memory().numTensors).toBe(before.numTensors + 1);
    expect(tf.memory().numBytes).toBe(before.numBytes + 2 * 8 * 8 * 4 * 4);
    y.dispose();
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([x, w]);
  });

  type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
  interface ConvCase { x: number[]; f: number[]; strides: number | [number, number]; pad: Pad; dil?: number }
  const convCases: ConvCase[] = [
    { x: [1, 7, 7, 3], f: [3, 3, 3, 4], strides: 1, pad: 'valid' },
    { x: [3, 9, 8, 2], f: [3, 2, 2, 5], strides: 2, pad: 'same' },
    { x: [1, 13, 11, 3], f: [5, 5, 3, 2], strides: 4, pad: 'same' },
    { x: [3, 15, 14, 1], f: [5, 5, 1, 6], strides: 4, pad: 'valid' },
    { x: [3, 10, 9, 4], f: [3, 3, 4, 3], strides: [1, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
    { x: [1, 8, 9, 2], f: [4, 3, 2, 3], strides: 2, pad: [[0, 0], [2, 0], [1, 3], [0, 0]] },
    { x: [1, 11, 11, 2], f: [3, 3, 2, 3], strides: 1, pad: 'same', dil: 2 },
    { x: [3, 12, 9, 3], f: [3, 2, 3, 4], strides: 1, pad: 'valid', dil: 2 },
    { x: [2, 5, 5, 16], f: [1, 1, 16, 8], strides: 1, pad: 'valid' },
    // Channel counts a blocked (nChw8c) layout takes.
    { x: [2, 9, 9, 16], f: [3, 3, 16, 24], strides: 1, pad: 'same' },
    { x: [2, 13, 11, 32], f: [5, 5, 32, 16], strides: 2, pad: [[0, 0], [2, 1], [1, 2], [0, 0]] },
  ];
  const convName = (c: ConvCase) => `x ${c.x} f ${c.f} s ${c.strides} pad ${JSON.stringify(c.pad)} d ${c.dil ?? 1}`;

  // Every convolution in each activation layout the addon can compute in (auto times both per shape).
  describe.each([['NHWC', 1], ['blocked', 2], ['auto', 0]] as const)('in %s layout', (_, layout) => {
    beforeAll(() => addon().setConvLayout(layout));
    afterAll(() => addon().setConvLayout(0));

    it.each(convCases)('Conv2D $x · $f', async (c) => {
      await compare(() => tf.conv2d(randn(c.x, 1) as tf.Tensor4D, randn(c.f, 2) as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dil ?? 1), 'conv2d');
    });

    // tfjs has no convolution gradients for dilation > 1 (native-addon.test.ts checks those directly).
    const undilated = convCases.filter((c) => (c.dil ?? 1) === 1);

    it.each(undilated.map((c) => [convName(c), c] as const))('Conv2DBackpropInput %s', async (_, c) => {
      const yShape = shapeOf(() => tf.conv2d(tf.zeros<tf.Rank>(c.x) as tf.Tensor4D, tf.zeros<tf.Rank>(c.f) as tf.Tensor4D, c.strides, c.pad));
      await compare(() => run('Conv2DBackpropInput', { dy: randn(yShape, 3), filter: randn(c.f, 4) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x }), 'conv2d');
    });

    it.each(undilated.map((c) => [convName(c), c] as const))('Conv2DBackpropFilter %s', async (_, c) => {
      const yShape = shapeOf(() => tf.conv2d(tf.zeros<tf.Rank>(c.x) as tf.Tensor4D, tf.zeros<tf.Rank>(c.f) as tf.Tensor4D, c.strides, c.pad));
      await compare(() => run('Conv2DBackpropFilter', { x: randn(c.x, 5), dy: randn(yShape, 6) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.f }), 'conv2d');
    });

    it.each(convCases.filter((c) => c.x[3] >= 16))('uses the layout it was set to: $x · $f', (c) => {
      const [n, ih, iw, ic] = c.x, [kh, kw, , oc] = c.f;
      const params: ConvParams = {
        batch: n, inSize: [ih, iw], inChannels: ic, outSize: [ih, iw], outChannels: oc, kernelSize: [kh, kw], strides: [1, 1],
        dilation: [1, 1], pad: [(kh - 1) >> 1, kh >> 1, (kw - 1) >> 1, kw >> 1], groups: 1,
      };
      const impl = addon().convImpl(0, params, false, false);
      if (layout === 1) expect(impl).toMatch(/ nhwc$/);
      if (layout === 2) expect(impl).toMatch(/ blocked$/);
      if (layout !== 0) return;
      // auto: nothing is chosen before the first call (what it would build is the NHWC one); the
      // first call times both layouts and caches one of the two fixed layouts' implementations,
      // which later calls keep.
      addon().setConvLayout(1);
      const nhwc = addon().convImpl(0, params, false, false);
      addon().setConvLayout(2);
      const blocked = addon().convImpl(0, params, false, false);
      addon().setConvLayout(0);
      expect(nhwc).toMatch(/ nhwc$/);
      expect(blocked).toMatch(/ blocked$/);
      expect(addon().convImpl(0, params, false, false)).toBe(nhwc);
      const cached = addon().info().cachedPrimitives;
      const out = new Float32Array(n * ih * iw * oc);
      addon().conv2d(0, params, lcgValues(n * ih * iw * ic, 1), lcgValues(kh * kw * ic * oc, 2), out);
      expect(addon().info().cachedPrimitives).toBe(cached + 1);
      const chosen = addon().convImpl(0, params, false, false);
      expect([nhwc, blocked]).toContain(chosen);
      addon().conv2d(0, params, lcgValues(n * ih * iw * ic, 3), lcgValues(kh * kw * ic * oc, 4), out);
      expect(addon().info().cachedPrimitives).toBe(cached + 1);
      expect(addon().convImpl(0, params, false, false)).toBe(chosen);
    });
  });

  it.each([
    { act: 'relu' as const, bias: true },
    { act: 'linear' as const, bias: true },
    { act: 'relu' as const, bias: false },
  ])('FusedConv2D $act bias=$bias', async ({ act, bias }) => {
    await compare(() => tf.fused.conv2d({
      x: randn([3, 9, 9, 4], 7) as tf.Tensor4D, filter: randn([3, 3, 4, 5], 8) as tf.Tensor4D,
      strides: 2, pad: 'same', bias: bias ? randn([5], 9) : undefined, activation: act,
    }), 'conv2d');
  });

  it('FusedConv2D with an activation oneDNN does not get (elu) falls back and still agrees', async () => {
    const f = () => tf.fused.conv2d({ x: randn([1, 6, 6, 2], 1) as tf.Tensor4D, filter: randn([3, 3, 2, 3], 2) as tf.Tensor4D, strides: 1, pad: 'valid', activation: 'elu', bias: randn([3], 3) });
    const want = await runOn('cpu', f);
    const got = await runOn(NETSPEC_CPU, f);
    expect(relError(got[0], want[0])).toBeLessThan(1e-5);
  });

  interface MatCase { a: number[]; b: number[]; ta: boolean; tb: boolean }
  const matCases: MatCase[] = [];
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      matCases.push({ a: ta ? [5, 7] : [7, 5], b: tb ? [3, 5] : [5, 3], ta, tb });
      matCases.push({ a: ta ? [2, 4, 3] : [2, 3, 4], b: tb ? [2, 6, 4] : [2, 4, 6], ta, tb });
      matCases.push({ a: ta ? [1, 4, 3] : [1, 3, 4], b: tb ? [3, 6, 4] : [3, 4, 6], ta, tb });
    }
  }
  it.each(matCases)('BatchMatMul $a × $b ta=$ta tb=$tb', async (c) => {
    await compare(() => tf.matMul(randn(c.a, 10), randn(c.b, 11), c.ta, c.tb), 'matmul');
  });

  it.each([
    { bias: [6], act: 'relu' as const, ta: false, tb: true },
    { bias: [1, 6], act: 'linear' as const, ta: true, tb: false },
    { bias: [], act: 'relu' as const, ta: false, tb: false },
  ])('_FusedMatMul bias $bias $act', async (c) => {
    await compare(() => tf.fused.matMul({
      a: randn(c.ta ? [5, 4] : [4, 5], 12), b: randn(c.tb ? [6, 5] : [5, 6], 13),
      transposeA: c.ta, transposeB: c.tb, bias: c.bias.length ? randn(c.bias, 14) : tf.scalar(-0.25), activation: c.act,
    }), 'matmul');
  });

  interface PoolCase { x: number[]; k: number | [number, number]; s: number | [number, number]; pad: 'valid' | 'same' | number }
  const poolCases: PoolCase[] = [
    { x: [3, 9, 9, 4], k: 3, s: 2, pad: 'valid' },
    { x: [1, 8, 7, 3], k: 3, s: 2, pad: 'same' },
    { x: [3, 6, 6, 5], k: 2, s: 2, pad: 'valid' },
    { x: [1, 7, 10, 2], k: [2, 3], s: [1, 2], pad: 'same' },
    { x: [2, 5, 5, 40], k: 3, s: 1, pad: 1 },
  ];
  // All inputs negative: a max that starts at the smallest positive float instead of −∞ fails here.
  const negative = (shape: number[], seed: number) => tf.tensor(lcgValues(size(shape), seed, -3, -0.5), shape);

  it.each(poolCases)('MaxPool $x k $k s $s $pad', async (c) => {
    await compare(() => tf.maxPool(negative(c.x, 20) as tf.Tensor4D, c.k, c.s, c.pad), 'maxPool');
  });

  it.each(poolCases)('MaxPoolGrad $x k $k s $s $pad (negative inputs)', async (c) => {
    const yShape = shapeOf(() => tf.maxPool(tf.zeros<tf.Rank>(c.x) as tf.Tensor4D, c.k, c.s, c.pad));
    await compare(() => {
      const x = negative(c.x, 21);
      return run('MaxPoolGrad', { dy: randn(yShape, 22), input: x, output: tf.maxPool(x as tf.Tensor4D, c.k, c.s, c.pad) },
        { filterSize: c.k, strides: c.s, pad: c.pad });
    }, 'maxPoolGrad');
  });

  it('MaxPoolGrad gives a tied window\'s gradient to its first maximum', async () => {
    await compare(() => {
      const x = tf.fill([1, 5, 5, 2], -1.5);
      return run('MaxPoolGrad', { dy: randn([1, 2, 2, 2], 23), input: x, output: tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid') },
        { filterSize: 3, strides: 2, pad: 'valid' });
    }, 'maxPoolGrad');
  });

  it.each(poolCases)('AvgPool $x k $k s $s $pad', async (c) => {
    await compare(() => tf.avgPool(randn(c.x, 24) as tf.Tensor4D, c.k, c.s, c.pad), 'avgPool');
  });

  it.each(poolCases.filter((c) => c.pad === 'valid'))('AvgPoolGrad $x k $k s $s valid', async (c) => {
    const yShape = shapeOf(() => tf.avgPool(tf.zeros<tf.Rank>(c.x) as tf.Tensor4D, c.k, c.s, c.pad));
    await compare(() => run('AvgPoolGrad', { dy: randn(yShape, 25), input: tf.zeros(c.x) }, { filterSize: c.k, strides: c.s, pad: c.pad }), 'avgPoolGrad');
  });

  // tfjs's cpu AvgPoolGrad divides by the whole window even where padding clips it, which is not
  // the gradient of its own AvgPool; ours is. Reference: brute force over windows.
  it('AvgPoolGrad with clipped (same-padded) windows is the true gradient of AvgPool', async () => {
    const [n, h, w, c, k, s] = [2, 7, 6, 3, 3, 2];
    const pooledShape = shapeOf(() => tf.avgPool(tf.zeros([n, h, w, c]) as tf.Tensor4D, k, s, 'same'));
    const [, oh, ow] = pooledShape;
    const dy = lcgValues(n * oh * ow * c, 26);
    const [got] = await runOn(NETSPEC_CPU, () => run('AvgPoolGrad', { dy: tf.tensor(dy, pooledShape), input: tf.zeros([n, h, w, c]) }, { filterSize: k, strides: s, pad: 'same' }));
    const padTop = Math.floor(Math.max(0, (oh - 1) * s + k - h) / 2), padLeft = Math.floor(Math.max(0, (ow - 1) * s + k - w) / 2);
    const want = new Float32Array(n * h * w * c);
    for (let b = 0; b < n; b++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      const ys: number[] = [], xs: number[] = [];
      for (let i = 0; i < k; i++) {
        const yy = oy * s - padTop + i, xx = ox * s - padLeft + i;
        if (yy >= 0 && yy < h) ys.push(yy);
        if (xx >= 0 && xx < w) xs.push(xx);
      }
      for (const yy of ys) for (const xx of xs) for (let ch = 0; ch < c; ch++) {
        want[((b * h + yy) * w + xx) * c + ch] += dy[((b * oh + oy) * ow + ox) * c + ch] / (ys.length * xs.length);
      }
    }
    expect(relError(got, want)).toBeLessThan(1e-6);
  });

  it.each([
    { shape: [2, 3, 4, 7], r: 2, bias: 1, alpha: 0.3, beta: 0.75 },
    { shape: [1, 2, 2, 96], r: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
    { shape: [3, 1, 2, 3], r: 5, bias: 0.5, alpha: 0.5, beta: 0.5 },
    { shape: [2, 5, 3, 33], r: 3, bias: 1.5, alpha: 0.01, beta: 1 },
    { shape: [1, 7, 9, 64], r: 1, bias: 1, alpha: 0.2, beta: 0.6 },
    { shape: [4, 9, 9, 256], r: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
  ])('LRN and LRNGrad $shape r=$r', async (c) => {
    const attrs = { depthRadius: c.r, bias: c.bias, alpha: c.alpha, beta: c.beta };
    await compare(() => tf.localResponseNormalization(randn(c.shape, 30) as tf.Tensor4D, c.r, c.bias, c.alpha, c.beta), 'lrn');
    await compare(() => {
      const x = randn(c.shape, 31);
      const y = run('LRN', { x }, attrs);
      return run('LRNGrad', { x, y, dy: randn(c.shape, 32) }, attrs);
    }, 'lrnGrad');
  });

  it.each([
    { name: 'Relu', f: () => tf.relu(randn([4, 5, 6], 40)), native: 'unary' as const },
    { name: 'Step', f: () => tf.step(randn([4, 5, 6], 41), 0.25), native: 'unary' as const },
    { name: 'Add same shape', f: () => tf.add(randn([3, 50], 42), randn([3, 50], 43)), native: 'binary' as const },
    { name: 'Add bias', f: () => tf.add(randn([2, 3, 4, 6], 44), randn([6], 45)), native: 'binary' as const },
    { name: 'Sub bias minus tensor', f: () => tf.sub(randn([4, 6], 46), randn([3, 4, 6], 47)), native: 'binary' as const },
    { name: 'Multiply by scalar', f: () => tf.mul(randn([7, 9], 48), tf.scalar(-0.5)), native: 'binary' as const },
    { name: 'Multiply by a [1,1,1,1] tensor', f: () => tf.mul(randn([1, 1, 1, 1], 56), randn([2, 3, 4, 5], 57)), native: 'binary' as const },
    { name: 'Sub of a [1,1,C] block', f: () => tf.sub(randn([3, 4, 5], 58), randn([1, 1, 5], 59)), native: 'binary' as const },
    { name: 'Floor', f: () => tf.floor(tf.mul(randn([5, 300], 60), 4)), native: 'unary' as const },
    { name: 'Multiply a [M,1] column by [M,N]', f: () => tf.mul(randn([6, 1], 61), randn([6, 40], 62)), native: 'binary' as const },
    { name: 'Sub a column from [M,N]', f: () => tf.sub(randn([6, 40], 63), randn([6, 1], 64)), native: 'binary' as const },
    { name: 'Add a [N,C,1,1] column block', f: () => tf.add(randn([2, 3, 1, 1], 65), randn([2, 3, 4, 5], 66)), native: 'binary' as const },
    { name: 'RealDiv by a scalar', f: () => tf.div(randn([9, 31], 67), tf.scalar(0.7)), native: 'binary' as const },
    { name: 'RealDiv by a column', f: () => tf.div(randn([4, 10], 68), tf.add(randn([4, 1], 69), 2)), native: 'binary' as const },
    { name: 'Softmax over the last axis', f: () => tf.softmax(tf.mul(randn([7, 1000], 83), 20)), native: 'softmax' as const },
    { name: 'Softmax of a rank-3 tensor', f: () => tf.softmax(randn([2, 3, 11], 84)), native: 'softmax' as const },
    { name: 'Sum leading axes', f: () => tf.sum(randn([3, 4, 5, 6], 49), [0, 1, 2]), native: 'sum' as const },
    { name: 'Sum leading axes keepDims', f: () => tf.sum(randn([3, 4, 5], 50), [0, 1], true), native: 'sum' as const },
    { name: 'Sum trailing axis', f: () => tf.sum(randn([6, 10], 51), -1), native: 'sum' as const },
    { name: 'Sum all', f: () => tf.sum(randn([5, 7], 52)), native: 'sum' as const },
  ])('$name', async ({ f, native }) => {
    await compare(f, native);
  });

  it.each([
    { name: 'Slice of channels', f: () => tf.slice(randn([2, 5, 4, 6], 70), [0, 1, 0, 2], [2, 3, 4, 3]) },
    { name: 'Slice of a middle axis', f: () => tf.slice(randn([3, 7, 5], 71), [1, 2, 0], [2, 4, 5]) },
    { name: 'SplitV of channels (uneven)', f: () => tf.split(randn([2, 3, 3, 7], 72), [2, 4, 1], 3) },
    { name: 'SplitV in halves', f: () => tf.split(randn([3, 4, 4, 8], 73), 2, -1) },
    { name: 'Concat of channels', f: () => tf.concat([randn([2, 3, 3, 2], 74), randn([2, 3, 3, 5], 75), randn([2, 3, 3, 1], 76)], 3) },
    { name: 'Concat of rows', f: () => tf.concat([randn([2, 3, 4], 77), randn([2, 1, 4], 78)], 1) },
    { name: 'PadV2 asymmetric with zeros', f: () => tf.pad(randn([2, 4, 5, 3], 79), [[0, 0], [1, 2], [0, 3], [0, 0]]) },
    { name: 'PadV2 with max-pool filler', f: () => tf.pad(randn([1, 3, 3, 2], 80), [[0, 0], [0, 1], [2, 1], [0, 0]], -3.4e38) },
  ])('$name', async ({ f }) => {
    await compare(f, 'copyBox', 0);
  });

  it('the NetspecRelu6 op and its gradient (from the output, PyTorch\'s: 0 at x = 6): native and portable agree at 0, 6, NaN and beyond', async () => {
    const xs = () => tf.concat([tf.mul(randn([35, 9], 90), 9), tf.tensor2d([[0, 6, -0, NaN, 6.0001, -1e-8, 1e-8, Infinity, -Infinity]])]);
    const f = () => {
      const x = xs();
      const dy = randn(x.shape, 91);
      const [y, dx] = [netspecRelu6(x), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(netspecRelu6(t), dy)))(x)];
      return [y, dx, tf.relu6(x)];
    };
    const want = await runOn('cpu', f);
    const spies = [vi.spyOn(addon(), 'unary'), vi.spyOn(addon(), 'binary')];
    const got = await runOn(NETSPEC_CPU, f);
    expect(spies[0].mock.calls.filter((c) => c[0] === 3).length).toBe(3); // the op twice (once under tf.grad) and tf.relu6
    expect(spies[1].mock.calls.filter((c) => c[0] === 5).length).toBe(1);
    for (const s of spies) s.mockRestore();
    want.forEach((w, i) => expect(Array.from(got[i])).toEqual(Array.from(w)));
    // The last row is [0, 6, -0, NaN, 6.0001, -1e-8, 1e-8, ∞, -∞]: only 1e-8 lies inside (0, 6).
    const n = got[1].length, dy = await runOn('cpu', () => [randn([36 * 9], 91)]);
    expect(Array.from(got[1].slice(n - 9)).map((v, i) => (v === 0 ? 0 : v / dy[0][n - 9 + i]))).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('contiguous slices and splits stay zero-copy views (no native copy)', async () => {
    const f = () => [tf.slice(randn([4, 3, 2], 81), [1, 0, 0], [2, 3, 2]), ...tf.split(randn([6, 5], 82), 3, 0)];
    const want = await runOn('cpu', f);
    const spy = vi.spyOn(addon(), 'copyBox');
    const got = await runOn(NETSPEC_CPU, f);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    want.forEach((w, i) => expect(relError(got[i], w)).toBe(0));
  });

  it('broadcasts that are not a trailing block fall back to the cpu kernel', async () => {
    const f = () => [tf.add(randn([4, 1, 6], 53), randn([5, 1], 54)), tf.sum(randn([3, 4, 5], 55), 1)];
    const want = await runOn('cpu', f);
    const spies = [vi.spyOn(addon(), 'binary'), vi.spyOn(addon(), 'sum')];
    const got = await runOn(NETSPEC_CPU, f);
    for (const s of spies) {
      expect(s).not.toHaveBeenCalled();
      s.mockRestore();
    }
    want.forEach((w, i) => expect(relError(got[i], w)).toBe(0));
  });

  it('an AlexNet-style block (pad → grouped conv via split/concat → LRN → padded max pool) has the cpu backend\'s gradients', async () => {
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const k = tf.variable(randn([3, 3, 2, 6], 90), true, `gk_${backend}`) as tf.Variable<tf.Rank.R4>;
      const x = randn([2, 7, 7, 4], 91);
      const { value, grads: g } = tf.variableGrads(() => {
        const xs = tf.split(x, 2, 3) as tf.Tensor4D[];
        const ks = tf.split(k, 2, 3) as tf.Tensor4D[];
        const y = tf.concat(xs.map((xg, i) => tf.conv2d(xg, ks[i], 1, [[0, 0], [1, 1], [1, 1], [0, 0]])), 3) as tf.Tensor4D;
        const n = tf.localResponseNormalization(tf.relu(y), 2, 2, 1e-2, 0.75);
        const p = tf.maxPool(tf.pad(n, [[0, 0], [0, 1], [0, 1], [0, 0]], -3.4e38) as tf.Tensor4D, 3, 2, 'valid');
        return tf.sum(tf.mul(p, randn(p.shape, 92))) as tf.Scalar;
      }, [k]);
      const out = [value, g[k.name]].map((t) => t.dataSync() as Float32Array);
      tf.dispose([value, x, k, ...Object.values(g)]);
      return out;
    };
    const want = await grads('cpu');
    const got = await grads(NETSPEC_CPU);
    want.forEach((w, i) => expect(relError(got[i], w), `output ${i}`).toBeLessThan(1e-4));
  });

  it('a whole small model (conv → relu → maxpool → dense → softmax CE) has the cpu backend\'s gradients', async () => {
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const vars = {
        k: tf.variable(randn([3, 3, 2, 8], 60), true, `k_${backend}`) as tf.Variable<tf.Rank.R4>,
        kb: tf.variable(randn([8], 61), true, `kb_${backend}`),
        w: tf.variable(tf.mul(randn([4 * 4 * 8, 10], 62), 0.2), true, `w_${backend}`),
        wb: tf.variable(randn([10], 63), true, `wb_${backend}`),
      };
      const x = randn([3, 9, 9, 2], 64);
      const labels = tf.oneHot(tf.tensor1d([1, 7, 3], 'int32'), 10);
      const { value, grads: g } = tf.variableGrads(() => {
        const h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, vars.k, 1, 'same'), vars.kb)) as tf.Tensor4D, 3, 2, 'valid');
        const logits = tf.add(tf.matMul(tf.reshape(h, [3, -1]), vars.w), vars.wb);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      }, Object.values(vars));
      const out = [value, ...Object.values(vars).map((v) => g[v.name])].map((t) => t.dataSync() as Float32Array);
      tf.dispose([value, x, labels, ...Object.values(g), ...Object.values(vars)]);
      return out;
    };
    const want = await grads('cpu');
    const got = await grads(NETSPEC_CPU);
    want.forEach((w, i) => expect(relError(got[i], w), `output ${i}`).toBeLessThan(1e-4));
  });
});
