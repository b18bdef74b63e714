// The train and eval commands end to end on real Fashion-MNIST with a tiny spec (pure-JS cpu
// backend), and the fault tests: a training process killed with SIGKILL mid-epoch, and one killed
// in the middle of a checkpoint write, both resume to the uninterrupted run's metrics.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../src/cli/eval.ts';
import { trainCommand } from '../src/cli/train.ts';
import { checkpointName, listCheckpoints, readCheckpoint } from '../src/runtime/train/checkpoint.ts';
import { expectSameMetrics, FASHION, haveFashion, readMetrics } from './train-helpers.ts';

const root = path.resolve(__dirname, '..');
const work = path.join(root, 'runs', `.test-train-cli-${process.pid}`);
const spec = path.join(work, 'tiny-fashion.yaml');

const SPEC = `name: tiny-fashion
input: { shape: [28, 28, 1] }
classes: 10
layers:
  - { type: conv2d, name: conv1, filters: 4, kernel: 3, stride: 2, activation: relu, init: he }
  - { type: flatten }
  - { type: dropout, name: drop1, rate: 0.25 }
  - { type: dense, name: fc, units: 10, activation: softmax, init: glorot }
train:
  dataset: { kind: fashion-mnist }
  batchSize: 32
  epochs: 2
  stepsPerEpoch: 8
  optimizer: { type: sgd, lr: 0.05, momentum: 0.9, weightDecay: 0.0005 }
  schedule: { type: step, stepSize: 1, gamma: 0.5 }
  augment: { crop: { padding: 2 }, flip: true }
  seed: 7
`;
const ARGS = ['--data', FASHION, '--backend', 'cpu', '--val-steps', '4', '--checkpoint-every', '2'];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: root } };
}
const train = (argv: string[]) => {
  const c = capture();
  return trainCommand(argv, c.io).then((code) => ({ code, ...c }));
};

/** Starts the child trainer; resolves when it exits (with its signal). */
function child(killAt: number, argv: string[]) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/train-child.ts', String(killAt), ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { proc, done };
}

const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(() => {
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(spec, SPEC);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('usage', () => {
  it.each([
    [['--help'], 0, /^Usage: npm run train -- <model.yaml>/],
    [[], 'throws', /give a model file/],
    [['a.yaml', 'b.yaml'], 'throws', /exactly one model file/],
    [['a.yaml', '--epochs', '0'], 'throws', /--epochs must be an integer >= 1; received "0"/],
    [['a.yaml', '--optimizer', 'rmsprop'], 'throws', /--optimizer must be one of sgd, adam/],
    [['a.yaml', '--backend', 'tpu'], 'throws', /--backend must be one of auto, cuda/],
    [['--resume', 'runs/x', '--lr', '0.1'], 'throws', /only --epochs can change \(received --lr\)/],
    [['--resume', 'runs/x', 'a.yaml'], 'throws', /give no model file/],
    [['a.yaml', '--bogus'], 'throws', /bogus/],
  ] as [string[], number | 'throws', RegExp][])('train %j', async (argv, expected, message) => {
    if (expected === 'throws') {
      await expect(train(argv)).rejects.toThrow(message);
    } else {
      const r = await train(argv);
      expect(r.code).toBe(expected);
      expect(r.out.join('\n')).toMatch(message);
    }
  });

  it('eval --help, and eval of a folder without checkpoints', async () => {
    const h = capture();
    expect(await evalCommand(['--help'], h.io)).toBe(0);
    expect(h.out[0]).toMatch(/^Usage: npm run eval -- runs\/<run> \[--ten-crop\]/);
    const c = capture();
    expect(await evalCommand([work, '--backend', 'cpu'], c.io)).toBe(1);
    expect(c.err.join('\n')).toBe(`error[NS0407]: no checkpoint in ${path.join(work, 'checkpoints')}\n\n1 error\n`);
  });

  it('an explicit --backend that cannot start exits 1 naming why (never another backend)', async () => {
    // tfjs-node-gpu cannot install here (its installer downloads libtensorflow).
    const r = await train([spec, '--backend', 'cuda']);
    expect(r.code).toBe(1);
    expect(r.out.filter((l) => l.startsWith('backend:'))).toEqual([]);
    expect(r.err.join('\n')).toMatch(/^error\[NS0405\]: --backend cuda cannot start: .+\n {2}= help: /);
  });

  it('a spec with errors prints its diagnostics and exits 1', async () => {
    const bad = path.join(work, 'bad.yaml');
    fs.writeFileSync(bad, 'name: bad\ninput: { shape: [28, 28, 1] }\nclasses: 10\nlayers:\n  - { type: conv2d, filters: -1, kernel: 3 }\n');
    const r = await train([bad, '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/bad\.yaml:5/);
  });
});

describe.skipIf(!haveFashion)('training from the command line', () => {
  const full = path.join(work, 'full');
  let run: Awaited<ReturnType<typeof train>>;

  beforeAll(async () => {
    run = await train([spec, ...ARGS, '--out', full]);
  }, 120_000);

  it('builds the model in process: nothing is written beside the spec or under generated/', () => {
    expect(fs.readdirSync(work).filter((f) => f !== 'full' && !f.endsWith('.yaml'))).toEqual([]);
    expect(fs.existsSync(path.join(root, 'generated', 'tiny-fashion.ts'))).toBe(false);
  });

  it('trains, prints the backend, and fills the run folder', () => {
    expect(run.err.filter((l) => !l.startsWith('warning'))).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe('backend: cpu — CPU (pure JavaScript, single thread; slow) (requested: cpu)');
    expect(run.out.at(-1)).toMatch(/^done: 2 epochs, 16 steps; validation top-1 error [\d.]+%, top-5 [\d.]+%; model in runs\/.*full\/model$/);
    expect(fs.readdirSync(full).sort()).toEqual(['checkpoints', 'config.json', 'environment.json', 'metrics.jsonl', 'model', 'report.html', 'spec.yaml', 'steps.jsonl']);
    expect(fs.readFileSync(path.join(full, 'spec.yaml'), 'utf8')).toBe(SPEC);
    const config = JSON.parse(fs.readFileSync(path.join(full, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model: 'tiny-fashion', batchSize: 32, epochs: 2, stepsPerEpoch: 8, valSteps: 4, checkpointEvery: 2, seed: 7, data: FASHION });
    const m = readMetrics(path.join(full, 'metrics.jsonl'));
    expect(m.map((x) => [x.epoch, x.step, x.lr])).toEqual([[1, 8, 0.05], [2, 16, 0.025]]);
    expect(fs.readdirSync(path.join(full, 'model')).sort()).toEqual(['model.json', 'netspec.json', 'weights.bin']);
  });

  it('eval reports top-1 / top-5 error of the run, with centre crop and ten-crop', async () => {
    for (const extra of [[], ['--ten-crop']]) {
      const c = capture();
      expect(await evalCommand([full, '--backend', 'cpu', '--steps', '4', '--json', ...extra], c.io)).toBe(0);
      const r = JSON.parse(c.out.join('\n'));
      expect(r).toMatchObject({ checkpoint: path.join(full, 'checkpoints', checkpointName(16)), steps: 16, images: 128, crops: extra.length ? 'ten-crop' : 'centre' });
      expect(r.top5Error).toBeLessThanOrEqual(r.top1Error);
      expect(r.top1Error).toBeLessThan(0.9);
    }
    // The centre-crop result on the validation batches equals the last epoch's validation metrics.
    const c = capture();
    await evalCommand([full, '--backend', 'cpu', '--steps', '4', '--json'], c.io);
    const last = readMetrics(path.join(full, 'metrics.jsonl')).at(-1)!;
    const r = JSON.parse(c.out.join('\n'));
    expect(r.top1Error).toBe(last.valTop1Error);
    expect(r.loss).toBeCloseTo(last.valLoss!, 6);
  }, 60_000);

  it('--resume of a finished run only re-exports', async () => {
    const r = await train(['--resume', full, '--backend', 'cpu']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/already finished its 2 epochs/);
    expect(readMetrics(path.join(full, 'metrics.jsonl'))).toHaveLength(2);
  });

  it('a training process killed with SIGKILL mid-epoch resumes to the same metrics', async () => {
    const dir = path.join(work, 'killed');
    const c = child(0, [spec, ...ARGS, '--out', dir]);
    // Kill once step 10 (epoch 2, batch 2) is checkpointed.
    const target = path.join(dir, 'checkpoints', checkpointName(10));
    await waitFor(() => fs.existsSync(target), 90_000);
    c.proc.kill('SIGKILL');
    const exit = await c.done;
    expect(exit.signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dir, 'model'))).toBe(false); // it really was stopped before the end
    const r = await train(['--resume', dir, '--backend', 'cpu']);
    expect(r.err.filter((l) => !l.startsWith('warning'))).toEqual([]);
    expect(r.code).toBe(0);
    expectSameMetrics(readMetrics(path.join(dir, 'metrics.jsonl')), readMetrics(path.join(full, 'metrics.jsonl')));
  }, 120_000);

  it('a process killed in the middle of a checkpoint write loses nothing and resumes to the same metrics', async () => {
    const dir = path.join(work, 'killed-writing');
    // Checkpoint writes: steps 2, 4, 6, 8 (epoch end) …; die inside the 3rd (step 6).
    const exit = await child(3, [spec, ...ARGS, '--out', dir]).done;
    expect(exit.signal).toBe('SIGKILL');
    const ckDir = path.join(dir, 'checkpoints');
    const left = fs.readdirSync(ckDir).sort();
    // The complete temporary file of step 10 was never renamed; the last two checkpoints are intact.
    expect(left.filter((n) => n.includes('.tmp-'))).toHaveLength(1);
    expect(listCheckpoints(ckDir).map((f) => path.basename(f))).toEqual([checkpointName(4), checkpointName(2)]);
    for (const f of listCheckpoints(ckDir)) expect(readCheckpoint(f).ok).toBe(true);
    const r = await train(['--resume', dir, '--backend', 'cpu']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/resuming .* from ckpt-000000004\.nsckpt: epoch 1, step 5, 4 updates done/);
    expect(fs.readdirSync(ckDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expectSameMetrics(readMetrics(path.join(dir, 'metrics.jsonl')), readMetrics(path.join(full, 'metrics.jsonl')));
  }, 120_000);

  it('a damaged newest checkpoint: resume warns, names it, and falls back to the previous one', async () => {
    const dir = path.join(work, 'damaged');
    fs.cpSync(full, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'model'), { recursive: true });
    const newest = path.join(dir, 'checkpoints', checkpointName(16));
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(newest, bytes);
    const r = await train(['--resume', dir, '--backend', 'cpu']);
    expect(r.err[0]).toBe(`warning: ${newest}: damaged or truncated: the SHA-256 checksum does not match its contents; falling back to the previous checkpoint`);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/from ckpt-000000014\.nsckpt: epoch 2, step 7/);
    expectSameMetrics(readMetrics(path.join(dir, 'metrics.jsonl')), readMetrics(path.join(full, 'metrics.jsonl')));
  }, 60_000);

  it('a diverging run exits 1 naming the step', async () => {
    const r = await train([spec, ...ARGS, '--lr', '1e30', '--out', path.join(work, 'nan')]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/^error\[NS0408\]: the loss became NaN at step \d+ \(epoch 1, batch \d+ of 8\)/);
  }, 60_000);
});
