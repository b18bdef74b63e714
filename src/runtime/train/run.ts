// A training run and its folder:
//   runs/<model>-<timestamp>/
//     spec.yaml       the spec the run started from (parents it extends under spec-parents/)
//     config.json     the effective training configuration (TrainConfig)
//     metrics.jsonl   one JSON object per epoch
//     checkpoints/    the last two checkpoints (each one self-contained: topology, transforms, config)
//     model/          the trained model in TF.js layers format, plus netspec.json (preprocessing)
// Fresh runs get their model from the caller; resumed runs and `eval` rebuild it from the
// topology stored in the checkpoint, so neither needs the spec or the compiler.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { holdOut, isDataError, openDataset, resolveTransforms, type Dataset, type Normalization, type ResolvedAugment, type Split } from '../data/index.ts';
import { checkShapes } from '../data/pipeline.ts';
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { registerNetspecLayers } from '../layers/index.ts';
import { writeFileAtomic, type WriteOptions } from '../../io/write-atomic.ts';
import { loadLatestCheckpoint, readCheckpoint, type Checkpoint, type Result } from './checkpoint.ts';
import type { TrainConfig } from './config.ts';
import { exportModel } from './export.ts';
import { checkpointDir, metricsFile, train, type CheckpointMeta, type EpochMetrics, type StepInfo, type TrainOutcome } from './loop.ts';
import type { Reporter } from './progress.ts';
import { precisionLine } from '../backends/precision.ts';
import { decidePrecisionHere } from '../backends/precision-facts.ts';
import { logSteps } from '../../report/html/steps.ts';

/** What every checkpoint of a run carries besides weights and progress. */
export interface RunExtra {
  config: TrainConfig;
  /** model.toJSON(): enough to rebuild the model without its spec. */
  topology: object;
  inputShape: [number, number, number];
  classes: number;
  classNames: string[];
  /** The preprocessing the run resolved at its start (dataset statistics included). */
  transforms: { augment: ResolvedAugment; normalize: Normalization };
}

export type RunCheckpoint = Checkpoint<CheckpointMeta<RunExtra>>;

export interface RunIO {
  log: (line: string) => void;
  warn: (line: string) => void;
  reporter?: Reporter;
}

export interface RunOptions {
  io: RunIO;
  /** Stop after this many updates in total, without a checkpoint (tests: an interruption). */
  maxSteps?: number;
  writeOptions?: WriteOptions;
  /** Called after each epoch (tests watch memory here). */
  onEpoch?: (m: EpochMetrics) => void;
  /** Called after each update. */
  onStep?: (s: StepInfo) => void;
  /**
   * Writes the run's report after each epoch (the CLI and the API pass the HTML report's writer:
   * the runtime does not import the report, which reads specs with the compiler). Never throws.
   */
  epochReport?: (dir: string, at: { backend: string; tfjs: string; epoch: number }, warn: (line: string) => void) => void;
  /** Aborting checkpoints the run where it stands and ends it with status 'aborted'. */
  signal?: AbortSignal;
}

export interface RunResult extends Omit<TrainOutcome, 'error' | 'code'> {
  dir: string;
  /** Why the run diverged or failed, for the CLI's renderer. */
  diagnostic?: Diagnostic;
  /** The exported model's folder, when the run completed. */
  exported?: string;
}

export const defaultRunDir = (root: string, model: string, now = new Date()): string =>
  path.join(root, 'runs', `${model}-${now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-')}`);

const failed = (dir: string, diagnostic: Diagnostic): RunResult => ({ status: 'failed', diagnostic, metrics: [], globalStep: 0, dir });

/** Reads the dataset and splits it into train and validation (the test split unless validationSplit). */
async function openData(config: TrainConfig): Promise<{ dataset: Dataset; train: Split; val: Split }> {
  const dataset = await openDataset(config.dataset, { path: config.data, onBadImage: config.onBadImage });
  if (config.validationSplit > 0) {
    const { train, val } = holdOut(dataset.train, config.validationSplit, config.seed);
    return { dataset, train, val };
  }
  return { dataset, train: dataset.train, val: dataset.test };
}

/**
 * NS0409: the dataset's classes and the model's outputs differ. More classes than outputs cannot
 * train; fewer would train a head of mostly dead outputs and report a top-5 error that means nothing.
 */
export function classCountMismatch(dataset: Pick<Dataset, 'root' | 'classes' | 'kind'>, modelClasses: number): Diagnostic {
  const n = dataset.classes;
  const what = dataset.kind === 'imagefolder' ? `${n} class folder${n === 1 ? '' : 's'}` : `${n} classes`;
  return diagnostic('NS0409', `the dataset (${dataset.root}) has ${what}, but the model predicts ${modelClasses} classes`, undefined, {
    help: `train with \`--classes ${n}\` (the same model with a ${n}-way last layer), or set \`classes: ${n}\` and the last layer's size in the spec (or a variant that extends it)`,
  });
}

/** A DataError as its diagnostic; anything else is a bug and is not caught. */
export const dataFailure = (e: unknown): Diagnostic | undefined =>
  isDataError(e) ? diagnostic(e.code, `${e.file}: ${e.message}`, undefined, { help: e.help, note: e.note }) : undefined;

async function runLoop(
  dir: string,
  model: tf.LayersModel,
  data: { train: Split; val: Split },
  extra: RunExtra,
  opts: RunOptions,
  resume?: RunCheckpoint,
): Promise<RunResult> {
  const { config } = extra;
  let outcome: TrainOutcome;
  try {
    outcome = await train({
      model,
      train: data.train,
      val: data.val,
      inputShape: extra.inputShape,
      augment: extra.transforms.augment,
      normalize: extra.transforms.normalize,
      config,
      runDir: dir,
      resume: resume as Checkpoint<CheckpointMeta> | undefined,
      extra,
      maxSteps: opts.maxSteps,
      reporter: opts.io.reporter,
      writeOptions: opts.writeOptions,
      // report.html after every epoch; a failure to write it is a warning, never the end of training.
      onEpoch: (m) => (opts.epochReport?.(dir, { backend: tf.getBackend(), tfjs: tf.version.tfjs, epoch: m.epoch }, opts.io.warn), opts.onEpoch?.(m)),
      onStep: logSteps(dir, opts.io.warn, opts.onStep),
      signal: opts.signal,
    });
  } catch (e) {
    // A file that turns out unreadable mid-run (a corrupt image with onBadImage 'error').
    const d = dataFailure(e);
    if (d) return failed(dir, d);
    throw e;
  }
  const skipped = data.train.skipped?.length ?? 0;
  if (skipped) opts.io.warn(`${skipped} corrupt training image${skipped > 1 ? 's' : ''} skipped, e.g. ${data.train.skipped![0]}`);
  if (outcome.status !== 'completed') {
    const { error, code, ...rest } = outcome;
    return { ...rest, dir, ...(error ? { diagnostic: diagnostic(code ?? 'NS0408', error) } : {}) };
  }
  const out = path.join(dir, 'model');
  const exported = await exportModel(model, out);
  if (!exported.ok) return { ...outcome, status: 'failed', diagnostic: diagnostic('NS0406', exported.error), dir };
  const info = { inputShape: extra.inputShape, classes: extra.classes, classNames: extra.classNames, ...extra.transforms };
  const w = writeFileAtomic(path.join(out, 'netspec.json'), Buffer.from(`${JSON.stringify(info, null, 2)}\n`));
  if (!w.ok) return { ...outcome, status: 'failed', diagnostic: diagnostic('NS0406', w.error), dir };
  return { ...outcome, dir, exported: out };
}

export interface StartOptions extends RunOptions {
  dir: string;
  config: TrainConfig;
  model: tf.LayersModel;
  /** The spec's text and any parents' (file path → text), copied into the run folder. */
  specs?: { file: string; text: string }[];
}

/** Starts a run in a new (or empty) folder. */
export async function startRun(opts: StartOptions): Promise<RunResult> {
  const { dir, config, model, io } = opts;
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    return failed(dir, diagnostic('NS0406', `${dir} already exists and is not empty`, undefined, { help: `choose another --out, or continue it with --resume ${dir}` }));
  }
  const inputShape = model.inputs[0].shape.slice(1) as [number, number, number];
  const classes = model.outputs[0].shape[1] as number;
  let data: Awaited<ReturnType<typeof openData>>;
  let transforms: RunExtra['transforms'];
  try {
    data = await openData(config);
    for (const n of data.dataset.notes) io.warn(n);
    const crop = config.augment.crop;
    checkShapes(data.train.shape, inputShape, typeof crop === 'object' ? (crop.padding ?? 0) : 0);
    if (data.dataset.classes !== classes) return failed(dir, classCountMismatch(data.dataset, classes));
    const t = await resolveTransforms({ augment: config.augment, normalize: config.normalize }, data.train, { seed: config.seed });
    for (const n of t.notes) io.warn(n);
    transforms = { augment: t.augment, normalize: t.normalize };
  } catch (e) {
    const d = dataFailure(e);
    if (d) return failed(dir, d);
    throw e;
  }
  io.log(`data: ${config.dataset.kind} from ${data.dataset.root}: ${data.train.size} training images, ${data.val.size} validation images`);

  try {
    fs.mkdirSync(path.join(dir, 'checkpoints'), { recursive: true });
    for (const [i, s] of (opts.specs ?? []).entries()) {
      const target = i === 0 ? path.join(dir, 'spec.yaml') : path.join(dir, 'spec-parents', path.basename(s.file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, s.text);
    }
    fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
    fs.writeFileSync(metricsFile(dir), '');
  } catch (e) {
    return failed(dir, diagnostic('NS0406', `cannot create the run folder ${dir}: ${(e as Error).message}`));
  }
  const extra: RunExtra = {
    config,
    topology: model.toJSON(undefined, false) as object,
    inputShape,
    classes,
    classNames: data.dataset.classNames,
    transforms,
  };
  return runLoop(dir, model, data, extra, opts);
}

/** Rebuilds a checkpoint's model from its stored topology and sets its weights. */
export async function modelFromCheckpoint(ck: RunCheckpoint): Promise<Result<tf.LayersModel>> {
  registerNetspecLayers();
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: ck.meta.extra.topology as tf.io.ModelJSON['modelTopology'] });
  } catch (e) {
    return { ok: false, error: `cannot rebuild the model from the checkpoint: ${(e as Error).message}` };
  }
  const tensors = ck.weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
  try {
    model.setWeights(tensors);
  } catch (e) {
    return { ok: false, error: `the checkpoint's weights do not fit its model: ${(e as Error).message}` };
  } finally {
    tf.dispose(tensors);
  }
  return { ok: true, value: model };
}

/** A run folder's newest intact checkpoint, or the one named. Warnings for damaged newer ones. */
export function findCheckpoint(dir: string, file?: string): Result<{ file: string; checkpoint: RunCheckpoint; warnings: string[] }> {
  if (file) {
    const r = readCheckpoint<CheckpointMeta<RunExtra>>(file);
    return r.ok ? { ok: true, value: { file, checkpoint: r.value, warnings: [] } } : r;
  }
  if (!fs.existsSync(dir)) return { ok: false, error: `${dir} does not exist` };
  return loadLatestCheckpoint<CheckpointMeta<RunExtra>>(checkpointDir(dir));
}

export interface ResumeOptions extends RunOptions {
  dir: string;
  /** Train to this many epochs instead of the configured number. */
  epochs?: number;
}

/** Continues a run from its newest intact checkpoint, to the same result as an uninterrupted run. */
export async function resumeRun(opts: ResumeOptions): Promise<RunResult> {
  const { dir, io } = opts;
  const found = findCheckpoint(dir);
  if (!found.ok) return failed(dir, diagnostic('NS0407', found.error));
  for (const w of found.value.warnings) io.warn(w);
  const ck = found.value.checkpoint;
  const extra = ck.meta.extra;
  if (!extra?.config || !extra.topology) return failed(dir, diagnostic('NS0407', `${found.value.file} was not written by a netspec run`));
  const config = { ...extra.config, ...(opts.epochs ? { epochs: opts.epochs } : {}) };
  // The run's own request, decided on this machine and backend: a bf16 run is refused where bf16
  // cannot run, never continued in fp32. Runs saved before train.precision existed asked for auto.
  const precision = decidePrecisionHere(config.precision ?? 'auto', tf.getBackend(), { kind: 'run' });
  if (!precision.ok) return failed(dir, precision.diagnostic);
  io.log(precisionLine(precision));
  const p = ck.meta.progress;
  if (p.epoch >= config.epochs) {
    io.log(`${dir} already finished its ${config.epochs} epochs (checkpoint ${found.value.file})`);
  } else {
    io.log(`resuming ${dir} from ${path.basename(found.value.file)}: epoch ${p.epoch + 1}, step ${p.step + 1}, ${p.globalStep} updates done`);
  }
  const model = await modelFromCheckpoint(ck);
  if (!model.ok) return failed(dir, diagnostic('NS0407', `${found.value.file}: ${model.error}`));
  let data: Awaited<ReturnType<typeof openData>>;
  try {
    data = await openData(config);
  } catch (e) {
    const d = dataFailure(e);
    if (d) return failed(dir, d);
    throw e;
  }
  const newExtra = { ...extra, config };
  if (opts.epochs) fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return runLoop(dir, model.value, data, newExtra, opts, { ...ck, meta: { ...ck.meta, extra: newExtra } });
}
