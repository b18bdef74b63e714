// The spec language as TypeScript types: what a models/*.yaml document holds once it has
// passed schema/model.schema.json. The schema is the source of truth for users (descriptions,
// defaults, examples); these types mirror it for the compiler. Shapes are HWC, no batch.

export type Activation = 'linear' | 'relu' | 'leaky_relu' | 'elu' | 'tanh' | 'sigmoid' | 'softmax' | 'gelu';

/** A number n (both sides), [h, w], or Keras' `same` / `valid`. */
export type Padding2D = number | [number, number] | 'same' | 'valid';
export type Pair = number | [number, number];

interface LayerBase {
  /** Unique name; derived the paper's way (conv1, norm1, pool1, fc6 …) when absent. */
  name?: string;
  /** Names of the layers feeding this one; default: the previous layer (or the model input). */
  inputs?: string[];
  description?: string;
}

export interface Conv2DSpec extends LayerBase {
  type: 'conv2d';
  filters: number;
  kernel: Pair;
  stride?: Pair; // default 1
  padding?: Padding2D; // default 0 ('valid')
  dilation?: Pair; // default 1
  groups?: number; // default 1
  bias?: boolean; // default true
  activation?: Activation; // default linear
  /** Weight initialiser; default: the model's `init` (he). */
  init?: InitScheme;
  /** Constant the bias starts at; default 0. */
  biasInit?: number;
}

/** Local response normalisation in the paper's terms: b = a / (k + alpha/n?…) — see schema. */
export interface LRNSpec extends LayerBase {
  type: 'lrn';
  size: number; // n, the number of adjacent channels (odd)
  alpha: number;
  beta: number;
  k: number;
  /** 'paper' (alpha multiplies the plain sum, as Krizhevsky et al. and tf) or 'caffe' (alpha / n). */
  convention?: 'paper' | 'caffe';
}

export interface Pool2DSpec extends LayerBase {
  type: 'maxpool' | 'avgpool';
  size: Pair;
  stride?: Pair; // default = size
  padding?: Padding2D; // default 0
  rounding?: 'floor' | 'ceil'; // default floor; Caffe rounds up
}

export interface DropoutSpec extends LayerBase {
  type: 'dropout';
  rate: number;
}
export interface FlattenSpec extends LayerBase {
  type: 'flatten';
}
export interface DenseSpec extends LayerBase {
  type: 'dense';
  units: number;
  bias?: boolean;
  activation?: Activation;
  init?: InitScheme;
  biasInit?: number;
}
export interface ZeroPadSpec extends LayerBase {
  type: 'zeropad';
  /** n, [h, w] or [top, bottom, left, right]. */
  padding: number | [number, number] | [number, number, number, number];
}
export interface GlobalAvgPoolSpec extends LayerBase {
  type: 'globalavgpool';
}
export interface AdaptiveAvgPoolSpec extends LayerBase {
  type: 'adaptiveavgpool';
  output: Pair;
}
export interface ActivationSpec extends LayerBase {
  type: 'activation';
  activation: Activation;
  /** Negative slope for leaky_relu (default 0.01), alpha for elu (default 1). */
  alpha?: number;
}
export interface AddSpec extends LayerBase {
  type: 'add';
}
export interface ConcatSpec extends LayerBase {
  type: 'concat';
  /** Axis in HWC terms; default -1 (channels). */
  axis?: number;
}

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
  | ConcatSpec;

export type LayerType = LayerSpec['type'];

export type InitScheme = 'he' | 'glorot' | 'paper' | 'lecun';

export interface InsertSpec {
  /** Insert after this layer (exactly one of after/before). */
  after?: string;
  before?: string;
  layers: LayerSpec[];
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
  layers?: LayerSpec[];
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
