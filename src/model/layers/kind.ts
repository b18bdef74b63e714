// What a layer kind is: one module per kind owns its spec fields and defaults, its IR node, shape
// inference, parameter and mult-add counts, and the diagnostics of its own fields.
import type { Shape } from '../ir.ts';

export interface LowerContext {
  /** The layer's name, for messages. */
  name: string;
  /** The model's default weight initialiser. */
  defaultInit: import('../fields.ts').InitScheme;
  /** Reports a problem with the layer, at `field` when given (else the whole layer). */
  error(code: string, message: string, field?: string, help?: string, note?: string): void;
}

/** A lowered layer: its IR node's layer, output shape and counts for one example. */
export interface Lowered<L> {
  layer: L;
  out: Shape;
  /** Parameters updated by the optimizer. */
  trainableParams: number;
  /** Parameters that are state, not trained (running statistics). */
  nonTrainableParams: number;
  /** Multiply-accumulates for one example (one multiply-add counts as one). */
  multAdds: number;
}

export interface LayerKind<S extends { type: string }, L extends { kind: string }> {
  /** The spec `type`s this module lowers (pooling has two). */
  types: readonly S['type'][];
  /** Display name, as Keras and PyTorch users know the layer. */
  displayName(layer: L): string;
  /** Spec + input shapes → IR layer, shape and counts; undefined after reporting an error. */
  lower(spec: S, inputs: Shape[], ctx: LowerContext): Lowered<L> | undefined;
}

/** A lowered layer with no parameters and no arithmetic worth counting. */
export const free = <L>(layer: L, out: Shape): Lowered<L> => ({ layer, out, trainableParams: 0, nonTrainableParams: 0, multAdds: 0 });
