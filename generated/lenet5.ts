// generated from models/lenet5.yaml by netspec; do not edit.
// LeNet-5 (32x32x1 input, 61,706 params)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecDense,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "lenet5";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [32, 32, 1] as const;

/** Classes the model predicts. */
export const numClasses = 10;

/** Layer names in execution order. */
export const layerNames = ["c1", "s2", "c3", "s4", "flatten", "c5", "f6", "output"] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "c1": [28, 28, 6],
  "s2": [14, 14, 6],
  "c3": [10, 10, 16],
  "s4": [5, 5, 16],
  "flatten": [400],
  "c5": [120],
  "f6": [84],
  "output": [10],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 61706,
  trainableParams: 61706,
  multAdds: 416520,
  layers: [
    { name: "c1", type: "Conv2D", outputShape: [28, 28, 6], params: 156, multAdds: 117600 },
    { name: "s2", type: "AvgPool2D", outputShape: [14, 14, 6], params: 0, multAdds: 0 },
    { name: "c3", type: "Conv2D", outputShape: [10, 10, 16], params: 2416, multAdds: 240000 },
    { name: "s4", type: "AvgPool2D", outputShape: [5, 5, 16], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [400], params: 0, multAdds: 0 },
    { name: "c5", type: "Dense", outputShape: [120], params: 48120, multAdds: 48000 },
    { name: "f6", type: "Dense", outputShape: [84], params: 10164, multAdds: 10080 },
    { name: "output", type: "Dense", outputShape: [10], params: 850, multAdds: 840 },
  ],
} as const;

/** The spec's weight initialiser. */
export const defaultInit = "glorot" as InitScheme;

export interface BuildOptions {
  /** Weight initialiser of every conv2d and dense layer; default: each layer's from the spec. */
  init?: InitScheme;
  /** Seed of the initialisers (layer i uses seed + i); default: unseeded. */
  seed?: number;
}

/** Builds lenet5 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildLenet5(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [32, 32, 1], name: "input" });
  // c1: 32x32x1 -> 28x28x6
  const c1$ = new NetspecConv2D({
    name: "c1",
    filters: 6,
    kernelSize: [5, 5],
    activation: "tanh",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // s2: 28x28x6 -> 14x14x6
  const s2$ = tf.layers.averagePooling2d({ name: "s2", poolSize: [2, 2] }).apply(c1$) as tf.SymbolicTensor;
  // c3: 14x14x6 -> 10x10x16
  const c3$ = new NetspecConv2D({
    name: "c3",
    filters: 16,
    kernelSize: [5, 5],
    activation: "tanh",
    kernelInitializer: weightInitializer(init, seedFor(2)),
  }).apply(s2$) as tf.SymbolicTensor;
  // s4: 10x10x16 -> 5x5x16
  const s4$ = tf.layers.averagePooling2d({ name: "s4", poolSize: [2, 2] }).apply(c3$) as tf.SymbolicTensor;
  // flatten: 5x5x16 -> 400
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(s4$) as tf.SymbolicTensor;
  // c5: 400 -> 120
  const c5$ = new NetspecDense({
    name: "c5",
    units: 120,
    activation: "tanh",
    kernelInitializer: weightInitializer(init, seedFor(5)),
  }).apply(flatten$) as tf.SymbolicTensor;
  // f6: 120 -> 84
  const f6$ = new NetspecDense({
    name: "f6",
    units: 84,
    activation: "tanh",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(c5$) as tf.SymbolicTensor;
  // output: 84 -> 10
  const output$ = new NetspecDense({
    name: "output",
    units: 10,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(f6$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output$, name: "lenet5" });
}

/** The builder under a name every generated module shares. */
export const build = buildLenet5;
