// Tensors above the WebGPU adapter's binding limit (webgpu-large.ts): matmuls, their gradients,
// zeros and fills, and the optimizer's SGD and Adam updates agree with tfjs's cpu backend. First
// on small tensors with the limit lowered (many shapes, blocks that do not divide), then at
// AlexNet's fc6 size (a 151 MB kernel against lavapipe's 128 MiB), where the package alone fails.
// Without a GPU this runs on Mesa's lavapipe (bash scripts/setup-webgpu.sh); no adapter skips.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, relErr } from './test-utils.ts';
import { deviceBindingLimits, releaseWebGPU, tryWebGPU, WEBGPU } from '../src/runtime/backends/webgpu.ts';
import { largeTensorSplits, setBindingLimitForTests } from '../src/runtime/backends/webgpu-large.ts';
import { takeDeviceError } from '../src/runtime/backends/device-errors.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import type { OptimizerSpec } from '../src/model/spec.ts';
import { NetspecDense } from '../src/runtime/layers/index.ts';

const webgpu = await tryWebGPU();
if (!webgpu.ok) console.warn(`webgpu-large tests: no WebGPU here: ${webgpu.why}`);
afterAll(() => releaseWebGPU());
afterEach(() => setBindingLimitForTests(undefined));

function values(n: number, seed: number, scale = 1): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (next() * 2 - 1) * scale;
  return out;
}

/** Runs `f` on `backend` over tensors made from the same arrays; returns every output's values. */
async function on(backend: string, inputs: [Float32Array, number[]][], f: (...ts: tf.Tensor[]) => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
  const ts = inputs.map(([v, s]) => tf.tensor(v, s));
  const outs = f(...ts);
  const read = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([...ts, ...outs]);
  return read;
}

/** The outputs of `f` on webgpu (with the binding limit at `limit` bytes) against cpu. */
async function compare(limit: number | undefined, inputs: [Float32Array, number[]][], f: (...ts: tf.Tensor[]) => tf.Tensor[]) {
  const ref = await on('cpu', inputs, f);
  setBindingLimitForTests(limit);
  takeDeviceError();
  const before = largeTensorSplits();
  const gpu = await on(WEBGPU, inputs, f);
  await new Promise((r) => setTimeout(r, 20)); // Dawn reports errors from the event loop
  const deviceError = takeDeviceError();
  setBindingLimitForTests(undefined);
  return { errors: gpu.map((g, i) => relErr(g, ref[i])), splits: largeTensorSplits() - before, deviceError, ref, gpu };
}

const mat = (r: number, c: number, seed: number): [Float32Array, number[]] => [values(r * c, seed), [r, c]];

describe.runIf(webgpu.ok)('webgpu kernels on tensors over the binding limit', () => {
  // 120 floats bind; every case has an operand or result above that.
  const LIMIT = 480;
  const matmuls: { name: string; a: [number, number]; b: [number, number]; tA: boolean; tB: boolean }[] = [
    { name: 'B [K, N] large: K in blocks of 4 rows, 37 not divisible', a: [3, 37], b: [37, 29], tA: false, tB: false },
    { name: 'B transposed [N, K] large: N in blocks (the input gradient of a dense)', a: [3, 37], b: [29, 37], tA: false, tB: true },
    { name: 'the result large: A transposed (the kernel gradient of a dense)', a: [3, 37], b: [3, 29], tA: true, tB: false },
    { name: 'A [M, K] large: M in blocks', a: [41, 7], b: [7, 2], tA: false, tB: false },
    { name: 'A transposed [K, M] large: K in blocks', a: [53, 3], b: [53, 1], tA: true, tB: false },
    { name: 'one row of B per block', a: [2, 5], b: [5, 97], tA: false, tB: false },
    { name: 'large B and result, both transposed-free', a: [5, 11], b: [11, 23], tA: false, tB: false },
  ];
  it.each(matmuls)('matMul: $name', async ({ a, b, tA, tB }) => {
    const r = await compare(LIMIT, [mat(...a, 1), mat(...b, 2)], (x, y) => [tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, tA, tB)]);
    expect(r.deviceError).toBeUndefined();
    expect(r.splits).toBeGreaterThan(0);
    expect(r.errors[0]).toBeLessThan(1e-5);
  });

  it.each(['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const)('fused matMul with bias and %s, and its gradients (a dense layer)', async (activation) => {
    const [M, K, N] = [3, 31, 13];
    const r = await compare(LIMIT, [mat(M, K, 3), mat(K, N, 4), [values(N, 5), [N]], mat(M, N, 6)], (x, w, bias, target) => {
      const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(tf.fused.matMul({ a: xx as tf.Tensor2D, b: ww as tf.Tensor2D, bias: bb, activation, leakyreluAlpha: 0.1 }), target));
      const y = tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, activation, leakyreluAlpha: 0.1 });
      const [dx, dw, db] = tf.grads(f)([x, w, bias]);
      return [y, dx, dw, db];
    });
    expect(r.deviceError).toBeUndefined();
    expect(r.splits).toBeGreaterThan(0);
    // Gradients that vanish would make the comparison vacuous.
    for (const g of r.ref.slice(1)) expect(g.some((v) => v !== 0)).toBe(true);
    for (const e of r.errors) expect(e).toBeLessThan(1e-5);
  });

  it('zerosLike, onesLike and fill of a large tensor', async () => {
    const r = await compare(LIMIT, [mat(7, 31, 7)], (x) => [tf.zerosLike(x), tf.onesLike(x), tf.fill([5, 43], 2.5), tf.add(tf.zerosLike(x), 0)]);
    expect(r.deviceError).toBeUndefined();
    expect(r.splits).toBeGreaterThanOrEqual(3);
    expect(r.ref[0].every((v) => v === 0)).toBe(true);
    for (const e of r.errors) expect(e).toBe(0);
  });

  it.each(['relu', 'gelu'] as const)('a NetspecDense (%s) with a large kernel: two SGD steps give the cpu backend\'s weights', async (activation) => {
    const [B, K, N] = [3, 37, 29]; // x binds (111 floats), the kernel (1073) does not
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
      const layer = new NetspecDense({ units: N, activation, name: 'fc' });
      const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [K] }), layer] });
      model.setWeights([tf.tensor(values(K * N, 51, 0.3), [K, N]), tf.tensor(values(N, 52), [N])]);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.01 }, vars);
      const x = tf.tensor(values(B * K, 53), [B, K]);
      const target = tf.tensor(values(B * N, 54), [B, N]);
      for (let step = 0; step < 2; step++) {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x, { training: true }) as tf.Tensor, target)) as tf.Scalar, vars);
        opt.apply(vars.map((v) => grads[v.name]), 0.1);
        tf.dispose([value, ...Object.values(grads)]);
      }
      const out = await Promise.all(vars.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
      opt.dispose();
      tf.dispose([x, target]);
      model.dispose();
      return out;
    };
    const ref = await run('cpu');
    setBindingLimitForTests(LIMIT);
    takeDeviceError();
    const before = largeTensorSplits();
    const gpu = await run(WEBGPU);
    expect(takeDeviceError()).toBeUndefined();
    // Forward, both gradients, the momentum's zeros and the update, twice.
    expect(largeTensorSplits() - before).toBeGreaterThanOrEqual(6);
    gpu.forEach((g, i) => expect(relErr(g, ref[i]), `weight ${i}`).toBeLessThan(1e-5));
  });

  const optimizers: { name: string; spec: OptimizerSpec }[] = [
    { name: 'SGD, momentum, weight decay', spec: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.01 } },
    { name: 'SGD, Nesterov', spec: { type: 'sgd', lr: 0.05, momentum: 0.8, nesterov: true } },
    { name: 'Adam, decoupled weight decay', spec: { type: 'adam', lr: 0.01, weightDecay: 0.1 } },
  ];
  it.each(optimizers)('optimizer update of large variables in chunks: $name', async ({ spec }) => {
    // [13, 31] = 403 floats: chunks of 120 and a remainder of 43; the bias binds whole.
    const shapes = [[13, 31], [31]];
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const vars = shapes.map((s, i) => tf.variable(tf.tensor(values(s.reduce((a, b) => a * b, 1), 10 + i), s)));
      const opt = createOptimizer(spec, vars);
      for (let step = 0; step < 3; step++) {
        const grads = shapes.map((s, i) => tf.tensor(values(s.reduce((a, b) => a * b, 1), 20 + 3 * step + i), s));
        opt.apply(grads, spec.lr);
        tf.dispose(grads);
      }
      const state = await opt.state();
      const out = [...(await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array))), ...state.slots.flatMap((s) => Object.values(s))];
      opt.dispose();
      tf.dispose(vars);
      return out;
    };
    const ref = await run('cpu');
    setBindingLimitForTests(LIMIT);
    const before = largeTensorSplits();
    const gpu = await run(WEBGPU);
    expect(largeTensorSplits() - before).toBeGreaterThanOrEqual(3);
    gpu.forEach((g, i) => expect(relErr(g, ref[i]), `output ${i}`).toBeLessThan(1e-5));
  });
});

describe.runIf(webgpu.ok)('at the adapter\'s real binding limit', () => {
  const limit = webgpu.ok ? deviceBindingLimits()!.maxStorageBufferBindingSize : 0;
  // AlexNet's fc6: [batch, 9216] · [9216, 4096], a 151 MB kernel.
  const [M, K, N] = [4, 9216, 4096];
  const over = 4 * K * N > limit;

  // An adapter that binds the whole kernel has nothing to split here.
  it.skipIf(!over)(`fc6's forward product and gradients (kernel 151 MB, the adapter binds ${(limit / 2 ** 20).toFixed(0)} MiB) agree with cpu`, async () => {
    const r = await compare(undefined, [mat(M, K, 31), [values(K * N, 32, 0.01), [K, N]], [values(N, 33), [N]], mat(M, N, 34)], (x, w, bias, target) => {
      const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bias)), target));
      const y = tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, activation: 'relu' });
      const [dx, dw] = tf.grads(f)([x, w]);
      return [y, dx, dw];
    });
    expect(r.deviceError).toBeUndefined();
    expect(r.splits).toBeGreaterThanOrEqual(4);
    for (const g of r.ref) expect(g.some((v) => v !== 0)).toBe(true);
    r.errors.forEach((e, i) => expect(e, `output ${i}`).toBeLessThan(1e-5));
  }, 120_000);

  it.skipIf(!over).each([
    { name: 'SGD with momentum and weight decay', spec: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 5e-4 } as OptimizerSpec },
    { name: 'Adam', spec: { type: 'adam', lr: 1e-3 } as OptimizerSpec },
  ])('$name of a 151 MB variable agrees with cpu', async ({ spec }) => {
    const w0 = values(K * N, 41, 0.01);
    const g0 = values(K * N, 42, 0.1);
    /** One update of a variable [rows, N] made from rows [r0, r1) of w0, g0; the updated values and slots. */
    const update = async (backend: string, r0: number, r1: number) => {
      await tf.setBackend(backend);
      const w = tf.variable(tf.tensor(w0.subarray(r0 * N, r1 * N), [r1 - r0, N]));
      const opt = createOptimizer(spec, [w]);
      const g = tf.tensor(g0.subarray(r0 * N, r1 * N), [r1 - r0, N]);
      opt.apply([g], spec.lr);
      g.dispose();
      const out = [(await w.data()) as Float32Array, ...Object.values((await opt.state()).slots[0])];
      opt.dispose();
      w.dispose();
      return out;
    };
    takeDeviceError();
    const before = largeTensorSplits();
    const gpu = await update(WEBGPU, 0, K);
    await new Promise((r) => setTimeout(r, 20));
    expect(takeDeviceError()).toBeUndefined();
    expect(largeTensorSplits() - before).toBeGreaterThanOrEqual(2); // the slots' zeros and the update
    // The update is elementwise: the cpu backend on rows at the start, around the first chunk's
    // end (8192 rows of 4096 floats = 128 MiB) and at the end is the reference for those rows.
    for (const [r0, r1] of [[0, 8], [8188, 8196], [K - 8, K]]) {
      const ref = await update('cpu', r0, r1);
      ref.forEach((want, i) => expect(relErr(gpu[i].subarray(r0 * N, r1 * N), want), `output ${i}, rows ${r0}–${r1}`).toBeLessThan(1e-5));
    }
  }, 120_000);
});
