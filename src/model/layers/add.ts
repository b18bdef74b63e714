// add: the element-wise sum of two or more inputs of one shape (residual connections).
import type { LayerBase } from '../fields.ts';
import { fmt, manyInputs } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface AddSpec extends LayerBase {
  type: 'add';
}
export interface AddLayer { kind: 'add' }

export const add: LayerKind<AddSpec, AddLayer> = {
  types: ['add'],
  displayName: () => 'Add',
  lower(_spec, ins, ctx) {
    if (!manyInputs(ins, ctx, 'add', 'add')) return;
    if (ins.some((s) => fmt(s) !== fmt(ins[0]))) {
      ctx.error('NS0307', `\`${ctx.name}\` adds tensors of different shapes: ${ins.map(fmt).join(', ')}`, 'inputs', 'the inputs of add must have the same shape');
      return;
    }
    return free({ kind: 'add' }, ins[0]);
  },
};
