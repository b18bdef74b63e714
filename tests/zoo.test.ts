// The model zoo against independent references: each model's trainable parameters equal its
// published count (torchvision's num_params), its mult-adds are within 0.5% of torchvision's
// published GFLOPS, and where torchvision has the model, every convolution and dense layer, in
// the order torchvision's forward() runs them, has the same output shape, parameters and
// mult-adds (bench/torchvision_ref.py, Debian's python3-torchvision). PyTorch also builds our own
// IR of each (bench/torch_bench.py --check) and finds the same per-layer shapes and counts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';
import { buildModel } from '../src/runtime/build.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { summarize } from '../src/model/summary.ts';
import { irJson } from '../bench/ir-json.ts';
import { checkTorch, PYTHON, torchAvailable } from '../bench/torch-peer.ts';
import { relErr } from './test-utils.ts';
import { pythonImport } from './ci-env.ts';

const root = path.resolve(__dirname, '..');
const work = path.join(root, '.bench', `test-zoo-${process.pid}`);
// A timed-out import is reported as a timeout, not as "not installed" (tests/ci-env.ts).
const torchvisionCheck = await pythonImport('torchvision', 'python3-torchvision', PYTHON);
const hasTorchvision = torchvisionCheck.ok;
const hasTorch = torchAvailable().ok;

/** [model file, published trainable params, published GFLOPS (mult-adds), torchvision name]. */
const ZOO: [string, number, number | null, string | null][] = [
  ['lenet5', 61_706, null, null],
  ['vgg16', 138_357_544, 15.47, 'vgg16'],
  ['squeezenet1_0', 1_248_424, 0.82, 'squeezenet1_0'],
  ['resnet18', 11_689_512, 1.81, 'resnet18'],
  ['resnet50', 25_557_032, 4.09, 'resnet50'],
  ['googlenet', 6_624_904, 1.50, 'googlenet'],
  ['mobilenet_v2', 3_504_872, 0.30, 'mobilenet_v2'],
];

it('ResNet-18 counts as Keras and PaddlePaddle do: 11,689,512 trainable + 9,600 running statistics', () => {
  const s = summarize(irOf('resnet18'));
  expect([s.trainableParams, s.nonTrainableParams, s.totalParams]).toEqual([11_689_512, 9_600, 11_699_112]);
});

it('resnet50.yaml is at most 60 lines', () => {
  expect(fs.readFileSync(path.join(root, 'models', 'resnet50.yaml'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(60);
});

const irOf = (name: string) => {
  const a = analyzeModel(path.join(root, 'models', `${name}.yaml`));
  expect(a.diagnostics).toEqual([]);
  return a.ir!;
};

// The native backend computes the big nets' outputs in seconds; pure JS would take minutes.
const native = registerNetspecCpu();
beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  if (native.ok) await tf.setBackend(NETSPEC_CPU);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each(ZOO)('%s', (name, params, gflops, torchvision) => {
  it(`has ${params.toLocaleString('en-US')} trainable parameters${gflops ? ` and ${gflops} G mult-adds (within 0.5%)` : ''}`, () => {
    const s = summarize(irOf(name));
    expect(s.trainableParams).toBe(params);
    if (gflops !== null) expect(Math.abs(s.multAdds / 1e9 - gflops) / gflops).toBeLessThan(0.005);
  });

  it.runIf(hasTorchvision && torchvision !== null)('equals torchvision layer by layer (convolutions and dense layers)', () => {
    const r = spawnSync(PYTHON, [path.join(root, 'bench', 'torchvision_ref.py'), torchvision!], { encoding: 'utf8', timeout: 300_000 });
    const ref = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(ref.error).toBeUndefined();
    const ir = irOf(name);
    const ours = ir.nodes.filter((n) => n.layer.kind === 'conv2d' || n.layer.kind === 'dense')
      .map((n) => ({ kind: n.layer.kind, outputShape: n.outputShape, params: n.params, multAdds: n.multAdds }));
    expect(ours).toEqual(ref.layers.map(({ name: _, ...l }: { name: string }) => l));
    const s = summarize(ir);
    expect([s.trainableParams, s.nonTrainableParams, s.multAdds]).toEqual([ref.trainableParams, ref.runningStats, ref.multAdds]);
  }, 300_000);

  it.runIf(hasTorch)('PyTorch builds our IR with the same per-layer shapes and counts', () => {
    const ir = irJson(path.join(root, 'models', `${name}.yaml`));
    if (!ir.ok) throw new Error(ir.errors.join('\n'));
    const file = path.join(work, `${name}.ir.json`);
    fs.writeFileSync(file, JSON.stringify(ir.ir));
    const [r] = checkTorch([file], { ...process.env, OMP_NUM_THREADS: '1' });
    // torch_bench.py counts batch norm's running statistics with the parameters, as the IR's total does.
    const total = summarize(irOf(name)).totalParams;
    expect(r.ok ? [r.report.params, r.report.irParams] : r.why).toEqual([total, total]);
  }, 300_000);
});

/**
 * The IR with dropout off and the last softmax left out (logits compare better), its tfjs model with
 * seeded weights and randomised batch-norm state, those weights as raw float32 files, and a batch.
 */
function exportForTorch(name: string) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  const ir = irOf(name);
  const last = ir.nodes.at(-1)!;
  const nodes = ir.nodes.map((n) => {
    if (n.layer.kind === 'dropout') return { ...n, layer: { ...n.layer, rate: 0 } };
    if (n === last && 'activation' in n.layer) return { ...n, layer: { ...n.layer, activation: 'linear' as const } };
    return n;
  });
  const edited: ModelIR = { ...ir, nodes };
  const model = buildModel(edited, { seed: 3 });
  const ranges: Record<string, [number, number]> = { gamma: [0.5, 1.5], beta: [-0.5, 0.5], moving_mean: [-0.5, 0.5], moving_variance: [0.5, 2] };
  for (const layer of model.layers.filter((l) => l.getClassName() === 'NetspecBatchNorm')) {
    layer.setWeights(layer.weights.map((w, i) => tf.randomUniform(w.shape as number[], ...ranges[w.originalName.split('/').pop()!], 'float32', 20 + i)));
  }
  const weights: Record<string, Record<string, { file: string; shape: number[] }>> = {};
  for (const node of edited.nodes.filter((n) => n.params > 0)) {
    weights[node.name] = {};
    for (const w of model.getLayer(node.name).weights) {
      const part = w.originalName.split('/').pop()!;
      const f = `${node.name}.${part}.f32`;
      fs.writeFileSync(path.join(dir, f), Buffer.from((w.read().dataSync() as Float32Array).buffer));
      weights[node.name][part] = { file: f, shape: w.shape as number[] };
    }
  }
  const x = tf.randomUniform([2, ...ir.input], -2, 2, 'float32', 7);
  fs.writeFileSync(path.join(dir, 'input.f32'), Buffer.from((x.dataSync() as Float32Array).buffer));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ weights, input: { file: 'input.f32', shape: x.shape }, train: true }));
  const irFile = path.join(dir, 'ir.json');
  fs.writeFileSync(irFile, JSON.stringify(edited));
  return { dir, irFile, model, x };
}

describe.runIf(hasTorch)('with the same weights, PyTorch computes what we compute', () => {
  it.each(ZOO.map(([name]) => name))('%s: eval mode (running statistics) and train mode (batch statistics)', async (name) => {
    const { dir, irFile, model, x } = exportForTorch(name);
    try {
      const evalOut = await (model.predict(x) as tf.Tensor).data();
      const trainOut = await (model.apply(x, { training: true }) as tf.Tensor).data();
      const [r] = checkTorch([irFile], { ...process.env, OMP_NUM_THREADS: '2' }, dir);
      expect(r.ok ? '' : r.why).toBe('');
      if (!r.ok) return;
      const theirs = r.report as unknown as { output: number[]; train: { output: number[] } };
      expect(theirs.output.length).toBe(evalOut.length);
      expect(relErr(evalOut, theirs.output)).toBeLessThan(1e-4);
      expect(relErr(trainOut, theirs.train.output)).toBeLessThan(1e-4);
      // Something to compare: outputs that vary, and batch statistics that are not the running ones.
      expect(Math.max(...evalOut) - Math.min(...evalOut)).toBeGreaterThan(1e-3);
      if (irOf(name).nodes.some((n) => n.layer.kind === 'batchnorm')) expect(relErr(trainOut, evalOut)).toBeGreaterThan(1e-3);
    } finally {
      model.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

it.runIf(!hasTorchvision)(`torchvision is unavailable here (${torchvisionCheck.ok ? '' : torchvisionCheck.why}): the layer-by-layer references are skipped`, () => {
  expect(hasTorchvision).toBe(false);
});
