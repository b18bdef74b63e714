// `export --to pytorch` against PyTorch itself (Debian's python3-torch): the generated model.py,
// loading the exported safetensors, computes what TF.js computes, within 1e-4 relative, in
// evaluation mode; and the way back: a state dict changed and saved on the PyTorch side comes
// back into netspec's layout, and TF.js with it computes what PyTorch computes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPytorch } from '../src/export/pytorch/index.ts';
import { decodeSafetensors } from '../src/export/safetensors.ts';
import { fromTorch } from '../src/export/weights.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { PYTHON, torchAvailable } from '../bench/torch-peer.ts';
import { inCI } from './ci-env.ts';
import { relErr } from './test-utils.ts';
import { f32, irOf, logitsOf, modelWeights, nchw, ROOT, tfModel } from './fixtures/export/harness.ts';

const hasTorch = torchAvailable().ok;
const work = path.join(ROOT, '.bench', `test-export-pytorch-${process.pid}`);
const native = registerNetspecCpu();
beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  if (native.ok) await tf.setBackend(NETSPEC_CPU);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every layer kind (the fixture), then the zoo's kinds of network: LRN and groups, plain, blocks with batch norm, Fire modules with ceil pooling. */
const MODELS = [
  'tests/fixtures/export/every-layer.yaml',
  'models/alexnet-fashion.yaml',
  'models/lenet5.yaml',
  'models/resnet-fashion.yaml',
  'models/squeezenet1_0.yaml',
];

const N = 2;
const WITH_SOFTMAX = ['tests/fixtures/export/every-layer.yaml', 'models/alexnet-fashion.yaml'];
const dirOf = (file: string) => path.join(work, path.basename(file, '.yaml'));

describe.runIf(hasTorch)('PyTorch runs the exported model.py with the exported weights', () => {
  const models = new Map<string, { ir: ReturnType<typeof irOf>; model: tf.LayersModel; x: tf.Tensor; ours: Float32Array }>();
  let peer = '';
  beforeAll(() => {
    for (const file of MODELS) {
      // Two keep their softmax (probabilities, and probabilities() in model.py); the rest compare logits.
      const ir = WITH_SOFTMAX.includes(file) ? irOf(file) : logitsOf(irOf(file));
      const model = tfModel(ir);
      const dir = dirOf(file);
      fs.mkdirSync(dir, { recursive: true });
      const out = exportPytorch(ir, { source: file, weights: modelWeights(model) });
      if (!out.ok) throw new Error(out.diagnostics.map((d) => d.message).join('\n'));
      for (const [name, content] of out.files) fs.writeFileSync(path.join(dir, name), content);
      const x = tf.randomUniform([N, ...ir.input], -2, 2, 'float32', 7);
      fs.writeFileSync(path.join(dir, 'input.f32'), nchw(x.dataSync() as Float32Array, x.shape));
      models.set(file, { ir, model, x, ours: (model.predict(x) as tf.Tensor).dataSync() as Float32Array });
    }
    // One Python start for every model: importing torch is the slow part.
    const r = spawnSync(PYTHON, [path.join(ROOT, 'tests/fixtures/export/torch_roundtrip.py'), String(N), ...MODELS.map(dirOf)],
      { encoding: 'utf8', timeout: 300_000, env: { ...process.env, OMP_NUM_THREADS: '2' } });
    peer = r.stderr + r.stdout;
  }, 300_000);

  it.each(MODELS)('%s: same outputs both ways (1e-4)', (file) => {
    expect(peer).toContain('"ok": true');
    const { ir, model, x, ours } = models.get(file)!;
    const dir = dirOf(file);
    const theirs = f32(fs.readFileSync(path.join(dir, 'torch-out.f32')));
    expect(theirs.length).toBe(ours.length);
    expect(relErr(theirs, ours)).toBeLessThan(1e-4);
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(1e-3 * Math.max(...ours.map(Math.abs))); // outputs that vary

    // Back: PyTorch's changed state dict into netspec's layout and into the TF.js model.
    const back = decodeSafetensors(fs.readFileSync(path.join(dir, 'back.safetensors')));
    if (!back.ok) throw new Error(back.error);
    const w = fromTorch(ir, back.tensors, model.weights.map((v) => v.originalName));
    if (!w.ok) throw new Error(w.problems.join('\n'));
    model.setWeights(w.tensors.map((t) => tf.tensor(t.values, t.shape)));
    const again = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const theirsBack = f32(fs.readFileSync(path.join(dir, 'torch-back.f32')));
    expect(relErr(theirsBack, again)).toBeLessThan(1e-4);
    expect(relErr(again, ours)).toBeGreaterThan(1e-3); // the changed weights did change the outputs
  });
});

it.runIf(!hasTorch)('PyTorch is not installed here (apt-get install python3-torch): the PyTorch comparisons are skipped, which CI does not allow', () => {
  expect(inCI).toBe(false);
});
