// netspec's typed API: `import { loadModel, summarize, diff, compile, train } from 'netspec'`.
// The same phases as the command line, as functions that return data. Loading this module loads
// the compiler's front end only; `compile` loads the emitter (ts-morph) and `train` TensorFlow.js
// when first called.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeModel } from './compiler/analyze.ts';
import { renderDiagnostics } from './compiler/diagnostics.ts';
import { diffVariants, type VariantDiff } from './compiler/diff.ts';
import type { SourceFile } from './compiler/parse.ts';
import { hasErrors, type Diagnostic } from './model/diagnostic.ts';
import type { ModelIR } from './model/ir.ts';
import { collapseBlocks, summarize as summarizeIR, type Summary } from './model/summary.ts';
import type { BackendRequest } from './runtime/backends/select.ts';
import type { Overrides } from './runtime/train/config.ts';
import type { EpochMetrics, StepInfo } from './runtime/train/loop.ts';

export type { Diagnostic, Location, Severity } from './model/diagnostic.ts';
export type { ModelIR, IRNode, IRLayer, Shape } from './model/ir.ts';
export type { Summary, SummaryLayer } from './model/summary.ts';
export type { VariantDiff, VariantRow, VariantCell, VariantTotals } from './compiler/diff.ts';
export type { EpochMetrics, StepInfo } from './runtime/train/loop.ts';
export type { BackendRequest } from './runtime/backends/select.ts';

/** A spec, read and checked: the IR when it has no errors, and every diagnostic either way. */
export interface LoadedModel {
  ir?: ModelIR;
  diagnostics: Diagnostic[];
  /** The files read (for formatDiagnostics). */
  sources: Map<string, SourceFile>;
}

/** A model as the functions below take it: a spec's path or text, a loaded model, or its IR. */
export type ModelSource = string | { text: string; file?: string } | LoadedModel | ModelIR;

/** Thrown when a function is given a spec with errors; `diagnostics` lists them. */
export class NetspecError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    this.name = 'NetspecError';
    this.diagnostics = diagnostics;
  }
}

/**
 * Reads a spec: a path (relative to the current folder), or its YAML text — a string with a line
 * break or a one-line `{ … }` mapping, or `{ text, file }` (`file` names it in diagnostics and anchors `extends`). Never throws
 * for a bad spec: problems are in `diagnostics`, and `ir` is set only when there are no errors.
 */
export function loadModel(source: string | { text: string; file?: string }): LoadedModel {
  const isText = (x: string) => x.includes('\n') || x.trimStart().startsWith('{');
  const text = typeof source === 'string' ? (isText(source) ? source : undefined) : source.text;
  const file = typeof source === 'string' ? (text === undefined ? source : '<text>.yaml') : (source.file ?? '<text>.yaml');
  const a = analyzeModel(file, text === undefined ? {} : { text });
  return { ...(a.ir && !hasErrors(a.diagnostics) ? { ir: a.ir } : {}), diagnostics: a.diagnostics, sources: a.sources };
}

/** Diagnostics as the command line prints them: `file:line:col: error[NS…]: …`, the source line, help. */
export function formatDiagnostics(model: LoadedModel, opts: { cwd?: string } = {}): string {
  return renderDiagnostics(model.diagnostics, model.sources, { cwd: opts.cwd ?? process.cwd() });
}

const isIR = (m: object): m is ModelIR => 'nodes' in m && 'classes' in m;

function toLoaded(m: ModelSource): LoadedModel {
  if (typeof m === 'string' || 'text' in m) return loadModel(m);
  if (isIR(m)) return { ir: m, diagnostics: [], sources: new Map() };
  return m;
}

function irOf(m: ModelSource): ModelIR {
  const loaded = toLoaded(m);
  if (!loaded.ir) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    throw new NetspecError(`the spec has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${formatDiagnostics(loaded)}`, loaded.diagnostics);
  }
  return loaded.ir;
}

export interface SummarizeOptions {
  /** Batch size of the memory estimate; default 1. */
  batch?: number;
  /** One row per block instance. */
  collapse?: boolean;
}

/** Per-layer shapes, parameters and mult-adds, the totals and torchsummary's memory estimate. */
export function summarize(model: ModelSource, opts: SummarizeOptions = {}): Summary {
  const s = summarizeIR(irOf(model), opts.batch ?? 1);
  return opts.collapse ? collapseBlocks(s) : s;
}

/** Variants side by side, matched by layer name; the first is the baseline every change is measured against. */
export function diff(models: ModelSource[], opts: { batch?: number } = {}): VariantDiff {
  if (models.length === 0) throw new RangeError('diff needs at least one model');
  return diffVariants(models.map((m) => summarizeIR(irOf(m), opts.batch ?? 1)));
}

export interface CompileOptions {
  /** Where the module would be written (names it; relative imports are computed from it). Default `<spec name>.ts` in the current folder. */
  outFile?: string;
  /** The module generated code imports the runtime from (`netspec compile --runtime-import`); default `netspec/runtime`. */
  runtimeImport?: string;
}

/** The typed TypeScript module for a model (not written: write `text` to `file` yourself). */
export async function compile(model: ModelSource, opts: CompileOptions = {}): Promise<{ file: string; text: string }> {
  const ir = irOf(model);
  const { generateModule, outputPath } = await import('./compiler/compile.ts');
  const file = path.resolve(opts.outFile ?? outputPath(ir.file, process.cwd()));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  return { file, text: generateModule(ir, file, root, opts.runtimeImport === undefined ? {} : { runtimeImport: opts.runtimeImport }) };
}

/** What `train` can change: every command-line override, the backend and the run folder. */
export interface TrainOptions extends Overrides {
  /** Backend; default the fastest that works here. An explicit one is used or the run fails (NS0405). */
  backend?: BackendRequest;
  /** The run folder; default runs/<model>-<timestamp> under the current folder. Must be new or empty. */
  out?: string;
  /** Train a variant whose last layer has this many outputs (a dataset with that many classes). */
  classes?: number;
  /** Progress lines (backend chosen, data found, warnings); default: none. */
  log?: (line: string) => void;
}

export interface TrainHooks {
  /** After each update: the epoch's running loss and error. */
  onStep?: (s: StepInfo) => void;
  /** After each epoch, once its metrics line and checkpoint are written. */
  onEpoch?: (m: EpochMetrics) => void;
  /** Aborting stops after the current step, writes a checkpoint and resolves with status 'aborted'. */
  signal?: AbortSignal;
}

export interface TrainResult {
  /** completed; aborted (by the signal, checkpointed); diverged (NaN loss); failed (see diagnostics). */
  status: 'completed' | 'aborted' | 'stopped' | 'diverged' | 'failed';
  /** One entry per finished epoch. */
  metrics: EpochMetrics[];
  globalStep: number;
  /** The run folder ('' when the run never started). */
  dir: string;
  /** The last checkpoint written: `netspec train --resume <dir>` continues from it. */
  checkpoint?: string;
  /** The exported TF.js model's folder, when completed. */
  exported?: string;
  /** Why it diverged or failed. */
  diagnostics: Diagnostic[];
}

export interface TrainRun {
  /** Settles when training ends; never rejects for a user's mistake (see `status` and `diagnostics`). */
  promise: Promise<TrainResult>;
}

/** Trains a model on the dataset its spec names, as `netspec train` does, in this process. */
export function train(model: ModelSource, options: TrainOptions = {}, hooks: TrainHooks = {}): TrainRun {
  return { promise: runTraining(model, options, hooks) };
}

/** Continues a run folder (written by `train` or `netspec train`) from its newest intact checkpoint. */
export function resume(dir: string, options: Pick<TrainOptions, 'epochs' | 'backend' | 'log'> = {}, hooks: TrainHooks = {}): TrainRun {
  return { promise: resumeTraining(dir, options, hooks) };
}

async function resumeTraining(dir: string, options: Pick<TrainOptions, 'epochs' | 'backend' | 'log'>, hooks: TrainHooks): Promise<TrainResult> {
  const { backend = 'auto', log = () => {} } = options;
  const { selectBackend } = await import('./runtime/backends/select.ts');
  const { backendRefused } = await import('./runtime/train/prepare.ts');
  const chosen = await selectBackend({ requested: backend, log });
  if (!chosen.ok) return { status: 'failed', metrics: [], globalStep: 0, dir: path.resolve(dir), diagnostics: [backendRefused(chosen)] };
  const run = await import('./runtime/train/run.ts');
  const { writeEpochReport } = await import('./report/html/write.ts');
  const r = await run.resumeRun({ dir: path.resolve(dir), epochs: options.epochs, io: { log, warn: (l) => log(`warning: ${l}`) }, epochReport: writeEpochReport, ...hooks });
  const { diagnostic, ...rest } = r;
  return { ...rest, diagnostics: diagnostic ? [diagnostic] : [] };
}

async function runTraining(source: ModelSource, options: TrainOptions, hooks: TrainHooks): Promise<TrainResult> {
  const { backend = 'auto', out, classes, log = () => {}, ...overrides } = options;
  const failed = (diagnostics: Diagnostic[], dir = ''): TrainResult => ({ status: 'failed', metrics: [], globalStep: 0, dir, diagnostics });
  let loaded = toLoaded(source);
  if (loaded.ir && classes !== undefined && classes !== loaded.ir.classes) {
    const { analyzeWithClasses } = await import('./compiler/classes-variant.ts');
    const v = analyzeWithClasses(loaded.ir, classes);
    if (!v.ok) return failed([{ severity: 'error', code: 'NS0404', message: v.error }]);
    loaded = v.analysis;
  }
  if (!loaded.ir || hasErrors(loaded.diagnostics)) return failed(loaded.diagnostics);
  const ir = loaded.ir;
  const { selectBackend } = await import('./runtime/backends/select.ts');
  const { prepareRun, backendRefused } = await import('./runtime/train/prepare.ts');
  const chosen = await selectBackend({ requested: backend, log });
  if (!chosen.ok) return failed([backendRefused(chosen)]);
  const gpuLimits = chosen.name === 'webgpu' ? (await import('./runtime/backends/webgpu.ts')).deviceBindingLimits() : undefined;
  const data = overrides.data === undefined ? {} : { data: path.resolve(overrides.data) };
  const prepared = prepareRun(ir, { overrides: { ...overrides, ...data }, backend: chosen, gpuLimits });
  if (!prepared.ok) return failed(prepared.diagnostics);
  log((await import('./runtime/backends/precision.ts')).precisionLine(prepared.run.precision));
  const run = await import('./runtime/train/run.ts');
  const dir = out !== undefined ? path.resolve(out) : run.defaultRunDir(process.cwd(), ir.name);
  const { readFileSync } = await import('node:fs');
  const specs = ir.files.map((f) => ({ file: f, text: loaded.sources.get(f)?.text ?? readFileSync(path.resolve(f), 'utf8') }));
  const r = await run.startRun({
    dir,
    config: prepared.run.config,
    model: prepared.run.model,
    specs,
    io: { log, warn: (l) => log(`warning: ${l}`) },
    onStep: hooks.onStep,
    onEpoch: hooks.onEpoch,
    signal: hooks.signal,
    epochReport: (await import('./report/html/write.ts')).writeEpochReport,
  });
  const { diagnostic, ...rest } = r;
  return { ...rest, diagnostics: diagnostic ? [diagnostic] : [] };
}
