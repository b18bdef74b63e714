// Helpers several test files share (not a test file itself: vitest picks up *.test.ts only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { DataError } from '../src/runtime/data/errors.ts';

/** Deterministic uniform [0, 1) (mulberry32): the same inputs on every run and machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A temporary folder for the file's tests (made before, removed after) and a writer into it. */
export function tempFolder(prefix: string): { dir: () => string; write: (name: string, bytes: Buffer) => string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    write: (name, bytes) => {
      const f = join(dir, name);
      writeFileSync(f, bytes);
      return f;
    },
  };
}

/** The DataError a promise rejects with (fails the test if it resolves or rejects otherwise). */
export async function dataError(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}

/** Deterministic values in [lo, hi) (an LCG: the same on every backend and run). */
export function lcgValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

/** max |got − want| / max(1, max |want|): absolute near 0, relative above 1; Infinity where NaNs differ. */
export function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let diff = 0, scale = 1;
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i]) !== Number.isNaN(got[i])) return Infinity;
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / scale;
}

/** max |a − b| / max |b|: the error relative to the reference's scale (elementwise is meaningless near 0). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-30);
}
