// One small emitter per layer kind: IR node -> the expression constructing its tfjs layer.
// src/runtime/layers/from-ir.ts builds the same layers in process; a test compares the two.
import type { IRLayer, IRNode } from '../../model/ir.ts';
import type { InitScheme } from '../../model/spec.ts';
import { isValidPool } from '../../model/layers/pool.ts';
import { array, call, object, type Code } from './layout.ts';
import { lit, num, nums } from './literal.ts';

export interface EmitContext {
  /** Position of the node among the model's nodes (seeds its kernel initialiser). */
  index: number;
  /** The spec's default initialiser: layers using it share the builder's `init`. */
  modelInit: InitScheme;
  /** Imports and builder locals the module must declare, filled in as emitters use them. */
  uses: Set<string>;
}

type Emitter<K extends IRLayer['kind']> = (layer: Extract<IRLayer, { kind: K }>, node: IRNode, ctx: EmitContext) => Code;

/** An argument, or nothing where it equals the runtime class's own default (not repeated). */
type Arg = [key: string, value: Code] | false;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const unless = (value: unknown, fallback: unknown, key: string, code: Code): Arg => !same(value, fallback) && [key, code];

/** `new <cls>({ name, ...args })`, recording the runtime class as an import. */
function netspec(cls: string, node: IRNode, ctx: EmitContext, args: Arg[]): Code {
  ctx.uses.add(cls);
  return call(`new ${cls}`, object([['name', lit(node.name)], ...args.filter((a): a is [string, Code] => a !== false)]));
}

/** `tf.layers.<fn>({ name, ...args })`. */
const tfLayer = (fn: string, node: IRNode, args: Arg[] = []): Code =>
  call(`tf.layers.${fn}`, object([['name', lit(node.name)], ...args.filter((a): a is [string, Code] => a !== false)]));

/** Layer i's kernel initialiser is seeded with options.seed + i; a bias constant of 0 is the default. */
function initializers(l: { init: InitScheme; bias: boolean; biasInit: number }, ctx: EmitContext): Arg[] {
  ctx.uses.add('weightInitializer').add('seedFor');
  const scheme = l.init === ctx.modelInit ? (ctx.uses.add('init'), 'init') : `options.init ?? ${lit(l.init)}`;
  const bias = l.bias && l.biasInit !== 0 && (ctx.uses.add('biasInitializer'), call('biasInitializer', num(l.biasInit)));
  return [
    ['kernelInitializer', call('weightInitializer', scheme, call('seedFor', num(ctx.index)))],
    bias !== false && ['biasInitializer', bias],
  ];
}

function pool(mode: 'max' | 'avg', l: Extract<IRLayer, { kind: 'maxpool' | 'avgpool' }>, n: IRNode, ctx: EmitContext): Code {
  const strides = unless(l.stride, l.size, 'strides', nums(l.stride));
  // Plain tfjs pooling where it means the same, as the runtime's builder: fewer custom layers.
  if (isValidPool(l)) {
    return tfLayer(mode === 'max' ? 'maxPooling2d' : 'averagePooling2d', n, [['poolSize', nums(l.size)], strides]);
  }
  return netspec('NetspecPool2D', n, ctx, [
    ['mode', lit(mode)],
    ['poolSize', nums(l.size)],
    strides,
    unless(l.pad, [0, 0, 0, 0], 'pad', nums(l.pad)),
    unless(l.rounding, 'floor', 'rounding', lit(l.rounding)),
  ]);
}

const emitters: { [K in IRLayer['kind']]: Emitter<K> } = {
  conv2d: (l, n, ctx) => netspec('NetspecConv2D', n, ctx, [
    ['filters', num(l.filters)],
    ['kernelSize', nums(l.kernel)],
    unless(l.stride, [1, 1], 'strides', nums(l.stride)),
    unless(l.pad, [0, 0, 0, 0], 'pad', nums(l.pad)),
    unless(l.dilation, [1, 1], 'dilation', nums(l.dilation)),
    unless(l.groups, 1, 'groups', num(l.groups)),
    unless(l.bias, true, 'useBias', String(l.bias)),
    unless(l.activation, 'linear', 'activation', lit(l.activation)),
    ...initializers(l, ctx),
  ]),
  lrn: (l, n, ctx) => netspec('NetspecLRN', n, ctx, [
    unless(l.size, 5, 'size', num(l.size)),
    unless(l.alpha, 1e-4, 'alpha', num(l.alpha)),
    unless(l.beta, 0.75, 'beta', num(l.beta)),
    unless(l.k, 2, 'k', num(l.k)),
    unless(l.convention, 'paper', 'convention', lit(l.convention)),
  ]),
  maxpool: (l, n, ctx) => pool('max', l, n, ctx),
  avgpool: (l, n, ctx) => pool('avg', l, n, ctx),
  dropout: (l, n) => tfLayer('dropout', n, [['rate', num(l.rate)]]),
  flatten: (_l, n) => tfLayer('flatten', n),
  dense: (l, n, ctx) => netspec('NetspecDense', n, ctx, [
    ['units', num(l.units)],
    unless(l.bias, true, 'useBias', String(l.bias)),
    unless(l.activation, 'linear', 'activation', lit(l.activation)),
    ...initializers(l, ctx),
  ]),
  zeropad: (l, n) => tfLayer('zeroPadding2d', n, [
    unless(l.pad, [1, 1, 1, 1], 'padding', array([nums([l.pad[0], l.pad[1]]), nums([l.pad[2], l.pad[3]])])),
  ]),
  globalavgpool: (_l, n) => tfLayer('globalAveragePooling2d', n),
  adaptiveavgpool: (l, n, ctx) => netspec('NetspecAdaptiveAvgPool2D', n, ctx, [['outputSize', nums(l.output)]]),
  // NetspecActivation stores alpha as given (its getConfig shows it), so it goes in whenever the spec has one.
  activation: (l, n, ctx) => netspec('NetspecActivation', n, ctx, [
    ['activation', lit(l.activation)],
    l.alpha !== undefined && ['alpha', num(l.alpha)],
  ]),
  add: (_l, n) => tfLayer('add', n),
  // The IR's axis counts without the batch.
  concat: (l, n) => tfLayer('concatenate', n, [['axis', num(l.axis + 1)]]),
  batchnorm: (l, n, ctx) => netspec('NetspecBatchNorm', n, ctx, [
    unless(l.epsilon, 1e-5, 'epsilon', num(l.epsilon)),
    unless(l.momentum, 0.1, 'momentum', num(l.momentum)),
    unless(l.center, true, 'center', String(l.center)),
    unless(l.scale, true, 'scale', String(l.scale)),
  ]),
};

/** The expression constructing the node's layer (not yet applied to its inputs). */
export function emitLayer(node: IRNode, ctx: EmitContext): Code {
  return (emitters[node.layer.kind] as Emitter<IRLayer['kind']>)(node.layer, node, ctx);
}
