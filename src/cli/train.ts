// `netspec train`: analyse a spec, pick a backend, build the model in process, train on real
// data, checkpoint, export. `--resume DIR` continues a run from its newest intact checkpoint.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InitScheme, OptimizerSpec, ScheduleSpec } from '../model/spec.ts';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import { intOption, numberOption, parse, UsageError, type IO } from './args.ts';
import { analyzeOrReport, reportAnalysis } from './check.ts';
import { PRECISIONS, precisionLine } from '../runtime/backends/precision.ts';
import type { BackendRequest } from '../runtime/backends/select.ts';
import { optionName, resumeConflicts, type Overrides, type TrainConfig } from '../runtime/train/config.ts';
import type { Reporter } from '../runtime/train/progress.ts';
import type { RunResult } from '../runtime/train/run.ts';
import type { WriteOptions } from '../io/write-atomic.ts';

export const trainHelp = `Usage: npm run train -- <model.yaml> [options]
       npm run train -- --resume runs/<run> [--epochs N]

Trains a model on the dataset its spec names (train.dataset), with the spec's recipe; every
setting of the spec's train: block can be overridden here. A run folder (default
runs/<model>-<timestamp>/) receives spec.yaml, config.json, metrics.jsonl (one line per epoch),
checkpoints/ (every epoch and every --checkpoint-every steps; the last two are kept) and, at
the end, model/ (TF.js layers format: model.json + weights.bin).

Options:
  --data PATH             dataset folder (default: train.dataset.path, then the usual places)
  --epochs N              epochs to train (with --resume: extend the run to N epochs)
  --steps-per-epoch N     cap on the batches per epoch
  --batch N               batch size
  --lr X                  base learning rate
  --optimizer sgd|adam    optimizer (keeps the learning rate)
  --momentum X            SGD momentum
  --weight-decay X        weight decay (SGD: the paper's; Adam: decoupled)
  --schedule constant|step|plateau|cosine
  --init paper|he|glorot|lecun   weight initialiser of every conv and dense layer
  --seed N                seed of initialisation, shuffling, augmentation and dropout
  --val-steps N           validate on N batches, a fixed random subset (default: the whole split)
  --checkpoint-every N    also checkpoint every N steps (0: only at epoch ends)
  --bad-images skip|error   ImageFolder: skip corrupt images (counted) or stop naming the file
  --classes N             train a variant whose last layer has N outputs (a dataset with N
                          classes on a model written for another number)
  --out DIR               run folder
  --backend auto|cuda|tfjs-node|native|wasm|cpu|webgpu   (default auto: fastest that works)
  --precision auto|fp32|bf16   (default: train.precision, else auto: bf16 only where the CPU
                          and netspec support it, which is nowhere yet; bf16 is refused, naming
                          what is missing, where it cannot run)
  --progress auto|bar|lines   progress display (auto: a bar on a terminal)
  --resume DIR            continue the run in DIR where it stopped (other options may only
                          repeat the run's saved values; --epochs may extend it)
  -h, --help              this help

Ctrl-C stops after the current step and writes a checkpoint; --resume continues from it.`;

const OPTIONS = {
  data: { type: 'string' },
  epochs: { type: 'string' },
  'steps-per-epoch': { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  momentum: { type: 'string' },
  'weight-decay': { type: 'string' },
  schedule: { type: 'string' },
  init: { type: 'string' },
  seed: { type: 'string' },
  'val-steps': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  'bad-images': { type: 'string' },
  classes: { type: 'string' },
  out: { type: 'string' },
  backend: { type: 'string' },
  precision: { type: 'string' },
  progress: { type: 'string' },
  resume: { type: 'string' },
} as const;

function choice<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; received ${JSON.stringify(value)}`);
  return value as T;
}

const BACKENDS = ['auto', 'cuda', 'tfjs-node', 'native', 'wasm', 'cpu', 'webgpu'] as const;

/** For tests: checkpoint fault injection. */
export interface TrainCommandOptions {
  writeOptions?: WriteOptions;
}

export async function trainCommand(argv: string[], io: IO, opts: TrainCommandOptions = {}): Promise<number> {
  const { values: v, positionals } = parse(argv, OPTIONS);
  if (v.help) return io.out(trainHelp), 0;
  const str = (k: keyof typeof OPTIONS) => v[k] as string | undefined;
  const overrides: Overrides = {
    data: str('data') === undefined ? undefined : path.resolve(io.cwd, str('data')!),
    epochs: intOption(str('epochs'), 'epochs'),
    stepsPerEpoch: intOption(str('steps-per-epoch'), 'steps-per-epoch'),
    batchSize: intOption(str('batch'), 'batch'),
    lr: numberOption(str('lr'), 'lr'),
    optimizer: choice<OptimizerSpec['type']>(str('optimizer'), 'optimizer', ['sgd', 'adam']),
    momentum: numberOption(str('momentum'), 'momentum'),
    weightDecay: numberOption(str('weight-decay'), 'weight-decay'),
    schedule: choice<ScheduleSpec['type']>(str('schedule'), 'schedule', ['constant', 'step', 'plateau', 'cosine']),
    init: choice<InitScheme>(str('init'), 'init', ['paper', 'he', 'glorot', 'lecun']),
    seed: intOption(str('seed'), 'seed', 0),
    valSteps: intOption(str('val-steps'), 'val-steps'),
    checkpointEvery: intOption(str('checkpoint-every'), 'checkpoint-every', 0),
    onBadImage: choice(str('bad-images'), 'bad-images', ['skip', 'error'] as const),
    precision: choice(str('precision'), 'precision', PRECISIONS),
  };
  for (const k of Object.keys(overrides) as (keyof Overrides)[]) if (overrides[k] === undefined) delete overrides[k];
  const backend = choice<BackendRequest>(str('backend'), 'backend', BACKENDS) ?? 'auto';
  const progress = choice(str('progress'), 'progress', ['auto', 'bar', 'lines'] as const) ?? 'auto';
  const resume = str('resume');
  const classes = intOption(str('classes'), 'classes');

  if (resume !== undefined) {
    if (positionals.length) throw new UsageError('--resume takes the run folder; give no model file with it');
    if (classes !== undefined) throw new UsageError('a resumed run keeps its model; --classes cannot change it');
    refuseChangedOptions(path.resolve(io.cwd, resume), overrides);
  } else if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? 'train takes exactly one model file' : 'give a model file (e.g. models/alexnet-fashion.yaml) or --resume runs/<run>');
  }
  if (str('out') !== undefined && resume !== undefined) throw new UsageError('--out and --resume both name the run folder: give one');

  const { selectBackend } = await import('../runtime/backends/select.ts');
  const { backendRefused } = await import('../runtime/train/prepare.ts');
  const chosen = await selectBackend({ requested: backend, log: io.out });
  if (!chosen.ok) {
    io.err(renderDiagnostics([backendRefused(chosen)], new Map(), { cwd: io.cwd }));
    return 1;
  }
  const { lineReporter, barReporter } = await import('../runtime/train/progress.ts');
  const useBar = progress === 'bar' || (progress === 'auto' && process.stdout.isTTY === true);
  const reporter: Reporter = useBar ? barReporter(process.stdout, io.out) : lineReporter(io.out);
  const runIO = { log: io.out, warn: (l: string) => io.err(`warning: ${l}`), reporter };
  const run = await import('../runtime/train/run.ts');
  // Ctrl-C: stop after the current step with a checkpoint (a second Ctrl-C kills as usual).
  const interrupt = new AbortController();
  const onSigint = () => {
    io.err('interrupted: stopping after this step and writing a checkpoint (Ctrl-C again to kill)');
    interrupt.abort();
    process.removeListener('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  const { writeEpochReport } = await import('../report/html/write.ts');
  const common = { io: runIO, writeOptions: opts.writeOptions, signal: interrupt.signal, epochReport: writeEpochReport };
  try {
    if (resume !== undefined) {
      return report(await run.resumeRun({ ...common, dir: path.resolve(io.cwd, resume), epochs: overrides.epochs }), io);
    }

    // A URL stays as given, so the diagnostic names it (NS0107) instead of a mangled path.
    const file = /^[a-z][a-z0-9+.-]+:\/\//i.test(positionals[0]) ? positionals[0] : path.resolve(io.cwd, positionals[0]);
    let analysis = analyzeOrReport(file, io);
    if (analysis && classes !== undefined && classes !== analysis.ir!.classes) {
      const { analyzeWithClasses } = await import('../compiler/classes-variant.ts');
      const variant = analyzeWithClasses(analysis.ir!, classes);
      if (!variant.ok) throw new UsageError(variant.error);
      io.out(`--classes ${classes}: ${variant.change}`);
      analysis = reportAnalysis(variant.analysis, io);
    }
    if (!analysis) return 1;
    const ir = analysis.ir!;
    const gpuLimits = chosen.name === 'webgpu' ? (await import('../runtime/backends/webgpu.ts')).deviceBindingLimits() : undefined;
    const { prepareRun } = await import('../runtime/train/prepare.ts');
    const prepared = prepareRun(ir, { overrides, backend: chosen, gpuLimits });
    if (!prepared.ok) {
      io.err(renderDiagnostics(prepared.diagnostics, analysis.sources, { cwd: io.cwd }));
      return 1;
    }
    const { model, config } = prepared.run;
    io.out(precisionLine(prepared.run.precision));
    const dir = str('out') !== undefined ? path.resolve(io.cwd, str('out')!) : run.defaultRunDir(io.cwd, ir.name);
    io.out(`model: ${ir.name} (${model.countParams().toLocaleString('en-US')} parameters), run folder ${path.relative(io.cwd, dir) || dir}`);
    const sources = analysis.sources;
    const specs = ir.files.map((f) => ({ file: f, text: sources.get(f)?.text ?? fs.readFileSync(path.resolve(io.cwd, f), 'utf8') }));
    return report(await run.startRun({ ...common, dir, config, model, specs }), io);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Throws the usage error when an option given with --resume differs from the run's saved value. */
function refuseChangedOptions(dir: string, overrides: Overrides): void {
  const given = Object.keys(overrides).filter((k) => k !== 'epochs') as (keyof Overrides)[];
  if (!given.length) return;
  let saved: TrainConfig | undefined;
  try {
    saved = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as TrainConfig;
  } catch {
    saved = undefined; // no readable config.json: nothing to compare with, so refuse as before
  }
  const differ = saved ? resumeConflicts(saved, overrides) : given.map((k) => ({ option: optionName(k), saved: undefined, given: overrides[k] }));
  if (!differ.length) return;
  const detail = differ.map((d) => (saved ? `${d.option} ${JSON.stringify(d.given)}, saved ${JSON.stringify(d.saved)}` : d.option)).join('; ');
  throw new UsageError(`a resumed run keeps its configuration (config.json); only --epochs can change (received ${detail})`);
}

function report(r: RunResult, io: IO): number {
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  if (r.status === 'aborted') {
    io.err(`stopped after ${r.globalStep} steps; checkpoint ${r.checkpoint ? rel(r.checkpoint) : '(none)'}; continue with: npm run train -- --resume ${rel(r.dir)}`);
    return 130;
  }
  if (r.status === 'completed') {
    const last = r.metrics.at(-1);
    const val = last && last.valTop1Error !== null
      ? `validation top-1 error ${(100 * last.valTop1Error).toFixed(2)}%, top-5 ${(100 * last.valTop5Error!).toFixed(2)}%; `
      : '';
    io.out(`done: ${r.metrics.length} epochs, ${r.globalStep} steps; ${val}model in ${rel(r.exported!)}`);
    return 0;
  }
  const d = r.diagnostic ?? { severity: 'error' as const, code: 'NS0408', message: `training ${r.status}` };
  const resume = r.status === 'failed' && r.checkpoint ? `the run can continue from its last checkpoint: npm run train -- --resume ${rel(r.dir)}` : undefined;
  io.err(renderDiagnostics([resume && !d.help ? { ...d, help: resume } : d], new Map(), { cwd: io.cwd }));
  return 1;
}
