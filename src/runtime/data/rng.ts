// A small seedable PRNG (sfc32, Chris Doty-Humphrey's "small fast counting" generator) whose whole
// state is four uint32 words, so a checkpoint can save it and resume it exactly. The normal draw
// uses Box–Muller without caching the spare value, so no hidden state lives outside those words.
//
// Training derives one generator per (seed, epoch, example index) with rngFor: an example's
// augmentation then depends on nothing else, and resuming mid-epoch reproduces an uninterrupted run.

export type RngState = [number, number, number, number];

export interface Rng {
  /** Uniform uint32. */
  next(): number;
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [0, n), unbiased. */
  int(n: number): number;
  /** Normal with the given mean and standard deviation (default N(0, 1)). */
  normal(mean?: number, std?: number): number;
  /** A copy of the current state; `sfc32(rng.state())` continues the same sequence. */
  state(): RngState;
}

const TWO32 = 4294967296;

export function sfc32(init: RngState): Rng {
  let [a, b, c, d] = init.map((v) => v >>> 0);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const float = (): number => next() / TWO32;
  return {
    next,
    float,
    int(n) {
      if (!(n >= 1 && n <= TWO32 && Number.isInteger(n))) throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
      // Reject the top partial block of 2^32 so every residue is equally likely.
      const limit = TWO32 - (TWO32 % n);
      let x = next();
      while (x >= limit) x = next();
      return x % n;
    },
    normal(mean = 0, std = 1) {
      const u1 = 1 - float(); // (0, 1]: log stays finite
      const u2 = float();
      return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  };
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Splits any JS number into 32-bit words (seeds may exceed 2^32; negative ones wrap). */
const words = (x: number): number[] => [x >>> 0, Math.floor(x / TWO32) >>> 0];

/** A generator keyed by a list of numbers; different keys give unrelated streams. */
export function rngFromKeys(keys: readonly number[]): Rng {
  let h = 0x243f6a88; // pi's fraction bits: any fixed non-zero start
  for (const k of keys) for (const w of words(k)) h = fmix32((h ^ w) + 0x9e3779b9);
  const state: RngState = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    h = fmix32(h + 0x9e3779b9);
    state[i] = h;
  }
  const rng = sfc32(state);
  for (let i = 0; i < 12; i++) rng.next(); // sfc32's recommended warm-up
  return rng;
}

export const rngFromSeed = (seed: number): Rng => rngFromKeys([seed]);

/** Stream tags, so the shuffle and the augmentation never share a generator. */
export const STREAM = { augment: 0, shuffle: 1, sample: 2, split: 3 } as const;

/** The generator for one example's augmentation in one epoch. */
export const rngFor = (seed: number, epoch: number, index: number, stream: number = STREAM.augment): Rng =>
  rngFromKeys([stream, seed, epoch, index]);

/** Fisher–Yates: a uniformly random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
