// batchnorm: batch normalisation over the last axis (channels of HWC, features of a flat vector),
// Ioffe & Szegedy 2015, with PyTorch's conventions (momentum, biased/unbiased variances).
import type { LayerBase } from '../fields.ts';
import { oneInput } from './checks.ts';
import type { LayerKind } from './kind.ts';

export interface BatchNormSpec extends LayerBase {
  type: 'batchnorm';
  /** Added to the variance before its square root; default 1e-5 (PyTorch's). */
  epsilon?: number;
  /** PyTorch's meaning: running = (1 - momentum)·running + momentum·batch; default 0.1. Keras' is 1 - this. */
  momentum?: number;
  /** Learn a shift beta; default true. */
  center?: boolean;
  /** Learn a scale gamma; default true. */
  scale?: boolean;
}

export interface BatchNormLayer { kind: 'batchnorm'; epsilon: number; momentum: number; center: boolean; scale: boolean }

export const batchnorm: LayerKind<BatchNormSpec, BatchNormLayer> = {
  types: ['batchnorm'],
  displayName: () => 'BatchNorm',
  lower(spec, ins, ctx) {
    const x = oneInput(ins, ctx, 'batchnorm');
    if (!x) return;
    const c = x[x.length - 1];
    const center = spec.center ?? true;
    const scale = spec.scale ?? true;
    return {
      layer: { kind: 'batchnorm', epsilon: spec.epsilon ?? 1e-5, momentum: spec.momentum ?? 0.1, center, scale },
      out: x,
      // As Keras and PaddlePaddle count: gamma and beta are trained; the running mean and variance
      // are state (PyTorch's buffers), saved with the weights but not trained.
      trainableParams: (center ? c : 0) + (scale ? c : 0),
      nonTrainableParams: 2 * c,
      // 0, as for the other elementwise layers: torchvision's published figures count only conv
      // and linear multiply-adds (ResNet-18: convs + fc = 1.814 G, published "1.81"; adding BN at
      // H·W·C per layer would make it 1.817 G, at 2·H·W·C 1.819 G, both "1.82"), and at inference
      // BN folds into the convolution before it.
      multAdds: 0,
    };
  },
};
