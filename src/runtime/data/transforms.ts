// From the spec's train.augment / train.normalize to concrete settings, computing any statistics
// the spec asks to take from the data ('dataset') on a sample of the training split. Done once per
// run: the result is plain data, to be saved with checkpoints so a resumed run uses the same numbers.

import type { AugmentSpec, TrainSpec } from '../../model/spec.ts';
import { IMAGENET_EIGEN, jacobiEigen, NO_NORMALIZATION, PixelMoments, type Eigen, type Normalization } from './augment.ts';
import { DataError } from './errors.ts';
import { permutation, rngFor, STREAM } from './rng.ts';
import type { Split } from './split.ts';
import { limiter } from './limit.ts';

export interface ResolvedAugment {
  /** Random crop to the model's input size after zero padding by `padding`; false: centre crop. */
  crop: false | { padding: number };
  flip: boolean;
  /** Fancy PCA: α_i ~ N(0, std) per image; null: off (or a 1-channel dataset). */
  pca: null | { std: number; eigen: Eigen };
}

export const NO_AUGMENT: ResolvedAugment = { crop: false, flip: false, pca: null };

export interface Transforms {
  augment: ResolvedAugment;
  normalize: Normalization;
  /** Things the user should know (a no-op setting, a degenerate statistic). */
  notes: string[];
}

export interface TransformOptions {
  seed: number;
  /** Images sampled for 'dataset' statistics; default 1000 (or the whole split if smaller). */
  sample?: number;
  /** Concurrent decodes while sampling a lazily decoded split; default 4. */
  concurrency?: number;
}

/** Settings that need no data. Throws DataError for a malformed explicit normalisation. */
export function resolveAugment(spec: AugmentSpec | undefined, channels: number): { augment: ResolvedAugment; needsEigen: boolean; notes: string[] } {
  const notes: string[] = [];
  const crop = spec?.crop ? { padding: typeof spec.crop === 'object' ? (spec.crop.padding ?? 0) : 0 } : false;
  const pcaSpec = spec?.pcaColor ? (typeof spec.pcaColor === 'object' ? spec.pcaColor : {}) : null;
  let pca: ResolvedAugment['pca'] = null;
  let needsEigen = false;
  if (pcaSpec) {
    if (channels !== 3) {
      notes.push(`train.augment.pcaColor is a no-op: the images have ${channels} channel${channels > 1 ? 's' : ''} and PCA colour augmentation shifts RGB colours`);
    } else {
      needsEigen = pcaSpec.eigen === 'dataset';
      pca = { std: pcaSpec.std ?? 0.1, eigen: IMAGENET_EIGEN };
    }
  }
  return { augment: { crop, flip: spec?.flip ?? false, pca }, needsEigen, notes };
}

export function checkNormalization(norm: Normalization, channels: number): Normalization {
  const where = 'train.normalize';
  for (const [name, arr] of [['mean', norm.mean], ['std', norm.std]] as const) {
    if (arr.length !== 1 && arr.length !== channels) {
      throw new DataError(where, `${name} has ${arr.length} values; the images have ${channels} channel${channels > 1 ? 's' : ''}`, {
        help: `give 1 value or ${channels}`,
      });
    }
  }
  if (norm.std.some((s) => !(s > 0))) throw new DataError(where, `std must be positive, got [${norm.std.join(', ')}]`);
  if (norm.mean.some((m) => Math.abs(m) > 1)) {
    throw new DataError(where, `mean [${norm.mean.join(', ')}] is outside [0, 1]`, {
      help: 'netspec scales pixels to [0, 1] before normalising: give mean and std on that scale (divide 0–255 values by 255)',
    });
  }
  return norm;
}

/** Picks up to `sample` example indices of the split, in file order; depends only on the seed. */
export function sampleIndices(size: number, sample: number, seed: number): Uint32Array {
  const n = Math.min(size, sample);
  return permutation(size, rngFor(seed, 0, 0, STREAM.sample)).slice(0, n).sort();
}

/** Mean and covariance of pixel values over a sample of the split (skipped images left out). */
export async function sampleMoments(split: Split, opts: TransformOptions): Promise<PixelMoments> {
  const c = split.shape[2];
  const limit = limiter(opts.concurrency ?? 4);
  const idx = sampleIndices(split.size, opts.sample ?? 1000, opts.seed);
  // Per-image sums merged in index order: decode order varies, the float sums must not.
  const parts = await Promise.all(
    Array.from(idx, (i) =>
      limit(async () => {
        const img = await split.image(i);
        return img ? new PixelMoments(c).add(img) : null;
      }),
    ),
  );
  const moments = new PixelMoments(c);
  for (const p of parts) if (p) moments.merge(p);
  return moments;
}

export async function resolveTransforms(
  spec: Pick<TrainSpec, 'augment' | 'normalize'>,
  train: Split,
  opts: TransformOptions,
): Promise<Transforms> {
  const channels = train.shape[2];
  const { augment, needsEigen, notes } = resolveAugment(spec.augment, channels);
  const normSpec = spec.normalize ?? 'dataset';
  const needsStats = normSpec === 'dataset';
  let normalize: Normalization =
    normSpec === 'none' ? NO_NORMALIZATION : normSpec === 'dataset' ? NO_NORMALIZATION : checkNormalization(normSpec, channels);

  if (needsStats || needsEigen) {
    const moments = await sampleMoments(train, opts);
    if (moments.count === 0) throw new DataError('train.dataset', 'no readable training images to compute statistics from');
    if (needsStats) {
      const std = moments.std();
      if (std.some((s) => s < 1e-6)) notes.push(`train.normalize: a channel is constant in the sample (std ${std.map((s) => s.toFixed(4)).join(', ')}); dividing by 1 instead`);
      normalize = { mean: moments.mean(), std: std.map((s) => (s < 1e-6 ? 1 : s)) };
    }
    if (needsEigen && augment.pca) augment.pca = { ...augment.pca, eigen: jacobiEigen(moments.covariance()) };
  }
  return { augment, normalize, notes };
}
