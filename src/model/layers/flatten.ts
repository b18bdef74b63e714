// flatten: HWC → one vector, in HWC order.
import type { LayerBase } from '../fields.ts';
import { elements } from '../ir.ts';
import { oneInput } from './checks.ts';
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
    if (x && x.length === 1) {
      // TF.js refuses it at build time (min_ndim 3); say so here, with the fix.
      ctx.error('NS0309', `\`${ctx.name}\` (flatten) receives ${x[0]} values that are already flat`, undefined, 'remove this flatten');
      return;
    }
    return x && free({ kind: 'flatten' }, [elements(x)]);
  },
};
