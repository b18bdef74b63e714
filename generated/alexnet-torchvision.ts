// generated from models/alexnet-torchvision.yaml by netspec; do not edit.
// torchvision's AlexNet (224 input, 61.1 M params)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecAdaptiveAvgPool2D,
  NetspecDense,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "alexnet-torchvision";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5", "avgpool", "flatten", "drop6", "fc6", "drop7",
  "fc7", "fc8",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [55, 55, 64],
  "pool1": [27, 27, 64],
  "conv2": [27, 27, 192],
  "pool2": [13, 13, 192],
  "conv3": [13, 13, 384],
  "conv4": [13, 13, 256],
  "conv5": [13, 13, 256],
  "pool5": [6, 6, 256],
  "avgpool": [6, 6, 256],
  "flatten": [9216],
  "drop6": [9216],
  "fc6": [4096],
  "drop7": [4096],
  "fc7": [4096],
  "fc8": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 61100840,
  trainableParams: 61100840,
  multAdds: 714188480,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [55, 55, 64], params: 23296, multAdds: 70276800 },
    { name: "pool1", type: "MaxPool2D", outputShape: [27, 27, 64], params: 0, multAdds: 0 },
    { name: "conv2", type: "Conv2D", outputShape: [27, 27, 192], params: 307392, multAdds: 223948800 },
    { name: "pool2", type: "MaxPool2D", outputShape: [13, 13, 192], params: 0, multAdds: 0 },
    { name: "conv3", type: "Conv2D", outputShape: [13, 13, 384], params: 663936, multAdds: 112140288 },
    { name: "conv4", type: "Conv2D", outputShape: [13, 13, 256], params: 884992, multAdds: 149520384 },
    { name: "conv5", type: "Conv2D", outputShape: [13, 13, 256], params: 590080, multAdds: 99680256 },
    { name: "pool5", type: "MaxPool2D", outputShape: [6, 6, 256], params: 0, multAdds: 0 },
    { name: "avgpool", type: "AdaptiveAvgPool2D", outputShape: [6, 6, 256], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [9216], params: 0, multAdds: 0 },
    { name: "drop6", type: "Dropout", outputShape: [9216], params: 0, multAdds: 0 },
    { name: "fc6", type: "Dense", outputShape: [4096], params: 37752832, multAdds: 37748736 },
    { name: "drop7", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
    { name: "fc7", type: "Dense", outputShape: [4096], params: 16781312, multAdds: 16777216 },
    { name: "fc8", type: "Dense", outputShape: [1000], params: 4097000, multAdds: 4096000 },
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

/** Builds alexnet-torchvision as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildAlexnetTorchvision(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1: 224x224x3 -> 55x55x64
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 64,
    kernelSize: [11, 11],
    strides: [4, 4],
    pad: [2, 2, 2, 2],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // pool1: 55x55x64 -> 27x27x64
  const pool1$ = tf.layers.maxPooling2d({
    name: "pool1",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv1$) as tf.SymbolicTensor;
  // conv2: 27x27x64 -> 27x27x192
  const conv2$ = new NetspecConv2D({
    name: "conv2",
    filters: 192,
    kernelSize: [5, 5],
    pad: [2, 2, 2, 2],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(2)),
  }).apply(pool1$) as tf.SymbolicTensor;
  // pool2: 27x27x192 -> 13x13x192
  const pool2$ = tf.layers.maxPooling2d({
    name: "pool2",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv2$) as tf.SymbolicTensor;
  // conv3: 13x13x192 -> 13x13x384
  const conv3$ = new NetspecConv2D({
    name: "conv3",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(4)),
  }).apply(pool2$) as tf.SymbolicTensor;
  // conv4: 13x13x384 -> 13x13x256
  const conv4$ = new NetspecConv2D({
    name: "conv4",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(5)),
  }).apply(conv3$) as tf.SymbolicTensor;
  // conv5: 13x13x256 -> 13x13x256
  const conv5$ = new NetspecConv2D({
    name: "conv5",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(conv4$) as tf.SymbolicTensor;
  // pool5: 13x13x256 -> 6x6x256
  const pool5$ = tf.layers.maxPooling2d({
    name: "pool5",
    poolSize: [3, 3],
    strides: [2, 2],
  }).apply(conv5$) as tf.SymbolicTensor;
  // avgpool: 6x6x256 -> 6x6x256
  const avgpool$ = new NetspecAdaptiveAvgPool2D({
    name: "avgpool",
    outputSize: [6, 6],
  }).apply(pool5$) as tf.SymbolicTensor;
  // flatten: 6x6x256 -> 9216
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(avgpool$) as tf.SymbolicTensor;
  // drop6: 9216 -> 9216
  const drop6$ = tf.layers.dropout({ name: "drop6", rate: 0.5 }).apply(flatten$) as tf.SymbolicTensor;
  // fc6: 9216 -> 4096
  const fc6$ = new NetspecDense({
    name: "fc6",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(11)),
  }).apply(drop6$) as tf.SymbolicTensor;
  // drop7: 4096 -> 4096
  const drop7$ = tf.layers.dropout({ name: "drop7", rate: 0.5 }).apply(fc6$) as tf.SymbolicTensor;
  // fc7: 4096 -> 4096
  const fc7$ = new NetspecDense({
    name: "fc7",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(13)),
  }).apply(drop7$) as tf.SymbolicTensor;
  // fc8: 4096 -> 1000
  const fc8$ = new NetspecDense({
    name: "fc8",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(14)),
  }).apply(fc7$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc8$, name: "alexnet-torchvision" });
}

/** The builder under a name every generated module shares. */
export const build = buildAlexnetTorchvision;
