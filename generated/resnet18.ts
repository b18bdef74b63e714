// generated from models/resnet18.yaml by netspec; do not edit.
// torchvision's ResNet-18 (224 input, 11.7 M params, 1.81 G mult-adds)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecPool2D,
  NetspecActivation,
  NetspecDense,
  NetspecBatchNorm,
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

/** The model's name in its spec. */
export const modelName = "resnet18";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "bn1", "relu", "maxpool", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu1", "layer1.0.conv2",
  "layer1.0.bn2", "layer1.0.add", "layer1.0.relu", "layer1.1.conv1", "layer1.1.bn1", "layer1.1.relu1", "layer1.1.conv2",
  "layer1.1.bn2", "layer1.1.add", "layer1.1.relu", "layer2_0.conv1", "layer2_0.bn1", "layer2_0.relu1", "layer2_0.conv2",
  "layer2_0.bn2", "layer2_0.downsample_0", "layer2_0.downsample_1", "layer2_0.add", "layer2_0.relu", "layer2_1.conv1",
  "layer2_1.bn1", "layer2_1.relu1", "layer2_1.conv2", "layer2_1.bn2", "layer2_1.add", "layer2_1.relu", "layer3_0.conv1",
  "layer3_0.bn1", "layer3_0.relu1", "layer3_0.conv2", "layer3_0.bn2", "layer3_0.downsample_0", "layer3_0.downsample_1",
  "layer3_0.add", "layer3_0.relu", "layer3_1.conv1", "layer3_1.bn1", "layer3_1.relu1", "layer3_1.conv2", "layer3_1.bn2",
  "layer3_1.add", "layer3_1.relu", "layer4_0.conv1", "layer4_0.bn1", "layer4_0.relu1", "layer4_0.conv2", "layer4_0.bn2",
  "layer4_0.downsample_0", "layer4_0.downsample_1", "layer4_0.add", "layer4_0.relu", "layer4_1.conv1", "layer4_1.bn1",
  "layer4_1.relu1", "layer4_1.conv2", "layer4_1.bn2", "layer4_1.add", "layer4_1.relu", "avgpool", "fc",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [112, 112, 64],
  "bn1": [112, 112, 64],
  "relu": [112, 112, 64],
  "maxpool": [56, 56, 64],
  "layer1.0.conv1": [56, 56, 64],
  "layer1.0.bn1": [56, 56, 64],
  "layer1.0.relu1": [56, 56, 64],
  "layer1.0.conv2": [56, 56, 64],
  "layer1.0.bn2": [56, 56, 64],
  "layer1.0.add": [56, 56, 64],
  "layer1.0.relu": [56, 56, 64],
  "layer1.1.conv1": [56, 56, 64],
  "layer1.1.bn1": [56, 56, 64],
  "layer1.1.relu1": [56, 56, 64],
  "layer1.1.conv2": [56, 56, 64],
  "layer1.1.bn2": [56, 56, 64],
  "layer1.1.add": [56, 56, 64],
  "layer1.1.relu": [56, 56, 64],
  "layer2_0.conv1": [28, 28, 128],
  "layer2_0.bn1": [28, 28, 128],
  "layer2_0.relu1": [28, 28, 128],
  "layer2_0.conv2": [28, 28, 128],
  "layer2_0.bn2": [28, 28, 128],
  "layer2_0.downsample_0": [28, 28, 128],
  "layer2_0.downsample_1": [28, 28, 128],
  "layer2_0.add": [28, 28, 128],
  "layer2_0.relu": [28, 28, 128],
  "layer2_1.conv1": [28, 28, 128],
  "layer2_1.bn1": [28, 28, 128],
  "layer2_1.relu1": [28, 28, 128],
  "layer2_1.conv2": [28, 28, 128],
  "layer2_1.bn2": [28, 28, 128],
  "layer2_1.add": [28, 28, 128],
  "layer2_1.relu": [28, 28, 128],
  "layer3_0.conv1": [14, 14, 256],
  "layer3_0.bn1": [14, 14, 256],
  "layer3_0.relu1": [14, 14, 256],
  "layer3_0.conv2": [14, 14, 256],
  "layer3_0.bn2": [14, 14, 256],
  "layer3_0.downsample_0": [14, 14, 256],
  "layer3_0.downsample_1": [14, 14, 256],
  "layer3_0.add": [14, 14, 256],
  "layer3_0.relu": [14, 14, 256],
  "layer3_1.conv1": [14, 14, 256],
  "layer3_1.bn1": [14, 14, 256],
  "layer3_1.relu1": [14, 14, 256],
  "layer3_1.conv2": [14, 14, 256],
  "layer3_1.bn2": [14, 14, 256],
  "layer3_1.add": [14, 14, 256],
  "layer3_1.relu": [14, 14, 256],
  "layer4_0.conv1": [7, 7, 512],
  "layer4_0.bn1": [7, 7, 512],
  "layer4_0.relu1": [7, 7, 512],
  "layer4_0.conv2": [7, 7, 512],
  "layer4_0.bn2": [7, 7, 512],
  "layer4_0.downsample_0": [7, 7, 512],
  "layer4_0.downsample_1": [7, 7, 512],
  "layer4_0.add": [7, 7, 512],
  "layer4_0.relu": [7, 7, 512],
  "layer4_1.conv1": [7, 7, 512],
  "layer4_1.bn1": [7, 7, 512],
  "layer4_1.relu1": [7, 7, 512],
  "layer4_1.conv2": [7, 7, 512],
  "layer4_1.bn2": [7, 7, 512],
  "layer4_1.add": [7, 7, 512],
  "layer4_1.relu": [7, 7, 512],
  "avgpool": [512],
  "fc": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 11699112,
  trainableParams: 11689512,
  multAdds: 1814073344,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [112, 112, 64], params: 9408, multAdds: 118013952 },
    { name: "bn1", type: "BatchNorm", outputShape: [112, 112, 64], params: 256, multAdds: 0 },
    { name: "relu", type: "Activation", outputShape: [112, 112, 64], params: 0, multAdds: 0 },
    { name: "maxpool", type: "MaxPool2D", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.0.conv1", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.0.bn1", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.0.relu1", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.0.conv2", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.0.bn2", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.0.add", type: "Add", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.0.relu", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.1.conv1", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.1.bn1", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.1.relu1", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.1.conv2", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.1.bn2", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.1.add", type: "Add", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.1.relu", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer2_0.conv1", type: "Conv2D", outputShape: [28, 28, 128], params: 73728, multAdds: 57802752 },
    { name: "layer2_0.bn1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_0.relu1", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_0.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2_0.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_0.downsample_0", type: "Conv2D", outputShape: [28, 28, 128], params: 8192, multAdds: 6422528 },
    { name: "layer2_0.downsample_1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_0.add", type: "Add", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_0.relu", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_1.conv1", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2_1.bn1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_1.relu1", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_1.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2_1.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_1.add", type: "Add", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_1.relu", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer3_0.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 294912, multAdds: 57802752 },
    { name: "layer3_0.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_0.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_0.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3_0.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_0.downsample_0", type: "Conv2D", outputShape: [14, 14, 256], params: 32768, multAdds: 6422528 },
    { name: "layer3_0.downsample_1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_0.add", type: "Add", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_0.relu", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_1.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3_1.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_1.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_1.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3_1.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_1.add", type: "Add", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_1.relu", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer4_0.conv1", type: "Conv2D", outputShape: [7, 7, 512], params: 1179648, multAdds: 57802752 },
    { name: "layer4_0.bn1", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_0.relu1", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_0.conv2", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4_0.bn2", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_0.downsample_0", type: "Conv2D", outputShape: [7, 7, 512], params: 131072, multAdds: 6422528 },
    { name: "layer4_0.downsample_1", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_0.add", type: "Add", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_0.relu", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_1.conv1", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4_1.bn1", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_1.relu1", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_1.conv2", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4_1.bn2", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_1.add", type: "Add", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_1.relu", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "avgpool", type: "GlobalAvgPool2D", outputShape: [512], params: 0, multAdds: 0 },
    { name: "fc", type: "Dense", outputShape: [1000], params: 513000, multAdds: 512000 },
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

/** Block `basic`: its layers, named `<name>.conv1` …, applied to `x`; returns the last one's output. */
function block$basic(
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
  const add$ = tf.layers.add({ name: name + ".add" }).apply([bn2$, x]) as tf.SymbolicTensor;
  const relu$ = new NetspecActivation({ name: name + ".relu", activation: "relu" }).apply(add$) as tf.SymbolicTensor;
  return relu$;
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

/** Builds resnet18 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildResnet18(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const ctx: BlockContext = { init, options, seedFor };
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1: 224x224x3 -> 112x112x64
  const conv1$ = new NetspecConv2D({
    name: "conv1",
    filters: 64,
    kernelSize: [7, 7],
    strides: [2, 2],
    pad: [3, 3, 3, 3],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // bn1: 112x112x64 -> 112x112x64
  const bn1$ = new NetspecBatchNorm({ name: "bn1" }).apply(conv1$) as tf.SymbolicTensor;
  // relu: 112x112x64 -> 112x112x64
  const relu$ = new NetspecActivation({ name: "relu", activation: "relu" }).apply(bn1$) as tf.SymbolicTensor;
  // maxpool: 112x112x64 -> 56x56x64
  const maxpool$ = new NetspecPool2D({
    name: "maxpool",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
  }).apply(relu$) as tf.SymbolicTensor;
  // layer1.0: block basic, 56x56x64 -> 56x56x64
  const layer1_0_relu$ = block$basic(maxpool$, "layer1.0", { width: 64 }, ctx, 4);
  // layer1.1: block basic, 56x56x64 -> 56x56x64
  const layer1_1_relu$ = block$basic(layer1_0_relu$, "layer1.1", { width: 64 }, ctx, 11);
  // layer2_0: block down, 56x56x64 -> 28x28x128
  const layer2_0_relu$ = block$down(layer1_1_relu$, "layer2_0", { width: 128 }, ctx, 18);
  // layer2_1: block basic, 28x28x128 -> 28x28x128
  const layer2_1_relu$ = block$basic(layer2_0_relu$, "layer2_1", { width: 128 }, ctx, 27);
  // layer3_0: block down, 28x28x128 -> 14x14x256
  const layer3_0_relu$ = block$down(layer2_1_relu$, "layer3_0", { width: 256 }, ctx, 34);
  // layer3_1: block basic, 14x14x256 -> 14x14x256
  const layer3_1_relu$ = block$basic(layer3_0_relu$, "layer3_1", { width: 256 }, ctx, 43);
  // layer4_0: block down, 14x14x256 -> 7x7x512
  const layer4_0_relu$ = block$down(layer3_1_relu$, "layer4_0", { width: 512 }, ctx, 50);
  // layer4_1: block basic, 7x7x512 -> 7x7x512
  const layer4_1_relu$ = block$basic(layer4_0_relu$, "layer4_1", { width: 512 }, ctx, 59);
  // avgpool: 7x7x512 -> 512
  const avgpool$ = tf.layers.globalAveragePooling2d({ name: "avgpool" }).apply(layer4_1_relu$) as tf.SymbolicTensor;
  // fc: 512 -> 1000
  const fc$ = new NetspecDense({
    name: "fc",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(67)),
  }).apply(avgpool$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc$, name: "resnet18" });
}

/** The builder under a name every generated module shares. */
export const build = buildResnet18;
