// One tfjs layer per IR node, by kind: what `train` and `eval` build in process. The code
// generator (src/compiler/emit/) writes the same constructors as source; tests/build.test.ts
// checks that both give the same layers, configs and initial weights.
import * as tf from '@tensorflow/tfjs';
import type { IRLayer, IRNode } from '../../model/ir.ts';
import type { LayerKind } from '../../model/ir.ts';
import { isValidPool } from '../../model/layers/pool.ts';
import { biasInitializer, weightInitializer, type InitScheme } from '../init.ts';
import { NetspecActivation } from './activation-layer.ts';
import { NetspecAdaptiveAvgPool2D } from './adaptive-pool.ts';
import { NetspecBatchNorm } from './batchnorm.ts';
import { NetspecConv2D } from './conv2d.ts';
import { NetspecDense } from './dense.ts';
import { NetspecLRN } from './lrn.ts';
import { NetspecPool2D } from './pool.ts';

export interface BuildContext {
  /** Overrides every layer's initialiser (the CLI's --init). */
  init?: InitScheme;
  /** Seed of the initialisers: node i uses seed + i; unseeded when absent. */
  seed?: number;
  /** The node's position in the model (seeds its initialiser). */
  index: number;
}

type Builder<K extends LayerKind> = (layer: Extract<IRLayer, { kind: K }>, node: IRNode, ctx: BuildContext) => tf.layers.Layer;

const initializers = (l: { init: InitScheme; bias: boolean; biasInit: number }, ctx: BuildContext) => ({
  kernelInitializer: weightInitializer(ctx.init ?? l.init, ctx.seed === undefined ? undefined : ctx.seed + ctx.index),
  ...(l.bias ? { biasInitializer: biasInitializer(l.biasInit) } : {}),
});

function pool(l: Extract<IRLayer, { kind: 'maxpool' | 'avgpool' }>, node: IRNode): tf.layers.Layer {
  const mode = l.kind === 'maxpool' ? 'max' : 'avg';
  // tfjs' own pooling where it means the same: fewer custom layers.
  if (isValidPool(l)) {
    const args = { name: node.name, poolSize: l.size, strides: l.stride, padding: 'valid' as const };
    return mode === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
  }
  return new NetspecPool2D({ name: node.name, mode, poolSize: l.size, strides: l.stride, pad: l.pad, rounding: l.rounding });
}

const builders: { [K in LayerKind]: Builder<K> } = {
  conv2d: (l, n, ctx) => new NetspecConv2D({
    name: n.name, filters: l.filters, kernelSize: l.kernel, strides: l.stride, pad: l.pad, dilation: l.dilation,
    groups: l.groups, useBias: l.bias, activation: l.activation, ...initializers(l, ctx),
  }),
  lrn: (l, n) => new NetspecLRN({ name: n.name, size: l.size, alpha: l.alpha, beta: l.beta, k: l.k, convention: l.convention }),
  maxpool: (l, n) => pool(l, n),
  avgpool: (l, n) => pool(l, n),
  dropout: (l, n) => tf.layers.dropout({ name: n.name, rate: l.rate }),
  flatten: (_l, n) => tf.layers.flatten({ name: n.name }),
  dense: (l, n, ctx) => new NetspecDense({ name: n.name, units: l.units, useBias: l.bias, activation: l.activation, ...initializers(l, ctx) }),
  zeropad: (l, n) => tf.layers.zeroPadding2d({ name: n.name, padding: [[l.pad[0], l.pad[1]], [l.pad[2], l.pad[3]]] }),
  globalavgpool: (_l, n) => tf.layers.globalAveragePooling2d({ name: n.name }),
  adaptiveavgpool: (l, n) => new NetspecAdaptiveAvgPool2D({ name: n.name, outputSize: l.output }),
  activation: (l, n) => new NetspecActivation({ name: n.name, activation: l.activation, ...(l.alpha === undefined ? {} : { alpha: l.alpha }) }),
  add: (_l, n) => tf.layers.add({ name: n.name }),
  concat: (l, n) => tf.layers.concatenate({ name: n.name, axis: l.axis + 1 }),
  batchnorm: (l, n) => new NetspecBatchNorm({ name: n.name, epsilon: l.epsilon, momentum: l.momentum, center: l.center, scale: l.scale }),
};

/** The tfjs layer of one IR node. */
export function layerFromIR(node: IRNode, ctx: BuildContext): tf.layers.Layer {
  return (builders[node.layer.kind] as Builder<LayerKind>)(node.layer, node, ctx);
}
