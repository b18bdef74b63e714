import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { readIdxImages, readIdxLabels } from '../src/runtime/data/idx.ts';
import { DataError } from '../src/runtime/data/errors.ts';
import { dataError, tempFolder } from './test-utils.ts';
import { openDataset } from '../src/runtime/data/dataset.ts';

// IDX bytes built by hand: big-endian magic, dims, payload.
function idx(magic: number, dims: number[], payload: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(payload)]);
}

const IMG = 0x00000803;
const LAB = 0x00000801;
// 3 images of 2×4: pixel (n, y, x) = 10n + 4y + x.
const pixels = Array.from({ length: 24 }, (_, i) => 10 * Math.floor(i / 8) + (i % 8));
const labels = [3, 0, 9];

const tmp = tempFolder('netspec-idx-');
const { write } = tmp;


describe('IDX reader', () => {
  it.each([
    ['raw', (b: Buffer) => b],
    ['gzip', (b: Buffer) => gzipSync(b)],
  ])('reads %s images and labels', async (name, enc) => {
    const fi = write(`img-${name}`, enc(idx(IMG, [3, 2, 4], pixels)));
    const fl = write(`lab-${name}`, enc(idx(LAB, [3], labels)));
    const im = await readIdxImages(fi);
    expect([im.count, im.h, im.w]).toEqual([3, 2, 4]);
    expect(im.data[1 * 8 + 1 * 4 + 2]).toBe(10 + 4 + 2); // image 1, row 1, col 2
    expect(Array.from(im.data)).toEqual(pixels);
    expect(Array.from(await readIdxLabels(fl, 10))).toEqual(labels);
  });

  const full = idx(IMG, [3, 2, 4], pixels);
  it.each([
    ['truncated raw', () => full.subarray(0, full.length - 5), IMG, /truncated: expected 40 bytes \(header 16 \+ 3×2×4\), found 35/],
    ['truncated header', () => full.subarray(0, 10), IMG, /truncated: expected at least 16 header bytes, found 10/],
    ['trailing bytes', () => Buffer.concat([full, Buffer.from([1, 2])]), IMG, /longer than its header says: expected 40 bytes.*found 42/],
    ['truncated gzip', () => gzipSync(full).subarray(0, 20), IMG, /gzip data is truncated or corrupt/],
    ['labels read as images', () => idx(LAB, [3], labels), IMG, /wrong magic number 0x00000801 \(that of a label file\); expected 0x00000803/],
    ['images read as labels', () => full, LAB, /wrong magic number 0x00000803 \(that of an image file\); expected 0x00000801/],
    ['float elements', () => idx(0x00000d03, [1, 1, 1], [0, 0, 0, 0]), IMG, /wrong magic number 0x00000d03/],
    ['too short', () => Buffer.from([0, 0]), IMG, /2 bytes, too short/],
  ])('%s: DataError naming the file', async (name, bytes, magic, message) => {
    const f = write(`bad-${name.replace(/ /g, '-')}`, bytes());
    const e = await dataError(magic === IMG ? readIdxImages(f) : readIdxLabels(f));
    expect(e.file).toBe(f);
    expect(e.message).toMatch(message);
  });

  it('rejects a label out of range for the class count', async () => {
    const f = write('lab-range', idx(LAB, [4], [1, 2, 10, 3]));
    const e = await dataError(readIdxLabels(f, 10));
    expect(e.file).toBe(f);
    expect(e.message).toBe('label 10 at index 2 is out of range for 10 classes (0..9)');
    expect(Array.from(await readIdxLabels(f, 11))).toEqual([1, 2, 10, 3]);
  });

  it('a missing file is a DataError naming it', async () => {
    const f = join(tmp.dir(), 'nope.gz');
    expect((await dataError(readIdxImages(f))).message).toMatch(/cannot read: ENOENT/);
  });

  it('openDataset reads an IDX folder and checks image/label counts agree', async () => {
    const root = join(tmp.dir(), 'mnist');
    mkdirSync(root);
    writeFileSync(join(root, 'train-images-idx3-ubyte.gz'), gzipSync(idx(IMG, [3, 2, 4], pixels)));
    writeFileSync(join(root, 'train-labels-idx1-ubyte'), idx(LAB, [3], labels));
    writeFileSync(join(root, 't10k-images.idx3-ubyte'), idx(IMG, [3, 2, 4], pixels));
    writeFileSync(join(root, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(LAB, [2], [1, 2])));
    const e = await dataError(openDataset({ kind: 'mnist', path: root }));
    expect(e.file).toBe(join(root, 't10k-labels-idx1-ubyte.gz'));
    expect(e.message).toBe(`2 labels for 3 images in ${join(root, 't10k-images.idx3-ubyte')}`);

    writeFileSync(join(root, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(LAB, [3], [1, 2, 5])));
    const ds = await openDataset({ kind: 'mnist', path: root });
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect([ds.train.size, ds.train.shape]).toEqual([3, [2, 4, 1]]);
    expect(Array.from(ds.train.image(2) as Uint8Array)).toEqual(pixels.slice(16));
    expect(ds.test.label(2)).toBe(5);
  });
});

const FASHION = '/usr/share/datasets/fashion-mnist';
// Needs Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist).
describe.skipIf(!existsSync(FASHION))('real Fashion-MNIST', () => {
  it('headers: 60000/10000 images of 28×28', () => {
    for (const [name, count] of [['train', 60000], ['t10k', 10000]] as const) {
      // only the first compressed KiB: enough for the 16-byte header
      const start = readFileSync(join(FASHION, `${name}-images-idx3-ubyte.gz`)).subarray(0, 1024);
      const head = gunzipSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 16);
      expect([head.readUInt32BE(0), head.readUInt32BE(4), head.readUInt32BE(8), head.readUInt32BE(12)]).toEqual([0x803, count, 28, 28]);
    }
  });

  it('opens from the usual place with 6000 of each class in train, 1000 in test', async () => {
    const ds = await openDataset({ kind: 'fashion-mnist' });
    expect(ds.root).toBe(FASHION);
    expect([ds.train.size, ds.test.size, ds.classes]).toEqual([60000, 10000, 10]);
    expect(ds.train.shape).toEqual([28, 28, 1]);
    for (const [split, each] of [[ds.train, 6000], [ds.test, 1000]] as const) {
      const counts = new Array(10).fill(0);
      for (let i = 0; i < split.size; i++) counts[split.label(i)]++;
      expect(counts).toEqual(new Array(10).fill(each));
    }
    expect(ds.classNames[ds.train.label(0)]).toBe('Ankle boot'); // the dataset's first image
    for (const i of [0, 1, 59999]) {
      const img = ds.train.image(i) as Uint8Array;
      expect(img.length).toBe(784);
      // Fashion-MNIST images are dark-background product photos: corners black, some pixels bright.
      expect(img[0]).toBe(0);
      expect(Math.max(...img)).toBeGreaterThan(100);
    }
  });
});
