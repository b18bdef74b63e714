// Input checks the layer kinds share; each reports through the context and returns undefined/false.
import type { Shape } from '../ir.ts';
import type { LowerContext } from './kind.ts';

export const fmt = (s: Shape): string => s.join('x');

/** The single input of a one-input layer. */
export function oneInput(ins: Shape[], ctx: LowerContext, what: string): Shape | undefined {
  if (ins.length === 1) return ins[0];
  ctx.error('NS0304', `\`${ctx.name}\` (${what}) takes one input, but \`inputs\` names ${ins.length}`, 'inputs', 'name exactly one input');
  return undefined;
}

/** The single input, which must have `rank` (3: HWC, 1: flat). */
export function rankedInput(ins: Shape[], ctx: LowerContext, what: string, rank: 1 | 3): Shape | undefined {
  const x = oneInput(ins, ctx, what);
  if (!x || x.length === rank) return x;
  const help = rank === 1
    ? 'add `{ type: flatten }` (or a global pooling layer) before it'
    : 'it needs an image-shaped input (height x width x channels); move it before the flatten';
  ctx.error('NS0309', `\`${ctx.name}\` (${what}) needs a ${rank === 1 ? 'flat vector' : 'height x width x channels'} input, but receives ${fmt(x)}`, undefined, help);
  return undefined;
}

/** A spatial output of at least 1x1, else NS0301 at `field` with the arithmetic as a note. */
export function spatialOk(ctx: LowerContext, out: Shape, inShape: Shape, field: string, arithmetic: string): boolean {
  if (out[0] >= 1 && out[1] >= 1) return true;
  ctx.error('NS0301', `the output of \`${ctx.name}\` would be ${out[0]}x${out[1]}: its window is larger than its ${inShape[0]}x${inShape[1]} input`, field,
    'use a smaller kernel or stride, add padding, or remove a downsampling layer before it', arithmetic);
  return false;
}

/** At least two inputs, for merges. */
export function manyInputs(ins: Shape[], ctx: LowerContext, what: string, verb: string): boolean {
  if (ins.length >= 2) return true;
  ctx.error('NS0307', `\`${ctx.name}\` (${what}) needs at least two inputs; \`inputs\` names ${ins.length}`, 'inputs', `list the layers to ${verb}: \`inputs: [a, b]\``);
  return false;
}
