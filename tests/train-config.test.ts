// The effective configuration (spec + defaults + command line) as a table, the run folder's
// default name, and what the progress reporters print.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TrainSpec } from '../src/model/spec.ts';
import { DEFAULTS, resolveConfig, type Overrides } from '../src/runtime/train/config.ts';
import type { EpochMetrics } from '../src/runtime/train/loop.ts';
import { barReporter, epochLine, lineReporter } from '../src/runtime/train/progress.ts';
import { defaultRunDir } from '../src/runtime/train/run.ts';

const fashion: TrainSpec = { dataset: { kind: 'fashion-mnist' } };

describe('resolveConfig', () => {
  it.each([
    ['the paper\'s defaults for an empty train block', fashion, {}, {
      batchSize: 128, epochs: 10, seed: 1, checkpointEvery: 0, validationSplit: 0, normalize: 'dataset', augment: {},
      optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 0.0005 }, schedule: { type: 'constant' },
    }],
    ['the spec\'s values', { ...fashion, batchSize: 64, epochs: 3, seed: 9, optimizer: { type: 'adam', lr: 0.002 }, schedule: { type: 'cosine', minLr: 1e-5 } }, {}, {
      batchSize: 64, epochs: 3, seed: 9, optimizer: { type: 'adam', lr: 0.002, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }, schedule: { type: 'cosine', minLr: 1e-5 },
    }],
    ['command-line overrides win', { ...fashion, batchSize: 64, epochs: 3 }, { batchSize: 16, epochs: 1, stepsPerEpoch: 5, valSteps: 2, checkpointEvery: 3, seed: 0, data: '/d' }, {
      batchSize: 16, epochs: 1, stepsPerEpoch: 5, valSteps: 2, checkpointEvery: 3, seed: 0, data: '/d',
    }],
    ['--lr keeps the spec\'s optimizer', { ...fashion, optimizer: { type: 'sgd', lr: 0.01, momentum: 0.8, nesterov: true } }, { lr: 0.1 }, {
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0.8, weightDecay: 0, nesterov: true },
    }],
    ['--optimizer adam keeps lr and weight decay', { ...fashion, optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 0.0005 } }, { optimizer: 'adam' }, {
      optimizer: { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.0005 },
    }],
    ['--schedule step picks a third of the epochs', { ...fashion, epochs: 9 }, { schedule: 'step' }, { schedule: { type: 'step', stepSize: 3, gamma: 0.1 } }],
    ['--schedule plateau is the paper\'s rule', fashion, { schedule: 'plateau' }, { schedule: { type: 'plateau', factor: 0.1, patience: 1 } }],
  ] as [string, TrainSpec, Overrides, object][])('%s', (_, spec, o, expected) => {
    const r = resolveConfig(spec, o, 'm', 'm.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toMatchObject(expected);
  });

  it.each([
    ['no dataset', {}, {}, {
      severity: 'error', code: 'NS0404', message: 'the spec has no `train.dataset`, so there is nothing to train on',
      help: 'add e.g. `train: { dataset: { kind: fashion-mnist } }`', location: { file: 'm.yaml', path: [] },
    }],
    ['a non-positive --lr', fashion, { lr: 0 }, {
      severity: 'error', code: 'NS0404', message: 'the learning rate must be positive; received 0', help: 'pass a positive --lr',
    }],
    ['a non-positive lr in the spec', { ...fashion, optimizer: { type: 'sgd', lr: -1 } }, {}, {
      severity: 'error', code: 'NS0404', message: 'the learning rate must be positive; received -1', help: 'set a positive `train.optimizer.lr`',
      location: { file: 'm.yaml', path: ['train', 'optimizer', 'lr'] },
    }],
  ] as [string, TrainSpec, Overrides, object][])('refuses %s', (_, spec, o, diagnostic) => {
    expect(resolveConfig(spec, o, 'm', 'm.yaml')).toEqual({ ok: false, diagnostic });
  });

  it('the defaults are the paper\'s §5 recipe', () => {
    expect(DEFAULTS.optimizer).toEqual({ type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 0.0005 });
    expect(DEFAULTS.batchSize).toBe(128);
  });
});

it('the default run folder is runs/<model>-<timestamp>', () => {
  expect(defaultRunDir('/p', 'alexnet', new Date('2024-03-05T07:08:09.123Z'))).toBe('/p/runs/alexnet-20240305-070809');
});

const m: EpochMetrics = {
  epoch: 2, step: 100, trainLoss: 0.51234, trainTop1Error: 0.1875, valLoss: 0.4, valTop1Error: 0.125, valTop5Error: 0.0078125,
  lr: 0.001, images: 6400, imagesPerSec: 812.6, seconds: 8.04,
};

describe('progress', () => {
  it('epochLine', () => {
    expect(epochLine(m, 5)).toBe('epoch 2/5: train loss 0.5123 err 18.75% | val loss 0.4000 top-1 12.50% top-5 0.78% | lr 0.00100 | 813 img/s | 8.0 s');
    expect(epochLine({ ...m, valLoss: null, valTop1Error: null, valTop5Error: null }, 5)).toMatch(/val loss – top-1 – top-5 –/);
  });

  it('plain lines: about ten per epoch, the last step always', () => {
    const lines: string[] = [];
    const r = lineReporter((l) => lines.push(l));
    r.epochStart({ epoch: 1, epochs: 5, steps: 25, startStep: 4, lr: 0.01 });
    for (let s = 5; s <= 25; s++) r.step({ step: s, loss: 1, top1Error: 0.5, imagesPerSec: 100 });
    r.epochEnd(m);
    expect(lines[0]).toBe('epoch 2/5: lr 0.0100, 25 steps, resuming at step 5');
    expect(lines.slice(1, -1).map((l) => Number(/step (\d+)/.exec(l)![1]))).toEqual([6, 9, 12, 15, 18, 21, 24, 25]);
    expect(lines[1]).toBe('  step 6/25  loss 1.0000  err 50.00%  100 img/s');
    expect(lines.at(-1)).toBe(epochLine(m, 5));
  });

  it('the bar shows loss, running error, images/s and ETA on a terminal', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let text = '';
    stream.on('data', (d) => (text += d));
    const printed: string[] = [];
    const r = barReporter(stream, (l) => printed.push(l));
    r.epochStart({ epoch: 0, epochs: 3, steps: 10, startStep: 0, lr: 0.1 });
    r.step({ step: 4, loss: 0.75, top1Error: 0.25, imagesPerSec: 321 });
    r.epochEnd({ ...m, epoch: 1 });
    r.close();
    expect(text).toMatch(/epoch 1\/3 .* 4\/10 \| loss 0\.7500 \| err 25\.00% \| 321 img\/s \| ETA /);
    expect(printed).toEqual([epochLine({ ...m, epoch: 1 }, 3)]);
  });
});
