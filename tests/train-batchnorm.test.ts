// A conv + batchnorm net trains on a tiny synthetic batch on the pure-JS cpu backend and on
// netspec-cpu: the loss goes down, the running statistics move (and are saved but never given to
// the optimizer), and a run stopped and resumed from its checkpoint ends with the same running
// statistics and weights, bit for bit, as one that never stopped, and evaluates the same. The summary counts γ and β as
// trainable and the running statistics as non-trainable, as Keras does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { summarize } from '../src/model/summary.ts';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { buildModel } from '../src/runtime/build.ts';
import { memorySplit } from '../src/runtime/data/split.ts';
import { NO_AUGMENT } from '../src/runtime/data/transforms.ts';
import { listCheckpoints, readCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { evaluate } from '../src/runtime/train/evaluate.ts';
import { checkpointDir, train, type CheckpointMeta, type LoopConfig } from '../src/runtime/train/loop.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-bn-');
const SPEC = path.join(__dirname, 'fixtures', 'build', 'conv-bn.yaml');

const irOf = () => {
  const a = analyzeModel(SPEC);
  expect(a.diagnostics).toEqual([]);
  return a.ir!;
};

/** 48 images of 8×8, three classes: a bright top half, left half or diagonal band, plus noise. */
function synthetic() {
  const n = 48;
  const images = new Uint8Array(n * 64);
  const labels = new Uint8Array(n);
  let s = 12345;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 80;
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
      const on = labels[i] === 0 ? y < 4 : labels[i] === 1 ? x < 4 : Math.abs(x - y) < 2;
      images[i * 64 + y * 8 + x] = Math.min(255, (on ? 150 : 20) + noise());
    }
  }
  return memorySplit(images, labels, [8, 8, 1]);
}

const config: LoopConfig = {
  batchSize: 8, epochs: 3, stepsPerEpoch: 6, optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 }, schedule: { type: 'constant' }, seed: 4, checkpointEvery: 4,
};

async function run(runDir: string, o: { maxSteps?: number; resume?: boolean } = {}) {
  const model = buildModel(irOf(), { seed: 9 });
  const resume = o.resume ? readCheckpoint<CheckpointMeta>(listCheckpoints(checkpointDir(runDir))[0]) : undefined;
  if (resume && !resume.ok) throw new Error(resume.error);
  const outcome = await train({
    model, train: synthetic(), inputShape: [8, 8, 1], augment: NO_AUGMENT, normalize: { mean: [0.3], std: [0.3] },
    config, runDir, maxSteps: o.maxSteps, ...(resume ? { resume: resume.value } : {}),
  });
  return { model, outcome };
}

const weightsOf = (m: tf.LayersModel) => Object.fromEntries(m.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));

describe('a conv + batchnorm net', () => {
  it('is counted as torchvision counts its parameters, plus the running statistics as non-trainable', () => {
    const s = summarize(irOf());
    // conv 3·3·1·4 + 4, bn 4 + 4 (γ, β); conv 3·3·4·6 (no bias, as torchvision's before a BN), bn 6 + 6;
    // dense 6·3 + 3, bn (scale only) 3. Running mean and variance: 2·(4 + 6 + 3).
    expect([s.trainableParams, s.nonTrainableParams]).toEqual([40 + 8 + 216 + 12 + 21 + 3, 2 * (4 + 6 + 3)]);
    expect(s.totalParams).toBe(s.trainableParams + s.nonTrainableParams);
    // Batchnorm adds no mult-adds (torchvision's convention; see src/model/layers/batchnorm.ts).
    expect(s.layers.filter((l) => l.type === 'BatchNorm').map((l) => l.multAdds)).toEqual([0, 0, 0]);
  });

  const native = loadNativeAddon().ok && registerNetspecCpu().ok;
  describe.each(['cpu', ...(native ? [NETSPEC_CPU] : [])])('on %s', (backend) => {
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it('trains: the loss goes down, running statistics move and are checkpointed, not optimised; a resumed run ends identical', async () => {
      await tf.setBackend(backend);
      const full = await run(path.join(tmp.dir(), `${backend}-full`));
      expect(full.outcome.status).toBe('completed');
      const losses = full.outcome.metrics.map((m) => m.trainLoss);
      expect(losses[2]).toBeLessThan(losses[0] * 0.8);
      const bn = full.model.getLayer('bn1');
      expect(bn.trainableWeights.map((w) => w.originalName)).toEqual(['bn1/gamma', 'bn1/beta']);
      const mean = bn.nonTrainableWeights.find((w) => w.originalName === 'bn1/moving_mean')!.read().dataSync();
      expect(Math.max(...Array.from(mean, Math.abs))).toBeGreaterThan(1e-3);

      // The checkpoint holds every weight, running statistics included; the optimizer holds buffers for trainable ones only.
      const ck = readCheckpoint<CheckpointMeta>(listCheckpoints(checkpointDir(path.join(tmp.dir(), `${backend}-full`)))[0]);
      expect(ck.ok).toBe(true);
      if (!ck.ok) return;
      expect(ck.value.weights.map((w) => w.name)).toEqual(full.model.weights.map((w) => w.originalName));
      expect(ck.value.weights.filter((w) => w.name.includes('moving_')).length).toBe(6);
      expect(ck.value.optimizer.slots.length).toBe(full.model.trainableWeights.length);

      // Stopped after 10 updates (the last checkpoint: step 8, mid-epoch 2), then resumed.
      const dir = path.join(tmp.dir(), `${backend}-resumed`);
      const stopped = await run(dir, { maxSteps: 10 });
      expect(stopped.outcome.status).toBe('stopped');
      const resumed = await run(dir, { resume: true });
      expect(resumed.outcome.status).toBe('completed');
      expect(weightsOf(resumed.model)).toEqual(weightsOf(full.model));
      expect(resumed.outcome.metrics.map((m) => m.trainLoss)).toEqual(losses);
      // An eval of the resumed run (running statistics, inference mode) equals one of the uninterrupted run.
      const evalOf = (m: tf.LayersModel) => evaluate(m, {
        split: synthetic(), batchSize: 8, inputShape: [8, 8, 1], augment: NO_AUGMENT, normalize: { mean: [0.3], std: [0.3] },
      });
      const [a, b] = [await evalOf(resumed.model), await evalOf(full.model)];
      expect(a).toEqual(b);
      expect(a.images).toBe(48);
      for (const m of [full, stopped, resumed]) m.model.dispose();
    }, 120_000);
  });
});

it('the fixture exists', () => {
  expect(fs.existsSync(SPEC)).toBe(true);
});
