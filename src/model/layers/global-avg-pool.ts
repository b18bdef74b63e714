// globalavgpool: the mean of each channel over the image.
import type { LayerBase } from '../fields.ts';
import { rankedInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface GlobalAvgPoolSpec extends LayerBase {
  type: 'globalavgpool';
}
export interface GlobalAvgPoolLayer { kind: 'globalavgpool' }

export const globalAvgPool: LayerKind<GlobalAvgPoolSpec, GlobalAvgPoolLayer> = {
  types: ['globalavgpool'],
  displayName: () => 'GlobalAvgPool2D',
  lower(_spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'globalavgpool', 3);
    return x && free({ kind: 'globalavgpool' }, [x[2]]);
  },
};
