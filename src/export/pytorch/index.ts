// `export --to pytorch`: model.py, train.py and (with weights) model.safetensors, as file contents.
// Pure: the caller writes them (src/cli/export.ts, through write-atomic).
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ModelIR } from '../../model/ir.ts';
import { encodeSafetensors } from '../safetensors.ts';
import { toTorch, type NetspecTensor } from '../weights.ts';
import { modelPy } from './model-py.ts';
import { trainPy } from './train-py.ts';

export type ExportFiles = { ok: true; files: Map<string, string | Uint8Array> } | { ok: false; diagnostics: Diagnostic[] };

export interface PytorchExportOptions {
  /** The spec file, named in the generated headers. */
  source: string;
  /** netspec's weights (a checkpoint's); without them, model.py initialises PyTorch's way. */
  weights?: NetspecTensor[];
  /** Where the weights came from, for the file's metadata and for errors. */
  weightsFrom?: string;
  /** The spec's text and its parents' (the model's file first): copied beside model.py, and by train.py into its run folder (for netspec report). */
  specs?: { file: string; text: string }[];
}

export function exportPytorch(ir: ModelIR, opts: PytorchExportOptions): ExportFiles {
  const model = modelPy(ir, opts.source);
  if (!model.ok) return model;
  const files = new Map<string, string | Uint8Array>([['model.py', model.source], ['train.py', trainPy(ir, opts.source)]]);
  for (const [i, s] of (opts.specs ?? []).entries()) files.set(i === 0 ? 'spec.yaml' : `spec-parents/${s.file.split(/[\\/]/).pop()}`, s.text);
  if (opts.weights) {
    const t = safetensorsFor(ir, opts.weights, opts.weightsFrom ?? 'the weights');
    if (!t.ok) return t;
    files.set('model.safetensors', t.bytes);
  }
  return { ok: true, files };
}

/** The weights as model.py's state dict in safetensors, or NS0702 listing what does not fit. */
export function safetensorsFor(ir: ModelIR, weights: NetspecTensor[], from: string): { ok: true; bytes: Uint8Array } | { ok: false; diagnostics: Diagnostic[] } {
  const t = toTorch(ir, weights);
  if (!t.ok) return { ok: false, diagnostics: [weightsMismatch(ir, from, t.problems)] };
  return { ok: true, bytes: encodeSafetensors(t.tensors, { format: 'pt', model: ir.name, producer: 'netspec' }) };
}

/** NS0702: weights of another model, with every mismatching name and shape (the first 20 spelled out). */
export function weightsMismatch(ir: ModelIR, from: string, problems: string[]): Diagnostic {
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
  return diagnostic('NS0702', `${from} does not fit \`${ir.name}\` (${problems.length} mismatch${problems.length === 1 ? '' : 'es'}):\n  ${shown.join('\n  ')}${more}`, undefined,
    { help: `use weights of ${ir.name} (a run of this spec), or export the spec the weights were trained with` });
}
