// Mistakes a user makes (issue 12, item 5), each with what netspec says: options repeated with
// --resume, a dataset whose class count differs from the model's, --val-steps on a validation set
// sorted by class, a directory or a URL as the spec, a spec saved with a BOM or CRLF line endings.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { analyzeModel } from '../src/compiler/analyze.ts';
import { analyzeWithClasses } from '../src/compiler/classes-variant.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';
import { memorySplit } from '../src/runtime/data/split.ts';
import { NO_AUGMENT, NO_NORMALIZATION } from '../src/runtime/data/index.ts';
import { resumeConflicts, type TrainConfig } from '../src/runtime/train/config.ts';
import { evaluate } from '../src/runtime/train/evaluate.ts';
import { FASHION, haveFashion, tinyConfig } from './train-helpers.ts';

const root = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-mistakes-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tinySpec = (classes: number, extra = '') => `name: tiny
input: { shape: [28, 28, 1] }
classes: ${classes}
layers:
  - { type: conv2d, filters: 4, kernel: 3, stride: 2, activation: relu }
  - { type: flatten }
  - { type: dense, name: head, units: ${classes}, activation: softmax }
train:
  dataset: { kind: fashion-mnist, path: ${FASHION} }
  batchSize: 8
  epochs: 1
  stepsPerEpoch: 2
  optimizer: { type: sgd, lr: 0.01, momentum: 0.9 }
${extra}`;

describe('--resume with options', () => {
  const saved = tinyConfig({ lr: 0.05, batchSize: 32 });
  it.each([
    [{ batchSize: 32 }, []],
    [{ lr: 0.05, seed: saved.seed, epochs: 9 }, []],
    [{ momentum: 0.9, weightDecay: 0.0005, optimizer: 'sgd' as const, schedule: 'step' as const, valSteps: 8, data: FASHION }, []],
    [{ onBadImage: 'error' as const }, []],
    [{ batchSize: 64 }, [['--batch', 32, 64]]],
    [{ lr: 0.1, seed: saved.seed }, [['--lr', 0.05, 0.1]]],
    [{ optimizer: 'adam' as const, stepsPerEpoch: 3 }, [['--steps-per-epoch', 16, 3], ['--optimizer', 'sgd', 'adam']]],
    [{ onBadImage: 'skip' as const }, [['--bad-images', 'error', 'skip']]],
  ])('%j: conflicts %j', (o, expected) => {
    expect(resumeConflicts(saved as TrainConfig, o).map((c) => [c.option, c.saved, c.given]).sort()).toEqual([...expected].sort());
  });

  describe.skipIf(!haveFashion)('from the command line, on a real run', () => {
    const dir = path.join(tmp, 'resume-run');
    const spec = path.join(tmp, 'tiny.yaml');
    it('trains one epoch', async () => {
      fs.writeFileSync(spec, tinySpec(10));
      const r = await run('train', spec, '--out', dir, '--val-steps', '1', '--progress', 'lines');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }, 120_000);
    it('a different value keeps the error, naming the saved and the given value', async () => {
      const r = await run('train', '--resume', dir, '--batch', '16', '--epochs', '2');
      expect(r.code).toBe(1);
      expect(r.err).toContain('a resumed run keeps its configuration (config.json); only --epochs can change (received --batch 16, saved 8)');
    });
    it('the saved values repeated are accepted, and the run continues', async () => {
      const r = await run('train', '--resume', dir, '--batch', '8', '--val-steps', '1', '--data', FASHION, '--epochs', '2', '--progress', 'lines');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^done: 2 epochs, 4 steps/m);
    }, 120_000);
  });
});

describe('a dataset whose class count differs from the model', () => {
  it.skipIf(!haveFashion)('Fashion-MNIST (10 classes) into a 3-way model: both numbers and --classes', async () => {
    const spec = path.join(tmp, 'three.yaml');
    fs.writeFileSync(spec, tinySpec(3));
    const r = await run('train', spec, '--out', path.join(tmp, 'three-run'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[NS0409]: the dataset (/usr/share/datasets/fashion-mnist) has 10 classes, but the model predicts 3 classes');
    expect(r.err).toContain('help: train with `--classes 10`');
  }, 60_000);

  const folder = path.join(tmp, 'folder');
  const image = (v: number) => sharp({ create: { width: 32, height: 32, channels: 3, background: { r: v, g: v, b: v } } }).png().toBuffer();
  async function makeFolder() {
    for (const [split, n] of [['train', 4], ['val', 2]] as const) {
      for (const c of ['cat', 'dog']) {
        fs.mkdirSync(path.join(folder, split, c), { recursive: true });
        for (let i = 0; i < n; i++) fs.writeFileSync(path.join(folder, split, c, `${i}.png`), await image(c === 'cat' ? 40 + i : 200 - i));
      }
    }
  }
  const folderSpec = path.join(tmp, 'folder.yaml');
  const spec10 = `name: folder10
input: { shape: [28, 28, 3] }
classes: 10
layers:
  - { type: conv2d, filters: 4, kernel: 3, stride: 2, activation: relu }
  - { type: flatten }
  - { type: dense, name: fc, units: 10, activation: softmax }
train:
  dataset: { kind: imagefolder, path: ${folder}, resize: 28 }
  batchSize: 4
  epochs: 1
`;

  it('ImageFolder (2 class folders) into a 10-way model: refused, naming both and --classes 2', async () => {
    await makeFolder();
    fs.writeFileSync(folderSpec, spec10);
    const r = await run('train', folderSpec, '--out', path.join(tmp, 'folder-run'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error[NS0409]: the dataset (${folder}) has 2 class folders, but the model predicts 10 classes`);
    expect(r.err).toContain('help: train with `--classes 2` (the same model with a 2-way last layer)');
    expect(fs.existsSync(path.join(tmp, 'folder-run', 'checkpoints'))).toBe(false);
  }, 60_000);

  it('--classes 2 trains the same model with a 2-way head', async () => {
    const r = await run('train', folderSpec, '--classes', '2', '--out', path.join(tmp, 'folder-run2'), '--backend', 'cpu', '--progress', 'lines');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--classes 2: folder10 with `fc` (units: 10 -> 2) and `classes: 2`');
    // conv 3·3·3·4 + 4 = 112, dense 676·2 + 2 = 1,354 (a 10-way head would have 6,770).
    expect(r.out).toContain('model: folder10 (1,466 parameters)');
    const config = JSON.parse(fs.readFileSync(path.join(tmp, 'folder-run2', 'config.json'), 'utf8'));
    expect(config.model).toBe('folder10');
    expect(fs.readFileSync(path.join(tmp, 'folder-run2', 'spec.yaml'), 'utf8')).toContain('classes: 2');
  }, 60_000);

  it.each([
    // model, classes, head layer, its new size's parameter count change
    ['models/alexnet.yaml', 10, 'fc8', 4096 * 10 + 10 - 4_097_000],
    ['models/squeezenet1_0.yaml', 10, 'conv10', (512 + 1) * 10 - (512 + 1) * 1000],
    ['models/resnet18.yaml', 37, 'fc', 513 * 37 - 513 * 1000],
  ])('the --classes variant of %s (%i classes) changes only %s', (file, classes, head, delta) => {
    const ir = analyzeModel(file).ir!;
    const v = analyzeWithClasses(ir, classes);
    if (!v.ok) throw new Error(v.error);
    expect(v.analysis.diagnostics).toEqual([]);
    const vir = v.analysis.ir!;
    expect(vir.classes).toBe(classes);
    expect(vir.nodes.at(-1)!.outputShape).toEqual([classes]);
    const changed = vir.nodes.filter((n, i) => n.params !== ir.nodes[i].params).map((n) => n.name);
    expect(changed).toEqual([head]);
    const params = (x: typeof ir) => x.nodes.reduce((a, n) => a + n.params, 0);
    expect(params(vir) - params(ir)).toBe(delta);
  });
});

describe('--val-steps on a validation set sorted by class', () => {
  // 40 images of class 0 then 40 of class 1; a "model" that always answers class 0.
  const labels = Uint8Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1));
  const split = memorySplit(new Uint8Array(80 * 4), labels, [2, 2, 1]);
  const alwaysZero = { predict: (x: tf.Tensor) => tf.tidy(() => tf.oneHot(tf.zeros([x.shape[0]!], 'int32'), 2).toFloat()) } as unknown as tf.LayersModel;
  const opts = { split, batchSize: 8, inputShape: [2, 2, 1] as [number, number, number], augment: NO_AUGMENT, normalize: NO_NORMALIZATION };

  it('evaluates a fixed-seed random subset, not the first batches (which would all be class 0)', async () => {
    const a = await evaluate(alwaysZero, { ...opts, steps: 4, seed: 7 });
    expect(a.images).toBe(32);
    // The first 32 images are all class 0 (error 0); a random 32 of the 80 hold both classes.
    expect(a.top1Error).toBeGreaterThan(0.2);
    expect(a.top1Error).toBeLessThan(0.8);
    const b = await evaluate(alwaysZero, { ...opts, steps: 4, seed: 7 });
    expect(b.top1Error).toBe(a.top1Error);
  });
  it('the whole split (no --val-steps) is every image once', async () => {
    const all = await evaluate(alwaysZero, opts);
    expect([all.images, all.top1Error]).toEqual([80, 0.5]);
  });
});

describe('what is given as the spec', () => {
  it.each([
    [['summary', 'models'], 'NS0102', 'this is a directory, not a spec file', 'give one of the specs in it: `alexnet-fashion.yaml`'],
    [['summary', 'https://example.com/models/alexnet.yaml'], 'NS0107', '`https://example.com/models/alexnet.yaml` is a URL; netspec reads spec files from disk', 'curl -o model.yaml'],
    [['diff', 'models/alexnet.yaml', 'http://example.com/a.yaml'], 'NS0107', '`http://example.com/a.yaml` is a URL', 'download the file first'],
    [['train', 'file:///tmp/x.yaml', '--backend', 'cpu'], 'NS0107', '`file:///tmp/x.yaml` is a URL', 'download the file first'],
  ])('%j: %s', async (argv, code, message, help) => {
    const r = await run(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error[${code}]: ${message}`);
    expect(r.err).toContain(help);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  const good = fs.readFileSync(path.join(root, 'models/lenet5.yaml'), 'utf8');
  const bad = good.replace(/units: 120/, 'units: -120');
  it.each([
    ['LF', (t: string) => t],
    ['CRLF', (t: string) => t.replace(/\n/g, '\r\n')],
    ['BOM + LF', (t: string) => `\ufeff${t}`],
    ['BOM + CRLF', (t: string) => `\ufeff${t.replace(/\n/g, '\r\n')}`],
  ])('%s: the spec works, and an error in it has the same line:col as in the LF file', (what, encode) => {
    const goodFile = path.join(tmp, `good-${what.replace(/\W+/g, '-')}.yaml`);
    const badFile = path.join(tmp, `bad-${what.replace(/\W+/g, '-')}.yaml`);
    fs.writeFileSync(goodFile, encode(good));
    fs.writeFileSync(badFile, encode(bad));
    const a = analyzeModel(goodFile);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.nodes.reduce((s, n) => s + n.params, 0)).toBe(61_706);
    const b = analyzeModel(badFile);
    const text = renderDiagnostics(b.diagnostics, b.sources, { cwd: tmp });
    const lines = bad.split('\n');
    const line = lines.findIndex((l) => l.includes('units: -120')) + 1;
    const col = lines[line - 1].indexOf('-120') + 1;
    expect(text).toContain(`${path.basename(badFile)}:${line}:${col}: error[NS0205]`);
    expect(text).not.toContain('\r');
  });
});

describe.skipIf(!haveFashion)('Ctrl-C during training', () => {
  it('stops after the current step with a checkpoint, exits 130, and --resume finishes the run', async () => {
    const { spawn } = await import('node:child_process');
    const spec = path.join(tmp, 'sigint.yaml');
    const dir = path.join(tmp, 'sigint-run');
    fs.writeFileSync(spec, tinySpec(10).replace('stepsPerEpoch: 2', 'stepsPerEpoch: 200'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'train', spec, '--out', dir, '--backend', 'cpu', '--progress', 'lines', '--val-steps', '1'], { cwd: root });
    let out = '';
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (b) => {
        out += b;
        // The first progress line: training is under way.
        if (/step \d+\/200/.test(out) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => done(c));
    });
    expect(err).toContain('interrupted: stopping after this step and writing a checkpoint');
    expect(code).toBe(130);
    const stopped = /stopped after (\d+) steps; checkpoint (\S+); continue with: npm run train -- --resume/.exec(err);
    expect(stopped).not.toBeNull();
    const steps = Number(stopped![1]);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(200);
    expect(fs.readdirSync(path.join(dir, 'checkpoints')).length).toBeGreaterThan(0);
    const r = await run('train', '--resume', dir, '--progress', 'lines');
    expect(r.out).toContain(`${steps} updates done`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^done: 1 epochs, 200 steps/m);
  }, 180_000);
});
