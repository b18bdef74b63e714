// dropout: zeroes a fraction `rate` of its inputs while training; the identity otherwise.
import type { LayerBase } from '../fields.ts';
import { oneInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface DropoutSpec extends LayerBase {
  type: 'dropout';
  rate: number;
}
export interface DropoutLayer { kind: 'dropout'; rate: number }

export const dropout: LayerKind<DropoutSpec, DropoutLayer> = {
  types: ['dropout'],
  displayName: () => 'Dropout',
  lower(spec, ins, ctx) {
    const x = oneInput(ins, ctx, 'dropout');
    return x && free({ kind: 'dropout', rate: spec.rate }, x);
  },
};
