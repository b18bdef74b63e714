// generated from models/resnet50.yaml by netspec; do not edit.
// torchvision's ResNet-50 (224 input, 25.6 M params, 4.09 G mult-adds)
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
export const modelName = "resnet50";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "conv1", "bn1", "relu", "maxpool", "layer1_0.main.conv1", "layer1_0.main.bn1", "layer1_0.main.relu1",
  "layer1_0.main.conv2", "layer1_0.main.bn2", "layer1_0.main.relu2", "layer1_0.main.conv3", "layer1_0.main.bn3",
  "layer1_0.downsample_0", "layer1_0.downsample_1", "layer1_0.add", "layer1_0.relu", "layer1.0.main.conv1",
  "layer1.0.main.bn1", "layer1.0.main.relu1", "layer1.0.main.conv2", "layer1.0.main.bn2", "layer1.0.main.relu2",
  "layer1.0.main.conv3", "layer1.0.main.bn3", "layer1.0.add", "layer1.0.relu", "layer1.1.main.conv1",
  "layer1.1.main.bn1", "layer1.1.main.relu1", "layer1.1.main.conv2", "layer1.1.main.bn2", "layer1.1.main.relu2",
  "layer1.1.main.conv3", "layer1.1.main.bn3", "layer1.1.add", "layer1.1.relu", "layer2_0.main.conv1",
  "layer2_0.main.bn1", "layer2_0.main.relu1", "layer2_0.main.conv2", "layer2_0.main.bn2", "layer2_0.main.relu2",
  "layer2_0.main.conv3", "layer2_0.main.bn3", "layer2_0.downsample_0", "layer2_0.downsample_1", "layer2_0.add",
  "layer2_0.relu", "layer2.0.main.conv1", "layer2.0.main.bn1", "layer2.0.main.relu1", "layer2.0.main.conv2",
  "layer2.0.main.bn2", "layer2.0.main.relu2", "layer2.0.main.conv3", "layer2.0.main.bn3", "layer2.0.add",
  "layer2.0.relu", "layer2.1.main.conv1", "layer2.1.main.bn1", "layer2.1.main.relu1", "layer2.1.main.conv2",
  "layer2.1.main.bn2", "layer2.1.main.relu2", "layer2.1.main.conv3", "layer2.1.main.bn3", "layer2.1.add",
  "layer2.1.relu", "layer2.2.main.conv1", "layer2.2.main.bn1", "layer2.2.main.relu1", "layer2.2.main.conv2",
  "layer2.2.main.bn2", "layer2.2.main.relu2", "layer2.2.main.conv3", "layer2.2.main.bn3", "layer2.2.add",
  "layer2.2.relu", "layer3_0.main.conv1", "layer3_0.main.bn1", "layer3_0.main.relu1", "layer3_0.main.conv2",
  "layer3_0.main.bn2", "layer3_0.main.relu2", "layer3_0.main.conv3", "layer3_0.main.bn3", "layer3_0.downsample_0",
  "layer3_0.downsample_1", "layer3_0.add", "layer3_0.relu", "layer3.0.main.conv1", "layer3.0.main.bn1",
  "layer3.0.main.relu1", "layer3.0.main.conv2", "layer3.0.main.bn2", "layer3.0.main.relu2", "layer3.0.main.conv3",
  "layer3.0.main.bn3", "layer3.0.add", "layer3.0.relu", "layer3.1.main.conv1", "layer3.1.main.bn1",
  "layer3.1.main.relu1", "layer3.1.main.conv2", "layer3.1.main.bn2", "layer3.1.main.relu2", "layer3.1.main.conv3",
  "layer3.1.main.bn3", "layer3.1.add", "layer3.1.relu", "layer3.2.main.conv1", "layer3.2.main.bn1",
  "layer3.2.main.relu1", "layer3.2.main.conv2", "layer3.2.main.bn2", "layer3.2.main.relu2", "layer3.2.main.conv3",
  "layer3.2.main.bn3", "layer3.2.add", "layer3.2.relu", "layer3.3.main.conv1", "layer3.3.main.bn1",
  "layer3.3.main.relu1", "layer3.3.main.conv2", "layer3.3.main.bn2", "layer3.3.main.relu2", "layer3.3.main.conv3",
  "layer3.3.main.bn3", "layer3.3.add", "layer3.3.relu", "layer3.4.main.conv1", "layer3.4.main.bn1",
  "layer3.4.main.relu1", "layer3.4.main.conv2", "layer3.4.main.bn2", "layer3.4.main.relu2", "layer3.4.main.conv3",
  "layer3.4.main.bn3", "layer3.4.add", "layer3.4.relu", "layer4_0.main.conv1", "layer4_0.main.bn1",
  "layer4_0.main.relu1", "layer4_0.main.conv2", "layer4_0.main.bn2", "layer4_0.main.relu2", "layer4_0.main.conv3",
  "layer4_0.main.bn3", "layer4_0.downsample_0", "layer4_0.downsample_1", "layer4_0.add", "layer4_0.relu",
  "layer4.0.main.conv1", "layer4.0.main.bn1", "layer4.0.main.relu1", "layer4.0.main.conv2", "layer4.0.main.bn2",
  "layer4.0.main.relu2", "layer4.0.main.conv3", "layer4.0.main.bn3", "layer4.0.add", "layer4.0.relu",
  "layer4.1.main.conv1", "layer4.1.main.bn1", "layer4.1.main.relu1", "layer4.1.main.conv2", "layer4.1.main.bn2",
  "layer4.1.main.relu2", "layer4.1.main.conv3", "layer4.1.main.bn3", "layer4.1.add", "layer4.1.relu", "avgpool", "fc",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "conv1": [112, 112, 64],
  "bn1": [112, 112, 64],
  "relu": [112, 112, 64],
  "maxpool": [56, 56, 64],
  "layer1_0.main.conv1": [56, 56, 64],
  "layer1_0.main.bn1": [56, 56, 64],
  "layer1_0.main.relu1": [56, 56, 64],
  "layer1_0.main.conv2": [56, 56, 64],
  "layer1_0.main.bn2": [56, 56, 64],
  "layer1_0.main.relu2": [56, 56, 64],
  "layer1_0.main.conv3": [56, 56, 256],
  "layer1_0.main.bn3": [56, 56, 256],
  "layer1_0.downsample_0": [56, 56, 256],
  "layer1_0.downsample_1": [56, 56, 256],
  "layer1_0.add": [56, 56, 256],
  "layer1_0.relu": [56, 56, 256],
  "layer1.0.main.conv1": [56, 56, 64],
  "layer1.0.main.bn1": [56, 56, 64],
  "layer1.0.main.relu1": [56, 56, 64],
  "layer1.0.main.conv2": [56, 56, 64],
  "layer1.0.main.bn2": [56, 56, 64],
  "layer1.0.main.relu2": [56, 56, 64],
  "layer1.0.main.conv3": [56, 56, 256],
  "layer1.0.main.bn3": [56, 56, 256],
  "layer1.0.add": [56, 56, 256],
  "layer1.0.relu": [56, 56, 256],
  "layer1.1.main.conv1": [56, 56, 64],
  "layer1.1.main.bn1": [56, 56, 64],
  "layer1.1.main.relu1": [56, 56, 64],
  "layer1.1.main.conv2": [56, 56, 64],
  "layer1.1.main.bn2": [56, 56, 64],
  "layer1.1.main.relu2": [56, 56, 64],
  "layer1.1.main.conv3": [56, 56, 256],
  "layer1.1.main.bn3": [56, 56, 256],
  "layer1.1.add": [56, 56, 256],
  "layer1.1.relu": [56, 56, 256],
  "layer2_0.main.conv1": [56, 56, 128],
  "layer2_0.main.bn1": [56, 56, 128],
  "layer2_0.main.relu1": [56, 56, 128],
  "layer2_0.main.conv2": [28, 28, 128],
  "layer2_0.main.bn2": [28, 28, 128],
  "layer2_0.main.relu2": [28, 28, 128],
  "layer2_0.main.conv3": [28, 28, 512],
  "layer2_0.main.bn3": [28, 28, 512],
  "layer2_0.downsample_0": [28, 28, 512],
  "layer2_0.downsample_1": [28, 28, 512],
  "layer2_0.add": [28, 28, 512],
  "layer2_0.relu": [28, 28, 512],
  "layer2.0.main.conv1": [28, 28, 128],
  "layer2.0.main.bn1": [28, 28, 128],
  "layer2.0.main.relu1": [28, 28, 128],
  "layer2.0.main.conv2": [28, 28, 128],
  "layer2.0.main.bn2": [28, 28, 128],
  "layer2.0.main.relu2": [28, 28, 128],
  "layer2.0.main.conv3": [28, 28, 512],
  "layer2.0.main.bn3": [28, 28, 512],
  "layer2.0.add": [28, 28, 512],
  "layer2.0.relu": [28, 28, 512],
  "layer2.1.main.conv1": [28, 28, 128],
  "layer2.1.main.bn1": [28, 28, 128],
  "layer2.1.main.relu1": [28, 28, 128],
  "layer2.1.main.conv2": [28, 28, 128],
  "layer2.1.main.bn2": [28, 28, 128],
  "layer2.1.main.relu2": [28, 28, 128],
  "layer2.1.main.conv3": [28, 28, 512],
  "layer2.1.main.bn3": [28, 28, 512],
  "layer2.1.add": [28, 28, 512],
  "layer2.1.relu": [28, 28, 512],
  "layer2.2.main.conv1": [28, 28, 128],
  "layer2.2.main.bn1": [28, 28, 128],
  "layer2.2.main.relu1": [28, 28, 128],
  "layer2.2.main.conv2": [28, 28, 128],
  "layer2.2.main.bn2": [28, 28, 128],
  "layer2.2.main.relu2": [28, 28, 128],
  "layer2.2.main.conv3": [28, 28, 512],
  "layer2.2.main.bn3": [28, 28, 512],
  "layer2.2.add": [28, 28, 512],
  "layer2.2.relu": [28, 28, 512],
  "layer3_0.main.conv1": [28, 28, 256],
  "layer3_0.main.bn1": [28, 28, 256],
  "layer3_0.main.relu1": [28, 28, 256],
  "layer3_0.main.conv2": [14, 14, 256],
  "layer3_0.main.bn2": [14, 14, 256],
  "layer3_0.main.relu2": [14, 14, 256],
  "layer3_0.main.conv3": [14, 14, 1024],
  "layer3_0.main.bn3": [14, 14, 1024],
  "layer3_0.downsample_0": [14, 14, 1024],
  "layer3_0.downsample_1": [14, 14, 1024],
  "layer3_0.add": [14, 14, 1024],
  "layer3_0.relu": [14, 14, 1024],
  "layer3.0.main.conv1": [14, 14, 256],
  "layer3.0.main.bn1": [14, 14, 256],
  "layer3.0.main.relu1": [14, 14, 256],
  "layer3.0.main.conv2": [14, 14, 256],
  "layer3.0.main.bn2": [14, 14, 256],
  "layer3.0.main.relu2": [14, 14, 256],
  "layer3.0.main.conv3": [14, 14, 1024],
  "layer3.0.main.bn3": [14, 14, 1024],
  "layer3.0.add": [14, 14, 1024],
  "layer3.0.relu": [14, 14, 1024],
  "layer3.1.main.conv1": [14, 14, 256],
  "layer3.1.main.bn1": [14, 14, 256],
  "layer3.1.main.relu1": [14, 14, 256],
  "layer3.1.main.conv2": [14, 14, 256],
  "layer3.1.main.bn2": [14, 14, 256],
  "layer3.1.main.relu2": [14, 14, 256],
  "layer3.1.main.conv3": [14, 14, 1024],
  "layer3.1.main.bn3": [14, 14, 1024],
  "layer3.1.add": [14, 14, 1024],
  "layer3.1.relu": [14, 14, 1024],
  "layer3.2.main.conv1": [14, 14, 256],
  "layer3.2.main.bn1": [14, 14, 256],
  "layer3.2.main.relu1": [14, 14, 256],
  "layer3.2.main.conv2": [14, 14, 256],
  "layer3.2.main.bn2": [14, 14, 256],
  "layer3.2.main.relu2": [14, 14, 256],
  "layer3.2.main.conv3": [14, 14, 1024],
  "layer3.2.main.bn3": [14, 14, 1024],
  "layer3.2.add": [14, 14, 1024],
  "layer3.2.relu": [14, 14, 1024],
  "layer3.3.main.conv1": [14, 14, 256],
  "layer3.3.main.bn1": [14, 14, 256],
  "layer3.3.main.relu1": [14, 14, 256],
  "layer3.3.main.conv2": [14, 14, 256],
  "layer3.3.main.bn2": [14, 14, 256],
  "layer3.3.main.relu2": [14, 14, 256],
  "layer3.3.main.conv3": [14, 14, 1024],
  "layer3.3.main.bn3": [14, 14, 1024],
  "layer3.3.add": [14, 14, 1024],
  "layer3.3.relu": [14, 14, 1024],
  "layer3.4.main.conv1": [14, 14, 256],
  "layer3.4.main.bn1": [14, 14, 256],
  "layer3.4.main.relu1": [14, 14, 256],
  "layer3.4.main.conv2": [14, 14, 256],
  "layer3.4.main.bn2": [14, 14, 256],
  "layer3.4.main.relu2": [14, 14, 256],
  "layer3.4.main.conv3": [14, 14, 1024],
  "layer3.4.main.bn3": [14, 14, 1024],
  "layer3.4.add": [14, 14, 1024],
  "layer3.4.relu": [14, 14, 1024],
  "layer4_0.main.conv1": [14, 14, 512],
  "layer4_0.main.bn1": [14, 14, 512],
  "layer4_0.main.relu1": [14, 14, 512],
  "layer4_0.main.conv2": [7, 7, 512],
  "layer4_0.main.bn2": [7, 7, 512],
  "layer4_0.main.relu2": [7, 7, 512],
  "layer4_0.main.conv3": [7, 7, 2048],
  "layer4_0.main.bn3": [7, 7, 2048],
  "layer4_0.downsample_0": [7, 7, 2048],
  "layer4_0.downsample_1": [7, 7, 2048],
  "layer4_0.add": [7, 7, 2048],
  "layer4_0.relu": [7, 7, 2048],
  "layer4.0.main.conv1": [7, 7, 512],
  "layer4.0.main.bn1": [7, 7, 512],
  "layer4.0.main.relu1": [7, 7, 512],
  "layer4.0.main.conv2": [7, 7, 512],
  "layer4.0.main.bn2": [7, 7, 512],
  "layer4.0.main.relu2": [7, 7, 512],
  "layer4.0.main.conv3": [7, 7, 2048],
  "layer4.0.main.bn3": [7, 7, 2048],
  "layer4.0.add": [7, 7, 2048],
  "layer4.0.relu": [7, 7, 2048],
  "layer4.1.main.conv1": [7, 7, 512],
  "layer4.1.main.bn1": [7, 7, 512],
  "layer4.1.main.relu1": [7, 7, 512],
  "layer4.1.main.conv2": [7, 7, 512],
  "layer4.1.main.bn2": [7, 7, 512],
  "layer4.1.main.relu2": [7, 7, 512],
  "layer4.1.main.conv3": [7, 7, 2048],
  "layer4.1.main.bn3": [7, 7, 2048],
  "layer4.1.add": [7, 7, 2048],
  "layer4.1.relu": [7, 7, 2048],
  "avgpool": [2048],
  "fc": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 25610152,
  trainableParams: 25557032,
  multAdds: 4089184256,
  layers: [
    { name: "conv1", type: "Conv2D", outputShape: [112, 112, 64], params: 9408, multAdds: 118013952 },
    { name: "bn1", type: "BatchNorm", outputShape: [112, 112, 64], params: 256, multAdds: 0 },
    { name: "relu", type: "Activation", outputShape: [112, 112, 64], params: 0, multAdds: 0 },
    { name: "maxpool", type: "MaxPool2D", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1_0.main.conv1", type: "Conv2D", outputShape: [56, 56, 64], params: 4096, multAdds: 12845056 },
    { name: "layer1_0.main.bn1", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1_0.main.relu1", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1_0.main.conv2", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1_0.main.bn2", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1_0.main.relu2", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1_0.main.conv3", type: "Conv2D", outputShape: [56, 56, 256], params: 16384, multAdds: 51380224 },
    { name: "layer1_0.main.bn3", type: "BatchNorm", outputShape: [56, 56, 256], params: 1024, multAdds: 0 },
    { name: "layer1_0.downsample_0", type: "Conv2D", outputShape: [56, 56, 256], params: 16384, multAdds: 51380224 },
    { name: "layer1_0.downsample_1", type: "BatchNorm", outputShape: [56, 56, 256], params: 1024, multAdds: 0 },
    { name: "layer1_0.add", type: "Add", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer1_0.relu", type: "Activation", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer1.0.main.conv1", type: "Conv2D", outputShape: [56, 56, 64], params: 16384, multAdds: 51380224 },
    { name: "layer1.0.main.bn1", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.0.main.relu1", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.0.main.conv2", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.0.main.bn2", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.0.main.relu2", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.0.main.conv3", type: "Conv2D", outputShape: [56, 56, 256], params: 16384, multAdds: 51380224 },
    { name: "layer1.0.main.bn3", type: "BatchNorm", outputShape: [56, 56, 256], params: 1024, multAdds: 0 },
    { name: "layer1.0.add", type: "Add", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer1.0.relu", type: "Activation", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer1.1.main.conv1", type: "Conv2D", outputShape: [56, 56, 64], params: 16384, multAdds: 51380224 },
    { name: "layer1.1.main.bn1", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.1.main.relu1", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.1.main.conv2", type: "Conv2D", outputShape: [56, 56, 64], params: 36864, multAdds: 115605504 },
    { name: "layer1.1.main.bn2", type: "BatchNorm", outputShape: [56, 56, 64], params: 256, multAdds: 0 },
    { name: "layer1.1.main.relu2", type: "Activation", outputShape: [56, 56, 64], params: 0, multAdds: 0 },
    { name: "layer1.1.main.conv3", type: "Conv2D", outputShape: [56, 56, 256], params: 16384, multAdds: 51380224 },
    { name: "layer1.1.main.bn3", type: "BatchNorm", outputShape: [56, 56, 256], params: 1024, multAdds: 0 },
    { name: "layer1.1.add", type: "Add", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer1.1.relu", type: "Activation", outputShape: [56, 56, 256], params: 0, multAdds: 0 },
    { name: "layer2_0.main.conv1", type: "Conv2D", outputShape: [56, 56, 128], params: 32768, multAdds: 102760448 },
    { name: "layer2_0.main.bn1", type: "BatchNorm", outputShape: [56, 56, 128], params: 512, multAdds: 0 },
    { name: "layer2_0.main.relu1", type: "Activation", outputShape: [56, 56, 128], params: 0, multAdds: 0 },
    { name: "layer2_0.main.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2_0.main.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2_0.main.relu2", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2_0.main.conv3", type: "Conv2D", outputShape: [28, 28, 512], params: 65536, multAdds: 51380224 },
    { name: "layer2_0.main.bn3", type: "BatchNorm", outputShape: [28, 28, 512], params: 2048, multAdds: 0 },
    { name: "layer2_0.downsample_0", type: "Conv2D", outputShape: [28, 28, 512], params: 131072, multAdds: 102760448 },
    { name: "layer2_0.downsample_1", type: "BatchNorm", outputShape: [28, 28, 512], params: 2048, multAdds: 0 },
    { name: "layer2_0.add", type: "Add", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2_0.relu", type: "Activation", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.0.main.conv1", type: "Conv2D", outputShape: [28, 28, 128], params: 65536, multAdds: 51380224 },
    { name: "layer2.0.main.bn1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.0.main.relu1", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.0.main.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2.0.main.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.0.main.relu2", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.0.main.conv3", type: "Conv2D", outputShape: [28, 28, 512], params: 65536, multAdds: 51380224 },
    { name: "layer2.0.main.bn3", type: "BatchNorm", outputShape: [28, 28, 512], params: 2048, multAdds: 0 },
    { name: "layer2.0.add", type: "Add", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.0.relu", type: "Activation", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.1.main.conv1", type: "Conv2D", outputShape: [28, 28, 128], params: 65536, multAdds: 51380224 },
    { name: "layer2.1.main.bn1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.1.main.relu1", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.1.main.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2.1.main.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.1.main.relu2", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.1.main.conv3", type: "Conv2D", outputShape: [28, 28, 512], params: 65536, multAdds: 51380224 },
    { name: "layer2.1.main.bn3", type: "BatchNorm", outputShape: [28, 28, 512], params: 2048, multAdds: 0 },
    { name: "layer2.1.add", type: "Add", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.1.relu", type: "Activation", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.2.main.conv1", type: "Conv2D", outputShape: [28, 28, 128], params: 65536, multAdds: 51380224 },
    { name: "layer2.2.main.bn1", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.2.main.relu1", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.2.main.conv2", type: "Conv2D", outputShape: [28, 28, 128], params: 147456, multAdds: 115605504 },
    { name: "layer2.2.main.bn2", type: "BatchNorm", outputShape: [28, 28, 128], params: 512, multAdds: 0 },
    { name: "layer2.2.main.relu2", type: "Activation", outputShape: [28, 28, 128], params: 0, multAdds: 0 },
    { name: "layer2.2.main.conv3", type: "Conv2D", outputShape: [28, 28, 512], params: 65536, multAdds: 51380224 },
    { name: "layer2.2.main.bn3", type: "BatchNorm", outputShape: [28, 28, 512], params: 2048, multAdds: 0 },
    { name: "layer2.2.add", type: "Add", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer2.2.relu", type: "Activation", outputShape: [28, 28, 512], params: 0, multAdds: 0 },
    { name: "layer3_0.main.conv1", type: "Conv2D", outputShape: [28, 28, 256], params: 131072, multAdds: 102760448 },
    { name: "layer3_0.main.bn1", type: "BatchNorm", outputShape: [28, 28, 256], params: 1024, multAdds: 0 },
    { name: "layer3_0.main.relu1", type: "Activation", outputShape: [28, 28, 256], params: 0, multAdds: 0 },
    { name: "layer3_0.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3_0.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3_0.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3_0.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3_0.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3_0.downsample_0", type: "Conv2D", outputShape: [14, 14, 1024], params: 524288, multAdds: 102760448 },
    { name: "layer3_0.downsample_1", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3_0.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3_0.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.0.main.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 262144, multAdds: 51380224 },
    { name: "layer3.0.main.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.0.main.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.0.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3.0.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.0.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.0.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3.0.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3.0.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.0.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.1.main.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 262144, multAdds: 51380224 },
    { name: "layer3.1.main.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.1.main.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.1.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3.1.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.1.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.1.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3.1.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3.1.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.1.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.2.main.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 262144, multAdds: 51380224 },
    { name: "layer3.2.main.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.2.main.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.2.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3.2.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.2.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.2.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3.2.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3.2.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.2.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.3.main.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 262144, multAdds: 51380224 },
    { name: "layer3.3.main.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.3.main.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.3.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3.3.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.3.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.3.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3.3.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3.3.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.3.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.4.main.conv1", type: "Conv2D", outputShape: [14, 14, 256], params: 262144, multAdds: 51380224 },
    { name: "layer3.4.main.bn1", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.4.main.relu1", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.4.main.conv2", type: "Conv2D", outputShape: [14, 14, 256], params: 589824, multAdds: 115605504 },
    { name: "layer3.4.main.bn2", type: "BatchNorm", outputShape: [14, 14, 256], params: 1024, multAdds: 0 },
    { name: "layer3.4.main.relu2", type: "Activation", outputShape: [14, 14, 256], params: 0, multAdds: 0 },
    { name: "layer3.4.main.conv3", type: "Conv2D", outputShape: [14, 14, 1024], params: 262144, multAdds: 51380224 },
    { name: "layer3.4.main.bn3", type: "BatchNorm", outputShape: [14, 14, 1024], params: 4096, multAdds: 0 },
    { name: "layer3.4.add", type: "Add", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer3.4.relu", type: "Activation", outputShape: [14, 14, 1024], params: 0, multAdds: 0 },
    { name: "layer4_0.main.conv1", type: "Conv2D", outputShape: [14, 14, 512], params: 524288, multAdds: 102760448 },
    { name: "layer4_0.main.bn1", type: "BatchNorm", outputShape: [14, 14, 512], params: 2048, multAdds: 0 },
    { name: "layer4_0.main.relu1", type: "Activation", outputShape: [14, 14, 512], params: 0, multAdds: 0 },
    { name: "layer4_0.main.conv2", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4_0.main.bn2", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4_0.main.relu2", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4_0.main.conv3", type: "Conv2D", outputShape: [7, 7, 2048], params: 1048576, multAdds: 51380224 },
    { name: "layer4_0.main.bn3", type: "BatchNorm", outputShape: [7, 7, 2048], params: 8192, multAdds: 0 },
    { name: "layer4_0.downsample_0", type: "Conv2D", outputShape: [7, 7, 2048], params: 2097152, multAdds: 102760448 },
    { name: "layer4_0.downsample_1", type: "BatchNorm", outputShape: [7, 7, 2048], params: 8192, multAdds: 0 },
    { name: "layer4_0.add", type: "Add", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "layer4_0.relu", type: "Activation", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "layer4.0.main.conv1", type: "Conv2D", outputShape: [7, 7, 512], params: 1048576, multAdds: 51380224 },
    { name: "layer4.0.main.bn1", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4.0.main.relu1", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4.0.main.conv2", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4.0.main.bn2", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4.0.main.relu2", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4.0.main.conv3", type: "Conv2D", outputShape: [7, 7, 2048], params: 1048576, multAdds: 51380224 },
    { name: "layer4.0.main.bn3", type: "BatchNorm", outputShape: [7, 7, 2048], params: 8192, multAdds: 0 },
    { name: "layer4.0.add", type: "Add", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "layer4.0.relu", type: "Activation", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "layer4.1.main.conv1", type: "Conv2D", outputShape: [7, 7, 512], params: 1048576, multAdds: 51380224 },
    { name: "layer4.1.main.bn1", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4.1.main.relu1", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4.1.main.conv2", type: "Conv2D", outputShape: [7, 7, 512], params: 2359296, multAdds: 115605504 },
    { name: "layer4.1.main.bn2", type: "BatchNorm", outputShape: [7, 7, 512], params: 2048, multAdds: 0 },
    { name: "layer4.1.main.relu2", type: "Activation", outputShape: [7, 7, 512], params: 0, multAdds: 0 },
    { name: "layer4.1.main.conv3", type: "Conv2D", outputShape: [7, 7, 2048], params: 1048576, multAdds: 51380224 },
    { name: "layer4.1.main.bn3", type: "BatchNorm", outputShape: [7, 7, 2048], params: 8192, multAdds: 0 },
    { name: "layer4.1.add", type: "Add", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "layer4.1.relu", type: "Activation", outputShape: [7, 7, 2048], params: 0, multAdds: 0 },
    { name: "avgpool", type: "GlobalAvgPool2D", outputShape: [2048], params: 0, multAdds: 0 },
    { name: "fc", type: "Dense", outputShape: [1000], params: 2049000, multAdds: 2048000 },
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

/** Builds resnet50 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildResnet50(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
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
  // block entry: layer1_0
  // layer1_0.main.conv1: 56x56x64 -> 56x56x64
  const layer1_0_main_conv1$ = new NetspecConv2D({
    name: "layer1_0.main.conv1",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(4)),
  }).apply(maxpool$) as tf.SymbolicTensor;
  // layer1_0.main.bn1: 56x56x64 -> 56x56x64
  const layer1_0_main_bn1$ = new NetspecBatchNorm({
    name: "layer1_0.main.bn1",
  }).apply(layer1_0_main_conv1$) as tf.SymbolicTensor;
  // layer1_0.main.relu1: 56x56x64 -> 56x56x64
  const layer1_0_main_relu1$ = new NetspecActivation({
    name: "layer1_0.main.relu1",
    activation: "relu",
  }).apply(layer1_0_main_bn1$) as tf.SymbolicTensor;
  // layer1_0.main.conv2: 56x56x64 -> 56x56x64
  const layer1_0_main_conv2$ = new NetspecConv2D({
    name: "layer1_0.main.conv2",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(7)),
  }).apply(layer1_0_main_relu1$) as tf.SymbolicTensor;
  // layer1_0.main.bn2: 56x56x64 -> 56x56x64
  const layer1_0_main_bn2$ = new NetspecBatchNorm({
    name: "layer1_0.main.bn2",
  }).apply(layer1_0_main_conv2$) as tf.SymbolicTensor;
  // layer1_0.main.relu2: 56x56x64 -> 56x56x64
  const layer1_0_main_relu2$ = new NetspecActivation({
    name: "layer1_0.main.relu2",
    activation: "relu",
  }).apply(layer1_0_main_bn2$) as tf.SymbolicTensor;
  // layer1_0.main.conv3: 56x56x64 -> 56x56x256
  const layer1_0_main_conv3$ = new NetspecConv2D({
    name: "layer1_0.main.conv3",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(10)),
  }).apply(layer1_0_main_relu2$) as tf.SymbolicTensor;
  // layer1_0.main.bn3: 56x56x256 -> 56x56x256
  const layer1_0_main_bn3$ = new NetspecBatchNorm({
    name: "layer1_0.main.bn3",
  }).apply(layer1_0_main_conv3$) as tf.SymbolicTensor;
  // layer1_0.downsample_0: 56x56x64 -> 56x56x256
  const layer1_0_downsample_0$ = new NetspecConv2D({
    name: "layer1_0.downsample_0",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(12)),
  }).apply(maxpool$) as tf.SymbolicTensor;
  // layer1_0.downsample_1: 56x56x256 -> 56x56x256
  const layer1_0_downsample_1$ = new NetspecBatchNorm({
    name: "layer1_0.downsample_1",
  }).apply(layer1_0_downsample_0$) as tf.SymbolicTensor;
  // layer1_0.add: 56x56x256 + 56x56x256 -> 56x56x256
  const layer1_0_add$ = tf.layers.add({
    name: "layer1_0.add",
  }).apply([layer1_0_main_bn3$, layer1_0_downsample_1$]) as tf.SymbolicTensor;
  // layer1_0.relu: 56x56x256 -> 56x56x256
  const layer1_0_relu$ = new NetspecActivation({
    name: "layer1_0.relu",
    activation: "relu",
  }).apply(layer1_0_add$) as tf.SymbolicTensor;
  // block bottleneck: layer1.0
  // layer1.0.main.conv1: 56x56x256 -> 56x56x64
  const layer1_0_main_conv1$2 = new NetspecConv2D({
    name: "layer1.0.main.conv1",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(16)),
  }).apply(layer1_0_relu$) as tf.SymbolicTensor;
  // layer1.0.main.bn1: 56x56x64 -> 56x56x64
  const layer1_0_main_bn1$2 = new NetspecBatchNorm({
    name: "layer1.0.main.bn1",
  }).apply(layer1_0_main_conv1$2) as tf.SymbolicTensor;
  // layer1.0.main.relu1: 56x56x64 -> 56x56x64
  const layer1_0_main_relu1$2 = new NetspecActivation({
    name: "layer1.0.main.relu1",
    activation: "relu",
  }).apply(layer1_0_main_bn1$2) as tf.SymbolicTensor;
  // layer1.0.main.conv2: 56x56x64 -> 56x56x64
  const layer1_0_main_conv2$2 = new NetspecConv2D({
    name: "layer1.0.main.conv2",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(19)),
  }).apply(layer1_0_main_relu1$2) as tf.SymbolicTensor;
  // layer1.0.main.bn2: 56x56x64 -> 56x56x64
  const layer1_0_main_bn2$2 = new NetspecBatchNorm({
    name: "layer1.0.main.bn2",
  }).apply(layer1_0_main_conv2$2) as tf.SymbolicTensor;
  // layer1.0.main.relu2: 56x56x64 -> 56x56x64
  const layer1_0_main_relu2$2 = new NetspecActivation({
    name: "layer1.0.main.relu2",
    activation: "relu",
  }).apply(layer1_0_main_bn2$2) as tf.SymbolicTensor;
  // layer1.0.main.conv3: 56x56x64 -> 56x56x256
  const layer1_0_main_conv3$2 = new NetspecConv2D({
    name: "layer1.0.main.conv3",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(22)),
  }).apply(layer1_0_main_relu2$2) as tf.SymbolicTensor;
  // layer1.0.main.bn3: 56x56x256 -> 56x56x256
  const layer1_0_main_bn3$2 = new NetspecBatchNorm({
    name: "layer1.0.main.bn3",
  }).apply(layer1_0_main_conv3$2) as tf.SymbolicTensor;
  // layer1.0.add: 56x56x256 + 56x56x256 -> 56x56x256
  const layer1_0_add$2 = tf.layers.add({
    name: "layer1.0.add",
  }).apply([layer1_0_main_bn3$2, layer1_0_relu$]) as tf.SymbolicTensor;
  // layer1.0.relu: 56x56x256 -> 56x56x256
  const layer1_0_relu$2 = new NetspecActivation({
    name: "layer1.0.relu",
    activation: "relu",
  }).apply(layer1_0_add$2) as tf.SymbolicTensor;
  // block bottleneck: layer1.1
  // layer1.1.main.conv1: 56x56x256 -> 56x56x64
  const layer1_1_main_conv1$ = new NetspecConv2D({
    name: "layer1.1.main.conv1",
    filters: 64,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(26)),
  }).apply(layer1_0_relu$2) as tf.SymbolicTensor;
  // layer1.1.main.bn1: 56x56x64 -> 56x56x64
  const layer1_1_main_bn1$ = new NetspecBatchNorm({
    name: "layer1.1.main.bn1",
  }).apply(layer1_1_main_conv1$) as tf.SymbolicTensor;
  // layer1.1.main.relu1: 56x56x64 -> 56x56x64
  const layer1_1_main_relu1$ = new NetspecActivation({
    name: "layer1.1.main.relu1",
    activation: "relu",
  }).apply(layer1_1_main_bn1$) as tf.SymbolicTensor;
  // layer1.1.main.conv2: 56x56x64 -> 56x56x64
  const layer1_1_main_conv2$ = new NetspecConv2D({
    name: "layer1.1.main.conv2",
    filters: 64,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(29)),
  }).apply(layer1_1_main_relu1$) as tf.SymbolicTensor;
  // layer1.1.main.bn2: 56x56x64 -> 56x56x64
  const layer1_1_main_bn2$ = new NetspecBatchNorm({
    name: "layer1.1.main.bn2",
  }).apply(layer1_1_main_conv2$) as tf.SymbolicTensor;
  // layer1.1.main.relu2: 56x56x64 -> 56x56x64
  const layer1_1_main_relu2$ = new NetspecActivation({
    name: "layer1.1.main.relu2",
    activation: "relu",
  }).apply(layer1_1_main_bn2$) as tf.SymbolicTensor;
  // layer1.1.main.conv3: 56x56x64 -> 56x56x256
  const layer1_1_main_conv3$ = new NetspecConv2D({
    name: "layer1.1.main.conv3",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(32)),
  }).apply(layer1_1_main_relu2$) as tf.SymbolicTensor;
  // layer1.1.main.bn3: 56x56x256 -> 56x56x256
  const layer1_1_main_bn3$ = new NetspecBatchNorm({
    name: "layer1.1.main.bn3",
  }).apply(layer1_1_main_conv3$) as tf.SymbolicTensor;
  // layer1.1.add: 56x56x256 + 56x56x256 -> 56x56x256
  const layer1_1_add$ = tf.layers.add({
    name: "layer1.1.add",
  }).apply([layer1_1_main_bn3$, layer1_0_relu$2]) as tf.SymbolicTensor;
  // layer1.1.relu: 56x56x256 -> 56x56x256
  const layer1_1_relu$ = new NetspecActivation({
    name: "layer1.1.relu",
    activation: "relu",
  }).apply(layer1_1_add$) as tf.SymbolicTensor;
  // block entry: layer2_0
  // layer2_0.main.conv1: 56x56x256 -> 56x56x128
  const layer2_0_main_conv1$ = new NetspecConv2D({
    name: "layer2_0.main.conv1",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(36)),
  }).apply(layer1_1_relu$) as tf.SymbolicTensor;
  // layer2_0.main.bn1: 56x56x128 -> 56x56x128
  const layer2_0_main_bn1$ = new NetspecBatchNorm({
    name: "layer2_0.main.bn1",
  }).apply(layer2_0_main_conv1$) as tf.SymbolicTensor;
  // layer2_0.main.relu1: 56x56x128 -> 56x56x128
  const layer2_0_main_relu1$ = new NetspecActivation({
    name: "layer2_0.main.relu1",
    activation: "relu",
  }).apply(layer2_0_main_bn1$) as tf.SymbolicTensor;
  // layer2_0.main.conv2: 56x56x128 -> 28x28x128
  const layer2_0_main_conv2$ = new NetspecConv2D({
    name: "layer2_0.main.conv2",
    filters: 128,
    kernelSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(39)),
  }).apply(layer2_0_main_relu1$) as tf.SymbolicTensor;
  // layer2_0.main.bn2: 28x28x128 -> 28x28x128
  const layer2_0_main_bn2$ = new NetspecBatchNorm({
    name: "layer2_0.main.bn2",
  }).apply(layer2_0_main_conv2$) as tf.SymbolicTensor;
  // layer2_0.main.relu2: 28x28x128 -> 28x28x128
  const layer2_0_main_relu2$ = new NetspecActivation({
    name: "layer2_0.main.relu2",
    activation: "relu",
  }).apply(layer2_0_main_bn2$) as tf.SymbolicTensor;
  // layer2_0.main.conv3: 28x28x128 -> 28x28x512
  const layer2_0_main_conv3$ = new NetspecConv2D({
    name: "layer2_0.main.conv3",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(42)),
  }).apply(layer2_0_main_relu2$) as tf.SymbolicTensor;
  // layer2_0.main.bn3: 28x28x512 -> 28x28x512
  const layer2_0_main_bn3$ = new NetspecBatchNorm({
    name: "layer2_0.main.bn3",
  }).apply(layer2_0_main_conv3$) as tf.SymbolicTensor;
  // layer2_0.downsample_0: 56x56x256 -> 28x28x512
  const layer2_0_downsample_0$ = new NetspecConv2D({
    name: "layer2_0.downsample_0",
    filters: 512,
    kernelSize: [1, 1],
    strides: [2, 2],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(44)),
  }).apply(layer1_1_relu$) as tf.SymbolicTensor;
  // layer2_0.downsample_1: 28x28x512 -> 28x28x512
  const layer2_0_downsample_1$ = new NetspecBatchNorm({
    name: "layer2_0.downsample_1",
  }).apply(layer2_0_downsample_0$) as tf.SymbolicTensor;
  // layer2_0.add: 28x28x512 + 28x28x512 -> 28x28x512
  const layer2_0_add$ = tf.layers.add({
    name: "layer2_0.add",
  }).apply([layer2_0_main_bn3$, layer2_0_downsample_1$]) as tf.SymbolicTensor;
  // layer2_0.relu: 28x28x512 -> 28x28x512
  const layer2_0_relu$ = new NetspecActivation({
    name: "layer2_0.relu",
    activation: "relu",
  }).apply(layer2_0_add$) as tf.SymbolicTensor;
  // block bottleneck: layer2.0
  // layer2.0.main.conv1: 28x28x512 -> 28x28x128
  const layer2_0_main_conv1$2 = new NetspecConv2D({
    name: "layer2.0.main.conv1",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(48)),
  }).apply(layer2_0_relu$) as tf.SymbolicTensor;
  // layer2.0.main.bn1: 28x28x128 -> 28x28x128
  const layer2_0_main_bn1$2 = new NetspecBatchNorm({
    name: "layer2.0.main.bn1",
  }).apply(layer2_0_main_conv1$2) as tf.SymbolicTensor;
  // layer2.0.main.relu1: 28x28x128 -> 28x28x128
  const layer2_0_main_relu1$2 = new NetspecActivation({
    name: "layer2.0.main.relu1",
    activation: "relu",
  }).apply(layer2_0_main_bn1$2) as tf.SymbolicTensor;
  // layer2.0.main.conv2: 28x28x128 -> 28x28x128
  const layer2_0_main_conv2$2 = new NetspecConv2D({
    name: "layer2.0.main.conv2",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(51)),
  }).apply(layer2_0_main_relu1$2) as tf.SymbolicTensor;
  // layer2.0.main.bn2: 28x28x128 -> 28x28x128
  const layer2_0_main_bn2$2 = new NetspecBatchNorm({
    name: "layer2.0.main.bn2",
  }).apply(layer2_0_main_conv2$2) as tf.SymbolicTensor;
  // layer2.0.main.relu2: 28x28x128 -> 28x28x128
  const layer2_0_main_relu2$2 = new NetspecActivation({
    name: "layer2.0.main.relu2",
    activation: "relu",
  }).apply(layer2_0_main_bn2$2) as tf.SymbolicTensor;
  // layer2.0.main.conv3: 28x28x128 -> 28x28x512
  const layer2_0_main_conv3$2 = new NetspecConv2D({
    name: "layer2.0.main.conv3",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(54)),
  }).apply(layer2_0_main_relu2$2) as tf.SymbolicTensor;
  // layer2.0.main.bn3: 28x28x512 -> 28x28x512
  const layer2_0_main_bn3$2 = new NetspecBatchNorm({
    name: "layer2.0.main.bn3",
  }).apply(layer2_0_main_conv3$2) as tf.SymbolicTensor;
  // layer2.0.add: 28x28x512 + 28x28x512 -> 28x28x512
  const layer2_0_add$2 = tf.layers.add({
    name: "layer2.0.add",
  }).apply([layer2_0_main_bn3$2, layer2_0_relu$]) as tf.SymbolicTensor;
  // layer2.0.relu: 28x28x512 -> 28x28x512
  const layer2_0_relu$2 = new NetspecActivation({
    name: "layer2.0.relu",
    activation: "relu",
  }).apply(layer2_0_add$2) as tf.SymbolicTensor;
  // block bottleneck: layer2.1
  // layer2.1.main.conv1: 28x28x512 -> 28x28x128
  const layer2_1_main_conv1$ = new NetspecConv2D({
    name: "layer2.1.main.conv1",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(58)),
  }).apply(layer2_0_relu$2) as tf.SymbolicTensor;
  // layer2.1.main.bn1: 28x28x128 -> 28x28x128
  const layer2_1_main_bn1$ = new NetspecBatchNorm({
    name: "layer2.1.main.bn1",
  }).apply(layer2_1_main_conv1$) as tf.SymbolicTensor;
  // layer2.1.main.relu1: 28x28x128 -> 28x28x128
  const layer2_1_main_relu1$ = new NetspecActivation({
    name: "layer2.1.main.relu1",
    activation: "relu",
  }).apply(layer2_1_main_bn1$) as tf.SymbolicTensor;
  // layer2.1.main.conv2: 28x28x128 -> 28x28x128
  const layer2_1_main_conv2$ = new NetspecConv2D({
    name: "layer2.1.main.conv2",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(61)),
  }).apply(layer2_1_main_relu1$) as tf.SymbolicTensor;
  // layer2.1.main.bn2: 28x28x128 -> 28x28x128
  const layer2_1_main_bn2$ = new NetspecBatchNorm({
    name: "layer2.1.main.bn2",
  }).apply(layer2_1_main_conv2$) as tf.SymbolicTensor;
  // layer2.1.main.relu2: 28x28x128 -> 28x28x128
  const layer2_1_main_relu2$ = new NetspecActivation({
    name: "layer2.1.main.relu2",
    activation: "relu",
  }).apply(layer2_1_main_bn2$) as tf.SymbolicTensor;
  // layer2.1.main.conv3: 28x28x128 -> 28x28x512
  const layer2_1_main_conv3$ = new NetspecConv2D({
    name: "layer2.1.main.conv3",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(64)),
  }).apply(layer2_1_main_relu2$) as tf.SymbolicTensor;
  // layer2.1.main.bn3: 28x28x512 -> 28x28x512
  const layer2_1_main_bn3$ = new NetspecBatchNorm({
    name: "layer2.1.main.bn3",
  }).apply(layer2_1_main_conv3$) as tf.SymbolicTensor;
  // layer2.1.add: 28x28x512 + 28x28x512 -> 28x28x512
  const layer2_1_add$ = tf.layers.add({
    name: "layer2.1.add",
  }).apply([layer2_1_main_bn3$, layer2_0_relu$2]) as tf.SymbolicTensor;
  // layer2.1.relu: 28x28x512 -> 28x28x512
  const layer2_1_relu$ = new NetspecActivation({
    name: "layer2.1.relu",
    activation: "relu",
  }).apply(layer2_1_add$) as tf.SymbolicTensor;
  // block bottleneck: layer2.2
  // layer2.2.main.conv1: 28x28x512 -> 28x28x128
  const layer2_2_main_conv1$ = new NetspecConv2D({
    name: "layer2.2.main.conv1",
    filters: 128,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(68)),
  }).apply(layer2_1_relu$) as tf.SymbolicTensor;
  // layer2.2.main.bn1: 28x28x128 -> 28x28x128
  const layer2_2_main_bn1$ = new NetspecBatchNorm({
    name: "layer2.2.main.bn1",
  }).apply(layer2_2_main_conv1$) as tf.SymbolicTensor;
  // layer2.2.main.relu1: 28x28x128 -> 28x28x128
  const layer2_2_main_relu1$ = new NetspecActivation({
    name: "layer2.2.main.relu1",
    activation: "relu",
  }).apply(layer2_2_main_bn1$) as tf.SymbolicTensor;
  // layer2.2.main.conv2: 28x28x128 -> 28x28x128
  const layer2_2_main_conv2$ = new NetspecConv2D({
    name: "layer2.2.main.conv2",
    filters: 128,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(71)),
  }).apply(layer2_2_main_relu1$) as tf.SymbolicTensor;
  // layer2.2.main.bn2: 28x28x128 -> 28x28x128
  const layer2_2_main_bn2$ = new NetspecBatchNorm({
    name: "layer2.2.main.bn2",
  }).apply(layer2_2_main_conv2$) as tf.SymbolicTensor;
  // layer2.2.main.relu2: 28x28x128 -> 28x28x128
  const layer2_2_main_relu2$ = new NetspecActivation({
    name: "layer2.2.main.relu2",
    activation: "relu",
  }).apply(layer2_2_main_bn2$) as tf.SymbolicTensor;
  // layer2.2.main.conv3: 28x28x128 -> 28x28x512
  const layer2_2_main_conv3$ = new NetspecConv2D({
    name: "layer2.2.main.conv3",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(74)),
  }).apply(layer2_2_main_relu2$) as tf.SymbolicTensor;
  // layer2.2.main.bn3: 28x28x512 -> 28x28x512
  const layer2_2_main_bn3$ = new NetspecBatchNorm({
    name: "layer2.2.main.bn3",
  }).apply(layer2_2_main_conv3$) as tf.SymbolicTensor;
  // layer2.2.add: 28x28x512 + 28x28x512 -> 28x28x512
  const layer2_2_add$ = tf.layers.add({
    name: "layer2.2.add",
  }).apply([layer2_2_main_bn3$, layer2_1_relu$]) as tf.SymbolicTensor;
  // layer2.2.relu: 28x28x512 -> 28x28x512
  const layer2_2_relu$ = new NetspecActivation({
    name: "layer2.2.relu",
    activation: "relu",
  }).apply(layer2_2_add$) as tf.SymbolicTensor;
  // block entry: layer3_0
  // layer3_0.main.conv1: 28x28x512 -> 28x28x256
  const layer3_0_main_conv1$ = new NetspecConv2D({
    name: "layer3_0.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(78)),
  }).apply(layer2_2_relu$) as tf.SymbolicTensor;
  // layer3_0.main.bn1: 28x28x256 -> 28x28x256
  const layer3_0_main_bn1$ = new NetspecBatchNorm({
    name: "layer3_0.main.bn1",
  }).apply(layer3_0_main_conv1$) as tf.SymbolicTensor;
  // layer3_0.main.relu1: 28x28x256 -> 28x28x256
  const layer3_0_main_relu1$ = new NetspecActivation({
    name: "layer3_0.main.relu1",
    activation: "relu",
  }).apply(layer3_0_main_bn1$) as tf.SymbolicTensor;
  // layer3_0.main.conv2: 28x28x256 -> 14x14x256
  const layer3_0_main_conv2$ = new NetspecConv2D({
    name: "layer3_0.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(81)),
  }).apply(layer3_0_main_relu1$) as tf.SymbolicTensor;
  // layer3_0.main.bn2: 14x14x256 -> 14x14x256
  const layer3_0_main_bn2$ = new NetspecBatchNorm({
    name: "layer3_0.main.bn2",
  }).apply(layer3_0_main_conv2$) as tf.SymbolicTensor;
  // layer3_0.main.relu2: 14x14x256 -> 14x14x256
  const layer3_0_main_relu2$ = new NetspecActivation({
    name: "layer3_0.main.relu2",
    activation: "relu",
  }).apply(layer3_0_main_bn2$) as tf.SymbolicTensor;
  // layer3_0.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_0_main_conv3$ = new NetspecConv2D({
    name: "layer3_0.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(84)),
  }).apply(layer3_0_main_relu2$) as tf.SymbolicTensor;
  // layer3_0.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_0_main_bn3$ = new NetspecBatchNorm({
    name: "layer3_0.main.bn3",
  }).apply(layer3_0_main_conv3$) as tf.SymbolicTensor;
  // layer3_0.downsample_0: 28x28x512 -> 14x14x1024
  const layer3_0_downsample_0$ = new NetspecConv2D({
    name: "layer3_0.downsample_0",
    filters: 1024,
    kernelSize: [1, 1],
    strides: [2, 2],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(86)),
  }).apply(layer2_2_relu$) as tf.SymbolicTensor;
  // layer3_0.downsample_1: 14x14x1024 -> 14x14x1024
  const layer3_0_downsample_1$ = new NetspecBatchNorm({
    name: "layer3_0.downsample_1",
  }).apply(layer3_0_downsample_0$) as tf.SymbolicTensor;
  // layer3_0.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_0_add$ = tf.layers.add({
    name: "layer3_0.add",
  }).apply([layer3_0_main_bn3$, layer3_0_downsample_1$]) as tf.SymbolicTensor;
  // layer3_0.relu: 14x14x1024 -> 14x14x1024
  const layer3_0_relu$ = new NetspecActivation({
    name: "layer3_0.relu",
    activation: "relu",
  }).apply(layer3_0_add$) as tf.SymbolicTensor;
  // block bottleneck: layer3.0
  // layer3.0.main.conv1: 14x14x1024 -> 14x14x256
  const layer3_0_main_conv1$2 = new NetspecConv2D({
    name: "layer3.0.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(90)),
  }).apply(layer3_0_relu$) as tf.SymbolicTensor;
  // layer3.0.main.bn1: 14x14x256 -> 14x14x256
  const layer3_0_main_bn1$2 = new NetspecBatchNorm({
    name: "layer3.0.main.bn1",
  }).apply(layer3_0_main_conv1$2) as tf.SymbolicTensor;
  // layer3.0.main.relu1: 14x14x256 -> 14x14x256
  const layer3_0_main_relu1$2 = new NetspecActivation({
    name: "layer3.0.main.relu1",
    activation: "relu",
  }).apply(layer3_0_main_bn1$2) as tf.SymbolicTensor;
  // layer3.0.main.conv2: 14x14x256 -> 14x14x256
  const layer3_0_main_conv2$2 = new NetspecConv2D({
    name: "layer3.0.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(93)),
  }).apply(layer3_0_main_relu1$2) as tf.SymbolicTensor;
  // layer3.0.main.bn2: 14x14x256 -> 14x14x256
  const layer3_0_main_bn2$2 = new NetspecBatchNorm({
    name: "layer3.0.main.bn2",
  }).apply(layer3_0_main_conv2$2) as tf.SymbolicTensor;
  // layer3.0.main.relu2: 14x14x256 -> 14x14x256
  const layer3_0_main_relu2$2 = new NetspecActivation({
    name: "layer3.0.main.relu2",
    activation: "relu",
  }).apply(layer3_0_main_bn2$2) as tf.SymbolicTensor;
  // layer3.0.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_0_main_conv3$2 = new NetspecConv2D({
    name: "layer3.0.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(96)),
  }).apply(layer3_0_main_relu2$2) as tf.SymbolicTensor;
  // layer3.0.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_0_main_bn3$2 = new NetspecBatchNorm({
    name: "layer3.0.main.bn3",
  }).apply(layer3_0_main_conv3$2) as tf.SymbolicTensor;
  // layer3.0.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_0_add$2 = tf.layers.add({
    name: "layer3.0.add",
  }).apply([layer3_0_main_bn3$2, layer3_0_relu$]) as tf.SymbolicTensor;
  // layer3.0.relu: 14x14x1024 -> 14x14x1024
  const layer3_0_relu$2 = new NetspecActivation({
    name: "layer3.0.relu",
    activation: "relu",
  }).apply(layer3_0_add$2) as tf.SymbolicTensor;
  // block bottleneck: layer3.1
  // layer3.1.main.conv1: 14x14x1024 -> 14x14x256
  const layer3_1_main_conv1$ = new NetspecConv2D({
    name: "layer3.1.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(100)),
  }).apply(layer3_0_relu$2) as tf.SymbolicTensor;
  // layer3.1.main.bn1: 14x14x256 -> 14x14x256
  const layer3_1_main_bn1$ = new NetspecBatchNorm({
    name: "layer3.1.main.bn1",
  }).apply(layer3_1_main_conv1$) as tf.SymbolicTensor;
  // layer3.1.main.relu1: 14x14x256 -> 14x14x256
  const layer3_1_main_relu1$ = new NetspecActivation({
    name: "layer3.1.main.relu1",
    activation: "relu",
  }).apply(layer3_1_main_bn1$) as tf.SymbolicTensor;
  // layer3.1.main.conv2: 14x14x256 -> 14x14x256
  const layer3_1_main_conv2$ = new NetspecConv2D({
    name: "layer3.1.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(103)),
  }).apply(layer3_1_main_relu1$) as tf.SymbolicTensor;
  // layer3.1.main.bn2: 14x14x256 -> 14x14x256
  const layer3_1_main_bn2$ = new NetspecBatchNorm({
    name: "layer3.1.main.bn2",
  }).apply(layer3_1_main_conv2$) as tf.SymbolicTensor;
  // layer3.1.main.relu2: 14x14x256 -> 14x14x256
  const layer3_1_main_relu2$ = new NetspecActivation({
    name: "layer3.1.main.relu2",
    activation: "relu",
  }).apply(layer3_1_main_bn2$) as tf.SymbolicTensor;
  // layer3.1.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_1_main_conv3$ = new NetspecConv2D({
    name: "layer3.1.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(106)),
  }).apply(layer3_1_main_relu2$) as tf.SymbolicTensor;
  // layer3.1.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_1_main_bn3$ = new NetspecBatchNorm({
    name: "layer3.1.main.bn3",
  }).apply(layer3_1_main_conv3$) as tf.SymbolicTensor;
  // layer3.1.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_1_add$ = tf.layers.add({
    name: "layer3.1.add",
  }).apply([layer3_1_main_bn3$, layer3_0_relu$2]) as tf.SymbolicTensor;
  // layer3.1.relu: 14x14x1024 -> 14x14x1024
  const layer3_1_relu$ = new NetspecActivation({
    name: "layer3.1.relu",
    activation: "relu",
  }).apply(layer3_1_add$) as tf.SymbolicTensor;
  // block bottleneck: layer3.2
  // layer3.2.main.conv1: 14x14x1024 -> 14x14x256
  const layer3_2_main_conv1$ = new NetspecConv2D({
    name: "layer3.2.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(110)),
  }).apply(layer3_1_relu$) as tf.SymbolicTensor;
  // layer3.2.main.bn1: 14x14x256 -> 14x14x256
  const layer3_2_main_bn1$ = new NetspecBatchNorm({
    name: "layer3.2.main.bn1",
  }).apply(layer3_2_main_conv1$) as tf.SymbolicTensor;
  // layer3.2.main.relu1: 14x14x256 -> 14x14x256
  const layer3_2_main_relu1$ = new NetspecActivation({
    name: "layer3.2.main.relu1",
    activation: "relu",
  }).apply(layer3_2_main_bn1$) as tf.SymbolicTensor;
  // layer3.2.main.conv2: 14x14x256 -> 14x14x256
  const layer3_2_main_conv2$ = new NetspecConv2D({
    name: "layer3.2.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(113)),
  }).apply(layer3_2_main_relu1$) as tf.SymbolicTensor;
  // layer3.2.main.bn2: 14x14x256 -> 14x14x256
  const layer3_2_main_bn2$ = new NetspecBatchNorm({
    name: "layer3.2.main.bn2",
  }).apply(layer3_2_main_conv2$) as tf.SymbolicTensor;
  // layer3.2.main.relu2: 14x14x256 -> 14x14x256
  const layer3_2_main_relu2$ = new NetspecActivation({
    name: "layer3.2.main.relu2",
    activation: "relu",
  }).apply(layer3_2_main_bn2$) as tf.SymbolicTensor;
  // layer3.2.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_2_main_conv3$ = new NetspecConv2D({
    name: "layer3.2.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(116)),
  }).apply(layer3_2_main_relu2$) as tf.SymbolicTensor;
  // layer3.2.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_2_main_bn3$ = new NetspecBatchNorm({
    name: "layer3.2.main.bn3",
  }).apply(layer3_2_main_conv3$) as tf.SymbolicTensor;
  // layer3.2.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_2_add$ = tf.layers.add({
    name: "layer3.2.add",
  }).apply([layer3_2_main_bn3$, layer3_1_relu$]) as tf.SymbolicTensor;
  // layer3.2.relu: 14x14x1024 -> 14x14x1024
  const layer3_2_relu$ = new NetspecActivation({
    name: "layer3.2.relu",
    activation: "relu",
  }).apply(layer3_2_add$) as tf.SymbolicTensor;
  // block bottleneck: layer3.3
  // layer3.3.main.conv1: 14x14x1024 -> 14x14x256
  const layer3_3_main_conv1$ = new NetspecConv2D({
    name: "layer3.3.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(120)),
  }).apply(layer3_2_relu$) as tf.SymbolicTensor;
  // layer3.3.main.bn1: 14x14x256 -> 14x14x256
  const layer3_3_main_bn1$ = new NetspecBatchNorm({
    name: "layer3.3.main.bn1",
  }).apply(layer3_3_main_conv1$) as tf.SymbolicTensor;
  // layer3.3.main.relu1: 14x14x256 -> 14x14x256
  const layer3_3_main_relu1$ = new NetspecActivation({
    name: "layer3.3.main.relu1",
    activation: "relu",
  }).apply(layer3_3_main_bn1$) as tf.SymbolicTensor;
  // layer3.3.main.conv2: 14x14x256 -> 14x14x256
  const layer3_3_main_conv2$ = new NetspecConv2D({
    name: "layer3.3.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(123)),
  }).apply(layer3_3_main_relu1$) as tf.SymbolicTensor;
  // layer3.3.main.bn2: 14x14x256 -> 14x14x256
  const layer3_3_main_bn2$ = new NetspecBatchNorm({
    name: "layer3.3.main.bn2",
  }).apply(layer3_3_main_conv2$) as tf.SymbolicTensor;
  // layer3.3.main.relu2: 14x14x256 -> 14x14x256
  const layer3_3_main_relu2$ = new NetspecActivation({
    name: "layer3.3.main.relu2",
    activation: "relu",
  }).apply(layer3_3_main_bn2$) as tf.SymbolicTensor;
  // layer3.3.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_3_main_conv3$ = new NetspecConv2D({
    name: "layer3.3.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(126)),
  }).apply(layer3_3_main_relu2$) as tf.SymbolicTensor;
  // layer3.3.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_3_main_bn3$ = new NetspecBatchNorm({
    name: "layer3.3.main.bn3",
  }).apply(layer3_3_main_conv3$) as tf.SymbolicTensor;
  // layer3.3.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_3_add$ = tf.layers.add({
    name: "layer3.3.add",
  }).apply([layer3_3_main_bn3$, layer3_2_relu$]) as tf.SymbolicTensor;
  // layer3.3.relu: 14x14x1024 -> 14x14x1024
  const layer3_3_relu$ = new NetspecActivation({
    name: "layer3.3.relu",
    activation: "relu",
  }).apply(layer3_3_add$) as tf.SymbolicTensor;
  // block bottleneck: layer3.4
  // layer3.4.main.conv1: 14x14x1024 -> 14x14x256
  const layer3_4_main_conv1$ = new NetspecConv2D({
    name: "layer3.4.main.conv1",
    filters: 256,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(130)),
  }).apply(layer3_3_relu$) as tf.SymbolicTensor;
  // layer3.4.main.bn1: 14x14x256 -> 14x14x256
  const layer3_4_main_bn1$ = new NetspecBatchNorm({
    name: "layer3.4.main.bn1",
  }).apply(layer3_4_main_conv1$) as tf.SymbolicTensor;
  // layer3.4.main.relu1: 14x14x256 -> 14x14x256
  const layer3_4_main_relu1$ = new NetspecActivation({
    name: "layer3.4.main.relu1",
    activation: "relu",
  }).apply(layer3_4_main_bn1$) as tf.SymbolicTensor;
  // layer3.4.main.conv2: 14x14x256 -> 14x14x256
  const layer3_4_main_conv2$ = new NetspecConv2D({
    name: "layer3.4.main.conv2",
    filters: 256,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(133)),
  }).apply(layer3_4_main_relu1$) as tf.SymbolicTensor;
  // layer3.4.main.bn2: 14x14x256 -> 14x14x256
  const layer3_4_main_bn2$ = new NetspecBatchNorm({
    name: "layer3.4.main.bn2",
  }).apply(layer3_4_main_conv2$) as tf.SymbolicTensor;
  // layer3.4.main.relu2: 14x14x256 -> 14x14x256
  const layer3_4_main_relu2$ = new NetspecActivation({
    name: "layer3.4.main.relu2",
    activation: "relu",
  }).apply(layer3_4_main_bn2$) as tf.SymbolicTensor;
  // layer3.4.main.conv3: 14x14x256 -> 14x14x1024
  const layer3_4_main_conv3$ = new NetspecConv2D({
    name: "layer3.4.main.conv3",
    filters: 1024,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(136)),
  }).apply(layer3_4_main_relu2$) as tf.SymbolicTensor;
  // layer3.4.main.bn3: 14x14x1024 -> 14x14x1024
  const layer3_4_main_bn3$ = new NetspecBatchNorm({
    name: "layer3.4.main.bn3",
  }).apply(layer3_4_main_conv3$) as tf.SymbolicTensor;
  // layer3.4.add: 14x14x1024 + 14x14x1024 -> 14x14x1024
  const layer3_4_add$ = tf.layers.add({
    name: "layer3.4.add",
  }).apply([layer3_4_main_bn3$, layer3_3_relu$]) as tf.SymbolicTensor;
  // layer3.4.relu: 14x14x1024 -> 14x14x1024
  const layer3_4_relu$ = new NetspecActivation({
    name: "layer3.4.relu",
    activation: "relu",
  }).apply(layer3_4_add$) as tf.SymbolicTensor;
  // block entry: layer4_0
  // layer4_0.main.conv1: 14x14x1024 -> 14x14x512
  const layer4_0_main_conv1$ = new NetspecConv2D({
    name: "layer4_0.main.conv1",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(140)),
  }).apply(layer3_4_relu$) as tf.SymbolicTensor;
  // layer4_0.main.bn1: 14x14x512 -> 14x14x512
  const layer4_0_main_bn1$ = new NetspecBatchNorm({
    name: "layer4_0.main.bn1",
  }).apply(layer4_0_main_conv1$) as tf.SymbolicTensor;
  // layer4_0.main.relu1: 14x14x512 -> 14x14x512
  const layer4_0_main_relu1$ = new NetspecActivation({
    name: "layer4_0.main.relu1",
    activation: "relu",
  }).apply(layer4_0_main_bn1$) as tf.SymbolicTensor;
  // layer4_0.main.conv2: 14x14x512 -> 7x7x512
  const layer4_0_main_conv2$ = new NetspecConv2D({
    name: "layer4_0.main.conv2",
    filters: 512,
    kernelSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(143)),
  }).apply(layer4_0_main_relu1$) as tf.SymbolicTensor;
  // layer4_0.main.bn2: 7x7x512 -> 7x7x512
  const layer4_0_main_bn2$ = new NetspecBatchNorm({
    name: "layer4_0.main.bn2",
  }).apply(layer4_0_main_conv2$) as tf.SymbolicTensor;
  // layer4_0.main.relu2: 7x7x512 -> 7x7x512
  const layer4_0_main_relu2$ = new NetspecActivation({
    name: "layer4_0.main.relu2",
    activation: "relu",
  }).apply(layer4_0_main_bn2$) as tf.SymbolicTensor;
  // layer4_0.main.conv3: 7x7x512 -> 7x7x2048
  const layer4_0_main_conv3$ = new NetspecConv2D({
    name: "layer4_0.main.conv3",
    filters: 2048,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(146)),
  }).apply(layer4_0_main_relu2$) as tf.SymbolicTensor;
  // layer4_0.main.bn3: 7x7x2048 -> 7x7x2048
  const layer4_0_main_bn3$ = new NetspecBatchNorm({
    name: "layer4_0.main.bn3",
  }).apply(layer4_0_main_conv3$) as tf.SymbolicTensor;
  // layer4_0.downsample_0: 14x14x1024 -> 7x7x2048
  const layer4_0_downsample_0$ = new NetspecConv2D({
    name: "layer4_0.downsample_0",
    filters: 2048,
    kernelSize: [1, 1],
    strides: [2, 2],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(148)),
  }).apply(layer3_4_relu$) as tf.SymbolicTensor;
  // layer4_0.downsample_1: 7x7x2048 -> 7x7x2048
  const layer4_0_downsample_1$ = new NetspecBatchNorm({
    name: "layer4_0.downsample_1",
  }).apply(layer4_0_downsample_0$) as tf.SymbolicTensor;
  // layer4_0.add: 7x7x2048 + 7x7x2048 -> 7x7x2048
  const layer4_0_add$ = tf.layers.add({
    name: "layer4_0.add",
  }).apply([layer4_0_main_bn3$, layer4_0_downsample_1$]) as tf.SymbolicTensor;
  // layer4_0.relu: 7x7x2048 -> 7x7x2048
  const layer4_0_relu$ = new NetspecActivation({
    name: "layer4_0.relu",
    activation: "relu",
  }).apply(layer4_0_add$) as tf.SymbolicTensor;
  // block bottleneck: layer4.0
  // layer4.0.main.conv1: 7x7x2048 -> 7x7x512
  const layer4_0_main_conv1$2 = new NetspecConv2D({
    name: "layer4.0.main.conv1",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(152)),
  }).apply(layer4_0_relu$) as tf.SymbolicTensor;
  // layer4.0.main.bn1: 7x7x512 -> 7x7x512
  const layer4_0_main_bn1$2 = new NetspecBatchNorm({
    name: "layer4.0.main.bn1",
  }).apply(layer4_0_main_conv1$2) as tf.SymbolicTensor;
  // layer4.0.main.relu1: 7x7x512 -> 7x7x512
  const layer4_0_main_relu1$2 = new NetspecActivation({
    name: "layer4.0.main.relu1",
    activation: "relu",
  }).apply(layer4_0_main_bn1$2) as tf.SymbolicTensor;
  // layer4.0.main.conv2: 7x7x512 -> 7x7x512
  const layer4_0_main_conv2$2 = new NetspecConv2D({
    name: "layer4.0.main.conv2",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(155)),
  }).apply(layer4_0_main_relu1$2) as tf.SymbolicTensor;
  // layer4.0.main.bn2: 7x7x512 -> 7x7x512
  const layer4_0_main_bn2$2 = new NetspecBatchNorm({
    name: "layer4.0.main.bn2",
  }).apply(layer4_0_main_conv2$2) as tf.SymbolicTensor;
  // layer4.0.main.relu2: 7x7x512 -> 7x7x512
  const layer4_0_main_relu2$2 = new NetspecActivation({
    name: "layer4.0.main.relu2",
    activation: "relu",
  }).apply(layer4_0_main_bn2$2) as tf.SymbolicTensor;
  // layer4.0.main.conv3: 7x7x512 -> 7x7x2048
  const layer4_0_main_conv3$2 = new NetspecConv2D({
    name: "layer4.0.main.conv3",
    filters: 2048,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(158)),
  }).apply(layer4_0_main_relu2$2) as tf.SymbolicTensor;
  // layer4.0.main.bn3: 7x7x2048 -> 7x7x2048
  const layer4_0_main_bn3$2 = new NetspecBatchNorm({
    name: "layer4.0.main.bn3",
  }).apply(layer4_0_main_conv3$2) as tf.SymbolicTensor;
  // layer4.0.add: 7x7x2048 + 7x7x2048 -> 7x7x2048
  const layer4_0_add$2 = tf.layers.add({
    name: "layer4.0.add",
  }).apply([layer4_0_main_bn3$2, layer4_0_relu$]) as tf.SymbolicTensor;
  // layer4.0.relu: 7x7x2048 -> 7x7x2048
  const layer4_0_relu$2 = new NetspecActivation({
    name: "layer4.0.relu",
    activation: "relu",
  }).apply(layer4_0_add$2) as tf.SymbolicTensor;
  // block bottleneck: layer4.1
  // layer4.1.main.conv1: 7x7x2048 -> 7x7x512
  const layer4_1_main_conv1$ = new NetspecConv2D({
    name: "layer4.1.main.conv1",
    filters: 512,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(162)),
  }).apply(layer4_0_relu$2) as tf.SymbolicTensor;
  // layer4.1.main.bn1: 7x7x512 -> 7x7x512
  const layer4_1_main_bn1$ = new NetspecBatchNorm({
    name: "layer4.1.main.bn1",
  }).apply(layer4_1_main_conv1$) as tf.SymbolicTensor;
  // layer4.1.main.relu1: 7x7x512 -> 7x7x512
  const layer4_1_main_relu1$ = new NetspecActivation({
    name: "layer4.1.main.relu1",
    activation: "relu",
  }).apply(layer4_1_main_bn1$) as tf.SymbolicTensor;
  // layer4.1.main.conv2: 7x7x512 -> 7x7x512
  const layer4_1_main_conv2$ = new NetspecConv2D({
    name: "layer4.1.main.conv2",
    filters: 512,
    kernelSize: [3, 3],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(165)),
  }).apply(layer4_1_main_relu1$) as tf.SymbolicTensor;
  // layer4.1.main.bn2: 7x7x512 -> 7x7x512
  const layer4_1_main_bn2$ = new NetspecBatchNorm({
    name: "layer4.1.main.bn2",
  }).apply(layer4_1_main_conv2$) as tf.SymbolicTensor;
  // layer4.1.main.relu2: 7x7x512 -> 7x7x512
  const layer4_1_main_relu2$ = new NetspecActivation({
    name: "layer4.1.main.relu2",
    activation: "relu",
  }).apply(layer4_1_main_bn2$) as tf.SymbolicTensor;
  // layer4.1.main.conv3: 7x7x512 -> 7x7x2048
  const layer4_1_main_conv3$ = new NetspecConv2D({
    name: "layer4.1.main.conv3",
    filters: 2048,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(168)),
  }).apply(layer4_1_main_relu2$) as tf.SymbolicTensor;
  // layer4.1.main.bn3: 7x7x2048 -> 7x7x2048
  const layer4_1_main_bn3$ = new NetspecBatchNorm({
    name: "layer4.1.main.bn3",
  }).apply(layer4_1_main_conv3$) as tf.SymbolicTensor;
  // layer4.1.add: 7x7x2048 + 7x7x2048 -> 7x7x2048
  const layer4_1_add$ = tf.layers.add({
    name: "layer4.1.add",
  }).apply([layer4_1_main_bn3$, layer4_0_relu$2]) as tf.SymbolicTensor;
  // layer4.1.relu: 7x7x2048 -> 7x7x2048
  const layer4_1_relu$ = new NetspecActivation({
    name: "layer4.1.relu",
    activation: "relu",
  }).apply(layer4_1_add$) as tf.SymbolicTensor;
  // avgpool: 7x7x2048 -> 2048
  const avgpool$ = tf.layers.globalAveragePooling2d({ name: "avgpool" }).apply(layer4_1_relu$) as tf.SymbolicTensor;
  // fc: 2048 -> 1000
  const fc$ = new NetspecDense({
    name: "fc",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(173)),
  }).apply(avgpool$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc$, name: "resnet50" });
}

/** The builder under a name every generated module shares. */
export const build = buildResnet50;
