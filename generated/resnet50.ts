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
  weightInitializer,
  type InitScheme,
} from "netspec/runtime";

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

/** What block functions take from the builder: the spec's scheme (or options.init), the options and the seeds. */
interface BlockContext {
  init: InitScheme;
  options: BuildOptions;
  seedFor: (i: number) => number | undefined;
}

/** Block `entry`: its layers, named `<name>.main` …, applied to `x`; returns the last one's output. */
function block$entry(
  x: tf.SymbolicTensor,
  name: string,
  args: { width: number; stride: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const main$ = block$core(x, name + ".main", { width: args.width, stride: args.stride }, ctx, first);
  const downsample_0$ = new NetspecConv2D({
    name: name + ".downsample_0",
    filters: args.width * 4,
    kernelSize: [1, 1],
    strides: [args.stride, args.stride],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 8)),
  }).apply(x) as tf.SymbolicTensor;
  const downsample_1$ = new NetspecBatchNorm({
    name: name + ".downsample_1",
  }).apply(downsample_0$) as tf.SymbolicTensor;
  const add$ = tf.layers.add({ name: name + ".add" }).apply([main$, downsample_1$]) as tf.SymbolicTensor;
  const relu$ = new NetspecActivation({ name: name + ".relu", activation: "relu" }).apply(add$) as tf.SymbolicTensor;
  return relu$;
}

/**
 * Block `core`: its layers, named `<name>.conv1` …, applied to `x`; returns the last one's output. Defaults: stride 1.
 */
function block$core(
  x: tf.SymbolicTensor,
  name: string,
  args: { width: number; stride: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const conv1$ = new NetspecConv2D({
    name: name + ".conv1",
    filters: args.width,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first)),
  }).apply(x) as tf.SymbolicTensor;
  const bn1$ = new NetspecBatchNorm({ name: name + ".bn1" }).apply(conv1$) as tf.SymbolicTensor;
  const relu1$ = new NetspecActivation({ name: name + ".relu1", activation: "relu" }).apply(bn1$) as tf.SymbolicTensor;
  const conv2$ = new NetspecConv2D({
    name: name + ".conv2",
    filters: args.width,
    kernelSize: [3, 3],
    strides: [args.stride, args.stride],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 3)),
  }).apply(relu1$) as tf.SymbolicTensor;
  const bn2$ = new NetspecBatchNorm({ name: name + ".bn2" }).apply(conv2$) as tf.SymbolicTensor;
  const relu2$ = new NetspecActivation({ name: name + ".relu2", activation: "relu" }).apply(bn2$) as tf.SymbolicTensor;
  const conv3$ = new NetspecConv2D({
    name: name + ".conv3",
    filters: args.width * 4,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 6)),
  }).apply(relu2$) as tf.SymbolicTensor;
  const bn3$ = new NetspecBatchNorm({ name: name + ".bn3" }).apply(conv3$) as tf.SymbolicTensor;
  return bn3$;
}

/** Block `bottleneck`: its layers, named `<name>.main` …, applied to `x`; returns the last one's output. */
function block$bottleneck(
  x: tf.SymbolicTensor,
  name: string,
  args: { width: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const main$ = block$core(x, name + ".main", { width: args.width, stride: 1 }, ctx, first);
  const add$ = tf.layers.add({ name: name + ".add" }).apply([main$, x]) as tf.SymbolicTensor;
  const relu$ = new NetspecActivation({ name: name + ".relu", activation: "relu" }).apply(add$) as tf.SymbolicTensor;
  return relu$;
}

/** Builds resnet50 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildResnet50(options: BuildOptions = {}): tf.LayersModel {
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
  // layer1_0: block entry, 56x56x64 -> 56x56x256
  const layer1_0_relu$ = block$entry(maxpool$, "layer1_0", { width: 64, stride: 1 }, ctx, 4);
  // layer1.0: block bottleneck, 56x56x256 -> 56x56x256
  const layer1_0_relu$2 = block$bottleneck(layer1_0_relu$, "layer1.0", { width: 64 }, ctx, 16);
  // layer1.1: block bottleneck, 56x56x256 -> 56x56x256
  const layer1_1_relu$ = block$bottleneck(layer1_0_relu$2, "layer1.1", { width: 64 }, ctx, 26);
  // layer2_0: block entry, 56x56x256 -> 28x28x512
  const layer2_0_relu$ = block$entry(layer1_1_relu$, "layer2_0", { width: 128, stride: 2 }, ctx, 36);
  // layer2.0: block bottleneck, 28x28x512 -> 28x28x512
  const layer2_0_relu$2 = block$bottleneck(layer2_0_relu$, "layer2.0", { width: 128 }, ctx, 48);
  // layer2.1: block bottleneck, 28x28x512 -> 28x28x512
  const layer2_1_relu$ = block$bottleneck(layer2_0_relu$2, "layer2.1", { width: 128 }, ctx, 58);
  // layer2.2: block bottleneck, 28x28x512 -> 28x28x512
  const layer2_2_relu$ = block$bottleneck(layer2_1_relu$, "layer2.2", { width: 128 }, ctx, 68);
  // layer3_0: block entry, 28x28x512 -> 14x14x1024
  const layer3_0_relu$ = block$entry(layer2_2_relu$, "layer3_0", { width: 256, stride: 2 }, ctx, 78);
  // layer3.0: block bottleneck, 14x14x1024 -> 14x14x1024
  const layer3_0_relu$2 = block$bottleneck(layer3_0_relu$, "layer3.0", { width: 256 }, ctx, 90);
  // layer3.1: block bottleneck, 14x14x1024 -> 14x14x1024
  const layer3_1_relu$ = block$bottleneck(layer3_0_relu$2, "layer3.1", { width: 256 }, ctx, 100);
  // layer3.2: block bottleneck, 14x14x1024 -> 14x14x1024
  const layer3_2_relu$ = block$bottleneck(layer3_1_relu$, "layer3.2", { width: 256 }, ctx, 110);
  // layer3.3: block bottleneck, 14x14x1024 -> 14x14x1024
  const layer3_3_relu$ = block$bottleneck(layer3_2_relu$, "layer3.3", { width: 256 }, ctx, 120);
  // layer3.4: block bottleneck, 14x14x1024 -> 14x14x1024
  const layer3_4_relu$ = block$bottleneck(layer3_3_relu$, "layer3.4", { width: 256 }, ctx, 130);
  // layer4_0: block entry, 14x14x1024 -> 7x7x2048
  const layer4_0_relu$ = block$entry(layer3_4_relu$, "layer4_0", { width: 512, stride: 2 }, ctx, 140);
  // layer4.0: block bottleneck, 7x7x2048 -> 7x7x2048
  const layer4_0_relu$2 = block$bottleneck(layer4_0_relu$, "layer4.0", { width: 512 }, ctx, 152);
  // layer4.1: block bottleneck, 7x7x2048 -> 7x7x2048
  const layer4_1_relu$ = block$bottleneck(layer4_0_relu$2, "layer4.1", { width: 512 }, ctx, 162);
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
