// The spec language as TypeScript types: what a models/*.yaml document holds once it has
// passed schema/model.schema.json. The schema is the source of truth for users (descriptions,
// defaults, examples); these types mirror it. Each layer kind's fields live in its module
// under layers/. Shapes are HWC, no batch.

import type { InitScheme } from './fields.ts';
import type { Conv2DSpec } from './layers/conv2d.ts';
import type { LRNSpec } from './layers/lrn.ts';
import type { Pool2DSpec } from './layers/pool.ts';
import type { DropoutSpec } from './layers/dropout.ts';
import type { FlattenSpec } from './layers/flatten.ts';
import type { DenseSpec } from './layers/dense.ts';
import type { ZeroPadSpec } from './layers/zeropad.ts';
import type { GlobalAvgPoolSpec } from './layers/global-avg-pool.ts';
import type { AdaptiveAvgPoolSpec } from './layers/adaptive-avg-pool.ts';
import type { ActivationSpec } from './layers/activation.ts';
import type { AddSpec } from './layers/add.ts';
import type { ConcatSpec } from './layers/concat.ts';
import type { BatchNormSpec } from './layers/batchnorm.ts';

export type { Activation, InitScheme, LayerBase, Padding2D, Pair } from './fields.ts';
export type {
  Conv2DSpec, LRNSpec, Pool2DSpec, DropoutSpec, FlattenSpec, DenseSpec, ZeroPadSpec, GlobalAvgPoolSpec,
  AdaptiveAvgPoolSpec, ActivationSpec, AddSpec, ConcatSpec, BatchNormSpec,
};

/** One layer of the spec; each kind's fields live in its module under layers/. */
export type LayerSpec =
  | Conv2DSpec
  | LRNSpec
  | Pool2DSpec
  | DropoutSpec
  | FlattenSpec
  | DenseSpec
  | ZeroPadSpec
  | GlobalAvgPoolSpec
  | AdaptiveAvgPoolSpec
  | ActivationSpec
  | AddSpec
  | ConcatSpec
  | BatchNormSpec;

export type LayerType = LayerSpec['type'];

/** A use of a reusable block: expands into the block's layers, named `<name>.<i>.<inner>` (see blocks). */
export interface BlockUseSpec {
  type: 'block';
  /** The use's name: the prefix of its layers' names. */
  name?: string;
  /** The block's input (one layer); default: the previous layer. */
  inputs?: string[];
  description?: string;
  /** The block's name in `blocks` (this file's or a parent's). */
  block: string;
  /** A value per parameter; inside a block they may be `$param` expressions. */
  args?: Record<string, number | boolean | string>;
  /** Instances in sequence, named `<name>.0`, `<name>.1` …; without it, one instance named `<name>`. */
  repeat?: number;
}

/** An entry of a `layers` list: a layer, or a block use that expands into layers. */
export type LayerEntry = LayerSpec | BlockUseSpec;

/** A block's parameter: its type and an optional default (and for strings, the values allowed). */
export interface BlockParamSpec {
  type: 'integer' | 'number' | 'boolean' | 'string';
  default?: number | boolean | string;
  enum?: string[];
  description?: string;
}

/**
 * A reusable block: parameters and layers. Inside, `input` is the block's input, `inputs` name the
 * block's own layers, a field may be a `$param` expression, and the last layer is the output.
 */
export interface BlockSpec {
  description?: string;
  params?: Record<string, BlockParamSpec>;
  /** Layers as in `layers`, their fields possibly `$param` expressions (checked once expanded). */
  layers: Record<string, unknown>[];
}

export interface InsertSpec {
  /** Insert after this layer (exactly one of after/before). */
  after?: string;
  before?: string;
  layers: LayerEntry[];
}

export interface ModelSpec {
  /** Model name; default: the file name without extension. */
  name?: string;
  description?: string;
  /** Path of the parent spec, relative to this file. */
  extends?: string;
  input?: { shape: [number, number, number] };
  classes?: number;
  /** Default weight initialiser for conv2d and dense layers. */
  init?: InitScheme;
  layers?: LayerEntry[];
  /** Reusable blocks by name; a variant may also use its parent's. */
  blocks?: Record<string, BlockSpec>;
  /** Variant edits, applied in this order: remove, override, insert. */
  remove?: string[];
  override?: Record<string, Partial<LayerSpec>>;
  insert?: InsertSpec[];
  train?: TrainSpec;
}

// ---- training (issue 3); every field overridable from the command line -------------------

export interface TrainSpec {
  dataset?: DatasetSpec;
  batchSize?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  optimizer?: OptimizerSpec;
  schedule?: ScheduleSpec;
  augment?: AugmentSpec;
  normalize?: { mean: number[]; std: number[] } | 'dataset' | 'none';
  seed?: number;
  /** Save a checkpoint every N steps as well as at each epoch end (0: only at epoch end). */
  checkpointEvery?: number;
  /** Fraction of training data held out for validation when the dataset has no separate split. */
  validationSplit?: number;
  /** Floating-point precision: auto (default; bf16 only where it can run), fp32, or bf16 (refused where it cannot). */
  precision?: 'auto' | 'fp32' | 'bf16';
}

export interface DatasetSpec {
  kind: 'mnist' | 'fashion-mnist' | 'cifar10' | 'cifar100' | 'imagefolder';
  /** Folder holding the files; default: looked up in the usual places. */
  path?: string;
  /** Resize ImageFolder images so the shorter side is this (the paper: 256). */
  resize?: number;
}

export type OptimizerSpec =
  | { type: 'sgd'; lr: number; momentum?: number; weightDecay?: number; nesterov?: boolean }
  | { type: 'adam'; lr: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number };

export type ScheduleSpec =
  | { type: 'constant' }
  | { type: 'step'; stepSize: number; gamma?: number }
  | { type: 'plateau'; factor?: number; patience?: number; minLr?: number }
  | { type: 'cosine'; minLr?: number; warmupEpochs?: number };

export interface AugmentSpec {
  /** Random crop to the model's input size; `padding` pads first (CIFAR style). */
  crop?: boolean | { padding?: number };
  flip?: boolean;
  /** "Fancy PCA" colour augmentation: alpha ~ N(0, std) times the eigenvalues. */
  pcaColor?: boolean | { std?: number; eigen?: 'imagenet' | 'dataset' };
}
