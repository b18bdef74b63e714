// On real Fashion-MNIST with a tiny conv net (pure-JS cpu backend): a run stopped mid-epoch and
// resumed equals an uninterrupted one; the exported model predicts as the trained one; memory stays
// flat; a diverging loss stops the run naming the step and keeps the last good checkpoint.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteFs } from '../src/io/write-atomic.ts';
import { listCheckpoints, readCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { loadExportedModel } from '../src/runtime/train/export.ts';
import { checkpointDir, metricsFile } from '../src/runtime/train/loop.ts';
import { findCheckpoint, modelFromCheckpoint, resumeRun, startRun, type RunResult } from '../src/runtime/train/run.ts';
import { expectSameMetrics, haveFashion, quietIO, readMetrics, tinyConfig, tinyModel } from './train-helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-resume-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!haveFashion)('training on real Fashion-MNIST', () => {
  const config = tinyConfig({ checkpointEvery: 5 });
  let full: RunResult;
  const tensorsAfterEpoch: number[] = [];

  beforeAll(async () => {
    const { io } = quietIO();
    full = await startRun({ dir: path.join(tmp, 'full'), config, model: tinyModel(), io, onEpoch: () => tensorsAfterEpoch.push(tf.memory().numTensors) });
  }, 120_000);

  it('completes, writes one metrics line per epoch and keeps the last two checkpoints', () => {
    expect(full.status).toBe('completed');
    const m = readMetrics(metricsFile(full.dir));
    expect(m).toEqual(full.metrics);
    expect(m.map((x) => x.epoch)).toEqual([1, 2]);
    for (const x of m) {
      for (const k of ['trainLoss', 'valLoss', 'valTop1Error', 'valTop5Error', 'lr', 'imagesPerSec', 'seconds'] as const) expect(Number.isFinite(x[k])).toBe(true);
      expect(x.images).toBe(512);
      expect(x.valTop5Error!).toBeLessThanOrEqual(x.valTop1Error!);
    }
    expect(m.map((x) => x.lr)).toEqual([0.05, 0.025]); // step schedule, gamma 0.5 every epoch
    // Steps 5, 10, 15 (epoch 1), 16 (its end), 20, 25, 30, 32 (end): the last two remain.
    expect(listCheckpoints(checkpointDir(full.dir)).map((f) => path.basename(f))).toEqual(['ckpt-000000032.nsckpt', 'ckpt-000000030.nsckpt']);
    // The runtime alone writes no report (the CLI and the API pass epochReport: train-cli.test.ts).
    expect(fs.readdirSync(full.dir).sort()).toEqual(['checkpoints', 'config.json', 'metrics.jsonl', 'model', 'steps.jsonl']);
    expect(JSON.parse(fs.readFileSync(path.join(full.dir, 'config.json'), 'utf8'))).toEqual(config);
  });

  it('memory stays flat from one epoch to the next', () => {
    expect(tensorsAfterEpoch).toHaveLength(2);
    expect(tensorsAfterEpoch[1]).toBe(tensorsAfterEpoch[0]);
  });

  it('a run stopped mid-epoch and resumed gives the same metrics as the uninterrupted run', async () => {
    const dir = path.join(tmp, 'interrupted');
    const { io } = quietIO();
    // Stop at update 23 (epoch 2, batch 7): the last checkpoint is step 20, mid-epoch 2.
    const stopped = await startRun({ dir, config, model: tinyModel(), io, maxSteps: 23 });
    expect(stopped.status).toBe('stopped');
    expect(stopped.globalStep).toBe(23);
    expect(readMetrics(metricsFile(dir))).toHaveLength(1);
    const latest = findCheckpoint(dir);
    expect(latest.ok && latest.value.checkpoint.meta.progress).toMatchObject({ epoch: 1, step: 4, globalStep: 20 });

    const log = quietIO();
    const resumed = await resumeRun({ dir, io: log.io });
    expect(resumed.status).toBe('completed');
    expect(log.lines[0]).toMatch(/^precision: \w+ — the run's precision \(config\.json\): auto/);
    expect(log.lines[1]).toMatch(/^resuming .* from ckpt-000000020\.nsckpt: epoch 2, step 5, 20 updates done$/);
    expectSameMetrics(readMetrics(metricsFile(dir)), full.metrics);
    // The final weights agree too.
    const a = readCheckpoint(listCheckpoints(checkpointDir(dir))[0]);
    const b = readCheckpoint(listCheckpoints(checkpointDir(full.dir))[0]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) a.value.weights.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(b.value.weights[i].values)));
  }, 120_000);

  it('resuming at an epoch boundary also matches', async () => {
    const dir = path.join(tmp, 'boundary');
    const stopped = await startRun({ dir, config: { ...config, checkpointEvery: 0 }, model: tinyModel(), io: quietIO().io, maxSteps: 19 });
    expect(stopped.status).toBe('stopped');
    const resumed = await resumeRun({ dir, io: quietIO().io });
    expect(resumed.status).toBe('completed');
    expectSameMetrics(resumed.metrics, full.metrics);
  }, 120_000);

  it('the exported model loads with tf.loadLayersModel and predicts exactly as the trained weights', async () => {
    const exported = await loadExportedModel(path.join(full.dir, 'model'));
    const latest = findCheckpoint(full.dir);
    expect(latest.ok).toBe(true);
    if (!latest.ok) return;
    const trained = await modelFromCheckpoint(latest.value.checkpoint);
    expect(trained.ok).toBe(true);
    if (!trained.ok) return;
    const x = tf.randomUniform([6, 28, 28, 1], -1, 1, 'float32', 3);
    const p = exported.predict(x) as tf.Tensor;
    const q = trained.value.predict(x) as tf.Tensor;
    expect(Array.from(p.dataSync())).toEqual(Array.from(q.dataSync()));
    expect(p.shape).toEqual([6, 10]);
    const info = JSON.parse(fs.readFileSync(path.join(full.dir, 'model', 'netspec.json'), 'utf8'));
    expect(info.inputShape).toEqual([28, 28, 1]);
    expect(info.classNames).toHaveLength(10);
    expect(info.normalize.mean[0]).toBeGreaterThan(0.2); // Fashion-MNIST's mean pixel is about 0.29
    tf.dispose([x, p, q]);
  });

  it('a diverging loss stops the run naming the step and keeps the last good checkpoint', async () => {
    const dir = path.join(tmp, 'nan');
    const out = await startRun({
      dir,
      config: { ...config, checkpointEvery: 2, optimizer: { type: 'sgd', lr: 1e30, momentum: 0.9, weightDecay: 0 } },
      model: tinyModel(),
      io: quietIO().io,
    });
    expect(out.status).toBe('diverged');
    expect(out.diagnostic?.message).toMatch(/^the loss became NaN at step \d+ \(epoch 1, batch \d+ of 16\); stopped/);
    const step = Number(/step (\d+)/.exec(out.diagnostic!.message)![1]);
    expect(step).toBeGreaterThan(1); // step 1's loss is finite: the explosion follows the update
    // Every checkpoint left is intact and holds finite weights.
    for (const f of listCheckpoints(checkpointDir(dir))) {
      const r = readCheckpoint(f);
      expect(r.ok).toBe(true);
      if (r.ok) for (const w of r.value.weights) expect(w.values.every(Number.isFinite)).toBe(true);
    }
    expect(fs.existsSync(path.join(dir, 'model'))).toBe(false);
  }, 60_000);

  it('a full disk stops the run cleanly at the failed checkpoint; the previous one stays intact', async () => {
    const dir = path.join(tmp, 'full-disk');
    let writes = 0;
    const fullDisk: WriteFs = {
      ...(fs as unknown as WriteFs),
      writeSync: (fd, buf, off, len) => {
        if (writes++ > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fs.writeSync(fd, buf, off, len);
      },
    };
    // The first checkpoint (step 2) is written in one write call; the second (step 4) hits ENOSPC.
    const out = await startRun({ dir, config: { ...config, checkpointEvery: 2 }, model: tinyModel(), io: quietIO().io, writeOptions: { fs: fullDisk } });
    expect(out.status).toBe('failed');
    expect(out.globalStep).toBe(4);
    const ck2 = path.join(checkpointDir(dir), 'ckpt-000000002.nsckpt');
    expect(out.diagnostic?.code).toBe('NS0407');
    expect(out.diagnostic?.message).toBe(`could not write ${path.join(checkpointDir(dir), 'ckpt-000000004.nsckpt')}: no space left on device; the previous checkpoint is intact`);
    expect(out.checkpoint).toBe(ck2);
    expect(fs.readdirSync(checkpointDir(dir))).toEqual(['ckpt-000000002.nsckpt']);
    expect(readCheckpoint(ck2).ok).toBe(true);
  }, 60_000);

  it('refuses to start in a folder that holds a run', async () => {
    const out = await startRun({ dir: full.dir, config, model: tinyModel(), io: quietIO().io });
    expect(out.status).toBe('failed');
    expect(out.diagnostic).toMatchObject({ code: 'NS0406', message: expect.stringMatching(/already exists and is not empty$/), help: expect.stringMatching(/--resume/) });
  });
});

