// bench/torch_bench.py builds the same network as netspec from the IR: parameter counts equal
// hand-computed ones (and torchvision's / Caffe's published counts for the AlexNets), and with
// tfjs's weights copied in, a tiny net using every layer kind gives tfjs's outputs.
// Skipped where /usr/bin/python3 cannot import torch (apt-get install python3-torch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelIR } from '../src/model/ir.ts';
import { ACTIVATIONS } from '../src/model/fields.ts';
import { LAYER_KINDS } from '../src/model/layers/index.ts';
import { buildModel } from '../src/runtime/build.ts';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { NETSPEC_CPU, registerNetspecCpu } from '../src/runtime/backends/netspec-cpu.ts';
import { irJson } from '../bench/ir-json.ts';
import { checkTorch, torchAvailable } from '../bench/torch-peer.ts';

const root = path.resolve(__dirname, '..');
const torchCheck = torchAvailable();
const hasTorch = torchCheck.ok;
// .bench/ is ignored by git.
const work = path.join(root, '.bench', `test-torch-${process.pid}`);

/** Every layer kind; 'same' with stride 2 on even sizes pads asymmetrically ([0, 1]). */
const TINY = `
name: tiny
input: { shape: [12, 10, 4] }
classes: 5
layers:
  - { type: conv2d, name: ca, filters: 6, kernel: 3, stride: 2, padding: same, groups: 2, activation: elu }
  - { type: batchnorm, name: bn1, epsilon: 0.001, momentum: 0.2 }
  - { type: lrn, name: n1, size: 3, alpha: 0.5, beta: 0.75, k: 1 }
  - { type: lrn, name: n2, size: 5, alpha: 2, beta: 0.6, k: 1.5, convention: caffe }
  - { type: lrn, name: n3, size: 4, alpha: 0.8, beta: 0.75, k: 1, convention: caffe }
  - { type: maxpool, name: p1, size: 3, stride: 2, padding: 1, rounding: ceil }
  - { type: avgpool, name: p2, size: 2, stride: 1, padding: same }
  - { type: zeropad, name: zp, padding: [1, 0, 0, 2] }
  - { type: conv2d, name: cb, filters: 6, kernel: 1, activation: relu6, biasInit: 5 }
  - { type: add, name: sum, inputs: [zp, cb] }
  - { type: conv2d, name: cc, filters: 4, kernel: 3, padding: 2, dilation: 2, activation: sigmoid }
  - { type: concat, name: cat, inputs: [sum, cc] }
  - { type: activation, name: act, activation: leaky_relu, alpha: 0.2 }
  - { type: adaptiveavgpool, name: ap, output: [3, 2] }
  - { type: flatten, name: fl }
  - { type: globalavgpool, name: gap, inputs: [act] }
  - { type: concat, name: cat2, inputs: [fl, gap] }
  - { type: dense, name: d1, units: 7, activation: gelu }
  - { type: batchnorm, name: bn2, center: false }
  - { type: dropout, name: dr, rate: 0.3 }
  - { type: dense, name: d2, units: 5, activation: softmax }
`;

/** Every activation on values from about -6 to 10 (so that relu6 clips on both sides). */
const ACTS = `
name: acts
input: { shape: [1, 1, 6] }
classes: 4
layers:
  - { type: flatten, name: fl }
  - { type: dense, name: lo, units: 8, inputs: [fl] }
  - { type: dense, name: hi, units: 8, biasInit: 6, inputs: [fl] }
  - { type: concat, name: x, inputs: [lo, hi] }
${ACTIVATIONS.map((a) => `  - { type: activation, name: ${a}, activation: ${a}, inputs: [x] }`).join('\n')}
  - { type: concat, name: all, inputs: [${ACTIVATIONS.join(', ')}] }
  - { type: dense, name: out, units: 4, activation: relu6, biasInit: 3 }
`;

/** By hand: conv k·k·(cin/groups)·filters + filters; dense in·out + out; batchnorm γ and β (those
 * it has) + running mean and variance, as Keras counts. Shapes: 12×10×4 → ca 6×5×6 → pools 4×3×6 →
 * zeropad 5×5×6 → cat 5×5×10 → adaptive 3×2×10 = 60, + gap 10 = 70 into d1. */
const TINY_PARAMS = (3 * 3 * 2 * 6 + 6) + (6 + 6 + 2 * 6) + (6 * 6 + 6) + (3 * 3 * 6 * 4 + 4) + (70 * 7 + 7) + (7 + 2 * 7) + (7 * 5 + 5);

/** Batch normalisation after convolutions (HWC) and after a dense layer (flat), each center/scale case. */
const BN_NET = `
name: bnnet
input: { shape: [6, 5, 3] }
classes: 4
layers:
  - { type: conv2d, name: c1, filters: 4, kernel: 3, padding: 1 }
  - { type: batchnorm, name: b1, momentum: 0.3 }
  - { type: activation, name: a1, activation: silu }
  - { type: conv2d, name: c2, filters: 5, kernel: 3, stride: 2 }
  - { type: batchnorm, name: b2, scale: false, epsilon: 0.001 }
  - { type: flatten, name: fl }
  - { type: dense, name: d1, units: 6, activation: hard_swish }
  - { type: batchnorm, name: b3, center: false }
  - { type: dense, name: out, units: 4 }
`;

/** The IR of a spec (or that IR changed by `edit`), written where the script can read it. */
function irFile(spec: string, edit: (ir: ModelIR) => ModelIR = (ir) => ir, name = path.basename(spec)): string {
  const ir = irJson(spec);
  if (!ir.ok) throw new Error(ir.errors.join('\n'));
  const file = path.join(work, `${name}.ir.json`);
  fs.writeFileSync(file, JSON.stringify(edit(ir.ir)));
  return file;
}

const env = { ...process.env, OMP_NUM_THREADS: '1' };

describe.skipIf(!hasTorch)('torch_bench.py builds our networks', () => {
  let tinySpec = '';
  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    tinySpec = path.join(work, 'tiny.yaml');
    fs.writeFileSync(tinySpec, TINY);
    await tf.setBackend('cpu');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('the AlexNets have their published parameter counts in PyTorch too, and a wrong IR is refused', () => {
    const models = ['alexnet-torchvision', 'alexnet', 'alexnet-fashion'];
    const files = models.map((m) => irFile(path.join(root, 'models', `${m}.yaml`)));
    // An IR whose count is off by one: an error, not a figure.
    files.push(irFile(tinySpec, (ir) => ({ ...ir, nodes: ir.nodes.map((n) => (n.name === 'd1' ? { ...n, params: n.params + 1 } : n)) }), 'broken'));
    const runs = checkTorch(files, env);
    expect(runs.map((r) => (r.ok ? [r.report.params, r.report.irParams, r.report.finalSoftmax] : r.why))).toEqual([
      // torchvision.models.alexnet() and Caffe's bvlc_alexnet (grouped), as published.
      [61_100_840, 61_100_840, true],
      [60_965_224, 60_965_224, true],
      // conv 3·3·1·32+32, 3·3·32·64+64, 3·3·64·96+96, 3·3·48·96+96, 3·3·48·64+64; fc 256·512+512, 512·512+512, 512·10+10.
      Array(2).fill(320 + 18_496 + 55_392 + 41_568 + 27_712 + 131_584 + 262_656 + 5_130).concat(true),
      `PyTorch network differs from the IR: parameters: netspec ${TINY_PARAMS + 1}, PyTorch ${TINY_PARAMS}`,
    ]);
  });

  /** Our outputs and PyTorch's for `spec` with tfjs's initial weights copied into PyTorch. */
  async function bothOutputs(spec: string, name: string, train = false) {
    const file = path.join(work, `${name}.yaml`);
    fs.writeFileSync(file, spec);
    const ir = irJson(file);
    if (!ir.ok) throw new Error(ir.errors.join('\n'));
    const model = buildModel(ir.ir, { seed: 3 });
    // Batch normalisation's initial state is the identity: give it values that test something.
    for (const layer of model.layers.filter((l) => l.getClassName() === 'NetspecBatchNorm')) {
      const ranges: Record<string, [number, number]> = { gamma: [0.5, 1.5], beta: [-1, 1], moving_mean: [-1, 1], moving_variance: [0.5, 2] };
      layer.setWeights(layer.weights.map((w, i) => tf.randomUniform(w.shape as number[], ...ranges[w.originalName.split('/').pop()!], 'float32', 20 + i)));
    }
    // Weights and a batch of 3 inputs (with negative values) as raw float32 files for the script.
    const weights: Record<string, Record<string, { file: string; shape: number[] }>> = {};
    for (const node of ir.ir.nodes.filter((n) => n.params > 0)) {
      weights[node.name] = {};
      for (const w of model.getLayer(node.name).weights) {
        const part = w.originalName.split('/').pop()!; // kernel, bias; gamma, beta, moving_mean, moving_variance
        const f = `${node.name}.${part}.f32`;
        fs.writeFileSync(path.join(work, f), Buffer.from((w.read().dataSync() as Float32Array).buffer));
        weights[node.name][part] = { file: f, shape: w.shape as number[] };
      }
    }
    const x = tf.randomUniform([3, ...ir.ir.input], -2, 2, 'float32', 7);
    fs.writeFileSync(path.join(work, 'input.f32'), Buffer.from((x.dataSync() as Float32Array).buffer));
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify({ weights, input: { file: 'input.f32', shape: x.shape }, train }));
    const layerOut = (layer: string) => Array.from((tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output }).predict(x) as tf.Tensor).dataSync());
    const ours = Array.from((model.predict(x) as tf.Tensor).dataSync());
    const [r] = checkTorch([irFile(file)], env, work);
    return { ir: ir.ir, ours, r, layerOut, model, x };
  }

  it('a net of every layer kind: counts match, and with tfjs weights, outputs match tfjs', async () => {
    const { ir, ours, r } = await bothOutputs(TINY, 'tiny');
    // The table in torch_bench.py is tested against the core: every kind the core has is in this net.
    expect(new Set(ir.nodes.map((n) => n.layer.kind))).toEqual(new Set(Object.keys(LAYER_KINDS)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.report.params, r.report.irParams]).toEqual([TINY_PARAMS, TINY_PARAMS]);
    const theirs = r.report.output!;
    expect(theirs.length).toBe(3 * 5);
    const worst = Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])));
    expect(worst).toBeLessThan(1e-5);
    // Not a trivially uniform output: the comparison has something to compare.
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(0.05);
  });

  it('every activation equals PyTorch\'s (relu6 as torch.nn.ReLU6, clipping at 0 and 6)', async () => {
    const { ours, r, layerOut } = await bothOutputs(ACTS, 'acts');
    const relu6 = layerOut('relu6');
    expect(relu6.filter((v) => v === 6).length).toBeGreaterThan(0);
    expect(relu6.filter((v) => v === 0).length).toBeGreaterThan(0);
    expect(relu6.filter((v) => v > 0 && v < 6).length).toBeGreaterThan(0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const theirs = r.report.output!;
    expect(theirs.length).toBe(3 * 4);
    expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])))).toBeLessThan(1e-5);
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(0.05);
  });


  const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    expect(a.length).toBe(b.length);
    return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
  };

  // On netspec-cpu too: its native batch-norm kernels (kernels-batchnorm.ts) against PyTorch.
  const native = loadNativeAddon();
  const backends = ['cpu', ...(native.ok && registerNetspecCpu().ok ? [NETSPEC_CPU] : [])];
  it.each(backends)('batchnorm equals torch.nn.BatchNorm2d/1d on %s: inference with running statistics; training with batch statistics, the running update and the gradients', async (backend) => {
    await tf.setBackend(backend);
    const spies = native.ok ? [vi.spyOn(native.addon, 'batchNorm'), vi.spyOn(native.addon, 'batchNormGrad')] : [];
    try {
      await batchnormAgainstTorch();
      for (const spy of spies) expect(spy.mock.calls.length > 0).toBe(backend === NETSPEC_CPU);
    } finally {
      for (const spy of spies) spy.mockRestore();
      await tf.setBackend('cpu');
    }
  });

  async function batchnormAgainstTorch() {
    const { ir, ours, r, model, x } = await bothOutputs(BN_NET, 'bnnet', true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Counts: γ and β trainable, the running statistics not, as Keras (and PyTorch's buffers).
    const bn = ir.nodes.filter((n) => n.layer.kind === 'batchnorm').map((n) => [n.name, n.trainableParams, n.nonTrainableParams, n.multAdds]);
    expect(bn).toEqual([['b1', 8, 8, 0], ['b2', 5, 10, 0], ['b3', 6, 12, 0]]);
    expect([r.report.params, r.report.irParams]).toEqual(Array(2).fill(ir.nodes.reduce((a, n) => a + n.params, 0)));
    expect(worst(ours, r.report.output!)).toBeLessThan(1e-5);
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(0.05);

    // One training-mode forward and its gradients for sum(output · sin(1..n)), as the script's.
    const theirs = (r.report as unknown as { train: unknown }).train as { output: number[]; inputGrad: number[]; running: Record<string, Record<string, number[]>>; grads: Record<string, Record<string, number[]>> };
    const xv = tf.variable(x, true, `bnnet_x_${tf.getBackend()}`);
    const params = model.trainableWeights.filter((w) => w.originalName.startsWith('b')).map((w) => w.read() as tf.Variable);
    let y: tf.Tensor | undefined;
    const { grads } = tf.variableGrads(() => {
      const out = model.apply(xv, { training: true }) as tf.Tensor;
      y = tf.keep(out);
      const probe = tf.sin(tf.range(1, out.size + 1)).reshape(out.shape);
      return tf.sum(tf.mul(out, probe)) as tf.Scalar;
    }, [xv, ...params]);
    expect(worst(await y!.data(), theirs.output)).toBeLessThan(1e-5);
    // Batch statistics differ from the running ones: the training output is not the inference one.
    expect(worst(await y!.data(), ours)).toBeGreaterThan(0.01);
    expect(worst(await grads[xv.name].data(), theirs.inputGrad)).toBeLessThan(1e-4);
    for (const layer of ['b1', 'b2', 'b3']) {
      const l = model.getLayer(layer);
      for (const w of l.weights) {
        const part = w.originalName.split('/').pop()!;
        const expected = w.trainable ? theirs.grads[layer][part] : theirs.running[layer][part];
        const got = w.trainable ? await grads[(w.read() as tf.Variable).name].data() : await w.read().data();
        expect({ layer, part, ok: worst(got, expected) < 1e-4 }).toEqual({ layer, part, ok: true });
      }
    }
    expect(Object.values(theirs.grads).flatMap((g) => Object.keys(g)).sort()).toEqual(['beta', 'beta', 'gamma', 'gamma']);
  }
});

it.runIf(!hasTorch)(`PyTorch is unavailable here (${torchCheck.ok ? '' : torchCheck.why}): the translation tests are skipped`, () => {
  expect(torchAvailable().ok).toBe(false);
});
