// Shared by the trainer's tests: a tiny conv net that trains in well under a second a step on the
// pure-JS cpu backend, a small training configuration on real Fashion-MNIST, and metric comparison.
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { TrainSpec } from '../src/model/spec.ts';
import { resolveConfig, type Overrides, type TrainConfig } from '../src/runtime/train/config.ts';
import type { EpochMetrics } from '../src/runtime/train/loop.ts';

export const FASHION = '/usr/share/datasets/fashion-mnist';
/** Needs Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist). */
export const haveFashion = fs.existsSync(FASHION);

/** conv 4×3×3 stride 2 + ReLU → flatten → dropout → dense softmax; seeded, so every build is identical. */
export function tinyModel(seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [28, 28, 1] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed }) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.25 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
}

export const tinyTrainSpec: TrainSpec = {
  dataset: { kind: 'fashion-mnist' },
  optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0.0005 },
  schedule: { type: 'step', stepSize: 1, gamma: 0.5 },
  augment: { crop: { padding: 2 }, flip: true },
  normalize: 'dataset',
  seed: 7,
};

/** 2 epochs of 16 batches of 32 (512 images each), validated on 256 test images. */
export function tinyConfig(o: Overrides = {}, spec: TrainSpec = tinyTrainSpec): TrainConfig {
  const r = resolveConfig(spec, { epochs: 2, stepsPerEpoch: 16, batchSize: 32, valSteps: 8, data: FASHION, ...o }, 'tiny', 'tiny.yaml');
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.config;
}

export const readMetrics = (file: string): EpochMetrics[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EpochMetrics);

/** Everything but wall time must agree within float noise. */
export function expectSameMetrics(got: EpochMetrics[], want: EpochMetrics[], tol = 1e-5): void {
  expect(got.map((m) => m.epoch)).toEqual(want.map((m) => m.epoch));
  const fields = ['step', 'trainLoss', 'trainTop1Error', 'valLoss', 'valTop1Error', 'valTop5Error', 'lr', 'images'] as const;
  got.forEach((m, i) => {
    for (const f of fields) {
      const a = m[f];
      const b = want[i][f];
      expect(typeof a, `epoch ${m.epoch} ${f}`).toBe('number');
      expect(Math.abs((a as number) - (b as number)), `epoch ${m.epoch} ${f}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
    }
  });
}

export const quietIO = () => {
  const lines: string[] = [];
  return { lines, io: { log: (l: string) => lines.push(l), warn: (l: string) => lines.push(`warning: ${l}`) } };
};
