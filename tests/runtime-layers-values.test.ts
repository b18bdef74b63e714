// Layer outputs against plain-loop references written straight from the definitions.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from './test-utils.ts';
import {
  NetspecAdaptiveAvgPool2D, NetspecConv2D, NetspecLRN, NetspecPool2D,
  type ActivationName, type LRNConvention, type Pad4, type PoolMode, type Rounding,
} from '../src/runtime/layers/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Shape4 = [number, number, number, number];
interface T4 { data: Float32Array; shape: Shape4 }

const rng = mulberry32;

function random(shape: number[], seed: number, f: (u: number) => number = (u) => 2 * u - 1): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => f(r()));
}

const at = (s: Shape4, a: number, b: number, c: number, d: number) => ((a * s[1] + b) * s[2] + c) * s[3] + d;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThan(tol);
}

/** Applies a layer eagerly, checking the produced shape against computeOutputShape. */
function run(layer: tf.layers.Layer, x: T4, weights?: Float32Array[]): T4 {
  const input = tf.tensor4d(x.data, x.shape);
  if (weights) {
    layer.apply(input); // build
    layer.setWeights(layer.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  }
  const y = layer.apply(input) as tf.Tensor;
  expect(layer.computeOutputShape([null, ...x.shape.slice(1)])).toEqual([null, ...y.shape.slice(1)]);
  return { data: y.dataSync() as Float32Array, shape: y.shape as Shape4 };
}

// ---- grouped convolution ----------------------------------------------------------------

interface ConvCase {
  name: string; x: Shape4; kernel: [number, number]; filters: number; strides: [number, number];
  pad: Pad4; dilation: [number, number]; groups: number; useBias: boolean; activation?: ActivationName;
}

function naiveConv(x: T4, k: Float32Array, bias: Float32Array | null, c: ConvCase): T4 {
  const [n, h, w, cin] = x.shape;
  const [kh, kw] = c.kernel;
  const [sh, sw] = c.strides;
  const [dh, dw] = c.dilation;
  const [t, b, l, r] = c.pad;
  const cg = cin / c.groups;
  const perGroup = c.filters / c.groups;
  let oh = 0;
  while (oh * sh + dh * (kh - 1) <= h + t + b - 1) oh++;
  let ow = 0;
  while (ow * sw + dw * (kw - 1) <= w + l + r - 1) ow++;
  const shape: Shape4 = [n, oh, ow, c.filters];
  const kShape: Shape4 = [kh, kw, cg, c.filters];
  const out = new Float32Array(n * oh * ow * c.filters);
  for (let bi = 0; bi < n; bi++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++)
    for (let o = 0; o < c.filters; o++) {
      const g = Math.floor(o / perGroup);
      let acc = bias ? bias[o] : 0;
      for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) {
        const iy = oy * sh - t + ky * dh;
        const ix = ox * sw - l + kx * dw;
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
        for (let ci = 0; ci < cg; ci++) acc += x.data[at(x.shape, bi, iy, ix, g * cg + ci)] * k[at(kShape, ky, kx, ci, o)];
      }
      if (c.activation === 'leaky_relu') acc = acc > 0 ? acc : 0.01 * acc;
      if (c.activation === 'relu') acc = Math.max(0, acc);
      out[at(shape, bi, oy, ox, o)] = acc;
    }
  return { data: out, shape };
}

const convCases: ConvCase[] = [
  { name: 'plain 3x3', x: [1, 5, 5, 2], kernel: [3, 3], filters: 3, strides: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], groups: 1, useBias: true },
  { name: 'groups 2, stride 2, asymmetric pad', x: [2, 6, 7, 4], kernel: [3, 2], filters: 4, strides: [2, 2], pad: [1, 0, 2, 1], dilation: [1, 1], groups: 2, useBias: true },
  { name: 'groups 3, dilation 2, asymmetric pad', x: [1, 7, 6, 6], kernel: [3, 3], filters: 6, strides: [1, 1], pad: [2, 1, 0, 2], dilation: [2, 2], groups: 3, useBias: false },
  { name: 'groups = channels, stride [2, 1]', x: [1, 6, 5, 3], kernel: [3, 3], filters: 6, strides: [2, 1], pad: [1, 1, 1, 1], dilation: [1, 1], groups: 3, useBias: true },
  { name: 'stride 2 with dilation 2, groups 2', x: [1, 9, 8, 4], kernel: [2, 3], filters: 2, strides: [2, 2], pad: [0, 1, 1, 0], dilation: [2, 2], groups: 2, useBias: true },
  { name: 'dilation [1, 3], odd sizes, leaky_relu', x: [1, 5, 9, 1], kernel: [2, 3], filters: 3, strides: [1, 2], pad: [0, 0, 1, 0], dilation: [1, 3], groups: 1, useBias: true, activation: 'leaky_relu' },
  { name: 'AlexNet-like conv2 split, relu', x: [1, 7, 7, 4], kernel: [5, 5], filters: 6, strides: [1, 1], pad: [2, 2, 2, 2], dilation: [1, 1], groups: 2, useBias: true, activation: 'relu' },
];

describe('NetspecConv2D values', () => {
  it.each(convCases)('$name', (c) => {
    const x = { data: random(c.x, 1), shape: c.x };
    const k = random([...c.kernel, c.x[3] / c.groups, c.filters], 2);
    const bias = c.useBias ? random([c.filters], 3) : null;
    const layer = new NetspecConv2D({
      filters: c.filters, kernelSize: c.kernel, strides: c.strides, pad: c.pad, dilation: c.dilation,
      groups: c.groups, useBias: c.useBias, activation: c.activation,
    });
    const y = run(layer, x, bias ? [k, bias] : [k]);
    const ref = naiveConv(x, k, bias, c);
    expect(y.shape).toEqual(ref.shape);
    expectClose(y.data, ref.data, 1e-4);
    expect(layer.countParams()).toBe(c.kernel[0] * c.kernel[1] * (c.x[3] / c.groups) * c.filters + (c.useBias ? c.filters : 0));
  });

  it('keeps unknown spatial sizes unknown', () => {
    const layer = new NetspecConv2D({ filters: 8, kernelSize: [3, 3], strides: [2, 2], pad: [1, 1, 0, 0] });
    expect(layer.computeOutputShape([null, null, 9, 3])).toEqual([null, null, 4, 8]);
  });
});

// ---- LRN ----------------------------------------------------------------------------------

function naiveLRN(x: T4, n: number, alpha: number, beta: number, k: number, convention: LRNConvention): Float32Array {
  const [b, h, w, ch] = x.shape;
  const a = convention === 'caffe' ? alpha / n : alpha;
  const half = Math.floor(n / 2);
  const out = new Float32Array(x.data.length);
  for (let bi = 0; bi < b; bi++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) for (let c = 0; c < ch; c++) {
    let sum = 0;
    for (let j = Math.max(0, c - half); j <= Math.min(ch - 1, c + half); j++) sum += x.data[at(x.shape, bi, y, xx, j)] ** 2;
    out[at(x.shape, bi, y, xx, c)] = x.data[at(x.shape, bi, y, xx, c)] / (k + a * sum) ** beta;
  }
  return out;
}

describe('NetspecLRN values', () => {
  it.each([
    { size: 5, alpha: 1e-4, beta: 0.75, k: 2, convention: 'paper', x: [1, 2, 3, 7] },
    { size: 5, alpha: 0.5, beta: 0.75, k: 1, convention: 'paper', x: [2, 2, 2, 7] },
    { size: 5, alpha: 0.5, beta: 0.75, k: 1, convention: 'caffe', x: [2, 2, 2, 7] },
    { size: 3, alpha: 0.2, beta: 0.5, k: 2, convention: 'caffe', x: [1, 3, 2, 4] },
    { size: 1, alpha: 1, beta: 1, k: 1, convention: 'paper', x: [1, 2, 2, 3] },
    { size: 7, alpha: 0.3, beta: 0.75, k: 2, convention: 'paper', x: [1, 2, 2, 3] },
  ] as const)('n=$size alpha=$alpha beta=$beta k=$k $convention over $x.3 channels', (c) => {
    const shape = [...c.x] as Shape4;
    const x = { data: random(shape, 4, (u) => 4 * u - 2), shape };
    const y = run(new NetspecLRN({ size: c.size, alpha: c.alpha, beta: c.beta, k: c.k, convention: c.convention }), x);
    expect(y.shape).toEqual(shape);
    expectClose(y.data, naiveLRN(x, c.size, c.alpha, c.beta, c.k, c.convention), 1e-5);
  });

  it('the conventions differ by alpha / n', () => {
    const shape: Shape4 = [1, 1, 1, 5];
    const x = { data: Float32Array.from([1, 2, 3, 4, 5]), shape };
    const paper = run(new NetspecLRN({ size: 5, alpha: 0.5, beta: 1, k: 1, convention: 'paper' }), x).data;
    const caffe = run(new NetspecLRN({ size: 5, alpha: 2.5, beta: 1, k: 1, convention: 'caffe' }), x).data;
    // Channel 2 sees all five: 3 / (1 + 0.5 · 55) by hand.
    expect(paper[2]).toBeCloseTo(3 / 28.5, 6);
    expectClose(caffe, paper, 1e-6);
  });
});

// ---- pooling ------------------------------------------------------------------------------

interface PoolCase { name: string; mode: PoolMode; x: Shape4; k: [number, number]; s: [number, number]; pad: Pad4; rounding: Rounding; negative?: boolean }

/** Window starts per axis, enumerated from the rounding rules (not from poolOutputSize). */
function starts(n: number, k: number, s: number, a: number, b: number, rounding: Rounding): number[] {
  const len = n + a + b;
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const fits = i * s + k <= len;
    const ceilOk = (i === 0 || (i - 1) * s + k < len) && i * s < n + a;
    if (rounding === 'floor' ? !fits : !ceilOk) break;
    out.push(i * s - a);
  }
  return out;
}

function naivePool(x: T4, c: PoolCase): T4 {
  const [n, h, w, ch] = x.shape;
  const [t, b, l, r] = c.pad;
  const ys = starts(h, c.k[0], c.s[0], t, b, c.rounding);
  const xs = starts(w, c.k[1], c.s[1], l, r, c.rounding);
  const shape: Shape4 = [n, ys.length, xs.length, ch];
  const out = new Float32Array(n * ys.length * xs.length * ch);
  for (let bi = 0; bi < n; bi++) ys.forEach((y0, oy) => xs.forEach((x0, ox) => {
    for (let cc = 0; cc < ch; cc++) {
      let max = -Infinity;
      let sum = 0;
      let count = 0;
      for (let y = y0; y < y0 + c.k[0]; y++) for (let xx = x0; xx < x0 + c.k[1]; xx++) {
        if (y >= -t && y < h + b && xx >= -l && xx < w + r) count++; // explicit padding counts
        if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
        const v = x.data[at(x.shape, bi, y, xx, cc)];
        max = Math.max(max, v);
        sum += v;
      }
      out[at(shape, bi, oy, ox, cc)] = c.mode === 'max' ? max : sum / count;
    }
  }));
  return { data: out, shape };
}

const poolCases: PoolCase[] = [
  { name: 'max 3x3/2 floor', mode: 'max', x: [1, 7, 7, 2], k: [3, 3], s: [2, 2], pad: [0, 0, 0, 0], rounding: 'floor' },
  { name: 'max 3x3/2 ceil, no pad (AlexNet/Caffe 13 → 6 shape class)', mode: 'max', x: [1, 8, 6, 2], k: [3, 3], s: [2, 2], pad: [0, 0, 0, 0], rounding: 'ceil' },
  { name: 'max ceil + asymmetric pad, all negative', mode: 'max', x: [2, 6, 5, 3], k: [3, 3], s: [2, 2], pad: [1, 0, 0, 1], rounding: 'ceil', negative: true },
  { name: 'max 2x2/2 pad 1 ceil, all negative (corner windows hold one value)', mode: 'max', x: [1, 5, 5, 2], k: [2, 2], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil', negative: true },
  { name: 'avg 3x3/2 pad 1 ceil', mode: 'avg', x: [1, 6, 6, 2], k: [3, 3], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil' },
  { name: 'avg [2,3]/[2,1] asymmetric pad floor', mode: 'avg', x: [1, 5, 7, 1], k: [2, 3], s: [2, 1], pad: [1, 0, 2, 1], rounding: 'floor' },
  { name: 'avg ceil overhang without pad (count excludes it)', mode: 'avg', x: [1, 4, 4, 1], k: [3, 3], s: [2, 2], pad: [0, 0, 0, 0], rounding: 'ceil' },
  { name: 'avg ceil overhang past padding', mode: 'avg', x: [2, 6, 6, 1], k: [3, 3], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'ceil', negative: true },
  { name: 'avg stride larger than window', mode: 'avg', x: [1, 7, 7, 1], k: [2, 2], s: [3, 3], pad: [0, 0, 0, 0], rounding: 'ceil' },
];

describe('NetspecPool2D values', () => {
  it.each(poolCases)('$name', (c) => {
    const x = { data: random(c.x, 5, c.negative ? (u) => -1 - 9 * u : undefined), shape: c.x };
    const y = run(new NetspecPool2D({ mode: c.mode, poolSize: c.k, strides: c.s, pad: c.pad, rounding: c.rounding }), x);
    const ref = naivePool(x, c);
    expect(y.shape).toEqual(ref.shape);
    expectClose(y.data, ref.data, 1e-5);
  });

  it('hand-worked avg with padding and ceil: 1-D row 1..4, k 3, s 2, pad 1/1', () => {
    // Padded row 0 1 2 3 4 0 (+ overhang). Windows [0 1 2] [2 3 4] [4 0 |·]: counts 3, 3, 2.
    const x = { data: Float32Array.from([1, 2, 3, 4]), shape: [1, 1, 4, 1] as Shape4 };
    const y = run(new NetspecPool2D({ mode: 'avg', poolSize: [1, 3], strides: [1, 2], pad: [0, 0, 1, 1], rounding: 'ceil' }), x);
    expectClose(y.data, [1, 3, 2], 1e-6);
    const m = run(new NetspecPool2D({ mode: 'max', poolSize: [1, 3], strides: [1, 2], pad: [0, 0, 1, 1], rounding: 'ceil' }),
      { data: Float32Array.from([-1, -2, -3, -4]), shape: [1, 1, 4, 1] });
    expectClose(m.data, [-1, -2, -4], 1e-6);
  });
});

// ---- adaptive average pooling --------------------------------------------------------------

function naiveAdaptive(x: T4, oh: number, ow: number): T4 {
  const [n, h, w, ch] = x.shape;
  const shape: Shape4 = [n, oh, ow, ch];
  const out = new Float32Array(n * oh * ow * ch);
  for (let bi = 0; bi < n; bi++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let c = 0; c < ch; c++) {
    const y0 = Math.floor((i * h) / oh), y1 = Math.ceil(((i + 1) * h) / oh);
    const x0 = Math.floor((j * w) / ow), x1 = Math.ceil(((j + 1) * w) / ow);
    let sum = 0;
    for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) sum += x.data[at(x.shape, bi, y, xx, c)];
    out[at(shape, bi, i, j, c)] = sum / ((y1 - y0) * (x1 - x0));
  }
  return { data: out, shape };
}

describe('NetspecAdaptiveAvgPool2D values', () => {
  it.each([
    { x: [1, 5, 7, 2], out: [3, 3] },
    { x: [2, 6, 6, 1], out: [3, 2] },
    { x: [1, 6, 5, 3], out: [2, 3] },
    { x: [1, 3, 4, 1], out: [5, 6] },
    { x: [1, 13, 13, 2], out: [6, 6] },
    { x: [1, 4, 4, 1], out: [4, 4] },
  ] as const)('$x → $out', (c) => {
    const shape = [...c.x] as Shape4;
    const x = { data: random(shape, 6), shape };
    const y = run(new NetspecAdaptiveAvgPool2D({ outputSize: [c.out[0], c.out[1]] }), x);
    const ref = naiveAdaptive(x, c.out[0], c.out[1]);
    expect(y.shape).toEqual(ref.shape);
    expectClose(y.data, ref.data, 1e-5);
  });
});

// ---- a whole stack ------------------------------------------------------------------------

describe('the AlexNet (Caffe) feature stack', () => {
  it('has the published shapes and parameter counts', () => {
    const conv = (filters: number, k: number, s: number, p: number, groups: number, inputShape?: number[]) => new NetspecConv2D({
      inputShape, filters, kernelSize: [k, k], strides: [s, s], pad: [p, p, p, p], groups, activation: 'relu', kernelInitializer: 'zeros',
    });
    const lrn = () => new NetspecLRN({ size: 5, alpha: 1e-4, beta: 0.75, k: 1, convention: 'caffe' });
    const pool = () => new NetspecPool2D({ mode: 'max', poolSize: [3, 3], strides: [2, 2], rounding: 'ceil' });
    const model = tf.sequential({ layers: [
      conv(96, 11, 4, 0, 1, [227, 227, 3]), lrn(), pool(),
      conv(256, 5, 1, 2, 2), lrn(), pool(),
      conv(384, 3, 1, 1, 1), conv(384, 3, 1, 1, 2), conv(256, 3, 1, 1, 2), pool(),
    ] });
    expect(model.layers.map((l) => l.outputShape)).toEqual([
      [null, 55, 55, 96], [null, 55, 55, 96], [null, 27, 27, 96],
      [null, 27, 27, 256], [null, 27, 27, 256], [null, 13, 13, 256],
      [null, 13, 13, 384], [null, 13, 13, 384], [null, 13, 13, 256], [null, 6, 6, 256],
    ]);
    // Caffe's bvlc_alexnet: conv1 34,944 · conv2 307,456 · conv3 885,120 · conv4 663,936 · conv5 442,624.
    expect(model.layers.map((l) => l.countParams())).toEqual([34_944, 0, 0, 307_456, 0, 0, 885_120, 663_936, 442_624, 0]);
  });
});
