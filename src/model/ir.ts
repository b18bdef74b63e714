// The intermediate representation: a graph of resolved layers in topological order, every
// default filled in, every shape and count computed. Emitters, summary and diff read only this.
import type { InitScheme, TrainSpec } from './spec.ts';
import type { Location } from './diagnostic.ts';
import type { Conv2DLayer } from './layers/conv2d.ts';
import type { LRNLayer } from './layers/lrn.ts';
import type { Pool2DLayer } from './layers/pool.ts';
import type { DropoutLayer } from './layers/dropout.ts';
import type { FlattenLayer } from './layers/flatten.ts';
import type { DenseLayer } from './layers/dense.ts';
import type { ZeroPadLayer } from './layers/zeropad.ts';
import type { GlobalAvgPoolLayer } from './layers/global-avg-pool.ts';
import type { AdaptiveAvgPoolLayer } from './layers/adaptive-avg-pool.ts';
import type { ActivationLayer } from './layers/activation.ts';
import type { AddLayer } from './layers/add.ts';
import type { ConcatLayer } from './layers/concat.ts';
import type { BatchNormLayer } from './layers/batchnorm.ts';

/** HWC for images, [n] after flatten/dense; never the batch. */
export type Shape = number[];

/** Elements of a shape. */
export const elements = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** One resolved layer, every default filled in; each kind's IR type lives in its module under layers/. */
export type IRLayer =
  | Conv2DLayer
  | LRNLayer
  | Pool2DLayer
  | DropoutLayer
  | FlattenLayer
  | DenseLayer
  | ZeroPadLayer
  | GlobalAvgPoolLayer
  | AdaptiveAvgPoolLayer
  | ActivationLayer
  | AddLayer
  | ConcatLayer
  | BatchNormLayer;

export type LayerKind = IRLayer['kind'];

export interface IRNode {
  name: string;
  layer: IRLayer;
  /** Names of input nodes; 'input' is the model input. */
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  /** trainableParams + nonTrainableParams. */
  params: number;
  trainableParams: number;
  /** State that is saved but not trained (running statistics). */
  nonTrainableParams: number;
  /** Multiply-accumulates for one example (one multiply-add counts as one). */
  multAdds: number;
  /** Where the layer was written (for diagnostics and generated comments). */
  location: Location;
  description?: string;
  /** For a layer from a block: the outermost block instance it belongs to (`layer2.0`) and the block's name. */
  block?: { instance: string; name: string };
  /**
   * For a layer from a block: the outermost instance as written, its definition and arguments, so
   * that an emitter can keep the block as one function (generated code) and call it per instance.
   * Absent on a layer a variant's `override` replaced (it no longer comes from the definition).
   */
  blockInstance?: IRBlockInstance;
}

/** A block argument's value. */
export type IRParamValue = number | boolean | string;

/** A block definition as written: its parameters and its layers with their `$param` expressions unevaluated. */
export interface IRBlockDef {
  name: string;
  /** The file that defines it. */
  file: string;
  params: { name: string; type: 'integer' | 'number' | 'boolean' | 'string'; enum?: string[]; default?: IRParamValue }[];
  /** The layer mappings as written (block uses among them). */
  layers: readonly Readonly<Record<string, unknown>>[];
  /** Each layer's name inside the block (given or derived). */
  names: string[];
  /** The definitions its block uses refer to. */
  uses: IRBlockDef[];
}

/** One instance of a block in the model: `layer1.0` of `basic` with `{ width: 64 }`, defaults filled in. */
export interface IRBlockInstance {
  instance: string;
  definition: IRBlockDef;
  args: Record<string, IRParamValue>;
}

export interface ModelIR {
  name: string;
  description?: string;
  /** The file given on the command line (a variant's own file, not its parent's). */
  file: string;
  /** Every file read to build it, the model's own first (for caching and rebuild checks). */
  files: string[];
  input: Shape;
  classes: number;
  /** The spec's default weight initialiser. */
  init: InitScheme;
  nodes: IRNode[];
  /** The node whose output is the model's output (the last one). */
  output: string;
  train: TrainSpec;
}
