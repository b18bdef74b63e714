// generated from models/resnet-fashion.yaml by netspec; do not edit.
// ResNet for Fashion-MNIST (28x28x1, 10 classes)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecActivation,
  NetspecDense,
  NetspecBatchNorm,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "resnet-fashion";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [28, 28, 1] as const;

/** Classes the model predicts. */
export const numClasses = 10;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "bn1", "relu", "layer1.conv1", "layer1.bn1", "layer1.relu1", "layer1.conv2", "layer1.bn2",
  "layer1.downsample_0", "layer1.downsample_1", "layer1.add", "layer1.relu", "layer2.conv1", "layer2.bn1",
  "layer2.relu1", "layer2.conv2", "layer2.bn2", "layer2.downsample_0", "layer2.downsample_1", "layer2.add",
  "layer2.relu", "layer3.conv1", "layer3.bn1", "layer3.relu1", "layer3.conv2", "layer3.bn2", "layer3.downsample_0",
  "layer3.downsample_1", "layer3.add", "layer3.relu", "avgpool", "fc",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [28, 28, 32],
  "bn1": [28, 28, 32],
  "relu": [28, 28, 32],
  "layer1.conv1": [14, 14, 32],
  "layer1.bn1": [14, 14, 32],
  "layer1.relu1": [14, 14, 32],
  "layer1.conv2": [14, 14, 32],
  "layer1.bn2": [14, 14, 32],
  "layer1.downsample_0": [14, 14, 32],
  "layer1.downsample_1": [14, 14, 32],
  "layer1.add": [14, 14, 32],
  "layer1.relu": [14, 14, 32],
  "layer2.conv1": [7, 7, 64],
  "layer2.bn1": [7, 7, 64],
  "layer2.relu1": [7, 7, 64],
  "layer2.conv2": [7, 7, 64],
  "layer2.bn2": [7, 7, 64],
  "layer2.downsample_0": [7, 7, 64],
  "layer2.downsample_1": [7, 7, 64],
  "layer2.add": [7, 7, 64],
  "layer2.relu": [7, 7, 64],
  "layer3.conv1": [4, 4, 128],
  "layer3.bn1": [4, 4, 128],
  "layer3.relu1": [4, 4, 128],
  "layer3.conv2": [4, 4, 128],
  "layer3.bn2": [4, 4, 128],
  "layer3.downsample_0": [4, 4, 128],
  "layer3.downsample_1": [4, 4, 128],
  "layer3.add": [4, 4, 128],
  "layer3.relu": [4, 4, 128],
  "avgpool": [128],
  "fc": [10],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 310570,
  trainableParams: 309162,
  multAdds: 10520320,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [28, 28, 32], params: 288, multAdds: 225792 },
    { name: "bn1", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "relu", type: "Activation", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "layer1.conv1", type: "Conv2D", outputShape: [14, 14, 32], params: 9216, multAdds: 1806336 },
    { name: "layer1.bn1", type: "BatchNorm", outputShape: [14, 14, 32], params: 128, multAdds: 0 },
    { name: "layer1.relu1", type: "Activation", outputShape: [14, 14, 32], params: 0, multAdds: 0 },
    { name: "layer1.conv2", type: "Conv2D", outputShape: [14, 14, 32], params: 9216, multAdds: 1806336 },
    { name: "layer1.bn2", type: "BatchNorm", outputShape: [14, 14, 32], params: 128, multAdds: 0 },
    { name: "layer1.downsample_0", type: "Conv2D", outputShape: [14, 14, 32], params: 1024, multAdds: 200704 },
    { name: "layer1.downsample_1", type: "BatchNorm", outputShape: [14, 14, 32], params: 128, multAdds: 0 },
    { name: "layer1.add", type: "Add", outputShape: [14, 14, 32], params: 0, multAdds: 0 },
    { name: "layer1.relu", type: "Activation", outputShape: [14, 14, 32], params: 0, multAdds: 0 },
    { name: "layer2.conv1", type: "Conv2D", outputShape: [7, 7, 64], params: 18432, multAdds: 903168 },
    { name: "layer2.bn1", type: "BatchNorm", outputShape: [7, 7, 64], params: 256, multAdds: 0 },
    { name: "layer2.relu1", type: "Activation", outputShape: [7, 7, 64], params: 0, multAdds: 0 },
    { name: "layer2.conv2", type: "Conv2D", outputShape: [7, 7, 64], params: 36864, multAdds: 1806336 },
    { name: "layer2.bn2", type: "BatchNorm", outputShape: [7, 7, 64], params: 256, multAdds: 0 },
    { name: "layer2.downsample_0", type: "Conv2D", outputShape: [7, 7, 64], params: 2048, multAdds: 100352 },
    { name: "layer2.downsample_1", type: "BatchNorm", outputShape: [7, 7, 64], params: 256, multAdds: 0 },
    { name: "layer2.add", type: "Add", outputShape: [7, 7, 64], params: 0, multAdds: 0 },
    { name: "layer2.relu", type: "Activation", outputShape: [7, 7, 64], params: 0, multAdds: 0 },
    { name: "layer3.conv1", type: "Conv2D", outputShape: [4, 4, 128], params: 73728, multAdds: 1179648 },
    { name: "layer3.bn1", type: "BatchNorm", outputShape: [4, 4, 128], params: 512, multAdds: 0 },
    { name: "layer3.relu1", type: "Activation", outputShape: [4, 4, 128], params: 0, multAdds: 0 },
    { name: "layer3.conv2", type: "Conv2D", outputShape: [4, 4, 128], params: 147456, multAdds: 2359296 },
    { name: "layer3.bn2", type: "BatchNorm", outputShape: [4, 4, 128], params: 512, multAdds: 0 },
    { name: "layer3.downsample_0", type: "Conv2D", outputShape: [4, 4, 128], params: 8192, multAdds: 131072 },
    { name: "layer3.downsample_1", type: "BatchNorm", outputShape: [4, 4, 128], params: 512, multAdds: 0 },
    { name: "layer3.add", type: "Add", outputShape: [4, 4, 128], params: 0, multAdds: 0 },
    { name: "layer3.relu", type: "Activation", outputShape: [4, 4, 128], params: 0, multAdds: 0 },
    { name: "avgpool", type: "GlobalAvgPool2D", outputShape: [128], params: 0, multAdds: 0 },
    { name: "fc", type: "Dense", outputShape: [10], params: 1290, multAdds: 1280 },
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

/** What block functions take from the builder: the spec's scheme (or options.init), the options and the seeds. */
interface BlockContext {
  init: InitScheme;
  options: BuildOptions;
  seedFor: (i: number) => number | undefined;
}

/** Block `down`: its layers, named `<name>.conv1` …, applied to `x`; returns the last one's output. */
function block$down(
  x: tf.SymbolicTensor,
  name: string,
  args: { width: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const conv1$ = new NetspecConv2D({
    name: name + ".conv1",
    filters: args.width,
    kernelSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first)),
  }).apply(x) as tf.SymbolicTensor;
  const bn1$ = new NetspecBatchNorm({ name: name + ".bn1" }).apply(conv1$) as tf.SymbolicTensor;
  const relu1$ = new NetspecActivation({ name: name + ".relu1", activation: "relu" }).apply(bn1$) as tf.SymbolicTensor;
  const conv2$ = new NetspecConv2D({
    name: name + ".conv2",
    filters: args.width,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 3)),
  }).apply(relu1$) as tf.SymbolicTensor;
  const bn2$ = new NetspecBatchNorm({ name: name + ".bn2" }).apply(conv2$) as tf.SymbolicTensor;
  const downsample_0$ = new NetspecConv2D({
    name: name + ".downsample_0",
    filters: args.width,
    kernelSize: [1, 1],
    strides: [2, 2],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 5)),
  }).apply(x) as tf.SymbolicTensor;
  const downsample_1$ = new NetspecBatchNorm({
    name: name + ".downsample_1",
  }).apply(downsample_0$) as tf.SymbolicTensor;
  const add$ = tf.layers.add({ name: name + ".add" }).apply([bn2$, downsample_1$]) as tf.SymbolicTensor;
  const relu$ = new NetspecActivation({ name: name + ".relu", activation: "relu" }).apply(add$) as tf.SymbolicTensor;
  return relu$;
}

/** Builds resnet-fashion as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildResnetFashion(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const ctx: BlockContext = { init, options, seedFor };
  const input = tf.input({ shape: [28, 28, 1], name: "input" });
  // conv1: 28x28x1 -> 28x28x32
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 32,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // bn1: 28x28x32 -> 28x28x32
  const bn1$ = new NetspecBatchNorm({ name: "bn1" }).apply(conv1$) as tf.SymbolicTensor;
  // relu: 28x28x32 -> 28x28x32
  const relu$ = new NetspecActivation({ name: "relu", activation: "relu" }).apply(bn1$) as tf.SymbolicTensor;
  // layer1: block down, 28x28x32 -> 14x14x32
  const layer1_relu$ = block$down(relu$, "layer1", { width: 32 }, ctx, 3);
  // layer2: block down, 14x14x32 -> 7x7x64
  const layer2_relu$ = block$down(layer1_relu$, "layer2", { width: 64 }, ctx, 12);
  // layer3: block down, 7x7x64 -> 4x4x128
  const layer3_relu$ = block$down(layer2_relu$, "layer3", { width: 128 }, ctx, 21);
  // avgpool: 4x4x128 -> 128
  const avgpool$ = tf.layers.globalAveragePooling2d({ name: "avgpool" }).apply(layer3_relu$) as tf.SymbolicTensor;
  // fc: 128 -> 10
  const fc$ = new NetspecDense({
    name: "fc",
    units: 10,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(31)),
  }).apply(avgpool$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc$, name: "resnet-fashion" });
}

/** The builder under a name every generated module shares. */
export const build = buildResnetFashion;
