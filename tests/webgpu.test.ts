// The WebGPU path: a small AlexNet-shaped net (strided padded conv, grouped conv, LRN, max pool,
// dense, softmax cross-entropy) gives the same loss, outputs and gradients on the 'webgpu' backend
// as on tfjs's pure-JS 'cpu' backend, and a few SGD steps on it lower the loss; netspec's
// replacements for the package's LRNGrad and Conv2DBackpropFilter agree with the cpu backend on
// tables of shapes.
// Without a GPU this runs on Mesa's lavapipe (bash scripts/setup-webgpu.sh). Locally, no adapter
// skips with the reason; under CI=true a missing adapter fails, since CI is where the path is tested.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../src/cli/train.ts';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, relErr } from './test-utils.ts';
import { describeAdapter, deviceBindingLimits, explainNoAdapter, isSoftwareAdapter, releaseWebGPU, tryWebGPU, WEBGPU, type AdapterFacts } from '../src/runtime/backends/webgpu.ts';
import { conv2dBackpropFilterWebGPU, lrnGradWebGPU } from '../src/runtime/backends/webgpu-kernels.ts';
import { NETSPEC_LRN_GRAD } from '../src/runtime/backends/lrn-op.ts';
import { takeDeviceError } from '../src/runtime/backends/device-errors.ts';
import { NetspecConv2D, NetspecLRN, NetspecPool2D } from '../src/runtime/layers/index.ts';
import { crossEntropy } from '../src/runtime/train/metrics.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';

const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const webgpu = await tryWebGPU();
if (!webgpu.ok) console.warn(`webgpu tests: no WebGPU here: ${webgpu.why}`);
else console.log(`webgpu tests: ${webgpu.device}`);

afterAll(() => releaseWebGPU());
const root = path.resolve(import.meta.dirname, '..');

describe('adapter descriptions', () => {
  const facts = (o: Partial<AdapterFacts>): AdapterFacts => ({ vendor: '', architecture: '', device: '', description: '', ...o });
  const cases: { name: string; a: AdapterFacts; software: boolean; says: string[] }[] = [
    {
      name: 'lavapipe (Mesa 25) as Dawn reports it',
      a: facts({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', isFallbackAdapter: true }),
      software: true, says: ['llvmpipe: Mesa 25.0.7', 'not a GPU'],
    },
    {
      name: 'an NVIDIA H100 on Vulkan',
      a: facts({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100 80GB HBM3', isFallbackAdapter: false }),
      software: false, says: ['NVIDIA H100 80GB HBM3', 'hopper'],
    },
    { name: 'SwiftShader without the fallback flag', a: facts({ vendor: 'google', description: 'SwiftShader Device (Subzero)' }), software: true, says: ['SwiftShader'] },
    { name: 'an adapter with no description', a: facts({ vendor: 'amd', architecture: 'rdna-3', device: 'gfx1100' }), software: false, says: ['gfx1100', 'amd, rdna-3'] },
  ];
  it.each(cases)('$name', ({ a, software, says }) => {
    expect(isSoftwareAdapter(a)).toBe(software);
    const d = describeAdapter(a);
    for (const s of says) expect(d).toContain(s);
    expect(d.includes('not a GPU')).toBe(software);
  });

  it('explains a missing adapter by what is missing', () => {
    expect(explainNoAdapter('linux', undefined)).toMatch(/libvulkan\.so\.1.*apt-get install libvulkan1/);
    const noDriver = explainNoAdapter('linux', '/usr/lib/x86_64-linux-gnu/libvulkan.so.1');
    expect(noDriver).toContain('VK_DRIVER_FILES');
    expect(noDriver).toContain('scripts/setup-webgpu.sh');
    expect(explainNoAdapter('darwin', undefined)).toContain('Metal');
  });
});

describe('the WebGPU adapter', () => {
  it(`is found${inCI ? ' (required: CI=true)' : ''}`, (ctx) => {
    if (!webgpu.ok && !inCI) ctx.skip(`no WebGPU adapter: ${webgpu.why}`);
    expect(webgpu.why).toBeUndefined();
    expect(webgpu.ok).toBe(true);
    expect(webgpu.device).toBeTruthy();
  });
});

/** Deterministic values in [-scale, scale) (mulberry32), independent of any backend's RNG. */
function values(n: number, seed: number, scale: number): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (next() * 2 - 1) * scale);
}

const BATCH = 4;
const INPUT: [number, number, number] = [10, 10, 4];
const CLASSES = 5;

/** conv 3×3 s2 pad [1,1,1,0] → grouped conv (2 groups) → LRN → max pool 2/2 → dense → softmax. */
function smallNet(): tf.LayersModel {
  const input = tf.input({ shape: INPUT });
  let h = new NetspecConv2D({ name: 'c1', filters: 6, kernelSize: [3, 3], strides: [2, 2], pad: [1, 1, 1, 0], activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  h = new NetspecConv2D({ name: 'c2', filters: 8, kernelSize: [3, 3], pad: [1, 1, 1, 1], groups: 2, activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  h = new NetspecLRN({ size: 3, alpha: 0.2, beta: 0.75, k: 1 }).apply(h) as tf.SymbolicTensor;
  h = new NetspecPool2D({ mode: 'max', poolSize: [2, 2], strides: [2, 2], pad: [0, 1, 0, 0] }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ name: 'fc', units: CLASSES, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** Every weight from `values`, weight i seeded seed + i: the same numbers on every backend. */
function setWeights(model: tf.LayersModel, seed: number, scale: number): void {
  const ws = model.weights.map((w, i) => {
    const shape = w.shape as number[];
    return tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed + i, scale), shape);
  });
  model.setWeights(ws);
  tf.dispose(ws);
}

interface Pass { loss: number; probs: Float32Array; grads: { name: string; values: Float32Array }[] }

/** One forward and backward pass on `backend`, every weight and input given from the same arrays. */
async function pass(backend: string): Promise<Pass> {
  await tf.setBackend(backend);
  // Small tensors still on the CPU would otherwise be computed by tfjs's CPU kernels.
  if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
  const model = smallNet();
  setWeights(model, 100, 0.6);
  const x = tf.tensor4d(values(BATCH * INPUT[0] * INPUT[1] * INPUT[2], 7, 1), [BATCH, ...INPUT]);
  const y = tf.tensor1d([0, 3, 1, 4], 'int32');
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let probs: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const p = model.apply(x, { training: true }) as tf.Tensor2D;
    probs = tf.keep(p);
    return crossEntropy(p, y);
  }, vars);
  // data(), not dataSync(): webgpu's synchronous read needs OffscreenCanvas, which Node lacks.
  const result: Pass = {
    loss: (await value.data())[0],
    probs: (await probs!.data()) as Float32Array,
    grads: await Promise.all(model.trainableWeights.map(async (w, i) => ({ name: w.originalName, values: (await grads[vars[i].name].data()) as Float32Array }))),
  };
  tf.dispose([x, y, value, probs!, ...Object.values(grads)]);
  model.dispose();
  return result;
}

describe.runIf(webgpu.ok)('on the webgpu backend', () => {
  it('loss, outputs and every gradient agree with the cpu backend within 1e-4 relative', async () => {
    const ref = await pass('cpu');
    const gpu = await pass(WEBGPU);
    const errors: Record<string, number> = { loss: Math.abs(gpu.loss - ref.loss) / Math.abs(ref.loss), probs: relErr(gpu.probs, ref.probs) };
    for (const [i, g] of ref.grads.entries()) {
      expect(gpu.grads[i].name).toBe(g.name);
      expect(gpu.grads[i].values.length).toBe(g.values.length);
      // A gradient that is all zeros would make the comparison vacuous.
      expect(g.values.some((v) => v !== 0)).toBe(true);
      errors[`d ${g.name}`] = relErr(gpu.grads[i].values, g.values);
    }
    console.log(`webgpu vs cpu, relative error: ${Object.entries(errors).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
    expect(ref.grads.map((g) => g.name)).toEqual(['c1/kernel', 'c1/bias', 'c2/kernel', 'c2/bias', 'fc/kernel', 'fc/bias']);
    for (const [k, e] of Object.entries(errors)) expect(e, k).toBeLessThan(1e-4);
  });

  // netspec replaces the package's O(C²)-per-element LRNGrad shader (see webgpu.ts).
  const lrnCases: { name: string; shape: [number, number, number, number]; radius: number; bias: number; alpha: number; beta: number }[] = [
    { name: 'window inside the channels', shape: [2, 3, 4, 7], radius: 2, bias: 2, alpha: 0.1, beta: 0.75 },
    { name: 'window wider than the channels', shape: [1, 2, 3, 3], radius: 2, bias: 1, alpha: 0.5, beta: 0.5 },
    { name: 'radius 0, beta 1', shape: [2, 2, 2, 16], radius: 0, bias: 1, alpha: 0.3, beta: 1 },
    { name: "AlexNet's LRN (96 channels)", shape: [2, 5, 5, 96], radius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
  ];
  it.each(lrnCases)('the LRN gradient agrees with the cpu backend: $name', async ({ shape, radius, bias, alpha, beta }) => {
    expect(tf.getKernel('LRNGrad', WEBGPU)?.kernelFunc).toBe(lrnGradWebGPU);
    const n = shape.reduce((a, b) => a * b, 1);
    const grad = async (backend: string) => {
      await tf.setBackend(backend);
      if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
      const x = tf.tensor4d(values(n, 31, 2), shape);
      const w = tf.tensor4d(values(n, 32, 1), shape);
      // d/dx of Σ w·LRN(x): every output weighted differently, so every term of the gradient counts.
      const g = tf.grad((t) => tf.sum(tf.mul(tf.localResponseNormalization(t as tf.Tensor4D, radius, bias, alpha, beta), w)))(x);
      const out = (await g.data()) as Float32Array;
      tf.dispose([x, w, g]);
      return out;
    };
    const ref = await grad('cpu');
    expect(relErr(await grad(WEBGPU), ref)).toBeLessThan(1e-5);
  });

  // Even windows (PyTorch's: floor(n/2) channels before, floor((n−1)/2) after) run the NetspecLrn
  // op, whose gradient on webgpu is the same kernel with before ≠ after.
  it.each([
    { size: 2, shape: [2, 3, 4, 7] as [number, number, number, number] },
    { size: 4, shape: [1, 2, 3, 9] as [number, number, number, number] },
    { size: 96, shape: [1, 3, 3, 96] as [number, number, number, number] },
  ])('an even LRN window of $size agrees with the cpu backend, values and gradient', async ({ size, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      if (backend === WEBGPU) {
        tf.env().set('WEBGPU_CPU_FORWARD', false);
        expect(tf.getKernel(NETSPEC_LRN_GRAD, WEBGPU)?.kernelFunc).toBe(lrnGradWebGPU);
      }
      const layer = new NetspecLRN({ size, alpha: 0.5, beta: 0.75, k: 1, convention: 'caffe' });
      const x = tf.tensor4d(values(n, 33, 2), shape);
      const w = tf.tensor4d(values(n, 34, 1), shape);
      const y = layer.apply(x) as tf.Tensor;
      const g = tf.grad((t) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, w)))(x);
      const out = [(await y.data()) as Float32Array, (await g.data()) as Float32Array];
      tf.dispose([x, w, y, g]);
      return out;
    };
    const [refY, refG] = await run('cpu');
    const [y, g] = await run(WEBGPU);
    expect(relErr(y, refY)).toBeLessThan(1e-5);
    expect(relErr(g, refG)).toBeLessThan(1e-5);
  });

  // netspec also replaces the package's one-thread-per-weight Conv2DBackpropFilter (see webgpu.ts).
  type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
  const convCases: { name: string; x: [number, number, number, number]; k: [number, number, number, number]; stride: [number, number]; pad: Pad }[] = [
    { name: '3×3, stride 1, same', x: [2, 6, 5, 3], k: [3, 3, 3, 4], stride: [1, 1], pad: 'same' },
    { name: '3×3, stride 2, asymmetric explicit padding', x: [3, 7, 8, 2], k: [3, 3, 2, 5], stride: [2, 2], pad: [[0, 0], [1, 0], [2, 1], [0, 0]] },
    { name: "11×11 stride 4 valid (AlexNet's conv1 at 31×31)", x: [2, 31, 31, 3], k: [11, 11, 3, 8], stride: [4, 4], pad: 'valid' },
    { name: '1×1, different strides per axis', x: [1, 5, 6, 4], k: [1, 1, 4, 3], stride: [2, 1], pad: 'valid' },
    { name: '5×5 over a 5×5 input (one output position)', x: [4, 5, 5, 2], k: [5, 5, 2, 2], stride: [1, 1], pad: 'valid' },
  ];
  it.each(convCases)('the conv2d filter gradient agrees with the cpu backend: $name', async ({ x: xs, k, stride, pad }) => {
    expect(tf.getKernel('Conv2DBackpropFilter', WEBGPU)?.kernelFunc).toBe(conv2dBackpropFilterWebGPU);
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const grad = async (backend: string) => {
      await tf.setBackend(backend);
      if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
      const x = tf.tensor4d(values(size(xs), 41, 1), xs);
      const kernel = tf.tensor4d(values(size(k), 42, 1), k);
      const y = tf.conv2d(x, kernel, stride, pad);
      const w = tf.tensor(values(size(y.shape), 43, 1), y.shape);
      const g = tf.grad((kk) => tf.sum(tf.mul(tf.conv2d(x, kk as tf.Tensor4D, stride, pad), w)))(kernel);
      const out = (await g.data()) as Float32Array;
      tf.dispose([x, kernel, y, w, g]);
      return out;
    };
    const ref = await grad('cpu');
    expect(relErr(await grad(WEBGPU), ref)).toBeLessThan(1e-5);
  });

  it('a few SGD steps on a fixed batch lower the loss', async () => {
    await tf.setBackend(WEBGPU);
    const model = smallNet();
    setWeights(model, 200, 0.3);
    const x = tf.tensor4d(values(8 * INPUT[0] * INPUT[1] * INPUT[2], 9, 1), [8, ...INPUT]);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32');
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 }, vars);
    const losses: number[] = [];
    for (let step = 0; step < 6; step++) {
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.apply(x, { training: true }) as tf.Tensor2D, y), vars);
      losses.push((await value.data())[0]);
      opt.apply(vars.map((v) => grads[v.name]), 0.1);
      tf.dispose([value, ...Object.values(grads)]);
    }
    console.log(`webgpu SGD losses: ${losses.map((l) => l.toFixed(4)).join(' ')}`);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.8);
    opt.dispose();
    tf.dispose([x, y]);
    model.dispose();
  });

  it('reads back with data(); dataSync() of a GPU-resident tensor fails in Node (no OffscreenCanvas)', async () => {
    await tf.setBackend(WEBGPU);
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.matMul(a, a);
    expect(Array.from(await b.data())).toEqual([7, 10, 15, 22]);
    const c = tf.add(b, 1);
    expect(() => c.dataSync()).toThrow(/OffscreenCanvas/);
    tf.dispose([a, b, c]);
  });

  it('a tensor over the adapter\'s binding limit is reported as a device error, not only printed', async (ctx) => {
    await tf.setBackend(WEBGPU);
    const limit = deviceBindingLimits()!.maxStorageBufferBindingSize;
    const cols = Math.floor(limit / 4 / 64) + 1024; // 64 rows: just over the limit
    if (cols * 64 * 4 > 512 * 2 ** 20) ctx.skip(`this adapter binds ${limit} bytes: too much to exceed in a test`);
    takeDeviceError();
    // An elementwise op: webgpu-large.ts splits matmuls, not these.
    const big = tf.zeros([64, cols]);
    const y = tf.relu(big);
    await y.data();
    await new Promise((r) => setTimeout(r, 50)); // Dawn calls back from the event loop
    expect(takeDeviceError()).toMatch(/larger than the maximum storage buffer binding size/);
    tf.dispose([big, y]);
  });

  it('train refuses a batch whose activations exceed the binding limit, naming the tensor and the batch that fits (NS0310)', async (ctx) => {
    await tf.setBackend(WEBGPU);
    const limit = deviceBindingLimits()!.maxStorageBufferBindingSize;
    const perExample = 28 * 28 * 64 * 4; // conv1's output
    const batch = Math.ceil(limit / perExample) + 16;
    if (batch * perExample > 1024 * 2 ** 20) ctx.skip(`this adapter binds ${limit} bytes: too much to exceed in a test`);
    // Inside the repository (runs/ is git-ignored) so that the generated module resolves @tensorflow/tfjs.
    fs.mkdirSync(path.join(root, 'runs'), { recursive: true });
    const work = fs.mkdtempSync(path.join(root, 'runs', '.test-webgpu-'));
    try {
      const spec = path.join(work, 'wide.yaml');
      fs.writeFileSync(spec, `name: wide\ninput: { shape: [28, 28, 1] }\nclasses: 10\nlayers:\n` +
        `  - { type: conv2d, name: conv1, filters: 64, kernel: 3, padding: 1, activation: relu }\n  - { type: globalavgpool }\n` +
        `  - { type: dense, name: out, units: 10, activation: softmax }\n` +
        `train:\n  dataset: { kind: fashion-mnist }\n  batchSize: 8\n  epochs: 1\n  optimizer: { type: sgd, lr: 0.01 }\n`);
      const err: string[] = [];
      const code = await trainCommand([spec, '--backend', 'webgpu', '--batch', String(batch), '--steps-per-epoch', '1'],
        { out: () => {}, err: (t) => err.push(t), cwd: root });
      expect(code).toBe(1);
      const fits = Math.floor(Math.min(limit, 2 ** 40) / perExample);
      expect(err.join('\n')).toMatch(new RegExp(`^error\\[NS0310\\]: conv1's output \\(\\d+\\.\\d MB\\) is larger than the biggest buffer this WebGPU adapter can bind .*\\n {2}= help: use --batch ${fits} or less`));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('releaseWebGPU lets go of the backend and navigator.gpu; tryWebGPU sets it up again', async () => {
    releaseWebGPU();
    expect(tf.findBackendFactory(WEBGPU)).toBeNull();
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
    const again = await tryWebGPU();
    expect(again.ok).toBe(true);
    expect(again.device).toBe(webgpu.device);
    expect(tf.getBackend()).toBe(WEBGPU);
    const s = tf.sum(tf.tensor1d([1, 2, 3.5]));
    expect((await s.data())[0]).toBe(6.5);
    s.dispose();
  });

  it('packageKernels: true puts the package\'s LRNGrad and Conv2DBackpropFilter back; the default, ours', async () => {
    await tryWebGPU({ packageKernels: true });
    expect(tf.getKernel('LRNGrad', WEBGPU)?.kernelFunc).not.toBe(lrnGradWebGPU);
    expect(tf.getKernel('Conv2DBackpropFilter', WEBGPU)?.kernelFunc).not.toBe(conv2dBackpropFilterWebGPU);
    await tryWebGPU();
    expect(tf.getKernel('LRNGrad', WEBGPU)?.kernelFunc).toBe(lrnGradWebGPU);
    expect(tf.getKernel('Conv2DBackpropFilter', WEBGPU)?.kernelFunc).toBe(conv2dBackpropFilterWebGPU);
  });
});
