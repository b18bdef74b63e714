// Weight initialisation, measured on the built models with plain JS statistics (float64), not
// tfjs: AlexNet's N(0, 0.01) weights (§5 of Krizhevsky et al.: a Gaussian, not a truncated one)
// and its biases of 1 in conv2, conv4, conv5, fc6 and fc7; seeded builds are repeatable, each
// layer draws from its own seed (seed + its index), and `init` passed to build overrides the spec's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';
import { buildModel, type BuildOptions } from '../src/runtime/build.ts';
import { build as buildAlexnet } from '../generated/alexnet.ts';
import { build as buildLenet5 } from '../generated/lenet5.ts';
import { tempFolder } from './test-utils.ts';

await tf.setBackend('cpu');

function moments(v: ArrayLike<number>): { n: number; mean: number; std: number; beyond2: number; maxAbs: number } {
  let s = 0, s2 = 0, beyond = 0, maxAbs = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  for (let i = 0; i < v.length; i++) {
    s2 += (v[i] - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(v[i]));
  }
  const std = Math.sqrt(s2 / (v.length - 1));
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > 2 * 0.01) beyond++;
  return { n: v.length, mean, std, beyond2: beyond / v.length, maxAbs };
}

const weights = (m: tf.LayersModel, layer: string): Float32Array[] => m.getLayer(layer).getWeights().map((w) => w.dataSync() as Float32Array);
const kernel = (m: tf.LayersModel, layer: string) => weights(m, layer)[0];

describe('AlexNet as the paper initialises it (generated/alexnet.ts, seed 1)', () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = buildAlexnet({ seed: 1 });
  }, 120_000);

  // §5: "We initialized the neuron biases in the second, fourth, and fifth convolutional layers, as
  // well as in the fully-connected hidden layers, with the constant 1 … the remaining layers with 0."
  it.each([
    ['conv1', 0], ['conv2', 1], ['conv3', 0], ['conv4', 1], ['conv5', 1], ['fc6', 1], ['fc7', 1], ['fc8', 0],
  ] as const)('%s biases are all %d', (layer, value) => {
    const bias = weights(model, layer)[1];
    expect(bias.length).toBeGreaterThan(0);
    expect(bias.every((b) => b === value)).toBe(true);
  });

  // The sample std of n draws from N(0, σ) has standard error σ/√(2n); the mean σ/√n; the share
  // beyond 2σ is 4.55% (a truncated normal would have none), with standard error √(p(1−p)/n).
  it.each(['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'])('%s weights are N(0, 0.01) within 5 standard errors', (layer) => {
    const m = moments(kernel(model, layer));
    const sigma = 0.01, p = 0.0455;
    expect(Math.abs(m.std - sigma)).toBeLessThan((5 * sigma) / Math.sqrt(2 * m.n));
    expect(Math.abs(m.mean)).toBeLessThan((5 * sigma) / Math.sqrt(m.n));
    expect(Math.abs(m.beyond2 - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / m.n));
  });
});

describe('seeds and overrides on small models', () => {
  const tmp = tempFolder('netspec-init-');
  let twin: ModelIR;
  let paper: ModelIR;
  const analyze = (name: string, yaml: string): ModelIR => {
    const file = join(tmp.dir(), name);
    writeFileSync(file, yaml);
    const a = analyzeModel(file);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return a.ir!;
  };
  beforeAll(() => {
    // Two layers of one shape in a row: node 1's seed with s is node 0's with s + 1.
    twin = analyze('twin.yaml', `name: twin
input: { shape: [6, 6, 8] }
classes: 4
init: paper
layers:
  - { type: conv2d, name: a, filters: 8, kernel: 3, padding: 1 }
  - { type: conv2d, name: b, filters: 8, kernel: 3, padding: 1 }
  - { type: globalavgpool, name: gap }
  - { type: dense, name: out, units: 4 }
`);
    // A dense layer of 256 -> 128 (32,768 weights), paper init, and one layer with its own init.
    paper = analyze('paper.yaml', `name: paper
input: { shape: [1, 1, 256] }
classes: 128
init: paper
layers:
  - { type: flatten }
  - { type: dense, name: fc, units: 128 }
  - { type: dense, name: own, units: 128, init: he }
`);
  });

  const all = (m: tf.LayersModel) => m.layers.flatMap((l) => l.getWeights().map((w) => [...w.dataSync()]));
  const build = (ir: ModelIR, o: BuildOptions) => buildModel(ir, o);

  it('the same seed builds the same weights; another seed or none builds others', () => {
    const a = all(build(twin, { seed: 42 })), b = all(build(twin, { seed: 42 }));
    expect(a).toEqual(b);
    expect(all(build(twin, { seed: 43 }))[0]).not.toEqual(a[0]);
    expect(all(build(twin, {}))[0]).not.toEqual(all(build(twin, {}))[0]);
  });

  it('layer i draws from seed + i: its own stream, not its neighbour’s', () => {
    const s7 = build(twin, { seed: 7 }), s8 = build(twin, { seed: 8 });
    expect(kernel(s7, 'a')).not.toEqual(kernel(s7, 'b'));
    expect(kernel(s8, 'a')).toEqual(kernel(s7, 'b'));
    // out is node 3: its seed with 7 is 10; its shape differs, so only its std is checked here.
    expect(kernel(s7, 'out')).not.toEqual(kernel(s8, 'out'));
  });

  it('biasInit reaches each layer of the in-process build (what train runs), and only that layer', () => {
    const ir = analyze('bias.yaml', `name: bias
input: { shape: [4, 4, 2] }
classes: 3
layers:
  - { type: conv2d, name: a, filters: 3, kernel: 3, biasInit: 1 }
  - { type: conv2d, name: b, filters: 3, kernel: 1 }
  - { type: flatten }
  - { type: dense, name: c, units: 5, biasInit: 0.5 }
  - { type: dense, name: d, units: 3, biasInit: -2 }
`);
    const m = build(ir, { seed: 1, init: 'he' });
    for (const [layer, value] of [['a', 1], ['b', 0], ['c', 0.5], ['d', -2]] as const) {
      expect([...weights(m, layer)[1]]).toEqual(new Array(layer === 'c' ? 5 : 3).fill(value));
    }
  });

  it('the generated module and the in-process build agree weight for weight (lenet5, seed 5)', () => {
    const ir = analyzeModel('models/lenet5.yaml').ir!;
    expect(all(buildLenet5({ seed: 5 }))).toEqual(all(buildModel(ir, { seed: 5 })));
  });

  // glorot uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)), so std l/√3; he normal (tfjs
  // truncates at 2σ) never goes past 2·√(2/fan_in).
  it('without an override each layer keeps its spec init; options.init replaces every one', () => {
    const spec = build(paper, { seed: 3 });
    const fc = moments(kernel(spec, 'fc'));
    expect(Math.abs(fc.std - 0.01)).toBeLessThan((5 * 0.01) / Math.sqrt(2 * fc.n));
    // he: σ = √(2/fan_in) = 0.125, truncated at 2σ, which leaves a std of 0.8796·σ.
    const sigma = Math.sqrt(2 / 128);
    const own = moments(kernel(spec, 'own'));
    expect(own.maxAbs).toBeLessThanOrEqual(2 * sigma + 1e-6);
    expect(Math.abs(own.std - 0.8796 * sigma)).toBeLessThan((5 * sigma) / Math.sqrt(2 * own.n));

    const glorot = build(paper, { seed: 3, init: 'glorot' });
    const limit = Math.sqrt(6 / (256 + 128)), limitOwn = Math.sqrt(6 / (128 + 128));
    for (const [layer, l] of [['fc', limit], ['own', limitOwn]] as const) {
      const m = moments(kernel(glorot, layer));
      expect(m.maxAbs).toBeLessThanOrEqual(l);
      expect(m.maxAbs).toBeGreaterThan(0.99 * l);
      // Var of a uniform's sample variance: (l²/3)²·(4/5)/n, so the std's standard error ≈ (l/√3)·√(1/(5n)).
      expect(Math.abs(m.std - l / Math.sqrt(3))).toBeLessThan(5 * (l / Math.sqrt(3)) * Math.sqrt(1 / (5 * m.n)));
    }
  });
});
