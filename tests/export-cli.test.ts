// `npm run export` on bad input, and the exporter's pure parts: a checkpoint of another model
// lists every mismatching name and shape; a missing Python package names the command that
// installs it; a layer a target cannot express is named; text from a spec never becomes Python
// code; safetensors and the weight layouts round-trip.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import type { IRNode, ModelIR } from '../src/model/ir.ts';
import { freshWeights } from '../src/export/init.ts';
import { moduleTreeProblems } from '../src/export/modules.ts';
import { exportOnnx } from '../src/export/onnx/model.ts';
import { modelPy } from '../src/export/pytorch/model-py.ts';
import { pyComment, pyIdent, pyLiteral, pyStr } from '../src/export/pytorch/python.ts';
import { RECIPE_DEFAULTS } from '../src/export/pytorch/train-py.ts';
import { decodeSafetensors, encodeSafetensors } from '../src/export/safetensors.ts';
import { fromTorch, permute, toTorch } from '../src/export/weights.ts';
import { encodeCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { DEFAULTS } from '../src/runtime/train/config.ts';
import { PYTHON } from '../bench/torch-peer.ts';
import { irOf, ROOT } from './fixtures/export/harness.ts';

const work = fs.mkdtempSync(path.join(ROOT, '.bench', 'test-export-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const hasPython = fs.existsSync(PYTHON);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['export', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ALEX = 'models/alexnet-fashion.yaml';
const tiny = irOf('tests/fixtures/export/tiny-fashion.yaml');

describe('weights of another model: every mismatching name and shape (NS0702), exit 1', () => {
  it('a safetensors state dict, to ONNX', async () => {
    const t = toTorch(tiny, freshWeights(tiny));
    if (!t.ok) throw new Error(t.problems.join());
    const file = path.join(work, 'tiny.safetensors');
    fs.writeFileSync(file, encodeSafetensors(t.tensors));
    const r = await cli(ALEX, '--to', 'onnx', '--out', path.join(work, 'x.onnx'), '--checkpoint', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[NS0702]');
    expect(r.err).toContain('conv1.weight: shape [8, 1, 3, 3], the model needs [32, 1, 3, 3]');
    expect(r.err).toContain('missing conv3.weight [96, 64, 3, 3]');
    expect(r.err).toContain('unexpected fc.weight [10, 576]');
    expect(fs.existsSync(path.join(work, 'x.onnx'))).toBe(false);
  });

  it('a netspec checkpoint, to PyTorch', async () => {
    const file = path.join(work, 'tiny.nsckpt');
    fs.writeFileSync(file, encodeCheckpoint({ weights: freshWeights(tiny), optimizer: { type: 'sgd', step: 0, slots: [] }, meta: {} }));
    const r = await cli(ALEX, '--to', 'pytorch', '--out', path.join(work, 'py'), '--checkpoint', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[NS0702]');
    expect(r.err).toContain('conv1/kernel: shape [3, 3, 1, 8], the model needs [3, 3, 1, 32]');
    expect(r.err).toContain('unexpected fc/kernel [576, 10]');
  });
});

describe.runIf(hasPython)('--check without the Python package: NS0703 with the install command, exit 1', () => {
  const fake = path.join(work, 'python-without-packages');
  fs.writeFileSync(fake, '#!/bin/sh\necho "ModuleNotFoundError" >&2\nexit 1\n', { mode: 0o755 });
  it.each([
    ['pytorch', 'py-check', 'apt-get install python3-torch'],
    ['onnx', 'check.onnx', 'apt-get install python3-onnx'],
  ])('--to %s', async (to, out, install) => {
    const r = await cli('tests/fixtures/export/tiny-fashion.yaml', '--to', to, '--out', path.join(work, out), '--check', '--python', fake);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[NS0703]');
    expect(r.err).toContain(install);
  });

  it('a Python that is not there', async () => {
    const r = await cli('tests/fixtures/export/tiny-fashion.yaml', '--to', 'onnx', '--out', path.join(work, 'c.onnx'), '--check', '--python', path.join(work, 'nope'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/NS0703.*cannot be run \(ENOENT\)/);
  });
});

describe('other bad input', () => {
  it.each([
    [['--to', 'tflite', '--out', 'x'], '--to must be one of pytorch, onnx, netspec'],
    [['--to', 'onnx'], '--out is required'],
    [['--to', 'netspec', '--out', 'x'], '--to netspec needs --checkpoint'],
  ])('usage %j', async (args, message) => {
    const r = await cli('tests/fixtures/export/tiny-fashion.yaml', ...args);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
  });

  it('an unreadable weights file (NS0706) and an --out under a file (NS0704)', async () => {
    const junk = path.join(work, 'junk.bin');
    fs.writeFileSync(junk, 'not weights');
    const a = await cli(ALEX, '--to', 'onnx', '--out', path.join(work, 'a.onnx'), '--checkpoint', junk);
    expect([a.code, a.err]).toEqual([1, expect.stringContaining('error[NS0706]')]);
    const b = await cli(ALEX, '--to', 'pytorch', '--out', path.join(junk, 'sub'));
    expect([b.code, b.err]).toEqual([1, expect.stringContaining('error[NS0704]')]);
  });

  it('a spec with errors: its diagnostics, exit 1, nothing written', async () => {
    const bad = path.join(work, 'bad.yaml');
    fs.writeFileSync(bad, 'name: bad\ninput: { shape: [8, 8, 1] }\nclasses: 2\nlayers:\n  - { type: conv2d, filters: 3, kernel: 9 }\n');
    const r = await cli(bad, '--to', 'pytorch', '--out', path.join(work, 'bad-out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[NS0\d{3}\]/);
    expect(fs.existsSync(path.join(work, 'bad-out'))).toBe(false);
  });
});

describe('a layer a target cannot express is named (NS0701)', () => {
  // Every kind of today's IR has both translations; a kind added to the IR without one must be refused by name.
  const ir = irOf('tests/fixtures/export/tiny-fashion.yaml');
  const future: ModelIR = { ...ir, nodes: ir.nodes.map((n) => (n.name === 'pool1' ? { ...n, layer: { kind: 'fold' } } as unknown as IRNode : n)) };
  it.each([
    ['PyTorch', () => modelPy(future, 'x.yaml')],
    ['ONNX', () => exportOnnx(future, freshWeights(ir), { source: 'x.yaml', weightsFrom: 'fresh' })],
  ])('%s', (target, run) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['NS0701', `layer \`pool1\` (fold) has no ${target} translation`]]);
  });
});

describe('text from a spec never becomes Python code', () => {
  const hostile = ['"; import os; os.system("touch PWNED") #', "'''\"\"\"", 'a\nb\rc\u2028d\u0000', '\\" + __import__("os").getcwd() + "', 'ünï©ødé 🎉'];

  it.runIf(hasPython)('string literals and Python literals read back as the same text (Python\'s ast.literal_eval)', () => {
    const src = hostile.map((s) => pyStr(s)).concat(pyLiteral({ k: hostile, n: [1, 0.5, -1e-7, true, null] })).join('\n');
    const r = spawnSync(PYTHON, ['-c', 'import ast, json, sys\nprint(json.dumps([ast.literal_eval(l) for l in sys.stdin.read().split("\\n")]))'], { input: src, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([...hostile, { k: hostile, n: [1, 0.5, -1e-7, true, null] }]);
  });

  it('comments stay on one printable line; identifiers are identifiers', () => {
    for (const s of hostile) expect(pyComment(s)).toMatch(/^[\x20-\x7e]*$/);
    expect(['0', 'class', 'a-b', '', 'layer1.0.conv1'].map((s) => pyIdent(s))).toEqual(['v_0', 'class_', 'a_b', 'v', 'layer1_0_conv1']);
  });

  it.runIf(hasPython)('a spec path with a newline and code in it stays a comment: model.py runs and the code does not', () => {
    const dir = path.join(work, 'inject');
    fs.mkdirSync(dir, { recursive: true });
    const r = modelPy(tiny, `evil.yaml\nimport os; os.system("touch ${dir}/PWNED")`);
    if (!r.ok) throw new Error('export failed');
    fs.writeFileSync(path.join(dir, 'model.py'), r.source);
    const p = spawnSync(PYTHON, ['-c', `import ast, sys; ast.parse(open(sys.argv[1]).read())`, path.join(dir, 'model.py')], { encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(r.source.split('\n')[0]).toMatch(/^# .*evil\.yaml\?import os/);
    expect(fs.existsSync(path.join(dir, 'PWNED'))).toBe(false);
  });

  it('layer names that cannot be module paths are refused (NS0705), never pasted', () => {
    const bad: ModelIR = { ...tiny, nodes: tiny.nodes.map((n, i) => (i === 0 ? { ...n, name: 'x"]\nimport os' } : i === 1 ? { ...n, name: 'ok.inner' } : n)) };
    const withPrefix: ModelIR = { ...tiny, nodes: [...tiny.nodes.slice(0, 2), { ...tiny.nodes[2], name: 'pool1.0.c' }, ...tiny.nodes.slice(3)] };
    expect(moduleTreeProblems(bad, 'PyTorch').map((d) => d.code)).toEqual(['NS0705']);
    expect(moduleTreeProblems(withPrefix, 'PyTorch').map((d) => d.message)).toEqual(['layer `pool1` is also the block holding `pool1.0.c`; PyTorch cannot make one name both a module and a container']);
  });
});

describe('pure parts', () => {
  it('safetensors: float32 and int64 tensors and metadata round-trip; a truncated file is an error', () => {
    const bytes = encodeSafetensors([
      { name: 'a.weight', dtype: 'F32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, -6.5]) },
      { name: 'bn.num_batches_tracked', dtype: 'I64', shape: [], data: BigInt64Array.from([7n]) },
    ], { format: 'pt' });
    expect(Number(Buffer.from(bytes).readBigUInt64LE(0)) % 8).toBe(0);
    const d = decodeSafetensors(bytes);
    expect(d.ok && d.tensors.map((t) => [t.name, t.shape, Array.from(t.data as ArrayLike<number | bigint>)])).toEqual([['a.weight', [2, 3], [1, 2, 3, 4, 5, -6.5]], ['bn.num_batches_tracked', [], [7n]]]);
    expect(d.ok && d.metadata).toEqual({ format: 'pt' });
    expect(decodeSafetensors(bytes.subarray(0, 20))).toMatchObject({ ok: false });
  });

  it('weights: netspec -> PyTorch -> netspec is the identity; kernels are OIHW and dense [out, in]', () => {
    const w = freshWeights(tiny, 5);
    const t = toTorch(tiny, w);
    if (!t.ok) throw new Error();
    expect(t.tensors.find((x) => x.name === 'conv2.weight')!.shape).toEqual([16, 8, 3, 3]);
    expect(t.tensors.find((x) => x.name === 'fc.weight')!.shape).toEqual([10, 576]);
    const back = fromTorch(tiny, t.tensors);
    expect(back.ok && back.tensors.map((x) => [x.name, x.shape, Array.from(x.values)])).toEqual(w.map((x) => [x.name, x.shape, Array.from(x.values)]));
    // conv kernel [kh, kw, in, out][0][1][2][3] is torch's [out, in, kh, kw][3][2][0][1].
    const k = w.find((x) => x.name === 'conv2/kernel')!;
    const o = t.tensors.find((x) => x.name === 'conv2.weight')!.data as Float32Array;
    expect(o[((3 * 8 + 2) * 3 + 0) * 3 + 1]).toBe(k.values[((0 * 3 + 1) * 8 + 2) * 16 + 3]);
    expect(Array.from(permute(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('fresh weights follow the spec\'s schemes: he (truncated, std √(2/fan_in)), glorot (uniform), biasInit', () => {
    const alex = irOf(ALEX); // init: he
    const w = new Map(freshWeights(alex, 2).map((t) => [t.name, t.values]));
    const std = (v: Float32Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
    const maxAbs = (v: Float32Array) => v.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
    expect(std(w.get('fc6/kernel')!) / Math.sqrt(2 / 256)).toBeCloseTo(1, 1); // pool5 is 2x2x64
    expect(maxAbs(w.get('fc6/kernel')!)).toBeLessThanOrEqual(2 * Math.sqrt(2 / 256) / 0.8796256610342398 + 1e-6);
    const fixture = new Map(freshWeights(irOf('tests/fixtures/export/every-layer.yaml'), 2).map((t) => [t.name, t.values]));
    const limit = Math.sqrt(6 / (4 * 4 * 3 + 4 * 4 * 8)); // c1: glorot, 4x4 kernel, 3 -> 8
    expect(maxAbs(fixture.get('c1/kernel')!)).toBeLessThanOrEqual(limit);
    expect(std(fixture.get('c1/kernel')!) / (limit / Math.sqrt(3))).toBeCloseTo(1, 0);
  });

  it.runIf(hasPython && spawnSync(PYTHON, ['-c', 'import torch']).status === 0)('model.py starts from the spec\'s initialisation (he: std √(2/fan_in))', () => {
    const dir = path.join(work, 'init');
    fs.mkdirSync(dir, { recursive: true });
    const r = modelPy(irOf(ALEX), ALEX);
    if (!r.ok) throw new Error('export failed');
    fs.writeFileSync(path.join(dir, 'model.py'), r.source);
    const p = spawnSync(PYTHON, ['-c', 'import sys, json; sys.path.insert(0, sys.argv[1]); import model; m = model.build(); print(json.dumps([m.fc6.weight.std().item(), m.conv3.weight.std().item(), m.fc6.bias.abs().max().item()]))', dir], { encoding: 'utf8' });
    const [fc6, conv3, bias] = JSON.parse(p.stdout) as number[];
    expect(fc6 / Math.sqrt(2 / 256)).toBeCloseTo(1, 1); // pool5 is 2x2x64
    expect(conv3 / Math.sqrt(2 / (9 * 64))).toBeCloseTo(1, 1);
    expect(bias).toBe(0);
  });

  it("train.py's defaults are netspec train's", () => {
    expect(RECIPE_DEFAULTS).toEqual(DEFAULTS);
  });
});
