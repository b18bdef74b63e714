// generated from models/alexnet-seed.yaml by netspec; do not edit.
// The seed note's PaddlePaddle AlexNet (224 input, padded conv1 and pool1, no groups)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecLRN,
  NetspecActivation,
  NetspecDense,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "alexnet-seed";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "lrn", "relu1", "pad1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5", "flatten", "dropout1",
  "fclayer1", "dropout2", "fclayer2", "fclayer3",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [54, 54, 96],
  "lrn": [54, 54, 96],
  "relu1": [54, 54, 96],
  "pad1": [58, 58, 96],
  "pool1": [28, 28, 96],
  "conv2": [28, 28, 256],
  "pool2": [13, 13, 256],
  "conv3": [13, 13, 384],
  "conv4": [13, 13, 384],
  "conv5": [13, 13, 256],
  "pool5": [6, 6, 256],
  "flatten": [9216],
  "dropout1": [9216],
  "fclayer1": [4096],
  "dropout2": [4096],
  "fclayer2": [4096],
  "fclayer3": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 62378344,
  trainableParams: 62378344,
  multAdds: 1165249664,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [54, 54, 96], params: 34944, multAdds: 101616768 },
    { name: "lrn", type: "LocalResponseNorm", outputShape: [54, 54, 96], params: 0, multAdds: 0 },
    { name: "relu1", type: "Activation", outputShape: [54, 54, 96], params: 0, multAdds: 0 },
    { name: "pad1", type: "ZeroPad2D", outputShape: [58, 58, 96], params: 0, multAdds: 0 },
    { name: "pool1", type: "MaxPool2D", outputShape: [28, 28, 96], params: 0, multAdds: 0 },
    { name: "conv2", type: "Conv2D", outputShape: [28, 28, 256], params: 614656, multAdds: 481689600 },
    { name: "pool2", type: "MaxPool2D", outputShape: [13, 13, 256], params: 0, multAdds: 0 },
    { name: "conv3", type: "Conv2D", outputShape: [13, 13, 384], params: 885120, multAdds: 149520384 },
    { name: "conv4", type: "Conv2D", outputShape: [13, 13, 384], params: 1327488, multAdds: 224280576 },
    { name: "conv5", type: "Conv2D", outputShape: [13, 13, 256], params: 884992, multAdds: 149520384 },
    { name: "pool5", type: "MaxPool2D", outputShape: [6, 6, 256], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [9216], params: 0, multAdds: 0 },
    { name: "dropout1", type: "Dropout", outputShape: [9216], params: 0, multAdds: 0 },
    { name: "fclayer1", type: "Dense", outputShape: [4096], params: 37752832, multAdds: 37748736 },
    { name: "dropout2", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
    { name: "fclayer2", type: "Dense", outputShape: [4096], params: 16781312, multAdds: 16777216 },
    { name: "fclayer3", type: "Dense", outputShape: [1000], params: 4097000, multAdds: 4096000 },
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

/** Builds alexnet-seed as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildAlexnetSeed(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1: 224x224x3 -> 54x54x96
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 96,
    kernelSize: [11, 11],
    strides: [4, 4],
    pad: [1, 1, 1, 1],
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // lrn: 54x54x96 -> 54x54x96
  const lrn$ = new NetspecLRN({ name: "lrn", size: 96, k: 1, convention: "caffe" }).apply(conv1$) as tf.SymbolicTensor;
  // relu1: 54x54x96 -> 54x54x96
  const relu1$ = new NetspecActivation({ name: "relu1", activation: "relu" }).apply(lrn$) as tf.SymbolicTensor;
  // pad1: 54x54x96 -> 58x58x96
  const pad1$ = tf.layers.zeroPadding2d({ name: "pad1", padding: [[2, 2], [2, 2]] }).apply(relu1$) as tf.SymbolicTensor;
  // pool1: 58x58x96 -> 28x28x96
  const pool1$ = tf.layers.maxPooling2d({
    name: "pool1",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(pad1$) as tf.SymbolicTensor;
  // conv2: 28x28x96 -> 28x28x256
  const conv2$ = new NetspecConv2D({
    name: "conv2",
    filters: 256,
    kernelSize: [5, 5],
    pad: [2, 2, 2, 2],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(5)),
  }).apply(pool1$) as tf.SymbolicTensor;
  // pool2: 28x28x256 -> 13x13x256
  const pool2$ = tf.layers.maxPooling2d({
    name: "pool2",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv2$) as tf.SymbolicTensor;
  // conv3: 13x13x256 -> 13x13x384
  const conv3$ = new NetspecConv2D({
    name: "conv3",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(pool2$) as tf.SymbolicTensor;
  // conv4: 13x13x384 -> 13x13x384
  const conv4$ = new NetspecConv2D({
    name: "conv4",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(8)),
  }).apply(conv3$) as tf.SymbolicTensor;
  // conv5: 13x13x384 -> 13x13x256
  const conv5$ = new NetspecConv2D({
    name: "conv5",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(9)),
  }).apply(conv4$) as tf.SymbolicTensor;
  // pool5: 13x13x256 -> 6x6x256
  const pool5$ = tf.layers.maxPooling2d({
    name: "pool5",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv5$) as tf.SymbolicTensor;
  // flatten: 6x6x256 -> 9216
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(pool5$) as tf.SymbolicTensor;
  // dropout1: 9216 -> 9216
  const dropout1$ = tf.layers.dropout({ name: "dropout1", rate: 0.5 }).apply(flatten$) as tf.SymbolicTensor;
  // fclayer1: 9216 -> 4096
  const fclayer1$ = new NetspecDense({
    name: "fclayer1",
    units: 4096,
    kernelInitializer: weightInitializer(init, seedFor(13)),
  }).apply(dropout1$) as tf.SymbolicTensor;
  // dropout2: 4096 -> 4096
  const dropout2$ = tf.layers.dropout({ name: "dropout2", rate: 0.5 }).apply(fclayer1$) as tf.SymbolicTensor;
  // fclayer2: 4096 -> 4096
  const fclayer2$ = new NetspecDense({
    name: "fclayer2",
    units: 4096,
    kernelInitializer: weightInitializer(init, seedFor(15)),
  }).apply(dropout2$) as tf.SymbolicTensor;
  // fclayer3: 4096 -> 1000
  const fclayer3$ = new NetspecDense({
    name: "fclayer3",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(16)),
  }).apply(fclayer2$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fclayer3$, name: "alexnet-seed" });
}

/** The builder under a name every generated module shares. */
export const build = buildAlexnetSeed;
