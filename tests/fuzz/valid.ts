// A generator of specs that must be accepted: random graphs (branches, add, concat), hostile but
// legal names, `init`, blocks (typed parameters, expressions, repeat, nested uses, explicit
// inputs) and `extends` chains whose edits (override, remove, insert) keep every shape valid.
// fast-check draws numbers; build() turns them into spec files, tracking shapes as it goes.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { deriveNames } from '../../src/compiler/names.ts';
import type { LayerEntry } from '../../src/model/spec.ts';
import { LEGAL } from './names.ts';

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'leaky_relu', 'elu', 'tanh', 'sigmoid', 'softmax', 'gelu', 'silu', 'hard_swish'] as const;
const INITS = ['he', 'glorot', 'paper', 'lecun'] as const;
const KINDS = ['conv', 'conv', 'act', 'bn', 'lrn', 'pool', 'add', 'concat', 'dropout', 'zeropad', 'adaptive', 'block', 'block', 'block'] as const;

const op = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  ref: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
});

const edit = fc.record({ kind: fc.constantFrom('override', 'override', 'remove', 'insert', 'init'), at: fc.nat(), a: fc.nat(), name: fc.nat() });

export const validArb = fc.record({
  model: fc.nat(),
  h: fc.integer({ min: 1, max: 9 }),
  w: fc.integer({ min: 1, max: 9 }),
  c: fc.integer({ min: 1, max: 4 }),
  classes: fc.integer({ min: 1, max: 5 }),
  init: fc.option(fc.constantFrom(...INITS), { nil: undefined }),
  blockNames: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  blockFlavour: fc.nat(),
  ops: fc.array(op, { maxLength: 10 }),
  head: fc.record({ flatten: fc.boolean(), dense: fc.option(fc.record({ name: fc.nat(), units: fc.integer({ min: 1, max: 6 }), act: fc.nat() }), { nil: undefined }), pre: fc.boolean() }),
  variants: fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
});

export type ValidSeed = typeof validArb extends fc.Arbitrary<infer T> ? T : never;

type Shape = number[];
/** One entry of the layer list: the spec, its output shape, and for a block use its layer names inside. */
interface Entry {
  spec: Record<string, unknown>;
  shape: Shape;
  /** Entry indices its `inputs` name (resolved to names once every name is known). */
  refs?: number[];
  /** For a block use: the names of its layers after expansion, given the use's name. */
  inner?: (use: string, explicit: boolean) => Flat[];
}

/** A layer after expansion: whether it takes the layer before it implicitly (an insert after that one feeds it). */
interface Flat {
  name: string;
  type: string;
  implicit: boolean;
}

/** Names of at most 64 characters (the schema's limit) with a suffix kept. */
const fit = (name: string, suffix: string): string => {
  const out = `${name.slice(0, 64 - suffix.length)}${suffix}`;
  // A layer name may not start with `_`, nor may a block's (its uses' layers are named after it).
  return out.startsWith('_') ? `b${out.slice(0, 63)}` : out;
};

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length];

/** The spec files of one case: the model, then variants extending it in a chain; the last is the one to compile. */
export function build(s: ValidSeed): { files: [string, string][] } {
  const used = new Set<string>();
  const legalName = (n: number | undefined): string | undefined => {
    if (n === undefined) return undefined;
    const name = pick(LEGAL, n);
    if (used.has(name)) return undefined;
    used.add(name);
    return name;
  };
  const blockNames = s.blockNames.map((n, i) => fit(pick(LEGAL, n), i === 0 ? '' : `_b${i}`));
  const blocks = makeBlocks(blockNames, s.blockFlavour);
  const withBlocks = s.blockFlavour % 4 !== 0;
  const entries: Entry[] = [];
  const input: Entry = { spec: {}, shape: [s.h, s.w, s.c] };
  const at = (i: number): Entry => (i < 0 ? input : entries[i]);
  const last = () => entries.length - 1;
  const image = (i: number) => at(i).shape.length === 3;

  for (const o of s.ops) {
    const before = entries.length;
    const cur = at(last());
    if (cur.shape.length !== 3) break;
    const [h, w, c] = cur.shape;
    // An earlier image entry (or the input) to branch from.
    const candidates = [-1, ...entries.map((_, i) => i)].filter(image);
    const from = o.ref === undefined ? last() : pick(candidates, o.ref);
    const [fh, fw, fc_] = at(from).shape;
    const refs = from === last() ? undefined : [from];
    const name = legalName(o.name);
    const named = (spec: Record<string, unknown>) => (name ? { ...spec, name } : spec);
    switch (o.kind) {
      case 'conv': {
        const k = pick([1, 3, 5], o.a);
        const filters = 1 + (o.b % 6);
        const groups = pick([1, 2, 3], o.c >> 3);
        const g = fc_ % groups === 0 && filters % groups === 0 ? groups : 1;
        const padMode = (o.a >> 2) % 4;
        const strided = k === 1 && padMode === 0 && (o.b >> 3) % 3 === 0;
        const dilated = padMode === 1 && k === 3 && (o.c & 1) === 1;
        const padding = padMode === 1 ? 'same' : padMode === 2 ? (k - 1) / 2 : padMode === 3 ? [(k - 1) / 2, (k - 1) / 2] : undefined;
        if (padding === undefined && k > Math.min(fh, fw)) continue;
        const out = padding === undefined ? [Math.floor((fh - k) / (strided ? 2 : 1)) + 1, Math.floor((fw - k) / (strided ? 2 : 1)) + 1] : [fh, fw];
        entries.push({
          spec: named({
            type: 'conv2d', filters, kernel: k,
            ...(padding !== undefined && { padding }), ...(strided && { stride: 2 }), ...(dilated && { dilation: 2 }), ...(g > 1 && { groups: g }),
            ...(o.c % 5 === 0 && { bias: false }), ...(o.c % 7 === 1 && { biasInit: 0.5 }),
            activation: pick(ACTIVATIONS, o.c), ...(o.c % 4 === 2 && { init: pick(INITS, o.b) }),
          }),
          shape: [out[0], out[1], filters],
          refs,
        });
        break;
      }
      case 'act': {
        const activation = pick(ACTIVATIONS, o.a);
        const alpha = (activation === 'leaky_relu' || activation === 'elu') && o.b % 2 === 0 ? { alpha: 0.2 } : {};
        entries.push({ spec: named({ type: 'activation', activation, ...alpha }), shape: at(from).shape, refs });
        break;
      }
      case 'bn':
        entries.push({ spec: named({ type: 'batchnorm', ...(o.a % 3 === 0 && { epsilon: 0.001 }), ...(o.a % 4 === 1 && { momentum: 0.01 }), ...(o.b % 5 === 0 && { center: false }), ...(o.b % 7 === 0 && { scale: false }) }), shape: at(from).shape, refs });
        break;
      case 'lrn':
        entries.push({ spec: named({ type: 'lrn', size: 1 + (o.a % 5), alpha: 0.0001, beta: 0.75, k: pick([1, 2], o.b), ...(o.c % 3 === 0 && { convention: 'caffe' }) }), shape: at(from).shape, refs });
        break;
      case 'pool': {
        const type = pick(['maxpool', 'avgpool'], o.a);
        if (fh >= 2 && fw >= 2 && o.b % 2 === 0) {
          entries.push({ spec: named({ type, size: 2 }), shape: [Math.floor(fh / 2), Math.floor(fw / 2), fc_], refs });
        } else {
          entries.push({ spec: named({ type, size: 3, stride: 1, padding: 1 }), shape: [fh, fw, fc_], refs });
        }
        break;
      }
      case 'dropout':
        entries.push({ spec: named({ type: 'dropout', rate: pick([0, 0.1, 0.5], o.a) }), shape: at(from).shape, refs });
        break;
      case 'zeropad':
        entries.push({ spec: named({ type: 'zeropad', padding: o.a % 2 ? 1 : [0, 1] }), shape: o.a % 2 ? [fh + 2, fw + 2, fc_] : [fh, fw + 2, fc_], refs });
        break;
      case 'adaptive': {
        const size = 1 + (o.a % Math.min(fh, fw));
        entries.push({ spec: named({ type: 'adaptiveavgpool', output: size }), shape: [size, size, fc_], refs });
        break;
      }
      case 'add':
      case 'concat': {
        const same = entries.map((_, i) => i).filter((i) => i !== last() && image(i) &&
          (o.kind === 'add' ? at(i).shape.join() === cur.shape.join() : at(i).shape[0] === h && at(i).shape[1] === w));
        if (o.kind === 'add' && last() >= 0 && [h, w, c].join() === input.shape.join()) same.push(-1);
        if (!same.length) continue;
        const other = pick(same, o.a);
        // Each input once (a layer reading one tensor twice is refused: NS0210).
        const third = o.b % 3 === 0 && pick(same, o.b) !== other ? [pick(same, o.b)] : [];
        const ins = [last(), other, ...third];
        const channels = o.kind === 'add' ? c : ins.reduce((a, i) => a + at(i).shape[2], 0);
        entries.push({ spec: named({ type: o.kind }), shape: [h, w, channels], refs: ins });
        break;
      }
      case 'block': {
        if (!withBlocks) continue;
        const b = pick(blocks, o.a);
        const use = b.use(fc_, o.b, o.c);
        if (!use) continue;
        const useName = o.name === undefined ? undefined : legalName(o.name + 1);
        entries.push({
          spec: { type: 'block', block: b.name, ...(useName && { name: useName }), args: use.args, ...(use.repeat && { repeat: use.repeat }) },
          shape: [fh, fw, use.channels], refs, inner: (u, explicit) => b.inner(u, explicit, use.repeat),
        });
        break;
      }
    }
    // A branch leaves the layer before it unread: join the two, or take the branch back.
    const pushed = entries[before];
    if (pushed?.refs && !pushed.refs.includes(before - 1) && before > 0) {
      const [branch, prior] = [at(last()).shape, at(before - 1).shape];
      const kind = branch.join() === prior.join() ? 'add' : branch[0] === prior[0] && branch[1] === prior[1] ? 'concat' : undefined;
      if (!kind) entries.pop();
      else entries.push({ spec: { type: kind }, shape: kind === 'add' ? branch : [branch[0], branch[1], branch[2] + prior[2]], refs: [last(), before - 1] });
    }
  }
  // The head: to one dimension, an optional hidden dense layer `X` beside an activation `X_pre`, the classifier.
  const cur = at(last());
  if (cur.shape.length === 3) {
    entries.push({ spec: s.head.flatten ? { type: 'flatten' } : { type: 'globalavgpool' }, shape: [s.head.flatten ? cur.shape[0] * cur.shape[1] * cur.shape[2] : cur.shape[2]] });
  }
  if (s.head.dense) {
    const x = legalName(s.head.dense.name);
    entries.push({ spec: { type: 'dense', ...(x && { name: x }), units: s.head.dense.units, activation: pick(['hard_swish', 'silu', 'gelu', 'relu6', 'elu'], s.head.dense.act) }, shape: [s.head.dense.units] });
    const pre = x && s.head.pre && x.length <= 60 && !used.has(`${x}_pre`) ? `${x}_pre` : undefined;
    if (pre) {
      used.add(pre);
      entries.push({ spec: { type: 'activation', name: pre, activation: 'relu' }, shape: [s.head.dense.units] });
    }
  }
  entries.push({ spec: { type: 'dense', units: s.classes, activation: 'softmax' }, shape: [s.classes] });

  // Every name is known once the compiler's derivation has run; then `inputs` can name entries.
  const names = deriveNames(entries.map((e) => e.spec) as unknown as LayerEntry[]);
  const nameOf = (i: number) => (i < 0 ? 'input' : names[i]);
  const layers = entries.map((e) => (e.refs ? { ...e.spec, inputs: e.refs.map(nameOf) } : e.spec));
  const modelName = `${pick(LEGAL, s.model)}`;
  const root = {
    name: modelName,
    input: { shape: [s.h, s.w, s.c] },
    classes: s.classes,
    ...(s.init && { init: s.init }),
    ...(withBlocks && { blocks: Object.fromEntries(blocks.map((b) => [b.name, b.def])) }),
    layers,
  };
  const files: [string, string][] = [['m0.yaml', stringify(root)]];

  // Variants: a chain m1 extends m0, m2 extends m1, each with edits that keep every shape.
  let flat: Flat[] = entries.flatMap((e, i) => (e.inner ? e.inner(names[i], !!e.refs) : [{ name: names[i], type: String(e.spec.type), implicit: !e.refs }]));
  const referenced = new Set(layers.flatMap((l) => (Array.isArray(l.inputs) ? l.inputs : [])));
  // Inserted layers need names no layer, block use or instance has.
  for (const n of [...names, ...flat.map((f) => f.name)]) {
    for (let i = n.indexOf('.'); ; i = n.indexOf('.', i + 1)) {
      used.add(i < 0 ? n : n.slice(0, i));
      if (i < 0) break;
    }
  }
  s.variants.forEach((edits, v) => {
    const spec: Record<string, unknown> = { extends: `m${v}.yaml`, name: fit(modelName, `_v${v + 1}`) };
    const override: Record<string, unknown> = {};
    const remove: string[] = [];
    const insert: unknown[] = [];
    for (const e of edits) {
      const target = flat[e.at % flat.length];
      if (e.kind === 'init') spec.init = pick(INITS, e.a);
      else if (e.kind === 'override' && !(target.name in override)) {
        const patch = patchFor(target.type, e.a);
        if (patch) override[target.name] = patch;
      } else if (e.kind === 'remove') {
        const i = flat.indexOf(target);
        // Only a layer nothing names, that keeps its shape, with a plain layer after it.
        const next = flat[i + 1];
        const plain = (t: { name: string }) => !t.name.includes('.');
        if ((target.type === 'activation' || target.type === 'dropout') && plain(target) && next && plain(next) &&
          !referenced.has(target.name) && !remove.includes(target.name) && !(target.name in override) &&
          !insert.some((x) => (x as { after: string }).after === target.name)) {
          remove.push(target.name);
          flat = flat.filter((t) => t !== target);
        }
      } else if (e.kind === 'insert') {
        // Only where the next layer takes the one before it: an inserted layer never dangles.
        const next = flat[flat.indexOf(target) + 1];
        if (next && !next.implicit) continue;
        const name = legalName(e.name);
        insert.push({ after: target.name, layers: [{ type: e.a % 2 ? 'dropout' : 'activation', ...(name && { name }), ...(e.a % 2 ? { rate: 0.25 } : { activation: pick(ACTIVATIONS, e.a) }) }] });
      }
    }
    if (remove.length) spec.remove = remove;
    if (Object.keys(override).length) spec.override = override;
    if (insert.length) spec.insert = insert;
    files.push([`m${v + 1}.yaml`, stringify(spec)]);
  });
  return { files };
}

/** A shape-preserving change of one field. */
function patchFor(type: string, a: number): Record<string, unknown> | undefined {
  switch (type) {
    case 'conv2d': return a % 2 ? { activation: pick(ACTIVATIONS, a >> 1) } : { init: pick(INITS, a >> 1) };
    case 'dense': return { activation: pick(ACTIVATIONS, a) };
    case 'activation': return { activation: pick(ACTIVATIONS, a) };
    case 'dropout': return { rate: 0.3 };
    case 'batchnorm': return { epsilon: 0.01 };
    case 'lrn': return { k: 1 };
    default: return undefined;
  }
}

interface BlockMaker {
  name: string;
  def: Record<string, unknown>;
  /** Arguments for a use on `channels` input channels, its output channels and repeat; or undefined. */
  use: (channels: number, a: number, b: number) => { args: Record<string, unknown>; channels: number; repeat?: number } | undefined;
  /** The layers a use named `use` expands to (`explicit`: the use names its input). */
  inner: (use: string, explicit: boolean, repeat?: number) => Flat[];
}

/**
 * Three blocks: a residual one (its width must equal the input's channels; a string parameter with
 * an enum, a defaulted kernel, `($k - 1) // 2`), a widening one (`$w * 2` filters), and one that
 * nests both with expressions of its own parameter. Names are hostile; params too.
 */
function makeBlocks(names: string[], flavour: number): BlockMaker[] {
  const [res, widen, wrap] = names;
  const p = (i: number) => fit(pick(LEGAL, flavour + i * 7), `_p${i}`);
  const [w, k, act, rate] = [p(0), p(1), p(2), p(3)];
  const instances = (use: string, repeat?: number) => (repeat === undefined ? [use] : Array.from({ length: repeat }, (_, i) => `${use}.${i}`));
  // Only the first layer of the first instance may take an explicit input; `sum` and `cat` name theirs.
  const expand = (inner: { name: string; type: string }[]) => (use: string, explicit: boolean, repeat?: number): Flat[] =>
    instances(use, repeat).flatMap((u, i) => inner.map((l, j) => ({
      name: `${u}.${l.name}`, type: l.type, implicit: l.type !== 'add' && l.type !== 'concat' && !(explicit && i === 0 && j === 0),
    })));
  const resLayers = [
    { type: 'conv2d', name: 'conv', filters: `$${w}`, kernel: `$${k}`, padding: `($${k} - 1) // 2`, bias: false },
    { type: 'batchnorm', name: 'bn' },
    { type: 'activation', name: 'act', activation: `$${act}` },
    { type: 'dropout', name: 'drop', rate: `$${rate} / 2` },
    { type: 'add', name: 'sum', inputs: ['drop', 'input'] },
  ];
  const resInner = expand(resLayers.map((l) => ({ name: l.name, type: l.type })));
  const widenInner = expand([{ name: 'conv', type: 'conv2d' }, { name: 'bn', type: 'batchnorm' }]);
  return [
    {
      name: res,
      def: {
        params: { [w]: { type: 'integer' }, [k]: { type: 'integer', default: 3 }, [act]: { type: 'string', enum: ['relu', 'gelu', 'hard_swish'], default: 'relu' }, [rate]: { type: 'number', default: 0.2 } },
        layers: resLayers,
      },
      use: (channels, a, b) => ({ args: { [w]: channels, ...(a % 2 && { [k]: 1 }), ...(b % 3 === 0 && { [act]: 'gelu' }), ...(b % 4 === 1 && { [rate]: 0.5 }) }, channels, ...(a % 3 === 0 && { repeat: 1 + (b % 3) }) }),
      inner: resInner,
    },
    {
      name: widen,
      def: { params: { [w]: { type: 'integer' } }, layers: [{ type: 'conv2d', name: 'conv', filters: `$${w} * 2`, kernel: 1, activation: 'relu6' }, { type: 'batchnorm', name: 'bn' }] },
      use: (_c, a, b) => ({ args: { [w]: 1 + (a % 3) }, channels: 2 * (1 + (a % 3)), ...(b % 2 === 0 && { repeat: 1 + (b % 2) }) }),
      inner: widenInner,
    },
    {
      name: wrap,
      def: {
        params: { [w]: { type: 'integer' } },
        layers: [
          { type: 'block', name: 'res', block: res, args: { [w]: `$${w}` }, repeat: 2 },
          { type: 'block', name: 'wide', block: widen, args: { [w]: `$${w} + 1` } },
          { type: 'concat', name: 'cat', inputs: ['wide', 'input'] },
        ],
      },
      use: (channels) => ({ args: { [w]: channels }, channels: 2 * (channels + 1) + channels }),
      inner: (use, explicit) => [
        ...resInner(`${use}.res`, explicit, 2), ...widenInner(`${use}.wide`, false), { name: `${use}.cat`, type: 'concat', implicit: false },
      ],
    },
  ];
}
