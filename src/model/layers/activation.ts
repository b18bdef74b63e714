// activation: an element-wise function on its own (leaky_relu's slope and elu's alpha included).
import type { Activation, LayerBase } from '../fields.ts';
import { oneInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface ActivationSpec extends LayerBase {
  type: 'activation';
  activation: Activation;
  /** Negative slope for leaky_relu (default 0.01), alpha for elu (default 1). */
  alpha?: number;
}
export interface ActivationLayer { kind: 'activation'; activation: Activation; alpha?: number }

export const activation: LayerKind<ActivationSpec, ActivationLayer> = {
  types: ['activation'],
  displayName: () => 'Activation',
  lower(spec, ins, ctx) {
    const x = oneInput(ins, ctx, 'activation');
    return x && free({ kind: 'activation', activation: spec.activation, alpha: spec.alpha }, x);
  },
};
