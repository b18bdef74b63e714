// The WebGPU binding-size check against sizes worked out by hand for the shipped AlexNet.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { checkGpuLimits, tensorsOf } from '../src/runtime/train/gpu-limits.ts';

const root = path.resolve(import.meta.dirname, '..');
const irOf = (name: string) => {
  const a = analyzeModel(path.join(root, 'models', `${name}.yaml`));
  if (!a.ir) throw new Error(`${name} did not compile`);
  return a.ir;
};
const MiB = 2 ** 20;
const lavapipe = { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 2 ** 31 };

describe('WebGPU binding limits', () => {
  it('finds AlexNet\'s largest tensors: fc6\'s kernel 9216×4096 floats, then conv1\'s output', () => {
    const t = tensorsOf(irOf('alexnet'), 32);
    expect(t[0]).toEqual({ what: "fc6's kernel", bytes: 9216 * 4096 * 4, perExample: false });
    // conv1: 55×55×96 per example (the grouped paper net), times 32.
    expect(t.find((x) => x.what === "conv1's output")?.bytes).toBe(32 * 55 * 55 * 96 * 4);
  });

  it.each([
    ['alexnet on lavapipe: fc6 does not fit at any batch', 'alexnet', 2, lavapipe,
      /^fc6's kernel \(151\.0 MB\) is larger than the biggest buffer this WebGPU adapter can bind \(134\.2 MB, llvmpipe\).*use --backend native$/],
    // 256 MiB / (28·28·32·4 bytes) = 268,435,456 / 100,352 = 2674.97
    ['alexnet-fashion at batch 4096: an activation, so a smaller batch fits', 'alexnet-fashion', 4096, { maxStorageBufferBindingSize: 256 * MiB, maxBufferSize: 256 * MiB },
      /^conv1's output \(411\.0 MB\) .*use --batch 2674 or less, or --backend native$/],
    ['alexnet on an H100-sized adapter: fine', 'alexnet', 128, { maxStorageBufferBindingSize: 2 ** 32 - 4, maxBufferSize: 2 ** 36 }, undefined],
  ] as const)('%s', (_, model, batch, limits, want) => {
    const msg = checkGpuLimits(irOf(model), batch, limits, 'llvmpipe');
    if (want === undefined) expect(msg).toBeUndefined();
    else expect(msg).toMatch(want);
  });

  it('the smaller of the two limits counts', () => {
    expect(checkGpuLimits(irOf('alexnet-fashion'), 64, { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: MiB }, 'x')).toMatch(/^conv1's output/);
  });
});
