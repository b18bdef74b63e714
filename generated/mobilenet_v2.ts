// generated from models/mobilenet_v2.yaml by netspec; do not edit.
// torchvision's MobileNetV2 (224 input, 3.5 M params, 0.30 G mult-adds)
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
export const modelName = "mobilenet_v2";

/** Input shape, height x width x channels (no batch). */
export const inputShape = [224, 224, 3] as const;

/** Classes the model predicts. */
export const numClasses = 1000;

/** Layer names in execution order. */
export const layerNames = [
  "stem", "stem_bn", "stem_relu", "b1.dw", "b1.dw_bn", "b1.dw_relu", "b1.project", "b1.project_bn", "b2.expand",
  "b2.expand_bn", "b2.expand_relu", "b2.conv.dw", "b2.conv.dw_bn", "b2.conv.dw_relu", "b2.conv.project",
  "b2.conv.project_bn", "b3.block.expand", "b3.block.expand_bn", "b3.block.expand_relu", "b3.block.conv.dw",
  "b3.block.conv.dw_bn", "b3.block.conv.dw_relu", "b3.block.conv.project", "b3.block.conv.project_bn", "b3.add",
  "b4.expand", "b4.expand_bn", "b4.expand_relu", "b4.conv.dw", "b4.conv.dw_bn", "b4.conv.dw_relu", "b4.conv.project",
  "b4.conv.project_bn", "b5.0.block.expand", "b5.0.block.expand_bn", "b5.0.block.expand_relu", "b5.0.block.conv.dw",
  "b5.0.block.conv.dw_bn", "b5.0.block.conv.dw_relu", "b5.0.block.conv.project", "b5.0.block.conv.project_bn",
  "b5.0.add", "b5.1.block.expand", "b5.1.block.expand_bn", "b5.1.block.expand_relu", "b5.1.block.conv.dw",
  "b5.1.block.conv.dw_bn", "b5.1.block.conv.dw_relu", "b5.1.block.conv.project", "b5.1.block.conv.project_bn",
  "b5.1.add", "b7.expand", "b7.expand_bn", "b7.expand_relu", "b7.conv.dw", "b7.conv.dw_bn", "b7.conv.dw_relu",
  "b7.conv.project", "b7.conv.project_bn", "b8.0.block.expand", "b8.0.block.expand_bn", "b8.0.block.expand_relu",
  "b8.0.block.conv.dw", "b8.0.block.conv.dw_bn", "b8.0.block.conv.dw_relu", "b8.0.block.conv.project",
  "b8.0.block.conv.project_bn", "b8.0.add", "b8.1.block.expand", "b8.1.block.expand_bn", "b8.1.block.expand_relu",
  "b8.1.block.conv.dw", "b8.1.block.conv.dw_bn", "b8.1.block.conv.dw_relu", "b8.1.block.conv.project",
  "b8.1.block.conv.project_bn", "b8.1.add", "b8.2.block.expand", "b8.2.block.expand_bn", "b8.2.block.expand_relu",
  "b8.2.block.conv.dw", "b8.2.block.conv.dw_bn", "b8.2.block.conv.dw_relu", "b8.2.block.conv.project",
  "b8.2.block.conv.project_bn", "b8.2.add", "b11.expand", "b11.expand_bn", "b11.expand_relu", "b11.conv.dw",
  "b11.conv.dw_bn", "b11.conv.dw_relu", "b11.conv.project", "b11.conv.project_bn", "b12.0.block.expand",
  "b12.0.block.expand_bn", "b12.0.block.expand_relu", "b12.0.block.conv.dw", "b12.0.block.conv.dw_bn",
  "b12.0.block.conv.dw_relu", "b12.0.block.conv.project", "b12.0.block.conv.project_bn", "b12.0.add",
  "b12.1.block.expand", "b12.1.block.expand_bn", "b12.1.block.expand_relu", "b12.1.block.conv.dw",
  "b12.1.block.conv.dw_bn", "b12.1.block.conv.dw_relu", "b12.1.block.conv.project", "b12.1.block.conv.project_bn",
  "b12.1.add", "b14.expand", "b14.expand_bn", "b14.expand_relu", "b14.conv.dw", "b14.conv.dw_bn", "b14.conv.dw_relu",
  "b14.conv.project", "b14.conv.project_bn", "b15.0.block.expand", "b15.0.block.expand_bn", "b15.0.block.expand_relu",
  "b15.0.block.conv.dw", "b15.0.block.conv.dw_bn", "b15.0.block.conv.dw_relu", "b15.0.block.conv.project",
  "b15.0.block.conv.project_bn", "b15.0.add", "b15.1.block.expand", "b15.1.block.expand_bn", "b15.1.block.expand_relu",
  "b15.1.block.conv.dw", "b15.1.block.conv.dw_bn", "b15.1.block.conv.dw_relu", "b15.1.block.conv.project",
  "b15.1.block.conv.project_bn", "b15.1.add", "b17.expand", "b17.expand_bn", "b17.expand_relu", "b17.conv.dw",
  "b17.conv.dw_bn", "b17.conv.dw_relu", "b17.conv.project", "b17.conv.project_bn", "head", "head_bn", "head_relu",
  "avgpool", "drop", "fc",
] as const;

/** Every layer's name. */
export type LayerName = (typeof layerNames)[number];

/** Each layer's output shape (no batch), as the compiler inferred it. */
export const outputShapes = {
  "stem": [112, 112, 32],
  "stem_bn": [112, 112, 32],
  "stem_relu": [112, 112, 32],
  "b1.dw": [112, 112, 32],
  "b1.dw_bn": [112, 112, 32],
  "b1.dw_relu": [112, 112, 32],
  "b1.project": [112, 112, 16],
  "b1.project_bn": [112, 112, 16],
  "b2.expand": [112, 112, 96],
  "b2.expand_bn": [112, 112, 96],
  "b2.expand_relu": [112, 112, 96],
  "b2.conv.dw": [56, 56, 96],
  "b2.conv.dw_bn": [56, 56, 96],
  "b2.conv.dw_relu": [56, 56, 96],
  "b2.conv.project": [56, 56, 24],
  "b2.conv.project_bn": [56, 56, 24],
  "b3.block.expand": [56, 56, 144],
  "b3.block.expand_bn": [56, 56, 144],
  "b3.block.expand_relu": [56, 56, 144],
  "b3.block.conv.dw": [56, 56, 144],
  "b3.block.conv.dw_bn": [56, 56, 144],
  "b3.block.conv.dw_relu": [56, 56, 144],
  "b3.block.conv.project": [56, 56, 24],
  "b3.block.conv.project_bn": [56, 56, 24],
  "b3.add": [56, 56, 24],
  "b4.expand": [56, 56, 144],
  "b4.expand_bn": [56, 56, 144],
  "b4.expand_relu": [56, 56, 144],
  "b4.conv.dw": [28, 28, 144],
  "b4.conv.dw_bn": [28, 28, 144],
  "b4.conv.dw_relu": [28, 28, 144],
  "b4.conv.project": [28, 28, 32],
  "b4.conv.project_bn": [28, 28, 32],
  "b5.0.block.expand": [28, 28, 192],
  "b5.0.block.expand_bn": [28, 28, 192],
  "b5.0.block.expand_relu": [28, 28, 192],
  "b5.0.block.conv.dw": [28, 28, 192],
  "b5.0.block.conv.dw_bn": [28, 28, 192],
  "b5.0.block.conv.dw_relu": [28, 28, 192],
  "b5.0.block.conv.project": [28, 28, 32],
  "b5.0.block.conv.project_bn": [28, 28, 32],
  "b5.0.add": [28, 28, 32],
  "b5.1.block.expand": [28, 28, 192],
  "b5.1.block.expand_bn": [28, 28, 192],
  "b5.1.block.expand_relu": [28, 28, 192],
  "b5.1.block.conv.dw": [28, 28, 192],
  "b5.1.block.conv.dw_bn": [28, 28, 192],
  "b5.1.block.conv.dw_relu": [28, 28, 192],
  "b5.1.block.conv.project": [28, 28, 32],
  "b5.1.block.conv.project_bn": [28, 28, 32],
  "b5.1.add": [28, 28, 32],
  "b7.expand": [28, 28, 192],
  "b7.expand_bn": [28, 28, 192],
  "b7.expand_relu": [28, 28, 192],
  "b7.conv.dw": [14, 14, 192],
  "b7.conv.dw_bn": [14, 14, 192],
  "b7.conv.dw_relu": [14, 14, 192],
  "b7.conv.project": [14, 14, 64],
  "b7.conv.project_bn": [14, 14, 64],
  "b8.0.block.expand": [14, 14, 384],
  "b8.0.block.expand_bn": [14, 14, 384],
  "b8.0.block.expand_relu": [14, 14, 384],
  "b8.0.block.conv.dw": [14, 14, 384],
  "b8.0.block.conv.dw_bn": [14, 14, 384],
  "b8.0.block.conv.dw_relu": [14, 14, 384],
  "b8.0.block.conv.project": [14, 14, 64],
  "b8.0.block.conv.project_bn": [14, 14, 64],
  "b8.0.add": [14, 14, 64],
  "b8.1.block.expand": [14, 14, 384],
  "b8.1.block.expand_bn": [14, 14, 384],
  "b8.1.block.expand_relu": [14, 14, 384],
  "b8.1.block.conv.dw": [14, 14, 384],
  "b8.1.block.conv.dw_bn": [14, 14, 384],
  "b8.1.block.conv.dw_relu": [14, 14, 384],
  "b8.1.block.conv.project": [14, 14, 64],
  "b8.1.block.conv.project_bn": [14, 14, 64],
  "b8.1.add": [14, 14, 64],
  "b8.2.block.expand": [14, 14, 384],
  "b8.2.block.expand_bn": [14, 14, 384],
  "b8.2.block.expand_relu": [14, 14, 384],
  "b8.2.block.conv.dw": [14, 14, 384],
  "b8.2.block.conv.dw_bn": [14, 14, 384],
  "b8.2.block.conv.dw_relu": [14, 14, 384],
  "b8.2.block.conv.project": [14, 14, 64],
  "b8.2.block.conv.project_bn": [14, 14, 64],
  "b8.2.add": [14, 14, 64],
  "b11.expand": [14, 14, 384],
  "b11.expand_bn": [14, 14, 384],
  "b11.expand_relu": [14, 14, 384],
  "b11.conv.dw": [14, 14, 384],
  "b11.conv.dw_bn": [14, 14, 384],
  "b11.conv.dw_relu": [14, 14, 384],
  "b11.conv.project": [14, 14, 96],
  "b11.conv.project_bn": [14, 14, 96],
  "b12.0.block.expand": [14, 14, 576],
  "b12.0.block.expand_bn": [14, 14, 576],
  "b12.0.block.expand_relu": [14, 14, 576],
  "b12.0.block.conv.dw": [14, 14, 576],
  "b12.0.block.conv.dw_bn": [14, 14, 576],
  "b12.0.block.conv.dw_relu": [14, 14, 576],
  "b12.0.block.conv.project": [14, 14, 96],
  "b12.0.block.conv.project_bn": [14, 14, 96],
  "b12.0.add": [14, 14, 96],
  "b12.1.block.expand": [14, 14, 576],
  "b12.1.block.expand_bn": [14, 14, 576],
  "b12.1.block.expand_relu": [14, 14, 576],
  "b12.1.block.conv.dw": [14, 14, 576],
  "b12.1.block.conv.dw_bn": [14, 14, 576],
  "b12.1.block.conv.dw_relu": [14, 14, 576],
  "b12.1.block.conv.project": [14, 14, 96],
  "b12.1.block.conv.project_bn": [14, 14, 96],
  "b12.1.add": [14, 14, 96],
  "b14.expand": [14, 14, 576],
  "b14.expand_bn": [14, 14, 576],
  "b14.expand_relu": [14, 14, 576],
  "b14.conv.dw": [7, 7, 576],
  "b14.conv.dw_bn": [7, 7, 576],
  "b14.conv.dw_relu": [7, 7, 576],
  "b14.conv.project": [7, 7, 160],
  "b14.conv.project_bn": [7, 7, 160],
  "b15.0.block.expand": [7, 7, 960],
  "b15.0.block.expand_bn": [7, 7, 960],
  "b15.0.block.expand_relu": [7, 7, 960],
  "b15.0.block.conv.dw": [7, 7, 960],
  "b15.0.block.conv.dw_bn": [7, 7, 960],
  "b15.0.block.conv.dw_relu": [7, 7, 960],
  "b15.0.block.conv.project": [7, 7, 160],
  "b15.0.block.conv.project_bn": [7, 7, 160],
  "b15.0.add": [7, 7, 160],
  "b15.1.block.expand": [7, 7, 960],
  "b15.1.block.expand_bn": [7, 7, 960],
  "b15.1.block.expand_relu": [7, 7, 960],
  "b15.1.block.conv.dw": [7, 7, 960],
  "b15.1.block.conv.dw_bn": [7, 7, 960],
  "b15.1.block.conv.dw_relu": [7, 7, 960],
  "b15.1.block.conv.project": [7, 7, 160],
  "b15.1.block.conv.project_bn": [7, 7, 160],
  "b15.1.add": [7, 7, 160],
  "b17.expand": [7, 7, 960],
  "b17.expand_bn": [7, 7, 960],
  "b17.expand_relu": [7, 7, 960],
  "b17.conv.dw": [7, 7, 960],
  "b17.conv.dw_bn": [7, 7, 960],
  "b17.conv.dw_relu": [7, 7, 960],
  "b17.conv.project": [7, 7, 320],
  "b17.conv.project_bn": [7, 7, 320],
  "head": [7, 7, 1280],
  "head_bn": [7, 7, 1280],
  "head_relu": [7, 7, 1280],
  "avgpool": [1280],
  "drop": [1280],
  "fc": [1000],
} as const satisfies Record<LayerName, readonly number[]>;

/** Per-layer parameters and mult-adds (one example), as `netspec summary --json` prints them. */
export const summary = {
  totalParams: 3538984,
  trainableParams: 3504872,
  multAdds: 300774272,
  layers: [
    { name: "stem", type: "Conv2D", outputShape: [112, 112, 32], params: 864, multAdds: 10838016 },
    { name: "stem_bn", type: "BatchNorm", outputShape: [112, 112, 32], params: 128, multAdds: 0 },
    { name: "stem_relu", type: "Activation", outputShape: [112, 112, 32], params: 0, multAdds: 0 },
    { name: "b1.dw", type: "Conv2D", outputShape: [112, 112, 32], params: 288, multAdds: 3612672 },
    { name: "b1.dw_bn", type: "BatchNorm", outputShape: [112, 112, 32], params: 128, multAdds: 0 },
    { name: "b1.dw_relu", type: "Activation", outputShape: [112, 112, 32], params: 0, multAdds: 0 },
    { name: "b1.project", type: "Conv2D", outputShape: [112, 112, 16], params: 512, multAdds: 6422528 },
    { name: "b1.project_bn", type: "BatchNorm", outputShape: [112, 112, 16], params: 64, multAdds: 0 },
    { name: "b2.expand", type: "Conv2D", outputShape: [112, 112, 96], params: 1536, multAdds: 19267584 },
    { name: "b2.expand_bn", type: "BatchNorm", outputShape: [112, 112, 96], params: 384, multAdds: 0 },
    { name: "b2.expand_relu", type: "Activation", outputShape: [112, 112, 96], params: 0, multAdds: 0 },
    { name: "b2.conv.dw", type: "Conv2D", outputShape: [56, 56, 96], params: 864, multAdds: 2709504 },
    { name: "b2.conv.dw_bn", type: "BatchNorm", outputShape: [56, 56, 96], params: 384, multAdds: 0 },
    { name: "b2.conv.dw_relu", type: "Activation", outputShape: [56, 56, 96], params: 0, multAdds: 0 },
    { name: "b2.conv.project", type: "Conv2D", outputShape: [56, 56, 24], params: 2304, multAdds: 7225344 },
    { name: "b2.conv.project_bn", type: "BatchNorm", outputShape: [56, 56, 24], params: 96, multAdds: 0 },
    { name: "b3.block.expand", type: "Conv2D", outputShape: [56, 56, 144], params: 3456, multAdds: 10838016 },
    { name: "b3.block.expand_bn", type: "BatchNorm", outputShape: [56, 56, 144], params: 576, multAdds: 0 },
    { name: "b3.block.expand_relu", type: "Activation", outputShape: [56, 56, 144], params: 0, multAdds: 0 },
    { name: "b3.block.conv.dw", type: "Conv2D", outputShape: [56, 56, 144], params: 1296, multAdds: 4064256 },
    { name: "b3.block.conv.dw_bn", type: "BatchNorm", outputShape: [56, 56, 144], params: 576, multAdds: 0 },
    { name: "b3.block.conv.dw_relu", type: "Activation", outputShape: [56, 56, 144], params: 0, multAdds: 0 },
    { name: "b3.block.conv.project", type: "Conv2D", outputShape: [56, 56, 24], params: 3456, multAdds: 10838016 },
    { name: "b3.block.conv.project_bn", type: "BatchNorm", outputShape: [56, 56, 24], params: 96, multAdds: 0 },
    { name: "b3.add", type: "Add", outputShape: [56, 56, 24], params: 0, multAdds: 0 },
    { name: "b4.expand", type: "Conv2D", outputShape: [56, 56, 144], params: 3456, multAdds: 10838016 },
    { name: "b4.expand_bn", type: "BatchNorm", outputShape: [56, 56, 144], params: 576, multAdds: 0 },
    { name: "b4.expand_relu", type: "Activation", outputShape: [56, 56, 144], params: 0, multAdds: 0 },
    { name: "b4.conv.dw", type: "Conv2D", outputShape: [28, 28, 144], params: 1296, multAdds: 1016064 },
    { name: "b4.conv.dw_bn", type: "BatchNorm", outputShape: [28, 28, 144], params: 576, multAdds: 0 },
    { name: "b4.conv.dw_relu", type: "Activation", outputShape: [28, 28, 144], params: 0, multAdds: 0 },
    { name: "b4.conv.project", type: "Conv2D", outputShape: [28, 28, 32], params: 4608, multAdds: 3612672 },
    { name: "b4.conv.project_bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "b5.0.block.expand", type: "Conv2D", outputShape: [28, 28, 192], params: 6144, multAdds: 4816896 },
    { name: "b5.0.block.expand_bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "b5.0.block.expand_relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "b5.0.block.conv.dw", type: "Conv2D", outputShape: [28, 28, 192], params: 1728, multAdds: 1354752 },
    { name: "b5.0.block.conv.dw_bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "b5.0.block.conv.dw_relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "b5.0.block.conv.project", type: "Conv2D", outputShape: [28, 28, 32], params: 6144, multAdds: 4816896 },
    { name: "b5.0.block.conv.project_bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "b5.0.add", type: "Add", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "b5.1.block.expand", type: "Conv2D", outputShape: [28, 28, 192], params: 6144, multAdds: 4816896 },
    { name: "b5.1.block.expand_bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "b5.1.block.expand_relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "b5.1.block.conv.dw", type: "Conv2D", outputShape: [28, 28, 192], params: 1728, multAdds: 1354752 },
    { name: "b5.1.block.conv.dw_bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "b5.1.block.conv.dw_relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "b5.1.block.conv.project", type: "Conv2D", outputShape: [28, 28, 32], params: 6144, multAdds: 4816896 },
    { name: "b5.1.block.conv.project_bn", type: "BatchNorm", outputShape: [28, 28, 32], params: 128, multAdds: 0 },
    { name: "b5.1.add", type: "Add", outputShape: [28, 28, 32], params: 0, multAdds: 0 },
    { name: "b7.expand", type: "Conv2D", outputShape: [28, 28, 192], params: 6144, multAdds: 4816896 },
    { name: "b7.expand_bn", type: "BatchNorm", outputShape: [28, 28, 192], params: 768, multAdds: 0 },
    { name: "b7.expand_relu", type: "Activation", outputShape: [28, 28, 192], params: 0, multAdds: 0 },
    { name: "b7.conv.dw", type: "Conv2D", outputShape: [14, 14, 192], params: 1728, multAdds: 338688 },
    { name: "b7.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 192], params: 768, multAdds: 0 },
    { name: "b7.conv.dw_relu", type: "Activation", outputShape: [14, 14, 192], params: 0, multAdds: 0 },
    { name: "b7.conv.project", type: "Conv2D", outputShape: [14, 14, 64], params: 12288, multAdds: 2408448 },
    { name: "b7.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "b8.0.block.expand", type: "Conv2D", outputShape: [14, 14, 384], params: 24576, multAdds: 4816896 },
    { name: "b8.0.block.expand_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.0.block.expand_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.0.block.conv.dw", type: "Conv2D", outputShape: [14, 14, 384], params: 3456, multAdds: 677376 },
    { name: "b8.0.block.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.0.block.conv.dw_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.0.block.conv.project", type: "Conv2D", outputShape: [14, 14, 64], params: 24576, multAdds: 4816896 },
    { name: "b8.0.block.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "b8.0.add", type: "Add", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "b8.1.block.expand", type: "Conv2D", outputShape: [14, 14, 384], params: 24576, multAdds: 4816896 },
    { name: "b8.1.block.expand_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.1.block.expand_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.1.block.conv.dw", type: "Conv2D", outputShape: [14, 14, 384], params: 3456, multAdds: 677376 },
    { name: "b8.1.block.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.1.block.conv.dw_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.1.block.conv.project", type: "Conv2D", outputShape: [14, 14, 64], params: 24576, multAdds: 4816896 },
    { name: "b8.1.block.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "b8.1.add", type: "Add", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "b8.2.block.expand", type: "Conv2D", outputShape: [14, 14, 384], params: 24576, multAdds: 4816896 },
    { name: "b8.2.block.expand_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.2.block.expand_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.2.block.conv.dw", type: "Conv2D", outputShape: [14, 14, 384], params: 3456, multAdds: 677376 },
    { name: "b8.2.block.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b8.2.block.conv.dw_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b8.2.block.conv.project", type: "Conv2D", outputShape: [14, 14, 64], params: 24576, multAdds: 4816896 },
    { name: "b8.2.block.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 64], params: 256, multAdds: 0 },
    { name: "b8.2.add", type: "Add", outputShape: [14, 14, 64], params: 0, multAdds: 0 },
    { name: "b11.expand", type: "Conv2D", outputShape: [14, 14, 384], params: 24576, multAdds: 4816896 },
    { name: "b11.expand_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b11.expand_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b11.conv.dw", type: "Conv2D", outputShape: [14, 14, 384], params: 3456, multAdds: 677376 },
    { name: "b11.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 384], params: 1536, multAdds: 0 },
    { name: "b11.conv.dw_relu", type: "Activation", outputShape: [14, 14, 384], params: 0, multAdds: 0 },
    { name: "b11.conv.project", type: "Conv2D", outputShape: [14, 14, 96], params: 36864, multAdds: 7225344 },
    { name: "b11.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 96], params: 384, multAdds: 0 },
    { name: "b12.0.block.expand", type: "Conv2D", outputShape: [14, 14, 576], params: 55296, multAdds: 10838016 },
    { name: "b12.0.block.expand_bn", type: "BatchNorm", outputShape: [14, 14, 576], params: 2304, multAdds: 0 },
    { name: "b12.0.block.expand_relu", type: "Activation", outputShape: [14, 14, 576], params: 0, multAdds: 0 },
    { name: "b12.0.block.conv.dw", type: "Conv2D", outputShape: [14, 14, 576], params: 5184, multAdds: 1016064 },
    { name: "b12.0.block.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 576], params: 2304, multAdds: 0 },
    { name: "b12.0.block.conv.dw_relu", type: "Activation", outputShape: [14, 14, 576], params: 0, multAdds: 0 },
    { name: "b12.0.block.conv.project", type: "Conv2D", outputShape: [14, 14, 96], params: 55296, multAdds: 10838016 },
    { name: "b12.0.block.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 96], params: 384, multAdds: 0 },
    { name: "b12.0.add", type: "Add", outputShape: [14, 14, 96], params: 0, multAdds: 0 },
    { name: "b12.1.block.expand", type: "Conv2D", outputShape: [14, 14, 576], params: 55296, multAdds: 10838016 },
    { name: "b12.1.block.expand_bn", type: "BatchNorm", outputShape: [14, 14, 576], params: 2304, multAdds: 0 },
    { name: "b12.1.block.expand_relu", type: "Activation", outputShape: [14, 14, 576], params: 0, multAdds: 0 },
    { name: "b12.1.block.conv.dw", type: "Conv2D", outputShape: [14, 14, 576], params: 5184, multAdds: 1016064 },
    { name: "b12.1.block.conv.dw_bn", type: "BatchNorm", outputShape: [14, 14, 576], params: 2304, multAdds: 0 },
    { name: "b12.1.block.conv.dw_relu", type: "Activation", outputShape: [14, 14, 576], params: 0, multAdds: 0 },
    { name: "b12.1.block.conv.project", type: "Conv2D", outputShape: [14, 14, 96], params: 55296, multAdds: 10838016 },
    { name: "b12.1.block.conv.project_bn", type: "BatchNorm", outputShape: [14, 14, 96], params: 384, multAdds: 0 },
    { name: "b12.1.add", type: "Add", outputShape: [14, 14, 96], params: 0, multAdds: 0 },
    { name: "b14.expand", type: "Conv2D", outputShape: [14, 14, 576], params: 55296, multAdds: 10838016 },
    { name: "b14.expand_bn", type: "BatchNorm", outputShape: [14, 14, 576], params: 2304, multAdds: 0 },
    { name: "b14.expand_relu", type: "Activation", outputShape: [14, 14, 576], params: 0, multAdds: 0 },
    { name: "b14.conv.dw", type: "Conv2D", outputShape: [7, 7, 576], params: 5184, multAdds: 254016 },
    { name: "b14.conv.dw_bn", type: "BatchNorm", outputShape: [7, 7, 576], params: 2304, multAdds: 0 },
    { name: "b14.conv.dw_relu", type: "Activation", outputShape: [7, 7, 576], params: 0, multAdds: 0 },
    { name: "b14.conv.project", type: "Conv2D", outputShape: [7, 7, 160], params: 92160, multAdds: 4515840 },
    { name: "b14.conv.project_bn", type: "BatchNorm", outputShape: [7, 7, 160], params: 640, multAdds: 0 },
    { name: "b15.0.block.expand", type: "Conv2D", outputShape: [7, 7, 960], params: 153600, multAdds: 7526400 },
    { name: "b15.0.block.expand_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b15.0.block.expand_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b15.0.block.conv.dw", type: "Conv2D", outputShape: [7, 7, 960], params: 8640, multAdds: 423360 },
    { name: "b15.0.block.conv.dw_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b15.0.block.conv.dw_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b15.0.block.conv.project", type: "Conv2D", outputShape: [7, 7, 160], params: 153600, multAdds: 7526400 },
    { name: "b15.0.block.conv.project_bn", type: "BatchNorm", outputShape: [7, 7, 160], params: 640, multAdds: 0 },
    { name: "b15.0.add", type: "Add", outputShape: [7, 7, 160], params: 0, multAdds: 0 },
    { name: "b15.1.block.expand", type: "Conv2D", outputShape: [7, 7, 960], params: 153600, multAdds: 7526400 },
    { name: "b15.1.block.expand_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b15.1.block.expand_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b15.1.block.conv.dw", type: "Conv2D", outputShape: [7, 7, 960], params: 8640, multAdds: 423360 },
    { name: "b15.1.block.conv.dw_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b15.1.block.conv.dw_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b15.1.block.conv.project", type: "Conv2D", outputShape: [7, 7, 160], params: 153600, multAdds: 7526400 },
    { name: "b15.1.block.conv.project_bn", type: "BatchNorm", outputShape: [7, 7, 160], params: 640, multAdds: 0 },
    { name: "b15.1.add", type: "Add", outputShape: [7, 7, 160], params: 0, multAdds: 0 },
    { name: "b17.expand", type: "Conv2D", outputShape: [7, 7, 960], params: 153600, multAdds: 7526400 },
    { name: "b17.expand_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b17.expand_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b17.conv.dw", type: "Conv2D", outputShape: [7, 7, 960], params: 8640, multAdds: 423360 },
    { name: "b17.conv.dw_bn", type: "BatchNorm", outputShape: [7, 7, 960], params: 3840, multAdds: 0 },
    { name: "b17.conv.dw_relu", type: "Activation", outputShape: [7, 7, 960], params: 0, multAdds: 0 },
    { name: "b17.conv.project", type: "Conv2D", outputShape: [7, 7, 320], params: 307200, multAdds: 15052800 },
    { name: "b17.conv.project_bn", type: "BatchNorm", outputShape: [7, 7, 320], params: 1280, multAdds: 0 },
    { name: "head", type: "Conv2D", outputShape: [7, 7, 1280], params: 409600, multAdds: 20070400 },
    { name: "head_bn", type: "BatchNorm", outputShape: [7, 7, 1280], params: 5120, multAdds: 0 },
    { name: "head_relu", type: "Activation", outputShape: [7, 7, 1280], params: 0, multAdds: 0 },
    { name: "avgpool", type: "GlobalAvgPool2D", outputShape: [1280], params: 0, multAdds: 0 },
    { name: "drop", type: "Dropout", outputShape: [1280], params: 0, multAdds: 0 },
    { name: "fc", type: "Dense", outputShape: [1000], params: 1281000, multAdds: 1280000 },
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
 * Block `dw_project`: its layers, named `<name>.dw` …, applied to `x`; returns the last one's output. Defaults: stride
 * 1.
 */
function block$dw_project(
  x: tf.SymbolicTensor,
  name: string,
  args: { hidden: number; out: number; stride: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const dw$ = new NetspecConv2D({
    name: name + ".dw",
    filters: args.hidden,
    kernelSize: [3, 3],
    strides: [args.stride, args.stride],
    pad: [1, 1, 1, 1],
    groups: args.hidden,
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first)),
  }).apply(x) as tf.SymbolicTensor;
  const dw_bn$ = new NetspecBatchNorm({ name: name + ".dw_bn" }).apply(dw$) as tf.SymbolicTensor;
  const dw_relu$ = new NetspecActivation({
    name: name + ".dw_relu",
    activation: "relu6",
  }).apply(dw_bn$) as tf.SymbolicTensor;
  const project$ = new NetspecConv2D({
    name: name + ".project",
    filters: args.out,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first + 3)),
  }).apply(dw_relu$) as tf.SymbolicTensor;
  const project_bn$ = new NetspecBatchNorm({ name: name + ".project_bn" }).apply(project$) as tf.SymbolicTensor;
  return project_bn$;
}

/**
 * Block `inverted`: its layers, named `<name>.expand` …, applied to `x`; returns the last one's output. Defaults:
 * stride 1.
 */
function block$inverted(
  x: tf.SymbolicTensor,
  name: string,
  args: { hidden: number; out: number; stride: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const expand$ = new NetspecConv2D({
    name: name + ".expand",
    filters: args.hidden,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(ctx.init, ctx.seedFor(first)),
  }).apply(x) as tf.SymbolicTensor;
  const expand_bn$ = new NetspecBatchNorm({ name: name + ".expand_bn" }).apply(expand$) as tf.SymbolicTensor;
  const expand_relu$ = new NetspecActivation({
    name: name + ".expand_relu",
    activation: "relu6",
  }).apply(expand_bn$) as tf.SymbolicTensor;
  const conv$ = block$dw_project(
    expand_relu$,
    name + ".conv",
    { hidden: args.hidden, out: args.out, stride: args.stride },
    ctx,
    first + 3,
  );
  return conv$;
}

/** Block `residual`: its layers, named `<name>.block` …, applied to `x`; returns the last one's output. */
function block$residual(
  x: tf.SymbolicTensor,
  name: string,
  args: { hidden: number; out: number },
  ctx: BlockContext,
  first: number,
): tf.SymbolicTensor {
  const block$ = block$inverted(x, name + ".block", { hidden: args.hidden, out: args.out, stride: 1 }, ctx, first);
  const add$ = tf.layers.add({ name: name + ".add" }).apply([block$, x]) as tf.SymbolicTensor;
  return add$;
}

/** Builds mobilenet_v2 as a tfjs LayersModel (not compiled: the trainer chooses loss and optimizer). */
export function buildMobilenetV2(options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const init = options.init ?? defaultInit;
  const seedFor = (i: number): number | undefined => (options.seed === undefined ? undefined : options.seed + i);
  const ctx: BlockContext = { init, options, seedFor };
  const input = tf.input({ shape: [224, 224, 3], name: "input" });
  // stem: 224x224x3 -> 112x112x32
  const stem$ = new NetspecConv2D({
    name: "stem",
    filters: 32,
    kernelSize: [3, 3],
    strides: [2, 2],
    pad: [1, 1, 1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(0)),
  }).apply(input) as tf.SymbolicTensor;
  // stem_bn: 112x112x32 -> 112x112x32
  const stem_bn$ = new NetspecBatchNorm({ name: "stem_bn" }).apply(stem$) as tf.SymbolicTensor;
  // stem_relu: 112x112x32 -> 112x112x32
  const stem_relu$ = new NetspecActivation({
    name: "stem_relu",
    activation: "relu6",
  }).apply(stem_bn$) as tf.SymbolicTensor;
  // b1: block dw_project, 112x112x32 -> 112x112x16
  const b1_project_bn$ = block$dw_project(stem_relu$, "b1", { hidden: 32, out: 16, stride: 1 }, ctx, 3);
  // b2: block inverted, 112x112x16 -> 56x56x24
  const b2_conv_project_bn$ = block$inverted(b1_project_bn$, "b2", { hidden: 96, out: 24, stride: 2 }, ctx, 8);
  // b3: block residual, 56x56x24 -> 56x56x24
  const b3_add$ = block$residual(b2_conv_project_bn$, "b3", { hidden: 144, out: 24 }, ctx, 16);
  // b4: block inverted, 56x56x24 -> 28x28x32
  const b4_conv_project_bn$ = block$inverted(b3_add$, "b4", { hidden: 144, out: 32, stride: 2 }, ctx, 25);
  // b5.0: block residual, 28x28x32 -> 28x28x32
  const b5_0_add$ = block$residual(b4_conv_project_bn$, "b5.0", { hidden: 192, out: 32 }, ctx, 33);
  // b5.1: block residual, 28x28x32 -> 28x28x32
  const b5_1_add$ = block$residual(b5_0_add$, "b5.1", { hidden: 192, out: 32 }, ctx, 42);
  // b7: block inverted, 28x28x32 -> 14x14x64
  const b7_conv_project_bn$ = block$inverted(b5_1_add$, "b7", { hidden: 192, out: 64, stride: 2 }, ctx, 51);
  // b8.0: block residual, 14x14x64 -> 14x14x64
  const b8_0_add$ = block$residual(b7_conv_project_bn$, "b8.0", { hidden: 384, out: 64 }, ctx, 59);
  // b8.1: block residual, 14x14x64 -> 14x14x64
  const b8_1_add$ = block$residual(b8_0_add$, "b8.1", { hidden: 384, out: 64 }, ctx, 68);
  // b8.2: block residual, 14x14x64 -> 14x14x64
  const b8_2_add$ = block$residual(b8_1_add$, "b8.2", { hidden: 384, out: 64 }, ctx, 77);
  // b11: block inverted, 14x14x64 -> 14x14x96
  const b11_conv_project_bn$ = block$inverted(b8_2_add$, "b11", { hidden: 384, out: 96, stride: 1 }, ctx, 86);
  // b12.0: block residual, 14x14x96 -> 14x14x96
  const b12_0_add$ = block$residual(b11_conv_project_bn$, "b12.0", { hidden: 576, out: 96 }, ctx, 94);
  // b12.1: block residual, 14x14x96 -> 14x14x96
  const b12_1_add$ = block$residual(b12_0_add$, "b12.1", { hidden: 576, out: 96 }, ctx, 103);
  // b14: block inverted, 14x14x96 -> 7x7x160
  const b14_conv_project_bn$ = block$inverted(b12_1_add$, "b14", { hidden: 576, out: 160, stride: 2 }, ctx, 112);
  // b15.0: block residual, 7x7x160 -> 7x7x160
  const b15_0_add$ = block$residual(b14_conv_project_bn$, "b15.0", { hidden: 960, out: 160 }, ctx, 120);
  // b15.1: block residual, 7x7x160 -> 7x7x160
  const b15_1_add$ = block$residual(b15_0_add$, "b15.1", { hidden: 960, out: 160 }, ctx, 129);
  // b17: block inverted, 7x7x160 -> 7x7x320
  const b17_conv_project_bn$ = block$inverted(b15_1_add$, "b17", { hidden: 960, out: 320, stride: 1 }, ctx, 138);
  // head: 7x7x320 -> 7x7x1280
  const head$ = new NetspecConv2D({
    name: "head",
    filters: 1280,
    kernelSize: [1, 1],
    useBias: false,
    kernelInitializer: weightInitializer(init, seedFor(146)),
  }).apply(b17_conv_project_bn$) as tf.SymbolicTensor;
  // head_bn: 7x7x1280 -> 7x7x1280
  const head_bn$ = new NetspecBatchNorm({ name: "head_bn" }).apply(head$) as tf.SymbolicTensor;
  // head_relu: 7x7x1280 -> 7x7x1280
  const head_relu$ = new NetspecActivation({
    name: "head_relu",
    activation: "relu6",
  }).apply(head_bn$) as tf.SymbolicTensor;
  // avgpool: 7x7x1280 -> 1280
  const avgpool$ = tf.layers.globalAveragePooling2d({ name: "avgpool" }).apply(head_relu$) as tf.SymbolicTensor;
  // drop: 1280 -> 1280
  const drop$ = tf.layers.dropout({ name: "drop", rate: 0.2 }).apply(avgpool$) as tf.SymbolicTensor;
  // fc: 1280 -> 1000
  const fc$ = new NetspecDense({
    name: "fc",
    units: 1000,
    activation: "softmax",
    kernelInitializer: weightInitializer(init, seedFor(151)),
  }).apply(drop$) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: fc$, name: "mobilenet_v2" });
}

/** The builder under a name every generated module shares. */
export const build = buildMobilenetV2;
