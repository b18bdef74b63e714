import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { permutation, rngFor, rngFromSeed, sfc32, type RngState } from '../src/runtime/data/rng.ts';

// sfc32 written again with BigInt arithmetic, as an independent check of the 32-bit wrapping.
function sfc32Big(state: RngState, n: number): number[] {
  const M = (1n << 32n) - 1n;
  let [a, b, c, d] = state.map(BigInt);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = ((c << 21n) | (c >> 11n)) & M;
    c = (c + t) & M;
    out.push(Number(t));
  }
  return out;
}

describe('sfc32', () => {
  it.each<RngState>([
    [0, 0, 0, 1],
    [0xdeadbeef, 0x12345678, 0xffffffff, 7],
    [1, 2, 3, 4],
  ])('matches a BigInt reference from state %j', (...state) => {
    const rng = sfc32(state);
    expect(Array.from({ length: 50 }, () => rng.next())).toEqual(sfc32Big(state, 50));
  });

  it('resumes exactly from a saved state', () => {
    const rng = rngFromSeed(42);
    for (let i = 0; i < 10; i++) rng.normal();
    const saved = rng.state();
    const after = [rng.next(), rng.float(), rng.int(17), rng.normal()];
    const resumed = sfc32(saved);
    expect([resumed.next(), resumed.float(), resumed.int(17), resumed.normal()]).toEqual(after);
  });

  it('int(n) stays in range and hits every value about equally', () => {
    const rng = rngFromSeed(1);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[rng.int(7)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850); // expected 1000, sd ≈ 29
    for (const c of counts) expect(c).toBeLessThan(1150);
  });

  it('normal() has mean 0 and std 1 (20000 draws)', () => {
    const rng = rngFromSeed(3);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    const rng2 = rngFromSeed(3);
    expect(rng2.normal(5, 0.1)).toBeCloseTo(5 + 0.1 * xs[0], 12);
  });
});

describe('rngFor', () => {
  const first = (seed: number, epoch: number, index: number, stream?: number) =>
    Array.from({ length: 4 }, ((r) => () => r.next())(rngFor(seed, epoch, index, stream)));

  it('depends only on (seed, epoch, index, stream)', () => {
    expect(first(7, 2, 1000)).toEqual(first(7, 2, 1000));
    const variants = [first(7, 2, 1000), first(8, 2, 1000), first(7, 3, 1000), first(7, 2, 1001), first(7, 2, 1000, 1), first(7 + 2 ** 32, 2, 1000)];
    expect(new Set(variants.map((v) => v.join(','))).size).toBe(variants.length);
  });
});

describe('permutation', () => {
  it('is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (n, seed) => {
        const p = Array.from(permutation(n, rngFromSeed(seed)));
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it('puts every element in every position about equally often', () => {
    const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
    for (let s = 0; s < 4000; s++) permutation(4, rngFromSeed(s)).forEach((v, pos) => counts[v][pos]++);
    for (const row of counts) for (const c of row) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });
});
