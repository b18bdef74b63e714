// Lower a resolved model to the IR: fill defaults, wire inputs, infer every shape and count
// parameters and mult-adds, collecting each semantic error with the field it comes from.
import type { Diagnostic, Location } from './diagnostic.ts';
import type { IRLayer, IRNode, ModelIR, Shape } from './ir.ts';
import type { LayerSpec, Padding2D, Pair } from './spec.ts';
import { fieldLocation, suggestion, type ResolvedLayer, type ResolvedModel } from './resolve.ts';
import { convOutputSize, poolOutputSize } from '../runtime/layers/arithmetic.ts';

type Pad4 = [number, number, number, number];

/** Refuse models whose tensors for one example exceed this (the machine has 24 GiB). */
export const MAX_BYTES_PER_EXAMPLE = 8 * 2 ** 30;
export const MAX_PARAM_BYTES = 8 * 2 ** 30;

const pair = (p: Pair | undefined, d: number): [number, number] =>
  p === undefined ? [d, d] : typeof p === 'number' ? [p, p] : [p[0], p[1]];

/** Explicit [top, bottom, left, right]; `same` as TensorFlow (extra row/column after). */
function explicitPad(p: Padding2D | undefined, hw: [number, number], k: [number, number], s: [number, number], d: [number, number]): Pad4 {
  if (p === undefined || p === 'valid') return [0, 0, 0, 0];
  if (p === 'same') {
    const total = (i: 0 | 1) => Math.max((Math.ceil(hw[i] / s[i]) - 1) * s[i] + (k[i] - 1) * d[i] + 1 - hw[i], 0);
    const th = total(0);
    const tw = total(1);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  if (typeof p === 'number') return [p, p, p, p];
  return [p[0], p[0], p[1], p[1]];
}

const prod = (s: Shape) => s.reduce((a, b) => a * b, 1);
const fmt = (s: Shape) => `${s.join('x')}`;

interface Ctx {
  layer: ResolvedLayer;
  error(code: string, message: string, field?: string, help?: string, note?: string): void;
}

interface Lowered {
  layer: IRLayer;
  out: Shape;
  params: number;
  multAdds: number;
}

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
    const ctx: Ctx = {
      layer,
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
          note: [note, inherited].filter(Boolean).join('; ') || undefined,
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
    const before = diagnostics.length;
    const lowered = lowerLayer(layer.spec, inputShapes, ctx, model.init);
    if (!lowered || diagnostics.length > before) {
      poisoned = true;
      continue;
    }
    shapes.set(layer.name, lowered.out);
    const bytes = prod(lowered.out) * 4;
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
      params: lowered.params,
      trainableParams: lowered.params,
      multAdds: lowered.multAdds,
      location: layer.location,
      description: layer.spec.description,
    });
  }
  if (poisoned || diagnostics.length) return { diagnostics };

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

function needRank(ctx: Ctx, shape: Shape, rank: number, what: string): boolean {
  if (shape.length === rank) return true;
  const help = rank === 1
    ? 'add `{ type: flatten }` (or a global pooling layer) before it'
    : 'it needs an image-shaped input (height x width x channels); move it before the flatten';
  ctx.error('NS0309', `\`${ctx.layer.name}\` (${what}) needs a ${rank === 1 ? 'flat vector' : 'height x width x channels'} input, but receives ${fmt(shape)}`, undefined, help);
  return false;
}

function checkSpatial(ctx: Ctx, out: Shape, inShape: Shape, field: string, arithmetic: string): boolean {
  if (out[0] >= 1 && out[1] >= 1) return true;
  ctx.error('NS0301', `the output of \`${ctx.layer.name}\` would be ${out[0]}x${out[1]}: its window is larger than its ${inShape[0]}x${inShape[1]} input`, field,
    'use a smaller kernel or stride, add padding, or remove a downsampling layer before it', arithmetic);
  return false;
}

function lowerLayer(spec: LayerSpec, ins: Shape[], ctx: Ctx, defaultInit: ResolvedModel['init']): Lowered | undefined {
  const one = (what: string): Shape | undefined => {
    if (ins.length === 1) return ins[0];
    ctx.error('NS0304', `\`${ctx.layer.name}\` (${what}) takes one input, but \`inputs\` names ${ins.length}`, 'inputs', 'name exactly one input');
    return undefined;
  };
  switch (spec.type) {
    case 'conv2d': {
      const x = one('conv2d');
      if (!x || !needRank(ctx, x, 3, 'conv2d')) return;
      const kernel = pair(spec.kernel, 1);
      const stride = pair(spec.stride, 1);
      const dilation = pair(spec.dilation, 1);
      const groups = spec.groups ?? 1;
      const pad = explicitPad(spec.padding, [x[0], x[1]], kernel, stride, dilation);
      const cin = x[2];
      if (cin % groups !== 0 || spec.filters % groups !== 0) {
        const which = cin % groups !== 0 ? `the ${cin} input channels` : `the ${spec.filters} filters`;
        const ok = divisorsOfBoth(cin, spec.filters).filter((g) => g > 1);
        ctx.error('NS0302', `\`groups\` (${groups}) does not divide ${which} of \`${ctx.layer.name}\``, 'groups',
          ok.length ? `use a groups value that divides both ${cin} and ${spec.filters}: ${ok.slice(0, 6).join(', ')}` : 'use `groups: 1`',
          'each group convolves input channels / groups channels into filters / groups maps');
        return;
      }
      const out = [
        convOutputSize(x[0], kernel[0], stride[0], pad[0], pad[1], dilation[0]),
        convOutputSize(x[1], kernel[1], stride[1], pad[2], pad[3], dilation[1]),
        spec.filters,
      ];
      const arithmetic = `height: floor((${x[0]} + ${pad[0]} + ${pad[1]} - ${dilation[0]}*(${kernel[0]}-1) - 1) / ${stride[0]}) + 1 = ${out[0]}`;
      if (!checkSpatial(ctx, out, x, 'kernel', arithmetic)) return;
      const bias = spec.bias ?? true;
      const perOutput = kernel[0] * kernel[1] * (cin / groups);
      return {
        layer: {
          kind: 'conv2d', filters: spec.filters, kernel, stride, pad, dilation, groups, bias,
          activation: spec.activation ?? 'linear', init: spec.init ?? defaultInit, biasInit: spec.biasInit ?? 0,
        },
        out,
        params: perOutput * spec.filters + (bias ? spec.filters : 0),
        multAdds: out[0] * out[1] * spec.filters * perOutput,
      };
    }
    case 'lrn': {
      const x = one('lrn');
      if (!x || !needRank(ctx, x, 3, 'lrn')) return;
      if (spec.size % 2 !== 1) {
        ctx.error('NS0308', `the LRN window \`size\` of \`${ctx.layer.name}\` must be odd (it is centred on each channel); received ${spec.size}`, 'size',
          `use ${spec.size + 1} or ${Math.max(1, spec.size - 1)}; the paper uses 5`);
        return;
      }
      return {
        layer: { kind: 'lrn', size: spec.size, alpha: spec.alpha, beta: spec.beta, k: spec.k, convention: spec.convention ?? 'paper' },
        out: x, params: 0, multAdds: 0,
      };
    }
    case 'maxpool':
    case 'avgpool': {
      const x = one(spec.type);
      if (!x || !needRank(ctx, x, 3, spec.type)) return;
      const size = pair(spec.size, 1);
      const stride = spec.stride === undefined ? size : pair(spec.stride, 1);
      const pad = explicitPad(spec.padding, [x[0], x[1]], size, stride, [1, 1]);
      if (pad[0] >= size[0] || pad[1] >= size[0] || pad[2] >= size[1] || pad[3] >= size[1]) {
        ctx.error('NS0301', `the padding of \`${ctx.layer.name}\` (${pad.join(', ')}) is not smaller than its ${size.join('x')} window`, 'padding',
          'a pooling window would then lie wholly in the padding; use less padding than the window size (PyTorch asks for at most half)');
        return;
      }
      const rounding = spec.rounding ?? 'floor';
      const out = [
        poolOutputSize(x[0], size[0], stride[0], pad[0], pad[1], rounding),
        poolOutputSize(x[1], size[1], stride[1], pad[2], pad[3], rounding),
        x[2],
      ];
      const arithmetic = `height: ${rounding}((${x[0]} + ${pad[0]} + ${pad[1]} - ${size[0]}) / ${stride[0]}) + 1 = ${out[0]}`;
      if (!checkSpatial(ctx, out, x, 'size', arithmetic)) return;
      return { layer: { kind: spec.type, size, stride, pad, rounding }, out, params: 0, multAdds: 0 };
    }
    case 'dropout': {
      const x = one('dropout');
      if (!x) return;
      return { layer: { kind: 'dropout', rate: spec.rate }, out: x, params: 0, multAdds: 0 };
    }
    case 'flatten': {
      const x = one('flatten');
      if (!x) return;
      return { layer: { kind: 'flatten' }, out: [prod(x)], params: 0, multAdds: 0 };
    }
    case 'dense': {
      const x = one('dense');
      if (!x || !needRank(ctx, x, 1, 'dense')) return;
      const bias = spec.bias ?? true;
      return {
        layer: {
          kind: 'dense', units: spec.units, bias, activation: spec.activation ?? 'linear',
          init: spec.init ?? defaultInit, biasInit: spec.biasInit ?? 0,
        },
        out: [spec.units],
        params: x[0] * spec.units + (bias ? spec.units : 0),
        multAdds: x[0] * spec.units,
      };
    }
    case 'zeropad': {
      const x = one('zeropad');
      if (!x || !needRank(ctx, x, 3, 'zeropad')) return;
      const p = spec.padding;
      const pad: Pad4 = typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[0], p[1], p[1]] : [p[0], p[1], p[2], p[3]];
      return { layer: { kind: 'zeropad', pad }, out: [x[0] + pad[0] + pad[1], x[1] + pad[2] + pad[3], x[2]], params: 0, multAdds: 0 };
    }
    case 'globalavgpool': {
      const x = one('globalavgpool');
      if (!x || !needRank(ctx, x, 3, 'globalavgpool')) return;
      return { layer: { kind: 'globalavgpool' }, out: [x[2]], params: 0, multAdds: 0 };
    }
    case 'adaptiveavgpool': {
      const x = one('adaptiveavgpool');
      if (!x || !needRank(ctx, x, 3, 'adaptiveavgpool')) return;
      const output = pair(spec.output, 1);
      return { layer: { kind: 'adaptiveavgpool', output }, out: [output[0], output[1], x[2]], params: 0, multAdds: 0 };
    }
    case 'activation': {
      const x = one('activation');
      if (!x) return;
      return { layer: { kind: 'activation', activation: spec.activation, alpha: spec.alpha }, out: x, params: 0, multAdds: 0 };
    }
    case 'add': {
      if (ins.length < 2) {
        ctx.error('NS0307', `\`${ctx.layer.name}\` (add) needs at least two inputs; \`inputs\` names ${ins.length}`, 'inputs', 'list the layers to add: `inputs: [a, b]`');
        return;
      }
      if (ins.some((s) => fmt(s) !== fmt(ins[0]))) {
        ctx.error('NS0307', `\`${ctx.layer.name}\` adds tensors of different shapes: ${ins.map(fmt).join(', ')}`, 'inputs', 'the inputs of add must have the same shape');
        return;
      }
      return { layer: { kind: 'add' }, out: ins[0], params: 0, multAdds: 0 };
    }
    case 'concat': {
      if (ins.length < 2) {
        ctx.error('NS0307', `\`${ctx.layer.name}\` (concat) needs at least two inputs; \`inputs\` names ${ins.length}`, 'inputs', 'list the layers to join: `inputs: [a, b]`');
        return;
      }
      const rank = ins[0].length;
      const axis = (spec.axis ?? -1) < 0 ? rank + (spec.axis ?? -1) : spec.axis!;
      const rest = (s: Shape) => s.filter((_, i) => i !== axis).join('x');
      if (axis < 0 || axis >= rank || ins.some((s) => s.length !== rank || rest(s) !== rest(ins[0]))) {
        ctx.error('NS0307', `\`${ctx.layer.name}\` cannot join ${ins.map(fmt).join(', ')} along axis ${spec.axis ?? -1}`, 'inputs',
          'the inputs of concat must agree on every other axis');
        return;
      }
      const out = [...ins[0]];
      out[axis] = ins.reduce((a, s) => a + s[axis], 0);
      return { layer: { kind: 'concat', axis }, out, params: 0, multAdds: 0 };
    }
  }
}

function divisorsOfBoth(a: number, b: number): number[] {
  const out: number[] = [];
  for (let g = 1; g <= Math.min(a, b); g++) if (a % g === 0 && b % g === 0) out.push(g);
  return out;
}
