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

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** No padding and floor rounding: a plain 'valid' pooling, which the runtime and emitter build with tfjs' own layer. */
export const isValidPool = (l: Pool2DLayer): boolean => l.pad.every((p) => p === 0) && l.rounding === 'floor';

export const pool: LayerKind<Pool2DSpec, Pool2DLayer> = {
  types: ['maxpool', 'avgpool'],
  displayName: (l) => (l.kind === 'maxpool' ? 'MaxPool2D' : 'AvgPool2D'),
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, spec.type, 3);
    if (!x) return;
    const size = pair(spec.size, 1);
    const stride = spec.stride === undefined ? size : pair(spec.stride, 1);
    const pad = explicitPad(spec.padding, [x[0], x[1]], size, stride, [1, 1]);
    // As PyTorch: a side's padding is at most half the window, floor(k/2) ('same' never exceeds it).
    const half = [Math.floor(size[0] / 2), Math.floor(size[1] / 2)];
    const sides = [['row', 'on top', 0], ['row', 'at the bottom', 0], ['column', 'on the left', 1], ['column', 'on the right', 1]] as const;
    const over = sides.findIndex(([, , axis], i) => pad[i] > half[axis]);
    if (over >= 0) {
      const [unit, side, axis] = sides[over];
      ctx.error('NS0312', `the \`padding\` of \`${ctx.name}\` is more than half its ${size.join('x')} window: ${count(pad[over], unit)} ${side} > floor(${size[axis]}/2) = ${half[axis]}`, 'padding',
        `${half[0] === half[1] ? `use padding of at most ${half[0]}` : `use at most ${count(half[0], 'row')} on top and bottom and ${count(half[1], 'column')} left and right`} (PyTorch refuses more); ` +
        `to pad more, put a \`zeropad\` layer before the pool${spec.type === 'maxpool' ? ' (the maximum then takes in its zeros)' : ''}`);
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
