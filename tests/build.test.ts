// train and eval build their model in process from the IR (src/runtime/build.ts); the code
// generator writes the same model as source. Both must give the same layers, the same configs
// and, for one seed, the same initial weights — for every model and a spec of every layer kind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, generateModule, outputPath } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';
import { LAYER_KINDS } from '../src/model/layers/index.ts';
import { buildModel } from '../src/runtime/build.ts';

const root = path.resolve(__dirname, '..');
// Under the repository, so that a generated module resolves @tensorflow/tfjs; runs/ is git-ignored.
const work = path.join(root, 'runs', `.test-build-${process.pid}`);
const models = fs.readdirSync(path.join(root, 'models')).filter((f) => f.endsWith('.yaml')).sort();
const EVERY_KIND = path.join(root, 'tests', 'fixtures', 'build', 'every-kind.yaml');

type Builder = (o?: { seed?: number; init?: 'he' | 'glorot' | 'paper' | 'lecun' }) => tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  fs.mkdirSync(work, { recursive: true });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const irOf = (spec: string): ModelIR => {
  const a = analyzeModel(spec);
  expect(a.diagnostics).toEqual([]);
  return a.ir!;
};

/** Class names, configs and weight shapes, layer by layer. */
const structure = (m: tf.LayersModel) => m.layers.map((l) => ({
  className: l.getClassName(),
  config: l.getConfig(),
  inbound: l.inboundNodes.map((n) => n.inboundLayers.map((x) => x.name)),
  weights: l.weights.map((w) => [w.originalName, w.shape]),
}));

async function same(a: tf.LayersModel, b: tf.LayersModel, values: boolean) {
  expect(structure(a)).toEqual(structure(b));
  if (!values) return;
  const [wa, wb] = [a.getWeights(), b.getWeights()];
  expect(wa.length).toBeGreaterThan(0);
  for (let i = 0; i < wa.length; i++) expect(await wa[i].data()).toEqual(await wb[i].data());
}

describe.each(models)('%s', (file) => {
  it('buildModel equals the generated module (configs; values for the small nets)', async () => {
    const ir = irOf(path.join('models', file));
    const mod = await import(path.relative(__dirname, outputPath(file, path.join(root, 'generated'))).split(path.sep).join('/'));
    const [a, b] = [buildModel(ir, { seed: 5 }), (mod.build as Builder)({ seed: 5 })];
    try {
      await same(a, b, ir.nodes.reduce((n, x) => n + x.params, 0) < 5e6);
    } finally {
      a.dispose();
      b.dispose();
    }
  }, 120_000);
});

describe('a spec of every layer kind and activation', () => {
  it('holds every kind the core has', () => {
    expect(new Set(irOf(EVERY_KIND).nodes.map((n) => n.layer.kind))).toEqual(new Set(Object.keys(LAYER_KINDS)));
  });

  it.each([
    ['the spec\'s initialisers', { seed: 11 }],
    ['--init he for every layer', { seed: 11, init: 'he' as const }],
  ])('buildModel equals the generated module, weights included: %s', async (_, options) => {
    const ir = irOf(EVERY_KIND);
    const out = path.join(work, 'every-kind.ts');
    fs.writeFileSync(out, generateModule(ir, out, root));
    const mod = await import(out);
    const [a, b] = [buildModel(ir, options), (mod.build as Builder)(options)];
    await same(a, b, true);
    const x = tf.randomUniform([2, 12, 10, 4], -2, 2, 'float32', 3);
    expect(await (a.predict(x) as tf.Tensor).data()).toEqual(await (b.predict(x) as tf.Tensor).data());
  });

  it('a different seed gives different weights (the comparison can fail)', async () => {
    const ir = irOf(EVERY_KIND);
    const [a, b] = [buildModel(ir, { seed: 1 }), buildModel(ir, { seed: 2 })];
    expect(await a.getWeights()[0].data()).not.toEqual(await b.getWeights()[0].data());
  });
});

describe('a spec with blocks (expanded in the IR: layer i still seeded with seed + i)', () => {
  const BLOCKS = path.join(root, 'tests', 'fixtures', 'build', 'resnet-blocks.yaml');
  it('buildModel equals the generated module, weights and outputs included', async () => {
    const ir = irOf(BLOCKS);
    expect(ir.nodes.some((n) => n.name === 'layer2.rest.0.conv2')).toBe(true);
    const out = path.join(work, 'resnet-blocks.ts');
    fs.writeFileSync(out, generateModule(ir, out, root));
    const mod = await import(out);
    const [a, b] = [buildModel(ir, { seed: 3 }), (mod.build as Builder)({ seed: 3 })];
    await same(a, b, true);
    expect(a.layers.map((l) => l.name)).toContain('layer1.1.conv1');
    const x = tf.randomUniform([2, 16, 16, 3], -1, 1, 'float32', 4);
    expect(await (a.predict(x) as tf.Tensor).data()).toEqual(await (b.predict(x) as tf.Tensor).data());
  });
});
