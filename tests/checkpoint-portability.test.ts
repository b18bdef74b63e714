// A model trained on one backend loads on every other with the same predictions: the weights are
// the network's (a dense layer is one `kernel`, whatever a backend does to bind it), never a
// backend's storage. A small model with every weight-bearing layer (grouped conv, dense) takes an
// SGD step on netspec-cpu, is saved as an export (model.json + weights.bin) and as a checkpoint,
// and predicts the same on cpu, wasm and webgpu (lavapipe here and in CI). Then AlexNet's fc6
// geometry (9216 → 4096, a 151 MB kernel over lavapipe's 128 MiB binding limit) on webgpu.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, tempFolder } from './test-utils.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { releaseWebGPU, tryWebGPU, WEBGPU } from '../src/runtime/backends/webgpu.ts';
import { NetspecConv2D, NetspecDense } from '../src/runtime/layers/index.ts';
import { exportModel, loadExportedModel } from '../src/runtime/train/export.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { modelWeights, restoreWeights } from '../src/runtime/train/loop.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import { crossEntropy } from '../src/runtime/train/metrics.ts';

const native = registerNetspecCpu();
if (!native.ok) console.warn(`checkpoint portability: netspec-cpu not built (${native.why}); the cpu backend trains instead`);
const SOURCE = native.ok ? NETSPEC_CPU : 'cpu';
const webgpu = await tryWebGPU();
if (!webgpu.ok) console.warn(`checkpoint portability: no WebGPU here: ${webgpu.why}`);
let wasm = false;
try {
  await import('@tensorflow/tfjs-backend-wasm');
  wasm = await tf.setBackend('wasm');
} catch (e) {
  console.warn(`checkpoint portability: no wasm backend: ${(e as Error).message.split('\n')[0]}`);
}
afterAll(() => releaseWebGPU());

/** Why a backend cannot be tested here (the test is skipped, saying so), or undefined. */
const missing: Record<string, string | undefined> = { cpu: undefined, wasm: wasm ? undefined : 'the wasm backend did not load', [WEBGPU]: webgpu.why };

async function use(backend: string): Promise<void> {
  expect(await tf.setBackend(backend)).toBe(true);
  // Otherwise small webgpu tensors still on the CPU are computed by tfjs's CPU kernels.
  if (backend === WEBGPU) tf.env().set('WEBGPU_CPU_FORWARD', false);
}

function values(n: number, seed: number, scale = 1): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (next() * 2 - 1) * scale;
  return out;
}

const INPUT = [9, 9, 4];
const BATCH = 5;

/** Grouped conv → flatten → dense (relu6) → dense (softmax): every weight-bearing layer kind. */
function smallModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      new NetspecConv2D({ inputShape: INPUT, name: 'conv', filters: 6, kernelSize: [3, 3], strides: [2, 2], pad: [1, 1, 1, 1], groups: 2, activation: 'relu' }),
      tf.layers.flatten(),
      new NetspecDense({ name: 'fc', units: 7, activation: 'relu6' }),
      new NetspecDense({ name: 'out', units: 3, activation: 'softmax' }),
    ],
  });
}

/** max |a − b|. */
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

describe('a model trained on one backend predicts the same on every other', () => {
  const tmp = tempFolder('netspec-portable-');
  const x = values(BATCH * INPUT.reduce((a, b) => a * b, 1), 1);
  let trained: { predictions: Float32Array; checkpoint: Buffer; names: string[] } | undefined;

  it(`trains a step on ${SOURCE}${native.ok ? '' : ' (netspec-cpu is not built: the cpu backend instead)'}, exports it and writes a checkpoint`, async () => {
    await use(SOURCE);
    const model = smallModel();
    model.setWeights(model.weights.map((w, i) => tf.tensor(values(w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 10 + i, 0.5), w.shape as number[])));
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const opt = createOptimizer({ type: 'sgd', lr: 0.5, momentum: 0.9 }, vars);
    const xs = tf.tensor(x, [BATCH, ...INPUT]);
    const ys = tf.tensor1d([0, 1, 2, 1, 0], 'int32');
    const before = (await (model.predict(xs) as tf.Tensor).data()) as Float32Array;
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.apply(xs, { training: true }) as tf.Tensor2D, ys), vars);
    opt.apply(vars.map((v) => grads[v.name]), 0.5);
    tf.dispose([value, ...Object.values(grads)]);
    const predictions = Float32Array.from((await (model.predict(xs) as tf.Tensor).data()) as Float32Array);
    // The step changed the model, so the predictions below are the trained model's.
    expect(maxDiff(predictions, before)).toBeGreaterThan(1e-3);

    const names = model.weights.map((w) => w.originalName);
    expect(names).toEqual(['conv/kernel', 'conv/bias', 'fc/kernel', 'fc/bias', 'out/kernel', 'out/bias']);
    expect((await exportModel(model, tmp.dir())).ok).toBe(true);
    const checkpoint = encodeCheckpoint({ weights: await modelWeights(model), optimizer: await opt.state(), meta: null });
    trained = { predictions, checkpoint, names };
    opt.dispose();
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it.for(['cpu', 'wasm', WEBGPU])('the export and the checkpoint load on %s with predictions within 1e-4', async (backend, ctx) => {
    if (missing[backend]) ctx.skip(missing[backend]);
    if (!trained) throw new Error('the training step above failed');
    await use(backend);
    const xs = tf.tensor(x, [BATCH, ...INPUT]);
    const loaded = await loadExportedModel(tmp.dir());
    expect(loaded.weights.map((w) => w.originalName)).toEqual(trained.names);
    const fromExport = (await (loaded.predict(xs) as tf.Tensor).data()) as Float32Array;
    expect(maxDiff(fromExport, trained.predictions)).toBeLessThan(1e-4);

    const decoded = decodeCheckpoint(trained.checkpoint, 'in memory');
    if (!decoded.ok) throw new Error(decoded.error);
    const fresh = smallModel();
    expect(restoreWeights(fresh, decoded.value.weights)).toBeUndefined();
    const fromCheckpoint = (await (fresh.predict(xs) as tf.Tensor).data()) as Float32Array;
    expect(maxDiff(fromCheckpoint, trained.predictions)).toBeLessThan(1e-4);
    loaded.dispose();
    fresh.dispose();
    xs.dispose();
  });
});

describe.runIf(webgpu.ok)("AlexNet's fc6 geometry on webgpu", () => {
  const tmp = tempFolder('netspec-fc6-');

  it('a dense 9216 → 4096 layer (151 MB kernel) exported on cpu predicts on webgpu as on cpu', async () => {
    const [K, N, B] = [9216, 4096, 2];
    await use('cpu');
    const fc6 = () => tf.sequential({ layers: [new NetspecDense({ inputShape: [K], name: 'fc6', units: N, activation: 'relu' })] });
    const model = fc6();
    model.setWeights([tf.tensor(values(K * N, 21, 0.02), [K, N]), tf.tensor(values(N, 22, 0.1), [N])]);
    const x = values(B * K, 23);
    const want = (await (model.predict(tf.tensor(x, [B, K])) as tf.Tensor).data()) as Float32Array;
    expect((await exportModel(model, tmp.dir())).ok).toBe(true);
    model.dispose();
    // Both relu pieces present: a vacuous all-zero output would compare equal too easily.
    expect(want.some((v) => v > 0) && want.some((v) => v === 0)).toBe(true);

    await use(WEBGPU);
    const loaded = await loadExportedModel(tmp.dir());
    expect(loaded.weights.map((w) => [w.originalName, w.shape])).toEqual([['fc6/kernel', [K, N]], ['fc6/bias', [N]]]);
    const got = (await (loaded.predict(tf.tensor(x, [B, K])) as tf.Tensor).data()) as Float32Array;
    expect(maxDiff(got, want)).toBeLessThan(1e-4);
    loaded.dispose();
  }, 120_000);
});
