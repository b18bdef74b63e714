// generated from models/alexnet-fashion.yaml by netspec; do not edit.
// AlexNet-shaped net for Fashion-MNIST
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecLRN,
  NetspecDense,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "alexnet-fashion";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [28, 28, 1] as const;

/** Classes the model predicts. */
export const numClasses = 10;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "norm1", "pool1", "conv2", "norm2", "pool2", "conv3", "conv4", "conv5", "pool5", "flatten", "fc6", "drop6",
  "fc7", "drop7", "fc8",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [28, 28, 32],
  "norm1": [28, 28, 32],
  "pool1": [13, 13, 32],
  "conv2": [13, 13, 64],
  "norm2": [13, 13, 64],
  "pool2": [6, 6, 64],
  "conv3": [6, 6, 96],
  "conv4": [6, 6, 96],
  "conv5": [6, 6, 64],
  "pool5": [2, 2, 64],
  "flatten": [256],
  "fc6": [512],
  "drop6": [512],
  "fc7": [512],
  "drop7": [512],
  "fc8": [10],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 542858,
  trainableParams: 542858,
  multAdds: 8218112,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [28, 28, 32], params: 320, multAdds: 225792 },
    { name: "norm1", type: "LocalResponseNorm", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "pool1", type: "MaxPool2D", outputShape: [13, 13, 32], params: 0, multAdds: 0 },
    { name: "conv2", type: "Conv2D", outputShape: [13, 13, 64], params: 18496, multAdds: 3115008 },
    { name: "norm2", type: "LocalResponseNorm", outputShape: [13, 13, 64], params: 0, multAdds: 0 },
    { name: "pool2", type: "MaxPool2D", outputShape: [6, 6, 64], params: 0, multAdds: 0 },
    { name: "conv3", type: "Conv2D", outputShape: [6, 6, 96], params: 55392, multAdds: 1990656 },
    { name: "conv4", type: "Conv2D", outputShape: [6, 6, 96], params: 41568, multAdds: 1492992 },
    { name: "conv5", type: "Conv2D", outputShape: [6, 6, 64], params: 27712, multAdds: 995328 },
    { name: "pool5", type: "MaxPool2D", outputShape: [2, 2, 64], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [256], params: 0, multAdds: 0 },
    { name: "fc6", type: "Dense", outputShape: [512], params: 131584, multAdds: 131072 },
    { name: "drop6", type: "Dropout", outputShape: [512], params: 0, multAdds: 0 },
    { name: "fc7", type: "Dense", outputShape: [512], params: 262656, multAdds: 262144 },
    { name: "drop7", type: "Dropout", outputShape: [512], params: 0, multAdds: 0 },
    { name: "fc8", type: "Dense", outputShape: [10], params: 5130, multAdds: 5120 },
  ],
} as const;

/** The spec's weight initialiser. */
export const defaultInit = "he" as InitScheme;

export interface BuildOptions {
  /** Weight initialiser of every conv2d and dense layer; default: each layer's from the spec. */
  init?: InitScheme;
  /** Seed of the initialisers (layer i uses seed + i); default: unseeded. */
  seed?: number;
}

/** Builds alexnet-fashion as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildAlexnetFashion(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [28, 28, 1], name: "input" });
  // conv1: 28x28x1 -> 28x28x32
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 32,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // norm1: 28x28x32 -> 28x28x32
  const norm1$ = new NetspecLRN({ name: "norm1" }).apply(conv1$) as tf.SymbolicTensor;
  // pool1: 28x28x32 -> 13x13x32
  const pool1$ = tf.layers.maxPooling2d({
    name: "pool1",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(norm1$) as tf.SymbolicTensor;
  // conv2: 13x13x32 -> 13x13x64
  const conv2$ = new NetspecConv2D({
    name: "conv2",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(3)),
  }).apply(pool1$) as tf.SymbolicTensor;
  // norm2: 13x13x64 -> 13x13x64
  const norm2$ = new NetspecLRN({ name: "norm2" }).apply(conv2$) as tf.SymbolicTensor;
  // pool2: 13x13x64 -> 6x6x64
  const pool2$ = tf.layers.maxPooling2d({
    name: "pool2",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(norm2$) as tf.SymbolicTensor;
  // conv3: 6x6x64 -> 6x6x96
  const conv3$ = new NetspecConv2D({
    name: "conv3",
    filters: 96,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(pool2$) as tf.SymbolicTensor;
  // conv4: 6x6x96 -> 6x6x96
  const conv4$ = new NetspecConv2D({
    name: "conv4",
    filters: 96,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    groups: 2,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(conv3$) as tf.SymbolicTensor;
  // conv5: 6x6x96 -> 6x6x64
  const conv5$ = new NetspecConv2D({
    name: "conv5",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    groups: 2,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(8)),
  }).apply(conv4$) as tf.SymbolicTensor;
  // pool5: 6x6x64 -> 2x2x64
  const pool5$ = tf.layers.maxPooling2d({
    name: "pool5",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv5$) as tf.SymbolicTensor;
  // flatten: 2x2x64 -> 256
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(pool5$) as tf.SymbolicTensor;
  // fc6: 256 -> 512
  const fc6$ = new NetspecDense({
    name: "fc6",
    units: 512,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(11)),
  }).apply(flatten$) as tf.SymbolicTensor;
  // drop6: 512 -> 512
  const drop6$ = tf.layers.dropout({ name: "drop6", rate: 0.3 }).apply(fc6$) as tf.SymbolicTensor;
  // fc7: 512 -> 512
  const fc7$ = new NetspecDense({
    name: "fc7",
    units: 512,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(13)),
  }).apply(drop6$) as tf.SymbolicTensor;
  // drop7: 512 -> 512
  const drop7$ = tf.layers.dropout({ name: "drop7", rate: 0.3 }).apply(fc7$) as tf.SymbolicTensor;
  // fc8: 512 -> 10
  const fc8$ = new NetspecDense({
    name: "fc8",
    units: 10,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(15)),
  }).apply(drop7$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc8$, name: "alexnet-fashion" });
}

/** The builder under a name every generated module shares. */
export const build = buildAlexnetFashion;
