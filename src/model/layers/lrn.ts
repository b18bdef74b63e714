// lrn: local response normalisation across channels (Krizhevsky et al. 2012, section 3.3).
import type { LayerBase } from '../fields.ts';
import { rankedInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

/** b = a / (k + alpha · Σ a²)^beta over `size` adjacent channels; see the schema for conventions. */
export interface LRNSpec extends LayerBase {
  type: 'lrn';
  size: number; // n, the number of adjacent channels (odd)
  alpha: number;
  beta: number;
  k: number;
  /** 'paper' (alpha multiplies the plain sum, as Krizhevsky et al. and tf) or 'caffe' (alpha / n). */
  convention?: 'paper' | 'caffe';
}

export interface LRNLayer { kind: 'lrn'; size: number; alpha: number; beta: number; k: number; convention: 'paper' | 'caffe' }

export const lrn: LayerKind<LRNSpec, LRNLayer> = {
  types: ['lrn'],
  displayName: () => 'LocalResponseNorm',
  lower(spec, ins, ctx) {
    const x = rankedInput(ins, ctx, 'lrn', 3);
    if (!x) return;
    if (spec.size % 2 !== 1) {
      ctx.error('NS0308', `the LRN window \`size\` of \`${ctx.name}\` must be odd (it is centred on each channel); received ${spec.size}`, 'size',
        `use ${spec.size + 1} or ${Math.max(1, spec.size - 1)}; the paper uses 5`);
      return;
    }
    return free({ kind: 'lrn', size: spec.size, alpha: spec.alpha, beta: spec.beta, k: spec.k, convention: spec.convention ?? 'paper' }, x);
  },
};
