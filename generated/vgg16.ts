// generated from models/vgg16.yaml by netspec; do not edit.
// torchvision's VGG-16 (224 input, 138.4 M params, 15.47 G mult-adds)
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
export const modelName = "vgg16";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1_1", "conv1_2", "pool1", "conv2_1", "conv2_2", "pool2", "conv3_1", "conv3_2", "conv3_3", "pool3", "conv4_1",
  "conv4_2", "conv4_3", "pool4", "conv5_1", "conv5_2", "conv5_3", "pool5", "avgpool", "flatten", "fc6", "drop6", "fc7",
  "drop7", "fc8",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1_1": [224, 224, 64],
  "conv1_2": [224, 224, 64],
  "pool1": [112, 112, 64],
  "conv2_1": [112, 112, 128],
  "conv2_2": [112, 112, 128],
  "pool2": [56, 56, 128],
  "conv3_1": [56, 56, 256],
  "conv3_2": [56, 56, 256],
  "conv3_3": [56, 56, 256],
  "pool3": [28, 28, 256],
  "conv4_1": [28, 28, 512],
  "conv4_2": [28, 28, 512],
  "conv4_3": [28, 28, 512],
  "pool4": [14, 14, 512],
  "conv5_1": [14, 14, 512],
  "conv5_2": [14, 14, 512],
  "conv5_3": [14, 14, 512],
  "pool5": [7, 7, 512],
  "avgpool": [7, 7, 512],
  "flatten": [25088],
  "fc6": [4096],
  "drop6": [4096],
  "fc7": [4096],
  "drop7": [4096],
  "fc8": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 138357544,
  trainableParams: 138357544,
  multAdds: 15470264320,
  layers: [
    { name: "conv1_1", type: "Conv2D", outputShape: [224, 224, 64], params: 1792, multAdds: 86704128 },
    { name: "conv1_2", type: "Conv2D", outputShape: [224, 224, 64], params: 36928, multAdds: 1849688064 },
    { name: "pool1", type: "MaxPool2D", outputShape: [112, 112, 64], params: 0, multAdds: 0 },
    { name: "conv2_1", type: "Conv2D", outputShape: [112, 112, 128], params: 73856, multAdds: 924844032 },
    { name: "conv2_2", type: "Conv2D", outputShape: [112, 112, 128], params: 147584, multAdds: 1849688064 },
    { name: "pool2", type: "MaxPool2D", outputShape: [56, 56, 128], params: 0, multAdds: 0 },
    { name: "conv3_1", type: "Conv2D", outputShape: [56, 56, 256], params: 295168, multAdds: 924844032 },
    { name: "conv3_2", type: "Conv2D", outputShape: [56, 56, 256], params: 590080, multAdds: 1849688064 },
    { name: "conv3_3", type: "Conv2D", outputShape: [56, 56, 256], params: 590080, multAdds: 1849688064 },
    { name: "pool3", type: "MaxPool2D", outputShape: [28, 28, 256], params: 0, multAdds: 0 },
    { name: "conv4_1", type: "Conv2D", outputShape: [28, 28, 512], params: 1180160, multAdds: 924844032 },
    { name: "conv4_2", type: "Conv2D", outputShape: [28, 28, 512], params: 2359808, multAdds: 1849688064 },
    { name: "conv4_3", type: "Conv2D", outputShape: [28, 28, 512], params: 2359808, multAdds: 1849688064 },
    { name: "pool4", type: "MaxPool2D", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "conv5_1", type: "Conv2D", outputShape: [14, 14, 512], params: 2359808, multAdds: 462422016 },
    { name: "conv5_2", type: "Conv2D", outputShape: [14, 14, 512], params: 2359808, multAdds: 462422016 },
    { name: "conv5_3", type: "Conv2D", outputShape: [14, 14, 512], params: 2359808, multAdds: 462422016 },
    { name: "pool5", type: "MaxPool2D", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "avgpool", type: "AdaptiveAvgPool2D", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "flatten", type: "Flatten", outputShape: [25088], params: 0, multAdds: 0 },
    { name: "fc6", type: "Dense", outputShape: [4096], params: 102764544, multAdds: 102760448 },
    { name: "drop6", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
    { name: "fc7", type: "Dense", outputShape: [4096], params: 16781312, multAdds: 16777216 },
    { name: "drop7", type: "Dropout", outputShape: [4096], params: 0, multAdds: 0 },
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

/** Builds vgg16 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildVgg16(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1_1: 224x224x3 -> 224x224x64
  const conv1_1$ = new NetspecConv2D({
    name: "conv1_1",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // conv1_2: 224x224x64 -> 224x224x64
  const conv1_2$ = new NetspecConv2D({
    name: "conv1_2",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(1)),
  }).apply(conv1_1$) as tf.SymbolicTensor;
  // pool1: 224x224x64 -> 112x112x64
  const pool1$ = tf.layers.maxPooling2d({ name: "pool1", poolSize: [2, 2] }).apply(conv1_2$) as tf.SymbolicTensor;
  // conv2_1: 112x112x64 -> 112x112x128
  const conv2_1$ = new NetspecConv2D({
    name: "conv2_1",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(3)),
  }).apply(pool1$) as tf.SymbolicTensor;
  // conv2_2: 112x112x128 -> 112x112x128
  const conv2_2$ = new NetspecConv2D({
    name: "conv2_2",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(4)),
  }).apply(conv2_1$) as tf.SymbolicTensor;
  // pool2: 112x112x128 -> 56x56x128
  const pool2$ = tf.layers.maxPooling2d({ name: "pool2", poolSize: [2, 2] }).apply(conv2_2$) as tf.SymbolicTensor;
  // conv3_1: 56x56x128 -> 56x56x256
  const conv3_1$ = new NetspecConv2D({
    name: "conv3_1",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(pool2$) as tf.SymbolicTensor;
  // conv3_2: 56x56x256 -> 56x56x256
  const conv3_2$ = new NetspecConv2D({
    name: "conv3_2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(conv3_1$) as tf.SymbolicTensor;
  // conv3_3: 56x56x256 -> 56x56x256
  const conv3_3$ = new NetspecConv2D({
    name: "conv3_3",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(8)),
  }).apply(conv3_2$) as tf.SymbolicTensor;
  // pool3: 56x56x256 -> 28x28x256
  const pool3$ = tf.layers.maxPooling2d({ name: "pool3", poolSize: [2, 2] }).apply(conv3_3$) as tf.SymbolicTensor;
  // conv4_1: 28x28x256 -> 28x28x512
  const conv4_1$ = new NetspecConv2D({
    name: "conv4_1",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(10)),
  }).apply(pool3$) as tf.SymbolicTensor;
  // conv4_2: 28x28x512 -> 28x28x512
  const conv4_2$ = new NetspecConv2D({
    name: "conv4_2",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(11)),
  }).apply(conv4_1$) as tf.SymbolicTensor;
  // conv4_3: 28x28x512 -> 28x28x512
  const conv4_3$ = new NetspecConv2D({
    name: "conv4_3",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(12)),
  }).apply(conv4_2$) as tf.SymbolicTensor;
  // pool4: 28x28x512 -> 14x14x512
  const pool4$ = tf.layers.maxPooling2d({ name: "pool4", poolSize: [2, 2] }).apply(conv4_3$) as tf.SymbolicTensor;
  // conv5_1: 14x14x512 -> 14x14x512
  const conv5_1$ = new NetspecConv2D({
    name: "conv5_1",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(14)),
  }).apply(pool4$) as tf.SymbolicTensor;
  // conv5_2: 14x14x512 -> 14x14x512
  const conv5_2$ = new NetspecConv2D({
    name: "conv5_2",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(15)),
  }).apply(conv5_1$) as tf.SymbolicTensor;
  // conv5_3: 14x14x512 -> 14x14x512
  const conv5_3$ = new NetspecConv2D({
    name: "conv5_3",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(16)),
  }).apply(conv5_2$) as tf.SymbolicTensor;
  // pool5: 14x14x512 -> 7x7x512
  const pool5$ = tf.layers.maxPooling2d({ name: "pool5", poolSize: [2, 2] }).apply(conv5_3$) as tf.SymbolicTensor;
  // avgpool: 7x7x512 -> 7x7x512
  const avgpool$ = new NetspecAdaptiveAvgPool2D({
    name: "avgpool",
    outputSize: [7, 7],
  }).apply(pool5$) as tf.SymbolicTensor;
  // flatten: 7x7x512 -> 25088
  const flatten$ = tf.layers.flatten({ name: "flatten" }).apply(avgpool$) as tf.SymbolicTensor;
  // fc6: 25088 -> 4096
  const fc6$ = new NetspecDense({
    name: "fc6",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(20)),
  }).apply(flatten$) as tf.SymbolicTensor;
  // drop6: 4096 -> 4096
  const drop6$ = tf.layers.dropout({ name: "drop6", rate: 0.5 }).apply(fc6$) as tf.SymbolicTensor;
  // fc7: 4096 -> 4096
  const fc7$ = new NetspecDense({
    name: "fc7",
    units: 4096,
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(22)),
  }).apply(drop6$) as tf.SymbolicTensor;
  // drop7: 4096 -> 4096
  const drop7$ = tf.layers.dropout({ name: "drop7", rate: 0.5 }).apply(fc7$) as tf.SymbolicTensor;
  // fc8: 4096 -> 1000
  const fc8$ = new NetspecDense({
    name: "fc8",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(24)),
  }).apply(drop7$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc8$, name: "vgg16" });
}

/** The builder under a name every generated module shares. */
export const build = buildVgg16;
