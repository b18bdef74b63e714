// Checkpoint files: exact round trips, every kind of damage detected and named, atomic writes
// (a crash before the rename leaves the old file loadable), disk-full, and keeping the last two.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkpointName,
  decodeCheckpoint,
  encodeCheckpoint,
  listCheckpoints,
  loadLatestCheckpoint,
  readCheckpoint,
  saveCheckpoint,
  type Checkpoint,
} from '../src/runtime/train/checkpoint.ts';
import { writeFileAtomic, type WriteFs } from '../src/io/write-atomic.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-ckpt-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(tmp, `d${n++}-`));

/** Deterministic values including the awkward ones: −0, subnormals, extremes, NaN. */
function values(len: number, seed: number): Float32Array {
  const a = new Float32Array(len);
  let x = seed;
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    a[i] = (x / 2147483648 - 0.5) * 10;
  }
  const special = [-0, 1e-45, -3.4028234663852886e38, 1.1754943508222875e-38, NaN];
  special.forEach((v, i) => (a[(i * 7) % len] = v));
  return a;
}

function sample(seed = 1, step = 5): Checkpoint {
  return {
    weights: [
      { name: 'conv1/kernel', shape: [3, 3, 1, 4], values: values(36, seed) },
      { name: 'conv1/bias', shape: [4], values: values(4, seed + 1) },
      { name: 'fc/kernel', shape: [5, 3], values: values(15, seed + 2) },
    ],
    optimizer: {
      type: 'adam',
      step,
      slots: [
        { m: values(36, seed + 3), v: values(36, seed + 4) },
        { m: values(4, seed + 5), v: values(4, seed + 6) },
        { m: values(15, seed + 7), v: values(15, seed + 8) },
      ],
    },
    meta: { progress: { epoch: 1, step: 3, running: { loss: 0.1 + 0.2 } }, seed: 42, text: 'ünïcödé ✓' },
  };
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('encoding', () => {
  it('round-trips every bit of weights and optimizer buffers, and the meta exactly', () => {
    const ck = sample();
    const r = decodeCheckpoint(encodeCheckpoint(ck), 'x.nsckpt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.weights.map((w) => [w.name, w.shape])).toEqual(ck.weights.map((w) => [w.name, w.shape]));
    r.value.weights.forEach((w, i) => expect(bits(w.values)).toEqual(bits(ck.weights[i].values)));
    expect(r.value.optimizer.type).toBe('adam');
    expect(r.value.optimizer.step).toBe(5);
    r.value.optimizer.slots.forEach((s, i) => {
      expect(Object.keys(s).sort()).toEqual(['m', 'v']);
      for (const k of ['m', 'v']) expect(bits(s[k])).toEqual(bits(ck.optimizer.slots[i][k]));
    });
    expect(r.value.meta).toEqual(ck.meta);
  });

  it('is deterministic: the same checkpoint encodes to the same bytes', () => {
    expect(encodeCheckpoint(sample()).equals(encodeCheckpoint(sample()))).toBe(true);
  });

  it('handles an optimizer with no buffers and a model with no weights', () => {
    const ck: Checkpoint = { weights: [], optimizer: { type: 'sgd', step: 0, slots: [] }, meta: null };
    const r = decodeCheckpoint(encodeCheckpoint(ck), 'e');
    expect(r.ok && r.value).toEqual(ck);
  });
});

describe('damage is detected and names the file', () => {
  const good = encodeCheckpoint(sample());
  const file = '/runs/x/checkpoints/ckpt-000000005.nsckpt';
  const err = (bytes: Uint8Array) => {
    const r = decodeCheckpoint(bytes, file);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error;
  };

  it('every truncation length', () => {
    // Every prefix of the file: all must be refused, none may throw.
    for (let len = 0; len < good.length; len += len < 64 ? 1 : 37) {
      const e = err(good.subarray(0, len));
      expect(e.startsWith(`${file}: `)).toBe(true);
      expect(e).toMatch(/truncated|checksum|magic/);
    }
  });

  it.each([
    ['a payload byte', (b: Buffer) => (b[b.length - 40] ^= 0x01)],
    ['a header byte', (b: Buffer) => (b[20] ^= 0x20)],
    ['the checksum', (b: Buffer) => (b[b.length - 1] ^= 0xff)],
    ['the header length', (b: Buffer) => (b[8] ^= 0x04)],
  ])('one flipped bit in %s', (_, damage) => {
    const b = Buffer.from(good);
    damage(b);
    expect(err(b)).toBe(`${file}: damaged or truncated: the SHA-256 checksum does not match its contents`);
  });

  it('a file that is not a checkpoint', () => {
    expect(err(Buffer.from('{"weights": []}'.padEnd(100, ' ')))).toBe(`${file}: not a netspec checkpoint (bad magic bytes)`);
  });

  it('a newer format version', () => {
    const b = Buffer.from(good);
    b[7] = 9;
    expect(err(b)).toMatch(/format 9 is not supported/);
  });
});

describe('files', () => {
  it('saves, lists newest first, and keeps only the last two', () => {
    const dir = freshDir();
    for (const step of [3, 10, 7, 20]) expect(saveCheckpoint(dir, step, sample(step, step)).ok).toBe(true);
    // Written in the order 3, 10, 7, 20: each save keeps the two with the most steps.
    expect(listCheckpoints(dir).map((f) => path.basename(f))).toEqual([checkpointName(20), checkpointName(10)]);
    const r = loadLatestCheckpoint(dir);
    expect(r.ok && r.value.file).toBe(path.join(dir, checkpointName(20)));
    expect(r.ok && r.value.checkpoint.optimizer.step).toBe(20);
    expect(r.ok && r.value.warnings).toEqual([]);
  });

  it('falls back to the previous checkpoint, with a warning, when the newest is damaged', () => {
    const dir = freshDir();
    saveCheckpoint(dir, 1, sample(1, 1));
    saveCheckpoint(dir, 2, sample(2, 2));
    const newest = path.join(dir, checkpointName(2));
    const b = fs.readFileSync(newest);
    fs.writeFileSync(newest, b.subarray(0, b.length - 100)); // truncated
    const r = loadLatestCheckpoint(dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.file).toBe(path.join(dir, checkpointName(1)));
    expect(r.value.warnings).toEqual([`${newest}: damaged or truncated: the SHA-256 checksum does not match its contents; falling back to the previous checkpoint`]);
  });

  it('reports every damaged file when none is intact', () => {
    const dir = freshDir();
    saveCheckpoint(dir, 1, sample());
    fs.writeFileSync(path.join(dir, checkpointName(1)), 'garbage');
    const r = loadLatestCheckpoint(dir);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(`${path.join(dir, checkpointName(1))}: truncated`);
    expect(loadLatestCheckpoint(path.join(dir, 'nothing'))).toEqual({ ok: false, error: `no checkpoint in ${path.join(dir, 'nothing')}` });
  });

  it('a crash between the temporary write and the rename leaves the old checkpoint loadable', () => {
    const dir = freshDir();
    saveCheckpoint(dir, 1, sample(1, 1));
    const crash = new Error('simulated crash');
    expect(() =>
      saveCheckpoint(dir, 2, sample(2, 2), {
        beforeRename: () => {
          throw crash;
        },
      }),
    ).not.toThrow();
    // What a SIGKILL at that moment leaves: the complete temporary file, never renamed.
    fs.writeFileSync(path.join(dir, `${checkpointName(2)}.tmp-99999`), encodeCheckpoint(sample(2, 2)).subarray(0, 50));
    const r = loadLatestCheckpoint(dir);
    expect(r.ok && r.value.file).toBe(path.join(dir, checkpointName(1)));
    expect(r.ok && r.value.checkpoint.optimizer.step).toBe(1);
    // Stale temporary files are cleaned up by the load.
    expect(fs.readdirSync(dir)).toEqual([checkpointName(1)]);
  });

  it('an interrupted overwrite keeps the previous content of the same file', () => {
    const dir = freshDir();
    const file = path.join(dir, 'f.bin');
    expect(writeFileAtomic(file, Buffer.from('old')).ok).toBe(true);
    const r = writeFileAtomic(file, Buffer.from('new'), {
      beforeRename: () => {
        throw new Error('kill');
      },
    });
    expect(r.ok).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });

  it('disk full: a clean error, the previous checkpoint intact, no temporary file left', () => {
    const dir = freshDir();
    saveCheckpoint(dir, 1, sample(1, 1));
    const before = fs.readFileSync(path.join(dir, checkpointName(1)));
    let written = 0;
    const fullDisk: WriteFs = {
      ...(fs as unknown as WriteFs),
      writeSync: (fd, buf, off, len) => {
        // Room for 100 bytes, then ENOSPC, as a full file system answers.
        if (written >= 100) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        const k = Math.min(len, 100 - written);
        written += k;
        return fs.writeSync(fd, buf, off, k);
      },
    };
    const r = saveCheckpoint(dir, 2, sample(2, 2), { fs: fullDisk });
    expect(r).toEqual({ ok: false, error: `could not write ${path.join(dir, checkpointName(2))}: no space left on device; the previous checkpoint is intact` });
    expect(fs.readdirSync(dir)).toEqual([checkpointName(1)]);
    expect(fs.readFileSync(path.join(dir, checkpointName(1))).equals(before)).toBe(true);
    expect(readCheckpoint(path.join(dir, checkpointName(1))).ok).toBe(true);
  });

  it('an unreadable path is an error naming it', () => {
    const r = readCheckpoint(path.join(tmp, 'missing.nsckpt'));
    expect(!r.ok && r.error).toMatch(/missing\.nsckpt: cannot read/);
  });
});
