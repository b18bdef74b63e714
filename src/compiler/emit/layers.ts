// One small emitter per layer kind: IR node -> the TypeScript expression constructing its tfjs layer.
import type { IRLayer, IRNode } from '../../model/ir.ts';
import { lit, num, nums } from './literal.ts';
import { denseKernelBlocks } from '../../model/arithmetic.ts';

export interface EmitContext {
  /** Position of the node among the model's nodes (seeds the initialisers). */
  index: number;
  /** Runtime classes the module must import, filled in as emitters use them. */
  uses: Set<string>;
}

/** Each emitter returns one or two layer constructors (a second one applies a separate activation). */
type Emitter<K extends IRLayer['kind']> = (layer: Extract<IRLayer, { kind: K }>, node: IRNode, ctx: EmitContext) => string[];

const TF_DENSE_ACTIVATIONS = new Set(['linear', 'relu', 'elu', 'tanh', 'sigmoid', 'softmax', 'gelu']);

const initArgs = (layer: { init: string; biasInit: number; bias: boolean }, ctx: EmitContext) => {
  ctx.uses.add('weightInitializer');
  const parts = [`kernelInitializer: weightInitializer(options.init ?? ${lit(layer.init)}, seedFor(${num(ctx.index)}))`];
  if (layer.bias) {
    ctx.uses.add('biasInitializer');
    parts.push(`biasInitializer: biasInitializer(${num(layer.biasInit)})`);
  }
  return parts.join(', ');
};

/** tfjs' Activation layer for the names it has; NetspecActivation for slopes and alphas it lacks. */
const activationLayer = (name: string, activation: string, alpha: number | undefined, ctx: EmitContext): string => {
  if (alpha === undefined && TF_DENSE_ACTIVATIONS.has(activation)) {
    return `tf.layers.activation({ name: ${lit(name)}, activation: ${lit(activation)} })`;
  }
  ctx.uses.add('NetspecActivation');
  const a = alpha === undefined ? '' : `, alpha: ${num(alpha)}`;
  return `new NetspecActivation({ name: ${lit(name)}, activation: ${lit(activation)}${a} })`;
};

const emitters: { [K in IRLayer['kind']]: Emitter<K> } = {
  conv2d: (l, n, ctx) => {
    ctx.uses.add('NetspecConv2D');
    return [
      `new NetspecConv2D({ name: ${lit(n.name)}, filters: ${num(l.filters)}, kernelSize: ${nums(l.kernel)}, strides: ${nums(l.stride)}, ` +
        `pad: ${nums(l.pad)}, dilation: ${nums(l.dilation)}, groups: ${num(l.groups)}, useBias: ${l.bias}, activation: ${lit(l.activation)}, ` +
        `${initArgs(l, ctx)} })`,
    ];
  },
  lrn: (l, n, ctx) => {
    ctx.uses.add('NetspecLRN');
    return [`new NetspecLRN({ name: ${lit(n.name)}, size: ${num(l.size)}, alpha: ${num(l.alpha)}, beta: ${num(l.beta)}, k: ${num(l.k)}, convention: ${lit(l.convention)} })`];
  },
  maxpool: (l, n, ctx) => pool('max', l, n, ctx),
  avgpool: (l, n, ctx) => pool('avg', l, n, ctx),
  dropout: (l, n) => [`tf.layers.dropout({ name: ${lit(n.name)}, rate: ${num(l.rate)} })`],
  flatten: (_l, n) => [`tf.layers.flatten({ name: ${lit(n.name)} })`],
  dense: (l, n, ctx) => {
    // A kernel above what every WebGPU adapter binds is stored in column blocks (AlexNet's fc6).
    const blocks = denseKernelBlocks(n.inputShapes[0], l.units);
    if (blocks.length > 1) {
      ctx.uses.add('NetspecDense');
      return [`new NetspecDense({ name: ${lit(n.name)}, units: ${num(l.units)}, blocks: ${nums(blocks)}, useBias: ${l.bias}, ` +
        `activation: ${lit(l.activation)}, ${initArgs(l, ctx)} })`];
    }
    const native = TF_DENSE_ACTIVATIONS.has(l.activation);
    const dense = `tf.layers.dense({ name: ${lit(n.name)}, units: ${num(l.units)}, useBias: ${l.bias}, ` +
      `activation: ${lit(native ? l.activation : 'linear')}, ${initArgs(l, ctx)} })`;
    return native ? [dense] : [dense, activationLayer(`${n.name}_act`, l.activation, undefined, ctx)];
  },
  zeropad: (l, n) => [`tf.layers.zeroPadding2d({ name: ${lit(n.name)}, padding: [${nums([l.pad[0], l.pad[1]])}, ${nums([l.pad[2], l.pad[3]])}] })`],
  globalavgpool: (_l, n) => [`tf.layers.globalAveragePooling2d({ name: ${lit(n.name)} })`],
  adaptiveavgpool: (l, n, ctx) => {
    ctx.uses.add('NetspecAdaptiveAvgPool2D');
    return [`new NetspecAdaptiveAvgPool2D({ name: ${lit(n.name)}, outputSize: ${nums(l.output)} })`];
  },
  activation: (l, n, ctx) => [activationLayer(n.name, l.activation, l.alpha, ctx)],
  add: (_l, n) => [`tf.layers.add({ name: ${lit(n.name)} })`],
  concat: (l, n) => [`tf.layers.concatenate({ name: ${lit(n.name)}, axis: ${num(l.axis + 1)} })`],
};

function pool(mode: 'max' | 'avg', l: Extract<IRLayer, { kind: 'maxpool' | 'avgpool' }>, n: IRNode, ctx: EmitContext): string[] {
  // Plain tfjs pooling where it means the same (no padding, floor rounding): fewer custom layers.
  if (l.pad.every((p) => p === 0) && l.rounding === 'floor') {
    const fn = mode === 'max' ? 'maxPooling2d' : 'averagePooling2d';
    return [`tf.layers.${fn}({ name: ${lit(n.name)}, poolSize: ${nums(l.size)}, strides: ${nums(l.stride)}, padding: 'valid' })`];
  }
  ctx.uses.add('NetspecPool2D');
  return [`new NetspecPool2D({ name: ${lit(n.name)}, mode: ${lit(mode)}, poolSize: ${nums(l.size)}, strides: ${nums(l.stride)}, pad: ${nums(l.pad)}, rounding: ${lit(l.rounding)} })`];
}

export function emitLayer(node: IRNode, ctx: EmitContext): string[] {
  return (emitters[node.layer.kind] as Emitter<IRLayer['kind']>)(node.layer, node, ctx);
}
