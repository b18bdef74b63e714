// flatten: HWC → one vector, in HWC order.
import type { LayerBase } from '../fields.ts';
import { oneInput, prod } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface FlattenSpec extends LayerBase {
  type: 'flatten';
}
export interface FlattenLayer { kind: 'flatten' }

export const flatten: LayerKind<FlattenSpec, FlattenLayer> = {
  types: ['flatten'],
  displayName: () => 'Flatten',
  lower(_spec, ins, ctx) {
    const x = oneInput(ins, ctx, 'flatten');
    return x && free({ kind: 'flatten' }, [prod(x)]);
  },
};
