import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  centerCrop,
  flipH,
  IMAGENET_EIGEN,
  jacobiEigen,
  normalize,
  pad,
  pcaColor,
  PixelMoments,
  randomCrop,
  repeatChannels,
  tenCrop,
  toFloat,
  type Image,
} from '../src/runtime/data/augment.ts';
import { rngFromSeed } from '../src/runtime/data/rng.ts';
import { memorySplit } from '../src/runtime/data/split.ts';
import { resolveTransforms } from '../src/runtime/data/transforms.ts';
import { DataError } from '../src/runtime/data/errors.ts';

/** h×w×c image whose value at (y, x, k) is its flat HWC index. */
const indexed = (h: number, w: number, c = 1): Image => ({ data: Float32Array.from({ length: h * w * c }, (_, i) => i), h, w, c });
const at = (img: Image, y: number, x: number, k = 0) => img.data[(y * img.w + x) * img.c + k];

describe('crops and flips', () => {
  it('random crop is a window inside the image, copied exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer(), fc.nat(), fc.nat(), (H, W, c, seed, a, b) => {
        const h = 1 + (a % H);
        const w = 1 + (b % W);
        const img = indexed(H, W, c);
        const out = randomCrop(img, h, w, rngFromSeed(seed));
        const top = Math.floor(out.data[0] / c / W);
        const left = (out.data[0] / c) % W;
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top + h).toBeLessThanOrEqual(H);
        expect(left + w).toBeLessThanOrEqual(W);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) expect(at(out, y, x, k)).toBe(at(img, top + y, left + x, k));
      }),
    );
  });

  it('random crop reaches every position about equally (5×5 → 3×3)', () => {
    const counts = new Map<number, number>();
    const rng = rngFromSeed(9);
    for (let i = 0; i < 1800; i++) {
      const v = randomCrop(indexed(5, 5), 3, 3, rng).data[0];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 5, 6, 7, 10, 11, 12]);
    for (const n of counts.values()) expect(Math.abs(n - 200)).toBeLessThan(60);
  });

  it('flip mirrors columns; twice is the identity', () => {
    const img = indexed(2, 3, 2);
    // row 0: pixels (0,1) (2,3) (4,5) → (4,5) (2,3) (0,1)
    expect(Array.from(flipH(img).data)).toEqual([4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 }), (h, w, c) => {
        const im = indexed(h, w, c);
        expect(flipH(flipH(im)).data).toEqual(im.data);
      }),
    );
  });

  it('pads with zeros', () => {
    expect(Array.from(pad(indexed(1, 2), 1).data)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it.each([
    [4, 4, 2, 2, [5, 6, 9, 10]],
    [5, 5, 2, 2, [6, 7, 11, 12]], // odd leftover: offset floor(3/2) = 1
    [4, 6, 4, 2, [2, 3, 8, 9, 14, 15, 20, 21]],
  ])('centre crop of %i×%i to %i×%i', (H, W, h, w, expected) => {
    expect(Array.from(centerCrop(indexed(H, W), h, w).data)).toEqual(expected);
  });

  it('ten crops: corners, centre, then their mirrors', () => {
    // 4×4 image of 0..15, 2×2 crops
    const crops = tenCrop(indexed(4, 4), 2, 2).map((c) => Array.from(c.data));
    expect(crops).toEqual([
      [0, 1, 4, 5], // top-left
      [2, 3, 6, 7], // top-right
      [8, 9, 12, 13], // bottom-left
      [10, 11, 14, 15], // bottom-right
      [5, 6, 9, 10], // centre
      [1, 0, 5, 4],
      [3, 2, 7, 6],
      [9, 8, 13, 12],
      [11, 10, 15, 14],
      [6, 5, 10, 9],
    ]);
  });
});

describe('fancy PCA', () => {
  const img: Image = { data: Float32Array.from([0.1, 0.2, 0.3, 0.9, 0.5, 0.0]), h: 1, w: 2, c: 3 };

  it('α = 0 is the identity', () => {
    expect(pcaColor(img, [0, 0, 0], IMAGENET_EIGEN).data).toEqual(img.data);
  });

  it('adds Σ α_i λ_i p_i to every pixel (the eigenvector matrix has p_i as columns)', () => {
    const alphas = [0.5, -1.2, 2];
    const M = [
      [-0.5675, 0.7192, 0.4009],
      [-0.5808, -0.0045, -0.814],
      [-0.5836, -0.6948, 0.4203],
    ];
    const lambda = [0.2175, 0.0188, 0.0045];
    const shift = M.map((row) => row.reduce((s, m, i) => s + m * alphas[i] * lambda[i], 0));
    const out = pcaColor(img, alphas, IMAGENET_EIGEN);
    for (let i = 0; i < 6; i++) expect(out.data[i]).toBeCloseTo(img.data[i] + shift[i % 3], 6);
    // α = (1, 0, 0) by hand: 0.2175 × the first column
    const one = pcaColor({ data: new Float32Array(3), h: 1, w: 1, c: 3 }, [1, 0, 0], IMAGENET_EIGEN);
    expect(Array.from(one.data).map((v) => +v.toFixed(6))).toEqual([-0.123431, -0.126324, -0.126933]);
  });

  it('ImageNet eigenvectors are orthonormal and the first is the brightness direction', () => {
    const V = IMAGENET_EIGEN.vectors;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(V[i].reduce((s, v, k) => s + v * V[j][k], 0)).toBeCloseTo(i === j ? 1 : 0, 3);
    for (const v of V[0]) expect(Math.abs(Math.abs(v) - 1 / Math.sqrt(3))).toBeLessThan(0.01);
  });

  it('is a no-op for 1-channel images', () => {
    const gray = indexed(2, 2);
    expect(pcaColor(gray, [1, 1, 1], IMAGENET_EIGEN)).toBe(gray);
  });
});

/** Σ_i λ_i p_i p_iᵀ */
const reconstruct = ({ values, vectors }: { values: number[]; vectors: number[][] }) =>
  vectors.map((_, r) => vectors.map((_, c) => values.reduce((s, l, i) => s + l * vectors[i][r] * vectors[i][c], 0)));

describe('Jacobi eigen-decomposition', () => {
  it('a hand-solved matrix', () => {
    const e = jacobiEigen([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 5],
    ]);
    expect(e.values.map((v) => +v.toFixed(12))).toEqual([5, 3, 1]);
    const s = Math.SQRT1_2;
    const expected = [[0, 0, 1], [s, s, 0], [s, -s, 0]];
    e.vectors.forEach((v, i) => {
      const sign = Math.sign(v.reduce((a, x, k) => a + x * expected[i][k], 0)); // eigenvectors are defined up to sign
      v.forEach((x, k) => expect(sign * x).toBeCloseTo(expected[i][k], 12));
    });
  });

  it('random symmetric matrices: V Λ Vᵀ = A, V orthonormal, values sorted', () => {
    const f = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.array(f, { minLength: 6, maxLength: 6 }), ([a, b, c, d, e, g]) => {
        const A = [
          [a, b, c],
          [b, d, e],
          [c, e, g],
        ];
        const eig = jacobiEigen(A);
        const R = reconstruct(eig);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(R[i][j] - A[i][j])).toBeLessThan(1e-9);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(eig.vectors[i].reduce((s, v, k) => s + v * eig.vectors[j][k], 0) - (i === j ? 1 : 0))).toBeLessThan(1e-9);
        expect(eig.values[0]).toBeGreaterThanOrEqual(eig.values[1]);
        expect(eig.values[1]).toBeGreaterThanOrEqual(eig.values[2]);
      }),
    );
  });

  it('dataset statistics: pixel covariance matches a two-pass brute force and its eigen-decomposition reconstructs it', () => {
    const rng = rngFromSeed(5);
    // correlated colours: g follows r, b is independent
    const images = Array.from({ length: 6 }, () => {
      const px = new Uint8Array(8 * 8 * 3);
      for (let i = 0; i < 64; i++) {
        const r = rng.int(256);
        px.set([r, Math.min(255, Math.round(r * 0.7 + rng.int(60))), rng.int(256)], i * 3);
      }
      return px;
    });
    const m = new PixelMoments(3);
    images.forEach((im) => m.add(im));
    const all = images.flatMap((im) => Array.from({ length: 64 }, (_, i) => [0, 1, 2].map((k) => im[i * 3 + k] / 255)));
    const mean = [0, 1, 2].map((k) => all.reduce((s, p) => s + p[k], 0) / all.length);
    const cov = [0, 1, 2].map((a) => [0, 1, 2].map((b) => all.reduce((s, p) => s + (p[a] - mean[a]) * (p[b] - mean[b]), 0) / all.length));
    m.mean().forEach((v, k) => expect(v).toBeCloseTo(mean[k], 12));
    m.covariance().forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(cov[a][b], 12)));
    m.std().forEach((v, k) => expect(v).toBeCloseTo(Math.sqrt(cov[k][k]), 12));
    const R = reconstruct(jacobiEigen(m.covariance()));
    R.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(cov[a][b], 12)));
  });
});

describe('normalisation', () => {
  it('per channel, or one value for all', () => {
    const img: Image = { data: Float32Array.from([0.5, 0.2, 1, 0]), h: 1, w: 2, c: 2 };
    expect(Array.from(normalize(img, { mean: [0.5, 0.1], std: [0.25, 0.5] }).data).map((v) => +v.toFixed(6))).toEqual([0, 0.2, 2, -0.2]);
    expect(Array.from(normalize(img, { mean: [0.5], std: [0.5] }).data).map((v) => +v.toFixed(6))).toEqual([0, -0.6, 1, -1]);
  });

  it('toFloat scales to [0, 1]; gray repeats to RGB', () => {
    const f = toFloat(Uint8Array.from([0, 51, 255]), [1, 3, 1]);
    expect(Array.from(f.data)).toEqual([0, 0.2, 1].map(Math.fround));
    expect(Array.from(repeatChannels(f, 3).data)).toEqual([0, 0, 0, 0.2, 0.2, 0.2, 1, 1, 1].map(Math.fround));
  });
});

describe('resolveTransforms', () => {
  // 5 images 2×2×3 with values chosen by formula
  const bytes = Uint8Array.from({ length: 5 * 12 }, (_, i) => (i * 37) % 256);
  const split = memorySplit(bytes, Uint8Array.from([0, 1, 0, 1, 0]), [2, 2, 3]);

  it("'dataset' mean/std over the whole (small) split match a brute force", async () => {
    const t = await resolveTransforms({ normalize: 'dataset' }, split, { seed: 1 });
    for (let k = 0; k < 3; k++) {
      const vals = Array.from(bytes).filter((_, i) => i % 3 === k).map((v) => v / 255);
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const std = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / vals.length);
      expect(t.normalize.mean[k]).toBeCloseTo(mean, 12);
      expect(t.normalize.std[k]).toBeCloseTo(std, 12);
    }
    expect(t.augment).toEqual({ crop: false, flip: false, pca: null });
  });

  it("augment settings; eigen 'dataset' comes from the sample", async () => {
    const t = await resolveTransforms({ normalize: 'none', augment: { crop: { padding: 4 }, flip: true, pcaColor: { eigen: 'dataset', std: 0.2 } } }, split, { seed: 1 });
    expect(t.normalize).toEqual({ mean: [0], std: [1] });
    expect(t.augment.crop).toEqual({ padding: 4 });
    expect(t.augment.pca!.std).toBe(0.2);
    const m = new PixelMoments(3).add(bytes); // all 5 images: the sample is the whole split
    const R = reconstruct(t.augment.pca!.eigen);
    m.covariance().forEach((row, a) => row.forEach((v, b) => expect(R[a][b]).toBeCloseTo(v, 12)));
    const imagenet = await resolveTransforms({ normalize: { mean: [0.5], std: [0.25] }, augment: { crop: true, pcaColor: true } }, split, { seed: 1 });
    expect(imagenet.augment.pca).toEqual({ std: 0.1, eigen: IMAGENET_EIGEN });
    expect(imagenet.augment.crop).toEqual({ padding: 0 });
  });

  it('PCA colour on 1-channel data is off, with a note saying so', async () => {
    const gray = memorySplit(new Uint8Array(8), Uint8Array.from([0, 1]), [2, 2, 1]);
    const t = await resolveTransforms({ normalize: 'none', augment: { pcaColor: true } }, gray, { seed: 1 });
    expect(t.augment.pca).toBeNull();
    expect(t.notes[0]).toMatch(/pcaColor is a no-op: the images have 1 channel/);
  });

  it.each([
    [{ mean: [0.1, 0.2], std: [1] }, /mean has 2 values; the images have 3 channels/],
    [{ mean: [0.1], std: [0] }, /std must be positive/],
    [{ mean: [123.68, 116.78, 103.94], std: [1] }, /outside \[0, 1\]/],
  ])('explicit normalisation %j is checked', async (normalize, message) => {
    const e = await resolveTransforms({ normalize }, split, { seed: 1 }).catch((err) => err);
    expect(e).toBeInstanceOf(DataError);
    expect(e.file).toBe('train.normalize');
    expect(e.message).toMatch(message);
  });
});
