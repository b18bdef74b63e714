import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openDataset } from '../src/runtime/data/dataset.ts';
import { DataError } from '../src/runtime/data/errors.ts';
import { batches } from '../src/runtime/data/pipeline.ts';
import { NO_AUGMENT } from '../src/runtime/data/transforms.ts';
import { NO_NORMALIZATION } from '../src/runtime/data/augment.ts';

type RGB = [number, number, number];
// Folder names deliberately not in sorted order on disk creation; class index = sorted position.
const CLASSES: Record<string, RGB> = { dog: [200, 30, 30], ant: [30, 200, 30], cat: [30, 30, 200] };
const SIZES: [number, number][] = [[40, 30], [30, 50], [64, 64], [20, 80]]; // [w, h]

const solid = (w: number, h: number, [r, g, b]: RGB, fmt: 'png' | 'jpeg') => {
  const img = sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } });
  return (fmt === 'png' ? img.png() : img.jpeg({ quality: 95 })).toBuffer();
};

/** w×h image whose red channel is 4·x (a horizontal ramp), green 4·y. */
const ramp = (w: number, h: number) => {
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([4 * x, 4 * y, 0], (y * w + x) * 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
};

let root: string;
const dirs: string[] = [];
async function makeTree(opts: { val?: Record<string, RGB>; empty?: string; corrupt?: boolean } = {}): Promise<string> {
  const r = mkdtempSync(join(tmpdir(), 'netspec-if-'));
  dirs.push(r);
  for (const [split, classes] of [['train', CLASSES], ['val', opts.val]] as const) {
    if (!classes) continue;
    for (const [name, colour] of Object.entries(classes)) {
      const d = join(r, split, name);
      mkdirSync(d, { recursive: true });
      for (const [i, [w, h]] of SIZES.entries()) {
        const fmt = i % 2 ? 'jpeg' : 'png';
        writeFileSync(join(d, `img${i}.${fmt === 'jpeg' ? (i === 3 ? 'JPEG' : 'jpg') : 'png'}`), await solid(w, h, colour, fmt));
      }
      writeFileSync(join(d, 'notes.txt'), 'not an image');
    }
  }
  if (opts.empty) mkdirSync(join(r, 'train', opts.empty));
  if (opts.corrupt) writeFileSync(join(r, 'train', 'cat', 'broken.jpg'), Buffer.from('\xff\xd8\xff\xe0 this is not really a jpeg', 'latin1'));
  return r;
}

beforeAll(async () => {
  root = await makeTree({ val: { cat: CLASSES.cat, ant: CLASSES.ant } });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function dataError(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}

describe('ImageFolder', () => {
  it('numbers classes by sorted folder name, the same in train and val', async () => {
    const ds = await openDataset({ kind: 'imagefolder', path: root, resize: 16 });
    expect(ds.classNames).toEqual(['ant', 'cat', 'dog']);
    expect([ds.classes, ds.train.size, ds.test.size]).toEqual([3, 12, 8]);
    expect(Array.from({ length: 12 }, (_, i) => ds.train.label(i))).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from({ length: 8 }, (_, i) => ds.test.label(i))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(ds.notes).toEqual([]);
  });

  it('decodes PNG and JPEG of any size to resize×resize RGB of the right colour', async () => {
    const ds = await openDataset({ kind: 'imagefolder', path: root, resize: 16 });
    expect(ds.train.shape).toEqual([16, 16, 3]);
    for (let i = 0; i < ds.train.size; i++) {
      const img = (await ds.train.image(i))!;
      expect(img.length).toBe(16 * 16 * 3);
      const colour = CLASSES[ds.classNames[ds.train.label(i)]];
      let worst = 0;
      for (let p = 0; p < img.length; p++) worst = Math.max(worst, Math.abs(img[p] - colour[p % 3]));
      expect(worst).toBeLessThanOrEqual(6); // JPEG rounding
    }
  });

  it('scales the shorter side to resize, then takes the centre square', async () => {
    const r = mkdtempSync(join(tmpdir(), 'netspec-if-'));
    dirs.push(r);
    mkdirSync(join(r, 'train', 'a'), { recursive: true });
    writeFileSync(join(r, 'train', 'a', 'wide.png'), await ramp(60, 30)); // → 32×16, crop columns 8..23
    writeFileSync(join(r, 'train', 'a', 'tall.png'), await ramp(30, 60)); // → 16×32, crop rows 8..23
    const ds = await openDataset({ kind: 'imagefolder', path: r, resize: 16 });
    // Resized pixel j covers source coordinate (j + 0.5)·60/32 − 0.5; the ramp is 4× that.
    const src = (j: number) => 4 * ((j + 0.5) * (60 / 32) - 0.5);
    const tall = (await ds.train.image(0))!; // 'tall.png' sorts first
    const wide = (await ds.train.image(1))!;
    for (const col of [2, 7, 12]) expect(Math.abs(wide[(8 * 16 + col) * 3] - src(col + 8))).toBeLessThanOrEqual(3);
    for (const row of [2, 7, 12]) expect(Math.abs(tall[(row * 16 + 8) * 3 + 1] - src(row + 8))).toBeLessThanOrEqual(3);
    // shorter side scaled 30 → 16: the other axis spans the whole ramp
    for (const col of [1, 8, 14]) expect(Math.abs(tall[(8 * 16 + col) * 3] - 4 * ((col + 0.5) * (30 / 16) - 0.5))).toBeLessThanOrEqual(3);
  });

  it('defaults to the paper’s 256', async () => {
    const ds = await openDataset({ kind: 'imagefolder', path: root });
    expect(ds.train.shape).toEqual([256, 256, 3]);
    expect(((await ds.train.image(0)) as Uint8Array).length).toBe(256 * 256 * 3);
  });

  it('no val folder: empty test split and a note', async () => {
    const r = await makeTree();
    const ds = await openDataset({ kind: 'imagefolder', path: r, resize: 8 });
    expect(ds.test.size).toBe(0);
    expect(ds.notes[0]).toMatch(/val does not exist/);
  });

  it('val with a class train lacks is an error naming it', async () => {
    const r = await makeTree({ val: { cat: CLASSES.cat, zebra: [1, 2, 3] } });
    const e = await dataError(openDataset({ kind: 'imagefolder', path: r }));
    expect(e.file).toBe(join(r, 'val', 'zebra'));
    expect(e.message).toBe("val has class 'zebra' that train lacks");
  });

  it('an empty class folder is an error naming it', async () => {
    const r = await makeTree({ empty: 'bee' });
    const e = await dataError(openDataset({ kind: 'imagefolder', path: r }));
    expect(e.file).toBe(join(r, 'train', 'bee'));
    expect(e.message).toMatch(/no \.jpg, \.jpeg or \.png images/);
  });

  it("a corrupt image: 'error' names the file", async () => {
    const r = await makeTree({ corrupt: true });
    const ds = await openDataset({ kind: 'imagefolder', path: r, resize: 8 }, { onBadImage: 'error' });
    expect(ds.train.size).toBe(13); // listed up front, found bad on decode
    const bad = Array.from({ length: 13 }, (_, i) => i).find((i) => ds.train.label(i) === 1)!; // broken.jpg sorts first in cat
    const e = await dataError(Promise.resolve(ds.train.image(bad)));
    expect(e.file).toBe(join(r, 'train', 'cat', 'broken.jpg'));
    expect(e.message).toMatch(/cannot decode image/);
    // and it stops a batch run
    const run = batches({ split: ds.train, batchSize: 5, epoch: 0, seed: 1, shuffle: false, inputShape: [8, 8, 3], augment: NO_AUGMENT, normalize: NO_NORMALIZATION, train: false });
    const e2 = await dataError((async () => { for await (const _ of run); })());
    expect(e2.file).toBe(join(r, 'train', 'cat', 'broken.jpg'));
  });

  it("a corrupt image: 'skip' leaves it out, counts and names it", async () => {
    const r = await makeTree({ corrupt: true });
    const ds = await openDataset({ kind: 'imagefolder', path: r, resize: 8 }, { onBadImage: 'skip' });
    const seen: number[] = [];
    const sizes: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      for await (const b of batches({ split: ds.train, batchSize: 5, epoch, seed: 1, shuffle: true, inputShape: [8, 8, 3], augment: NO_AUGMENT, normalize: NO_NORMALIZATION, train: true })) {
        seen.push(...b.indices);
        sizes.push(b.size);
        expect(b.x.length).toBe(b.size * 8 * 8 * 3);
        expect(b.y.length).toBe(b.size);
      }
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(24);
    expect(new Set(seen).size).toBe(12);
    expect(ds.train.skipped).toEqual([join(r, 'train', 'cat', 'broken.jpg')]); // once, though met in two epochs
  });
});
