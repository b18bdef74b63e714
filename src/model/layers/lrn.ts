// lrn: local response normalisation across channels (Krizhevsky et al. 2012, section 3.3).
import type { LayerBase } from '../fields.ts';
import { rankedInput } from './checks.ts';
import { free, type LayerKind } from './kind.ts';

/** b = a / (k + alpha · Σ a²)^beta over `size` adjacent channels; see the schema for conventions. */
export interface LRNSpec extends LayerBase {
  type: 'lrn';
  size: number; // n: channel c sums c − floor(n/2) … c + floor((n−1)/2), as PyTorch (even n leans back)
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
    return free({ kind: 'lrn', size: spec.size, alpha: spec.alpha, beta: spec.beta, k: spec.k, convention: spec.convention ?? 'paper' }, x);
  },
};
