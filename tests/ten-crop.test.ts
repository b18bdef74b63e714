// Ten-crop evaluation against a hand computation: seven 5×5 grey images, a 3×3-input linear
// softmax model with fixed weights that prefer the left or the right columns (so mirroring
// matters), the ten views cut out by index here (not by the data pipeline), the softmax computed
// in float64 and averaged, then loss, top-1 and top-5 counted. evaluate() must agree.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { memorySplit, NO_AUGMENT, NO_NORMALIZATION } from '../src/runtime/data/index.ts';
import { evaluate } from '../src/runtime/train/evaluate.ts';
import { mulberry32 } from './test-utils.ts';

await tf.setBackend('cpu');

const N = 7, S = 5, H = 3, K = 3; // images, image side, crop side, classes
const rand = mulberry32(11);
const bytes = Uint8Array.from({ length: N * S * S }, () => Math.floor(rand() * 256));
const labels = Uint8Array.from({ length: N }, (_, i) => i % K);
// Class 0 likes the left column, class 1 the right one, class 2 the centre pixel; plus biases.
const W: number[][] = Array.from({ length: H * H }, (_, p) => {
  const [y, x] = [Math.floor(p / H), p % H];
  return [x === 0 ? 3 : -1, x === H - 1 ? 3 : -1, y === 1 && x === 1 ? 4 : 0.5];
});
const B = [0.1, -0.2, 0.05];

/** The H×H view at (top, left), mirrored or not, as [0, 1] values (row-major). */
function view(img: number, top: number, left: number, flip: boolean): number[] {
  const out: number[] = [];
  for (let y = 0; y < H; y++) for (let x = 0; x < H; x++) out.push(bytes[img * S * S + (top + y) * S + left + (flip ? H - 1 - x : x)] / 255);
  return out;
}
function softmax(x: number[]): number[] {
  const logits = Array.from({ length: K }, (_, k) => B[k] + x.reduce((s, v, p) => s + v * W[p][k], 0));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
function expected(tenCrop: boolean): { loss: number; top1Error: number; top5Error: number } {
  const c = (S - H) / 2, far = S - H;
  const corners: [number, number][] = tenCrop ? [[0, 0], [0, far], [far, 0], [far, far], [c, c]] : [[c, c]];
  let loss = 0, wrong = 0;
  for (let i = 0; i < N; i++) {
    const views = [false, ...(tenCrop ? [true] : [])].flatMap((flip) => corners.map(([t, l]) => softmax(view(i, t, l, flip))));
    const avg = Array.from({ length: K }, (_, k) => views.reduce((s, p) => s + p[k], 0) / views.length);
    loss -= Math.log(avg[labels[i]]);
    if (avg.indexOf(Math.max(...avg)) !== labels[i]) wrong++;
  }
  return { loss: loss / N, top1Error: wrong / N, top5Error: 0 };
}

function model(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [H, H, 1] }), tf.layers.dense({ units: K, activation: 'softmax' })] });
  m.layers[1].setWeights([tf.tensor2d(W), tf.tensor1d(B)]);
  return m;
}

describe('evaluate with ten crops', () => {
  const split = memorySplit(bytes, labels, [S, S, 1]);
  const run = (tenCrop: boolean, batchSize: number) =>
    evaluate(model(), { split, batchSize, inputShape: [H, H, 1], augment: NO_AUGMENT, normalize: NO_NORMALIZATION, tenCrop });

  it.each([1, 3, 7])('averages the softmax of the ten views as computed by hand (batch %d)', async (batchSize) => {
    const want = expected(true);
    const got = await run(true, batchSize);
    expect(got.images).toBe(N);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expect(got.top1Error).toBe(want.top1Error);
    expect(got.top5Error).toBe(want.top5Error);
  });

  it('the centre crop alone is the hand-computed centre view', async () => {
    const want = expected(false);
    const got = await run(false, 3);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expect(got.top1Error).toBe(want.top1Error);
  });

  it('the data tell the two apart (else the tests above could not)', () => {
    expect(Math.abs(expected(true).loss - expected(false).loss)).toBeGreaterThan(0.01);
  });
});
