// One small emitter per layer kind: IR node -> the expression constructing its tfjs layer.
// src/runtime/layers/from-ir.ts builds the same layers in process; a test compares the two.
import type { IRLayer, IRNode } from '../../model/ir.ts';
import type { InitScheme } from '../../model/spec.ts';
import { isValidPool } from '../../model/layers/pool.ts';
import { array, call, object, type Code } from './layout.ts';
import { lit, num, nums } from './literal.ts';

export interface EmitContext {
  /** The spec's default initialiser: layers using it share the builder's `init`. */
  modelInit: InitScheme;
  /** Imports and builder locals the module must declare, filled in as emitters use them. */
  uses: Set<string>;
  /** Where the layer is built: the builder, or a block function (see Scope). */
  scope: Scope;
  /** In a block function: the fields computed from its arguments (IR field -> expression). */
  formulas?: ReadonlyMap<string, Code>;
}

/**
 * The builder names a layer by its literal and seeds it with `seedFor(<its index>)`; a block
 * function names it `name + ".conv1"` and seeds it with `ctx.seedFor(first + <offset>)`.
 */
export type Scope =
  | { kind: 'builder'; index: number }
  | { kind: 'block'; name: Code; offset: number };

/** The expression of the layer's name. */
const nameOf = (node: IRNode, ctx: EmitContext): Code => (ctx.scope.kind === 'builder' ? lit(node.name) : ctx.scope.name);

type Emitter<K extends IRLayer['kind']> = (layer: Extract<IRLayer, { kind: K }>, node: IRNode, ctx: EmitContext) => Code;

/** An argument, or nothing where it equals the runtime class's own default (not repeated). */
type Arg = [key: string, value: Code] | false;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** IR field `field` as the argument `key`: its formula in a block function, else its value unless that is `fallback`. */
function unless(ctx: EmitContext, field: string, value: unknown, fallback: unknown, key: string, code: Code): Arg {
  const f = ctx.formulas?.get(field);
  if (f !== undefined) return [key, f];
  return !same(value, fallback) && [key, code];
}

/** IR field `field` as the argument `key`, always given. */
const given = (ctx: EmitContext, field: string, key: string, code: Code): Arg => [key, ctx.formulas?.get(field) ?? code];

/** `new <cls>({ name, ...args })`, recording the runtime class as an import. */
function netspec(cls: string, node: IRNode, ctx: EmitContext, args: Arg[]): Code {
  ctx.uses.add(cls);
  return call(`new ${cls}`, object([['name', nameOf(node, ctx)], ...args.filter((a): a is [string, Code] => a !== false)]));
}

/** `tf.layers.<fn>({ name, ...args })`. */
const tfLayer = (fn: string, node: IRNode, ctx: EmitContext, args: Arg[] = []): Code =>
  call(`tf.layers.${fn}`, object([['name', nameOf(node, ctx)], ...args.filter((a): a is [string, Code] => a !== false)]));

/**
 * Layer i's kernel initialiser is seeded with options.seed + i; a bias constant of 0 is the default.
 * A block function reads the builder's `init`, `options` and `seedFor` from its `ctx`.
 */
function initializers(l: { init: InitScheme; bias: boolean; biasInit: number }, ctx: EmitContext): Arg[] {
  ctx.uses.add('weightInitializer');
  const inBlock = ctx.scope.kind === 'block';
  if (!inBlock) ctx.uses.add('seedFor');
  const own = `${inBlock ? 'ctx.' : ''}options.init ?? ${lit(l.init)}`;
  const scheme = l.init !== ctx.modelInit ? own : inBlock ? 'ctx.init' : (ctx.uses.add('init'), 'init');
  const seed = ctx.scope.kind === 'builder'
    ? call('seedFor', num(ctx.scope.index))
    : call('ctx.seedFor', ctx.scope.offset ? `first + ${num(ctx.scope.offset)}` : 'first');
  const biasInit = ctx.formulas?.get('biasInit');
  const bias = l.bias && (biasInit !== undefined || l.biasInit !== 0) &&
    (ctx.uses.add('biasInitializer'), call('biasInitializer', biasInit ?? num(l.biasInit)));
  return [
    ['kernelInitializer', call('weightInitializer', scheme, seed)],
    bias !== false && ['biasInitializer', bias],
  ];
}

function pool(mode: 'max' | 'avg', l: Extract<IRLayer, { kind: 'maxpool' | 'avgpool' }>, n: IRNode, ctx: EmitContext): Code {
  const strides = unless(ctx, 'stride', l.stride, l.size, 'strides', nums(l.stride));
  const size = given(ctx, 'size', 'poolSize', nums(l.size));
  // Plain tfjs pooling where it means the same, as the runtime's builder: fewer custom layers.
  if (isValidPool(l)) return tfLayer(mode === 'max' ? 'maxPooling2d' : 'averagePooling2d', n, ctx, [size, strides]);
  return netspec('NetspecPool2D', n, ctx, [
    ['mode', lit(mode)],
    size,
    strides,
    unless(ctx, 'pad', l.pad, [0, 0, 0, 0], 'pad', nums(l.pad)),
    unless(ctx, 'rounding', l.rounding, 'floor', 'rounding', lit(l.rounding)),
  ]);
}

/** tfjs' [[top, bottom], [left, right]] from [top, bottom, left, right] (values or expressions). */
function padPairs(pad: Code): Code {
  if (typeof pad === 'string' || pad.kind !== 'array') return pad;
  return array([array(pad.items.slice(0, 2)), array(pad.items.slice(2, 4))]);
}

const emitters: { [K in IRLayer['kind']]: Emitter<K> } = {
  conv2d: (l, n, ctx) => netspec('NetspecConv2D', n, ctx, [
    given(ctx, 'filters', 'filters', num(l.filters)),
    given(ctx, 'kernel', 'kernelSize', nums(l.kernel)),
    unless(ctx, 'stride', l.stride, [1, 1], 'strides', nums(l.stride)),
    unless(ctx, 'pad', l.pad, [0, 0, 0, 0], 'pad', nums(l.pad)),
    unless(ctx, 'dilation', l.dilation, [1, 1], 'dilation', nums(l.dilation)),
    unless(ctx, 'groups', l.groups, 1, 'groups', num(l.groups)),
    unless(ctx, 'bias', l.bias, true, 'useBias', String(l.bias)),
    unless(ctx, 'activation', l.activation, 'linear', 'activation', lit(l.activation)),
    ...initializers(l, ctx),
  ]),
  lrn: (l, n, ctx) => netspec('NetspecLRN', n, ctx, [
    unless(ctx, 'size', l.size, 5, 'size', num(l.size)),
    unless(ctx, 'alpha', l.alpha, 1e-4, 'alpha', num(l.alpha)),
    unless(ctx, 'beta', l.beta, 0.75, 'beta', num(l.beta)),
    unless(ctx, 'k', l.k, 2, 'k', num(l.k)),
    unless(ctx, 'convention', l.convention, 'paper', 'convention', lit(l.convention)),
  ]),
  maxpool: (l, n, ctx) => pool('max', l, n, ctx),
  avgpool: (l, n, ctx) => pool('avg', l, n, ctx),
  dropout: (l, n, ctx) => tfLayer('dropout', n, ctx, [given(ctx, 'rate', 'rate', num(l.rate))]),
  flatten: (_l, n, ctx) => tfLayer('flatten', n, ctx),
  dense: (l, n, ctx) => netspec('NetspecDense', n, ctx, [
    given(ctx, 'units', 'units', num(l.units)),
    unless(ctx, 'bias', l.bias, true, 'useBias', String(l.bias)),
    unless(ctx, 'activation', l.activation, 'linear', 'activation', lit(l.activation)),
    ...initializers(l, ctx),
  ]),
  zeropad: (l, n, ctx) => tfLayer('zeroPadding2d', n, ctx, [
    unless(ctx, 'pad', l.pad, [1, 1, 1, 1], 'padding', padPairs(ctx.formulas?.get('pad') ?? array(l.pad.map(num)))),
  ]),
  globalavgpool: (_l, n, ctx) => tfLayer('globalAveragePooling2d', n, ctx),
  adaptiveavgpool: (l, n, ctx) => netspec('NetspecAdaptiveAvgPool2D', n, ctx, [given(ctx, 'output', 'outputSize', nums(l.output))]),
  // NetspecActivation stores alpha as given (its getConfig shows it), so it goes in whenever the spec has one.
  activation: (l, n, ctx) => netspec('NetspecActivation', n, ctx, [
    given(ctx, 'activation', 'activation', lit(l.activation)),
    l.alpha !== undefined && given(ctx, 'alpha', 'alpha', num(l.alpha)),
  ]),
  add: (_l, n, ctx) => tfLayer('add', n, ctx),
  // The IR's axis counts without the batch.
  concat: (l, n, ctx) => tfLayer('concatenate', n, ctx, [['axis', num(l.axis + 1)]]),
  batchnorm: (l, n, ctx) => netspec('NetspecBatchNorm', n, ctx, [
    unless(ctx, 'epsilon', l.epsilon, 1e-5, 'epsilon', num(l.epsilon)),
    unless(ctx, 'momentum', l.momentum, 0.1, 'momentum', num(l.momentum)),
    unless(ctx, 'center', l.center, true, 'center', String(l.center)),
    unless(ctx, 'scale', l.scale, true, 'scale', String(l.scale)),
  ]),
};

/** The expression constructing the node's layer (not yet applied to its inputs). */
export function emitLayer(node: IRNode, ctx: EmitContext): Code {
  return (emitters[node.layer.kind] as Emitter<IRLayer['kind']>)(node.layer, node, ctx);
}
