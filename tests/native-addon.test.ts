// The addon called directly, against brute-force loops: what tfjs can't serve as a reference
// (dilated convolution gradients, grouped convolutions), argument checking, and the pure
// functions that turn tfjs geometry into the addon's parameters.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ConvMode, loadNativeAddon, tryLoad, type ConvParams, type ConvRooms, type LrnParams, type MatmulParams, type PoolParams } from '../src/runtime/backends/native-addon.ts';
import { convParams, fitPadding } from '../src/runtime/backends/kernels-conv.ts';
import { matmulPlan } from '../src/runtime/backends/kernels-matmul.ts';
import { sumPlan, trailingBroadcast } from '../src/runtime/backends/kernels-elementwise.ts';
import { lcgValues } from './test-utils.ts';

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-addon] SKIPPED: ${load.why}`);

function maxRelDiff(got: Float32Array, want: Float64Array | Float32Array): number {
  let d = 0, scale = 1;
  for (let i = 0; i < want.length; i++) {
    d = Math.max(d, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return d / scale;
}

interface Geometry { n: number; ih: number; iw: number; ic: number; oc: number; kh: number; kw: number; sh: number; sw: number; dh: number; dw: number; pt: number; pb: number; pl: number; pr: number; g: number }

const outSize = (i: number, k: number, s: number, d: number, lo: number, hi: number) => Math.floor((i + lo + hi - (k - 1) * d - 1) / s) + 1;

const paramsOf = (c: Geometry, oh: number, ow: number): ConvParams => ({
  batch: c.n, inSize: [c.ih, c.iw], inChannels: c.ic, outSize: [oh, ow], outChannels: c.oc, kernelSize: [c.kh, c.kw],
  strides: [c.sh, c.sw], dilation: [c.dh, c.dw], pad: [c.pt, c.pb, c.pl, c.pr], groups: c.g,
});

/** Forward, backward-data and backward-filter by visiting every (output, tap) pair once. */
function bruteForce(c: Geometry, x: Float32Array, w: Float32Array, dy: Float32Array) {
  const oh = outSize(c.ih, c.kh, c.sh, c.dh, c.pt, c.pb), ow = outSize(c.iw, c.kw, c.sw, c.dw, c.pl, c.pr);
  const icg = c.ic / c.g, ocg = c.oc / c.g;
  const y = new Float64Array(c.n * oh * ow * c.oc), dx = new Float64Array(x.length), dw = new Float64Array(w.length);
  for (let b = 0; b < c.n; b++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let o = 0; o < c.oc; o++) {
    const yi = ((b * oh + oy) * ow + ox) * c.oc + o, grp = Math.floor(o / ocg);
    for (let ky = 0; ky < c.kh; ky++) for (let kx = 0; kx < c.kw; kx++) {
      const iy = oy * c.sh - c.pt + ky * c.dh, ix = ox * c.sw - c.pl + kx * c.dw;
      if (iy < 0 || iy >= c.ih || ix < 0 || ix >= c.iw) continue;
      for (let i = 0; i < icg; i++) {
        const xi = ((b * c.ih + iy) * c.iw + ix) * c.ic + grp * icg + i, wi = ((ky * c.kw + kx) * icg + i) * c.oc + o;
        y[yi] += x[xi] * w[wi];
        dx[xi] += dy[yi] * w[wi];
        dw[wi] += x[xi] * dy[yi];
      }
    }
  }
  return { y, dx, dw, oh, ow };
}

const geometries: Geometry[] = [
  { n: 2, ih: 9, iw: 8, ic: 3, oc: 4, kh: 3, kw: 3, sh: 1, sw: 1, dh: 2, dw: 2, pt: 2, pb: 2, pl: 2, pr: 2, g: 1 },
  { n: 1, ih: 11, iw: 10, ic: 2, oc: 3, kh: 3, kw: 2, sh: 2, sw: 1, dh: 2, dw: 3, pt: 1, pb: 0, pl: 0, pr: 2, g: 1 },
  { n: 3, ih: 7, iw: 7, ic: 4, oc: 6, kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, pt: 1, pb: 1, pl: 1, pr: 1, g: 2 },
  { n: 2, ih: 12, iw: 9, ic: 6, oc: 9, kh: 5, kw: 3, sh: 4, sw: 2, dh: 1, dw: 1, pt: 2, pb: 3, pl: 0, pr: 1, g: 3 },
  { n: 1, ih: 8, iw: 8, ic: 4, oc: 4, kh: 3, kw: 3, sh: 2, sw: 2, dh: 2, dw: 1, pt: 0, pb: 1, pl: 1, pr: 0, g: 4 },
];

describe.skipIf(!load.ok)('addon conv2d vs brute force (dilations, groups)', () => {
  const addon = load.ok ? load.addon : (undefined as never);
  it.each(geometries)('n$n $ih×$iw×$ic → $oc k$kh×$kw s$sh,$sw d$dh,$dw pad $pt,$pb,$pl,$pr groups $g', (c) => {
    const x = lcgValues(c.n * c.ih * c.iw * c.ic, 1), w = lcgValues(c.kh * c.kw * (c.ic / c.g) * c.oc, 2);
    const oh = outSize(c.ih, c.kh, c.sh, c.dh, c.pt, c.pb), ow = outSize(c.iw, c.kw, c.sw, c.dw, c.pl, c.pr);
    const dy = lcgValues(c.n * oh * ow * c.oc, 3);
    const want = bruteForce(c, x, w, dy);
    const params = paramsOf(c, oh, ow);
    const y = new Float32Array(want.y.length), dx = new Float32Array(x.length), dw = new Float32Array(w.length);
    addon.conv2d(ConvMode.Forward, params, x, w, y);
    addon.conv2d(ConvMode.BackwardData, params, dy, w, dx);
    addon.conv2d(ConvMode.BackwardFilter, params, x, dy, dw);
    expect(maxRelDiff(y, want.y)).toBeLessThan(1e-5);
    expect(maxRelDiff(dx, want.dx)).toBeLessThan(1e-5);
    expect(maxRelDiff(dw, want.dw)).toBeLessThan(1e-5);
  });

  it('fuses bias and relu into the forward convolution', () => {
    const c = geometries[2];
    const x = lcgValues(c.n * c.ih * c.iw * c.ic, 4), w = lcgValues(c.kh * c.kw * (c.ic / c.g) * c.oc, 5), bias = lcgValues(c.oc, 6);
    const params = paramsOf({ ...c, sh: 1, sw: 1, dh: 1, dw: 1, pt: 1, pb: 1, pl: 1, pr: 1 }, 7, 7);
    const plain = new Float32Array(c.n * 49 * c.oc), fused = new Float32Array(plain.length);
    addon.conv2d(ConvMode.Forward, params, x, w, plain);
    addon.conv2d(ConvMode.Forward, params, x, w, fused, bias, true);
    const want = plain.map((v, i) => Math.max(0, v + bias[i % c.oc]));
    expect(maxRelDiff(fused, want)).toBeLessThan(1e-6);
  });

  it('matmul with bias and relu equals the loops', () => {
    const [m, n, k] = [5, 7, 3];
    const a = lcgValues(m * k, 7), b = lcgValues(n * k, 8), bias = lcgValues(n, 9), out = new Float32Array(m * n);
    addon.matmul({ batch: 1, batchA: 1, batchB: 1, m, n, k, transposeA: false, transposeB: true }, a, b, out, bias, true);
    const want = new Float32Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = bias[j];
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
      want[i * n + j] = Math.max(0, s);
    }
    expect(maxRelDiff(out, want)).toBeLessThan(1e-6);
  });

  // 1×4×4×1 input, 3×3 kernel, one filter: a 2×2 output.
  const small: ConvParams = { batch: 1, inSize: [4, 4], inChannels: 1, outSize: [2, 2], outChannels: 1, kernelSize: [3, 3], strides: [1, 1], dilation: [1, 1], pad: [0, 0, 0, 0], groups: 1 };
  const forward = (params: unknown) => () => addon.conv2d(ConvMode.Forward, params as ConvParams, new Float32Array(16), new Float32Array(9), new Float32Array(4));
  const { strides: _, ...noStrides } = small;
  const pool2x2: PoolParams = { batch: 1, inSize: [2, 2], channels: 1, outSize: [1, 1], kernelSize: [2, 2], strides: [2, 2], padTopLeft: [0, 0] };
  const matmul2x2: MatmulParams = { batch: 1, batchA: 1, batchB: 1, m: 2, n: 2, k: 2, transposeA: false, transposeB: false };
  const lrn1x4: LrnParams = { pixels: 1, channels: 4, before: 2, after: 1, bias: 1, alpha: 1, beta: 0.5 };
  const f = (n: number) => new Float32Array(n);
  it.each([
    ['a buffer of the wrong size', () => addon.conv2d(ConvMode.Forward, small, new Float32Array(15), new Float32Array(9), new Float32Array(4)), /expected 16 floats, got 15/],
    ['an output size that does not follow', forward({ ...small, outSize: [3, 2] }), /output size/],
    ['a non-Float32Array', () => addon.maxPool(pool2x2, new Float64Array(4) as unknown as Float32Array, new Float32Array(1)), /Float32Array/],
    ['bias on a backward pass', () => addon.conv2d(ConvMode.BackwardData, small, new Float32Array(4), new Float32Array(9), new Float32Array(16), new Float32Array(1)), /forward-only/],
  ])('rejects %s with a JS error', (_, f, message) => {
    expect(f).toThrow(message);
  });

  it.each([
    ['the old positional array', [1, 4, 4, 1, 2, 2, 1, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1], 'conv2d: params: expected an object of named fields'],
    ['a missing field', noStrides, 'conv2d: params.strides: expected an array of 2 integers'],
    ['a string for a number', { ...small, groups: '1' }, 'conv2d: params.groups: expected an integer'],
    ['a fraction', { ...small, batch: 1.5 }, 'conv2d: params.batch: expected an integer'],
    ['a pad of three sides', { ...small, pad: [0, 0, 0] }, 'conv2d: params.pad: expected an array of 4 integers'],
    ['NaN in an array', { ...small, dilation: [1, NaN] }, 'conv2d: params.dilation: expected an array of 2 integers'],
  ])('conv params: rejects %s with a TypeError naming the field', (_, params, message) => {
    expect(forward(params)).toThrow(TypeError);
    expect(forward(params)).toThrow(message);
  });

  it.each([
    ['pool: a missing field', () => addon.maxPool({ ...pool2x2, padTopLeft: undefined } as unknown as PoolParams, f(4), f(1)), 'maxPool: params.padTopLeft: expected an array of 2 integers'],
    ['pool: a four-sided pad', () => addon.avgPoolGrad({ ...pool2x2, padTopLeft: [0, 0, 0, 0] } as unknown as PoolParams, f(1), f(4)), 'avgPoolGrad: params.padTopLeft: expected an array of 2 integers'],
    ['matmul: the old positional array', () => addon.matmul([1, 1, 1, 2, 2, 2, 0, 0] as unknown as MatmulParams, f(4), f(4), f(4)), 'matmul: params: expected an object of named fields'],
    ['matmul: 0/1 for a boolean', () => addon.matmul({ ...matmul2x2, transposeB: 1 } as unknown as MatmulParams, f(4), f(4), f(4)), 'matmul: params.transposeB: expected a boolean'],
    ['matmul: a string for a size', () => addon.matmul({ ...matmul2x2, k: '2' } as unknown as MatmulParams, f(4), f(4), f(4)), 'matmul: params.k: expected an integer'],
    ['lrn: a fractional window', () => addon.lrn({ ...lrn1x4, after: 1.5 }, f(4), f(4)), 'lrn: params.after: expected an integer'],
    ['lrn: the old depthRadius alone', () => addon.lrn({ pixels: 1, channels: 4, depthRadius: 1, bias: 1, alpha: 1, beta: 0.5 } as unknown as LrnParams, f(4), f(4)), 'lrn: params.before: expected an integer'],
    ['lrn: a missing beta', () => addon.lrnGrad({ ...lrn1x4, beta: undefined } as unknown as LrnParams, f(4), f(4), f(4), f(4)), 'lrnGrad: params.beta: expected a number'],
  ])('%s: a TypeError naming the field', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('pool, matmul and lrn read their named params', () => {
    const y = f(1);
    addon.maxPool(pool2x2, Float32Array.of(1, 4, 2, 3), y);
    expect(y[0]).toBe(4);
    const out = f(4);
    addon.matmul(matmul2x2, Float32Array.of(1, 2, 3, 4), Float32Array.of(1, 0, 0, 1), out);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    const l = f(4);
    addon.lrn({ ...lrn1x4, bias: 4, alpha: 0, beta: 0.5 }, Float32Array.of(2, 4, 6, 8), l); // x / √4
    expect(Array.from(l)).toEqual([1, 2, 3, 4]);
  });

  it('convImpl reads the same named params', () => {
    expect(addon.convImpl(ConvMode.Forward, small, false, false)).not.toBe('');
    expect(() => addon.convImpl(ConvMode.Forward, { ...small, kernelSize: undefined } as unknown as ConvParams, false, false))
      .toThrow('convImpl: params.kernelSize: expected an array of 2 integers');
  });

  it('reports versions and threads, and caches primitives by shape', () => {
    const info = addon.info();
    expect(info.onednn).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.threads).toBeGreaterThanOrEqual(1);
    addon.clearCache();
    const params: ConvParams = { batch: 1, inSize: [5, 5], inChannels: 2, outSize: [5, 5], outChannels: 3, kernelSize: [3, 3], strides: [1, 1], dilation: [1, 1], pad: [1, 1, 1, 1], groups: 1 };
    const x = lcgValues(50, 1), w = lcgValues(54, 2), y = new Float32Array(75);
    addon.conv2d(ConvMode.Forward, params, x, w, y);
    addon.conv2d(ConvMode.Forward, params, x, w, y);
    expect(addon.info().cachedPrimitives).toBe(1);
    expect(addon.convImpl(ConvMode.Forward, params, false, false)).not.toBe('');
  });
});

describe.skipIf(!load.ok)('conv2d with its temporaries in rooms the caller gives', () => {
  const addon = load.ok ? load.addon : (undefined as never);
  // 16 channels: the blocked layout reorders activations (nChw8c) on this shape, so its rooms are used.
  const params: ConvParams = { batch: 2, inSize: [9, 9], inChannels: 16, outSize: [9, 9], outChannels: 16, kernelSize: [3, 3], strides: [1, 1], dilation: [1, 1], pad: [1, 1, 1, 1], groups: 1 };
  const x = lcgValues(2 * 81 * 16, 1), w = lcgValues(9 * 16 * 16, 2), dy = lcgValues(2 * 81 * 16, 3);
  const modes = [
    ['forward', ConvMode.Forward, x, w, 2 * 81 * 16],
    ['backward data', ConvMode.BackwardData, dy, w, 2 * 81 * 16],
    ['backward filter', ConvMode.BackwardFilter, x, dy, 9 * 16 * 16],
  ] as const;
  const roomsOf = (sizes: number[], make: (n: number) => Float32Array | null) => sizes.map((n) => (n > 0 ? make(n) : null)) as ConvRooms;

  describe.each([['NHWC', 1], ['blocked', 2], ['auto', 0]] as const)('%s layout', (layoutName, layout) => {
    it.each(modes)('%s: the same bits with rooms, short ones, none, or ones at an odd offset', (_, mode, a, b, outLength) => {
      addon.setConvLayout(layout);
      try {
        const sizes = addon.convWorkspace(mode, params, false, false); // before the first call: sized for either layout
        expect(sizes).toHaveLength(4);
        const rooms = roomsOf(sizes, (n) => new Float32Array(n).fill(Number.NaN));
        const got = new Float32Array(outLength);
        addon.conv2d(mode, params, a, b, got, null, false, rooms);
        addon.convWorkspace(mode, params, false, false).forEach((n, i) => expect(n).toBeLessThanOrEqual(sizes[i]));
        // Weights are reordered in every layout, activations only in the blocked one: its rooms for a and out were written.
        if (layoutName === 'blocked') {
          expect(rooms[0]?.some((v) => !Number.isNaN(v)), 'a reordered into its room').toBe(true);
          expect(rooms[2]?.some((v) => !Number.isNaN(v)), 'out computed in its room').toBe(true);
        }
        const others = [null, roomsOf(sizes, () => new Float32Array(8)), roomsOf(sizes, (n) => new Float32Array(n + 7).subarray(3))];
        for (const other of others) {
          const again = new Float32Array(outLength);
          addon.conv2d(mode, params, a, b, again, null, false, other);
          expect(again).toEqual(got);
        }
      } finally {
        addon.setConvLayout(0);
      }
    });
  });

  it('refuses rooms that are not four Float32Arrays or nulls', () => {
    const out = new Float32Array(2 * 81 * 16);
    expect(() => addon.conv2d(ConvMode.Forward, params, x, w, out, null, false, [null, null] as unknown as ConvRooms)).toThrow('conv2d: rooms: expected an array of 4 Float32Arrays or nulls');
    expect(() => addon.conv2d(ConvMode.Forward, params, x, w, out, null, false, [null, null, null, [1]] as unknown as ConvRooms)).toThrow(TypeError);
    expect(() => addon.conv2d(ConvMode.Forward, params, x, w, out, null, false, [null, new Int32Array(8), null, null] as unknown as ConvRooms))
      .toThrow('conv2d: a room: expected a Float32Array or null');
    expect(() => addon.conv2d(ConvMode.Forward, params, x, w, out, new Float64Array(16) as unknown as Float32Array)).toThrow('bias: expected a Float32Array or null');
  });
});

describe('loading', () => {
  it('says how to build the addon when it is missing', () => {
    const r = tryLoad('/nonexistent/netspec_native.node');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.why).toContain('npm run build:native');
  });
});

describe('geometry → addon parameters', () => {
  it.each([
    // in, out, stride, effective filter, lo, hi → hi for oneDNN
    [7, 3, 2, 2, 0, 0, 0],      // 'valid' leaving the last row unread: floor rule holds as is
    [9, 5, 2, 3, 1, 1, 1],      // 'same'
    [5, 3, 2, 3, 1, 0, 1],      // 'ceil' rounding: one more row of padding makes the rule hold
    [4, 1, 1, 5, 0, 0, 1],      // a window larger than the input reads one row of padding
    [9, 2, 2, 3, 0, 0, null],   // an output smaller than any padding gives: declined
  ])('fitPadding(in %i, out %i, stride %i, filter %i, lo %i, hi %i) = %s', (i, o, s, k, lo, hi, want) => {
    expect(fitPadding(i, o, s, k, lo, hi)).toBe(want);
  });

  it('convParams follows tfjs geometry and declines NCHW', () => {
    const ci = tf.backend_util.computeConv2DInfo([2, 9, 8, 3], [3, 2, 3, 5], [2, 1], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]);
    expect(convParams(ci)).toEqual({
      batch: 2, inSize: [9, 8], inChannels: 3, outSize: [ci.outHeight, ci.outWidth], outChannels: 5, kernelSize: [3, 2],
      strides: [2, 1], dilation: [1, 1], pad: [1, 2, 0, 1], groups: 1,
    });
    const nchw = tf.backend_util.computeConv2DInfo([2, 3, 9, 8], [3, 2, 3, 5], 1, 1, 'valid', undefined, false, 'channelsFirst');
    expect(convParams(nchw)).toBeNull();
  });

  it.each([
    [[7, 5], [5, 3], false, false, { batch: 1, batchA: 1, batchB: 1, m: 7, n: 3, k: 5, transposeA: false, transposeB: false }, [7, 3]],
    [[2, 4, 3], [2, 6, 4], true, true, { batch: 2, batchA: 2, batchB: 2, m: 3, n: 6, k: 4, transposeA: true, transposeB: true }, [2, 3, 6]],
    [[1, 3, 4], [3, 4, 6], false, false, { batch: 3, batchA: 1, batchB: 3, m: 3, n: 6, k: 4, transposeA: false, transposeB: false }, [3, 3, 6]],
    [[2, 1, 3, 4], [1, 5, 4, 6], false, false, null, null], // 2-D broadcast the cpu kernel's i % batch can't index
    [[3, 4], [5, 6], false, false, null, null],             // inner sizes differ
  ])('matmulPlan(%j, %j, %s, %s)', (a, b, ta, tb, params, outShape) => {
    let plan;
    try {
      plan = matmulPlan(a, b, ta, tb);
    } catch {
      plan = null; // tfjs rejects incompatible batch shapes itself
    }
    expect(plan ? plan.params : null).toEqual(params);
    expect(plan ? plan.outShape : null).toEqual(outShape);
  });

  it.each([
    [[3, 4, 5], [0, 1], false, { outer: 12, inner: 5, mode: 0, outShape: [5] }],
    [[3, 4, 5], [0], true, { outer: 3, inner: 20, mode: 0, outShape: [1, 4, 5] }],
    [[3, 4, 5], [-1], false, { outer: 12, inner: 5, mode: 1, outShape: [3, 4] }],
    [[3, 4, 5], [1, 2], true, { outer: 3, inner: 20, mode: 1, outShape: [3, 1, 1] }],
    [[3, 4, 5], [0, 1, 2], false, { outer: 1, inner: 60, mode: 1, outShape: [] }],
    [[3, 4, 5], [1], false, null],
    [[3, 4, 5], [0, 2], false, null],
  ])('sumPlan(%j, axes %j, keepDims %s)', (shape, axes, keepDims, want) => {
    expect(sumPlan(shape, axes, keepDims)).toEqual(want);
  });

  it.each([
    [[4, 5, 6], [6], [4, 5, 6]],
    [[6], [4, 5, 6], [4, 5, 6]],
    [[4, 5, 6], [], [4, 5, 6]],
    [[4, 5, 6], [5, 6], [4, 5, 6]],
    [[1, 1, 1, 1], [2, 3, 4, 5], [2, 3, 4, 5]],
    [[2, 3, 4, 5], [1, 1, 4, 5], [2, 3, 4, 5]],
    [[4, 1, 6], [5, 1], null],
    [[4, 5, 6], [5, 1], null],
    [[2, 1, 6], [1, 5, 6], null],
  ])('trailingBroadcast(%j, %j) = %j', (a, b, want) => {
    expect(trailingBroadcast(a, b)).toEqual(want);
  });
});
