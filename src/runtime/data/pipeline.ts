// Batches for training and evaluation. The order of an epoch is a permutation fixed by (seed,
// epoch), and each example's augmentation by (seed, epoch, example index), so batch k of an epoch
// is the same whether the epoch starts at 0 or resumes at k. Batches are prepared ahead in a
// bounded queue: memory grows with prefetch × batch size, never with the dataset.

import type { Normalization } from './augment.ts';
import { DataError } from './errors.ts';
import { limiter } from './limit.ts';
import { permutation, rngFor, STREAM } from './rng.ts';
import type { Split } from './split.ts';
import type { ResolvedAugment } from './transforms.ts';
import { drawTrainParams, evalParams, writeView, type Shape3 } from './view.ts';

export type { Shape3 } from './view.ts';

export interface Batch {
  /** size × crops × H × W × C, example-major (an example's ten crops are adjacent). */
  x: Float32Array;
  y: Int32Array;
  /** Examples in this batch: batchSize, fewer in the last one or when corrupt images were skipped. */
  size: number;
  /** Batch number within the epoch. */
  index: number;
  /** Views per example: 10 with tenCrop, else 1. */
  crops: number;
  /** Dataset indices of the examples, in batch order. */
  indices: Uint32Array;
}

/** Counters a test (or a progress display) can watch. */
export interface PipelineMonitor {
  /** Batches started and not yet handed to the consumer. */
  inFlight: number;
  maxInFlight: number;
  /** image() calls running. */
  decoding: number;
  maxDecoding: number;
}

export const newMonitor = (): PipelineMonitor => ({ inFlight: 0, maxInFlight: 0, decoding: 0, maxDecoding: 0 });

export interface BatchOptions {
  split: Split;
  batchSize: number;
  epoch: number;
  seed: number;
  shuffle: boolean;
  /** First batch to produce (resume); default 0. */
  startBatch?: number;
  /** Batches in the epoch (train.stepsPerEpoch); capped at epochSize. Default: the whole epoch. */
  steps?: number;
  /** The model's input [h, w, c]. */
  inputShape: Shape3;
  augment: ResolvedAugment;
  normalize: Normalization;
  /** true: random augmentation; false: centre crop (or ten-crop), no randomness. */
  train: boolean;
  /** Evaluation only: the paper's ten crops per example. */
  tenCrop?: boolean;
  /** Batches prepared ahead of the consumer; default 2, at least 1. */
  prefetch?: number;
  /** image() calls in flight at once (lazily decoded splits); default 4. */
  concurrency?: number;
  /** Leave out a last partial batch; default false. */
  dropLast?: boolean;
  monitor?: PipelineMonitor;
}

export const epochSize = (split: Pick<Split, 'size'>, batchSize: number, dropLast = false): number =>
  dropLast ? Math.floor(split.size / batchSize) : Math.ceil(split.size / batchSize);

/** The example order of an epoch. */
export const epochOrder = (size: number, seed: number, epoch: number, shuffle: boolean): Uint32Array =>
  shuffle ? permutation(size, rngFor(seed, epoch, 0, STREAM.shuffle)) : Uint32Array.from({ length: size }, (_, i) => i);

/**
 * Checks that the dataset's images can feed the model's input; throws DataError otherwise.
 * Allowed: equal channels or 1 → 3 (gray repeated); images (after padding) at least as large as the input.
 */
export function checkShapes(data: Shape3, input: Shape3, padding: number): void {
  const [h, w, c] = data;
  const [ih, iw, ic] = input;
  if (c !== ic && !(c === 1 && ic === 3)) {
    throw new DataError('train.dataset', `the images have ${c} channels but the model input has ${ic}`, {
      help: `set the model's input shape to [${ih}, ${iw}, ${c}]`,
    });
  }
  if (h + 2 * padding < ih || w + 2 * padding < iw) {
    const padded = padding ? ` (${h + 2 * padding}×${w + 2 * padding} after padding by ${padding})` : '';
    throw new DataError('train.dataset', `the images are ${h}×${w}${padded}, smaller than the model input ${ih}×${iw}`, {
      help: `use a model whose input fits ${h}×${w} images, set train.augment.crop.padding, or (ImageFolder) raise train.dataset.resize`,
    });
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((go) => setImmediate(go));

export async function* batches(opts: BatchOptions): AsyncGenerator<Batch> {
  const { split, batchSize, epoch, seed, inputShape, augment, train } = opts;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  checkShapes(split.shape, inputShape, augment.crop ? augment.crop.padding : 0);
  const crops = !train && opts.tenCrop ? 10 : 1;
  const order = epochOrder(split.size, seed, epoch, opts.shuffle);
  const end = Math.min(epochSize(split, batchSize, opts.dropLast), opts.steps ?? Infinity);
  const prefetch = Math.max(1, opts.prefetch ?? 2);
  const mon = opts.monitor ?? newMonitor();
  const limit = limiter(opts.concurrency ?? 4);
  const viewSize = inputShape[0] * inputShape[1] * inputShape[2];
  const padding = augment.crop ? augment.crop.padding : 0;
  const evalViews = evalParams(split.shape, inputShape, padding, crops === 10);

  const load = (i: number) =>
    limit(async () => {
      mon.decoding++;
      mon.maxDecoding = Math.max(mon.maxDecoding, mon.decoding);
      try {
        return await split.image(i);
      } finally {
        mon.decoding--;
      }
    });

  const build = async (k: number): Promise<Batch> => {
    const ids = order.subarray(k * batchSize, Math.min((k + 1) * batchSize, split.size));
    const images = await Promise.all(Array.from(ids, load));
    const kept = ids.filter((_, j) => images[j] !== null);
    const x = new Float32Array(kept.length * crops * viewSize);
    const y = new Int32Array(kept.length);
    let at = 0;
    let since = Date.now();
    for (let j = 0; j < ids.length; j++) {
      const bytes = images[j];
      if (!bytes) continue;
      const i = ids[j];
      const views = train ? [drawTrainParams(split.shape, inputShape, augment, rngFor(seed, epoch, i))] : evalViews;
      views.forEach((v, m) => writeView(bytes, split.shape, inputShape, padding, v, opts.normalize, x, (at * crops + m) * viewSize));
      y[at++] = split.label(i);
      // Augmenting is synchronous JS: let the trainer's pending work run between examples.
      if (Date.now() - since > 10) {
        await yieldToEventLoop();
        since = Date.now();
      }
    }
    return { x, y, size: kept.length, index: k, crops, indices: Uint32Array.from(kept) };
  };

  const queue: Promise<Batch>[] = [];
  let next = opts.startBatch ?? 0;
  const fill = () => {
    while (queue.length < prefetch && next < end) {
      const p = build(next++);
      p.catch(() => {}); // awaited in order below; this only keeps an early failure from being "unhandled"
      queue.push(p);
      mon.inFlight++;
      mon.maxInFlight = Math.max(mon.maxInFlight, mon.inFlight);
    }
  };
  try {
    fill();
    while (queue.length > 0) {
      const pending = queue.shift()!;
      let batch: Batch;
      try {
        batch = await pending;
      } finally {
        mon.inFlight--;
      }
      fill();
      yield batch;
    }
  } finally {
    // Consumer stopped early (or a batch failed): the rest of the queue is abandoned.
    mon.inFlight -= queue.length;
  }
}
