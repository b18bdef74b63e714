// The intermediate representation: a graph of resolved layers in topological order, every
// default filled in, every shape and count computed. Emitters, summary and diff read only this.
import type { Activation, InitScheme, TrainSpec } from './spec.ts';
import type { Location } from './diagnostic.ts';

/** HWC for images, [n] after flatten/dense; never the batch. */
export type Shape = number[];

export type IRLayer =
  | { kind: 'conv2d'; filters: number; kernel: [number, number]; stride: [number, number];
      /** Explicit [top, bottom, left, right]; `same` is resolved here. */
      pad: [number, number, number, number]; dilation: [number, number]; groups: number;
      bias: boolean; activation: Activation; init: InitScheme; biasInit: number }
  | { kind: 'lrn'; size: number; alpha: number; beta: number; k: number; convention: 'paper' | 'caffe' }
  | { kind: 'maxpool' | 'avgpool'; size: [number, number]; stride: [number, number];
      pad: [number, number, number, number]; rounding: 'floor' | 'ceil' }
  | { kind: 'dropout'; rate: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; bias: boolean; activation: Activation; init: InitScheme; biasInit: number }
  | { kind: 'zeropad'; pad: [number, number, number, number] }
  | { kind: 'globalavgpool' }
  | { kind: 'adaptiveavgpool'; output: [number, number] }
  | { kind: 'activation'; activation: Activation; alpha?: number }
  | { kind: 'add' }
  | { kind: 'concat'; axis: number };

export type LayerKind = IRLayer['kind'];

export interface IRNode {
  name: string;
  layer: IRLayer;
  /** Names of input nodes; 'input' is the model input. */
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  params: number;
  trainableParams: number;
  /** Multiply-accumulates for one example (one multiply-add counts as one). */
  multAdds: number;
  /** Where the layer was written (for diagnostics and generated comments). */
  location: Location;
  description?: string;
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
