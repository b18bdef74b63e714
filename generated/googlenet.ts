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

/** What block functions take from the builder: the spec's scheme (or options.init), the options and the seeds. */
interface BlockContext {
  init: InitScheme;
  options: BuildOptions;
  seedFor: (i: number) => number | undefined;
}

/**
 * Block `conv`: its layers, named `<name>.conv` …, applied to `x`; returns the last one's output. Defaults: kernel 1,
 * stride 1.
 */
function block$conv(
  x: tf.SymbolicTensor,
  name: string,
  args: { filters: number; kernel: number; stride: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const conv$ = new NetspecConv2D({
    name: name + ".conv",
    filters: args.filters,
    kernelSize: [args.kernel, args.kernel],
    strides: [args.stride, args.stride],
    pad: [(args.kernel - 1) / 2, (args.kernel - 1) / 2, (args.kernel - 1) / 2, (args.kernel - 1) / 2],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first)),
  }).apply(x) as tf.SymbolicTensor;
  const bn$ = new NetspecBatchNorm({ name: name + ".bn", epsilon: 0.001 }).apply(conv$) as tf.SymbolicTensor;
  const relu$ = new NetspecActivation({ name: name + ".relu", activation: "relu" }).apply(bn$) as tf.SymbolicTensor;
  return relu$;
}

/** Block `inception`: its layers, named `<name>.branch1` …, applied to `x`; returns the last one's output. */
function block$inception(
  x: tf.SymbolicTensor,
  name: string,
  args: { c1: number; c3r: number; c3: number; c5r: number; c5: number; pool: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const branch1$ = block$conv(x, name + ".branch1", { filters: args.c1, kernel: 1, stride: 1 }, ctx, first);
  const branch2_0$ = block$conv(x, name + ".branch2_0", { filters: args.c3r, kernel: 1, stride: 1 }, ctx, first + 3);
  const branch2_1$ = block$conv(
    branch2_0$,
    name + ".branch2_1",
    { filters: args.c3, kernel: 3, stride: 1 },
    ctx,
    first + 6,
  );
  const branch3_0$ = block$conv(x, name + ".branch3_0", { filters: args.c5r, kernel: 1, stride: 1 }, ctx, first + 9);
  const branch3_1$ = block$conv(
    branch3_0$,
    name + ".branch3_1",
    { filters: args.c5, kernel: 3, stride: 1 },
    ctx,
    first + 12,
  );
  const branch4_0$ = new NetspecPool2D({
    name: name + ".branch4_0",
    mode: "max",
    poolSize: [3, 3],
    strides: [1, 1],
    pad: [1, 1, 1, 1],
    rounding: "ceil",
  }).apply(x) as tf.SymbolicTensor;
  const branch4_1$ = block$conv(
    branch4_0$,
    name + ".branch4_1",
    { filters: args.pool, kernel: 1, stride: 1 },
    ctx,
    first + 16,
  );
  const cat$ = tf.layers.concatenate({
    name: name + ".cat",
    axis: 3,
  }).apply([branch1$, branch2_1$, branch3_1$, branch4_1$]) as tf.SymbolicTensor;
  return cat$;
}

/** Builds googlenet as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildGooglenet(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const ctx: BlockContext = { init, options, seedFor };
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // conv1: block conv, 224x224x3 -> 112x112x64
  const conv1_relu$ = block$conv(input, "conv1", { filters: 64, kernel: 7, stride: 2 }, ctx, 0);
  // maxpool1: 112x112x64 -> 56x56x64
  const maxpool1$ = new NetspecPool2D({
    name: "maxpool1",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(conv1_relu$) as tf.SymbolicTensor;
  // conv2: block conv, 56x56x64 -> 56x56x64
  const conv2_relu$ = block$conv(maxpool1$, "conv2", { filters: 64, kernel: 1, stride: 1 }, ctx, 4);
  // conv3: block conv, 56x56x64 -> 56x56x192
  const conv3_relu$ = block$conv(conv2_relu$, "conv3", { filters: 192, kernel: 3, stride: 1 }, ctx, 7);
  // maxpool2: 56x56x192 -> 28x28x192
  const maxpool2$ = new NetspecPool2D({
    name: "maxpool2",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(conv3_relu$) as tf.SymbolicTensor;
  // inception3a: block inception, 28x28x192 -> 28x28x256
  const inception3a_cat$ = block$inception(
    maxpool2$,
    "inception3a",
    { c1: 64, c3r: 96, c3: 128, c5r: 16, c5: 32, pool: 32 },
    ctx,
    11,
  );
  // inception3b: block inception, 28x28x256 -> 28x28x480
  const inception3b_cat$ = block$inception(
    inception3a_cat$,
    "inception3b",
    { c1: 128, c3r: 128, c3: 192, c5r: 32, c5: 96, pool: 64 },
    ctx,
    31,
  );
  // maxpool3: 28x28x480 -> 14x14x480
  const maxpool3$ = new NetspecPool2D({
    name: "maxpool3",
    mode: "max",
    poolSize: [3, 3],
    strides: [2, 2],
    rounding: "ceil",
  }).apply(inception3b_cat$) as tf.SymbolicTensor;
  // inception4a: block inception, 14x14x480 -> 14x14x512
  const inception4a_cat$ = block$inception(
    maxpool3$,
    "inception4a",
    { c1: 192, c3r: 96, c3: 208, c5r: 16, c5: 48, pool: 64 },
    ctx,
    52,
  );
  // inception4b: block inception, 14x14x512 -> 14x14x512
  const inception4b_cat$ = block$inception(
    inception4a_cat$,
    "inception4b",
    { c1: 160, c3r: 112, c3: 224, c5r: 24, c5: 64, pool: 64 },
    ctx,
    72,
  );
  // inception4c: block inception, 14x14x512 -> 14x14x512
  const inception4c_cat$ = block$inception(
    inception4b_cat$,
    "inception4c",
    { c1: 128, c3r: 128, c3: 256, c5r: 24, c5: 64, pool: 64 },
    ctx,
    92,
  );
  // inception4d: block inception, 14x14x512 -> 14x14x528
  const inception4d_cat$ = block$inception(
    inception4c_cat$,
    "inception4d",
    { c1: 112, c3r: 144, c3: 288, c5r: 32, c5: 64, pool: 64 },
    ctx,
    112,
  );
  // inception4e: block inception, 14x14x528 -> 14x14x832
  const inception4e_cat$ = block$inception(
    inception4d_cat$,
    "inception4e",
    { c1: 256, c3r: 160, c3: 320, c5r: 32, c5: 128, pool: 128 },
    ctx,
    132,
  );
  // maxpool4: 14x14x832 -> 7x7x832
  const maxpool4$ = new NetspecPool2D({
    name: "maxpool4",
    mode: "max",
    poolSize: [2, 2],
    rounding: "ceil",
  }).apply(inception4e_cat$) as tf.SymbolicTensor;
  // inception5a: block inception, 7x7x832 -> 7x7x832
  const inception5a_cat$ = block$inception(
    maxpool4$,
    "inception5a",
    { c1: 256, c3r: 160, c3: 320, c5r: 32, c5: 128, pool: 128 },
    ctx,
    153,
  );
  // inception5b: block inception, 7x7x832 -> 7x7x1024
  const inception5b_cat$ = block$inception(
    inception5a_cat$,
    "inception5b",
    { c1: 384, c3r: 192, c3: 384, c5r: 48, c5: 128, pool: 128 },
    ctx,
    173,
  );
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
