// The optimizers against their formulas (hand-computed steps and a float64 reference loop), the
// learning-rate schedules as tables, and the loss/error metrics against brute force.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerSpec, ScheduleSpec } from '../src/model/spec.ts';
import { createOptimizer } from '../src/runtime/train/optimizer.ts';
import { afterEpoch, initialScheduleState, learningRate } from '../src/runtime/train/schedule.ts';
import { crossEntropy, errorCounts } from '../src/runtime/train/metrics.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs the optimizer over `grads` (one list per step, one array per variable); returns the weights after each step. */
async function runOptimizer(spec: OptimizerSpec, init: { shape: number[]; values: number[] }[], grads: number[][][], lr: number) {
  const vars = init.map((v) => tf.variable(tf.tensor(v.values, v.shape)));
  const opt = createOptimizer(spec, vars);
  const trace: number[][][] = [];
  for (const step of grads) {
    const g = step.map((values, i) => tf.tensor(values, init[i].shape));
    opt.apply(g, lr);
    tf.dispose(g);
    trace.push(vars.map((v) => Array.from(v.dataSync())));
  }
  const state = await opt.state();
  opt.dispose();
  tf.dispose(vars);
  return { trace, state };
}

/** The paper's rule in float64, element by element; `decay[i]`: whether variable i is a kernel. */
function sgdReference(spec: Extract<OptimizerSpec, { type: 'sgd' }>, init: number[][], decay: boolean[], grads: number[][][], lr: number) {
  const w = init.map((a) => a.slice());
  const v = init.map((a) => a.map(() => 0));
  const mu = spec.momentum ?? 0.9;
  const wd = spec.weightDecay ?? 0;
  const trace: number[][][] = [];
  for (const step of grads) {
    for (let i = 0; i < w.length; i++) {
      for (let j = 0; j < w[i].length; j++) {
        const lam = decay[i] ? wd : 0;
        v[i][j] = mu * v[i][j] - lam * lr * w[i][j] - lr * step[i][j];
        w[i][j] = spec.nesterov ? w[i][j] + mu * v[i][j] - lam * lr * w[i][j] - lr * step[i][j] : w[i][j] + v[i][j];
      }
    }
    trace.push(w.map((a) => a.slice()));
  }
  return trace;
}

function adamReference(spec: Extract<OptimizerSpec, { type: 'adam' }>, init: number[][], decay: boolean[], grads: number[][][], lr: number) {
  const b1 = spec.beta1 ?? 0.9;
  const b2 = spec.beta2 ?? 0.999;
  const eps = spec.epsilon ?? 1e-8;
  const wd = spec.weightDecay ?? 0;
  const w = init.map((a) => a.slice());
  const m = init.map((a) => a.map(() => 0));
  const v = init.map((a) => a.map(() => 0));
  const trace: number[][][] = [];
  grads.forEach((step, s) => {
    const t = s + 1;
    for (let i = 0; i < w.length; i++) {
      for (let j = 0; j < w[i].length; j++) {
        const g = step[i][j];
        m[i][j] = b1 * m[i][j] + (1 - b1) * g;
        v[i][j] = b2 * v[i][j] + (1 - b2) * g * g;
        const mHat = m[i][j] / (1 - b1 ** t);
        const vHat = v[i][j] / (1 - b2 ** t);
        w[i][j] -= lr * (mHat / (Math.sqrt(vHat) + eps) + (decay[i] ? wd * w[i][j] : 0));
      }
    }
    trace.push(w.map((a) => a.slice()));
  });
  return trace;
}

const close = (a: number[][][], b: number[][][], tol = 1e-6) => {
  expect(a.length).toBe(b.length);
  a.forEach((step, s) => step.forEach((arr, i) => arr.forEach((x, j) => expect(Math.abs(x - b[s][i][j]), `step ${s} var ${i}[${j}]: ${x} vs ${b[s][i][j]}`).toBeLessThan(tol * Math.max(1, Math.abs(b[s][i][j]))))));
};

describe('SGD, the paper\'s rule v ← μv − λεw − ε∂L/∂w, w ← w + v', () => {
  it('two steps by hand: w=1, g=0.5, ε=0.1, μ=0.9, λ=0.01', async () => {
    const { trace } = await runOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.01 }, [{ shape: [1, 1], values: [1] }], [[[0.5]], [[0.5]]], 0.1);
    // v1 = −0.01·0.1·1 − 0.1·0.5 = −0.051 → w1 = 0.949
    // v2 = 0.9·(−0.051) − 0.01·0.1·0.949 − 0.05 = −0.096849 → w2 = 0.852151
    expect(trace[0][0][0]).toBeCloseTo(0.949, 6);
    expect(trace[1][0][0]).toBeCloseTo(0.852151, 6);
  });

  it('does not decay biases (rank-1 variables)', async () => {
    const { trace } = await runOptimizer({ type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0.5 }, [{ shape: [2], values: [1, 2] }], [[[0, 0]]], 0.1);
    expect(trace[0][0]).toEqual([1, 2]);
    const kernel = await runOptimizer({ type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0.5 }, [{ shape: [1, 2], values: [1, 2] }], [[[0, 0]]], 0.1);
    expect(kernel.trace[0][0][0]).toBeCloseTo(1 - 0.5 * 0.1 * 1, 6);
    expect(kernel.trace[0][0][1]).toBeCloseTo(2 - 0.5 * 0.1 * 2, 6);
  });

  const init = [
    { shape: [2, 2], values: [0.5, -1, 2, 0.25] },
    { shape: [2], values: [1, -0.5] },
  ];
  const grads = [
    [[0.1, -0.2, 0.3, 0.05], [0.5, -0.1]],
    [[-0.3, 0.1, 0.2, -0.4], [0.2, 0.3]],
    [[0.05, 0.05, -0.1, 0.6], [-0.4, 0.1]],
  ];
  it.each([
    ['momentum 0.9, decay 5e-4', { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 0.0005 }],
    ['no momentum', { type: 'sgd', lr: 0.05, momentum: 0, weightDecay: 0.01 }],
    ['nesterov', { type: 'sgd', lr: 0.02, momentum: 0.8, weightDecay: 0.001, nesterov: true }],
  ] as [string, Extract<OptimizerSpec, { type: 'sgd' }>][])('three steps match the float64 reference: %s', async (_, spec) => {
    const got = await runOptimizer(spec, init, grads, spec.lr);
    close(got.trace, sgdReference(spec, init.map((v) => v.values), [true, false], grads, spec.lr));
    expect(got.state.step).toBe(3);
  });
});

describe('Adam (decoupled weight decay)', () => {
  it('two steps by hand: w=1, ε=0.1, g=0.5 then −0.25', async () => {
    const { trace } = await runOptimizer({ type: 'adam', lr: 0.1 }, [{ shape: [1, 1], values: [1] }], [[[0.5]], [[-0.25]]], 0.1);
    // t=1: m̂ = 0.5, v̂ = 0.25 → step 0.1·0.5/0.5 = 0.1 → 0.9
    // t=2: m = 0.02, v = 0.00031225; m̂ = 0.02/0.19, v̂ = 0.00031225/0.001999 → w = 0.9 − 0.1·0.105263/0.395225 = 0.873366
    expect(trace[0][0][0]).toBeCloseTo(0.9, 6);
    expect(trace[1][0][0]).toBeCloseTo(0.873366, 5);
  });

  const init = [
    { shape: [3, 1], values: [0.3, -0.7, 1.2] },
    { shape: [1], values: [0.1] },
  ];
  const grads = [
    [[0.2, -0.1, 0.05], [1]],
    [[-0.4, 0.3, 0.01], [-0.5]],
    [[0.1, 0.1, -0.2], [0.25]],
  ];
  it.each([
    ['defaults', { type: 'adam', lr: 0.001 }],
    ['custom betas and decoupled decay', { type: 'adam', lr: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1 }],
  ] as [string, Extract<OptimizerSpec, { type: 'adam' }>][])('three steps match the float64 reference: %s', async (_, spec) => {
    const got = await runOptimizer(spec, init, grads, spec.lr);
    close(got.trace, adamReference(spec, init.map((v) => v.values), [true, false], grads, spec.lr), 1e-5);
  });
});

describe('optimizer state', () => {
  it.each([
    ['sgd', { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true }],
    ['adam', { type: 'adam', lr: 0.05, weightDecay: 0.01 }],
  ] as [string, OptimizerSpec][])('%s: restoring the state into fresh variables continues bit for bit', async (_, spec) => {
    const g = (k: number) => [tf.tensor([[0.1 * k, -0.2], [0.3, 0.05 * k]]), tf.tensor([0.5 - 0.1 * k])];
    const start = () => [tf.variable(tf.tensor([[1, 2], [3, 4]])), tf.variable(tf.tensor([0.5]))];
    // Uninterrupted: 4 steps.
    const a = start();
    const optA = createOptimizer(spec, a);
    for (let k = 0; k < 4; k++) optA.apply(g(k), spec.lr);
    // Interrupted after 2: copy the weights and the state, continue elsewhere.
    const b = start();
    const optB = createOptimizer(spec, b);
    for (let k = 0; k < 2; k++) optB.apply(g(k), spec.lr);
    const saved = await optB.state();
    const c = b.map((v) => tf.variable(v.clone()));
    const optC = createOptimizer(spec, c);
    optC.restore(saved);
    for (let k = 2; k < 4; k++) optC.apply(g(k), spec.lr);
    a.forEach((v, i) => expect(Array.from(c[i].dataSync())).toEqual(Array.from(v.dataSync())));
    expect(await optC.state()).toEqual(await optA.state());
    for (const o of [optA, optB, optC]) o.dispose();
  });

  it('refuses a state of the wrong shape or type', async () => {
    const v = [tf.variable(tf.zeros([2, 2]))];
    const opt = createOptimizer({ type: 'sgd', lr: 0.1 }, v);
    expect(() => opt.restore({ type: 'adam', step: 1, slots: [] })).toThrow(/adam/);
    expect(() => opt.restore({ type: 'sgd', step: 1, slots: [{ v: new Float32Array(3) }] })).toThrow(/3 values, expected 4/);
    opt.dispose();
  });

  it('leaks no tensors per step', async () => {
    const v = [tf.variable(tf.ones([3, 3])), tf.variable(tf.ones([3]))];
    const opt = createOptimizer({ type: 'adam', lr: 0.1, weightDecay: 0.1 }, v);
    const grads = [tf.ones([3, 3]), tf.ones([3])];
    opt.apply(grads, 0.1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) opt.apply(grads, 0.1);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
  });

  it.each(['sgd', 'adam'] as const)('%s: creating, stepping and disposing leaves no tensor behind (not even the zeros slots start from)', (type) => {
    const v = [tf.variable(tf.ones([3, 3])), tf.variable(tf.ones([3]))];
    const grads = [tf.ones([3, 3]), tf.ones([3])];
    const before = tf.memory().numTensors;
    const opt = createOptimizer(type === 'sgd' ? { type, lr: 0.1, momentum: 0.9 } : { type, lr: 0.1 }, v);
    opt.apply(grads, 0.1);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...v, ...grads]);
  });
});

describe('learning-rate schedules', () => {
  const lrs = (spec: ScheduleSpec, base: number, epochs: number, valErrors: number[] = []) => {
    let state = initialScheduleState(spec, base);
    const out: number[] = [];
    for (let e = 0; e < epochs; e++) {
      out.push(learningRate(spec, base, e, epochs, state));
      state = afterEpoch(spec, state, valErrors[e] ?? 0);
    }
    return out;
  };
  const c = Math.cos;
  it.each([
    ['constant', { type: 'constant' }, 0.01, 3, [], [0.01, 0.01, 0.01]],
    ['step every 2, ×0.1', { type: 'step', stepSize: 2, gamma: 0.1 }, 0.01, 6, [], [0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001]],
    ['step every 3, ×0.5', { type: 'step', stepSize: 3, gamma: 0.5 }, 1, 7, [], [1, 1, 1, 0.5, 0.5, 0.5, 0.25]],
    ['cosine to 0', { type: 'cosine' }, 1, 4, [], [1, (1 + c(Math.PI / 4)) / 2, 0.5, (1 + c((3 * Math.PI) / 4)) / 2]],
    ['cosine to minLr', { type: 'cosine', minLr: 0.1 }, 1.1, 2, [], [1.1, 0.1 + 1 * 0.5]],
    ['cosine with 2 warm-up epochs', { type: 'cosine', warmupEpochs: 2 }, 0.1, 6, [], [0.05, 0.1, 0.1, 0.1 * (1 + c(Math.PI / 4)) / 2, 0.05, 0.1 * (1 + c((3 * Math.PI) / 4)) / 2]],
    // Plateau: best 0.5, 0.4; then 0.45 (1 bad epoch: wait), 0.41 (2 > patience 1: ÷10); 0.39 new best; 0.39, 0.39 → ÷10.
    ['plateau, patience 1', { type: 'plateau', patience: 1 }, 0.01, 8, [0.5, 0.4, 0.45, 0.41, 0.39, 0.39, 0.39, 0.3], [0.01, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.0001]],
    ['plateau, patience 0, floor 5e-4', { type: 'plateau', patience: 0, minLr: 0.0005 }, 0.01, 5, [0.5, 0.5, 0.5, 0.5, 0.5], [0.01, 0.01, 0.001, 0.0005, 0.0005]],
  ] as [string, ScheduleSpec, number, number, number[], number[]][])('%s', async (_, spec, base, epochs, errs, expected) => {
    const got = lrs(spec, base, epochs, errs);
    expect(got.length).toBe(expected.length);
    got.forEach((lr, i) => expect(lr, `epoch ${i}`).toBeCloseTo(expected[i], 12));
  });

  it('plateau state survives JSON (checkpoints store it that way)', async () => {
    const spec: ScheduleSpec = { type: 'plateau', patience: 2 };
    const s = afterEpoch(spec, afterEpoch(spec, initialScheduleState(spec, 0.1), 0.3), 0.35);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toEqual({ lr: 0.1, best: 0.3, bad: 1 });
  });
});

describe('metrics', () => {
  const probs = [
    [0.7, 0.1, 0.05, 0.05, 0.04, 0.03, 0.02, 0.01],
    [0.02, 0.1, 0.3, 0.25, 0.15, 0.08, 0.06, 0.04], // label 7: rank 8 → top-5 error
    [0.1, 0.2, 0.15, 0.25, 0.05, 0.12, 0.08, 0.05], // label 2: rank 3 → top-1 error only
    [0, 0.5, 0.2, 0.1, 0.1, 0.05, 0.05, 0], // label 0 with p = 0: loss clipped at −log(1e-7); top-5 error
  ];
  const labels = [0, 7, 2, 0];

  it('cross-entropy is the mean of −log p[label], with p clipped at 1e-7', async () => {
    const ce = crossEntropy(tf.tensor2d(probs), tf.tensor1d(labels, 'int32'));
    const expected = labels.reduce((s, l, i) => s - Math.log(Math.max(probs[i][l], 1e-7)), 0) / labels.length;
    expect(ce.dataSync()[0]).toBeCloseTo(expected, 4);
  });

  it('top-1 and top-5 errors count labels outside the k highest outputs (brute force)', async () => {
    const brute = (k: number) =>
      labels.filter((l, i) => {
        const order = probs[i].map((p, j) => [p, j]).sort((a, b) => b[0] - a[0]).map((x) => x[1]);
        return !order.slice(0, k).includes(l);
      }).length;
    expect(await errorCounts(tf.tensor2d(probs), Int32Array.from(labels))).toEqual({ top1: brute(1), top5: brute(5) });
    expect(brute(1)).toBe(3);
    expect(brute(5)).toBe(2);
  });

  it('top-5 over fewer than 5 classes never misses', async () => {
    expect(await errorCounts(tf.tensor2d([[0.2, 0.8], [0.9, 0.1]]), Int32Array.from([0, 0]))).toEqual({ top1: 1, top5: 0 });
  });
});
