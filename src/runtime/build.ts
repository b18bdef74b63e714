// IR → tfjs LayersModel, in process: what `train` and `eval` run, with no generated file.
import * as tf from '@tensorflow/tfjs';
import type { ModelIR } from '../model/ir.ts';
import type { InitScheme } from './init.ts';
import { registerNetspecLayers } from './layers/index.ts';
import { layerFromIR } from './layers/from-ir.ts';

export interface BuildOptions {
  /** Weight initialiser of every conv2d and dense layer; default: each layer's from the spec. */
  init?: InitScheme;
  /** Seed of the initialisers (layer i uses seed + i); default: unseeded. */
  seed?: number;
}

export function buildModel(ir: ModelIR, options: BuildOptions = {}): tf.LayersModel {
  registerNetspecLayers();
  const input = tf.input({ shape: ir.input, name: 'input' });
  const tensors = new Map<string, tf.SymbolicTensor>([['input', input]]);
  ir.nodes.forEach((node, index) => {
    const layer = layerFromIR(node, { ...options, index });
    const ins = node.inputs.map((name) => tensors.get(name)!);
    tensors.set(node.name, layer.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor);
  });
  return tf.model({ inputs: input, outputs: tensors.get(ir.output)!, name: ir.name });
}
