// dense: a fully connected layer over a flat input.
import type { Activation, InitScheme, LayerBase } from '../fields.ts';
import { rankedInput } from './checks.ts';
import type { LayerKind } from './kind.ts';

export interface DenseSpec extends LayerBase {
  type: 'dense';
  units: number;
  bias?: boolean; // default true
  activation?: Activation; // default linear
  init?: InitScheme;
  biasInit?: number;
}

export interface DenseLayer { kind: 'dense'; units: number; bias: boolean; activation: Activation; init: InitScheme; biasInit: number }

export const dense: LayerKind<DenseSpec, DenseLayer> = {
  types: ['dense'],
  displayName: () => 'Dense',
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'dense', 1);
    if (!x) return;
    const bias = spec.bias ?? true;
    return {
      layer: {
        kind: 'dense', units: spec.units, bias, activation: spec.activation ?? 'linear',
        init: spec.init ?? ctx.defaultInit, biasInit: spec.biasInit ?? 0,
      },
      out: [spec.units],
      trainableParams: x[0] * spec.units + (bias ? spec.units : 0),
      nonTrainableParams: 0,
      multAdds: x[0] * spec.units,
    };
  },
};
