// A device error (WebGPU's uncaptured validation errors, which tfjs only prints) stops training
// at the step it happened, as a failure, instead of letting the run go on with garbage.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportDeviceError, takeDeviceError } from '../src/runtime/backends/device-errors.ts';
import { startRun } from '../src/runtime/train/run.ts';
import { haveFashion, quietIO, tinyConfig, tinyModel } from './train-helpers.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-device-error-');
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('device errors', () => {
  it('keeps the first error until it is taken', () => {
    reportDeviceError('first');
    reportDeviceError('second');
    expect(takeDeviceError()).toBe('first');
    expect(takeDeviceError()).toBeUndefined();
  });

  it.skipIf(!haveFashion)('stop a run at the step that reported one', async () => {
    const { io } = quietIO();
    const config = tinyConfig({ epochs: 2, stepsPerEpoch: 4, batchSize: 8, valSteps: 1, checkpointEvery: 0 });
    reportDeviceError('Binding size (150994944) of [Buffer] is larger than the maximum storage buffer binding size (134217728).');
    const r = await startRun({ dir: path.join(tmp.dir(), 'run'), config, model: tinyModel(), io });
    expect(r.status).toBe('failed');
    expect(r.diagnostic?.code).toBe('NS0408');
    expect(r.diagnostic?.message).toMatch(/^the device reported an error at step 1 \(epoch 1\): Binding size \(150994944\)/);
    expect(r.globalStep).toBe(0);
  });
});
