// generated from models/googlenet.yaml by netspec; do not edit.
// torchvision's GoogLeNet (224 input, 6.6 M params, 1.50 G mult-adds)
import * as tf from "@tensorflow/tfjs";
import {
  registerNetspecLayers,
  NetspecConv2D,
  NetspecPool2D,
  NetspecActivation,
  NetspecDense,
  NetspecBatchNorm,
} from "../src/runtime/layers/index.ts";
import { weightInitializer, type InitScheme } from "../src/runtime/init.ts";

/** The model's name in its spec. */
export const modelName = "googlenet";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1.conv", "conv1.bn", "conv1.relu", "maxpool1", "conv2.conv", "conv2.bn", "conv2.relu", "conv3.conv", "conv3.bn",
  "conv3.relu", "maxpool2", "inception3a.branch1.conv", "inception3a.branch1.bn", "inception3a.branch1.relu",
  "inception3a.branch2_0.conv", "inception3a.branch2_0.bn", "inception3a.branch2_0.relu", "inception3a.branch2_1.conv",
  "inception3a.branch2_1.bn", "inception3a.branch2_1.relu", "inception3a.branch3_0.conv", "inception3a.branch3_0.bn",
  "inception3a.branch3_0.relu", "inception3a.branch3_1.conv", "inception3a.branch3_1.bn", "inception3a.branch3_1.relu",
  "inception3a.branch4_0", "inception3a.branch4_1.conv", "inception3a.branch4_1.bn", "inception3a.branch4_1.relu",
  "inception3a.cat", "inception3b.branch1.conv", "inception3b.branch1.bn", "inception3b.branch1.relu",
  "inception3b.branch2_0.conv", "inception3b.branch2_0.bn", "inception3b.branch2_0.relu", "inception3b.branch2_1.conv",
  "inception3b.branch2_1.bn", "inception3b.branch2_1.relu", "inception3b.branch3_0.conv", "inception3b.branch3_0.bn",
  "inception3b.branch3_0.relu", "inception3b.branch3_1.conv", "inception3b.branch3_1.bn", "inception3b.branch3_1.relu",
  "inception3b.branch4_0", "inception3b.branch4_1.conv", "inception3b.branch4_1.bn", "inception3b.branch4_1.relu",
  "inception3b.cat", "maxpool3", "inception4a.branch1.conv", "inception4a.branch1.bn", "inception4a.branch1.relu",
  "inception4a.branch2_0.conv", "inception4a.branch2_0.bn", "inception4a.branch2_0.relu", "inception4a.branch2_1.conv",
  "inception4a.branch2_1.bn", "inception4a.branch2_1.relu", "inception4a.branch3_0.conv", "inception4a.branch3_0.bn",
  "inception4a.branch3_0.relu", "inception4a.branch3_1.conv", "inception4a.branch3_1.bn", "inception4a.branch3_1.relu",
  "inception4a.branch4_0", "inception4a.branch4_1.conv", "inception4a.branch4_1.bn", "inception4a.branch4_1.relu",
  "inception4a.cat", "inception4b.branch1.conv", "inception4b.branch1.bn", "inception4b.branch1.relu",
  "inception4b.branch2_0.conv", "inception4b.branch2_0.bn", "inception4b.branch2_0.relu", "inception4b.branch2_1.conv",
  "inception4b.branch2_1.bn", "inception4b.branch2_1.relu", "inception4b.branch3_0.conv", "inception4b.branch3_0.bn",
  "inception4b.branch3_0.relu", "inception4b.branch3_1.conv", "inception4b.branch3_1.bn", "inception4b.branch3_1.relu",
  "inception4b.branch4_0", "inception4b.branch4_1.conv", "inception4b.branch4_1.bn", "inception4b.branch4_1.relu",
  "inception4b.cat", "inception4c.branch1.conv", "inception4c.branch1.bn", "inception4c.branch1.relu",
  "inception4c.branch2_0.conv", "inception4c.branch2_0.bn", "inception4c.branch2_0.relu", "inception4c.branch2_1.conv",
  "inception4c.branch2_1.bn", "inception4c.branch2_1.relu", "inception4c.branch3_0.conv", "inception4c.branch3_0.bn",
  "inception4c.branch3_0.relu", "inception4c.branch3_1.conv", "inception4c.branch3_1.bn", "inception4c.branch3_1.relu",
  "inception4c.branch4_0", "inception4c.branch4_1.conv", "inception4c.branch4_1.bn", "inception4c.branch4_1.relu",
  "inception4c.cat", "inception4d.branch1.conv", "inception4d.branch1.bn", "inception4d.branch1.relu",
  "inception4d.branch2_0.conv", "inception4d.branch2_0.bn", "inception4d.branch2_0.relu", "inception4d.branch2_1.conv",
  "inception4d.branch2_1.bn", "inception4d.branch2_1.relu", "inception4d.branch3_0.conv", "inception4d.branch3_0.bn",
  "inception4d.branch3_0.relu", "inception4d.branch3_1.conv", "inception4d.branch3_1.bn", "inception4d.branch3_1.relu",
  "inception4d.branch4_0", "inception4d.branch4_1.conv", "inception4d.branch4_1.bn", "inception4d.branch4_1.relu",
  "inception4d.cat", "inception4e.branch1.conv", "inception4e.branch1.bn", "inception4e.branch1.relu",
  "inception4e.branch2_0.conv", "inception4e.branch2_0.bn", "inception4e.branch2_0.relu", "inception4e.branch2_1.conv",
  "inception4e.branch2_1.bn", "inception4e.branch2_1.relu", "inception4e.branch3_0.conv", "inception4e.branch3_0.bn",
  "inception4e.branch3_0.relu", "inception4e.branch3_1.conv", "inception4e.branch3_1.bn", "inception4e.branch3_1.relu",
  "inception4e.branch4_0", "inception4e.branch4_1.conv", "inception4e.branch4_1.bn", "inception4e.branch4_1.relu",
  "inception4e.cat", "maxpool4", "inception5a.branch1.conv", "inception5a.branch1.bn", "inception5a.branch1.relu",
  "inception5a.branch2_0.conv", "inception5a.branch2_0.bn", "inception5a.branch2_0.relu", "inception5a.branch2_1.conv",
  "inception5a.branch2_1.bn", "inception5a.branch2_1.relu", "inception5a.branch3_0.conv", "inception5a.branch3_0.bn",
  "inception5a.branch3_0.relu", "inception5a.branch3_1.conv", "inception5a.branch3_1.bn", "inception5a.branch3_1.relu",
  "inception5a.branch4_0", "inception5a.branch4_1.conv", "inception5a.branch4_1.bn", "inception5a.branch4_1.relu",
  "inception5a.cat", "inception5b.branch1.conv", "inception5b.branch1.bn", "inception5b.branch1.relu",
  "inception5b.branch2_0.conv", "inception5b.branch2_0.bn", "inception5b.branch2_0.relu", "inception5b.branch2_1.conv",
  "inception5b.branch2_1.bn", "inception5b.branch2_1.relu", "inception5b.branch3_0.conv", "inception5b.branch3_0.bn",
  "inception5b.branch3_0.relu", "inception5b.branch3_1.conv", "inception5b.branch3_1.bn", "inception5b.branch3_1.relu",
  "inception5b.branch4_0", "inception5b.branch4_1.conv", "inception5b.branch4_1.bn", "inception5b.branch4_1.relu",
  "inception5b.cat", "avgpool", "dropout", "fc",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1.conv": [112, 112, 64],
  "conv1.bn": [112, 112, 64],
  "conv1.relu": [112, 112, 64],
  "maxpool1": [56, 56, 64],
  "conv2.conv": [56, 56, 64],
  "conv2.bn": [56, 56, 64],
  "conv2.relu": [56, 56, 64],
  "conv3.conv": [56, 56, 192],
  "conv3.bn": [56, 56, 192],
  "conv3.relu": [56, 56, 192],
  "maxpool2": [28, 28, 192],
  "inception3a.branch1.conv": [28, 28, 64],
  "inception3a.branch1.bn": [28, 28, 64],
  "inception3a.branch1.relu": [28, 28, 64],
  "inception3a.branch2_0.conv": [28, 28, 96],
  "inception3a.branch2_0.bn": [28, 28, 96],
  "inception3a.branch2_0.relu": [28, 28, 96],
  "inception3a.branch2_1.conv": [28, 28, 128],
  "inception3a.branch2_1.bn": [28, 28, 128],
  "inception3a.branch2_1.relu": [28, 28, 128],
  "inception3a.branch3_0.conv": [28, 28, 16],
  "inception3a.branch3_0.bn": [28, 28, 16],
  "inception3a.branch3_0.relu": [28, 28, 16],
  "inception3a.branch3_1.conv": [28, 28, 32],
  "inception3a.branch3_1.bn": [28, 28, 32],
  "inception3a.branch3_1.relu": [28, 28, 32],
  "inception3a.branch4_0": [28, 28, 192],
  "inception3a.branch4_1.conv": [28, 28, 32],
  "inception3a.branch4_1.bn": [28, 28, 32],
  "inception3a.branch4_1.relu": [28, 28, 32],
  "inception3a.cat": [28, 28, 256],
  "inception3b.branch1.conv": [28, 28, 128],
  "inception3b.branch1.bn": [28, 28, 128],
  "inception3b.branch1.relu": [28, 28, 128],
  "inception3b.branch2_0.conv": [28, 28, 128],
  "inception3b.branch2_0.bn": [28, 28, 128],
  "inception3b.branch2_0.relu": [28, 28, 128],
  "inception3b.branch2_1.conv": [28, 28, 192],
  "inception3b.branch2_1.bn": [28, 28, 192],
  "inception3b.branch2_1.relu": [28, 28, 192],
  "inception3b.branch3_0.conv": [28, 28, 32],
  "inception3b.branch3_0.bn": [28, 28, 32],
  "inception3b.branch3_0.relu": [28, 28, 32],
  "inception3b.branch3_1.conv": [28, 28, 96],
  "inception3b.branch3_1.bn": [28, 28, 96],
  "inception3b.branch3_1.relu": [28, 28, 96],
  "inception3b.branch4_0": [28, 28, 256],
  "inception3b.branch4_1.conv": [28, 28, 64],
  "inception3b.branch4_1.bn": [28, 28, 64],
  "inception3b.branch4_1.relu": [28, 28, 64],
  "inception3b.cat": [28, 28, 480],
  "maxpool3": [14, 14, 480],
  "inception4a.branch1.conv": [14, 14, 192],
  "inception4a.branch1.bn": [14, 14, 192],
  "inception4a.branch1.relu": [14, 14, 192],
  "inception4a.branch2_0.conv": [14, 14, 96],
  "inception4a.branch2_0.bn": [14, 14, 96],
  "inception4a.branch2_0.relu": [14, 14, 96],
  "inception4a.branch2_1.conv": [14, 14, 208],
  "inception4a.branch2_1.bn": [14, 14, 208],
  "inception4a.branch2_1.relu": [14, 14, 208],
  "inception4a.branch3_0.conv": [14, 14, 16],
  "inception4a.branch3_0.bn": [14, 14, 16],
  "inception4a.branch3_0.relu": [14, 14, 16],
  "inception4a.branch3_1.conv": [14, 14, 48],
  "inception4a.branch3_1.bn": [14, 14, 48],
  "inception4a.branch3_1.relu": [14, 14, 48],
  "inception4a.branch4_0": [14, 14, 480],
  "inception4a.branch4_1.conv": [14, 14, 64],
  "inception4a.branch4_1.bn": [14, 14, 64],
  "inception4a.branch4_1.relu": [14, 14, 64],
  "inception4a.cat": [14, 14, 512],
  "inception4b.branch1.conv": [14, 14, 160],
  "inception4b.branch1.bn": [14, 14, 160],
  "inception4b.branch1.relu": [14, 14, 160],
  "inception4b.branch2_0.conv": [14, 14, 112],
  "inception4b.branch2_0.bn": [14, 14, 112],
  "inception4b.branch2_0.relu": [14, 14, 112],
  "inception4b.branch2_1.conv": [14, 14, 224],
  "inception4b.branch2_1.bn": [14, 14, 224],
  "inception4b.branch2_1.relu": [14, 14, 224],
  "inception4b.branch3_0.conv": [14, 14, 24],
  "inception4b.branch3_0.bn": [14, 14, 24],
  "inception4b.branch3_0.relu": [14, 14, 24],
  "inception4b.branch3_1.conv": [14, 14, 64],
  "inception4b.branch3_1.bn": [14, 14, 64],
  "inception4b.branch3_1.relu": [14, 14, 64],
  "inception4b.branch4_0": [14, 14, 512],
  "inception4b.branch4_1.conv": [14, 14, 64],
  "inception4b.branch4_1.bn": [14, 14, 64],
  "inception4b.branch4_1.relu": [14, 14, 64],
  "inception4b.cat": [14, 14, 512],
  "inception4c.branch1.conv": [14, 14, 128],
  "inception4c.branch1.bn": [14, 14, 128],
  "inception4c.branch1.relu": [14, 14, 128],
  "inception4c.branch2_0.conv": [14, 14, 128],
  "inception4c.branch2_0.bn": [14, 14, 128],
  "inception4c.branch2_0.relu": [14, 14, 128],
  "inception4c.branch2_1.conv": [14, 14, 256],
  "inception4c.branch2_1.bn": [14, 14, 256],
  "inception4c.branch2_1.relu": [14, 14, 256],
  "inception4c.branch3_0.conv": [14, 14, 24],
  "inception4c.branch3_0.bn": [14, 14, 24],
  "inception4c.branch3_0.relu": [14, 14, 24],
  "inception4c.branch3_1.conv": [14, 14, 64],
  "inception4c.branch3_1.bn": [14, 14, 64],
  "inception4c.branch3_1.relu": [14, 14, 64],
  "inception4c.branch4_0": [14, 14, 512],
  "inception4c.branch4_1.conv": [14, 14, 64],
  "inception4c.branch4_1.bn": [14, 14, 64],
  "inception4c.branch4_1.relu": [14, 14, 64],
  "inception4c.cat": [14, 14, 512],
  "inception4d.branch1.conv": [14, 14, 112],
  "inception4d.branch1.bn": [14, 14, 112],
  "inception4d.branch1.relu": [14, 14, 112],
  "inception4d.branch2_0.conv": [14, 14, 144],
  "inception4d.branch2_0.bn": [14, 14, 144],
  "inception4d.branch2_0.relu": [14, 14, 144],
  "inception4d.branch2_1.conv": [14, 14, 288],
  "inception4d.branch2_1.bn": [14, 14, 288],
  "inception4d.branch2_1.relu": [14, 14, 288],
  "inception4d.branch3_0.conv": [14, 14, 32],
  "inception4d.branch3_0.bn": [14, 14, 32],
  "inception4d.branch3_0.relu": [14, 14, 32],
  "inception4d.branch3_1.conv": [14, 14, 64],
  "inception4d.branch3_1.bn": [14, 14, 64],
  "inception4d.branch3_1.relu": [14, 14, 64],
  "inception4d.branch4_0": [14, 14, 512],
  "inception4d.branch4_1.conv": [14, 14, 64],
  "inception4d.branch4_1.bn": [14, 14, 64],
  "inception4d.branch4_1.relu": [14, 14, 64],
  "inception4d.cat": [14, 14, 528],
  "inception4e.branch1.conv": [14, 14, 256],
  "inception4e.branch1.bn": [14, 14, 256],
  "inception4e.branch1.relu": [14, 14, 256],
  "inception4e.branch2_0.conv": [14, 14, 160],
  "inception4e.branch2_0.bn": [14, 14, 160],
  "inception4e.branch2_0.relu": [14, 14, 160],
  "inception4e.branch2_1.conv": [14, 14, 320],
  "inception4e.branch2_1.bn": [14, 14, 320],
  "inception4e.branch2_1.relu": [14, 14, 320],
  "inception4e.branch3_0.conv": [14, 14, 32],
  "inception4e.branch3_0.bn": [14, 14, 32],
  "inception4e.branch3_0.relu": [14, 14, 32],
  "inception4e.branch3_1.conv": [14, 14, 128],
  "inception4e.branch3_1.bn": [14, 14, 128],
  "inception4e.branch3_1.relu": [14, 14, 128],
  "inception4e.branch4_0": [14, 14, 528],
  "inception4e.branch4_1.conv": [14, 14, 128],
  "inception4e.branch4_1.bn": [14, 14, 128],
  "inception4e.branch4_1.relu": [14, 14, 128],
  "inception4e.cat": [14, 14, 832],
  "maxpool4": [7, 7, 832],
  "inception5a.branch1.conv": [7, 7, 256],
  "inception5a.branch1.bn": [7, 7, 256],
  "inception5a.branch1.relu": [7, 7, 256],
  "inception5a.branch2_0.conv": [7, 7, 160],
  "inception5a.branch2_0.bn": [7, 7, 160],
  "inception5a.branch2_0.relu": [7, 7, 160],
  "inception5a.branch2_1.conv": [7, 7, 320],
  "inception5a.branch2_1.bn": [7, 7, 320],
  "inception5a.branch2_1.relu": [7, 7, 320],
  "inception5a.branch3_0.conv": [7, 7, 32],
  "inception5a.branch3_0.bn": [7, 7, 32],
  "inception5a.branch3_0.relu": [7, 7, 32],
  "inception5a.branch3_1.conv": [7, 7, 128],
  "inception5a.branch3_1.bn": [7, 7, 128],
  "inception5a.branch3_1.relu": [7, 7, 128],
  "inception5a.branch4_0": [7, 7, 832],
  "inception5a.branch4_1.conv": [7, 7, 128],
  "inception5a.branch4_1.bn": [7, 7, 128],
  "inception5a.branch4_1.relu": [7, 7, 128],
  "inception5a.cat": [7, 7, 832],
  "inception5b.branch1.conv": [7, 7, 384],
  "inception5b.branch1.bn": [7, 7, 384],
  "inception5b.branch1.relu": [7, 7, 384],
  "inception5b.branch2_0.conv": [7, 7, 192],
  "inception5b.branch2_0.bn": [7, 7, 192],
  "inception5b.branch2_0.relu": [7, 7, 192],
  "inception5b.branch2_1.conv": [7, 7, 384],
  "inception5b.branch2_1.bn": [7, 7, 384],
  "inception5b.branch2_1.relu": [7, 7, 384],
  "inception5b.branch3_0.conv": [7, 7, 48],
  "inception5b.branch3_0.bn": [7, 7, 48],
  "inception5b.branch3_0.relu": [7, 7, 48],
  "inception5b.branch3_1.conv": [7, 7, 128],
  "inception5b.branch3_1.bn": [7, 7, 128],
  "inception5b.branch3_1.relu": [7, 7, 128],
  "inception5b.branch4_0": [7, 7, 832],
  "inception5b.branch4_1.conv": [7, 7, 128],
  "inception5b.branch4_1.bn": [7, 7, 128],
  "inception5b.branch4_1.relu": [7, 7, 128],
  "inception5b.cat": [7, 7, 1024],
  "avgpool": [1024],
  "dropout": [1024],
  "fc": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 6639464,
  trainableParams: 6624904,
  multAdds: 1498376192,
  layers: [
    { name: "conv1.conv", type: "Conv2D", outputShape: [112, 112, 64], params: 9408, multAdds: 118013952 },
    { name: "conv1.bn", type: "BatchNorm", outputShape: [112, 112, 64], params: 256, multAdds: 0 },
    { name: "conv1.relu", type: "Activation", outputShape: [112, 112, 64], params: 0, multAdds: 0 },
    { name: "maxpool1", type: "MaxPool2D", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "conv2.conv", type: "Conv2D", outputShape: [56, 56, 64], params: 4096, multAdds: 12845056 },
    { name: "conv2.bn", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "conv2.relu", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "conv3.conv", type: "Conv2D", outputShape: [56, 56, 192], params: 110592, multAdds: 346816512 },
    { name: "conv3.bn", type: "BatchNorm", outputShape: [56, 56, 192], params: 768, multAdds: 0 },
    { name: "conv3.relu", type: "Activation", outputShape: [56, 56, 192], params: 0, multAdds: 0 },
    { name: "maxpool2", type: "MaxPool2D", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "inception3a.branch1.conv", type: "Conv2D", outputShape: [28, 28, 64], params: 12288, multAdds: 9633792 },
    { name: "inception3a.branch1.bn", type: "BatchNorm", outputShape: [28, 28, 64], params: 256, multAdds: 0 },
    { name: "inception3a.branch1.relu", type: "Activation", outputShape: [28, 28, 64], params: 0, multAdds: 0 },
    {
      name: "inception3a.branch2_0.conv",
      type: "Conv2D",
      outputShape: [28, 28, 96],
      params: 18432,
      multAdds: 14450688,
    },
    { name: "inception3a.branch2_0.bn", type: "BatchNorm", outputShape: [28, 28, 96], params: 384, multAdds: 0 },
    { name: "inception3a.branch2_0.relu", type: "Activation", outputShape: [28, 28, 96], params: 0, multAdds: 0 },
    {
      name: "inception3a.branch2_1.conv",
      type: "Conv2D",
      outputShape: [28, 28, 128],
      params: 110592,
      multAdds: 86704128,
    },
    { name: "inception3a.branch2_1.bn", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "inception3a.branch2_1.relu", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "inception3a.branch3_0.conv", type: "Conv2D", outputShape: [28, 28, 16], params: 3072, multAdds: 2408448 },
    { name: "inception3a.branch3_0.bn", type: "BatchNorm", outputShape: [28, 28, 16], params: 64, multAdds: 0 },
    { name: "inception3a.branch3_0.relu", type: "Activation", outputShape: [28, 28, 16], params: 0, multAdds: 0 },
    { name: "inception3a.branch3_1.conv", type: "Conv2D", outputShape: [28, 28, 32], params: 4608, multAdds: 3612672 },
    { name: "inception3a.branch3_1.bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "inception3a.branch3_1.relu", type: "Activation", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "inception3a.branch4_0", type: "MaxPool2D", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "inception3a.branch4_1.conv", type: "Conv2D", outputShape: [28, 28, 32], params: 6144, multAdds: 4816896 },
    { name: "inception3a.branch4_1.bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "inception3a.branch4_1.relu", type: "Activation", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "inception3a.cat", type: "Concatenate", outputShape: [28, 28, 256], params: 0, multAdds: 0 },
    { name: "inception3b.branch1.conv", type: "Conv2D", outputShape: [28, 28, 128], params: 32768, multAdds: 25690112 },
    { name: "inception3b.branch1.bn", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "inception3b.branch1.relu", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    {
      name: "inception3b.branch2_0.conv",
      type: "Conv2D",
      outputShape: [28, 28, 128],
      params: 32768,
      multAdds: 25690112,
    },
    { name: "inception3b.branch2_0.bn", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "inception3b.branch2_0.relu", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    {
      name: "inception3b.branch2_1.conv",
      type: "Conv2D",
      outputShape: [28, 28, 192],
      params: 221184,
      multAdds: 173408256,
    },
    { name: "inception3b.branch2_1.bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "inception3b.branch2_1.relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "inception3b.branch3_0.conv", type: "Conv2D", outputShape: [28, 28, 32], params: 8192, multAdds: 6422528 },
    { name: "inception3b.branch3_0.bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "inception3b.branch3_0.relu", type: "Activation", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    {
      name: "inception3b.branch3_1.conv",
      type: "Conv2D",
      outputShape: [28, 28, 96],
      params: 27648,
      multAdds: 21676032,
    },
    { name: "inception3b.branch3_1.bn", type: "BatchNorm", outputShape: [28, 28, 96], params: 384, multAdds: 0 },
    { name: "inception3b.branch3_1.relu", type: "Activation", outputShape: [28, 28, 96], params: 0, multAdds: 0 },
    { name: "inception3b.branch4_0", type: "MaxPool2D", outputShape: [28, 28, 256], params: 0, multAdds: 0 },
    {
      name: "inception3b.branch4_1.conv",
      type: "Conv2D",
      outputShape: [28, 28, 64],
      params: 16384,
      multAdds: 12845056,
    },
    { name: "inception3b.branch4_1.bn", type: "BatchNorm", outputShape: [28, 28, 64], params: 256, multAdds: 0 },
    { name: "inception3b.branch4_1.relu", type: "Activation", outputShape: [28, 28, 64], params: 0, multAdds: 0 },
    { name: "inception3b.cat", type: "Concatenate", outputShape: [28, 28, 480], params: 0, multAdds: 0 },
    { name: "maxpool3", type: "MaxPool2D", outputShape: [14, 14, 480], params: 0, multAdds: 0 },
    { name: "inception4a.branch1.conv", type: "Conv2D", outputShape: [14, 14, 192], params: 92160, multAdds: 18063360 },
    { name: "inception4a.branch1.bn", type: "BatchNorm", outputShape: [14, 14, 192], params: 768, multAdds: 0 },
    { name: "inception4a.branch1.relu", type: "Activation", outputShape: [14, 14, 192], params: 0, multAdds: 0 },
    { name: "inception4a.branch2_0.conv", type: "Conv2D", outputShape: [14, 14, 96], params: 46080, multAdds: 9031680 },
    { name: "inception4a.branch2_0.bn", type: "BatchNorm", outputShape: [14, 14, 96], params: 384, multAdds: 0 },
    { name: "inception4a.branch2_0.relu", type: "Activation", outputShape: [14, 14, 96], params: 0, multAdds: 0 },
    {
      name: "inception4a.branch2_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 208],
      params: 179712,
      multAdds: 35223552,
    },
    { name: "inception4a.branch2_1.bn", type: "BatchNorm", outputShape: [14, 14, 208], params: 832, multAdds: 0 },
    { name: "inception4a.branch2_1.relu", type: "Activation", outputShape: [14, 14, 208], params: 0, multAdds: 0 },
    { name: "inception4a.branch3_0.conv", type: "Conv2D", outputShape: [14, 14, 16], params: 7680, multAdds: 1505280 },
    { name: "inception4a.branch3_0.bn", type: "BatchNorm", outputShape: [14, 14, 16], params: 64, multAdds: 0 },
    { name: "inception4a.branch3_0.relu", type: "Activation", outputShape: [14, 14, 16], params: 0, multAdds: 0 },
    { name: "inception4a.branch3_1.conv", type: "Conv2D", outputShape: [14, 14, 48], params: 6912, multAdds: 1354752 },
    { name: "inception4a.branch3_1.bn", type: "BatchNorm", outputShape: [14, 14, 48], params: 192, multAdds: 0 },
    { name: "inception4a.branch3_1.relu", type: "Activation", outputShape: [14, 14, 48], params: 0, multAdds: 0 },
    { name: "inception4a.branch4_0", type: "MaxPool2D", outputShape: [14, 14, 480], params: 0, multAdds: 0 },
    { name: "inception4a.branch4_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 30720, multAdds: 6021120 },
    { name: "inception4a.branch4_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4a.branch4_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4a.cat", type: "Concatenate", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4b.branch1.conv", type: "Conv2D", outputShape: [14, 14, 160], params: 81920, multAdds: 16056320 },
    { name: "inception4b.branch1.bn", type: "BatchNorm", outputShape: [14, 14, 160], params: 640, multAdds: 0 },
    { name: "inception4b.branch1.relu", type: "Activation", outputShape: [14, 14, 160], params: 0, multAdds: 0 },
    {
      name: "inception4b.branch2_0.conv",
      type: "Conv2D",
      outputShape: [14, 14, 112],
      params: 57344,
      multAdds: 11239424,
    },
    { name: "inception4b.branch2_0.bn", type: "BatchNorm", outputShape: [14, 14, 112], params: 448, multAdds: 0 },
    { name: "inception4b.branch2_0.relu", type: "Activation", outputShape: [14, 14, 112], params: 0, multAdds: 0 },
    {
      name: "inception4b.branch2_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 224],
      params: 225792,
      multAdds: 44255232,
    },
    { name: "inception4b.branch2_1.bn", type: "BatchNorm", outputShape: [14, 14, 224], params: 896, multAdds: 0 },
    { name: "inception4b.branch2_1.relu", type: "Activation", outputShape: [14, 14, 224], params: 0, multAdds: 0 },
    { name: "inception4b.branch3_0.conv", type: "Conv2D", outputShape: [14, 14, 24], params: 12288, multAdds: 2408448 },
    { name: "inception4b.branch3_0.bn", type: "BatchNorm", outputShape: [14, 14, 24], params: 96, multAdds: 0 },
    { name: "inception4b.branch3_0.relu", type: "Activation", outputShape: [14, 14, 24], params: 0, multAdds: 0 },
    { name: "inception4b.branch3_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 13824, multAdds: 2709504 },
    { name: "inception4b.branch3_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4b.branch3_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4b.branch4_0", type: "MaxPool2D", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4b.branch4_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 32768, multAdds: 6422528 },
    { name: "inception4b.branch4_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4b.branch4_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4b.cat", type: "Concatenate", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4c.branch1.conv", type: "Conv2D", outputShape: [14, 14, 128], params: 65536, multAdds: 12845056 },
    { name: "inception4c.branch1.bn", type: "BatchNorm", outputShape: [14, 14, 128], params: 512, multAdds: 0 },
    { name: "inception4c.branch1.relu", type: "Activation", outputShape: [14, 14, 128], params: 0, multAdds: 0 },
    {
      name: "inception4c.branch2_0.conv",
      type: "Conv2D",
      outputShape: [14, 14, 128],
      params: 65536,
      multAdds: 12845056,
    },
    { name: "inception4c.branch2_0.bn", type: "BatchNorm", outputShape: [14, 14, 128], params: 512, multAdds: 0 },
    { name: "inception4c.branch2_0.relu", type: "Activation", outputShape: [14, 14, 128], params: 0, multAdds: 0 },
    {
      name: "inception4c.branch2_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 256],
      params: 294912,
      multAdds: 57802752,
    },
    { name: "inception4c.branch2_1.bn", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "inception4c.branch2_1.relu", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "inception4c.branch3_0.conv", type: "Conv2D", outputShape: [14, 14, 24], params: 12288, multAdds: 2408448 },
    { name: "inception4c.branch3_0.bn", type: "BatchNorm", outputShape: [14, 14, 24], params: 96, multAdds: 0 },
    { name: "inception4c.branch3_0.relu", type: "Activation", outputShape: [14, 14, 24], params: 0, multAdds: 0 },
    { name: "inception4c.branch3_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 13824, multAdds: 2709504 },
    { name: "inception4c.branch3_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4c.branch3_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4c.branch4_0", type: "MaxPool2D", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4c.branch4_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 32768, multAdds: 6422528 },
    { name: "inception4c.branch4_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4c.branch4_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4c.cat", type: "Concatenate", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4d.branch1.conv", type: "Conv2D", outputShape: [14, 14, 112], params: 57344, multAdds: 11239424 },
    { name: "inception4d.branch1.bn", type: "BatchNorm", outputShape: [14, 14, 112], params: 448, multAdds: 0 },
    { name: "inception4d.branch1.relu", type: "Activation", outputShape: [14, 14, 112], params: 0, multAdds: 0 },
    {
      name: "inception4d.branch2_0.conv",
      type: "Conv2D",
      outputShape: [14, 14, 144],
      params: 73728,
      multAdds: 14450688,
    },
    { name: "inception4d.branch2_0.bn", type: "BatchNorm", outputShape: [14, 14, 144], params: 576, multAdds: 0 },
    { name: "inception4d.branch2_0.relu", type: "Activation", outputShape: [14, 14, 144], params: 0, multAdds: 0 },
    {
      name: "inception4d.branch2_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 288],
      params: 373248,
      multAdds: 73156608,
    },
    { name: "inception4d.branch2_1.bn", type: "BatchNorm", outputShape: [14, 14, 288], params: 1152, multAdds: 0 },
    { name: "inception4d.branch2_1.relu", type: "Activation", outputShape: [14, 14, 288], params: 0, multAdds: 0 },
    { name: "inception4d.branch3_0.conv", type: "Conv2D", outputShape: [14, 14, 32], params: 16384, multAdds: 3211264 },
    { name: "inception4d.branch3_0.bn", type: "BatchNorm", outputShape: [14, 14, 32], params: 128, multAdds: 0 },
    { name: "inception4d.branch3_0.relu", type: "Activation", outputShape: [14, 14, 32], params: 0, multAdds: 0 },
    { name: "inception4d.branch3_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 18432, multAdds: 3612672 },
    { name: "inception4d.branch3_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4d.branch3_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4d.branch4_0", type: "MaxPool2D", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "inception4d.branch4_1.conv", type: "Conv2D", outputShape: [14, 14, 64], params: 32768, multAdds: 6422528 },
    { name: "inception4d.branch4_1.bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "inception4d.branch4_1.relu", type: "Activation", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "inception4d.cat", type: "Concatenate", outputShape: [14, 14, 528], params: 0, multAdds: 0 },
    {
      name: "inception4e.branch1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 256],
      params: 135168,
      multAdds: 26492928,
    },
    { name: "inception4e.branch1.bn", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "inception4e.branch1.relu", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    {
      name: "inception4e.branch2_0.conv",
      type: "Conv2D",
      outputShape: [14, 14, 160],
      params: 84480,
      multAdds: 16558080,
    },
    { name: "inception4e.branch2_0.bn", type: "BatchNorm", outputShape: [14, 14, 160], params: 640, multAdds: 0 },
    { name: "inception4e.branch2_0.relu", type: "Activation", outputShape: [14, 14, 160], params: 0, multAdds: 0 },
    {
      name: "inception4e.branch2_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 320],
      params: 460800,
      multAdds: 90316800,
    },
    { name: "inception4e.branch2_1.bn", type: "BatchNorm", outputShape: [14, 14, 320], params: 1280, multAdds: 0 },
    { name: "inception4e.branch2_1.relu", type: "Activation", outputShape: [14, 14, 320], params: 0, multAdds: 0 },
    { name: "inception4e.branch3_0.conv", type: "Conv2D", outputShape: [14, 14, 32], params: 16896, multAdds: 3311616 },
    { name: "inception4e.branch3_0.bn", type: "BatchNorm", outputShape: [14, 14, 32], params: 128, multAdds: 0 },
    { name: "inception4e.branch3_0.relu", type: "Activation", outputShape: [14, 14, 32], params: 0, multAdds: 0 },
    {
      name: "inception4e.branch3_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 128],
      params: 36864,
      multAdds: 7225344,
    },
    { name: "inception4e.branch3_1.bn", type: "BatchNorm", outputShape: [14, 14, 128], params: 512, multAdds: 0 },
    { name: "inception4e.branch3_1.relu", type: "Activation", outputShape: [14, 14, 128], params: 0, multAdds: 0 },
    { name: "inception4e.branch4_0", type: "MaxPool2D", outputShape: [14, 14, 528], params: 0, multAdds: 0 },
    {
      name: "inception4e.branch4_1.conv",
      type: "Conv2D",
      outputShape: [14, 14, 128],
      params: 67584,
      multAdds: 13246464,
    },
    { name: "inception4e.branch4_1.bn", type: "BatchNorm", outputShape: [14, 14, 128], params: 512, multAdds: 0 },
    { name: "inception4e.branch4_1.relu", type: "Activation", outputShape: [14, 14, 128], params: 0, multAdds: 0 },
    { name: "inception4e.cat", type: "Concatenate", outputShape: [14, 14, 832], params: 0, multAdds: 0 },
    { name: "maxpool4", type: "MaxPool2D", outputShape: [7, 7, 832], params: 0, multAdds: 0 },
    { name: "inception5a.branch1.conv", type: "Conv2D", outputShape: [7, 7, 256], params: 212992, multAdds: 10436608 },
    { name: "inception5a.branch1.bn", type: "BatchNorm", outputShape: [7, 7, 256], params: 1024, multAdds: 0 },
    { name: "inception5a.branch1.relu", type: "Activation", outputShape: [7, 7, 256], params: 0, multAdds: 0 },
    { name: "inception5a.branch2_0.conv", type: "Conv2D", outputShape: [7, 7, 160], params: 133120, multAdds: 6522880 },
    { name: "inception5a.branch2_0.bn", type: "BatchNorm", outputShape: [7, 7, 160], params: 640, multAdds: 0 },
    { name: "inception5a.branch2_0.relu", type: "Activation", outputShape: [7, 7, 160], params: 0, multAdds: 0 },
    {
      name: "inception5a.branch2_1.conv",
      type: "Conv2D",
      outputShape: [7, 7, 320],
      params: 460800,
      multAdds: 22579200,
    },
    { name: "inception5a.branch2_1.bn", type: "BatchNorm", outputShape: [7, 7, 320], params: 1280, multAdds: 0 },
    { name: "inception5a.branch2_1.relu", type: "Activation", outputShape: [7, 7, 320], params: 0, multAdds: 0 },
    { name: "inception5a.branch3_0.conv", type: "Conv2D", outputShape: [7, 7, 32], params: 26624, multAdds: 1304576 },
    { name: "inception5a.branch3_0.bn", type: "BatchNorm", outputShape: [7, 7, 32], params: 128, multAdds: 0 },
    { name: "inception5a.branch3_0.relu", type: "Activation", outputShape: [7, 7, 32], params: 0, multAdds: 0 },
    { name: "inception5a.branch3_1.conv", type: "Conv2D", outputShape: [7, 7, 128], params: 36864, multAdds: 1806336 },
    { name: "inception5a.branch3_1.bn", type: "BatchNorm", outputShape: [7, 7, 128], params: 512, multAdds: 0 },
    { name: "inception5a.branch3_1.relu", type: "Activation", outputShape: [7, 7, 128], params: 0, multAdds: 0 },
    { name: "inception5a.branch4_0", type: "MaxPool2D", outputShape: [7, 7, 832], params: 0, multAdds: 0 },
    { name: "inception5a.branch4_1.conv", type: "Conv2D", outputShape: [7, 7, 128], params: 106496, multAdds: 5218304 },
    { name: "inception5a.branch4_1.bn", type: "BatchNorm", outputShape: [7, 7, 128], params: 512, multAdds: 0 },
    { name: "inception5a.branch4_1.relu", type: "Activation", outputShape: [7, 7, 128], params: 0, multAdds: 0 },
    { name: "inception5a.cat", type: "Concatenate", outputShape: [7, 7, 832], params: 0, multAdds: 0 },
    { name: "inception5b.branch1.conv", type: "Conv2D", outputShape: [7, 7, 384], params: 319488, multAdds: 15654912 },
    { name: "inception5b.branch1.bn", type: "BatchNorm", outputShape: [7, 7, 384], params: 1536, multAdds: 0 },
    { name: "inception5b.branch1.relu", type: "Activation", outputShape: [7, 7, 384], params: 0, multAdds: 0 },
    { name: "inception5b.branch2_0.conv", type: "Conv2D", outputShape: [7, 7, 192], params: 159744, multAdds: 7827456 },
    { name: "inception5b.branch2_0.bn", type: "BatchNorm", outputShape: [7, 7, 192], params: 768, multAdds: 0 },
    { name: "inception5b.branch2_0.relu", type: "Activation", outputShape: [7, 7, 192], params: 0, multAdds: 0 },
    {
      name: "inception5b.branch2_1.conv",
      type: "Conv2D",
      outputShape: [7, 7, 384],
      params: 663552,
      multAdds: 32514048,
    },
    { name: "inception5b.branch2_1.bn", type: "BatchNorm", outputShape: [7, 7, 384], params: 1536, multAdds: 0 },
    { name: "inception5b.branch2_1.relu", type: "Activation", outputShape: [7, 7, 384], params: 0, multAdds: 0 },
    { name: "inception5b.branch3_0.conv", type: "Conv2D", outputShape: [7, 7, 48], params: 39936, multAdds: 1956864 },
    { name: "inception5b.branch3_0.bn", type: "BatchNorm", outputShape: [7, 7, 48], params: 192, multAdds: 0 },
    { name: "inception5b.branch3_0.relu", type: "Activation", outputShape: [7, 7, 48], params: 0, multAdds: 0 },
    { name: "inception5b.branch3_1.conv", type: "Conv2D", outputShape: [7, 7, 128], params: 55296, multAdds: 2709504 },
    { name: "inception5b.branch3_1.bn", type: "BatchNorm", outputShape: [7, 7, 128], params: 512, multAdds: 0 },
    { name: "inception5b.branch3_1.relu", type: "Activation", outputShape: [7, 7, 128], params: 0, multAdds: 0 },
    { name: "inception5b.branch4_0", type: "MaxPool2D", outputShape: [7, 7, 832], params: 0, multAdds: 0 },
    { name: "inception5b.branch4_1.conv", type: "Conv2D", outputShape: [7, 7, 128], params: 106496, multAdds: 5218304 },
    { name: "inception5b.branch4_1.bn", type: "BatchNorm", outputShape: [7, 7, 128], params: 512, multAdds: 0 },
    { name: "inception5b.branch4_1.relu", type: "Activation", outputShape: [7, 7, 128], params: 0, multAdds: 0 },
    { name: "inception5b.cat", type: "Concatenate", outputShape: [7, 7, 1024], params: 0, multAdds: 0 },
    { name: "avgpool", type: "GlobalAvgPool2D", outputShape: [1024], params: 0, multAdds: 0 },
    { name: "dropout", type: "Dropout", outputShape: [1024], params: 0, multAdds: 0 },
    { name: "fc", type: "Dense", outputShape: [1000], params: 1025000, multAdds: 1024000 },
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

/** Builds googlenet as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildGooglenet(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // block conv: conv1
  // conv1.conv: 224x224x3 -> 112x112x64
  const conv1_conv$ = new NetspecConv2D({
    name: "conv1.conv",
    filters: 64,
    kernelSize: [7, 7],
    strides: [2, 2],
    pad: [3, 3, 3, 3],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // conv1.bn: 112x112x64 -> 112x112x64
  const conv1_bn$ = new NetspecBatchNorm({ name: "conv1.bn", epsilon: 0.001 }).apply(conv1_conv$) as tf.SymbolicTensor;
  // conv1.relu: 112x112x64 -> 112x112x64
  const conv1_relu$ = new NetspecActivation({
    name: "conv1.relu",
    activation: "relu",
  }).apply(conv1_bn$) as tf.SymbolicTensor;
  // maxpool1: 112x112x64 -> 56x56x64
  const maxpool1$ = new NetspecPool2D({
    name: "maxpool1",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(conv1_relu$) as tf.SymbolicTensor;
  // block conv: conv2
  // conv2.conv: 56x56x64 -> 56x56x64
  const conv2_conv$ = new NetspecConv2D({
    name: "conv2.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(4)),
  }).apply(maxpool1$) as tf.SymbolicTensor;
  // conv2.bn: 56x56x64 -> 56x56x64
  const conv2_bn$ = new NetspecBatchNorm({ name: "conv2.bn", epsilon: 0.001 }).apply(conv2_conv$) as tf.SymbolicTensor;
  // conv2.relu: 56x56x64 -> 56x56x64
  const conv2_relu$ = new NetspecActivation({
    name: "conv2.relu",
    activation: "relu",
  }).apply(conv2_bn$) as tf.SymbolicTensor;
  // block conv: conv3
  // conv3.conv: 56x56x64 -> 56x56x192
  const conv3_conv$ = new NetspecConv2D({
    name: "conv3.conv",
    filters: 192,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(conv2_relu$) as tf.SymbolicTensor;
  // conv3.bn: 56x56x192 -> 56x56x192
  const conv3_bn$ = new NetspecBatchNorm({ name: "conv3.bn", epsilon: 0.001 }).apply(conv3_conv$) as tf.SymbolicTensor;
  // conv3.relu: 56x56x192 -> 56x56x192
  const conv3_relu$ = new NetspecActivation({
    name: "conv3.relu",
    activation: "relu",
  }).apply(conv3_bn$) as tf.SymbolicTensor;
  // maxpool2: 56x56x192 -> 28x28x192
  const maxpool2$ = new NetspecPool2D({
    name: "maxpool2",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(conv3_relu$) as tf.SymbolicTensor;
  // block inception: inception3a
  // inception3a.branch1.conv: 28x28x192 -> 28x28x64
  const inception3a_branch1_conv$ = new NetspecConv2D({
    name: "inception3a.branch1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(11)),
  }).apply(maxpool2$) as tf.SymbolicTensor;
  // inception3a.branch1.bn: 28x28x64 -> 28x28x64
  const inception3a_branch1_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch1.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch1_conv$) as tf.SymbolicTensor;
  // inception3a.branch1.relu: 28x28x64 -> 28x28x64
  const inception3a_branch1_relu$ = new NetspecActivation({
    name: "inception3a.branch1.relu",
    activation: "relu",
  }).apply(inception3a_branch1_bn$) as tf.SymbolicTensor;
  // inception3a.branch2_0.conv: 28x28x192 -> 28x28x96
  const inception3a_branch2_0_conv$ = new NetspecConv2D({
    name: "inception3a.branch2_0.conv",
    filters: 96,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(14)),
  }).apply(maxpool2$) as tf.SymbolicTensor;
  // inception3a.branch2_0.bn: 28x28x96 -> 28x28x96
  const inception3a_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch2_0_conv$) as tf.SymbolicTensor;
  // inception3a.branch2_0.relu: 28x28x96 -> 28x28x96
  const inception3a_branch2_0_relu$ = new NetspecActivation({
    name: "inception3a.branch2_0.relu",
    activation: "relu",
  }).apply(inception3a_branch2_0_bn$) as tf.SymbolicTensor;
  // inception3a.branch2_1.conv: 28x28x96 -> 28x28x128
  const inception3a_branch2_1_conv$ = new NetspecConv2D({
    name: "inception3a.branch2_1.conv",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(17)),
  }).apply(inception3a_branch2_0_relu$) as tf.SymbolicTensor;
  // inception3a.branch2_1.bn: 28x28x128 -> 28x28x128
  const inception3a_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch2_1_conv$) as tf.SymbolicTensor;
  // inception3a.branch2_1.relu: 28x28x128 -> 28x28x128
  const inception3a_branch2_1_relu$ = new NetspecActivation({
    name: "inception3a.branch2_1.relu",
    activation: "relu",
  }).apply(inception3a_branch2_1_bn$) as tf.SymbolicTensor;
  // inception3a.branch3_0.conv: 28x28x192 -> 28x28x16
  const inception3a_branch3_0_conv$ = new NetspecConv2D({
    name: "inception3a.branch3_0.conv",
    filters: 16,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(20)),
  }).apply(maxpool2$) as tf.SymbolicTensor;
  // inception3a.branch3_0.bn: 28x28x16 -> 28x28x16
  const inception3a_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch3_0_conv$) as tf.SymbolicTensor;
  // inception3a.branch3_0.relu: 28x28x16 -> 28x28x16
  const inception3a_branch3_0_relu$ = new NetspecActivation({
    name: "inception3a.branch3_0.relu",
    activation: "relu",
  }).apply(inception3a_branch3_0_bn$) as tf.SymbolicTensor;
  // inception3a.branch3_1.conv: 28x28x16 -> 28x28x32
  const inception3a_branch3_1_conv$ = new NetspecConv2D({
    name: "inception3a.branch3_1.conv",
    filters: 32,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(23)),
  }).apply(inception3a_branch3_0_relu$) as tf.SymbolicTensor;
  // inception3a.branch3_1.bn: 28x28x32 -> 28x28x32
  const inception3a_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch3_1_conv$) as tf.SymbolicTensor;
  // inception3a.branch3_1.relu: 28x28x32 -> 28x28x32
  const inception3a_branch3_1_relu$ = new NetspecActivation({
    name: "inception3a.branch3_1.relu",
    activation: "relu",
  }).apply(inception3a_branch3_1_bn$) as tf.SymbolicTensor;
  // inception3a.branch4_0: 28x28x192 -> 28x28x192
  const inception3a_branch4_0$ = new NetspecPool2D({
    name: "inception3a.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(maxpool2$) as tf.SymbolicTensor;
  // inception3a.branch4_1.conv: 28x28x192 -> 28x28x32
  const inception3a_branch4_1_conv$ = new NetspecConv2D({
    name: "inception3a.branch4_1.conv",
    filters: 32,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(27)),
  }).apply(inception3a_branch4_0$) as tf.SymbolicTensor;
  // inception3a.branch4_1.bn: 28x28x32 -> 28x28x32
  const inception3a_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception3a.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception3a_branch4_1_conv$) as tf.SymbolicTensor;
  // inception3a.branch4_1.relu: 28x28x32 -> 28x28x32
  const inception3a_branch4_1_relu$ = new NetspecActivation({
    name: "inception3a.branch4_1.relu",
    activation: "relu",
  }).apply(inception3a_branch4_1_bn$) as tf.SymbolicTensor;
  // inception3a.cat: 28x28x64 + 28x28x128 + 28x28x32 + 28x28x32 -> 28x28x256
  const inception3a_cat$ = tf.layers.concatenate({
    name: "inception3a.cat",
    axis: 3,
  }).apply([
    inception3a_branch1_relu$, inception3a_branch2_1_relu$, inception3a_branch3_1_relu$, inception3a_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception3b
  // inception3b.branch1.conv: 28x28x256 -> 28x28x128
  const inception3b_branch1_conv$ = new NetspecConv2D({
    name: "inception3b.branch1.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(31)),
  }).apply(inception3a_cat$) as tf.SymbolicTensor;
  // inception3b.branch1.bn: 28x28x128 -> 28x28x128
  const inception3b_branch1_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch1.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch1_conv$) as tf.SymbolicTensor;
  // inception3b.branch1.relu: 28x28x128 -> 28x28x128
  const inception3b_branch1_relu$ = new NetspecActivation({
    name: "inception3b.branch1.relu",
    activation: "relu",
  }).apply(inception3b_branch1_bn$) as tf.SymbolicTensor;
  // inception3b.branch2_0.conv: 28x28x256 -> 28x28x128
  const inception3b_branch2_0_conv$ = new NetspecConv2D({
    name: "inception3b.branch2_0.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(34)),
  }).apply(inception3a_cat$) as tf.SymbolicTensor;
  // inception3b.branch2_0.bn: 28x28x128 -> 28x28x128
  const inception3b_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch2_0_conv$) as tf.SymbolicTensor;
  // inception3b.branch2_0.relu: 28x28x128 -> 28x28x128
  const inception3b_branch2_0_relu$ = new NetspecActivation({
    name: "inception3b.branch2_0.relu",
    activation: "relu",
  }).apply(inception3b_branch2_0_bn$) as tf.SymbolicTensor;
  // inception3b.branch2_1.conv: 28x28x128 -> 28x28x192
  const inception3b_branch2_1_conv$ = new NetspecConv2D({
    name: "inception3b.branch2_1.conv",
    filters: 192,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(37)),
  }).apply(inception3b_branch2_0_relu$) as tf.SymbolicTensor;
  // inception3b.branch2_1.bn: 28x28x192 -> 28x28x192
  const inception3b_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch2_1_conv$) as tf.SymbolicTensor;
  // inception3b.branch2_1.relu: 28x28x192 -> 28x28x192
  const inception3b_branch2_1_relu$ = new NetspecActivation({
    name: "inception3b.branch2_1.relu",
    activation: "relu",
  }).apply(inception3b_branch2_1_bn$) as tf.SymbolicTensor;
  // inception3b.branch3_0.conv: 28x28x256 -> 28x28x32
  const inception3b_branch3_0_conv$ = new NetspecConv2D({
    name: "inception3b.branch3_0.conv",
    filters: 32,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(40)),
  }).apply(inception3a_cat$) as tf.SymbolicTensor;
  // inception3b.branch3_0.bn: 28x28x32 -> 28x28x32
  const inception3b_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch3_0_conv$) as tf.SymbolicTensor;
  // inception3b.branch3_0.relu: 28x28x32 -> 28x28x32
  const inception3b_branch3_0_relu$ = new NetspecActivation({
    name: "inception3b.branch3_0.relu",
    activation: "relu",
  }).apply(inception3b_branch3_0_bn$) as tf.SymbolicTensor;
  // inception3b.branch3_1.conv: 28x28x32 -> 28x28x96
  const inception3b_branch3_1_conv$ = new NetspecConv2D({
    name: "inception3b.branch3_1.conv",
    filters: 96,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(43)),
  }).apply(inception3b_branch3_0_relu$) as tf.SymbolicTensor;
  // inception3b.branch3_1.bn: 28x28x96 -> 28x28x96
  const inception3b_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch3_1_conv$) as tf.SymbolicTensor;
  // inception3b.branch3_1.relu: 28x28x96 -> 28x28x96
  const inception3b_branch3_1_relu$ = new NetspecActivation({
    name: "inception3b.branch3_1.relu",
    activation: "relu",
  }).apply(inception3b_branch3_1_bn$) as tf.SymbolicTensor;
  // inception3b.branch4_0: 28x28x256 -> 28x28x256
  const inception3b_branch4_0$ = new NetspecPool2D({
    name: "inception3b.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception3a_cat$) as tf.SymbolicTensor;
  // inception3b.branch4_1.conv: 28x28x256 -> 28x28x64
  const inception3b_branch4_1_conv$ = new NetspecConv2D({
    name: "inception3b.branch4_1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(47)),
  }).apply(inception3b_branch4_0$) as tf.SymbolicTensor;
  // inception3b.branch4_1.bn: 28x28x64 -> 28x28x64
  const inception3b_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception3b.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception3b_branch4_1_conv$) as tf.SymbolicTensor;
  // inception3b.branch4_1.relu: 28x28x64 -> 28x28x64
  const inception3b_branch4_1_relu$ = new NetspecActivation({
    name: "inception3b.branch4_1.relu",
    activation: "relu",
  }).apply(inception3b_branch4_1_bn$) as tf.SymbolicTensor;
  // inception3b.cat: 28x28x128 + 28x28x192 + 28x28x96 + 28x28x64 -> 28x28x480
  const inception3b_cat$ = tf.layers.concatenate({
    name: "inception3b.cat",
    axis: 3,
  }).apply([
    inception3b_branch1_relu$, inception3b_branch2_1_relu$, inception3b_branch3_1_relu$, inception3b_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // maxpool3: 28x28x480 -> 14x14x480
  const maxpool3$ = new NetspecPool2D({
    name: "maxpool3",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(inception3b_cat$) as tf.SymbolicTensor;
  // block inception: inception4a
  // inception4a.branch1.conv: 14x14x480 -> 14x14x192
  const inception4a_branch1_conv$ = new NetspecConv2D({
    name: "inception4a.branch1.conv",
    filters: 192,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(52)),
  }).apply(maxpool3$) as tf.SymbolicTensor;
  // inception4a.branch1.bn: 14x14x192 -> 14x14x192
  const inception4a_branch1_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch1.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch1_conv$) as tf.SymbolicTensor;
  // inception4a.branch1.relu: 14x14x192 -> 14x14x192
  const inception4a_branch1_relu$ = new NetspecActivation({
    name: "inception4a.branch1.relu",
    activation: "relu",
  }).apply(inception4a_branch1_bn$) as tf.SymbolicTensor;
  // inception4a.branch2_0.conv: 14x14x480 -> 14x14x96
  const inception4a_branch2_0_conv$ = new NetspecConv2D({
    name: "inception4a.branch2_0.conv",
    filters: 96,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(55)),
  }).apply(maxpool3$) as tf.SymbolicTensor;
  // inception4a.branch2_0.bn: 14x14x96 -> 14x14x96
  const inception4a_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch2_0_conv$) as tf.SymbolicTensor;
  // inception4a.branch2_0.relu: 14x14x96 -> 14x14x96
  const inception4a_branch2_0_relu$ = new NetspecActivation({
    name: "inception4a.branch2_0.relu",
    activation: "relu",
  }).apply(inception4a_branch2_0_bn$) as tf.SymbolicTensor;
  // inception4a.branch2_1.conv: 14x14x96 -> 14x14x208
  const inception4a_branch2_1_conv$ = new NetspecConv2D({
    name: "inception4a.branch2_1.conv",
    filters: 208,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(58)),
  }).apply(inception4a_branch2_0_relu$) as tf.SymbolicTensor;
  // inception4a.branch2_1.bn: 14x14x208 -> 14x14x208
  const inception4a_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch2_1_conv$) as tf.SymbolicTensor;
  // inception4a.branch2_1.relu: 14x14x208 -> 14x14x208
  const inception4a_branch2_1_relu$ = new NetspecActivation({
    name: "inception4a.branch2_1.relu",
    activation: "relu",
  }).apply(inception4a_branch2_1_bn$) as tf.SymbolicTensor;
  // inception4a.branch3_0.conv: 14x14x480 -> 14x14x16
  const inception4a_branch3_0_conv$ = new NetspecConv2D({
    name: "inception4a.branch3_0.conv",
    filters: 16,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(61)),
  }).apply(maxpool3$) as tf.SymbolicTensor;
  // inception4a.branch3_0.bn: 14x14x16 -> 14x14x16
  const inception4a_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch3_0_conv$) as tf.SymbolicTensor;
  // inception4a.branch3_0.relu: 14x14x16 -> 14x14x16
  const inception4a_branch3_0_relu$ = new NetspecActivation({
    name: "inception4a.branch3_0.relu",
    activation: "relu",
  }).apply(inception4a_branch3_0_bn$) as tf.SymbolicTensor;
  // inception4a.branch3_1.conv: 14x14x16 -> 14x14x48
  const inception4a_branch3_1_conv$ = new NetspecConv2D({
    name: "inception4a.branch3_1.conv",
    filters: 48,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(64)),
  }).apply(inception4a_branch3_0_relu$) as tf.SymbolicTensor;
  // inception4a.branch3_1.bn: 14x14x48 -> 14x14x48
  const inception4a_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch3_1_conv$) as tf.SymbolicTensor;
  // inception4a.branch3_1.relu: 14x14x48 -> 14x14x48
  const inception4a_branch3_1_relu$ = new NetspecActivation({
    name: "inception4a.branch3_1.relu",
    activation: "relu",
  }).apply(inception4a_branch3_1_bn$) as tf.SymbolicTensor;
  // inception4a.branch4_0: 14x14x480 -> 14x14x480
  const inception4a_branch4_0$ = new NetspecPool2D({
    name: "inception4a.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(maxpool3$) as tf.SymbolicTensor;
  // inception4a.branch4_1.conv: 14x14x480 -> 14x14x64
  const inception4a_branch4_1_conv$ = new NetspecConv2D({
    name: "inception4a.branch4_1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(68)),
  }).apply(inception4a_branch4_0$) as tf.SymbolicTensor;
  // inception4a.branch4_1.bn: 14x14x64 -> 14x14x64
  const inception4a_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception4a.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception4a_branch4_1_conv$) as tf.SymbolicTensor;
  // inception4a.branch4_1.relu: 14x14x64 -> 14x14x64
  const inception4a_branch4_1_relu$ = new NetspecActivation({
    name: "inception4a.branch4_1.relu",
    activation: "relu",
  }).apply(inception4a_branch4_1_bn$) as tf.SymbolicTensor;
  // inception4a.cat: 14x14x192 + 14x14x208 + 14x14x48 + 14x14x64 -> 14x14x512
  const inception4a_cat$ = tf.layers.concatenate({
    name: "inception4a.cat",
    axis: 3,
  }).apply([
    inception4a_branch1_relu$, inception4a_branch2_1_relu$, inception4a_branch3_1_relu$, inception4a_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception4b
  // inception4b.branch1.conv: 14x14x512 -> 14x14x160
  const inception4b_branch1_conv$ = new NetspecConv2D({
    name: "inception4b.branch1.conv",
    filters: 160,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(72)),
  }).apply(inception4a_cat$) as tf.SymbolicTensor;
  // inception4b.branch1.bn: 14x14x160 -> 14x14x160
  const inception4b_branch1_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch1.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch1_conv$) as tf.SymbolicTensor;
  // inception4b.branch1.relu: 14x14x160 -> 14x14x160
  const inception4b_branch1_relu$ = new NetspecActivation({
    name: "inception4b.branch1.relu",
    activation: "relu",
  }).apply(inception4b_branch1_bn$) as tf.SymbolicTensor;
  // inception4b.branch2_0.conv: 14x14x512 -> 14x14x112
  const inception4b_branch2_0_conv$ = new NetspecConv2D({
    name: "inception4b.branch2_0.conv",
    filters: 112,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(75)),
  }).apply(inception4a_cat$) as tf.SymbolicTensor;
  // inception4b.branch2_0.bn: 14x14x112 -> 14x14x112
  const inception4b_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch2_0_conv$) as tf.SymbolicTensor;
  // inception4b.branch2_0.relu: 14x14x112 -> 14x14x112
  const inception4b_branch2_0_relu$ = new NetspecActivation({
    name: "inception4b.branch2_0.relu",
    activation: "relu",
  }).apply(inception4b_branch2_0_bn$) as tf.SymbolicTensor;
  // inception4b.branch2_1.conv: 14x14x112 -> 14x14x224
  const inception4b_branch2_1_conv$ = new NetspecConv2D({
    name: "inception4b.branch2_1.conv",
    filters: 224,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(78)),
  }).apply(inception4b_branch2_0_relu$) as tf.SymbolicTensor;
  // inception4b.branch2_1.bn: 14x14x224 -> 14x14x224
  const inception4b_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch2_1_conv$) as tf.SymbolicTensor;
  // inception4b.branch2_1.relu: 14x14x224 -> 14x14x224
  const inception4b_branch2_1_relu$ = new NetspecActivation({
    name: "inception4b.branch2_1.relu",
    activation: "relu",
  }).apply(inception4b_branch2_1_bn$) as tf.SymbolicTensor;
  // inception4b.branch3_0.conv: 14x14x512 -> 14x14x24
  const inception4b_branch3_0_conv$ = new NetspecConv2D({
    name: "inception4b.branch3_0.conv",
    filters: 24,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(81)),
  }).apply(inception4a_cat$) as tf.SymbolicTensor;
  // inception4b.branch3_0.bn: 14x14x24 -> 14x14x24
  const inception4b_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch3_0_conv$) as tf.SymbolicTensor;
  // inception4b.branch3_0.relu: 14x14x24 -> 14x14x24
  const inception4b_branch3_0_relu$ = new NetspecActivation({
    name: "inception4b.branch3_0.relu",
    activation: "relu",
  }).apply(inception4b_branch3_0_bn$) as tf.SymbolicTensor;
  // inception4b.branch3_1.conv: 14x14x24 -> 14x14x64
  const inception4b_branch3_1_conv$ = new NetspecConv2D({
    name: "inception4b.branch3_1.conv",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(84)),
  }).apply(inception4b_branch3_0_relu$) as tf.SymbolicTensor;
  // inception4b.branch3_1.bn: 14x14x64 -> 14x14x64
  const inception4b_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch3_1_conv$) as tf.SymbolicTensor;
  // inception4b.branch3_1.relu: 14x14x64 -> 14x14x64
  const inception4b_branch3_1_relu$ = new NetspecActivation({
    name: "inception4b.branch3_1.relu",
    activation: "relu",
  }).apply(inception4b_branch3_1_bn$) as tf.SymbolicTensor;
  // inception4b.branch4_0: 14x14x512 -> 14x14x512
  const inception4b_branch4_0$ = new NetspecPool2D({
    name: "inception4b.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception4a_cat$) as tf.SymbolicTensor;
  // inception4b.branch4_1.conv: 14x14x512 -> 14x14x64
  const inception4b_branch4_1_conv$ = new NetspecConv2D({
    name: "inception4b.branch4_1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(88)),
  }).apply(inception4b_branch4_0$) as tf.SymbolicTensor;
  // inception4b.branch4_1.bn: 14x14x64 -> 14x14x64
  const inception4b_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception4b.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception4b_branch4_1_conv$) as tf.SymbolicTensor;
  // inception4b.branch4_1.relu: 14x14x64 -> 14x14x64
  const inception4b_branch4_1_relu$ = new NetspecActivation({
    name: "inception4b.branch4_1.relu",
    activation: "relu",
  }).apply(inception4b_branch4_1_bn$) as tf.SymbolicTensor;
  // inception4b.cat: 14x14x160 + 14x14x224 + 14x14x64 + 14x14x64 -> 14x14x512
  const inception4b_cat$ = tf.layers.concatenate({
    name: "inception4b.cat",
    axis: 3,
  }).apply([
    inception4b_branch1_relu$, inception4b_branch2_1_relu$, inception4b_branch3_1_relu$, inception4b_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception4c
  // inception4c.branch1.conv: 14x14x512 -> 14x14x128
  const inception4c_branch1_conv$ = new NetspecConv2D({
    name: "inception4c.branch1.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(92)),
  }).apply(inception4b_cat$) as tf.SymbolicTensor;
  // inception4c.branch1.bn: 14x14x128 -> 14x14x128
  const inception4c_branch1_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch1.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch1_conv$) as tf.SymbolicTensor;
  // inception4c.branch1.relu: 14x14x128 -> 14x14x128
  const inception4c_branch1_relu$ = new NetspecActivation({
    name: "inception4c.branch1.relu",
    activation: "relu",
  }).apply(inception4c_branch1_bn$) as tf.SymbolicTensor;
  // inception4c.branch2_0.conv: 14x14x512 -> 14x14x128
  const inception4c_branch2_0_conv$ = new NetspecConv2D({
    name: "inception4c.branch2_0.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(95)),
  }).apply(inception4b_cat$) as tf.SymbolicTensor;
  // inception4c.branch2_0.bn: 14x14x128 -> 14x14x128
  const inception4c_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch2_0_conv$) as tf.SymbolicTensor;
  // inception4c.branch2_0.relu: 14x14x128 -> 14x14x128
  const inception4c_branch2_0_relu$ = new NetspecActivation({
    name: "inception4c.branch2_0.relu",
    activation: "relu",
  }).apply(inception4c_branch2_0_bn$) as tf.SymbolicTensor;
  // inception4c.branch2_1.conv: 14x14x128 -> 14x14x256
  const inception4c_branch2_1_conv$ = new NetspecConv2D({
    name: "inception4c.branch2_1.conv",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(98)),
  }).apply(inception4c_branch2_0_relu$) as tf.SymbolicTensor;
  // inception4c.branch2_1.bn: 14x14x256 -> 14x14x256
  const inception4c_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch2_1_conv$) as tf.SymbolicTensor;
  // inception4c.branch2_1.relu: 14x14x256 -> 14x14x256
  const inception4c_branch2_1_relu$ = new NetspecActivation({
    name: "inception4c.branch2_1.relu",
    activation: "relu",
  }).apply(inception4c_branch2_1_bn$) as tf.SymbolicTensor;
  // inception4c.branch3_0.conv: 14x14x512 -> 14x14x24
  const inception4c_branch3_0_conv$ = new NetspecConv2D({
    name: "inception4c.branch3_0.conv",
    filters: 24,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(101)),
  }).apply(inception4b_cat$) as tf.SymbolicTensor;
  // inception4c.branch3_0.bn: 14x14x24 -> 14x14x24
  const inception4c_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch3_0_conv$) as tf.SymbolicTensor;
  // inception4c.branch3_0.relu: 14x14x24 -> 14x14x24
  const inception4c_branch3_0_relu$ = new NetspecActivation({
    name: "inception4c.branch3_0.relu",
    activation: "relu",
  }).apply(inception4c_branch3_0_bn$) as tf.SymbolicTensor;
  // inception4c.branch3_1.conv: 14x14x24 -> 14x14x64
  const inception4c_branch3_1_conv$ = new NetspecConv2D({
    name: "inception4c.branch3_1.conv",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(104)),
  }).apply(inception4c_branch3_0_relu$) as tf.SymbolicTensor;
  // inception4c.branch3_1.bn: 14x14x64 -> 14x14x64
  const inception4c_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch3_1_conv$) as tf.SymbolicTensor;
  // inception4c.branch3_1.relu: 14x14x64 -> 14x14x64
  const inception4c_branch3_1_relu$ = new NetspecActivation({
    name: "inception4c.branch3_1.relu",
    activation: "relu",
  }).apply(inception4c_branch3_1_bn$) as tf.SymbolicTensor;
  // inception4c.branch4_0: 14x14x512 -> 14x14x512
  const inception4c_branch4_0$ = new NetspecPool2D({
    name: "inception4c.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception4b_cat$) as tf.SymbolicTensor;
  // inception4c.branch4_1.conv: 14x14x512 -> 14x14x64
  const inception4c_branch4_1_conv$ = new NetspecConv2D({
    name: "inception4c.branch4_1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(108)),
  }).apply(inception4c_branch4_0$) as tf.SymbolicTensor;
  // inception4c.branch4_1.bn: 14x14x64 -> 14x14x64
  const inception4c_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception4c.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception4c_branch4_1_conv$) as tf.SymbolicTensor;
  // inception4c.branch4_1.relu: 14x14x64 -> 14x14x64
  const inception4c_branch4_1_relu$ = new NetspecActivation({
    name: "inception4c.branch4_1.relu",
    activation: "relu",
  }).apply(inception4c_branch4_1_bn$) as tf.SymbolicTensor;
  // inception4c.cat: 14x14x128 + 14x14x256 + 14x14x64 + 14x14x64 -> 14x14x512
  const inception4c_cat$ = tf.layers.concatenate({
    name: "inception4c.cat",
    axis: 3,
  }).apply([
    inception4c_branch1_relu$, inception4c_branch2_1_relu$, inception4c_branch3_1_relu$, inception4c_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception4d
  // inception4d.branch1.conv: 14x14x512 -> 14x14x112
  const inception4d_branch1_conv$ = new NetspecConv2D({
    name: "inception4d.branch1.conv",
    filters: 112,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(112)),
  }).apply(inception4c_cat$) as tf.SymbolicTensor;
  // inception4d.branch1.bn: 14x14x112 -> 14x14x112
  const inception4d_branch1_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch1.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch1_conv$) as tf.SymbolicTensor;
  // inception4d.branch1.relu: 14x14x112 -> 14x14x112
  const inception4d_branch1_relu$ = new NetspecActivation({
    name: "inception4d.branch1.relu",
    activation: "relu",
  }).apply(inception4d_branch1_bn$) as tf.SymbolicTensor;
  // inception4d.branch2_0.conv: 14x14x512 -> 14x14x144
  const inception4d_branch2_0_conv$ = new NetspecConv2D({
    name: "inception4d.branch2_0.conv",
    filters: 144,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(115)),
  }).apply(inception4c_cat$) as tf.SymbolicTensor;
  // inception4d.branch2_0.bn: 14x14x144 -> 14x14x144
  const inception4d_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch2_0_conv$) as tf.SymbolicTensor;
  // inception4d.branch2_0.relu: 14x14x144 -> 14x14x144
  const inception4d_branch2_0_relu$ = new NetspecActivation({
    name: "inception4d.branch2_0.relu",
    activation: "relu",
  }).apply(inception4d_branch2_0_bn$) as tf.SymbolicTensor;
  // inception4d.branch2_1.conv: 14x14x144 -> 14x14x288
  const inception4d_branch2_1_conv$ = new NetspecConv2D({
    name: "inception4d.branch2_1.conv",
    filters: 288,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(118)),
  }).apply(inception4d_branch2_0_relu$) as tf.SymbolicTensor;
  // inception4d.branch2_1.bn: 14x14x288 -> 14x14x288
  const inception4d_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch2_1_conv$) as tf.SymbolicTensor;
  // inception4d.branch2_1.relu: 14x14x288 -> 14x14x288
  const inception4d_branch2_1_relu$ = new NetspecActivation({
    name: "inception4d.branch2_1.relu",
    activation: "relu",
  }).apply(inception4d_branch2_1_bn$) as tf.SymbolicTensor;
  // inception4d.branch3_0.conv: 14x14x512 -> 14x14x32
  const inception4d_branch3_0_conv$ = new NetspecConv2D({
    name: "inception4d.branch3_0.conv",
    filters: 32,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(121)),
  }).apply(inception4c_cat$) as tf.SymbolicTensor;
  // inception4d.branch3_0.bn: 14x14x32 -> 14x14x32
  const inception4d_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch3_0_conv$) as tf.SymbolicTensor;
  // inception4d.branch3_0.relu: 14x14x32 -> 14x14x32
  const inception4d_branch3_0_relu$ = new NetspecActivation({
    name: "inception4d.branch3_0.relu",
    activation: "relu",
  }).apply(inception4d_branch3_0_bn$) as tf.SymbolicTensor;
  // inception4d.branch3_1.conv: 14x14x32 -> 14x14x64
  const inception4d_branch3_1_conv$ = new NetspecConv2D({
    name: "inception4d.branch3_1.conv",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(124)),
  }).apply(inception4d_branch3_0_relu$) as tf.SymbolicTensor;
  // inception4d.branch3_1.bn: 14x14x64 -> 14x14x64
  const inception4d_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch3_1_conv$) as tf.SymbolicTensor;
  // inception4d.branch3_1.relu: 14x14x64 -> 14x14x64
  const inception4d_branch3_1_relu$ = new NetspecActivation({
    name: "inception4d.branch3_1.relu",
    activation: "relu",
  }).apply(inception4d_branch3_1_bn$) as tf.SymbolicTensor;
  // inception4d.branch4_0: 14x14x512 -> 14x14x512
  const inception4d_branch4_0$ = new NetspecPool2D({
    name: "inception4d.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception4c_cat$) as tf.SymbolicTensor;
  // inception4d.branch4_1.conv: 14x14x512 -> 14x14x64
  const inception4d_branch4_1_conv$ = new NetspecConv2D({
    name: "inception4d.branch4_1.conv",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(128)),
  }).apply(inception4d_branch4_0$) as tf.SymbolicTensor;
  // inception4d.branch4_1.bn: 14x14x64 -> 14x14x64
  const inception4d_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception4d.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception4d_branch4_1_conv$) as tf.SymbolicTensor;
  // inception4d.branch4_1.relu: 14x14x64 -> 14x14x64
  const inception4d_branch4_1_relu$ = new NetspecActivation({
    name: "inception4d.branch4_1.relu",
    activation: "relu",
  }).apply(inception4d_branch4_1_bn$) as tf.SymbolicTensor;
  // inception4d.cat: 14x14x112 + 14x14x288 + 14x14x64 + 14x14x64 -> 14x14x528
  const inception4d_cat$ = tf.layers.concatenate({
    name: "inception4d.cat",
    axis: 3,
  }).apply([
    inception4d_branch1_relu$, inception4d_branch2_1_relu$, inception4d_branch3_1_relu$, inception4d_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception4e
  // inception4e.branch1.conv: 14x14x528 -> 14x14x256
  const inception4e_branch1_conv$ = new NetspecConv2D({
    name: "inception4e.branch1.conv",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(132)),
  }).apply(inception4d_cat$) as tf.SymbolicTensor;
  // inception4e.branch1.bn: 14x14x256 -> 14x14x256
  const inception4e_branch1_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch1.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch1_conv$) as tf.SymbolicTensor;
  // inception4e.branch1.relu: 14x14x256 -> 14x14x256
  const inception4e_branch1_relu$ = new NetspecActivation({
    name: "inception4e.branch1.relu",
    activation: "relu",
  }).apply(inception4e_branch1_bn$) as tf.SymbolicTensor;
  // inception4e.branch2_0.conv: 14x14x528 -> 14x14x160
  const inception4e_branch2_0_conv$ = new NetspecConv2D({
    name: "inception4e.branch2_0.conv",
    filters: 160,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(135)),
  }).apply(inception4d_cat$) as tf.SymbolicTensor;
  // inception4e.branch2_0.bn: 14x14x160 -> 14x14x160
  const inception4e_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch2_0_conv$) as tf.SymbolicTensor;
  // inception4e.branch2_0.relu: 14x14x160 -> 14x14x160
  const inception4e_branch2_0_relu$ = new NetspecActivation({
    name: "inception4e.branch2_0.relu",
    activation: "relu",
  }).apply(inception4e_branch2_0_bn$) as tf.SymbolicTensor;
  // inception4e.branch2_1.conv: 14x14x160 -> 14x14x320
  const inception4e_branch2_1_conv$ = new NetspecConv2D({
    name: "inception4e.branch2_1.conv",
    filters: 320,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(138)),
  }).apply(inception4e_branch2_0_relu$) as tf.SymbolicTensor;
  // inception4e.branch2_1.bn: 14x14x320 -> 14x14x320
  const inception4e_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch2_1_conv$) as tf.SymbolicTensor;
  // inception4e.branch2_1.relu: 14x14x320 -> 14x14x320
  const inception4e_branch2_1_relu$ = new NetspecActivation({
    name: "inception4e.branch2_1.relu",
    activation: "relu",
  }).apply(inception4e_branch2_1_bn$) as tf.SymbolicTensor;
  // inception4e.branch3_0.conv: 14x14x528 -> 14x14x32
  const inception4e_branch3_0_conv$ = new NetspecConv2D({
    name: "inception4e.branch3_0.conv",
    filters: 32,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(141)),
  }).apply(inception4d_cat$) as tf.SymbolicTensor;
  // inception4e.branch3_0.bn: 14x14x32 -> 14x14x32
  const inception4e_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch3_0_conv$) as tf.SymbolicTensor;
  // inception4e.branch3_0.relu: 14x14x32 -> 14x14x32
  const inception4e_branch3_0_relu$ = new NetspecActivation({
    name: "inception4e.branch3_0.relu",
    activation: "relu",
  }).apply(inception4e_branch3_0_bn$) as tf.SymbolicTensor;
  // inception4e.branch3_1.conv: 14x14x32 -> 14x14x128
  const inception4e_branch3_1_conv$ = new NetspecConv2D({
    name: "inception4e.branch3_1.conv",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(144)),
  }).apply(inception4e_branch3_0_relu$) as tf.SymbolicTensor;
  // inception4e.branch3_1.bn: 14x14x128 -> 14x14x128
  const inception4e_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch3_1_conv$) as tf.SymbolicTensor;
  // inception4e.branch3_1.relu: 14x14x128 -> 14x14x128
  const inception4e_branch3_1_relu$ = new NetspecActivation({
    name: "inception4e.branch3_1.relu",
    activation: "relu",
  }).apply(inception4e_branch3_1_bn$) as tf.SymbolicTensor;
  // inception4e.branch4_0: 14x14x528 -> 14x14x528
  const inception4e_branch4_0$ = new NetspecPool2D({
    name: "inception4e.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception4d_cat$) as tf.SymbolicTensor;
  // inception4e.branch4_1.conv: 14x14x528 -> 14x14x128
  const inception4e_branch4_1_conv$ = new NetspecConv2D({
    name: "inception4e.branch4_1.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(148)),
  }).apply(inception4e_branch4_0$) as tf.SymbolicTensor;
  // inception4e.branch4_1.bn: 14x14x128 -> 14x14x128
  const inception4e_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception4e.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception4e_branch4_1_conv$) as tf.SymbolicTensor;
  // inception4e.branch4_1.relu: 14x14x128 -> 14x14x128
  const inception4e_branch4_1_relu$ = new NetspecActivation({
    name: "inception4e.branch4_1.relu",
    activation: "relu",
  }).apply(inception4e_branch4_1_bn$) as tf.SymbolicTensor;
  // inception4e.cat: 14x14x256 + 14x14x320 + 14x14x128 + 14x14x128 -> 14x14x832
  const inception4e_cat$ = tf.layers.concatenate({
    name: "inception4e.cat",
    axis: 3,
  }).apply([
    inception4e_branch1_relu$, inception4e_branch2_1_relu$, inception4e_branch3_1_relu$, inception4e_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // maxpool4: 14x14x832 -> 7x7x832
  const maxpool4$ = new NetspecPool2D({
    name: "maxpool4",
    mode: "max",
    poolSize: [2, 2],
    rounding: "ceil",
  }).apply(inception4e_cat$) as tf.SymbolicTensor;
  // block inception: inception5a
  // inception5a.branch1.conv: 7x7x832 -> 7x7x256
  const inception5a_branch1_conv$ = new NetspecConv2D({
    name: "inception5a.branch1.conv",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(153)),
  }).apply(maxpool4$) as tf.SymbolicTensor;
  // inception5a.branch1.bn: 7x7x256 -> 7x7x256
  const inception5a_branch1_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch1.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch1_conv$) as tf.SymbolicTensor;
  // inception5a.branch1.relu: 7x7x256 -> 7x7x256
  const inception5a_branch1_relu$ = new NetspecActivation({
    name: "inception5a.branch1.relu",
    activation: "relu",
  }).apply(inception5a_branch1_bn$) as tf.SymbolicTensor;
  // inception5a.branch2_0.conv: 7x7x832 -> 7x7x160
  const inception5a_branch2_0_conv$ = new NetspecConv2D({
    name: "inception5a.branch2_0.conv",
    filters: 160,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(156)),
  }).apply(maxpool4$) as tf.SymbolicTensor;
  // inception5a.branch2_0.bn: 7x7x160 -> 7x7x160
  const inception5a_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch2_0_conv$) as tf.SymbolicTensor;
  // inception5a.branch2_0.relu: 7x7x160 -> 7x7x160
  const inception5a_branch2_0_relu$ = new NetspecActivation({
    name: "inception5a.branch2_0.relu",
    activation: "relu",
  }).apply(inception5a_branch2_0_bn$) as tf.SymbolicTensor;
  // inception5a.branch2_1.conv: 7x7x160 -> 7x7x320
  const inception5a_branch2_1_conv$ = new NetspecConv2D({
    name: "inception5a.branch2_1.conv",
    filters: 320,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(159)),
  }).apply(inception5a_branch2_0_relu$) as tf.SymbolicTensor;
  // inception5a.branch2_1.bn: 7x7x320 -> 7x7x320
  const inception5a_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch2_1_conv$) as tf.SymbolicTensor;
  // inception5a.branch2_1.relu: 7x7x320 -> 7x7x320
  const inception5a_branch2_1_relu$ = new NetspecActivation({
    name: "inception5a.branch2_1.relu",
    activation: "relu",
  }).apply(inception5a_branch2_1_bn$) as tf.SymbolicTensor;
  // inception5a.branch3_0.conv: 7x7x832 -> 7x7x32
  const inception5a_branch3_0_conv$ = new NetspecConv2D({
    name: "inception5a.branch3_0.conv",
    filters: 32,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(162)),
  }).apply(maxpool4$) as tf.SymbolicTensor;
  // inception5a.branch3_0.bn: 7x7x32 -> 7x7x32
  const inception5a_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch3_0_conv$) as tf.SymbolicTensor;
  // inception5a.branch3_0.relu: 7x7x32 -> 7x7x32
  const inception5a_branch3_0_relu$ = new NetspecActivation({
    name: "inception5a.branch3_0.relu",
    activation: "relu",
  }).apply(inception5a_branch3_0_bn$) as tf.SymbolicTensor;
  // inception5a.branch3_1.conv: 7x7x32 -> 7x7x128
  const inception5a_branch3_1_conv$ = new NetspecConv2D({
    name: "inception5a.branch3_1.conv",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(165)),
  }).apply(inception5a_branch3_0_relu$) as tf.SymbolicTensor;
  // inception5a.branch3_1.bn: 7x7x128 -> 7x7x128
  const inception5a_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch3_1_conv$) as tf.SymbolicTensor;
  // inception5a.branch3_1.relu: 7x7x128 -> 7x7x128
  const inception5a_branch3_1_relu$ = new NetspecActivation({
    name: "inception5a.branch3_1.relu",
    activation: "relu",
  }).apply(inception5a_branch3_1_bn$) as tf.SymbolicTensor;
  // inception5a.branch4_0: 7x7x832 -> 7x7x832
  const inception5a_branch4_0$ = new NetspecPool2D({
    name: "inception5a.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(maxpool4$) as tf.SymbolicTensor;
  // inception5a.branch4_1.conv: 7x7x832 -> 7x7x128
  const inception5a_branch4_1_conv$ = new NetspecConv2D({
    name: "inception5a.branch4_1.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(169)),
  }).apply(inception5a_branch4_0$) as tf.SymbolicTensor;
  // inception5a.branch4_1.bn: 7x7x128 -> 7x7x128
  const inception5a_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception5a.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception5a_branch4_1_conv$) as tf.SymbolicTensor;
  // inception5a.branch4_1.relu: 7x7x128 -> 7x7x128
  const inception5a_branch4_1_relu$ = new NetspecActivation({
    name: "inception5a.branch4_1.relu",
    activation: "relu",
  }).apply(inception5a_branch4_1_bn$) as tf.SymbolicTensor;
  // inception5a.cat: 7x7x256 + 7x7x320 + 7x7x128 + 7x7x128 -> 7x7x832
  const inception5a_cat$ = tf.layers.concatenate({
    name: "inception5a.cat",
    axis: 3,
  }).apply([
    inception5a_branch1_relu$, inception5a_branch2_1_relu$, inception5a_branch3_1_relu$, inception5a_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // block inception: inception5b
  // inception5b.branch1.conv: 7x7x832 -> 7x7x384
  const inception5b_branch1_conv$ = new NetspecConv2D({
    name: "inception5b.branch1.conv",
    filters: 384,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(173)),
  }).apply(inception5a_cat$) as tf.SymbolicTensor;
  // inception5b.branch1.bn: 7x7x384 -> 7x7x384
  const inception5b_branch1_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch1.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch1_conv$) as tf.SymbolicTensor;
  // inception5b.branch1.relu: 7x7x384 -> 7x7x384
  const inception5b_branch1_relu$ = new NetspecActivation({
    name: "inception5b.branch1.relu",
    activation: "relu",
  }).apply(inception5b_branch1_bn$) as tf.SymbolicTensor;
  // inception5b.branch2_0.conv: 7x7x832 -> 7x7x192
  const inception5b_branch2_0_conv$ = new NetspecConv2D({
    name: "inception5b.branch2_0.conv",
    filters: 192,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(176)),
  }).apply(inception5a_cat$) as tf.SymbolicTensor;
  // inception5b.branch2_0.bn: 7x7x192 -> 7x7x192
  const inception5b_branch2_0_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch2_0.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch2_0_conv$) as tf.SymbolicTensor;
  // inception5b.branch2_0.relu: 7x7x192 -> 7x7x192
  const inception5b_branch2_0_relu$ = new NetspecActivation({
    name: "inception5b.branch2_0.relu",
    activation: "relu",
  }).apply(inception5b_branch2_0_bn$) as tf.SymbolicTensor;
  // inception5b.branch2_1.conv: 7x7x192 -> 7x7x384
  const inception5b_branch2_1_conv$ = new NetspecConv2D({
    name: "inception5b.branch2_1.conv",
    filters: 384,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(179)),
  }).apply(inception5b_branch2_0_relu$) as tf.SymbolicTensor;
  // inception5b.branch2_1.bn: 7x7x384 -> 7x7x384
  const inception5b_branch2_1_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch2_1.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch2_1_conv$) as tf.SymbolicTensor;
  // inception5b.branch2_1.relu: 7x7x384 -> 7x7x384
  const inception5b_branch2_1_relu$ = new NetspecActivation({
    name: "inception5b.branch2_1.relu",
    activation: "relu",
  }).apply(inception5b_branch2_1_bn$) as tf.SymbolicTensor;
  // inception5b.branch3_0.conv: 7x7x832 -> 7x7x48
  const inception5b_branch3_0_conv$ = new NetspecConv2D({
    name: "inception5b.branch3_0.conv",
    filters: 48,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(182)),
  }).apply(inception5a_cat$) as tf.SymbolicTensor;
  // inception5b.branch3_0.bn: 7x7x48 -> 7x7x48
  const inception5b_branch3_0_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch3_0.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch3_0_conv$) as tf.SymbolicTensor;
  // inception5b.branch3_0.relu: 7x7x48 -> 7x7x48
  const inception5b_branch3_0_relu$ = new NetspecActivation({
    name: "inception5b.branch3_0.relu",
    activation: "relu",
  }).apply(inception5b_branch3_0_bn$) as tf.SymbolicTensor;
  // inception5b.branch3_1.conv: 7x7x48 -> 7x7x128
  const inception5b_branch3_1_conv$ = new NetspecConv2D({
    name: "inception5b.branch3_1.conv",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(185)),
  }).apply(inception5b_branch3_0_relu$) as tf.SymbolicTensor;
  // inception5b.branch3_1.bn: 7x7x128 -> 7x7x128
  const inception5b_branch3_1_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch3_1.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch3_1_conv$) as tf.SymbolicTensor;
  // inception5b.branch3_1.relu: 7x7x128 -> 7x7x128
  const inception5b_branch3_1_relu$ = new NetspecActivation({
    name: "inception5b.branch3_1.relu",
    activation: "relu",
  }).apply(inception5b_branch3_1_bn$) as tf.SymbolicTensor;
  // inception5b.branch4_0: 7x7x832 -> 7x7x832
  const inception5b_branch4_0$ = new NetspecPool2D({
    name: "inception5b.branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(inception5a_cat$) as tf.SymbolicTensor;
  // inception5b.branch4_1.conv: 7x7x832 -> 7x7x128
  const inception5b_branch4_1_conv$ = new NetspecConv2D({
    name: "inception5b.branch4_1.conv",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(189)),
  }).apply(inception5b_branch4_0$) as tf.SymbolicTensor;
  // inception5b.branch4_1.bn: 7x7x128 -> 7x7x128
  const inception5b_branch4_1_bn$ = new NetspecBatchNorm({
    name: "inception5b.branch4_1.bn",
    epsilon: 0.001,
  }).apply(inception5b_branch4_1_conv$) as tf.SymbolicTensor;
  // inception5b.branch4_1.relu: 7x7x128 -> 7x7x128
  const inception5b_branch4_1_relu$ = new NetspecActivation({
    name: "inception5b.branch4_1.relu",
    activation: "relu",
  }).apply(inception5b_branch4_1_bn$) as tf.SymbolicTensor;
  // inception5b.cat: 7x7x384 + 7x7x384 + 7x7x128 + 7x7x128 -> 7x7x1024
  const inception5b_cat$ = tf.layers.concatenate({
    name: "inception5b.cat",
    axis: 3,
  }).apply([
    inception5b_branch1_relu$, inception5b_branch2_1_relu$, inception5b_branch3_1_relu$, inception5b_branch4_1_relu$,
  ]) as tf.SymbolicTensor;
  // avgpool: 7x7x1024 -> 1024
  const avgpool$ = tf.layers.globalAveragePooling2d({ name: "avgpool" }).apply(inception5b_cat$) as tf.SymbolicTensor;
  // dropout: 1024 -> 1024
  const dropout$ = tf.layers.dropout({ name: "dropout", rate: 0.2 }).apply(avgpool$) as tf.SymbolicTensor;
  // fc: 1024 -> 1000
  const fc$ = new NetspecDense({
    name: "fc",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(195)),
  }).apply(dropout$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc$, name: "googlenet" });
}

/** The builder under a name every generated module shares. */
export const build = buildGooglenet;
