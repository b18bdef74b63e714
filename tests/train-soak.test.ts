// A long run in miniature: many epochs of a small net on real data; the tensor count is the same
// after every epoch and the process's memory stops growing (issue 6: hours-long runs stay flat).
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../src/runtime/train/run.ts';
import { haveFashion, quietIO, tinyConfig, tinyModel } from './train-helpers.ts';
import { tempFolder } from './test-utils.ts';

// A full garbage collection before each sample, so that a collection that has not run yet on a
// busy machine cannot pass for growth (the way to get gc() without --expose-gc on the command line).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const tmp = tempFolder('netspec-soak-');
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!haveFashion)('memory over many epochs', () => {
  it('stays flat: same tensors after each epoch, RSS growth levels off', async () => {
    const tensors: number[] = [];
    const rss: number[] = [];
    const { io } = quietIO();
    const config = tinyConfig({ epochs: 8, stepsPerEpoch: 12, batchSize: 16, valSteps: 2, checkpointEvery: 6 });
    const r = await startRun({
      dir: path.join(tmp.dir(), 'soak'), config, model: tinyModel(), io,
      onEpoch: () => {
        tensors.push(tf.memory().numTensors);
        gc();
        rss.push(process.memoryUsage().rss);
      },
    });
    expect(r.status).toBe('completed');
    expect(tensors).toHaveLength(8);
    expect(new Set(tensors.slice(1)).size).toBe(1);
    // Tensor leaks show in the count above. Outside tfjs, after warm-up (allocator pools, JIT), the
    // RSS floor may not rise by 24 MB over four epochs (48 steps): a leak of 0.5 MB a step would.
    // Floors (the lower of two samples), not peaks: a garbage collection that has not run yet
    // raises one sample on a busy machine, a leak raises them all.
    const growth = Math.min(rss[6], rss[7]) - Math.min(rss[2], rss[3]);
    expect(growth).toBeLessThan(24 * 2 ** 20);
  }, 180_000);
});
