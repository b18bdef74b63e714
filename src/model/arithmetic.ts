// Output-size arithmetic of the core, read by the layer kinds and the runtime layers. Pure.
// Sizes may come out below 1; callers decide whether that is an error.

export type Rounding = 'floor' | 'ceil';
/** [top, bottom, left, right]. */
export type Pad4 = [number, number, number, number];

/** A number for both sides, or [h, w]. */
export const pair = (p: number | [number, number] | undefined, d: number): [number, number] =>
  p === undefined ? [d, d] : typeof p === 'number' ? [p, p] : [p[0], p[1]];

/** Explicit [top, bottom, left, right] from the spec's padding; `same` as TensorFlow (extra row/column after). */
export function explicitPad(
  p: number | [number, number] | 'same' | 'valid' | undefined, hw: [number, number], k: [number, number], s: [number, number], d: [number, number],
): Pad4 {
  if (p === undefined || p === 'valid') return [0, 0, 0, 0];
  if (p === 'same') {
    const total = (i: 0 | 1) => Math.max((Math.ceil(hw[i] / s[i]) - 1) * s[i] + (k[i] - 1) * d[i] + 1 - hw[i], 0);
    const th = total(0);
    const tw = total(1);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  if (typeof p === 'number') return [p, p, p, p];
  return [p[0], p[0], p[1], p[1]];
}

/** One spatial dimension of a convolution (PyTorch / tf 'valid' on the padded input). */
export function convOutputSize(
  inSize: number, k: number, s: number, padBefore: number, padAfter: number, dilation = 1,
): number {
  return Math.floor((inSize + padBefore + padAfter - dilation * (k - 1) - 1) / s) + 1;
}

/**
 * One spatial dimension of a pooling. `ceil` is the Caffe / PyTorch ceil_mode rule: round up,
 * but drop a last window that would start in the after-padding (or beyond).
 */
export function poolOutputSize(
  inSize: number, k: number, s: number, padBefore: number, padAfter: number, rounding: Rounding,
): number {
  const span = inSize + padBefore + padAfter - k;
  if (rounding === 'floor') return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= inSize + padBefore) out -= 1;
  return out;
}

/**
 * How far the last pooling window reaches past the padded input (ceil mode only): the extra
 * rows/columns to append so that a 'valid' pool yields `outSize` windows.
 */
export function poolOverhang(inSize: number, k: number, s: number, padBefore: number, padAfter: number, outSize: number): number {
  return Math.max(0, (outSize - 1) * s + k - (inSize + padBefore + padAfter));
}

/**
 * Elements of each pooling window that lie inside the padded input (count_include_pad: explicit
 * padding counts, the ceil overhang does not), for one dimension.
 */
export function poolWindowCounts(inSize: number, k: number, s: number, padBefore: number, padAfter: number, outSize: number): number[] {
  const end = inSize + padBefore + padAfter;
  return Array.from({ length: outSize }, (_, i) => Math.min(i * s + k, end) - i * s);
}

/** PyTorch adaptive pooling: output i of O over I covers [floor(i*I/O), ceil((i+1)*I/O)). */
export function adaptiveWindows(inSize: number, outSize: number): [number, number][] {
  return Array.from({ length: outSize }, (_, i): [number, number] =>
    [Math.floor((i * inSize) / outSize), Math.ceil(((i + 1) * inSize) / outSize)]);
}

export interface Conv2DGeometry {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  pad: Pad4;
  dilation: [number, number];
}

/** HWC → HWC for a 2-D convolution (no batch). */
export function conv2dOutputShape(input: [number, number, number], g: Conv2DGeometry): [number, number, number] {
  const [h, w] = input;
  const [t, b, l, r] = g.pad;
  return [
    convOutputSize(h, g.kernelSize[0], g.strides[0], t, b, g.dilation[0]),
    convOutputSize(w, g.kernelSize[1], g.strides[1], l, r, g.dilation[1]),
    g.filters,
  ];
}

/** Weights of a grouped convolution, counted as PyTorch does. */
export function conv2dParamCount(inChannels: number, kernelSize: [number, number], filters: number, groups: number, useBias: boolean): number {
  return kernelSize[0] * kernelSize[1] * (inChannels / groups) * filters + (useBias ? filters : 0);
}

export interface Pool2DGeometry {
  poolSize: [number, number];
  strides: [number, number];
  pad: Pad4;
  rounding: Rounding;
}

/** HWC → HWC for a 2-D pooling (no batch). */
export function pool2dOutputShape(input: [number, number, number], g: Pool2DGeometry): [number, number, number] {
  const [h, w, c] = input;
  const [t, b, l, r] = g.pad;
  return [
    poolOutputSize(h, g.poolSize[0], g.strides[0], t, b, g.rounding),
    poolOutputSize(w, g.poolSize[1], g.strides[1], l, r, g.rounding),
    c,
  ];
}
