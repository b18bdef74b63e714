// The shape every reader produces: a split is a numbered list of (image, label) pairs. Images are
// uint8 HWC; readers that hold everything in memory answer synchronously, ImageFolder decodes on demand.

import { permutation, rngFor, STREAM } from './rng.ts';

export interface Split {
  size: number;
  /** [h, w, c] of every image. */
  shape: [number, number, number];
  label(i: number): number;
  /** HWC uint8. `null` only when an ImageFolder image is corrupt and `onBadImage` is 'skip'. */
  image(i: number): Promise<Uint8Array | null> | Uint8Array | null;
  /** Files skipped as corrupt so far (ImageFolder with onBadImage 'skip'). */
  skipped?: readonly string[];
}

/** A split held in memory: `images` is size × h × w × c bytes, HWC per image. */
export function memorySplit(images: Uint8Array, labels: Uint8Array, shape: [number, number, number]): Split {
  const n = shape[0] * shape[1] * shape[2];
  return {
    size: labels.length,
    shape,
    label: (i) => labels[i],
    image: (i) => images.subarray(i * n, (i + 1) * n),
  };
}

/** The examples of `split` at `indices`, renumbered 0..indices.length-1. */
export function subset(split: Split, indices: ArrayLike<number>): Split {
  const idx = Uint32Array.from(indices as ArrayLike<number>);
  return {
    size: idx.length,
    shape: split.shape,
    label: (i) => split.label(idx[i]),
    image: (i) => split.image(idx[i]),
    get skipped() {
      return split.skipped;
    },
  };
}

/**
 * Holds out a random `fraction` of a split for validation (`train.validationSplit`), for datasets
 * without a separate one. Depends only on (seed, split.size, fraction).
 */
export function holdOut(split: Split, fraction: number, seed: number): { train: Split; val: Split } {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`holdOut fraction must be in (0, 1), got ${fraction}`);
  const perm = permutation(split.size, rngFor(seed, 0, 0, STREAM.split));
  const nVal = Math.round(split.size * fraction);
  // Sorted, so reading the held-in part walks the files in order.
  const val = perm.slice(0, nVal).sort();
  const train = perm.slice(nVal).sort();
  return { train: subset(split, train), val: subset(split, val) };
}
