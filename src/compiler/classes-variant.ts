// `--classes N` / the API's `classes`: the same model with a head of N outputs, made the way a user
// would by hand — a variant that `extends` the spec, sets `classes` and overrides the last
// parameterised layer's units (dense) or filters (conv2d). Never written: analysed from its text.
import * as path from 'node:path';
import type { ModelIR } from '../model/ir.ts';
import { analyzeModel, type Analysis } from './analyze.ts';

export type ClassesVariant =
  | { ok: true; analysis: Analysis; change: string; text: string }
  | { ok: false; error: string };

/** The layer whose output count is the model's class count, and its field. */
export function headLayer(ir: ModelIR): { name: string; field: 'units' | 'filters' } | undefined {
  for (let i = ir.nodes.length - 1; i >= 0; i--) {
    const { layer, name } = ir.nodes[i];
    if (layer.kind === 'dense') return layer.units === ir.classes ? { name, field: 'units' } : undefined;
    if (layer.kind === 'conv2d') return layer.filters === ir.classes ? { name, field: 'filters' } : undefined;
  }
  return undefined;
}

export function classesVariantText(ir: ModelIR, classes: number): { text: string; head: { name: string; field: string } } | undefined {
  const head = headLayer(ir);
  if (!head) return undefined;
  const text = [
    `# ${ir.name} with ${classes} classes (netspec --classes ${classes})`,
    `extends: ${JSON.stringify(path.basename(ir.file))}`,
    `name: ${JSON.stringify(ir.name)}`,
    `classes: ${classes}`,
    'override:',
    `  ${JSON.stringify(head.name)}: { ${head.field}: ${classes} }`,
    '',
  ].join('\n');
  return { text, head };
}

export function analyzeWithClasses(ir: ModelIR, classes: number): ClassesVariant {
  const v = classesVariantText(ir, classes);
  if (!v) {
    return {
      ok: false,
      error: `cannot find the layer of ${ir.name} that outputs its ${ir.classes} classes (a dense or conv2d layer near the end); write a variant that sets \`classes: ${classes}\` and that layer's size`,
    };
  }
  // Beside the spec, so that `extends` resolves as in a file the user would write there.
  const file = path.join(path.dirname(ir.file), `${path.basename(ir.file).replace(/\.ya?ml$/i, '')}.classes-${classes}.yaml`);
  const analysis = analyzeModel(file, { text: v.text });
  return { ok: true, analysis, text: v.text, change: `${ir.name} with \`${v.head.name}\` (${v.head.field}: ${ir.classes} -> ${classes}) and \`classes: ${classes}\`` };
}
