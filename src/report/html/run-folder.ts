// Everything a report shows about one run folder, read from disk without ever throwing: what is
// missing or damaged becomes a warning (NS06xx) and the report shows the rest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lowerModel } from '../../compiler/lower.ts';
import { loadSpecFile } from '../../compiler/load.ts';
import { resolveModel } from '../../compiler/resolve.ts';
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ModelIR } from '../../model/ir.ts';
import type { Environment } from './environment.ts';
import { memo } from './memo.ts';
import { readMetricsText, type EpochRecord } from './metrics-read.ts';
import { readStepsText, STEPS_FILE, type StepRecord } from './steps.ts';

export interface CheckpointFile {
  file: string;
  bytes: number;
  /** The update count in its name (ckpt-000000469.nsckpt). */
  step?: number;
}

export interface RunData {
  dir: string;
  /** The folder's name, the run's label in legends. */
  label: string;
  found: boolean;
  epochs: EpochRecord[];
  /** steps.jsonl: per-update training figures (absent in runs from before it existed). */
  steps: StepRecord[];
  config?: Record<string, unknown>;
  /** spec.yaml then its parents (spec-parents/), as copied at the start of the run. */
  specs: { file: string; text: string }[];
  ir?: ModelIR;
  environment: Environment[];
  checkpoints: CheckpointFile[];
  /** model/ holds an exported model (the run completed). */
  exported: boolean;
  problems: Diagnostic[];
}

const warning = (code: Parameters<typeof diagnostic>[0], message: string, help?: string) => diagnostic(code, message, undefined, { severity: 'warning', help });

function readText(file: string): { text?: string; error?: string } {
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code === 'ENOENT' ? 'missing' : err.message };
  }
}

function readJson(file: string): { value?: unknown; error?: string } {
  const t = readText(file);
  if (t.text === undefined) return { error: t.error };
  try {
    return { value: JSON.parse(t.text) };
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
}

const models = memo<{ ir?: ModelIR; problems: Diagnostic[] }>();

/** The run's model, from its copied spec (the same texts in the same folder: the same model). */
function specIR(dir: string, specs: RunData['specs'], problems: Diagnostic[]): ModelIR | undefined {
  const r = models(`${path.resolve(dir)}\n${JSON.stringify(specs)}`, () => {
    const found: Diagnostic[] = [];
    return { ir: resolveSpec(dir, found), problems: found };
  });
  problems.push(...r.problems);
  return r.ir;
}

/** Resolves and lowers spec.yaml: a parent it `extends` is read from spec-parents/. */
function resolveSpec(dir: string, problems: Diagnostic[]): ModelIR | undefined {
  const own = path.join(dir, 'spec.yaml');
  const load = (file: string) => {
    if (path.resolve(file) === path.resolve(own)) return loadSpecFile(file);
    const copied = path.join(dir, 'spec-parents', path.basename(file));
    return loadSpecFile(fs.existsSync(copied) ? copied : file);
  };
  try {
    const resolved = resolveModel(own, load);
    const lowered = resolved.model && lowerModel(resolved.model);
    const errors = [...resolved.diagnostics, ...(lowered?.diagnostics ?? [])].filter((d) => d.severity === 'error');
    if (lowered?.ir && errors.length === 0) return lowered.ir;
    const first = errors[0];
    problems.push(warning('NS0606', `${own} has errors, so the architecture is not drawn: ${first ? `${first.code} ${first.message}` : 'it could not be resolved'}`,
      'the spec was copied when the run started; `netspec summary` on the original file lists every problem'));
  } catch (e) {
    problems.push(warning('NS0606', `${own} could not be read as a model: ${(e as Error).message}`));
  }
  return undefined;
}

function readCheckpoints(dir: string): CheckpointFile[] {
  const ckDir = path.join(dir, 'checkpoints');
  let names: string[];
  try {
    names = fs.readdirSync(ckDir);
  } catch {
    return [];
  }
  const out: CheckpointFile[] = [];
  for (const file of names.sort()) {
    if (!file.endsWith('.nsckpt')) continue;
    try {
      const m = /^ckpt-(\d+)\.nsckpt$/.exec(file);
      out.push({ file, bytes: fs.statSync(path.join(ckDir, file)).size, ...(m ? { step: Number(m[1]) } : {}) });
    } catch {
      /* removed while we looked: the trainer keeps only the last two */
    }
  }
  return out;
}

/** Reads a run folder. Never throws; `problems` says what is missing. */
export function readRunFolder(dir: string): RunData {
  const data: RunData = { dir, label: path.basename(path.resolve(dir)), found: false, epochs: [], steps: [], specs: [], environment: [], checkpoints: [], exported: false, problems: [] };
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) {
    data.problems.push(diagnostic('NS0601', `${dir} is not a run folder: it ${fs.existsSync(dir) ? 'is not a folder' : 'does not exist'}`, undefined,
      { help: 'give the folder `netspec train` wrote (its --out, or runs/<model>-<time>)' }));
    return data;
  }
  data.found = true;

  const metricsPath = path.join(dir, 'metrics.jsonl');
  const metrics = readText(metricsPath);
  if (metrics.text === undefined) {
    data.problems.push(warning('NS0602', `${metricsPath} is ${metrics.error === 'missing' ? 'missing' : `unreadable: ${metrics.error}`}: no curves`));
  } else {
    const m = readMetricsText(metrics.text, metricsPath);
    data.epochs = m.epochs;
    data.problems.push(...m.problems);
    if (m.epochs.length === 0) data.problems.push(warning('NS0605', `no epoch has finished yet (${metricsPath} holds no epoch): no curves`, 'the report is rewritten after every epoch'));
  }

  const steps = readText(path.join(dir, STEPS_FILE));
  if (steps.text !== undefined) {
    const s = readStepsText(steps.text, path.join(dir, STEPS_FILE));
    data.steps = s.steps;
    data.problems.push(...s.problems);
  }

  const config = readJson(path.join(dir, 'config.json'));
  if (config.value && typeof config.value === 'object' && !Array.isArray(config.value)) data.config = config.value as Record<string, unknown>;
  else data.problems.push(warning('NS0602', `${path.join(dir, 'config.json')} is ${config.error === 'missing' ? 'missing' : config.error ? `unreadable: ${config.error}` : 'not an object'}: the options are not shown`));

  const spec = readText(path.join(dir, 'spec.yaml'));
  if (spec.text === undefined) {
    data.problems.push(warning('NS0606', `${path.join(dir, 'spec.yaml')} is ${spec.error === 'missing' ? 'missing' : `unreadable: ${spec.error}`}: no architecture, layer table or spec`));
  } else {
    data.specs.push({ file: 'spec.yaml', text: spec.text });
    try {
      for (const f of fs.readdirSync(path.join(dir, 'spec-parents')).sort()) {
        const t = readText(path.join(dir, 'spec-parents', f)).text;
        if (t !== undefined) data.specs.push({ file: `spec-parents/${f}`, text: t });
      }
    } catch {
      /* no parents */
    }
    data.ir = specIR(dir, data.specs, data.problems);
  }

  const env = readJson(path.join(dir, 'environment.json'));
  const sessions = (env.value as { sessions?: unknown } | undefined)?.sessions;
  if (Array.isArray(sessions)) data.environment = sessions.filter((s): s is Environment => !!s && typeof s === 'object');

  data.checkpoints = readCheckpoints(dir);
  data.exported = fs.existsSync(path.join(dir, 'model', 'model.json'));
  return data;
}
