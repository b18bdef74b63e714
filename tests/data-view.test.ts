// The fused writer must equal the composition of augment.ts's pure functions, draw for draw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  centerCrop,
  IMAGENET_EIGEN,
  normalize,
  pad,
  pcaColor,
  randomCrop,
  randomFlip,
  repeatChannels,
  sampleAlphas,
  tenCrop,
  toFloat,
  type Image,
  type Normalization,
} from '../src/runtime/data/augment.ts';
import { rngFromSeed, type Rng } from '../src/runtime/data/rng.ts';
import type { ResolvedAugment } from '../src/runtime/data/transforms.ts';
import { drawTrainParams, evalParams, writeView, type Shape3 } from '../src/runtime/data/view.ts';

function reference(bytes: Uint8Array, shape: Shape3, input: Shape3, aug: ResolvedAugment, norm: Normalization, rng: Rng): Image {
  let img = toFloat(bytes, shape);
  img = aug.crop ? randomCrop(pad(img, aug.crop.padding), input[0], input[1], rng) : centerCrop(img, input[0], input[1]);
  if (aug.flip) img = randomFlip(img, rng);
  if (aug.pca) img = pcaColor(img, sampleAlphas(rng, aug.pca.std), aug.pca.eigen);
  return repeatChannels(normalize(img, norm), input[2]);
}

const case_ = fc
  .record({
    h: fc.integer({ min: 1, max: 9 }),
    w: fc.integer({ min: 1, max: 9 }),
    gray: fc.boolean(),
    toRgb: fc.boolean(),
    padding: fc.integer({ min: 0, max: 3 }),
    crop: fc.boolean(),
    flip: fc.boolean(),
    pca: fc.boolean(),
    dh: fc.nat(),
    dw: fc.nat(),
    seed: fc.integer(),
    perChannel: fc.boolean(),
  })
  .map((r) => {
    const c = r.gray ? 1 : 3;
    const p = r.crop ? r.padding : 0;
    const shape: Shape3 = [r.h, r.w, c];
    const input: Shape3 = [1 + (r.dh % (r.h + 2 * p)), 1 + (r.dw % (r.w + 2 * p)), r.gray && r.toRgb ? 3 : c];
    const aug: ResolvedAugment = { crop: r.crop ? { padding: r.padding } : false, flip: r.flip, pca: r.pca ? { std: 0.3, eigen: IMAGENET_EIGEN } : null };
    const norm: Normalization = r.perChannel && c === 3 ? { mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3] } : { mean: [0.3], std: [0.7] };
    const rng = rngFromSeed(r.seed);
    const bytes = Uint8Array.from({ length: r.h * r.w * c }, () => rng.int(256));
    return { shape, input, aug, norm, bytes, seed: r.seed };
  });

describe('writeView', () => {
  it('training view = pad → random crop → flip → PCA → normalise → gray to RGB', () => {
    fc.assert(
      fc.property(case_, ({ shape, input, aug, norm, bytes, seed }) => {
        const n = input[0] * input[1] * input[2];
        const out = new Float32Array(n + 5).fill(-99);
        const params = drawTrainParams(shape, input, aug, rngFromSeed(seed));
        writeView(bytes, shape, input, aug.crop ? aug.crop.padding : 0, params, norm, out, 3);
        const ref = reference(bytes, shape, input, aug, norm, rngFromSeed(seed));
        expect(out.subarray(3, 3 + n)).toEqual(ref.data);
        expect([out[2], out[3 + n]]).toEqual([-99, -99]); // nothing written outside
      }),
      { numRuns: 300 },
    );
  });

  it('evaluation views = pad → centre crop or ten crops → normalise', () => {
    fc.assert(
      fc.property(case_, fc.boolean(), ({ shape, input, aug, norm, bytes }, ten) => {
        const p = aug.crop ? aug.crop.padding : 0;
        const padded = pad(toFloat(bytes, shape), p);
        const refs = ten ? tenCrop(padded, input[0], input[1]) : [centerCrop(padded, input[0], input[1])];
        const views = evalParams(shape, input, p, ten);
        expect(views.length).toBe(refs.length);
        views.forEach((v, i) => {
          const out = new Float32Array(input[0] * input[1] * input[2]);
          writeView(bytes, shape, input, p, v, norm, out, 0);
          expect(out).toEqual(repeatChannels(normalize(refs[i], norm), input[2]).data);
        });
      }),
      { numRuns: 200 },
    );
  });
});
