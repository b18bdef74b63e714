// IR + options → a model and its training configuration, or the diagnostics that say why not.
// The one place a run is set up: `netspec train` and the API build their model here, in process,
// from the IR; nothing is compiled to disk.
import type * as tf from '@tensorflow/tfjs';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ModelIR } from '../../model/ir.ts';
import { buildModel } from '../build.ts';
import { refusalMessage, type BackendChoice, type BackendRefusal } from '../backends/select.ts';
import { decidePrecision, type PrecisionDecision, type PrecisionFacts, type PrecisionSource } from '../backends/precision.ts';
import { readPrecisionFacts } from '../backends/precision-facts.ts';
import { resolveConfig, type Overrides, type TrainConfig } from './config.ts';
import { checkGpuLimits, type GpuBindingLimits } from './gpu-limits.ts';
import { checkTrainingMemory } from './memory.ts';

export interface PrepareOptions {
  overrides?: Overrides;
  /** The backend chosen for the run (selectBackend's choice). */
  backend: BackendChoice;
  /** The WebGPU device's binding limits, when the backend is WebGPU. */
  gpuLimits?: GpuBindingLimits;
  /** Bytes of memory the run may use; default: the machine's. */
  availableMemory?: number;
  /** What the machine offers for bf16; default: read from it (precision-facts.ts). */
  precisionFacts?: PrecisionFacts;
}

export interface PreparedRun {
  config: TrainConfig;
  model: tf.LayersModel;
  /** The precision that runs and why (config.precision is what was asked for). */
  precision: Extract<PrecisionDecision, { ok: true }>;
}

export type Preparation = { ok: true; run: PreparedRun } | { ok: false; diagnostics: Diagnostic[] };

export function prepareRun(ir: ModelIR, opts: PrepareOptions): Preparation {
  const cfg = resolveConfig(ir.train, opts.overrides ?? {}, ir.name, ir.file);
  if (!cfg.ok) return { ok: false, diagnostics: [cfg.diagnostic] };
  const { config } = cfg;
  const source: PrecisionSource = opts.overrides?.precision !== undefined ? { kind: 'flag' }
    : ir.train.precision !== undefined ? { kind: 'spec', file: ir.file } : { kind: 'default' };
  const precision = decidePrecision(config.precision ?? 'auto', opts.precisionFacts ?? readPrecisionFacts(opts.backend.name), source);
  if (!precision.ok) return { ok: false, diagnostics: [precision.diagnostic] };
  const tooBig = checkTrainingMemory(ir, config.batchSize, config.optimizer.type === 'adam' ? 2 : 1, opts.availableMemory);
  if (tooBig) return { ok: false, diagnostics: [tooBig] };
  if (opts.backend.name === 'webgpu' && opts.gpuLimits) {
    const unbindable = checkGpuLimits(ir, config.batchSize, opts.gpuLimits, opts.backend.device);
    if (unbindable) return { ok: false, diagnostics: [unbindable] };
  }
  const model = buildModel(ir, { seed: config.seed, ...(config.init ? { init: config.init } : {}) });
  return { ok: true, run: { config, model, precision } };
}

/** NS0405: the backend asked for (or, for `auto`, every backend) cannot start. */
export function backendRefused(r: BackendRefusal): Diagnostic {
  const help = r.requested === 'auto'
    ? 'reinstall the packages with `npm ci`'
    : 'fix what the message names, or leave out --backend to use the fastest backend that works here';
  return { severity: 'error', code: 'NS0405', message: refusalMessage(r), help };
}
