// generated from models/alexnet.yaml by netspec; do not edit.
// AlexNet as in the paper (227x227 input, two towers as groups)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecLRN,
  NetspecDense,
  biasInitializer,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "alexnet";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [227, 227, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "norm1", "pool1", "conv2", "norm2", "pool2", "conv3", "conv4", "conv5", "pool5", "flatten", "fc6", "drop6",
  "fc7", "drop7", "fc8",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [55, 55, 96],
  "norm1": [55, 55, 96],
  "pool1": [27, 27, 96],
  "conv2": [27, 27, 256],
  "norm2": [27, 27, 256],
  "pool2": [13, 13, 256],
  "conv3": [13, 13, 384],
  "conv4": [13, 13, 384],
  "conv5": [13, 13, 256],
  "pool5": [6, 6, 256],
  "flatten": [9216],
  "fc6": [4096],
  "drop6": [4096],
  "fc7": [4096],
  "drop7": [4096],
  "fc8": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 60965224,
  trainableParams: 60965224,
  multAdds: 724406816,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [55, 55, 96], params: 34944, multAdds: 105415200 },
    { name: "norm1", type: "LocalResponseNorm", outputShape: [55, 55, 96], params: 0, multAdds: 0 },
    { name: "pool1", type: "MaxPool2D", outputShape: [27, 27, 96], params: 0, multAdds: 0 },
    { name: "conv2", type: "Conv2D", outputShape: [27, 27, 256], params: 307456, multAdds: 223948800 },
    { name: "norm2", type: "LocalResponseNorm", outputShape: [27, 27, 256], params: 0, multAdds: 0 },
    { name: "pool2", type: "MaxPool2D", outputShape: [13, 13, 256], params: 0, multAdds: 0 },
    { name: "conv3", type: "Conv2D", outputShape: [13, 13, 384], params: 885120, multAdds: 149520384 },
    { name: "conv4", type: "Conv2D", outputShape: [13, 13, 384], params: 663936, multAdds: 112140288 },
    { name: "conv5", type: "Conv2D", outputShape: [13, 13, 256], params: 442624, multAdds: 74760192 },
    { name: "pool5", type: "MaxPool2D", outputShape: [6, 6, 256], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [9216], params: 0, multAdds: 0 },
    { name: "fc6", type: "Dense", outputShape: [4096], params: 37752832, multAdds: 37748736 },
    { name: "drop6", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
    { name: "fc7", type: "Dense", outputShape: [4096], params: 16781312, multAdds: 16777216 },
    { name: "drop7", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
    { name: "fc8", type: "Dense", outputShape: [1000], params: 4097000, multAdds: 4096000 },
  ],
} as const;

/** The spec's weight initialiser. */
export const defaultInit = "paper" as InitScheme;

export interface BuildOptions {
  /** Weight initialiser of every conv2d and dense layer; default: each layer's from the spec. */
  init?: InitScheme;
  /** Seed of the initialisers (layer i uses seed + i); default: unseeded. */
  seed?: number;
}

/** Builds alexnet as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildAlexnet(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [227, 227, 3], name: "input" });
  // conv1: 227x227x3 -> 55x55x96
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 96,
    kernelSize: [11, 11],
    strides: [4, 4],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // norm1: 55x55x96 -> 55x55x96
  const norm1$ = new NetspecLRN({ name: "norm1" }).apply(conv1$) as tf.SymbolicTensor;
  // pool1: 55x55x96 -> 27x27x96
  const pool1$ = tf.layers.maxPooling2d({
    name: "pool1",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(norm1$) as tf.SymbolicTensor;
  // conv2: 27x27x96 -> 27x27x256
  const conv2$ = new NetspecConv2D({
    name: "conv2",
    filters: 256,
    kernelSize: [5, 5],
    pad: [2, 2, 2, 2],
    groups: 2,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(3)),
    biasInitializer: biasInitializer(1),
  }).apply(pool1$) as tf.SymbolicTensor;
  // norm2: 27x27x256 -> 27x27x256
  const norm2$ = new NetspecLRN({ name: "norm2" }).apply(conv2$) as tf.SymbolicTensor;
  // pool2: 27x27x256 -> 13x13x256
  const pool2$ = tf.layers.maxPooling2d({
    name: "pool2",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(norm2$) as tf.SymbolicTensor;
  // conv3: 13x13x256 -> 13x13x384
  const conv3$ = new NetspecConv2D({
    name: "conv3",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(pool2$) as tf.SymbolicTensor;
  // conv4: 13x13x384 -> 13x13x384
  const conv4$ = new NetspecConv2D({
    name: "conv4",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    groups: 2,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(7)),
    biasInitializer: biasInitializer(1),
  }).apply(conv3$) as tf.SymbolicTensor;
  // conv5: 13x13x384 -> 13x13x256
  const conv5$ = new NetspecConv2D({
    name: "conv5",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    groups: 2,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(8)),
    biasInitializer: biasInitializer(1),
  }).apply(conv4$) as tf.SymbolicTensor;
  // pool5: 13x13x256 -> 6x6x256
  const pool5$ = tf.layers.maxPooling2d({
    name: "pool5",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv5$) as tf.SymbolicTensor;
  // flatten: 6x6x256 -> 9216
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(pool5$) as tf.SymbolicTensor;
  // fc6: 9216 -> 4096
  const fc6$ = new NetspecDense({
    name: "fc6",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(11)),
    biasInitializer: biasInitializer(1),
  }).apply(flatten$) as tf.SymbolicTensor;
  // drop6: 4096 -> 4096
  const drop6$ = tf.layers.dropout({ name: "drop6", rate: 0.5 }).apply(fc6$) as tf.SymbolicTensor;
  // fc7: 4096 -> 4096
  const fc7$ = new NetspecDense({
    name: "fc7",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(13)),
    biasInitializer: biasInitializer(1),
  }).apply(drop6$) as tf.SymbolicTensor;
  // drop7: 4096 -> 4096
  const drop7$ = tf.layers.dropout({ name: "drop7", rate: 0.5 }).apply(fc7$) as tf.SymbolicTensor;
  // fc8: 4096 -> 1000
  const fc8$ = new NetspecDense({
    name: "fc8",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(15)),
  }).apply(drop7$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc8$, name: "alexnet" });
}

/** The builder under a name every generated module shares. */
export const build = buildAlexnet;
