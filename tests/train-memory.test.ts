// Runs that cannot fit are refused before anything is allocated, with the estimate and a batch that fits.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { checkTrainingMemory, trainingMemory } from '../src/runtime/train/memory.ts';
import { main } from '../src/cli/main.ts';

const GiB = 2 ** 30;
const ir = analyzeModel('models/alexnet.yaml').ir!;

describe('training memory estimate', () => {
  it('counts weights, gradients and optimizer slots at 4 bytes each', () => {
    const m = trainingMemory(ir, 1, 1);
    expect(m.parameterBytes).toBeCloseTo(60_965_224 * 4 * 3, -2);
    // Activations grow linearly with the batch; weights do not.
    const m2 = trainingMemory(ir, 2, 1);
    expect(m2.activationBytes).toBeCloseTo(2 * m.activationBytes, 0);
    expect(m2.parameterBytes).toBe(m.parameterBytes);
  });
  it.each([
    [128, 24 * GiB, false],
    [4096, 24 * GiB, true],
    [32, 1 * GiB, true],
  ])('batch %i with %d bytes: refused = %s', (batch, available, refused) => {
    expect(checkTrainingMemory(ir, batch, 1, available) !== undefined).toBe(refused);
  });
  it('the batch it suggests does fit', () => {
    const d = checkTrainingMemory(ir, 4096, 2, 8 * GiB)!;
    expect(d.code).toBe('NS0310');
    const suggested = Number(/use --batch (\d+)/.exec(d.help!)![1]);
    expect(checkTrainingMemory(ir, suggested, 2, 8 * GiB)).toBeUndefined();
    expect(checkTrainingMemory(ir, suggested + 64, 2, 8 * GiB)).toBeDefined();
  });
  it('the CLI refuses before building the model', async () => {
    const err: string[] = [];
    const code = await main(['train', 'models/alexnet.yaml', '--batch', '100000', '--out', path.join('runs', '.never')], {
      out: () => {}, err: (t) => err.push(t), cwd: path.resolve(__dirname, '..'),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/error\[NS0310\]: training alexnet at batch 100000 needs about [\d.]+ GiB/);
  });
});
