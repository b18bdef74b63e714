// One example's view written straight into the batch buffer: pad, crop, flip, PCA shift,
// normalise and widen gray to RGB in a single pass over the output pixels. It computes exactly
// what composing augment.ts's pure functions gives (same draws from the Rng, same float32
// rounding points) — tests/data-view.test.ts holds it to that — without five temporary images.

import { pcaShift, sampleAlphas, type Normalization } from './augment.ts';
import type { Rng } from './rng.ts';
import type { ResolvedAugment } from './transforms.ts';

export type Shape3 = [number, number, number];

/** Where the view comes from: a window at (top, left) of the zero-padded image, maybe mirrored, maybe colour-shifted. */
export interface ViewParams {
  top: number;
  left: number;
  flip: boolean;
  /** Per-channel PCA colour shift, or null. */
  shift: number[] | null;
}

/** A training view's parameters, drawn in the order randomCrop (top, left), flip, alphas. */
export function drawTrainParams(shape: Shape3, input: Shape3, aug: ResolvedAugment, rng: Rng): ViewParams {
  const p = aug.crop ? aug.crop.padding : 0;
  const [H, W] = [shape[0] + 2 * p, shape[1] + 2 * p];
  let top: number;
  let left: number;
  if (aug.crop) {
    top = rng.int(H - input[0] + 1);
    left = rng.int(W - input[1] + 1);
  } else {
    top = Math.floor((H - input[0]) / 2);
    left = Math.floor((W - input[1]) / 2);
  }
  const flip = aug.flip ? rng.float() < 0.5 : false;
  const shift = aug.pca && shape[2] === aug.pca.eigen.vectors[0].length ? pcaShift(sampleAlphas(rng, aug.pca.std, aug.pca.eigen.values.length), aug.pca.eigen) : null;
  return { top, left, flip, shift };
}

/** The test-time views: the centre crop, or the ten crops in tenCrop's order. */
export function evalParams(shape: Shape3, input: Shape3, padding: number, ten: boolean): ViewParams[] {
  const [H, W] = [shape[0] + 2 * padding, shape[1] + 2 * padding];
  const [h, w] = input;
  const centre = { top: Math.floor((H - h) / 2), left: Math.floor((W - w) / 2) };
  if (!ten) return [{ ...centre, flip: false, shift: null }];
  const five = [{ top: 0, left: 0 }, { top: 0, left: W - w }, { top: H - h, left: 0 }, { top: H - h, left: W - w }, centre];
  return [...five.map((q) => ({ ...q, flip: false, shift: null })), ...five.map((q) => ({ ...q, flip: true, shift: null }))];
}

/** Writes input[0] × input[1] × input[2] floats at out[offset…]. */
export function writeView(
  bytes: Uint8Array,
  shape: Shape3,
  input: Shape3,
  padding: number,
  v: ViewParams,
  norm: Normalization,
  out: Float32Array,
  offset: number,
): void {
  const [sh, sw, c] = shape;
  const [h, w, oc] = input;
  const mean = new Float64Array(c);
  const std = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    mean[k] = norm.mean[norm.mean.length === 1 ? 0 : k];
    std[k] = norm.std[norm.std.length === 1 ? 0 : k];
  }
  const shift = v.shift ? Float64Array.from(v.shift) : null;
  const f32 = Math.fround;
  const top = v.top - padding;
  const left = v.left - padding;
  const widen = c === 1 && oc === 3;
  let o = offset;
  for (let y = 0; y < h; y++) {
    const sy = top + y;
    const rowInside = sy >= 0 && sy < sh;
    for (let x = 0; x < w; x++) {
      const sx = left + (v.flip ? w - 1 - x : x);
      const inside = rowInside && sx >= 0 && sx < sw; // outside: the zero padding
      const at = (sy * sw + sx) * c;
      for (let k = 0; k < c; k++) {
        // float32 rounding where the pure functions store into a Float32Array
        let val = inside ? f32(bytes[at + k] / 255) : 0;
        if (shift) val = f32(val + shift[k]);
        const r = (val - mean[k]) / std[k];
        out[o++] = r;
        if (widen) {
          out[o++] = r;
          out[o++] = r;
        }
      }
    }
  }
}
