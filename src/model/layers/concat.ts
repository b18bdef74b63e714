// concat: joins two or more inputs along one axis (channels by default).
import type { Shape } from '../ir.ts';
import type { LayerBase } from '../fields.ts';
import { fmt, manyInputs } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface ConcatSpec extends LayerBase {
  type: 'concat';
  /** Axis in HWC terms; default -1 (channels). */
  axis?: number;
}
/** `axis` is non-negative here. */
export interface ConcatLayer { kind: 'concat'; axis: number }

export const concat: LayerKind<ConcatSpec, ConcatLayer> = {
  types: ['concat'],
  displayName: () => 'Concatenate',
  lower(spec, ins, ctx) {
    if (!manyInputs(ins, ctx, 'concat', 'join')) return;
    const rank = ins[0].length;
    const given = spec.axis ?? -1;
    const axis = given < 0 ? rank + given : given;
    const rest = (s: Shape) => s.filter((_, i) => i !== axis).join('x');
    if (axis < 0 || axis >= rank || ins.some((s) => s.length !== rank || rest(s) !== rest(ins[0]))) {
      ctx.error('NS0307', `\`${ctx.name}\` cannot join ${ins.map(fmt).join(', ')} along axis ${given}`, 'inputs',
        'the inputs of concat must agree on every other axis');
      return;
    }
    const out = [...ins[0]];
    out[axis] = ins.reduce((a, s) => a + s[axis], 0);
    return free({ kind: 'concat', axis }, out);
  },
};
