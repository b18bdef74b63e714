// The TensorFlow.js layers tfjs-layers lacks, for netspec's generated models.
import * as tf from '@tensorflow/tfjs';
import { NetspecConv2D } from './conv2d.ts';
import { NetspecLRN } from './lrn.ts';
import { NetspecPool2D } from './pool.ts';
import { NetspecAdaptiveAvgPool2D } from './adaptive-pool.ts';
import { NetspecActivation } from './activation-layer.ts';
import { NetspecDense } from './dense.ts';
import { NetspecBatchNorm } from './batchnorm.ts';

export * from '../../model/arithmetic.ts';
export * from './activation.ts';
export * from './initializers.ts';
export { NetspecConv2D, type NetspecConv2DArgs } from './conv2d.ts';
export { NetspecLRN, tfLrnAlpha, type LRNConvention, type NetspecLRNArgs } from './lrn.ts';
export { NetspecPool2D, pool2d, MAX_POOL_PAD_VALUE, type PoolMode, type NetspecPool2DArgs } from './pool.ts';
export { NetspecAdaptiveAvgPool2D, adaptiveAvgPool2d, type NetspecAdaptiveAvgPool2DArgs } from './adaptive-pool.ts';

export { NetspecActivation, type NetspecActivationArgs } from './activation-layer.ts';
export { NetspecDense, type NetspecDenseArgs } from './dense.ts';
export { NetspecBatchNorm, type NetspecBatchNormArgs } from './batchnorm.ts';

export const NETSPEC_LAYER_CLASSES = [NetspecConv2D, NetspecLRN, NetspecPool2D, NetspecAdaptiveAvgPool2D, NetspecActivation, NetspecDense, NetspecBatchNorm] as const;

let registered = false;

/** Makes saved models that use these layers loadable (tf.loadLayersModel, modelFromJSON). Idempotent. */
export function registerNetspecLayers(): void {
  if (registered) return;
  for (const cls of NETSPEC_LAYER_CLASSES) tf.serialization.registerClass(cls);
  registered = true;
}
