// zeropad: zeros around the image.
import type { Pad4 } from '../arithmetic.ts';
import type { LayerBase } from '../fields.ts';
import { rankedInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface ZeroPadSpec extends LayerBase {
  type: 'zeropad';
  /** n, [h, w] or [top, bottom, left, right]. */
  padding: number | [number, number] | [number, number, number, number];
}
export interface ZeroPadLayer { kind: 'zeropad'; pad: Pad4 }

export const zeropad: LayerKind<ZeroPadSpec, ZeroPadLayer> = {
  types: ['zeropad'],
  displayName: () => 'ZeroPad2D',
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'zeropad', 3);
    if (!x) return;
    const p = spec.padding;
    const pad: Pad4 = typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[0], p[1], p[1]] : [p[0], p[1], p[2], p[3]];
    return free({ kind: 'zeropad', pad }, [x[0] + pad[0] + pad[1], x[1] + pad[2] + pad[3], x[2]]);
  },
};
