// Gradients on the cpu backend against central finite differences of loss = Σ y · R (R random).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from './test-utils.ts';
import {
  NetspecAdaptiveAvgPool2D, NetspecConv2D, NetspecLRN, NetspecPool2D, applyActivation, type ActivationName, type Pad4,
} from '../src/runtime/layers/index.ts';
import { conv2dKernelGrad } from '../src/runtime/backends/conv-op.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EPS = 1e-2;

const rng = mulberry32;

const random = (n: number, seed: number, f: (u: number) => number = (u) => 2 * u - 1) => {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => f(r()));
};

/** Σ y·R accumulated in float64, so the difference quotient only sees float32 error in y. */
function lossValue(y: tf.Tensor, r: Float32Array): number {
  const d = y.dataSync();
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * r[i];
  return s;
}

function numericGrad(f: (v: Float32Array) => number, v0: Float32Array): Float64Array {
  const g = new Float64Array(v0.length);
  const v = Float32Array.from(v0);
  for (let i = 0; i < v.length; i++) {
    v[i] = v0[i] + EPS;
    const up = f(v);
    v[i] = v0[i] - EPS;
    const down = f(v);
    v[i] = v0[i];
    g[i] = (up - down) / (2 * EPS);
  }
  return g;
}

/** Largest difference, relative to the largest analytic component (at least 1). */
function expectGradClose(analytic: ArrayLike<number>, numeric: ArrayLike<number>, tol: number): void {
  expect(analytic.length).toBe(numeric.length);
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < analytic.length; i++) {
    expect(Number.isFinite(analytic[i])).toBe(true);
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]));
    scale = Math.max(scale, Math.abs(analytic[i]));
  }
  expect(worst / scale).toBeLessThan(tol);
}

/** Checks d loss / d input and d loss / d every trainable weight of `layer`. */
function checkLayer(layer: tf.layers.Layer, xShape: number[], xData: Float32Array, tol: number): void {
  const x = tf.tensor(xData, xShape);
  const y0 = layer.apply(x) as tf.Tensor;
  const r = random(y0.size, 99);
  const rT = tf.tensor(r, y0.shape);
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, rT)) as tf.Scalar;
  const evalAt = (input: tf.Tensor) => tf.tidy(() => lossValue(layer.apply(input) as tf.Tensor, r));

  const gx = tf.grad(loss)(x).dataSync();
  expectGradClose(gx, numericGrad((v) => evalAt(tf.tensor(v, xShape)), xData), tol);

  for (const w of layer.trainableWeights) {
    const variable = w.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => loss(x), [variable]);
    const w0 = variable.dataSync() as Float32Array;
    const num = numericGrad((v) => {
      variable.assign(tf.tensor(v, variable.shape));
      return evalAt(x);
    }, Float32Array.from(w0));
    variable.assign(tf.tensor(w0, variable.shape));
    expectGradClose(grads[variable.name].dataSync(), num, tol);
  }
}

describe('NetspecConv2D gradients (input, kernel, bias)', () => {
  it.each([
    { name: 'groups 1, stride 2, asymmetric pad', x: [1, 6, 5, 2], filters: 3, kernelSize: [3, 2], strides: [2, 2], pad: [1, 0, 2, 1], dilation: [1, 1], groups: 1 },
    { name: 'groups 2, dilation 2, stride 2', x: [1, 7, 7, 4], filters: 4, kernelSize: [2, 3], strides: [2, 2], pad: [0, 1, 1, 0], dilation: [2, 2], groups: 2 },
    { name: 'groups 3 on 6 channels, tanh', x: [1, 5, 4, 6], filters: 3, kernelSize: [3, 3], strides: [1, 1], pad: [1, 1, 1, 1], dilation: [1, 1], groups: 3, activation: 'tanh' },
    { name: 'groups = channels, stride [1, 2], gelu', x: [1, 5, 6, 3], filters: 6, kernelSize: [3, 3], strides: [1, 2], pad: [2, 0, 1, 1], dilation: [1, 1], groups: 3, activation: 'gelu' },
    { name: 'dilation [3, 1] with groups = channels', x: [1, 8, 4, 2], filters: 2, kernelSize: [2, 2], strides: [1, 1], pad: [0, 0, 0, 1], dilation: [3, 1], groups: 2 },
  ] as const)('$name', (c) => {
    const layer = new NetspecConv2D({
      filters: c.filters, kernelSize: [...c.kernelSize], strides: [...c.strides], pad: [...c.pad], dilation: [...c.dilation],
      groups: c.groups, activation: 'activation' in c ? c.activation : 'linear',
      kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 0.5, seed: 7 } },
      biasInitializer: { className: 'RandomUniform', config: { minval: -0.5, maxval: 0.5, seed: 8 } },
    });
    const n = c.x.reduce((a: number, b: number) => a * b, 1);
    checkLayer(layer, [...c.x], random(n, 1), 1e-2);
  });
});

// The portable filter gradient of cpu and wasm: a forward convolution in place of Conv2DBackpropFilter.
describe('conv2dKernelGrad equals tf.conv2d\'s own filter gradient (cpu)', () => {
  it.each([
    { x: [2, 8, 8, 3], k: [3, 3, 3, 4], s: [2, 2], pad: [0, 0, 0, 0] }, // row and column 7 unused
    { x: [1, 9, 7, 2], k: [2, 3, 2, 3], s: [3, 2], pad: [1, 2, 0, 1] },
    { x: [3, 6, 6, 1], k: [1, 1, 1, 2], s: [1, 1], pad: [2, 0, 0, 2] },
    { x: [1, 11, 11, 3], k: [11, 11, 3, 2], s: [4, 4], pad: [2, 1, 2, 1] },
  ] as const)('x $x kernel $k stride $s pad $pad', (c) => {
    const x = tf.tensor4d(random(c.x.reduce((a: number, b: number) => a * b, 1), 7), [...c.x]);
    const k = tf.tensor4d(random(c.k.reduce((a: number, b: number) => a * b, 1), 8), [...c.k]);
    const pad = [...c.pad] as Pad4;
    const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [pad[0], pad[1]], [pad[2], pad[3]], [0, 0]];
    const y = tf.conv2d(x, k, [...c.s], padding);
    const dy = tf.tensor(random(y.size, 9), y.shape) as tf.Tensor4D;
    const theirs = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, [...c.s], padding))(k, dy);
    const ours = conv2dKernelGrad(x, dy, [...c.k], [...c.s], pad);
    expect(ours.shape).toEqual(theirs.shape);
    expectGradClose(ours.dataSync(), theirs.dataSync(), 1e-5);
  });
});

describe('NetspecLRN gradient (input)', () => {
  it.each([
    { size: 5, alpha: 0.5, beta: 0.75, k: 1, convention: 'paper' },
    { size: 5, alpha: 1, beta: 0.75, k: 2, convention: 'caffe' },
    { size: 3, alpha: 0.3, beta: 0.5, k: 1, convention: 'paper' },
  ] as const)('n=$size alpha=$alpha beta=$beta k=$k $convention', (c) => {
    checkLayer(new NetspecLRN(c), [1, 2, 3, 6], random(36, 2, (u) => 3 * u - 1.5), 1e-2);
  });
});

describe('NetspecPool2D gradient (input)', () => {
  // Distinct values 0.1 apart: a ±EPS nudge never changes which element is the max.
  const spread = (n: number, seed: number, offset: number) => {
    const r = rng(seed);
    const order = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
    return Float32Array.from(order, (i) => offset - 0.1 * i);
  };
  it.each([
    { name: 'max, all negative, pad + ceil', mode: 'max', x: [1, 6, 5, 2], k: [3, 3], s: [2, 2], pad: [1, 0, 0, 1], rounding: 'ceil' },
    { name: 'max, all negative, 2x2/2 pad 1 ceil', mode: 'max', x: [1, 5, 5, 1], k: [2, 2], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil' },
    { name: 'avg, pad 1, ceil overhang', mode: 'avg', x: [1, 6, 6, 2], k: [3, 3], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil' },
    { name: 'avg, asymmetric pad floor', mode: 'avg', x: [1, 5, 7, 1], k: [2, 3], s: [2, 1], pad: [1, 0, 2, 1], rounding: 'floor' },
  ] as const)('$name', (c) => {
    const n = c.x.reduce((a: number, b: number) => a * b, 1);
    const layer = new NetspecPool2D({ mode: c.mode, poolSize: [...c.k], strides: [...c.s], pad: [...c.pad], rounding: c.rounding });
    checkLayer(layer, [...c.x], spread(n, 3, -1), 1e-2);
  });
});

// tfjs-backend-wasm's own MaxPoolGrad loses the gradient of windows whose max is <= 0;
// NetspecPool2D computes its max-pool gradient so that this does not matter.
describe('NetspecPool2D max gradient on the wasm backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  it.each([
    { pad: [1, 0, 0, 1], k: [3, 3], s: [2, 2], rounding: 'ceil', offset: -1 },
    { pad: [0, 0, 0, 0], k: [3, 3], s: [2, 2], rounding: 'floor', offset: -1 },
    { pad: [1, 1, 1, 1], k: [2, 2], s: [2, 2], rounding: 'ceil', offset: 1 },
  ] as const)('pad $pad $rounding, values below $offset', (c) => {
    expect(tf.getBackend()).toBe('wasm');
    const layer = new NetspecPool2D({ mode: 'max', poolSize: [...c.k], strides: [...c.s], pad: [...c.pad], rounding: c.rounding });
    const r = rng(11);
    const order = Array.from({ length: 50 }, (_, i) => i).sort(() => r() - 0.5);
    checkLayer(layer, [1, 5, 5, 2], Float32Array.from(order, (i) => c.offset - 0.1 * i), 1e-2);
  });
});

describe('cpu and wasm agree on outputs and gradients', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  const seeded = { className: 'RandomNormal', config: { mean: 0, stddev: 0.5, seed: 3 } };
  it.each([
    { name: 'grouped conv, asymmetric pad, stride 2', make: () => new NetspecConv2D({ filters: 4, kernelSize: [3, 2], strides: [2, 2], pad: [1, 0, 2, 1], groups: 2, kernelInitializer: seeded, biasInitializer: seeded }) },
    { name: 'groups = channels, dilation 2', make: () => new NetspecConv2D({ filters: 6, kernelSize: [2, 3], strides: [1, 1], pad: [0, 1, 1, 0], dilation: [2, 2], groups: 6, kernelInitializer: seeded }) },
    { name: 'fused bias and relu, dilation [2, 1], stride 2', make: () => new NetspecConv2D({ filters: 4, kernelSize: [3, 2], strides: [2, 2], pad: [2, 1, 0, 1], dilation: [2, 1], activation: 'relu', kernelInitializer: seeded, biasInitializer: seeded }) },
    { name: 'LRN', make: () => new NetspecLRN({ size: 3, alpha: 0.5, beta: 0.75, k: 1 }) },
    { name: 'max pool ceil', make: () => new NetspecPool2D({ mode: 'max', poolSize: [3, 3], strides: [2, 2], pad: [1, 0, 0, 1], rounding: 'ceil' }) },
    { name: 'avg pool ceil', make: () => new NetspecPool2D({ mode: 'avg', poolSize: [3, 3], strides: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil' }) },
    { name: 'adaptive avg pool', make: () => new NetspecAdaptiveAvgPool2D({ outputSize: [3, 4] }) },
  ])('$name', async ({ make }) => {
    const xData = random(7 * 6 * 6, 12);
    const results: Float32Array[][] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const layer = make();
      const x = tf.tensor4d(xData, [1, 7, 6, 6]);
      const y = layer.apply(x) as tf.Tensor;
      const rT = tf.tensor(random(y.size, 13), y.shape);
      const loss = (t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, rT)) as tf.Scalar;
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const weightGrads = vars.length ? Object.values(tf.variableGrads(() => loss(x), vars).grads) : [];
      results.push([y, tf.grad(loss)(x), ...weightGrads].map((t) => t.dataSync() as Float32Array));
    }
    const [cpu, wasm] = results;
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((a, i) => a.forEach((v, j) => expect(Math.abs(v - wasm[i][j])).toBeLessThan(1e-4)));
  });
});

describe('NetspecAdaptiveAvgPool2D gradient (input)', () => {
  it.each([
    { x: [1, 5, 7, 2], out: [3, 3] },
    { x: [1, 6, 4, 1], out: [3, 3] },
    { x: [1, 3, 2, 1], out: [5, 4] },
  ] as const)('$x → $out', (c) => {
    const n = c.x.reduce((a: number, b: number) => a * b, 1);
    checkLayer(new NetspecAdaptiveAvgPool2D({ outputSize: [...c.out] }), [...c.x], random(n, 4), 1e-2);
  });
});

describe('memory', () => {
  it('a forward + backward pass through every layer leaves no tensors behind', () => {
    const model = tf.sequential({ layers: [
      new NetspecConv2D({ inputShape: [9, 9, 4], filters: 4, kernelSize: [3, 3], strides: [2, 2], pad: [1, 0, 1, 0], dilation: [1, 1], groups: 2, activation: 'gelu' }),
      new NetspecConv2D({ filters: 4, kernelSize: [2, 2], pad: [1, 1, 1, 1], dilation: [2, 2] }),
      new NetspecLRN({ size: 3, alpha: 0.1, beta: 0.75, k: 1 }),
      new NetspecPool2D({ mode: 'max', poolSize: [3, 3], strides: [2, 2], pad: [1, 0, 1, 0], rounding: 'ceil' }),
      new NetspecPool2D({ mode: 'avg', poolSize: [2, 2], strides: [1, 1], pad: [1, 0, 0, 1], rounding: 'ceil' }),
      new NetspecAdaptiveAvgPool2D({ outputSize: [2, 3] }),
    ] });
    const x = tf.tensor4d(random(2 * 9 * 9 * 4, 10), [2, 9, 9, 4]);
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar);
      value.dispose();
      tf.dispose(grads);
    };
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('applyActivation gradients', () => {
  it.each(['tanh', 'sigmoid', 'gelu', 'softmax', 'elu', 'leaky_relu', 'silu', 'hard_swish'] as ActivationName[])('%s', (name) => {
    // Stay away from 0, where leaky_relu and elu(alpha ≠ 1) have a kink (and from ±3, hard_swish's).
    const xData = random(12, 5, (u) => (u < 0.5 ? -0.2 - 2 * u : 2 * u - 0.8));
    const r = random(12, 6);
    const rT = tf.tensor(r, [3, 4]);
    const act = (x: tf.Tensor) => applyActivation(x, name, name === 'elu' ? 0.5 : undefined);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(act(x), rT)))(tf.tensor(xData, [3, 4])).dataSync();
    expectGradClose(g, numericGrad((v) => tf.tidy(() => lossValue(act(tf.tensor(v, [3, 4])), r)), xData), 1e-2);
  });
});
