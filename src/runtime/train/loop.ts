// The training loop: cross-entropy on the softmax outputs, gradients by tf.variableGrads, our own
// optimizer, a validation pass per epoch, metrics and checkpoints in the run folder.
//
// Resuming gives the same numbers as never stopping, because everything a step depends on is
// either in the checkpoint (weights, optimizer buffers, schedule state, the epoch's running sums)
// or a function of (seed, epoch, batch index): the data order and augmentation (the data pipeline's
// design) and dropout, whose masks tfjs draws from Math.random — so each step runs with Math.random
// replaced by a generator keyed on (seed, epoch, batch), restored when the step returns. A step is
// synchronous from start to end, so nothing else can observe the replacement.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { takeDeviceError } from '../backends/device-errors.ts';
import type { OptimizerSpec, ScheduleSpec } from '../../model/spec.ts';
import { epochSize, batches, type Normalization, type ResolvedAugment, type Split, type Batch } from '../data/index.ts';
import { rngFromKeys } from '../data/rng.ts';
import { writeFileAtomic, type WriteOptions } from '../../io/write-atomic.ts';
import { saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { evaluate } from './evaluate.ts';
import { applyForTraining } from './forward.ts';
import { crossEntropy, errorCounts } from './metrics.ts';
import { createOptimizer, type Optimizer } from './optimizer.ts';
import { afterEpoch, initialScheduleState, learningRate, type ScheduleState } from './schedule.ts';
import type { Reporter } from './progress.ts';

/** The loop's share of the effective training configuration. */
export interface LoopConfig {
  batchSize: number;
  epochs: number;
  /** Batches per epoch; default (and at most) the whole training split. */
  stepsPerEpoch?: number;
  /** Validation batches per epoch; default the whole validation split. */
  valSteps?: number;
  optimizer: OptimizerSpec;
  schedule: ScheduleSpec;
  seed: number;
  /** Also checkpoint every N updates (0: only at the end of each epoch). */
  checkpointEvery: number;
}

/** One line of metrics.jsonl. Errors are fractions in [0, 1]; validation fields are null without a validation split. */
export interface EpochMetrics {
  /** Epochs completed (1 for the first). */
  epoch: number;
  /** Updates applied so far. */
  step: number;
  trainLoss: number;
  /** Running top-1 error on the training batches (with dropout and augmentation on). */
  trainTop1Error: number;
  valLoss: number | null;
  valTop1Error: number | null;
  valTop5Error: number | null;
  lr: number;
  images: number;
  /** Training images per second (the validation pass not counted). */
  imagesPerSec: number;
  /** Wall time of the epoch, validation included. */
  seconds: number;
}

/** Where a run stands: enough to continue it exactly. */
export interface Progress {
  /** The epoch (0-based) of the next batch. */
  epoch: number;
  /** The index, within that epoch, of the next batch. */
  step: number;
  globalStep: number;
  /** Sums over the current epoch's batches so far. */
  running: { loss: number; errors: number; images: number; seconds: number };
  metrics: EpochMetrics[];
  schedule: ScheduleState;
}

export interface CheckpointMeta<Extra = unknown> {
  progress: Progress;
  seed: number;
  /** The caller's own data (topology, config, transforms). */
  extra: Extra;
}

export interface TrainOptions {
  model: tf.LayersModel;
  train: Split;
  /** Validation split; none or empty: validation fields are null. */
  val?: Split;
  inputShape: [number, number, number];
  augment: ResolvedAugment;
  normalize: Normalization;
  config: LoopConfig;
  /** The run folder: metrics.jsonl and checkpoints/ go there. None: nothing is written. */
  runDir?: string;
  /** Continue from this checkpoint. */
  resume?: Checkpoint<CheckpointMeta>;
  /** Stored in every checkpoint's meta.extra. */
  extra?: unknown;
  /** Stop, as if killed (no checkpoint), once this many updates have been applied in total. */
  maxSteps?: number;
  reporter?: Reporter;
  /** Checkpoint write fault injection (tests). */
  writeOptions?: WriteOptions;
  /** Batches prepared ahead; default 2. */
  prefetch?: number;
  /** Called after each epoch's metrics are recorded (tests watch memory here). */
  onEpoch?: (m: EpochMetrics) => void;
  /** Called after each update with the epoch's running figures. */
  onStep?: (s: StepInfo) => void;
  /** Once aborted, the loop checkpoints where it stands after the current step and returns 'aborted'. */
  signal?: AbortSignal;
}

/** What `onStep` hears after each update: the epoch's running averages so far. */
export interface StepInfo {
  /** 0-based epoch and the number of batches done in it. */
  epoch: number;
  step: number;
  globalStep: number;
  loss: number;
  top1Error: number;
  imagesPerSec: number;
}

export type TrainOutcome = {
  /** stopped: maxSteps reached, no checkpoint; aborted: the signal fired, checkpointed where it stood. */
  status: 'completed' | 'stopped' | 'aborted' | 'diverged' | 'failed';
  /** Why the run diverged or failed, and its catalogued code. */
  error?: string;
  code?: 'NS0401' | 'NS0406' | 'NS0407' | 'NS0408';
  metrics: EpochMetrics[];
  globalStep: number;
  /** The last checkpoint written (or resumed from). */
  checkpoint?: string;
};

/** Stream tag of dropout's generators, apart from the data pipeline's (0–3). */
const DROPOUT_STREAM = 16;

/** Runs `f` with Math.random drawing from a generator keyed by `keys`; restores it afterwards. */
export function withSeededRandom<T>(keys: number[], f: () => T): T {
  const saved = Math.random;
  const rng = rngFromKeys(keys);
  Math.random = () => rng.float();
  try {
    return f();
  } finally {
    Math.random = saved;
  }
}

export const stepsInEpoch = (train: Split, cfg: Pick<LoopConfig, 'batchSize' | 'stepsPerEpoch'>): number =>
  Math.min(epochSize(train, cfg.batchSize), cfg.stepsPerEpoch ?? Infinity);

export const checkpointDir = (runDir: string): string => path.join(runDir, 'checkpoints');
export const metricsFile = (runDir: string): string => path.join(runDir, 'metrics.jsonl');

const freshProgress = (cfg: LoopConfig): Progress => ({
  epoch: 0,
  step: 0,
  globalStep: 0,
  running: { loss: 0, errors: 0, images: 0, seconds: 0 },
  metrics: [],
  schedule: initialScheduleState(cfg.schedule, cfg.optimizer.lr),
});

/** The model's weights as checkpoint tensors (names are the stable, un-uniquified ones). */
export const modelWeights = (model: tf.LayersModel) =>
  Promise.all(model.weights.map(async (w) => ({ name: w.originalName, shape: w.shape.slice() as number[], values: Float32Array.from((await w.read().data()) as Float32Array) })));

/** Sets the model's weights from a checkpoint; an error message when they do not fit. */
export function restoreWeights(model: tf.LayersModel, weights: Checkpoint['weights']): string | undefined {
  if (weights.length !== model.weights.length) return `the checkpoint has ${weights.length} weight tensors, the model ${model.weights.length}`;
  for (const [i, w] of model.weights.entries()) {
    const c = weights[i];
    if (c.shape.join('x') !== w.shape.join('x')) return `weight ${w.originalName}: checkpoint shape [${c.shape}] differs from the model's [${w.shape}]`;
  }
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return undefined;
}

export async function train(opts: TrainOptions): Promise<TrainOutcome> {
  const variables = opts.model.trainableWeights.map((v) => v.read() as tf.Variable);
  const optimizer = createOptimizer(opts.config.optimizer, variables);
  try {
    return await trainWith(opts, variables, optimizer);
  } finally {
    opts.reporter?.close();
    optimizer.dispose();
  }
}

async function trainWith(opts: TrainOptions, variables: tf.Variable[], optimizer: Optimizer): Promise<TrainOutcome> {
  const { model, config: cfg } = opts;
  const [h, w, c] = opts.inputShape;
  const steps = stepsInEpoch(opts.train, cfg);
  const ckDir = opts.runDir && checkpointDir(opts.runDir);
  let progress = freshProgress(cfg);
  let lastCheckpoint: string | undefined;
  const outcome = (status: TrainOutcome['status'], error?: string, code?: TrainOutcome['code']): TrainOutcome => ({
    status,
    ...(error ? { error, code } : {}),
    metrics: progress.metrics,
    globalStep: progress.globalStep,
    checkpoint: lastCheckpoint,
  });
  if (steps === 0) return outcome('failed', 'the training split is empty', 'NS0401');

  if (opts.resume) {
    const meta = opts.resume.meta;
    const bad = restoreWeights(model, opts.resume.weights);
    if (bad) return outcome('failed', `cannot resume: ${bad}`, 'NS0407');
    try {
      optimizer.restore(opts.resume.optimizer);
    } catch (e) {
      return outcome('failed', `cannot resume: ${(e as Error).message}`, 'NS0407');
    }
    progress = structuredClone(meta.progress);
    if (opts.runDir) {
      // The checkpoint's metrics are the truth: a line appended after it was written is dropped.
      const text = progress.metrics.map((m) => `${JSON.stringify(m)}\n`).join('');
      const r = writeFileAtomic(metricsFile(opts.runDir), Buffer.from(text));
      if (!r.ok) return outcome('failed', r.error, 'NS0406');
    }
  }

  const checkpoint = async (): Promise<string | undefined> => {
    if (!ckDir) return undefined;
    const weights = await modelWeights(model);
    for (const wt of weights) {
      if (!wt.values.every(Number.isFinite)) return `weight ${wt.name} is no longer finite after step ${progress.globalStep}; not checkpointing it`;
    }
    const meta: CheckpointMeta = { progress, seed: cfg.seed, extra: opts.extra ?? null };
    const r = saveCheckpoint(ckDir, progress.globalStep, { weights, optimizer: await optimizer.state(), meta }, opts.writeOptions);
    if (!r.ok) return r.error;
    lastCheckpoint = r.value;
    return undefined;
  };

  const trainStep = async (batch: Batch, lr: number): Promise<{ loss: number; errors: number }> => {
    const x = tf.tensor4d(batch.x, [batch.size, h, w, c]);
    const y = tf.tensor1d(batch.y, 'int32');
    let probs: tf.Tensor2D | undefined;
    try {
      const { value, grads } = withSeededRandom([DROPOUT_STREAM, cfg.seed, progress.epoch, batch.index], () =>
        tf.variableGrads(() => {
          const p = applyForTraining(model, x) as tf.Tensor2D;
          probs = tf.keep(p);
          return crossEntropy(p, y);
        }, variables),
      );
      const loss = (await value.data())[0];
      const ordered = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
      // A non-finite loss leaves the weights as they were: the last checkpoint stays good.
      if (Number.isFinite(loss)) optimizer.apply(ordered, lr);
      const errors = Number.isFinite(loss) ? (await errorCounts(probs!, batch.y)).top1 : NaN;
      tf.dispose([value, ...ordered]);
      return { loss, errors };
    } finally {
      tf.dispose([x, y, ...(probs ? [probs] : [])]);
    }
  };

  while (progress.epoch < cfg.epochs) {
    const epoch = progress.epoch;
    const lr = learningRate(cfg.schedule, cfg.optimizer.lr, epoch, cfg.epochs, progress.schedule);
    opts.reporter?.epochStart({ epoch, epochs: cfg.epochs, steps, startStep: progress.step, lr });
    let mark = performance.now();
    const source = batches({
      split: opts.train,
      batchSize: cfg.batchSize,
      epoch,
      seed: cfg.seed,
      shuffle: true,
      startBatch: progress.step,
      steps,
      inputShape: opts.inputShape,
      augment: opts.augment,
      normalize: opts.normalize,
      train: true,
      prefetch: opts.prefetch,
    });
    for await (const batch of source) {
      if (batch.size === 0) continue;
      const { loss, errors } = await trainStep(batch, lr);
      const deviceError = takeDeviceError();
      if (deviceError) {
        return outcome(
          'failed',
          `the device reported an error at step ${progress.globalStep + 1} (epoch ${epoch + 1}): ${deviceError}; ` +
            `stopped before using its results${lastCheckpoint ? `, the last good checkpoint is ${lastCheckpoint}` : ''}`,
          'NS0408',
        );
      }
      if (!Number.isFinite(loss)) {
        return outcome(
          'diverged',
          `the loss became ${loss} at step ${progress.globalStep + 1} (epoch ${epoch + 1}, batch ${batch.index + 1} of ${steps}); ` +
            `stopped${lastCheckpoint ? `, the last good checkpoint is ${lastCheckpoint}` : ''}. Try a lower learning rate.`,
          'NS0408',
        );
      }
      const r = progress.running;
      r.loss += loss * batch.size;
      r.errors += errors;
      r.images += batch.size;
      const now = performance.now();
      r.seconds += (now - mark) / 1000;
      mark = now;
      progress.step = batch.index + 1;
      progress.globalStep++;
      const running = { loss: r.loss / r.images, top1Error: r.errors / r.images, imagesPerSec: r.images / r.seconds };
      opts.reporter?.step({ step: progress.step, ...running });
      opts.onStep?.({ epoch, step: progress.step, globalStep: progress.globalStep, ...running });
      // A step on a synchronous backend (cpu, netspec-cpu) never leaves the microtask queue, so a
      // Ctrl-C handler (a macrotask) would only run after the whole run: let it in between steps.
      if (opts.signal) await new Promise((resolve) => setImmediate(resolve));
      if (opts.signal?.aborted) {
        const err = await checkpoint();
        return err ? outcome('failed', err, 'NS0407') : outcome('aborted');
      }
      if (cfg.checkpointEvery > 0 && progress.globalStep % cfg.checkpointEvery === 0 && progress.step < steps) {
        const err = await checkpoint();
        if (err) return outcome('failed', err, 'NS0407');
        mark = performance.now(); // checkpoint time is not training time
      }
      if (opts.maxSteps !== undefined && progress.globalStep >= opts.maxSteps) return outcome('stopped');
    }

    const valStart = performance.now();
    const val =
      opts.val && opts.val.size > 0
        ? await evaluate(model, {
            split: opts.val,
            batchSize: cfg.batchSize,
            inputShape: opts.inputShape,
            augment: opts.augment,
            normalize: opts.normalize,
            steps: cfg.valSteps,
            seed: cfg.seed,
          })
        : undefined;
    const r = progress.running;
    const metrics: EpochMetrics = {
      epoch: epoch + 1,
      step: progress.globalStep,
      trainLoss: r.loss / r.images,
      trainTop1Error: r.errors / r.images,
      valLoss: val ? val.loss : null,
      valTop1Error: val ? val.top1Error : null,
      valTop5Error: val ? val.top5Error : null,
      lr,
      images: r.images,
      imagesPerSec: r.images / r.seconds,
      seconds: r.seconds + (performance.now() - valStart) / 1000,
    };
    progress = {
      epoch: epoch + 1,
      step: 0,
      globalStep: progress.globalStep,
      running: { loss: 0, errors: 0, images: 0, seconds: 0 },
      metrics: [...progress.metrics, metrics],
      // Without a validation split the plateau rule watches the training error.
      schedule: afterEpoch(cfg.schedule, progress.schedule, metrics.valTop1Error ?? metrics.trainTop1Error),
    };
    opts.reporter?.epochEnd(metrics);
    if (opts.runDir) {
      try {
        fs.appendFileSync(metricsFile(opts.runDir), `${JSON.stringify(metrics)}\n`);
      } catch (e) {
        return outcome('failed', `could not append to ${metricsFile(opts.runDir)}: ${(e as Error).message}`, 'NS0406');
      }
    }
    const err = await checkpoint();
    if (err) return outcome('failed', err, 'NS0407');
    opts.onEpoch?.(metrics);
  }
  return outcome('completed');
}

