// Loss and top-1/top-5 error of a model over a split: the validation pass after each epoch and the
// `eval` command. No randomness: centre crops (or the paper's ten crops, averaged). The whole split
// in order, or with `steps` a fixed-seed random subset: the first N batches of a split sorted by
// class (ImageFolder's val) would all be one class.
import * as tf from '@tensorflow/tfjs';
import { batches, type Normalization, type ResolvedAugment, type Split } from '../data/index.ts';
import { crossEntropy, errorCounts } from './metrics.ts';

export interface EvalOptions {
  split: Split;
  batchSize: number;
  inputShape: [number, number, number];
  augment: ResolvedAugment;
  normalize: Normalization;
  /** Average the softmax outputs of the four corner and centre crops and their mirrors. */
  tenCrop?: boolean;
  /** Only N batches (a quick estimate), drawn as a random subset fixed by `seed`: the same every call. */
  steps?: number;
  /** Seed of that subset; default 0. */
  seed?: number;
}

export interface EvalResult {
  loss: number;
  top1Error: number;
  top5Error: number;
  images: number;
}

export async function evaluate(model: tf.LayersModel, opts: EvalOptions): Promise<EvalResult> {
  const [h, w, c] = opts.inputShape;
  let lossSum = 0;
  let top1 = 0;
  let top5 = 0;
  let images = 0;
  const source = batches({
    split: opts.split,
    batchSize: opts.batchSize,
    epoch: 0,
    seed: opts.seed ?? 0,
    // Shuffled only to pick the subset; a whole pass needs no shuffling.
    shuffle: opts.steps !== undefined && opts.steps * opts.batchSize < opts.split.size,
    steps: opts.steps,
    inputShape: opts.inputShape,
    augment: opts.augment,
    normalize: opts.normalize,
    train: false,
    tenCrop: opts.tenCrop,
  });
  for await (const batch of source) {
    if (batch.size === 0) continue;
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(batch.x, [batch.size * batch.crops, h, w, c]);
      const p = model.predict(x, { batchSize: opts.batchSize }) as tf.Tensor2D;
      return batch.crops === 1 ? p : (p.reshape([batch.size, batch.crops, -1]).mean(1) as tf.Tensor2D);
    });
    const labels = tf.tensor1d(batch.y, 'int32');
    const loss = crossEntropy(probs, labels);
    lossSum += (await loss.data())[0] * batch.size;
    const errs = await errorCounts(probs, batch.y);
    top1 += errs.top1;
    top5 += errs.top5;
    images += batch.size;
    tf.dispose([probs, labels, loss]);
  }
  return images ? { loss: lossSum / images, top1Error: top1 / images, top5Error: top5 / images, images } : { loss: NaN, top1Error: NaN, top5Error: NaN, images: 0 };
}
