// The effective training configuration: the spec's `train:` block with every default filled in
// and the command line's overrides applied. Pure; saved as the run folder's config.json.
import type { Diagnostic, Location } from '../../model/diagnostic.ts';
import type { AugmentSpec, DatasetSpec, InitScheme, OptimizerSpec, ScheduleSpec, TrainSpec } from '../../model/spec.ts';
import { TRAIN_DEFAULTS } from '../../model/recipe.ts';
import type { LoopConfig } from './loop.ts';

export interface TrainConfig extends LoopConfig {
  /** The model's name (from its spec). */
  model: string;
  /** The spec file the run started from. */
  spec: string;
  dataset: DatasetSpec;
  /** --data: the dataset's folder (absolute), overriding dataset.path and the usual places. */
  data?: string;
  augment: AugmentSpec;
  normalize: NonNullable<TrainSpec['normalize']>;
  /** Fraction of the training split held out for validation; 0: validate on the test split. */
  validationSplit: number;
  /** Weight initialiser for every conv2d and dense layer; default: the spec's. */
  init?: InitScheme;
  /** ImageFolder: leave corrupt images out and count them ('skip'), or stop naming the file ('error', default). */
  onBadImage?: 'skip' | 'error';
  /** The precision asked for (--precision, else train.precision, else auto); what runs is decided at start (backends/precision.ts). */
  precision?: NonNullable<TrainSpec['precision']>;
}

/** What the command line can change. */
export interface Overrides {
  data?: string;
  epochs?: number;
  stepsPerEpoch?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: OptimizerSpec['type'];
  momentum?: number;
  weightDecay?: number;
  schedule?: ScheduleSpec['type'];
  seed?: number;
  valSteps?: number;
  checkpointEvery?: number;
  init?: InitScheme;
  onBadImage?: 'skip' | 'error';
  precision?: NonNullable<TrainSpec['precision']>;
}

/** The paper's recipe (§5) where a spec says nothing. */
export const DEFAULTS = TRAIN_DEFAULTS;

/** Switching optimizer keeps the learning rate and weight decay; other settings take their defaults. */
function optimizerFor(base: OptimizerSpec, o: Overrides): OptimizerSpec {
  const type = o.optimizer ?? base.type;
  const lr = o.lr ?? base.lr;
  const weightDecay = o.weightDecay ?? base.weightDecay;
  const same = type === base.type;
  if (type === 'sgd') {
    const s = same ? (base as Extract<OptimizerSpec, { type: 'sgd' }>) : undefined;
    return { type, lr, momentum: o.momentum ?? s?.momentum ?? 0.9, weightDecay: weightDecay ?? 0, ...(s?.nesterov ? { nesterov: true } : {}) };
  }
  const a = same ? (base as Extract<OptimizerSpec, { type: 'adam' }>) : undefined;
  return { type, lr, beta1: a?.beta1 ?? 0.9, beta2: a?.beta2 ?? 0.999, epsilon: a?.epsilon ?? 1e-8, weightDecay: weightDecay ?? 0 };
}

function scheduleFor(base: ScheduleSpec, type: ScheduleSpec['type'] | undefined, epochs: number): ScheduleSpec {
  if (!type || type === base.type) return base;
  switch (type) {
    case 'constant':
      return { type };
    case 'step':
      return { type, stepSize: Math.max(1, Math.floor(epochs / 3)), gamma: 0.1 };
    case 'plateau':
      return { type, factor: 0.1, patience: 1 };
    case 'cosine':
      return { type };
  }
}

export type ConfigResult = { ok: true; config: TrainConfig } | { ok: false; diagnostic: Diagnostic };

const invalid = (message: string, help: string, location?: Location): ConfigResult =>
  ({ ok: false, diagnostic: { severity: 'error', code: 'NS0404', message, help, ...(location ? { location } : {}) } });

export function resolveConfig(train: TrainSpec, o: Overrides, model: string, spec: string): ConfigResult {
  if (!train.dataset) {
    return invalid('the spec has no `train.dataset`, so there is nothing to train on', 'add e.g. `train: { dataset: { kind: fashion-mnist } }`', { file: spec, path: [] });
  }
  const epochs = o.epochs ?? train.epochs ?? DEFAULTS.epochs;
  const config: TrainConfig = {
    model,
    spec,
    dataset: train.dataset,
    ...(o.data !== undefined ? { data: o.data } : {}),
    batchSize: o.batchSize ?? train.batchSize ?? DEFAULTS.batchSize,
    epochs,
    ...((o.stepsPerEpoch ?? train.stepsPerEpoch) !== undefined ? { stepsPerEpoch: o.stepsPerEpoch ?? train.stepsPerEpoch } : {}),
    ...(o.valSteps !== undefined ? { valSteps: o.valSteps } : {}),
    optimizer: optimizerFor(train.optimizer ?? DEFAULTS.optimizer, o),
    schedule: scheduleFor(train.schedule ?? DEFAULTS.schedule, o.schedule, epochs),
    seed: o.seed ?? train.seed ?? DEFAULTS.seed,
    checkpointEvery: o.checkpointEvery ?? train.checkpointEvery ?? DEFAULTS.checkpointEvery,
    augment: train.augment ?? {},
    normalize: train.normalize ?? 'dataset',
    validationSplit: train.validationSplit ?? 0,
    ...(o.init ? { init: o.init } : {}),
    ...(o.onBadImage ? { onBadImage: o.onBadImage } : {}),
    precision: o.precision ?? train.precision ?? 'auto',
  };
  if (config.schedule.type === 'step' && !(config.schedule.stepSize >= 1)) {
    return invalid(`\`train.schedule.stepSize\` must be at least 1; received ${config.schedule.stepSize}`, 'set a step size in epochs, e.g. `stepSize: 30`',
      { file: spec, path: ['train', 'schedule', 'stepSize'] });
  }
  if (!(config.optimizer.lr > 0)) {
    return invalid(`the learning rate must be positive; received ${config.optimizer.lr}`, o.lr !== undefined ? 'pass a positive --lr' : 'set a positive `train.optimizer.lr`',
      o.lr !== undefined ? undefined : { file: spec, path: ['train', 'optimizer', 'lr'] });
  }
  return { ok: true, config };
}

/** The command-line names of the overrides (for messages). */
export const optionName = (k: keyof Overrides): string => `--${k === 'batchSize' ? 'batch' : k === 'onBadImage' ? 'bad-images' : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The saved value an override would change (undefined: not set in the run). */
function savedValue(c: TrainConfig, k: keyof Overrides): unknown {
  const opt = c.optimizer as Partial<Record<string, unknown>>;
  switch (k) {
    case 'lr': return c.optimizer.lr;
    case 'optimizer': return c.optimizer.type;
    case 'momentum': return opt.momentum;
    case 'weightDecay': return opt.weightDecay;
    case 'schedule': return c.schedule.type;
    case 'onBadImage': return c.onBadImage ?? 'error';
    case 'precision': return c.precision ?? 'auto'; // runs from before train.precision asked for auto
    case 'data': return c.data ?? c.dataset.path; // --data, else the spec's train.dataset.path
    default: return (c as unknown as Record<string, unknown>)[k];
  }
}

/**
 * Options given with --resume that differ from the run's saved configuration. A resumed run keeps
 * its configuration, so only --epochs may change; repeating a saved value is harmless and accepted.
 */
export function resumeConflicts(saved: TrainConfig, o: Overrides): { option: string; saved: unknown; given: unknown }[] {
  return (Object.keys(o) as (keyof Overrides)[])
    .filter((k) => k !== 'epochs' && o[k] !== undefined && o[k] !== savedValue(saved, k))
    .map((k) => ({ option: optionName(k), saved: savedValue(saved, k), given: o[k] }));
}
