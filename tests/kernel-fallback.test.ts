// Ops with portable fallbacks (backends/fallback.ts): a backend's own kernel wins whatever the
// order of registration, other backends get the portable kernel on first use, and layers and the
// optimizer never ask which backend runs.
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureKernel, registerOwnKernel, runKernel } from '../src/runtime/backends/fallback.ts';
import { NETSPEC_CONV, NETSPEC_CONV_FILTER_GRAD } from '../src/runtime/backends/conv-op.ts';
import { SGD_UPDATE } from '../src/runtime/backends/kernels-optim.ts';
import { NetspecConv2D } from '../src/runtime/layers/conv2d.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';

// A backend of its own for these tests: the cpu backend's kernels under another name, which is
// not one of those whose portable filter gradient is hand-written.
const OTHER = 'fallback-test';

beforeAll(async () => {
  tf.registerBackend(OTHER, tf.findBackendFactory('cpu')!, -1);
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: OTHER });
  await tf.setBackend(OTHER);
});
afterAll(async () => {
  await tf.setBackend('cpu');
  tf.removeBackend(OTHER);
});
afterEach(() => vi.restoreAllMocks());

const sgdStep = () => {
  const w = tf.variable(tf.ones([2, 3]));
  const opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 }, [w]);
  tf.tidy(() => opt.apply([tf.fill([2, 3], 0.5)], 0.1));
  const values = Array.from(w.dataSync());
  opt.dispose();
  w.dispose();
  return values;
};

describe('which kernel an op runs', () => {
  it('registers the portable kernel on first use only, and once', () => {
    expect(tf.getKernel(SGD_UPDATE, OTHER)).toBeUndefined();
    for (const v of sgdStep()) expect(v).toBeCloseTo(0.95, 6);
    const portable = tf.getKernel(SGD_UPDATE, OTHER)?.kernelFunc;
    expect(portable).toBeDefined();
    sgdStep();
    expect(tf.getKernel(SGD_UPDATE, OTHER)?.kernelFunc).toBe(portable);
  });

  it('a backend\'s own kernel, registered after the portable one, replaces it', () => {
    ensureKernel(SGD_UPDATE, OTHER);
    const own = vi.fn(({ inputs }: { inputs: tf.NamedTensorInfoMap }) => [tf.add(inputs.w as tf.Tensor, 1), tf.zerosLike(inputs.v as tf.Tensor)]);
    registerOwnKernel({ kernelName: SGD_UPDATE, backendName: OTHER, kernelFunc: own as unknown as tf.KernelFunc });
    expect(sgdStep()).toEqual(Array(6).fill(2));
    expect(own).toHaveBeenCalledTimes(1);
    tf.unregisterKernel(SGD_UPDATE, OTHER);
  });

  it('a backend\'s own kernel, registered before first use, is never replaced by the portable one', () => {
    const own = vi.fn(({ inputs }: { inputs: tf.NamedTensorInfoMap }) => [tf.mul(inputs.w as tf.Tensor, 3), tf.zerosLike(inputs.v as tf.Tensor)]);
    tf.registerKernel({ kernelName: SGD_UPDATE, backendName: OTHER, kernelFunc: own as unknown as tf.KernelFunc });
    expect(sgdStep()).toEqual(Array(6).fill(3));
    ensureKernel(SGD_UPDATE, OTHER);
    expect(tf.getKernel(SGD_UPDATE, OTHER)?.kernelFunc).toBe(own);
    tf.unregisterKernel(SGD_UPDATE, OTHER);
  });

  it('says so when an op has neither a kernel nor a portable fallback', () => {
    expect(() => runKernel('NoSuchOp', {}, {})).toThrow(`kernel 'NoSuchOp' is not registered for backend '${OTHER}' and has no portable fallback`);
  });
});

describe('the portable conv kernels per backend', () => {
  /** Kernel names the engine runs for one forward + backward of a conv layer's weights on `backend`. */
  async function kernelsRun(backend: string): Promise<string[]> {
    await tf.setBackend(backend);
    const layer = new NetspecConv2D({ filters: 4, kernelSize: [3, 3], groups: 2, dilation: [2, 1], activation: 'relu' });
    layer.build([1, 7, 6, 4]);
    const x = tf.randomUniform([1, 7, 6, 4]);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, layer.trainableWeights.map((w) => w.read() as tf.Variable));
    const names = run.mock.calls.map((c) => c[0]);
    run.mockRestore();
    tf.dispose([x, value, ...Object.values(grads)]);
    layer.weights.forEach((w) => w.dispose());
    return names;
  }

  it('cpu computes the filter gradient as a forward convolution, without its slow Conv2DBackpropFilter', async () => {
    const names = await kernelsRun('cpu');
    expect(names).toContain(NETSPEC_CONV);
    expect(names).toContain(NETSPEC_CONV_FILTER_GRAD);
    expect(names).not.toContain('Conv2DBackpropFilter');
  });

  it('another backend uses its own Conv2DBackpropFilter', async () => {
    const names = await kernelsRun(OTHER);
    expect(names).toContain(NETSPEC_CONV_FILTER_GRAD);
    expect(names).toContain('Conv2DBackpropFilter');
  });
});

describe('layers and the optimizer never ask which backend runs', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const layerFiles = readdirSync(path.join(root, 'src/runtime/layers')).filter((f) => f.endsWith('.ts')).map((f) => `src/runtime/layers/${f}`);
  it.each([...layerFiles, 'src/runtime/train/optimizer.ts'])('%s', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    expect(text).not.toMatch(/\bgetBackend\s*\(|\bgetKernel\s*\(|\bgetKernelsForBackend\s*\(/);
  });
});
