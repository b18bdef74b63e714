// adaptiveavgpool: average pooling to a fixed output size, as PyTorch's AdaptiveAvgPool2d.
import { pair } from '../arithmetic.ts';
import type { LayerBase, Pair } from '../fields.ts';
import { rankedInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface AdaptiveAvgPoolSpec extends LayerBase {
  type: 'adaptiveavgpool';
  output: Pair;
}
export interface AdaptiveAvgPoolLayer { kind: 'adaptiveavgpool'; output: [number, number] }

export const adaptiveAvgPool: LayerKind<AdaptiveAvgPoolSpec, AdaptiveAvgPoolLayer> = {
  types: ['adaptiveavgpool'],
  displayName: () => 'AdaptiveAvgPool2D',
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'adaptiveavgpool', 3);
    if (!x) return;
    const output = pair(spec.output, 1);
    return free({ kind: 'adaptiveavgpool', output }, [output[0], output[1], x[2]]);
  },
};
