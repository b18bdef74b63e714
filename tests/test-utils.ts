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
