// It learns: a few hundred steps on real Fashion-MNIST bring a small conv net's test error far
// below chance (0.9 for ten classes). The threshold is "clearly learning", not a tuned number.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../src/runtime/train/run.ts';
import { haveFashion, quietIO, tinyConfig, tinyModel } from './train-helpers.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-learn-');
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!haveFashion)('learning on real Fashion-MNIST', () => {
  it('200 steps of Adam take the test top-1 error well below chance', async () => {
    const config = tinyConfig({ epochs: 2, stepsPerEpoch: 100, valSteps: 16 }, {
      dataset: { kind: 'fashion-mnist' },
      optimizer: { type: 'adam', lr: 0.005 },
      schedule: { type: 'constant' },
      augment: { flip: true },
      normalize: 'dataset',
      seed: 3,
    });
    const r = await startRun({ dir: path.join(tmp.dir(), 'run'), config, model: tinyModel(5), io: quietIO().io });
    expect(r.status).toBe('completed');
    const [first, last] = r.metrics;
    // 512 test images; chance is 0.9 top-1 and 0.5 top-5.
    expect(last.valTop1Error!).toBeLessThan(0.4);
    expect(last.valTop5Error!).toBeLessThan(0.1);
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
  }, 120_000);
});
