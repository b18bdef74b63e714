// LRN windows of every size, odd and even, as PyTorch computes them (size n: channel c sums
// c − floor(n/2) … c + floor((n−1)/2)), on cpu, wasm and netspec-cpu: values against
// torch.nn.functional.local_response_norm, gradients against central finite differences of a
// float64 reference (itself checked against PyTorch), and netspec-cpu's native kernels against
// the cpu backend's. PyTorch's comparisons are skipped where /usr/bin/python3 has no torch.
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NetspecLRN, type LRNConvention } from '../src/runtime/layers/index.ts';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { NETSPEC_LRN, NETSPEC_LRN_GRAD } from '../src/runtime/backends/lrn-op.ts';
import { mulberry32, relError } from './test-utils.ts';

const native = loadNativeAddon();
if (!native.ok) console.warn(`[lrn-windows] netspec-cpu SKIPPED: ${native.why}`);
const BACKENDS = ['cpu', 'wasm', ...(native.ok ? [NETSPEC_CPU] : [])];

beforeAll(() => {
  if (native.ok) expect(registerNetspecCpu()).toMatchObject({ ok: true });
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

interface Case { size: number; alpha: number; beta: number; k: number; convention: LRNConvention; shape: [number, number, number, number] }
const CASES: Case[] = [
  { size: 2, alpha: 0.5, beta: 0.75, k: 1, convention: 'caffe', shape: [2, 2, 3, 5] },
  { size: 4, alpha: 0.8, beta: 0.75, k: 1, convention: 'caffe', shape: [1, 3, 2, 7] },
  { size: 4, alpha: 0.3, beta: 0.5, k: 2, convention: 'paper', shape: [1, 2, 2, 6] },
  { size: 5, alpha: 1, beta: 0.75, k: 1, convention: 'caffe', shape: [1, 2, 3, 8] },
  { size: 6, alpha: 0.2, beta: 1.3, k: 1.5, convention: 'paper', shape: [1, 2, 2, 9] },
  // Wider than the channels (the seed note's size=96 over its 96 channels leans the same way).
  { size: 96, alpha: 4, beta: 0.75, k: 1, convention: 'caffe', shape: [1, 2, 2, 7] },
  { size: 10, alpha: 0.4, beta: 0.75, k: 1, convention: 'caffe', shape: [2, 1, 2, 6] },
];

const random = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, () => 3 * r() - 1.5);
};
const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The definition in float64, NHWC: y_c = x_c / (k + α' Σ_{j=c−floor(n/2)}^{c+floor((n−1)/2)} x_j²)^β. */
function reference(x: Float64Array, c: Case): Float64Array {
  const ch = c.shape[3];
  const a = c.convention === 'caffe' ? c.alpha / c.size : c.alpha;
  const before = Math.floor(c.size / 2), after = Math.floor((c.size - 1) / 2);
  const y = new Float64Array(x.length);
  for (let p = 0; p < x.length; p += ch) {
    for (let i = 0; i < ch; i++) {
      let s = 0;
      for (let j = Math.max(0, i - before); j <= Math.min(ch - 1, i + after); j++) s += x[p + j] ** 2;
      y[p + i] = x[p + i] / (c.k + a * s) ** c.beta;
    }
  }
  return y;
}

/** PyTorch's values, and its gradient of Σ y·r, in float64 (NCHW there), for each case: one python run. */
function torchLrn(cases: { x: Float64Array; r: Float64Array; c: Case }[]): { y: number[]; dx: number[] }[] | { skip: string } {
  const script = `
import json, sys
try:
    import torch
except ImportError as e:
    print(json.dumps({"skip": str(e)})); sys.exit(0)
out = []
for a in json.load(sys.stdin):
    n, h, w, ch = a["shape"]
    x = torch.tensor(a["x"], dtype=torch.float64).reshape(n, h, w, ch).permute(0, 3, 1, 2).contiguous().requires_grad_()
    r = torch.tensor(a["r"], dtype=torch.float64).reshape(n, h, w, ch).permute(0, 3, 1, 2)
    y = torch.nn.functional.local_response_norm(x, a["size"], alpha=a["alpha"], beta=a["beta"], k=a["k"])
    (y * r).sum().backward()
    nhwc = lambda t: t.detach().permute(0, 2, 3, 1).reshape(-1).tolist()
    out.append({"y": nhwc(y), "dx": nhwc(x.grad)})
print(json.dumps(out))
`;
  // PyTorch divides alpha by n (our 'caffe'); 'paper' multiplies the plain sum.
  const input = JSON.stringify(cases.map(({ x, r, c }) => ({
    shape: c.shape, x: [...x], r: [...r], size: c.size, alpha: c.convention === 'caffe' ? c.alpha : c.alpha * c.size, beta: c.beta, k: c.k,
  })));
  const p = spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8' });
  if (p.error || p.status !== 0) return { skip: `/usr/bin/python3: ${p.error?.message ?? p.stderr.trim().split('\n').pop()}` };
  return JSON.parse(p.stdout);
}

/** The layer's output and its gradient of Σ y·r on one backend. */
async function layerOn(backend: string, c: Case, x: Float64Array, r: Float64Array): Promise<{ y: Float32Array; dx: Float32Array }> {
  await tf.setBackend(backend);
  const layer = new NetspecLRN({ size: c.size, alpha: c.alpha, beta: c.beta, k: c.k, convention: c.convention });
  const [y, dx] = tf.tidy(() => {
    const xt = tf.tensor4d(Float32Array.from(x), c.shape);
    const rt = tf.tensor4d(Float32Array.from(r), c.shape);
    const f = (t: tf.Tensor) => layer.apply(t) as tf.Tensor;
    return [f(xt), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), rt)))(xt)];
  });
  const out = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  tf.dispose([y, dx]);
  return out;
}

/** Each case's input, the R of its loss Σ y·R, its float64 values and central differences of that loss. */
const PREPARED = CASES.map((c) => {
  const x = random(count(c.shape), 7 + c.size), r = random(count(c.shape), 11 + c.size);
  const fd = x.map((_, i) => {
    const h = 1e-6, xp = x.slice(), xm = x.slice();
    xp[i] += h;
    xm[i] -= h;
    const [yp, ym] = [reference(xp, c), reference(xm, c)];
    let s = 0;
    for (let j = 0; j < x.length; j++) s += (yp[j] - ym[j]) * r[j];
    return s / (2 * h);
  });
  return { c, x, r, want: reference(x, c), fd };
});
const TORCH = torchLrn(PREPARED);
if ('skip' in TORCH) console.warn(`[lrn-windows] PyTorch comparisons SKIPPED: ${TORCH.skip}`);

describe.each(PREPARED.map((p, i) => ({ ...p, i, size: p.c.size, convention: p.c.convention, channels: p.c.shape[3] })))(
  'LRN size $size ($convention) over $channels channels', ({ c, x, r, want, fd, i }) => {
    it.skipIf('skip' in TORCH)('the float64 reference is PyTorch\'s local_response_norm, values and gradient', () => {
      const t = (TORCH as { y: number[]; dx: number[] }[])[i];
      expect(relError(want, t.y)).toBeLessThan(1e-12);
      expect(relError(fd, t.dx)).toBeLessThan(1e-7);
    });

    it.each(BACKENDS)('%s: values and gradient', async (backend) => {
      const got = await layerOn(backend, c, x, r);
      expect(relError(got.y, want)).toBeLessThan(2e-6);
      expect(relError(got.dx, fd)).toBeLessThan(2e-5);
    });
  });

describe.skipIf(!native.ok)('netspec-cpu runs its native kernel for every window', () => {
  it.each([
    { size: 4, shape: [2, 5, 3, 33] },
    { size: 2, shape: [1, 7, 9, 64] },
    { size: 96, shape: [2, 3, 3, 96] },
    { size: 5, shape: [1, 4, 4, 40] },
  ] as const)('size $size over $shape: the cpu backend\'s values and gradient', async ({ size, shape }) => {
    const c: Case = { size, alpha: 1e-4 * 50, beta: 0.75, k: 1, convention: 'caffe', shape: [...shape] };
    const x = random(count(c.shape), 3), r = random(count(c.shape), 4);
    const want = await layerOn('cpu', c, x, r);
    const addon = native.ok ? native.addon : undefined;
    const lrn = vi.spyOn(addon!, 'lrn'), grad = vi.spyOn(addon!, 'lrnGrad');
    try {
      const got = await layerOn(NETSPEC_CPU, c, x, r);
      expect(lrn).toHaveBeenCalled();
      expect(grad).toHaveBeenCalled();
      expect(relError(got.y, want.y)).toBeLessThan(1e-5);
      expect(relError(got.dx, want.dx)).toBeLessThan(1e-5);
    } finally {
      lrn.mockRestore();
      grad.mockRestore();
    }
  });

  it('registers its own kernels for the NetspecLrn op', () => {
    const ours = tf.getKernelsForBackend(NETSPEC_CPU).map((k) => k.kernelName);
    expect(ours).toEqual(expect.arrayContaining([NETSPEC_LRN, NETSPEC_LRN_GRAD]));
  });
});
