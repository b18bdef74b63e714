// The exported train.py under PyTorch (Debian's python3-torch), a few steps at a time on real
// Fashion-MNIST: one process, `torchrun --nproc_per_node 2` (DistributedDataParallel over gloo),
// and two torchrun "nodes" meeting at a c10d rendezvous on 127.0.0.1. With the same global batch
// and no dropout, the processes together compute the single process's losses; each process takes
// half the batch; metrics.jsonl has netspec train's fields; and the weights come back to netspec
// (`export --to netspec`), where `eval` finds PyTorch's validation loss and errors.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { PYTHON, torchAvailable } from '../bench/torch-peer.ts';
import { inCI } from './ci-env.ts';
import { ROOT } from './fixtures/export/harness.ts';

const hasTorch = torchAvailable().ok;
const hasData = fs.existsSync('/usr/share/datasets/fashion-mnist');
const work = path.join(ROOT, '.bench', `test-export-train-${process.pid}`);
const TINY = 'tests/fixtures/export/tiny-fashion.yaml';
// Validation on the whole test split (10,000 images), which `eval` reads too.
const STEPS = ['--steps-per-epoch', '4', '--threads', '1'];
// Debian 12's torch 1.13 under Python 3.11 cannot parse torchrun's default "0" for --redirects and
// --tee (Python 3.11's Flag iteration skips 0); giving both a value sidesteps it.
const TORCHRUN = ['torchrun', '--redirects', '1', '--tee', '1'];

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: ROOT }, out, err };
};
const metrics = (dir: string) => fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const env = { ...process.env, OMP_NUM_THREADS: '1' };

type Ran = { status: number | null; output: string };
// Under the suite's 300 s per test, so a stuck run fails with its own output instead of a bare timeout.
const DEADLINE_MS = 200_000;

/**
 * One command in its own process group. It ends when the command exits and its output closes; at
 * the deadline, or when something the command started keeps the output open 15 s after it exited,
 * the whole group is killed and the output says which.
 */
function run(cmd: string[], cwd: string, deadlineMs = DEADLINE_MS): Promise<Ran> {
  return new Promise((done) => {
    const p = spawn(cmd[0], cmd.slice(1), { cwd, env, detached: true });
    let output = '';
    let status: number | null = null;
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    const killGroup = (why: string) => {
      output += `\n[test] ${why}: killing process group ${p.pid}\n`;
      try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* already gone */ }
    };
    const deadline = setTimeout(() => killGroup(`still running after ${deadlineMs / 1000} s`), deadlineMs);
    let lingering: NodeJS.Timeout | undefined;
    p.on('exit', (code) => {
      status = code;
      lingering = setTimeout(() => killGroup(`exited ${code}, but a child kept its output open`), 15_000);
    });
    p.on('close', () => (clearTimeout(deadline), clearTimeout(lingering), done({ status, output })));
  });
}

/** Both commands at once (two torchrun nodes must meet); their outputs. */
const runTogether = (cmds: string[][], cwd: string): Promise<Ran[]> => Promise.all(cmds.map((cmd) => run(cmd, cwd)));

/** A run that must succeed: a failure shows the end of what it printed (a matcher's diff omits it). */
function ok(r: Ran): string {
  expect(r.status, `exit status ${r.status}; the end of its output:\n${r.output.slice(-6000)}`).toBe(0);
  return r.output;
}

describe.runIf(hasTorch && hasData)('train.py: one process, DistributedDataParallel, two nodes, and back to netspec', () => {
  const dir = path.join(work, 'tiny');
  let single: Record<string, number>;

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    const c = io();
    expect(await main(['export', TINY, '--to', 'pytorch', '--out', dir], c.io)).toBe(0);
    const output = ok(await run([PYTHON, 'train.py', ...STEPS, '--out', path.join(work, 'single')], dir));
    expect(output).toContain('epoch 1/1');
    [single] = metrics(path.join(work, 'single'));
  }, 300_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('one process: 4 steps of the whole batch (32), netspec train\'s metric fields', async () => {
    expect(single).toMatchObject({ epoch: 1, step: 4, images: 128 });
    expect(Number.isFinite(single.trainLoss) && Number.isFinite(single.valLoss)).toBe(true);
    // netspec's own run of the same spec, two steps, for its field names.
    const c = io();
    const ours = path.join(work, 'netspec-run');
    expect(await main(['train', TINY, '--epochs', '1', '--steps-per-epoch', '2', '--val-steps', '1', '--out', ours, '--progress', 'lines'], c.io)).toBe(0);
    expect(Object.keys(single).sort()).toEqual(Object.keys(metrics(ours)[0]).sort());

    // That netspec run's weights to PyTorch (its checkpoint) and to ONNX (its TF.js export), checked by Python.
    const py = io();
    expect(await main(['export', TINY, '--to', 'pytorch', '--out', path.join(work, 'from-run'), '--checkpoint', ours, '--check'], py.io)).toBe(0);
    expect(py.out.join('\n')).toMatch(/checked with PyTorch: TinyFashion: 7,018 parameters, output \[1, 10\]/);
    const ox = io();
    expect(await main(['export', TINY, '--to', 'onnx', '--out', path.join(work, 'from-run.onnx'), '--checkpoint', path.join(ours, 'model')], ox.io)).toBe(0);
    expect(ox.out.join('\n')).toContain(`weights from ${path.relative(ROOT, path.join(ours, 'model'))}`);
  }, 300_000);

  it('torchrun --nproc_per_node 2: each process takes 16 of the 32, and the losses are the single process\'s', async () => {
    const out = path.join(work, 'ddp');
    const output = ok(await run([...TORCHRUN, '--standalone', '--nproc_per_node', '2', 'train.py', ...STEPS, '--out', out], dir));
    expect(output).toContain('process 0 of 2: 16 images per step');
    expect(output).toContain('process 1 of 2: 16 images per step');
    const [m] = metrics(out);
    expect(m).toMatchObject({ epoch: 1, step: 4, images: 128, valTop1Error: single.valTop1Error, valTop5Error: single.valTop5Error });
    expect(Math.abs(m.trainLoss - single.trainLoss) / single.trainLoss).toBeLessThan(1e-5);
    expect(Math.abs(m.valLoss - single.valLoss) / single.valLoss).toBeLessThan(1e-5);
  }, 300_000);

  it('two torchrun invocations (--nnodes 2, c10d rendezvous on 127.0.0.1) train as one', async () => {
    const out = path.join(work, 'nodes');
    const port = String(29_400 + (process.pid % 500));
    const node = (rank: number) => [...TORCHRUN, '--nnodes', '2', '--node_rank', String(rank), '--nproc_per_node', '1', '--rdzv_backend', 'c10d',
      '--rdzv_endpoint', `127.0.0.1:${port}`, '--rdzv_id', `netspec-test-${process.pid}`, 'train.py', ...STEPS, '--out', out];
    const [a, b] = await runTogether([node(0), node(1)], dir);
    ok(a);
    ok(b);
    expect(a.output + b.output).toContain('process 1 of 2: 16 images per step');
    const [m] = metrics(out);
    expect(Math.abs(m.trainLoss - single.trainLoss) / single.trainLoss).toBeLessThan(1e-5);
    expect(m.valTop1Error).toBe(single.valTop1Error);
  }, 300_000);

  it('the weights come back: export --to netspec, then eval finds PyTorch\'s validation loss and errors', async () => {
    const back = path.join(work, 'back');
    const c = io();
    expect(await main(['export', TINY, '--to', 'netspec', '--checkpoint', path.join(work, 'single', 'model.safetensors'), '--out', back], c.io)).toBe(0);
    const e = io();
    expect(await main(['eval', back, '--json'], e.io)).toBe(0);
    const result = JSON.parse(e.out.at(-1)!);
    expect(result.images).toBe(10_000);
    expect(result.top1Error).toBeCloseTo(single.valTop1Error, 3);
    expect(result.top5Error).toBeCloseTo(single.valTop5Error, 3);
    expect(Math.abs(result.loss - single.valLoss) / single.valLoss).toBeLessThan(1e-4);
    expect(fs.existsSync(path.join(back, 'model', 'model.json'))).toBe(true); // the TF.js export
  }, 300_000);

  it('the exported alexnet-fashion trains under torchrun --nproc_per_node 2 (gloo), 3 steps', async () => {
    const alex = path.join(work, 'alexnet');
    expect(await main(['export', 'models/alexnet-fashion.yaml', '--to', 'pytorch', '--out', alex], io().io)).toBe(0);
    const out = path.join(work, 'alexnet-run');
    const output = ok(await run([...TORCHRUN, '--standalone', '--nproc_per_node', '2', 'train.py', '--steps-per-epoch', '3', '--val-steps', '2', '--threads', '1', '--out', out], alex));
    expect(output).toContain('process 1 of 2: 32 images per step');
    const [m] = metrics(out);
    expect(m).toMatchObject({ epoch: 1, step: 3, images: 192 });
    expect(Number.isFinite(m.trainLoss) && Number.isFinite(m.valLoss)).toBe(true);
    expect(fs.existsSync(path.join(out, 'model.safetensors'))).toBe(true);
  }, 300_000);

  it('an ImageFolder tree (torchvision: resize, padded random crop, flip; PCA colour) under torchrun, and back to netspec eval', async () => {
    const data = path.join(work, 'folder');
    const make = spawnSync(PYTHON, ['-c', `
from PIL import Image
import os, random, sys
random.seed(0)
for split, n in (("train", 12), ("val", 4)):
    for k, cls in enumerate(("cats", "dogs")):
        d = os.path.join(sys.argv[1], split, cls)
        os.makedirs(d, exist_ok=True)
        for i in range(n):
            Image.new("RGB", (30 + i, 32), (200 if k == 0 else 40, random.randint(0, 255), 90)).save(os.path.join(d, f"{i}.png"))
`, data], { encoding: 'utf8' });
    expect(make.stderr).toBe('');
    const spec = 'tests/fixtures/export/tiny-folder.yaml';
    const code = path.join(work, 'folder-py');
    expect(await main(['export', spec, '--to', 'pytorch', '--out', code], io().io)).toBe(0);
    const out = path.join(work, 'folder-run');
    const output = ok(await run([...TORCHRUN, '--standalone', '--nproc_per_node', '2', 'train.py', '--data', data, '--workers', '1', '--threads', '1', '--out', out], code));
    expect(output).toContain('process 1 of 2: 4 images per step');
    const [m] = metrics(out);
    expect(m).toMatchObject({ epoch: 1, step: 3, images: 24 });
    const back = path.join(work, 'folder-back');
    expect(await main(['export', spec, '--to', 'netspec', '--checkpoint', path.join(out, 'model.safetensors'), '--out', back], io().io)).toBe(0);
    const e = io();
    expect(await main(['eval', back, '--json', '--data', data], e.io)).toBe(0);
    expect(JSON.parse(e.out.at(-1)!).images).toBe(8);
  }, 300_000);

  it('processes end: DDP, World.sum and World.close, then exit, 8 times without a hang (4 of 10 hung before REDUCED)', async () => {
    const race = path.join(ROOT, 'tests', 'fixtures', 'export', 'exit_race.py');
    for (let i = 0; i < 8; i++) {
      const output = ok(await run([...TORCHRUN, '--standalone', '--nproc_per_node', '2', race, dir], dir, 30_000));
      expect(output).toContain('process 1: closed');
    }
  }, 300_000);

  it('--resume continues the single run to a second epoch (last: it changes that run)', async () => {
    const output = ok(await run([PYTHON, 'train.py', ...STEPS, '--epochs', '2', '--resume', '--out', path.join(work, 'single')], dir));
    expect(output).toContain('resuming');
    expect(metrics(path.join(work, 'single')).map((m) => [m.epoch, m.step])).toEqual([[1, 4], [2, 8]]);
  }, 300_000);
});

it.runIf(!hasTorch || !hasData)('PyTorch or Fashion-MNIST missing here (apt-get install python3-torch dataset-fashion-mnist): train.py is not exercised, which CI does not allow', () => {
  expect(inCI).toBe(false);
});
