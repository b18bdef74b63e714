// netspec's own ops with native kernels on netspec-cpu and portable ones elsewhere: NetspecRelu
// (its gradient from the output in one pass) and NetspecMaxPool (explicit padding, ceil overhang folded into bottom/right) runs on netspec-cpu as
// one native pass each way; every other backend takes the portable composition (pad, maxPool;
// shifted maxPoolGrad, slice). Values and gradients must agree, and both must equal PyTorch's
// max_pool2d (padding ignored, ceil_mode) where python3-torch is installed.
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { netspecRelu } from '../src/runtime/backends/relu-op.ts';
import { pool2d } from '../src/runtime/layers/pool.ts';
import type { NativeAddon } from '../src/runtime/backends/native-addon.ts';
import type { Pad4, Rounding } from '../src/model/arithmetic.ts';
import { lcgValues, relError } from './test-utils.ts';

const load = loadNativeAddon();
if (!load.ok) console.warn(`[native-netspec-ops] SKIPPED: ${load.why}`);

interface Case { x: [number, number, number, number]; k: [number, number]; s: [number, number]; pad: Pad4; rounding: Rounding }
const CASES: Case[] = [
  { x: [2, 8, 8, 3], k: [3, 3], s: [2, 2], pad: [1, 1, 1, 1], rounding: 'floor' },   // ResNet's stem pool
  { x: [2, 13, 13, 4], k: [3, 3], s: [2, 2], pad: [0, 0, 0, 0], rounding: 'ceil' },  // GoogLeNet/Caffe
  { x: [1, 9, 7, 5], k: [3, 2], s: [2, 3], pad: [1, 0, 0, 1], rounding: 'ceil' },
  { x: [3, 6, 6, 2], k: [2, 2], s: [1, 1], pad: [1, 1, 1, 1], rounding: 'floor' },
  { x: [1, 5, 5, 8], k: [3, 3], s: [1, 1], pad: [1, 1, 1, 1], rounding: 'floor' },   // GoogLeNet's branch pool
];
const label = (c: Case) => `x ${c.x} k ${c.k} s ${c.s} pad ${c.pad} ${c.rounding}`;

/** Output and d(Σ y·w)/dx on `backend`, with values that have negatives, ties and a large magnitude. */
async function run(backend: string, c: Case): Promise<{ y: Float32Array; dx: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const n = c.x.reduce((a, b) => a * b, 1);
  const values = lcgValues(n, 3, -5, 5).map((v, i) => (i % 7 === 0 ? Math.round(v) : v)); // some ties
  return tf.tidy(() => {
    const x = tf.tensor4d(values, c.x);
    const f = (t: tf.Tensor4D) => pool2d(t, 'max', c.k, c.s, c.pad, c.rounding);
    const y = f(x);
    const w = tf.tensor(lcgValues(y.size, 5), y.shape);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t as tf.Tensor4D), w)))(x);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, shape: y.shape };
  });
}

function torchMaxPool(c: Case): { y: number[]; dx: number[]; shape: number[] } | null {
  const n = c.x.reduce((a, b) => a * b, 1);
  const script = `
import json, sys, torch
c = json.loads(sys.argv[1])
vals = torch.tensor(c['x'], dtype=torch.float32).reshape(c['shape']).permute(0, 3, 1, 2).contiguous().requires_grad_()
t, b, l, r = c['pad']
assert t == b and l == r, 'PyTorch pads symmetrically'
y = torch.nn.functional.max_pool2d(vals, c['k'], c['s'], padding=(t, l), ceil_mode=c['ceil'])
w = torch.tensor(c['w'], dtype=torch.float32).reshape(y.permute(0, 2, 3, 1).shape).permute(0, 3, 1, 2)
(y * w).sum().backward()
print(json.dumps({'y': y.permute(0, 2, 3, 1).flatten().tolist(), 'dx': vals.grad.permute(0, 2, 3, 1).flatten().tolist(), 'shape': list(y.permute(0, 2, 3, 1).shape)}))
`;
  const values = Array.from(lcgValues(n, 3, -5, 5).map((v, i) => (i % 7 === 0 ? Math.round(v) : v)));
  try {
    // The output size is needed for w: take it from tfjs' cpu run's arithmetic (same formula as the layer).
    const probe = tf.tidy(() => pool2d(tf.zeros(c.x) as tf.Tensor4D, 'max', c.k, c.s, c.pad, c.rounding).shape);
    const w = Array.from(lcgValues(probe.reduce((a, b) => a * b, 1), 5));
    const out = execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify({ x: values, shape: c.x, k: c.k, s: c.s, pad: c.pad, ceil: c.rounding === 'ceil', w })], { encoding: 'utf8', timeout: 60_000 });
    return JSON.parse(out);
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    return null;
  }
}

describe.skipIf(!load.ok)('NetspecMaxPool: native kernels equal the portable composition', () => {
  beforeAll(() => { expect(registerNetspecCpu().ok).toBe(true); });
  afterAll(async () => { await tf.setBackend('cpu'); });

  it('runs as one native kernel each way on netspec-cpu', async () => {
    await tf.setBackend(NETSPEC_CPU);
    const x = tf.tensor4d(lcgValues(2 * 8 * 8 * 3, 1), [2, 8, 8, 3]);
    const f = (t: tf.Tensor) => tf.sum(pool2d(t as tf.Tensor4D, 'max', [3, 3], [2, 2], [1, 1, 1, 1], 'floor'));
    const info = await tf.profile(() => tf.grad(f)(x));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('NetspecMaxPool');
    expect(names).toContain('NetspecMaxPoolGrad');
    expect(names).not.toContain('PadV2');
    expect(names).not.toContain('MaxPoolGrad');
    x.dispose();
  });

  it.each(CASES.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const cpu = await run('cpu', c);
    const native = await run(NETSPEC_CPU, c);
    expect(native.shape).toEqual(cpu.shape);
    expect(relError(native.y, cpu.y)).toBe(0);
    expect(relError(native.dx, cpu.dx)).toBeLessThan(1e-6);
    // Each output's gradient reaches exactly one input: the sums agree.
    const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(native.dx) - sum(cpu.dx))).toBeLessThan(1e-3);
  });

  it.each(CASES.filter((c) => c.pad[0] === c.pad[1] && c.pad[2] === c.pad[3]).map((c) => [label(c), c] as const))('equals PyTorch: %s', async (_, c) => {
    const torch = torchMaxPool(c);
    if (!torch) return void console.warn('[native-netspec-ops] PyTorch comparison skipped: python3-torch is not importable');
    const native = await run(NETSPEC_CPU, c);
    expect(native.shape).toEqual(torch.shape);
    expect(relError(native.y, torch.y)).toBeLessThan(1e-6);
    expect(relError(native.dx, torch.dx)).toBeLessThan(1e-6);
  });
});

describe.skipIf(!load.ok)('NetspecRelu: one native pass each way, the values of tf.relu and its gradient', () => {
  beforeAll(() => { expect(registerNetspecCpu().ok).toBe(true); });
  afterAll(async () => { await tf.setBackend('cpu'); });

  async function both(backend: string): Promise<Float32Array[]> {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const x = tf.concat([tf.tensor1d(lcgValues(300, 7, -3, 3)), tf.tensor1d([0, -0, 1e-30, -1e-30, Infinity, -Infinity])]);
      const dy = tf.tensor1d(lcgValues(x.size, 8));
      const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(netspecRelu(t), dy)))(x);
      const dxTf = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), dy)))(x);
      return [netspecRelu(x), tf.relu(x), dx, dxTf].map((t) => t.dataSync() as Float32Array);
    });
  }

  it('equals tf.relu and its gradient, on netspec-cpu natively and on cpu portably', async () => {
    const cpu = await both('cpu');
    const addon = (load as { addon: NativeAddon }).addon;
    const spies = [vi.spyOn(addon, 'unary'), vi.spyOn(addon, 'binary')];
    const native = await both(NETSPEC_CPU);
    expect(spies[0].mock.calls.filter((c) => c[0] === 0).length).toBeGreaterThanOrEqual(2); // relu, natively
    expect(spies[1].mock.calls.filter((c) => c[0] === 4).length).toBe(1); // its gradient from y, in one pass
    for (const s of spies) s.mockRestore();
    const plain = (a: Float32Array) => Array.from(a, (v) => v + 0); // −0 and 0 alike (dy·0 vs a select)
    for (const r of [cpu, native]) {
      expect(plain(r[0])).toEqual(plain(r[1]));
      expect(plain(r[2])).toEqual(plain(r[3]));
    }
    expect(plain(native[2])).toEqual(plain(cpu[2]));
  });
});
