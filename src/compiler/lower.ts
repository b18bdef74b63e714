// Lower a resolved model to the IR: wire inputs, let each layer's kind (src/model/layers) fill its
// defaults, infer its shape and count it, and collect each semantic error with the field it comes from.
import type { Diagnostic, Location } from '../model/diagnostic.ts';
import { elements, type IRNode, type ModelIR, type Shape } from '../model/ir.ts';
import { layerKind, type LowerContext } from '../model/layers/index.ts';
import { fmt } from '../model/layers/checks.ts';
import { fieldLocation, suggestion, type ResolvedModel } from './resolve.ts';

/** Refuse models whose tensors for one example exceed this (the machine has 24 GiB). */
export const MAX_BYTES_PER_EXAMPLE = 8 * 2 ** 30;
export const MAX_PARAM_BYTES = 8 * 2 ** 30;

export function lowerModel(model: ResolvedModel): { ir?: ModelIR; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rootLoc: Location = { file: model.file, path: [] };
  if (!model.input) {
    diagnostics.push({ severity: 'error', code: 'NS0203', message: 'the model has no `input`', location: rootLoc, help: 'add `input: { shape: [height, width, channels] }`' });
  }
  if (!model.classes) {
    diagnostics.push({ severity: 'error', code: 'NS0203', message: 'the model has no `classes`', location: rootLoc, help: 'add `classes: <number of classes>`' });
  }
  if (!model.input || !model.classes) return { diagnostics };

  const shapes = new Map<string, Shape>([['input', [...model.input.shape]]]);
  const nodes: IRNode[] = [];
  let previous = 'input';
  let poisoned = false; // after a shape error, later shapes are meaningless: stop reporting them

  for (const layer of model.layers) {
    const ctx: LowerContext = {
      name: layer.name,
      defaultInit: model.init,
      error(code, message, field, help, note) {
        const location = field ? fieldLocation(layer, field) : layer.location;
        // A layer inherited through `extends`: say which model the problem is in.
        const inherited = location.file !== model.file ? `this layer is part of \`${model.name}\` (${model.file}) through \`extends\`` : undefined;
        diagnostics.push({
          severity: 'error',
          code,
          message,
          location,
          help,
          note: [note, layer.note, inherited].filter(Boolean).join('; ') || undefined,
        });
      },
    };
    const inputs = layer.spec.inputs ?? [previous];
    previous = layer.name;
    if (poisoned) continue;
    const inputShapes: Shape[] = [];
    let missing = false;
    inputs.forEach((name, i) => {
      const s = shapes.get(name);
      if (s) inputShapes.push(s);
      else {
        missing = true;
        const later = model.layers.some((l) => l.name === name);
        diagnostics.push({
          severity: 'error',
          code: 'NS0304',
          message: later
            ? `\`${layer.name}\` takes \`${name}\` as input, but \`${name}\` comes later (layers are listed in order)`
            : `\`${layer.name}\` takes \`${name}\` as input, but there is no layer named \`${name}\``,
          location: { ...fieldLocation(layer, 'inputs'), path: [...(fieldLocation(layer, 'inputs').path ?? []), i] },
          help: suggestion(name, ['input', ...nodes.map((n) => n.name)]),
        });
      }
    });
    if (missing) {
      poisoned = true;
      continue;
    }
    // Found by the fuzzer (tests/fixtures/fuzz/twice-one-input.refused.yaml): tfjs frees a tensor one
    // layer reads twice before a later layer reads it, and predict then fails inside tfjs.
    const twice = inputs.findIndex((name, i) => inputs.indexOf(name) !== i);
    if (twice >= 0) {
      diagnostics.push({
        severity: 'error',
        code: 'NS0210',
        message: `\`${layer.name}\` names \`${inputs[twice]}\` twice in \`inputs\``,
        location: { ...fieldLocation(layer, 'inputs'), path: [...(fieldLocation(layer, 'inputs').path ?? []), twice] },
        help: 'name each input once (TensorFlow.js cannot run a layer that reads one tensor twice)',
      });
      poisoned = true;
      continue;
    }
    const before = diagnostics.length;
    const lowered = layerKind(layer.spec.type).lower(layer.spec, inputShapes, ctx);
    if (!lowered || diagnostics.length > before) {
      poisoned = true;
      continue;
    }
    shapes.set(layer.name, lowered.out);
    const bytes = elements(lowered.out) * 4;
    if (bytes > MAX_BYTES_PER_EXAMPLE) {
      ctx.error('NS0310', `the output of \`${layer.name}\` (${fmt(lowered.out)}) needs ${gib(bytes)} per example, more than this machine can hold`, undefined,
        'reduce the input size, the filters, or add striding or pooling earlier');
      poisoned = true;
      continue;
    }
    nodes.push({
      name: layer.name,
      layer: lowered.layer,
      inputs,
      inputShapes,
      outputShape: lowered.out,
      params: lowered.trainableParams + lowered.nonTrainableParams,
      trainableParams: lowered.trainableParams,
      nonTrainableParams: lowered.nonTrainableParams,
      multAdds: lowered.multAdds,
      location: layer.location,
      description: layer.spec.description,
      ...(layer.block ? { block: layer.block } : {}),
      ...(layer.blockInstance ? { blockInstance: layer.blockInstance } : {}),
    });
  }
  if (poisoned || diagnostics.length) return { diagnostics };

  // Found by the fuzzer (tests/fixtures/fuzz/unused-output.refused.yaml): tfjs leaves out a layer
  // nothing reads, so the built model would lack a layer (and parameters) the summary counts.
  const read = new Set(nodes.flatMap((n) => n.inputs));
  const notes = new Map(model.layers.map((l) => [l.name, l.note]));
  for (const n of nodes.slice(0, -1)) {
    if (read.has(n.name)) continue;
    diagnostics.push({
      severity: 'error',
      code: 'NS0330',
      message: `the output of \`${n.name}\` is never used: no later layer takes it as input, and only the last layer is the model's output`,
      location: n.location,
      help: `remove \`${n.name}\`, or name it in a later layer's \`inputs\``,
      note: notes.get(n.name),
    });
  }
  if (diagnostics.length) return { diagnostics };

  const last = nodes[nodes.length - 1];
  if (!last) {
    diagnostics.push({ severity: 'error', code: 'NS0203', message: 'the model has no layers', location: model.layersLocation, help: 'add at least one layer' });
    return { diagnostics };
  }
  const classes = model.classes.value;
  if (last.outputShape.length !== 1 || last.outputShape[0] !== classes) {
    diagnostics.push({
      severity: 'error',
      code: 'NS0311',
      message: `the model's output \`${last.name}\` has shape ${fmt(last.outputShape)}, but \`classes\` is ${classes}`,
      location: last.location,
      help: last.outputShape.length !== 1
        ? `end with \`{ type: flatten }\` and \`{ type: dense, units: ${classes}, activation: softmax }\``
        : `give the last dense layer \`units: ${classes}\`, or change \`classes\``,
    });
  }
  const paramBytes = nodes.reduce((a, n) => a + n.params, 0) * 4;
  if (paramBytes > MAX_PARAM_BYTES) {
    diagnostics.push({
      severity: 'error', code: 'NS0310',
      message: `the parameters need ${gib(paramBytes)}, more than this machine can hold`,
      location: model.layersLocation, help: 'use fewer filters or units',
    });
  }
  if (diagnostics.length) return { diagnostics };
  return {
    diagnostics,
    ir: {
      name: model.name,
      description: model.description,
      file: model.file,
      files: model.files,
      input: [...model.input.shape],
      classes,
      init: model.init,
      nodes,
      output: last.name,
      train: model.train,
    },
  };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
