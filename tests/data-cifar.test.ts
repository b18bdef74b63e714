import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCifarBatch } from '../src/runtime/data/cifar.ts';
import { DataError } from '../src/runtime/data/errors.ts';
import { dataError, tempFolder } from './test-utils.ts';
import { openDataset } from '../src/runtime/data/dataset.ts';

// A known value for every (record, channel, row, col).
const value = (r: number, c: number, y: number, x: number): number => (r * 31 + c * 85 + y * 3 + x * 7) % 256;

/** CIFAR records as the format describes them: label byte(s), then R plane, G plane, B plane. */
function records(labels: number[][]): Buffer {
  const parts = labels.map((lab, r) => {
    const planes = Buffer.alloc(3072);
    for (let c = 0; c < 3; c++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) planes[c * 1024 + y * 32 + x] = value(r, c, y, x);
    return Buffer.concat([Buffer.from(lab), planes]);
  });
  return Buffer.concat(parts);
}

const tmp = tempFolder('netspec-cifar-');
const { write } = tmp;


describe('CIFAR reader', () => {
  it('CIFAR-10: labels and CHW → HWC for every pixel', async () => {
    const f = write('c10.bin', records([[3], [9], [0]]));
    const b = await readCifarBatch(f, 'cifar10');
    expect(b.count).toBe(3);
    expect(Array.from(b.labels)).toEqual([3, 9, 0]);
    // one pixel spelled out: record 1, row 2, col 5, green
    expect(b.images[1 * 3072 + (2 * 32 + 5) * 3 + 1]).toBe((31 + 85 + 6 + 35) % 256);
    let wrong = 0;
    for (let r = 0; r < 3; r++)
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) if (b.images[r * 3072 + (y * 32 + x) * 3 + c] !== value(r, c, y, x)) wrong++;
    expect(wrong).toBe(0);
  });

  it('CIFAR-100: uses the fine label (second byte)', async () => {
    const f = write('c100.bin', records([[19, 99], [0, 42]]));
    const b = await readCifarBatch(f, 'cifar100');
    expect(Array.from(b.labels)).toEqual([99, 42]);
    expect(b.images[1 * 3072 + (31 * 32 + 31) * 3 + 2]).toBe(value(1, 2, 31, 31));
  });

  it.each([
    ['cut short', 'cifar10', () => records([[1], [2]]).subarray(0, 3073 + 100), /size 3173 bytes is not a multiple of the cifar10 record size 3073 \(1 label byte \+ 3072 image bytes\)/, /truncated/],
    ['empty', 'cifar10', () => Buffer.alloc(0), /size 0 bytes is not a multiple of the cifar10 record size 3073/, /truncated/],
    ['CIFAR-100 file read as CIFAR-10', 'cifar10', () => records([[1, 2], [3, 4], [5, 6]]), /record size 3073/, /fits cifar100 records/],
    ['CIFAR-10 file read as CIFAR-100', 'cifar100', () => records([[1], [2], [3]]), /record size 3074 \(2 label bytes/, /fits cifar10 records/],
  ] as const)('%s: DataError naming the file and the record size', async (name, kind, bytes, message, help) => {
    const f = write(`bad-${name.replace(/ /g, '_')}.bin`, bytes());
    const e = await dataError(readCifarBatch(f, kind));
    expect(e.file).toBe(f);
    expect(e.message).toMatch(message);
    expect(e.help).toMatch(help);
  });

  it('a CIFAR-10 label above 9 is an error naming the file', async () => {
    const f = write('c10-range.bin', records([[2], [10]]));
    const e = await dataError(readCifarBatch(f, 'cifar10'));
    expect([e.file, e.message]).toEqual([f, 'label 10 at index 1 is out of range for 10 classes (0..9)']);
  });

  it('openDataset concatenates the five batches, finds the extracted folder, reads class names', async () => {
    const root = join(tmp.dir(), 'dl', 'cifar-10-batches-bin');
    mkdirSync(root, { recursive: true });
    for (let i = 1; i <= 5; i++) writeFileSync(join(root, `data_batch_${i}.bin`), records([[i], [i + 1]]));
    writeFileSync(join(root, 'test_batch.bin'), records([[7]]));
    const ds = await openDataset({ kind: 'cifar10', path: join(tmp.dir(), 'dl') }); // the folder the tarball was extracted into
    expect(ds.root).toBe(root);
    expect([ds.train.size, ds.test.size, ds.train.shape]).toEqual([10, 1, [32, 32, 3]]);
    expect(Array.from({ length: 10 }, (_, i) => ds.train.label(i))).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(ds.classNames[0]).toBe('airplane');
    expect((ds.train.image(3) as Uint8Array)[(4 * 32 + 4) * 3]).toBe(value(1, 0, 4, 4)); // 2nd record of batch 2

    writeFileSync(join(root, 'batches.meta.txt'), Array.from({ length: 10 }, (_, i) => `name${i}`).join('\n') + '\n\n');
    expect((await openDataset({ kind: 'cifar10', path: root })).classNames[9]).toBe('name9');
  });
});
