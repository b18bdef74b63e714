// generated from models/squeezenet1_0.yaml by netspec; do not edit.
// torchvision's SqueezeNet 1.0 (224 input, 1.25 M params, 0.82 G mult-adds)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecPool2D,
  NetspecActivation,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "squeezenet1_0";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "pool1", "fire2_squeeze", "fire2_expand1x1", "fire2_expand3x3", "fire2", "fire3_squeeze", "fire3_expand1x1",
  "fire3_expand3x3", "fire3", "fire4_squeeze", "fire4_expand1x1", "fire4_expand3x3", "fire4", "pool4", "fire5_squeeze",
  "fire5_expand1x1", "fire5_expand3x3", "fire5", "fire6_squeeze", "fire6_expand1x1", "fire6_expand3x3", "fire6",
  "fire7_squeeze", "fire7_expand1x1", "fire7_expand3x3", "fire7", "fire8_squeeze", "fire8_expand1x1", "fire8_expand3x3",
  "fire8", "pool8", "fire9_squeeze", "fire9_expand1x1", "fire9_expand3x3", "fire9", "drop9", "conv10", "pool10", "prob",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [109, 109, 96],
  "pool1": [54, 54, 96],
  "fire2_squeeze": [54, 54, 16],
  "fire2_expand1x1": [54, 54, 64],
  "fire2_expand3x3": [54, 54, 64],
  "fire2": [54, 54, 128],
  "fire3_squeeze": [54, 54, 16],
  "fire3_expand1x1": [54, 54, 64],
  "fire3_expand3x3": [54, 54, 64],
  "fire3": [54, 54, 128],
  "fire4_squeeze": [54, 54, 32],
  "fire4_expand1x1": [54, 54, 128],
  "fire4_expand3x3": [54, 54, 128],
  "fire4": [54, 54, 256],
  "pool4": [27, 27, 256],
  "fire5_squeeze": [27, 27, 32],
  "fire5_expand1x1": [27, 27, 128],
  "fire5_expand3x3": [27, 27, 128],
  "fire5": [27, 27, 256],
  "fire6_squeeze": [27, 27, 48],
  "fire6_expand1x1": [27, 27, 192],
  "fire6_expand3x3": [27, 27, 192],
  "fire6": [27, 27, 384],
  "fire7_squeeze": [27, 27, 48],
  "fire7_expand1x1": [27, 27, 192],
  "fire7_expand3x3": [27, 27, 192],
  "fire7": [27, 27, 384],
  "fire8_squeeze": [27, 27, 64],
  "fire8_expand1x1": [27, 27, 256],
  "fire8_expand3x3": [27, 27, 256],
  "fire8": [27, 27, 512],
  "pool8": [13, 13, 512],
  "fire9_squeeze": [13, 13, 64],
  "fire9_expand1x1": [13, 13, 256],
  "fire9_expand3x3": [13, 13, 256],
  "fire9": [13, 13, 512],
  "drop9": [13, 13, 512],
  "conv10": [13, 13, 1000],
  "pool10": [1000],
  "prob": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 1248424,
  trainableParams: 1248424,
  multAdds: 818924576,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [109, 109, 96], params: 14208, multAdds: 167664672 },
    { name: "pool1", type: "MaxPool2D", outputShape: [54, 54, 96], params: 0, multAdds: 0 },
    { name: "fire2_squeeze", type: "Conv2D", outputShape: [54, 54, 16], params: 1552, multAdds: 4478976 },
    { name: "fire2_expand1x1", type: "Conv2D", outputShape: [54, 54, 64], params: 1088, multAdds: 2985984 },
    { name: "fire2_expand3x3", type: "Conv2D", outputShape: [54, 54, 64], params: 9280, multAdds: 26873856 },
    { name: "fire2", type: "Concatenate", outputShape: [54, 54, 128], params: 0, multAdds: 0 },
    { name: "fire3_squeeze", type: "Conv2D", outputShape: [54, 54, 16], params: 2064, multAdds: 5971968 },
    { name: "fire3_expand1x1", type: "Conv2D", outputShape: [54, 54, 64], params: 1088, multAdds: 2985984 },
    { name: "fire3_expand3x3", type: "Conv2D", outputShape: [54, 54, 64], params: 9280, multAdds: 26873856 },
    { name: "fire3", type: "Concatenate", outputShape: [54, 54, 128], params: 0, multAdds: 0 },
    { name: "fire4_squeeze", type: "Conv2D", outputShape: [54, 54, 32], params: 4128, multAdds: 11943936 },
    { name: "fire4_expand1x1", type: "Conv2D", outputShape: [54, 54, 128], params: 4224, multAdds: 11943936 },
    { name: "fire4_expand3x3", type: "Conv2D", outputShape: [54, 54, 128], params: 36992, multAdds: 107495424 },
    { name: "fire4", type: "Concatenate", outputShape: [54, 54, 256], params: 0, multAdds: 0 },
    { name: "pool4", type: "MaxPool2D", outputShape: [27, 27, 256], params: 0, multAdds: 0 },
    { name: "fire5_squeeze", type: "Conv2D", outputShape: [27, 27, 32], params: 8224, multAdds: 5971968 },
    { name: "fire5_expand1x1", type: "Conv2D", outputShape: [27, 27, 128], params: 4224, multAdds: 2985984 },
    { name: "fire5_expand3x3", type: "Conv2D", outputShape: [27, 27, 128], params: 36992, multAdds: 26873856 },
    { name: "fire5", type: "Concatenate", outputShape: [27, 27, 256], params: 0, multAdds: 0 },
    { name: "fire6_squeeze", type: "Conv2D", outputShape: [27, 27, 48], params: 12336, multAdds: 8957952 },
    { name: "fire6_expand1x1", type: "Conv2D", outputShape: [27, 27, 192], params: 9408, multAdds: 6718464 },
    { name: "fire6_expand3x3", type: "Conv2D", outputShape: [27, 27, 192], params: 83136, multAdds: 60466176 },
    { name: "fire6", type: "Concatenate", outputShape: [27, 27, 384], params: 0, multAdds: 0 },
    { name: "fire7_squeeze", type: "Conv2D", outputShape: [27, 27, 48], params: 18480, multAdds: 13436928 },
    { name: "fire7_expand1x1", type: "Conv2D", outputShape: [27, 27, 192], params: 9408, multAdds: 6718464 },
    { name: "fire7_expand3x3", type: "Conv2D", outputShape: [27, 27, 192], params: 83136, multAdds: 60466176 },
    { name: "fire7", type: "Concatenate", outputShape: [27, 27, 384], params: 0, multAdds: 0 },
    { name: "fire8_squeeze", type: "Conv2D", outputShape: [27, 27, 64], params: 24640, multAdds: 17915904 },
    { name: "fire8_expand1x1", type: "Conv2D", outputShape: [27, 27, 256], params: 16640, multAdds: 11943936 },
    { name: "fire8_expand3x3", type: "Conv2D", outputShape: [27, 27, 256], params: 147712, multAdds: 107495424 },
    { name: "fire8", type: "Concatenate", outputShape: [27, 27, 512], params: 0, multAdds: 0 },
    { name: "pool8", type: "MaxPool2D", outputShape: [13, 13, 512], params: 0, multAdds: 0 },
    { name: "fire9_squeeze", type: "Conv2D", outputShape: [13, 13, 64], params: 32832, multAdds: 5537792 },
    { name: "fire9_expand1x1", type: "Conv2D", outputShape: [13, 13, 256], params: 16640, multAdds: 2768896 },
    { name: "fire9_expand3x3", type: "Conv2D", outputShape: [13, 13, 256], params: 147712, multAdds: 24920064 },
    { name: "fire9", type: "Concatenate", outputShape: [13, 13, 512], params: 0, multAdds: 0 },
    { name: "drop9", type: "Dropout", outputShape: [13, 13, 512], params: 0, multAdds: 0 },
    { name: "conv10", type: "Conv2D", outputShape: [13, 13, 1000], params: 513000, multAdds: 86528000 },
    { name: "pool10", type: "GlobalAvgPool2D", outputShape: [1000], params: 0, multAdds: 0 },
    { name: "prob", type: "Activation", outputShape: [1000], params: 0, multAdds: 0 },
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

/** Builds squeezenet1_0 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildSqueezenet10(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1: 224x224x3 -> 109x109x96
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 96,
    kernelSize: [7, 7],
    strides: [2, 2],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // pool1: 109x109x96 -> 54x54x96
  const pool1$ = new NetspecPool2D({
    name: "pool1",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(conv1$) as tf.SymbolicTensor;
  // fire2_squeeze: 54x54x96 -> 54x54x16
  const fire2_squeeze$ = new NetspecConv2D({
    name: "fire2_squeeze",
    filters: 16,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(2)),
  }).apply(pool1$) as tf.SymbolicTensor;
  // fire2_expand1x1: 54x54x16 -> 54x54x64
  const fire2_expand1x1$ = new NetspecConv2D({
    name: "fire2_expand1x1",
    filters: 64,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(3)),
  }).apply(fire2_squeeze$) as tf.SymbolicTensor;
  // fire2_expand3x3: 54x54x16 -> 54x54x64
  const fire2_expand3x3$ = new NetspecConv2D({
    name: "fire2_expand3x3",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(4)),
  }).apply(fire2_squeeze$) as tf.SymbolicTensor;
  // fire2: 54x54x64 + 54x54x64 -> 54x54x128
  const fire2$ = tf.layers.concatenate({
    name: "fire2",
    axis: 3,
  }).apply([fire2_expand1x1$, fire2_expand3x3$]) as tf.SymbolicTensor;
  // fire3_squeeze: 54x54x128 -> 54x54x16
  const fire3_squeeze$ = new NetspecConv2D({
    name: "fire3_squeeze",
    filters: 16,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(6)),
  }).apply(fire2$) as tf.SymbolicTensor;
  // fire3_expand1x1: 54x54x16 -> 54x54x64
  const fire3_expand1x1$ = new NetspecConv2D({
    name: "fire3_expand1x1",
    filters: 64,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(fire3_squeeze$) as tf.SymbolicTensor;
  // fire3_expand3x3: 54x54x16 -> 54x54x64
  const fire3_expand3x3$ = new NetspecConv2D({
    name: "fire3_expand3x3",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(8)),
  }).apply(fire3_squeeze$) as tf.SymbolicTensor;
  // fire3: 54x54x64 + 54x54x64 -> 54x54x128
  const fire3$ = tf.layers.concatenate({
    name: "fire3",
    axis: 3,
  }).apply([fire3_expand1x1$, fire3_expand3x3$]) as tf.SymbolicTensor;
  // fire4_squeeze: 54x54x128 -> 54x54x32
  const fire4_squeeze$ = new NetspecConv2D({
    name: "fire4_squeeze",
    filters: 32,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(10)),
  }).apply(fire3$) as tf.SymbolicTensor;
  // fire4_expand1x1: 54x54x32 -> 54x54x128
  const fire4_expand1x1$ = new NetspecConv2D({
    name: "fire4_expand1x1",
    filters: 128,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(11)),
  }).apply(fire4_squeeze$) as tf.SymbolicTensor;
  // fire4_expand3x3: 54x54x32 -> 54x54x128
  const fire4_expand3x3$ = new NetspecConv2D({
    name: "fire4_expand3x3",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(12)),
  }).apply(fire4_squeeze$) as tf.SymbolicTensor;
  // fire4: 54x54x128 + 54x54x128 -> 54x54x256
  const fire4$ = tf.layers.concatenate({
    name: "fire4",
    axis: 3,
  }).apply([fire4_expand1x1$, fire4_expand3x3$]) as tf.SymbolicTensor;
  // pool4: 54x54x256 -> 27x27x256
  const pool4$ = new NetspecPool2D({
    name: "pool4",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(fire4$) as tf.SymbolicTensor;
  // fire5_squeeze: 27x27x256 -> 27x27x32
  const fire5_squeeze$ = new NetspecConv2D({
    name: "fire5_squeeze",
    filters: 32,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(15)),
  }).apply(pool4$) as tf.SymbolicTensor;
  // fire5_expand1x1: 27x27x32 -> 27x27x128
  const fire5_expand1x1$ = new NetspecConv2D({
    name: "fire5_expand1x1",
    filters: 128,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(16)),
  }).apply(fire5_squeeze$) as tf.SymbolicTensor;
  // fire5_expand3x3: 27x27x32 -> 27x27x128
  const fire5_expand3x3$ = new NetspecConv2D({
    name: "fire5_expand3x3",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(17)),
  }).apply(fire5_squeeze$) as tf.SymbolicTensor;
  // fire5: 27x27x128 + 27x27x128 -> 27x27x256
  const fire5$ = tf.layers.concatenate({
    name: "fire5",
    axis: 3,
  }).apply([fire5_expand1x1$, fire5_expand3x3$]) as tf.SymbolicTensor;
  // fire6_squeeze: 27x27x256 -> 27x27x48
  const fire6_squeeze$ = new NetspecConv2D({
    name: "fire6_squeeze",
    filters: 48,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(19)),
  }).apply(fire5$) as tf.SymbolicTensor;
  // fire6_expand1x1: 27x27x48 -> 27x27x192
  const fire6_expand1x1$ = new NetspecConv2D({
    name: "fire6_expand1x1",
    filters: 192,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(20)),
  }).apply(fire6_squeeze$) as tf.SymbolicTensor;
  // fire6_expand3x3: 27x27x48 -> 27x27x192
  const fire6_expand3x3$ = new NetspecConv2D({
    name: "fire6_expand3x3",
    filters: 192,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(21)),
  }).apply(fire6_squeeze$) as tf.SymbolicTensor;
  // fire6: 27x27x192 + 27x27x192 -> 27x27x384
  const fire6$ = tf.layers.concatenate({
    name: "fire6",
    axis: 3,
  }).apply([fire6_expand1x1$, fire6_expand3x3$]) as tf.SymbolicTensor;
  // fire7_squeeze: 27x27x384 -> 27x27x48
  const fire7_squeeze$ = new NetspecConv2D({
    name: "fire7_squeeze",
    filters: 48,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(23)),
  }).apply(fire6$) as tf.SymbolicTensor;
  // fire7_expand1x1: 27x27x48 -> 27x27x192
  const fire7_expand1x1$ = new NetspecConv2D({
    name: "fire7_expand1x1",
    filters: 192,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(24)),
  }).apply(fire7_squeeze$) as tf.SymbolicTensor;
  // fire7_expand3x3: 27x27x48 -> 27x27x192
  const fire7_expand3x3$ = new NetspecConv2D({
    name: "fire7_expand3x3",
    filters: 192,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(25)),
  }).apply(fire7_squeeze$) as tf.SymbolicTensor;
  // fire7: 27x27x192 + 27x27x192 -> 27x27x384
  const fire7$ = tf.layers.concatenate({
    name: "fire7",
    axis: 3,
  }).apply([fire7_expand1x1$, fire7_expand3x3$]) as tf.SymbolicTensor;
  // fire8_squeeze: 27x27x384 -> 27x27x64
  const fire8_squeeze$ = new NetspecConv2D({
    name: "fire8_squeeze",
    filters: 64,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(27)),
  }).apply(fire7$) as tf.SymbolicTensor;
  // fire8_expand1x1: 27x27x64 -> 27x27x256
  const fire8_expand1x1$ = new NetspecConv2D({
    name: "fire8_expand1x1",
    filters: 256,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(28)),
  }).apply(fire8_squeeze$) as tf.SymbolicTensor;
  // fire8_expand3x3: 27x27x64 -> 27x27x256
  const fire8_expand3x3$ = new NetspecConv2D({
    name: "fire8_expand3x3",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(29)),
  }).apply(fire8_squeeze$) as tf.SymbolicTensor;
  // fire8: 27x27x256 + 27x27x256 -> 27x27x512
  const fire8$ = tf.layers.concatenate({
    name: "fire8",
    axis: 3,
  }).apply([fire8_expand1x1$, fire8_expand3x3$]) as tf.SymbolicTensor;
  // pool8: 27x27x512 -> 13x13x512
  const pool8$ = new NetspecPool2D({
    name: "pool8",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(fire8$) as tf.SymbolicTensor;
  // fire9_squeeze: 13x13x512 -> 13x13x64
  const fire9_squeeze$ = new NetspecConv2D({
    name: "fire9_squeeze",
    filters: 64,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(32)),
  }).apply(pool8$) as tf.SymbolicTensor;
  // fire9_expand1x1: 13x13x64 -> 13x13x256
  const fire9_expand1x1$ = new NetspecConv2D({
    name: "fire9_expand1x1",
    filters: 256,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(33)),
  }).apply(fire9_squeeze$) as tf.SymbolicTensor;
  // fire9_expand3x3: 13x13x64 -> 13x13x256
  const fire9_expand3x3$ = new NetspecConv2D({
    name: "fire9_expand3x3",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(34)),
  }).apply(fire9_squeeze$) as tf.SymbolicTensor;
  // fire9: 13x13x256 + 13x13x256 -> 13x13x512
  const fire9$ = tf.layers.concatenate({
    name: "fire9",
    axis: 3,
  }).apply([fire9_expand1x1$, fire9_expand3x3$]) as tf.SymbolicTensor;
  // drop9: 13x13x512 -> 13x13x512
  const drop9$ = tf.layers.dropout({ name: "drop9", rate: 0.5 }).apply(fire9$) as tf.SymbolicTensor;
  // conv10: 13x13x512 -> 13x13x1000
  const conv10$ = new NetspecConv2D({
    name: "conv10",
    filters: 1000,
    kernelSize: [1, 1],
    activation: "relu",
    kernelInitializer: weightInitializer(init, seedFor(37)),
  }).apply(drop9$) as tf.SymbolicTensor;
  // pool10: 13x13x1000 -> 1000
  const pool10$ = tf.layers.globalAveragePooling2d({ name: "pool10" }).apply(conv10$) as tf.SymbolicTensor;
  // prob: 1000 -> 1000
  const prob$ = new NetspecActivation({ name: "prob", activation: "softmax" }).apply(pool10$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: prob$, name: "squeezenet1_0" });
}

/** The builder under a name every generated module shares. */
export const build = buildSqueezenet10;
