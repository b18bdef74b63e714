// maxpool / avgpool: 2-D pooling with explicit padding and floor or ceil (Caffe) rounding.
import { explicitPad, pair, poolOutputSize, type Pad4 } from '../arithmetic.ts';
import type { LayerBase, Padding2D, Pair } from '../fields.ts';
import { rankedInput, spatialOk } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

export interface Pool2DSpec extends LayerBase {
  type: 'maxpool' | 'avgpool';
  size: Pair;
  stride?: Pair; // default = size
  padding?: Padding2D; // default 0
  rounding?: 'floor' | 'ceil'; // default floor; Caffe rounds up
}

export interface Pool2DLayer { kind: 'maxpool' | 'avgpool'; size: [number, number]; stride: [number, number]; pad: Pad4; rounding: 'floor' | 'ceil' }

export const pool: LayerKind<Pool2DSpec, Pool2DLayer> = {
  types: ['maxpool', 'avgpool'],
  displayName: (l) => (l.kind === 'maxpool' ? 'MaxPool2D' : 'AvgPool2D'),
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, spec.type, 3);
    if (!x) return;
    const size = pair(spec.size, 1);
    const stride = spec.stride === undefined ? size : pair(spec.stride, 1);
    const pad = explicitPad(spec.padding, [x[0], x[1]], size, stride, [1, 1]);
    if (pad[0] >= size[0] || pad[1] >= size[0] || pad[2] >= size[1] || pad[3] >= size[1]) {
      ctx.error('NS0301', `the padding of \`${ctx.name}\` (${pad.join(', ')}) is not smaller than its ${size.join('x')} window`, 'padding',
        'a pooling window would then lie wholly in the padding; use less padding than the window size (PyTorch asks for at most half)');
      return;
    }
    const rounding = spec.rounding ?? 'floor';
    const out = [
      poolOutputSize(x[0], size[0], stride[0], pad[0], pad[1], rounding),
      poolOutputSize(x[1], size[1], stride[1], pad[2], pad[3], rounding),
      x[2],
    ];
    const arithmetic = `height: ${rounding}((${x[0]} + ${pad[0]} + ${pad[1]} - ${size[0]}) / ${stride[0]}) + 1 = ${out[0]}`;
    if (!spatialOk(ctx, out, x, 'size', arithmetic)) return;
    return free({ kind: spec.type, size, stride, pad, rounding }, out);
  },
};
