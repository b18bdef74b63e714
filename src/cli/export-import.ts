// `export --to netspec`: PyTorch-trained weights back into a netspec run folder. The folder is what
// `netspec train` leaves (spec.yaml, config.json, metrics.jsonl, checkpoints/, model/), so `eval`,
// `--resume` (with fresh optimizer buffers) and the TF.js export work on it. The preprocessing is
// the one train.py recorded in the safetensors metadata; without it, netspec's own (the dataset's
// statistics are computed as `train` would).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import type { SourceFile } from '../compiler/parse.ts';
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ModelIR } from '../model/ir.ts';
import type { Weights } from '../export/source.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { IO } from './args.ts';

type Ok = Extract<Weights, { ok: true }>;

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export async function importRun(ir: ModelIR, sources: ReadonlyMap<string, SourceFile>, weights: Ok, out: string, io: IO): Promise<number> {
  const fail = (d: Diagnostic) => (io.err(renderDiagnostics([d], sources, { cwd: io.cwd })), 1);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    return fail(diagnostic('NS0704', `${out} already exists and is not an empty folder`, undefined, { help: 'choose another --out' }));
  }
  const tf = await import('@tensorflow/tfjs');
  const { resolveConfig } = await import('../runtime/train/config.ts');
  const { buildModel } = await import('../runtime/build.ts');
  const { resolveAugment, resolveTransforms, checkNormalization } = await import('../runtime/data/transforms.ts');
  const { NO_NORMALIZATION } = await import('../runtime/data/augment.ts');
  const { openDataset } = await import('../runtime/data/dataset.ts');
  const { saveCheckpoint } = await import('../runtime/train/checkpoint.ts');
  const { exportModel } = await import('../runtime/train/export.ts');
  const { dataFailure } = await import('../runtime/train/run.ts');

  const cfg = resolveConfig(ir.train, {}, ir.name, ir.file);
  if (!cfg.ok) return fail(cfg.diagnostic);
  const config = cfg.config;
  const model = buildModel(ir);
  const byName = new Map(weights.weights.map((w) => [w.name, w]));
  const missing = model.weights.filter((w) => !byName.has(w.originalName)).map((w) => w.originalName);
  if (missing.length) return fail(diagnostic('NS0702', `${weights.from} lacks ${missing.join(', ')}`));
  model.setWeights(model.weights.map((w) => tf.tensor(byName.get(w.originalName)!.values, w.shape as number[])));

  // Preprocessing: what train.py used, else netspec's own resolution of the spec.
  const meta = weights.metadata ?? {};
  const channels = ir.input[2];
  let normalize = parseJson<{ mean: number[]; std: number[] }>(meta.normalize);
  let classNames = parseJson<string[]>(meta.classNames);
  let augment = resolveAugment(config.augment, channels).augment;
  if (!normalize || !classNames) {
    try {
      const dataset = await openDataset(config.dataset, { path: config.data });
      classNames ??= dataset.classNames;
      if (!normalize) {
        if (config.normalize === 'none') normalize = NO_NORMALIZATION;
        else if (typeof config.normalize === 'object') normalize = checkNormalization(config.normalize, channels);
        else {
          io.out(`the weights carry no normalisation: computing the dataset's statistics as \`train\` does`);
          const t = await resolveTransforms({ augment: config.augment, normalize: config.normalize }, dataset.train, { seed: config.seed });
          normalize = t.normalize;
          augment = t.augment;
        }
      }
    } catch (e) {
      const d = dataFailure(e);
      if (!d) throw e;
      return fail(d);
    }
  }

  // The PyTorch run's metrics.jsonl (train.py writes netspec's fields) travels with the weights.
  const metricsSrc = path.join(path.dirname(weights.from), 'metrics.jsonl');
  const metricsText = fs.existsSync(metricsSrc) ? fs.readFileSync(metricsSrc, 'utf8') : '';
  const metrics = metricsText.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const epoch = Number(meta.epoch ?? metrics.at(-1)?.epoch ?? 0);
  const globalStep = Number(meta.step ?? metrics.at(-1)?.step ?? 0);
  const slotNames = config.optimizer.type === 'sgd' ? ['v'] : ['m', 'v'];
  const extra = {
    config,
    topology: model.toJSON(undefined, false) as object,
    inputShape: ir.input as [number, number, number],
    classes: ir.classes,
    classNames,
    transforms: { augment, normalize },
  };
  const ckWeights = model.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[], values: byName.get(w.originalName)!.values }));
  try {
    fs.mkdirSync(path.join(out, 'checkpoints'), { recursive: true });
    const copies: [string, string | Uint8Array][] = [
      ['spec.yaml', fs.readFileSync(ir.file)],
      ...ir.files.slice(1).map((f): [string, Uint8Array] => [path.join('spec-parents', path.basename(f)), fs.readFileSync(f)]),
      ['config.json', `${JSON.stringify(config, null, 2)}\n`],
      ['metrics.jsonl', metricsText],
    ];
    for (const [name, content] of copies) {
      fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
      const w = writeFileAtomic(path.join(out, name), content);
      if (!w.ok) return fail(diagnostic('NS0704', w.error));
    }
  } catch (e) {
    return fail(diagnostic('NS0704', `cannot create ${out}: ${(e as Error).message}`));
  }
  const saved = saveCheckpoint(path.join(out, 'checkpoints'), globalStep, {
    weights: ckWeights,
    optimizer: {
      type: config.optimizer.type,
      step: 0,
      slots: model.trainableWeights.map((w) => Object.fromEntries(slotNames.map((n) => [n, new Float32Array(w.shape.reduce((a: number, b) => a * (b ?? 1), 1))]))),
    },
    meta: {
      progress: { epoch, step: 0, globalStep, running: { loss: 0, errors: 0, images: 0, seconds: 0 }, metrics, schedule: {} },
      seed: config.seed,
      extra,
    },
  });
  if (!saved.ok) return fail(diagnostic('NS0704', saved.error));
  const exported = await exportModel(model, path.join(out, 'model'));
  if (!exported.ok) return fail(diagnostic('NS0704', exported.error));
  const info = { inputShape: extra.inputShape, classes: extra.classes, classNames, ...extra.transforms };
  const w = writeFileAtomic(path.join(out, 'model', 'netspec.json'), `${JSON.stringify(info, null, 2)}\n`);
  if (!w.ok) return fail(diagnostic('NS0704', w.error));
  const rel = path.relative(io.cwd, out);
  io.out(`wrote ${rel}: checkpoint ${path.relative(io.cwd, saved.value)} (weights from ${path.relative(io.cwd, weights.from)}), TF.js model in ${rel}/model`);
  io.out(`next: npm run eval -- ${rel}`);
  model.dispose();
  return 0;
}
