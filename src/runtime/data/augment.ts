// The paper's augmentation (Krizhevsky et al. 2012, §4.1) as pure functions over float HWC images:
// random crops with horizontal flips, "fancy PCA" colour shifts, and the test-time centre crop and
// ten-crop. Randomness comes in through an explicit Rng, so an example's augmentation is a
// function of its generator's seed alone. Pixel values are on the [0, 1] scale throughout.

import type { Rng } from './rng.ts';

export interface Image {
  data: Float32Array;
  h: number;
  w: number;
  c: number;
}

/** uint8 HWC → float HWC on [0, 1]. */
export function toFloat(bytes: Uint8Array, [h, w, c]: readonly [number, number, number]): Image {
  const data = new Float32Array(h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = bytes[i] / 255;
  return { data, h, w, c };
}

/** Zero padding on all four sides (the CIFAR-style pad-then-crop). */
export function pad(img: Image, p: number): Image {
  if (p === 0) return img;
  const h = img.h + 2 * p;
  const w = img.w + 2 * p;
  const data = new Float32Array(h * w * img.c);
  const row = img.w * img.c;
  for (let y = 0; y < img.h; y++) data.set(img.data.subarray(y * row, (y + 1) * row), ((y + p) * w + p) * img.c);
  return { data, h, w, c: img.c };
}

export function crop(img: Image, top: number, left: number, h: number, w: number): Image {
  if (top < 0 || left < 0 || top + h > img.h || left + w > img.w) {
    throw new RangeError(`crop ${h}×${w} at (${top}, ${left}) does not fit in ${img.h}×${img.w}`);
  }
  const { c } = img;
  const data = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++) {
    const from = ((top + y) * img.w + left) * c;
    data.set(img.data.subarray(from, from + w * c), y * w * c);
  }
  return { data, h, w, c };
}

/** A uniformly placed h×w window (every position equally likely). */
export function randomCrop(img: Image, h: number, w: number, rng: Rng): Image {
  const top = rng.int(img.h - h + 1);
  const left = rng.int(img.w - w + 1);
  return crop(img, top, left, h, w);
}

/** The central h×w window; an odd leftover pixel goes to the bottom/right. */
export const centerCrop = (img: Image, h: number, w: number): Image =>
  crop(img, Math.floor((img.h - h) / 2), Math.floor((img.w - w) / 2), h, w);

/** Mirror left–right. */
export function flipH(img: Image): Image {
  const { h, w, c } = img;
  const data = new Float32Array(img.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const from = (y * w + x) * c;
      const to = (y * w + (w - 1 - x)) * c;
      for (let k = 0; k < c; k++) data[to + k] = img.data[from + k];
    }
  }
  return { data, h, w, c };
}

export const randomFlip = (img: Image, rng: Rng, p = 0.5): Image => (rng.float() < p ? flipH(img) : img);

/**
 * The paper's test-time ten crops: the four corner and the centre h×w patches, then the same five
 * mirrored (torchvision's TenCrop order: tl, tr, bl, br, centre, then their flips).
 */
export function tenCrop(img: Image, h: number, w: number): Image[] {
  const five = [
    crop(img, 0, 0, h, w),
    crop(img, 0, img.w - w, h, w),
    crop(img, img.h - h, 0, h, w),
    crop(img, img.h - h, img.w - w, h, w),
    centerCrop(img, h, w),
  ];
  return [...five, ...five.map(flipH)];
}

// ---- fancy PCA ----------------------------------------------------------------------------

/** Principal components of RGB pixel values: `vectors[i]` is p_i (unit length), `values[i]` is λ_i, largest first. */
export interface Eigen {
  values: number[];
  vectors: number[][];
}

/**
 * ImageNet's RGB eigen-decomposition on the [0, 1] scale, as used by fb.resnet.torch and most
 * reimplementations. Their matrix has the eigenvectors as columns; here each p_i is written out.
 */
export const IMAGENET_EIGEN: Eigen = {
  values: [0.2175, 0.0188, 0.0045],
  vectors: [
    [-0.5675, -0.5808, -0.5836],
    [0.7192, -0.0045, -0.6948],
    [0.4009, -0.814, 0.4203],
  ],
};

/** α_i ~ N(0, std), drawn once per image (the paper: std 0.1). */
export const sampleAlphas = (rng: Rng, std = 0.1, n = 3): number[] => Array.from({ length: n }, () => rng.normal(0, std));

/** The colour shift Σ_i α_i λ_i p_i that fancy PCA adds to every pixel. */
export function pcaShift(alphas: readonly number[], eigen: Eigen): number[] {
  const c = eigen.vectors[0].length;
  const shift = new Array<number>(c).fill(0);
  for (let i = 0; i < eigen.values.length; i++) {
    for (let k = 0; k < c; k++) shift[k] += alphas[i] * eigen.values[i] * eigen.vectors[i][k];
  }
  return shift;
}

/**
 * Adds Σ_i α_i λ_i p_i to every pixel. A no-op for images whose channel count differs from the
 * eigenvectors' (1-channel MNIST-likes have no colour to perturb).
 */
export function pcaColor(img: Image, alphas: readonly number[], eigen: Eigen): Image {
  if (img.c !== eigen.vectors[0].length) return img;
  const shift = pcaShift(alphas, eigen);
  const data = new Float32Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] + shift[i % img.c];
  return { ...img, data };
}

// ---- statistics of a sample ----------------------------------------------------------------

/** Running per-channel sums over uint8 HWC images; gives the mean and covariance on [0, 1]. */
export class PixelMoments {
  readonly c: number;
  private n = 0;
  private readonly sum: Float64Array;
  private readonly prod: Float64Array; // c × c sums of products

  constructor(c: number) {
    this.c = c;
    this.sum = new Float64Array(c);
    this.prod = new Float64Array(c * c);
  }

  add(bytes: Uint8Array): this {
    const { c, sum, prod } = this;
    const px = new Float64Array(c);
    for (let i = 0; i < bytes.length; i += c) {
      for (let k = 0; k < c; k++) {
        px[k] = bytes[i + k] / 255;
        sum[k] += px[k];
      }
      for (let a = 0; a < c; a++) for (let b = a; b < c; b++) prod[a * c + b] += px[a] * px[b];
    }
    this.n += bytes.length / c;
    return this;
  }

  /** Adds another accumulator's sums (merging in a fixed order keeps results bit-for-bit repeatable). */
  merge(other: PixelMoments): this {
    this.n += other.n;
    for (let i = 0; i < this.sum.length; i++) this.sum[i] += other.sum[i];
    for (let i = 0; i < this.prod.length; i++) this.prod[i] += other.prod[i];
    return this;
  }

  get count(): number {
    return this.n;
  }

  mean(): number[] {
    return Array.from(this.sum, (s) => s / this.n);
  }

  /** Population covariance, c × c. */
  covariance(): number[][] {
    const { c, n } = this;
    const m = this.mean();
    const cov = Array.from({ length: c }, () => new Array<number>(c).fill(0));
    for (let a = 0; a < c; a++) {
      for (let b = a; b < c; b++) cov[a][b] = cov[b][a] = this.prod[a * c + b] / n - m[a] * m[b];
    }
    return cov;
  }

  std(): number[] {
    return this.covariance().map((row, k) => Math.sqrt(Math.max(0, row[k])));
  }
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Numerical Recipes §11.1):
 * each rotation zeroes one off-diagonal entry; sweeps repeat until the off-diagonal mass vanishes.
 * Returns eigenvalues largest first, `vectors[i]` the unit eigenvector of `values[i]`.
 */
export function jacobiEigen(matrix: readonly (readonly number[])[]): Eigen {
  const n = matrix.length;
  const a = matrix.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const scale = a.reduce((s, r) => s + r.reduce((t, x) => t + x * x, 0), 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return {
    values: order.map((i) => a[i][i]),
    vectors: order.map((i) => v.map((row) => row[i])),
  };
}

// ---- normalisation -------------------------------------------------------------------------

/** Per-channel (x - mean) / std on [0, 1] values; `mean`/`std` of length 1 apply to every channel. */
export interface Normalization {
  mean: number[];
  std: number[];
}

/** 'none': values stay on [0, 1]. */
export const NO_NORMALIZATION: Normalization = { mean: [0], std: [1] };

export function normalize(img: Image, { mean, std }: Normalization): Image {
  const data = new Float32Array(img.data.length);
  const { c } = img;
  for (let i = 0; i < data.length; i++) {
    const k = i % c;
    data[i] = (img.data[i] - mean[mean.length === 1 ? 0 : k]) / std[std.length === 1 ? 0 : k];
  }
  return { ...img, data };
}

/** Gray → RGB by repeating the channel (a 1-channel dataset on a 3-channel model). */
export function repeatChannels(img: Image, c: number): Image {
  if (img.c === c) return img;
  if (img.c !== 1) throw new RangeError(`cannot turn ${img.c} channels into ${c}`);
  const data = new Float32Array(img.h * img.w * c);
  for (let i = 0; i < img.h * img.w; i++) for (let k = 0; k < c; k++) data[i * c + k] = img.data[i];
  return { data, h: img.h, w: img.w, c };
}
