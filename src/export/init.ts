// Freshly initialised weights for an export without a checkpoint, in netspec's layout: the spec's
// schemes with netspec's distributions (he and lecun: truncated normal; glorot: uniform; paper:
// N(0, 0.01)), biases at biasInit, batch norm at γ 1, β 0, mean 0, variance 1. Seeded, so an
// export is reproducible; not the same draws as TF.js's initialisers.
import type { IRNode, ModelIR } from '../model/ir.ts';
import type { InitScheme } from '../model/fields.ts';
import { nodeSlots, type NetspecTensor } from './weights.ts';

/** mulberry32: a small, well-mixed 32-bit generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals by Box–Muller, both of each pair used. */
function normals(u: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const t = 2 * Math.PI * u();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

function kernel(scheme: InitScheme, shape: number[], fanIn: number, fanOut: number, u: () => number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const normal = normals(u);
  const out = new Float32Array(n);
  const truncated = (std: number) => {
    for (let i = 0; i < n; i++) {
      let z = normal();
      while (Math.abs(z) > 2) z = normal(); // as Keras: redrawn beyond two standard deviations
      out[i] = z * std;
    }
  };
  switch (scheme) {
    case 'paper':
      for (let i = 0; i < n; i++) out[i] = normal() * 0.01;
      break;
    case 'he':
      truncated(Math.sqrt(2 / fanIn) / 0.8796256610342398); // the truncation's std correction, as Keras
      break;
    case 'lecun':
      truncated(Math.sqrt(1 / fanIn) / 0.8796256610342398);
      break;
    case 'glorot': {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < n; i++) out[i] = (2 * u() - 1) * limit;
      break;
    }
  }
  return out;
}

function nodeWeights(node: IRNode, u: () => number): NetspecTensor[] {
  const L = node.layer;
  return nodeSlots(node).map((s): NetspecTensor => {
    const part = s.netspec.slice(node.name.length + 1);
    const n = s.netspecShape.reduce((a, b) => a * b, 1);
    const fill = (v: number) => ({ name: s.netspec, shape: s.netspecShape, values: new Float32Array(n).fill(v) });
    if (L.kind === 'conv2d' && part === 'kernel') {
      const [kh, kw, inC, outC] = s.netspecShape;
      return { name: s.netspec, shape: s.netspecShape, values: kernel(L.init, s.netspecShape, kh * kw * inC, kh * kw * outC, u) };
    }
    if (L.kind === 'dense' && part === 'kernel') {
      const [inN, outN] = s.netspecShape;
      return { name: s.netspec, shape: s.netspecShape, values: kernel(L.init, s.netspecShape, inN, outN, u) };
    }
    if ((L.kind === 'conv2d' || L.kind === 'dense') && part === 'bias') return fill(L.biasInit);
    return fill(part === 'gamma' || part === 'moving_variance' ? 1 : 0);
  });
}

export function freshWeights(ir: ModelIR, seed = 1): NetspecTensor[] {
  const u = rng(seed);
  return ir.nodes.flatMap((n) => nodeWeights(n, u));
}
