// conv2d: a 2-D convolution with groups (AlexNet's two towers), dilation and explicit padding.
import { convOutputSize, explicitPad, pair, type Pad4 } from '../arithmetic.ts';
import type { Activation, InitScheme, LayerBase, Padding2D, Pair } from '../fields.ts';
import { rankedInput, spatialOk } from './checks.ts';
import type { LayerKind } from './kind.ts';

export interface Conv2DSpec extends LayerBase {
  type: 'conv2d';
  filters: number;
  kernel: Pair;
  stride?: Pair; // default 1
  padding?: Padding2D; // default 0 ('valid')
  dilation?: Pair; // default 1
  groups?: number; // default 1
  bias?: boolean; // default true
  activation?: Activation; // default linear
  /** Weight initialiser; default: the model's `init` (he). */
  init?: InitScheme;
  /** Constant the bias starts at; default 0. */
  biasInit?: number;
}

export interface Conv2DLayer {
  kind: 'conv2d';
  filters: number;
  kernel: [number, number];
  stride: [number, number];
  /** Explicit [top, bottom, left, right]; `same` is resolved here. */
  pad: Pad4;
  dilation: [number, number];
  groups: number;
  bias: boolean;
  activation: Activation;
  init: InitScheme;
  biasInit: number;
}

/** Weights of a grouped convolution, counted as PyTorch does. */
export function conv2dParamCount(inChannels: number, kernel: [number, number], filters: number, groups: number, bias: boolean): number {
  return kernel[0] * kernel[1] * (inChannels / groups) * filters + (bias ? filters : 0);
}

function divisorsOfBoth(a: number, b: number): number[] {
  const out: number[] = [];
  for (let g = 1; g <= Math.min(a, b); g++) if (a % g === 0 && b % g === 0) out.push(g);
  return out;
}

export const conv2d: LayerKind<Conv2DSpec, Conv2DLayer> = {
  types: ['conv2d'],
  displayName: () => 'Conv2D',
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'conv2d', 3);
    if (!x) return;
    const kernel = pair(spec.kernel, 1);
    const stride = pair(spec.stride, 1);
    const dilation = pair(spec.dilation, 1);
    const groups = spec.groups ?? 1;
    const pad = explicitPad(spec.padding, [x[0], x[1]], kernel, stride, dilation);
    const cin = x[2];
    if (cin % groups !== 0 || spec.filters % groups !== 0) {
      const which = cin % groups !== 0 ? `the ${cin} input channels` : `the ${spec.filters} filters`;
      const ok = divisorsOfBoth(cin, spec.filters).filter((g) => g > 1);
      ctx.error('NS0302', `\`groups\` (${groups}) does not divide ${which} of \`${ctx.name}\``, 'groups',
        ok.length ? `use a groups value that divides both ${cin} and ${spec.filters}: ${ok.slice(0, 6).join(', ')}` : 'use `groups: 1`',
        'each group convolves input channels / groups channels into filters / groups maps');
      return;
    }
    const out = [
      convOutputSize(x[0], kernel[0], stride[0], pad[0], pad[1], dilation[0]),
      convOutputSize(x[1], kernel[1], stride[1], pad[2], pad[3], dilation[1]),
      spec.filters,
    ];
    const arithmetic = `height: floor((${x[0]} + ${pad[0]} + ${pad[1]} - ${dilation[0]}*(${kernel[0]}-1) - 1) / ${stride[0]}) + 1 = ${out[0]}`;
    if (!spatialOk(ctx, out, x, 'kernel', arithmetic)) return;
    const bias = spec.bias ?? true;
    return {
      layer: {
        kind: 'conv2d', filters: spec.filters, kernel, stride, pad, dilation, groups, bias,
        activation: spec.activation ?? 'linear', init: spec.init ?? ctx.defaultInit, biasInit: spec.biasInit ?? 0,
      },
      out,
      trainableParams: conv2dParamCount(cin, kernel, spec.filters, groups, bias),
      nonTrainableParams: 0,
      multAdds: out[0] * out[1] * spec.filters * kernel[0] * kernel[1] * (cin / groups),
    };
  },
};
