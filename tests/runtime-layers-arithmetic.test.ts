// Size arithmetic against hand-worked cases and against brute-force window enumeration.
import { describe, expect, it } from 'vitest';
import {
  adaptiveWindows, conv2dOutputShape, conv2dParamCount, convOutputSize, pool2dOutputShape,
  poolOutputSize, poolOverhang, poolWindowCounts, type Rounding,
} from '../src/model/arithmetic.ts';

/** Windows of a conv: start i·s in padded coordinates, last tap at i·s + d(k−1) inside the padded input. */
function bruteConv(n: number, k: number, s: number, a: number, b: number, d: number): number {
  let count = 0;
  while (count * s + d * (k - 1) < n + a + b) count++;
  return count;
}

/**
 * floor: windows that fit in the padded input. ceil (Caffe/PyTorch): keep adding windows while
 * the previous one stopped short of the padded end, but never one starting in the after-padding.
 */
function brutePool(n: number, k: number, s: number, a: number, b: number, rounding: Rounding): number {
  const len = n + a + b;
  let count = 0;
  if (rounding === 'floor') {
    while (count * s + k <= len) count++;
  } else {
    while (count === 0 || ((count - 1) * s + k < len && count * s < n + a)) count++;
  }
  return count;
}

describe('convOutputSize', () => {
  it.each([
    // AlexNet conv1 as in the paper's 224 with Caffe's 227: (227 − 11)/4 + 1 = 55.
    { n: 227, k: 11, s: 4, a: 0, b: 0, d: 1, out: 55 },
    { n: 224, k: 11, s: 4, a: 2, b: 1, d: 1, out: 55 },
    { n: 27, k: 5, s: 1, a: 2, b: 2, d: 1, out: 27 },
    { n: 7, k: 3, s: 1, a: 0, b: 0, d: 2, out: 3 },
    { n: 8, k: 3, s: 2, a: 1, b: 0, d: 2, out: 3 },
    { n: 5, k: 5, s: 3, a: 0, b: 0, d: 1, out: 1 },
    { n: 3, k: 5, s: 1, a: 0, b: 0, d: 1, out: -1 },
  ])('n=$n k=$k s=$s pad=[$a,$b] d=$d → $out', ({ n, k, s, a, b, d, out }) => {
    expect(convOutputSize(n, k, s, a, b, d)).toBe(out);
  });

  it('matches window enumeration over a grid', () => {
    for (let n = 1; n <= 12; n++) for (let k = 1; k <= 5; k++) for (let s = 1; s <= 3; s++)
      for (let d = 1; d <= 3; d++) for (const [a, b] of [[0, 0], [1, 0], [0, 2], [2, 1]]) {
        if (n + a + b < d * (k - 1) + 1) continue;
        expect(convOutputSize(n, k, s, a, b, d), `n=${n} k=${k} s=${s} d=${d} pad=${a},${b}`).toBe(bruteConv(n, k, s, a, b, d));
      }
  });
});

describe('poolOutputSize', () => {
  it.each([
    // AlexNet overlapping pool: 55 → 27 (floor and ceil agree), 13 → 6.
    { n: 55, k: 3, s: 2, a: 0, b: 0, r: 'floor', out: 27 },
    { n: 55, k: 3, s: 2, a: 0, b: 0, r: 'ceil', out: 27 },
    { n: 13, k: 3, s: 2, a: 0, b: 0, r: 'ceil', out: 6 },
    // Caffe GoogLeNet pool1: 112 → 56 with ceil, 55 with floor.
    { n: 112, k: 3, s: 2, a: 0, b: 0, r: 'ceil', out: 56 },
    { n: 112, k: 3, s: 2, a: 0, b: 0, r: 'floor', out: 55 },
    // ceil would give 3, but window 2 would start at 4 = n + a: PyTorch drops it.
    { n: 4, k: 2, s: 2, a: 0, b: 1, r: 'ceil', out: 2 },
    // Same drop with padding: window 3 would start at padded 6 = n + a.
    { n: 5, k: 2, s: 2, a: 1, b: 1, r: 'ceil', out: 3 },
    { n: 6, k: 3, s: 2, a: 1, b: 1, r: 'ceil', out: 4 },
    { n: 6, k: 3, s: 2, a: 1, b: 1, r: 'floor', out: 3 },
  ] as const)('n=$n k=$k s=$s pad=[$a,$b] $r → $out', ({ n, k, s, a, b, r, out }) => {
    expect(poolOutputSize(n, k, s, a, b, r)).toBe(out);
  });

  it('matches window enumeration over a grid (pads smaller than the window)', () => {
    for (let n = 1; n <= 12; n++) for (let k = 1; k <= 4; k++) for (let s = 1; s <= 4; s++)
      for (const [a, b] of [[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [1, 3]]) for (const r of ['floor', 'ceil'] as const) {
        if (a >= k || b >= k || n + a + b < k) continue;
        expect(poolOutputSize(n, k, s, a, b, r), `n=${n} k=${k} s=${s} pad=${a},${b} ${r}`).toBe(brutePool(n, k, s, a, b, r));
      }
  });
});

describe('poolOverhang and poolWindowCounts', () => {
  it.each([
    // n=4 k=3 s=2 ceil: windows at 0, 2; second reaches 5, one past the input.
    { n: 4, k: 3, s: 2, a: 0, b: 0, over: 1, counts: [3, 2] },
    { n: 6, k: 3, s: 2, a: 1, b: 1, over: 1, counts: [3, 3, 3, 2] },
    { n: 6, k: 3, s: 3, a: 0, b: 0, over: 0, counts: [3, 3] },
  ])('n=$n k=$k s=$s pad=[$a,$b]', ({ n, k, s, a, b, over, counts }) => {
    const out = poolOutputSize(n, k, s, a, b, 'ceil');
    expect(poolOverhang(n, k, s, a, b, out)).toBe(over);
    expect(poolWindowCounts(n, k, s, a, b, out)).toEqual(counts);
  });
});

describe('adaptiveWindows', () => {
  it.each([
    { i: 5, o: 3, w: [[0, 2], [1, 4], [3, 5]] },
    { i: 7, o: 3, w: [[0, 3], [2, 5], [4, 7]] },
    { i: 6, o: 3, w: [[0, 2], [2, 4], [4, 6]] },
    { i: 3, o: 5, w: [[0, 1], [0, 2], [1, 2], [1, 3], [2, 3]] },
    { i: 13, o: 6, w: [[0, 3], [2, 5], [4, 7], [6, 9], [8, 11], [10, 13]] },
  ])('I=$i O=$o', ({ i, o, w }) => {
    expect(adaptiveWindows(i, o)).toEqual(w);
  });
});

describe('shape helpers', () => {
  it('conv2dOutputShape uses each side of the padding on its own axis', () => {
    expect(conv2dOutputShape([10, 9, 3], { filters: 8, kernelSize: [3, 2], strides: [2, 1], pad: [1, 0, 2, 0], dilation: [1, 2] }))
      .toEqual([convOutputSize(10, 3, 2, 1, 0, 1), convOutputSize(9, 2, 1, 2, 0, 2), 8]);
    expect(conv2dOutputShape([10, 9, 3], { filters: 8, kernelSize: [3, 2], strides: [2, 1], pad: [1, 0, 2, 0], dilation: [1, 2] }))
      .toEqual([5, 9, 8]);
  });

  it('pool2dOutputShape keeps channels', () => {
    expect(pool2dOutputShape([13, 12, 256], { poolSize: [3, 3], strides: [2, 2], pad: [0, 0, 1, 1], rounding: 'ceil' })).toEqual([6, 7, 256]);
  });

  it.each([
    // AlexNet conv2 (grouped, two towers): 5·5·48·256 + 256.
    { cin: 96, k: [5, 5], f: 256, g: 2, bias: true, params: 307_456 },
    { cin: 3, k: [11, 11], f: 96, g: 1, bias: true, params: 34_944 },
    { cin: 6, k: [3, 3], f: 6, g: 6, bias: false, params: 54 },
  ] as const)('conv2dParamCount cin=$cin groups=$g → $params', ({ cin, k, f, g, bias, params }) => {
    expect(conv2dParamCount(cin, [k[0], k[1]], f, g, bias)).toBe(params);
  });
});
