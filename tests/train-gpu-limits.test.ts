// The WebGPU pre-flight check against sizes worked out by hand for the shipped AlexNet: a dense
// kernel may exceed the binding limit (the backend splits it), nothing else may.
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
  it('finds AlexNet\'s largest tensors: fc6\'s kernel (9216×4096 floats, split by the backend), conv1\'s output, fc7\'s kernel', () => {
    const t = tensorsOf(irOf('alexnet'), 128);
    expect(t[0]).toEqual({ what: "fc6's kernel", bytes: 9216 * 4096 * 4, perExample: false, pieceBytes: 4096 * 4 });
    // conv1: 55×55×96 per example (the grouped paper net), times 128: 148.7 MB.
    expect(t[1]).toEqual({ what: "conv1's output", bytes: 128 * 55 * 55 * 96 * 4, perExample: true });
    expect(t.find((x) => x.what.startsWith('fc7'))).toEqual({ what: "fc7's kernel", bytes: 4096 * 4096 * 4, perExample: false, pieceBytes: 4096 * 4 });
    expect(t.find((x) => x.what === "conv2's kernel")).toEqual({ what: "conv2's kernel", bytes: 5 * 5 * 48 * 256 * 4, perExample: false });
  });

  it.each([
    ['alexnet on lavapipe at batch 2: fits (fc6\'s 151 MB kernel is split by the backend)', 'alexnet', 2, lavapipe, undefined],
    // 128 MiB / (55·55·96·4 bytes) = 134,217,728 / 1,161,600 = 115.5
    ['alexnet on lavapipe at batch 128: conv1\'s output does not fit', 'alexnet', 128, lavapipe,
      /^conv1's output \(148\.7 MB\) is larger than the biggest buffer this WebGPU adapter can bind \(134\.2 MB, llvmpipe\).*use --batch 115 or less, or --backend native$/],
    ['a dense kernel over maxBufferSize cannot be held at all', 'alexnet', 2, { maxStorageBufferBindingSize: 64 * MiB, maxBufferSize: 128 * MiB },
      /^fc6's kernel \(151\.0 MB\) is larger than the biggest buffer this WebGPU adapter can hold \(134\.2 MB, llvmpipe\).*a weight cannot be split by batch/],
    // conv3: 3·3·256·384·4 = 3,538,944 bytes, bound whole; 3 MiB is 3,145,728. fc6, fc7, fc8 exceed it too, in pieces.
    ['a conv kernel over the binding limit is refused, however large maxBufferSize', 'alexnet', 1, { maxStorageBufferBindingSize: 3 * MiB, maxBufferSize: 2 ** 31 },
      /^conv3's kernel \(3\.5 MB\) is larger than the biggest buffer this WebGPU adapter can bind \(3\.1 MB, llvmpipe\), .*a weight cannot be split by batch/],
    // A row of fc6's kernel (4096 floats, 16 KiB) must bind: 8 KiB does not.
    ['a dense kernel whose rows do not bind is refused', 'alexnet', 1, { maxStorageBufferBindingSize: 8 * 1024, maxBufferSize: 2 ** 31 },
      /^fc6's kernel \(151\.0 MB\) is larger than the biggest buffer this WebGPU adapter can bind \(0\.0 MB/],
    // 256 MiB / (28·28·32·4 bytes) = 268,435,456 / 100,352 = 2674.97
    ['alexnet-fashion at batch 4096: an activation, so a smaller batch fits', 'alexnet-fashion', 4096, { maxStorageBufferBindingSize: 256 * MiB, maxBufferSize: 256 * MiB },
      /^conv1's output \(411\.0 MB\) .*use --batch 2674 or less, or --backend native$/],
    ['alexnet on an H100-sized adapter: fine', 'alexnet', 128, { maxStorageBufferBindingSize: 2 ** 32 - 4, maxBufferSize: 2 ** 36 }, undefined],
  ] as const)('%s', (_, model, batch, limits, want) => {
    const d = checkGpuLimits(irOf(model), batch, limits, 'llvmpipe');
    if (want === undefined) expect(d).toBeUndefined();
    else {
      expect(d?.code).toBe('NS0310');
      expect(`${d?.message}; ${d?.help}`).toMatch(want);
    }
  });

  it('the smaller of the two limits counts', () => {
    expect(checkGpuLimits(irOf('alexnet-fashion'), 64, { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: MiB }, 'x')?.message).toMatch(/^conv1's output/);
  });
});
