// DIR/model.py: the IR as a readable nn.Module. Submodules carry the spec's layer names (blocks as
// nested Block containers, so state-dict keys are torchvision's: layer1.0.conv1.weight); forward()
// runs the layers in the IR's order. Pure: IR in, Python source (or diagnostics) out.
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { IRNode, ModelIR } from '../../model/ir.ts';
import type { Activation } from '../../model/fields.ts';
import { FUNCTIONAL, moduleTreeProblems } from '../modules.ts';
import { PRELUDE } from './prelude.ts';
import { isPyIdentifier, pyComment, pyFloat, pyIdent, pyStr } from './python.ts';

export type PyResult = { ok: true; source: string } | { ok: false; diagnostics: Diagnostic[] };

// nn.Module's own attributes (torch 1.13 and later): a layer with one of these names is reached
// as self["name"], never as an attribute that would shadow a method.
const MODULE_ATTRS = new Set([
  'T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'children', 'cpu', 'cuda', 'double', 'dump_patches', 'eval',
  'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state', 'get_parameter', 'get_submodule', 'half', 'ipu', 'load_state_dict',
  'modules', 'parameters', 'requires_grad_', 'set_extra_state', 'share_memory', 'state_dict', 'to', 'to_empty', 'train', 'type', 'xpu',
  'zero_grad', 'training', 'compile', 'mtia', 'set_submodule', 'call_super_init', 'smart_apply',
  // model.py's own names on the class
  'input_shape', 'classes', 'final_softmax', 'probabilities', 'reset_parameters',
]);
const safeAttr = (s: string) => isPyIdentifier(s) && !MODULE_ATTRS.has(s) && !/^(register_|named_|_)/.test(s);

/** The Python expression reaching module `path` from `self`. */
export function moduleExpr(path: string[]): string {
  const [head, ...rest] = path;
  return (safeAttr(head) ? `self.${head}` : `self[${pyStr(head)}]`) + rest.map((p) => `[${pyStr(p)}]`).join('');
}

const tuple = (xs: readonly number[]) => `(${xs.join(', ')})`;
const pair = (xs: readonly number[]) => (xs[0] === xs[1] ? String(xs[0]) : tuple(xs));

/** A fused activation applied to expression `e` (netspec's defaults: leaky slope 0.01, elu alpha 1). */
function applyActivation(a: Activation, e: string, alpha?: number): string {
  switch (a) {
    case 'linear': return e;
    case 'relu': return `F.relu(${e})`;
    case 'relu6': return `F.relu6(${e})`;
    case 'leaky_relu': return `F.leaky_relu(${e}, ${pyFloat(alpha ?? 0.01)})`;
    case 'elu': return `F.elu(${e}, ${pyFloat(alpha ?? 1)})`;
    case 'tanh': return `torch.tanh(${e})`;
    case 'sigmoid': return `torch.sigmoid(${e})`;
    case 'softmax': return `F.softmax(${e}, dim=1)`; // channels: netspec's last axis
    case 'gelu': return `F.gelu(${e})`; // the exact (erf) form, as netspec's
    case 'silu': return `F.silu(${e})`;
    case 'hard_swish': return `F.hardswish(${e})`;
  }
}

function activationModule(a: Activation, alpha?: number): string {
  switch (a) {
    case 'linear': return 'nn.Identity()';
    case 'relu': return 'nn.ReLU()';
    case 'relu6': return 'nn.ReLU6()';
    case 'leaky_relu': return `nn.LeakyReLU(${pyFloat(alpha ?? 0.01)})`;
    case 'elu': return `nn.ELU(${pyFloat(alpha ?? 1)})`;
    case 'tanh': return 'nn.Tanh()';
    case 'sigmoid': return 'nn.Sigmoid()';
    case 'softmax': return 'nn.Softmax(dim=1)';
    case 'gelu': return 'nn.GELU()';
    case 'silu': return 'nn.SiLU()';
    case 'hard_swish': return 'nn.Hardswish()';
  }
}

interface LayerCode {
  /** The module's constructor, for layers that are modules. */
  ctor?: string;
  /** A comment on the conversion, when there is one to explain. */
  note?: string;
  /** The forward expression, given the input expressions and the module's expression. */
  call: (xs: string[], m: string) => string;
}

/** netspec pooling's output size, which PyTorch's own pooling gives when its padding is symmetric. */
const nativePool = (pad: readonly number[], size: readonly number[]) => pad[0] === pad[1] && pad[2] === pad[3] && pad[0] <= Math.floor(size[0] / 2) && pad[2] <= Math.floor(size[1] / 2);

/** The PyTorch code of one layer; undefined for a kind this exporter does not know. `final`: the model's output layer. */
function layerCode(node: IRNode, final: boolean): LayerCode | undefined {
  const L = node.layer;
  const ins = node.inputShapes;
  const act = (a: Activation, e: string) => (final && a === 'softmax' ? e : applyActivation(a, e));
  switch (L.kind) {
    case 'conv2d': {
      const [t, b, l, r] = L.pad;
      const sym = t === b && l === r;
      const args = [String(ins[0][2]), String(L.filters), `kernel_size=${pair(L.kernel)}`];
      if (L.stride.some((s) => s !== 1)) args.push(`stride=${pair(L.stride)}`);
      if (sym && (t || l)) args.push(`padding=${pair([t, l])}`);
      if (L.dilation.some((d) => d !== 1)) args.push(`dilation=${pair(L.dilation)}`);
      if (L.groups !== 1) args.push(`groups=${L.groups}`);
      if (!L.bias) args.push('bias=False');
      return {
        ctor: `nn.Conv2d(${args.join(', ')})`,
        note: sym ? undefined : `padding [top ${t}, bottom ${b}, left ${l}, right ${r}] is uneven: F.pad before the convolution`,
        call: ([x], m) => act(L.activation, sym ? `${m}(${x})` : `${m}(F.pad(${x}, ${tuple([l, r, t, b])}))`),
      };
    }
    case 'dense':
      return { ctor: `nn.Linear(${ins[0][0]}, ${L.units}${L.bias ? '' : ', bias=False'})`, call: ([x], m) => act(L.activation, `${m}(${x})`) };
    case 'batchnorm': {
      const c = node.outputShape[node.outputShape.length - 1];
      const cls = ins[0].length === 3 ? 'nn.BatchNorm2d' : 'nn.BatchNorm1d';
      const common = `${c}, eps=${pyFloat(L.epsilon)}, momentum=${pyFloat(L.momentum)}`;
      const ctor = L.center === L.scale ? `${cls}(${common}${L.center ? '' : ', affine=False'})`
        : `batch_norm(${cls}, ${c}, ${pyFloat(L.epsilon)}, ${pyFloat(L.momentum)}, center=${L.center ? 'True' : 'False'}, scale=${L.scale ? 'True' : 'False'})`;
      return { ctor, call: ([x], m) => `${m}(${x})` };
    }
    case 'lrn': {
      const alpha = L.convention === 'paper' ? L.alpha * L.size : L.alpha;
      return {
        ctor: `nn.LocalResponseNorm(${L.size}, alpha=${pyFloat(alpha)}, beta=${pyFloat(L.beta)}, k=${pyFloat(L.k)})`,
        note: L.convention === 'paper' ? `alpha ${L.alpha} x size ${L.size}: the paper's alpha multiplies the plain sum of squares, PyTorch's is divided by size` : undefined,
        call: ([x], m) => `${m}(${x})`,
      };
    }
    case 'maxpool':
    case 'avgpool': {
      const ceil = L.rounding === 'ceil';
      const cls = L.kind === 'maxpool' ? 'nn.MaxPool2d' : 'nn.AvgPool2d';
      if (nativePool(L.pad, L.size)) {
        const args = [pair(L.size), pair(L.stride)];
        if (L.pad[0] || L.pad[2]) args.push(`padding=${pair([L.pad[0], L.pad[2]])}`);
        if (ceil) args.push('ceil_mode=True');
        return { ctor: `${cls}(${args.join(', ')})`, note: ceil ? 'ceil rounding, as Caffe' : undefined, call: ([x], m) => `${m}(${x})` };
      }
      const kind = L.kind === 'maxpool' ? '"max"' : '"avg"';
      return {
        ctor: `Pool2d(${kind}, ${tuple(L.size)}, ${tuple(L.stride)}, ${tuple(L.pad)}, ${ceil ? 'True' : 'False'}, ${tuple(ins[0].slice(0, 2))})`,
        note: 'uneven padding: padded explicitly, then cut to netspec\'s output size',
        call: ([x], m) => `${m}(${x})`,
      };
    }
    case 'dropout':
      return { ctor: `nn.Dropout(${pyFloat(L.rate)})`, call: ([x], m) => `${m}(${x})` };
    case 'flatten':
      return { note: 'flattened in netspec\'s height, width, channels order', call: ([x]) => `flatten_hwc(${x})` };
    case 'zeropad': {
      const [t, b, l, r] = L.pad;
      return { ctor: `nn.ZeroPad2d(${tuple([l, r, t, b])})`, call: ([x], m) => `${m}(${x})` };
    }
    case 'globalavgpool':
      return { ctor: 'nn.AdaptiveAvgPool2d(1)', call: ([x], m) => `${m}(${x}).flatten(1)` };
    case 'adaptiveavgpool':
      return { ctor: `nn.AdaptiveAvgPool2d(${tuple(L.output)})`, call: ([x], m) => `${m}(${x})` };
    case 'activation':
      if (final && L.activation === 'softmax') return { call: ([x]) => x };
      return { ctor: activationModule(L.activation, L.alpha), call: ([x], m) => `${m}(${x})` };
    case 'add':
      return { call: (xs) => xs.join(' + ') };
    case 'concat': {
      const dim = ins[0].length === 3 ? ({ 0: 2, 1: 3, 2: 1 } as Record<number, number>)[L.axis] : L.axis + 1;
      return { note: ins[0].length === 3 ? `netspec's axis ${L.axis} (HWC) is dim ${dim} in NCHW` : undefined, call: (xs) => `torch.cat([${xs.join(', ')}], dim=${dim})` };
    }
    default:
      return undefined;
  }
}

const className = (name: string): string => {
  const id = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(id) ? id : `Net${id}`;
};

const RESERVED = new Set(['x', 'self', 'F', 'nn', 'torch', 'math', 'json', 'struct']);

/** Variable names for each node's output: `x` where the value goes straight into the next layer only. */
function variables(ir: ModelIR): Map<string, string> {
  const uses = new Map<string, number>();
  for (const n of ir.nodes) for (const i of n.inputs) uses.set(i, (uses.get(i) ?? 0) + 1);
  const taken = new Set(RESERVED);
  const names = new Map<string, string>();
  const order = ['input', ...ir.nodes.map((n) => n.name)];
  for (const [i, name] of order.entries()) {
    const next = ir.nodes[i]; // the node after `name` in order
    if (name === ir.output || (uses.get(name) === 1 && next?.inputs.includes(name))) {
      names.set(name, 'x');
      continue;
    }
    let v = pyIdent(name, 'h');
    while (taken.has(v)) v = `${v}_`;
    taken.add(v);
    names.set(name, v);
  }
  return names;
}

/** model.py for `ir`; `source`: the spec file named in the header. */
export function modelPy(ir: ModelIR, source: string): PyResult {
  const problems = moduleTreeProblems(ir, 'PyTorch');
  const codes = new Map<string, LayerCode>();
  for (const n of ir.nodes) {
    const c = layerCode(n, n.name === ir.output);
    if (c) codes.set(n.name, c);
    else problems.push(diagnostic('NS0701', `layer \`${n.name}\` (${n.layer.kind}) has no PyTorch translation`, n.location,
      { help: 'replace it with a layer PyTorch can express, or export to another target' }));
  }
  if (problems.length) return { ok: false, diagnostics: problems };

  const cls = className(ir.name);
  const final = ir.nodes.find((n) => n.name === ir.output)!;
  const finalSoftmax = 'activation' in final.layer && final.layer.activation === 'softmax';
  const init: string[] = [];
  const containers = new Set<string>();
  for (const n of ir.nodes) {
    const c = codes.get(n.name)!;
    if (!c.ctor || FUNCTIONAL.has(n.layer.kind)) continue;
    const parts = n.name.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (!containers.has(prefix)) {
        containers.add(prefix);
        init.push(`        ${moduleExpr(parts.slice(0, i))} = Block()`);
      }
    }
    if (c.note) init.push(`        # ${pyComment(c.note)}`);
    init.push(`        ${moduleExpr(parts)} = ${c.ctor}`);
  }

  // The spec's initialisation, so that training from scratch starts where netspec's does.
  const inits: string[] = [];
  for (const n of ir.nodes) {
    if (n.layer.kind !== 'conv2d' && n.layer.kind !== 'dense') continue;
    const m = moduleExpr(n.name.split('.'));
    inits.push(`        init_kernel(${m}.weight, ${pyStr(n.layer.init)})`);
    if (n.layer.bias) inits.push(`        nn.init.constant_(${m}.bias, ${pyFloat(n.layer.biasInit)})`);
  }

  const vars = variables(ir);
  const fwd: string[] = [];
  for (const n of ir.nodes) {
    const c = codes.get(n.name)!;
    const xs = n.inputs.map((i) => vars.get(i)!);
    const expr = c.call(xs, c.ctor ? moduleExpr(n.name.split('.')) : '');
    const lhs = vars.get(n.name)!;
    const comment = `# ${pyComment(n.name)}: ${n.layer.kind} -> ${n.outputShape.length === 3 ? `${n.outputShape[2]}x${n.outputShape[0]}x${n.outputShape[1]}` : n.outputShape.join('x')}`;
    if (expr === lhs) fwd.push(`        ${comment}; its softmax is left to the loss and to probabilities()`);
    else fwd.push(`        ${lhs} = ${expr}  ${comment}`);
  }
  fwd.push(`        return ${vars.get(ir.output)}`);

  const [h, w, ch] = ir.input;
  const text = `# ${cls}: generated from ${pyComment(source)} by netspec; do not edit (re-export instead).
"""${cls} in PyTorch, layer for layer as netspec builds it in TensorFlow.js.

Conversions (each exact):
- Layout: PyTorch is NCHW, netspec (TF.js) NHWC. Inputs are [N, ${ch}, ${h}, ${w}]; convolution
  kernels are stored OIHW (netspec: HWIO) and dense weights [out, in] (netspec: [in, out]).
- Grouped convolutions: nn.Conv2d(groups=g), weights [out, in/g, kh, kw] as netspec counts them.
- Padding: netspec's explicit [top, bottom, left, right]; uneven padding is an F.pad first.
- Local response normalisation: the paper's alpha multiplies the sum of squares, PyTorch's
  nn.LocalResponseNorm divides its alpha by size, so alpha is multiplied by size here.
- Pooling: ceil rounding as ceil_mode=True (a last window starting in the padding is dropped, in
  both); average pooling counts padded zeros (count_include_pad=True), as netspec does.
- Batch norm: momentum and eps mean what they mean in PyTorch (netspec uses PyTorch's
  convention); gamma/beta/moving_mean/moving_variance are weight/bias/running_mean/running_var.
- Flatten: netspec flattens height, width, channels (NHWC), so flatten_hwc permutes first and the
  dense weights carry over unchanged.
- The output:${finalSoftmax ? ' forward() returns logits; the final softmax is left to the loss (nn.CrossEntropyLoss) and to probabilities().' : ' forward() returns the last layer\'s output.'}

Weights: build("model.safetensors") loads what \`netspec export --to pytorch --checkpoint RUN\`
wrote (or what train.py saved); save_safetensors(model.state_dict(), path) writes them back.
"""
${PRELUDE}

class ${cls}(Block):
    input_shape = (${ch}, ${h}, ${w})  # channels, height, width
    classes = ${ir.classes}
    final_softmax = ${finalSoftmax ? 'True' : 'False'}

    def __init__(self):
        super().__init__()
${init.length ? init.join('\n') : '        pass'}
        self.reset_parameters()

    def reset_parameters(self):
        """The spec's weight initialisation (init, biasInit) for convolutions and dense layers."""
${inits.length ? inits.join('\n') : '        pass'}

    def forward(self, x):
${fwd.join('\n')}

    def probabilities(self, x):
        """What netspec's model outputs: ${finalSoftmax ? 'the softmax of forward()' : 'forward() itself'}."""
        return ${finalSoftmax ? 'F.softmax(self.forward(x), dim=1)' : 'self.forward(x)'}


Net = ${cls}


def build(weights=None):
    """A new ${cls}; with weights (a safetensors file), loaded from it."""
    model = ${cls}()
    if weights is not None:
        load_weights(model, weights)
    return model


if __name__ == "__main__":
    import sys

    model = build(sys.argv[1] if len(sys.argv) > 1 else None).eval()
    with torch.no_grad():
        y = model(torch.zeros(1, *model.input_shape))
    params = sum(p.numel() for p in model.parameters())
    print(f"${cls}: {params:,} parameters, output {list(y.shape)}")
`;
  return { ok: true, source: text };
}
