// `export --to onnx` for every model in models/ (and a fixture with every layer kind): the file
// passes the ONNX checker (Debian's python3-onnx, full check with shape inference), and
// onnxruntime (onnxruntime-node) computes from it what TF.js computes, within 1e-4 relative, with
// the same weights (seeded, batch-norm statistics randomised so that they matter).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { freshWeights } from '../src/export/init.ts';
import { exportOnnx, poolOut } from '../src/export/onnx/model.ts';
import { encodeCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { PYTHON } from '../bench/torch-peer.ts';
import { inCI } from './ci-env.ts';
import { relErr } from './test-utils.ts';
import { irOf, logitsOf, modelWeights, nchw, ROOT, tfModel } from './fixtures/export/harness.ts';

const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { timeout: 60_000 }).status === 0;
const work = path.join(ROOT, '.bench', `test-export-onnx-${process.pid}`);
const native = registerNetspecCpu();
beforeAll(async () => {
  fs.mkdirSync(work, { recursive: true });
  if (native.ok) await tf.setBackend(NETSPEC_CPU);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// Two keep their final softmax (probabilities compared); the rest compare logits, which show a
// difference that a softmax over 1000 near-equal values would hide.
const WITH_SOFTMAX = ['tests/fixtures/export/every-layer.yaml', 'models/alexnet-fashion.yaml'];
const MODELS = [
  'tests/fixtures/export/every-layer.yaml',
  ...fs.readdirSync(path.join(ROOT, 'models')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `models/${f}`),
];

/** The ONNX checker's verdict on a file: '' when it passes. */
function check(file: string): string {
  // A path, not a loaded model: the checker reads the file itself (VGG-16's 553 MB through Python's protobuf is slow).
  const r = spawnSync(PYTHON, ['-c', 'import onnx, sys; onnx.checker.check_model(sys.argv[1], full_check=True)', file],
    { encoding: 'utf8', timeout: 120_000 });
  return r.status === 0 ? '' : `${r.stderr}${r.stdout}`.trim().split('\n').slice(-3).join('\n');
}

describe('ONNX export: checker and onnxruntime against TF.js', () => {
  it.each(MODELS)('%s', async (file) => {
    const ir = WITH_SOFTMAX.includes(file) ? irOf(file) : logitsOf(irOf(file));
    const model = tfModel(ir);
    const onnxFile = path.join(work, `${ir.name}.onnx`);
    try {
      const out = exportOnnx(ir, modelWeights(model), { source: file, weightsFrom: 'a seeded TF.js model' });
      if (!out.ok) throw new Error(out.diagnostics.map((d) => d.message).join('\n'));
      fs.writeFileSync(onnxFile, out.bytes);
      if (hasOnnx) expect(check(onnxFile)).toBe('');

      const x = tf.randomUniform([1, ...ir.input], -2, 2, 'float32', 7);
      const ours = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
      const session = await ort.InferenceSession.create(onnxFile);
      const [h, w, c] = ir.input;
      const result = await session.run({ input: new ort.Tensor('float32', nchw(x.dataSync() as Float32Array, x.shape), [1, c, h, w]) });
      const theirs = result[session.outputNames[0]].data as Float32Array;
      await session.release();
      expect(theirs.length).toBe(ours.length);
      expect(relErr(theirs, ours)).toBeLessThan(1e-4);
      expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(1e-3 * Math.max(...ours.map(Math.abs))); // outputs that vary
      x.dispose();
    } finally {
      model.dispose();
      fs.rmSync(onnxFile, { force: true });
    }
  }, 300_000);
});

it.runIf(!hasOnnx)('python3-onnx is not installed here (apt-get install python3-onnx): the checker is skipped, which CI does not allow', () => {
  expect(inCI).toBe(false);
});

it.each([
  // [in, kernel, stride, before, after, ceil, out]
  [10, 3, 2, 1, 1, true, 6], // the last window starts in the input: kept
  [6, 3, 2, 1, 1, true, 4], // overhangs by one
  [5, 2, 2, 0, 0, true, 3],
  [5, 2, 2, 0, 0, false, 2],
  [5, 2, 2, 1, 1, true, 3], // a window starting in the right padding is dropped (ceil says 4)
])('pooling output size: %i, kernel %i, stride %i, pads %i/%i, ceil %s -> %i', (n, k, s, b, a, ceil, want) => {
  expect(poolOut(n, k, s, b, a, ceil)).toBe(want);
});

describe('npm run export -- --to onnx: fresh weights and a checkpoint\'s', () => {
  const TINY = 'tests/fixtures/export/tiny-fashion.yaml';
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['export', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: ROOT });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  /** onnxruntime's output for one NHWC input. */
  async function ortOutput(file: string, x: tf.Tensor): Promise<Float32Array> {
    const session = await ort.InferenceSession.create(file);
    const [, h, w, c] = x.shape;
    const r = await session.run({ input: new ort.Tensor('float32', nchw(x.dataSync() as Float32Array, x.shape), [x.shape[0], c, h, w]) });
    const y = r[session.outputNames[0]].data as Float32Array;
    await session.release();
    return y;
  }

  it('fresh (--seed 4): the file holds freshWeights(ir, 4), and TF.js with those weights agrees', async () => {
    const ir = irOf(TINY);
    const file = path.join(work, 'fresh.onnx');
    const r = await cli(TINY, '--to', 'onnx', '--out', file, '--seed', '4', ...(hasOnnx ? ['--check'] : []));
    expect([r.code, r.err]).toEqual([0, '']);
    if (hasOnnx) expect(r.out).toContain('the ONNX checker passes');
    const model = tfModel(ir);
    const byName = new Map(freshWeights(ir, 4).map((w) => [w.name, w]));
    model.setWeights(model.weights.map((w) => tf.tensor(byName.get(w.originalName)!.values, w.shape as number[])));
    const x = tf.randomUniform([3, ...ir.input], 0, 1, 'float32', 9);
    expect(relErr(await ortOutput(file, x), (model.predict(x) as tf.Tensor).dataSync())).toBeLessThan(1e-4);
    model.dispose();
  });

  it('--checkpoint FILE.nsckpt: the checkpoint\'s weights', async () => {
    const ir = irOf(TINY);
    const model = tfModel(ir, 11);
    const ck = path.join(work, 'tiny.nsckpt');
    fs.writeFileSync(ck, encodeCheckpoint({ weights: modelWeights(model), optimizer: { type: 'sgd', step: 0, slots: [] }, meta: {} }));
    const file = path.join(work, 'ck.onnx');
    const r = await cli(TINY, '--to', 'onnx', '--out', file, '--checkpoint', ck);
    expect(r.code).toBe(0);
    const x = tf.randomUniform([2, ...ir.input], 0, 1, 'float32', 9);
    expect(relErr(await ortOutput(file, x), (model.predict(x) as tf.Tensor).dataSync())).toBeLessThan(1e-4);
    model.dispose();
  });
});
