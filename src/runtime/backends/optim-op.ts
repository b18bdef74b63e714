// The optimizers' per-variable updates as ops: each backend may register its own kernel for
// SGD_UPDATE and ADAM_UPDATE (netspec-cpu's native in-place ones, kernels-optim.ts); every other
// backend gets the portable kernels below, tensor ops in the same float32 order as the native
// code (native/src/optim.h), so that both give equal results. Not differentiable.
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, SGD_UPDATE, type AdamUpdateAttrs, type SgdUpdateAttrs } from './kernels-optim.ts';
import { definePortableKernel, runKernel } from './fallback.ts';

/** One SGD step of w with momentum buffer v and gradient g: [w', v']. */
export function sgdUpdate(inputs: { w: tf.Tensor; v: tf.Tensor; g: tf.Tensor }, attrs: SgdUpdateAttrs): [tf.Tensor, tf.Tensor] {
  return runKernel(SGD_UPDATE, inputs, attrs) as [tf.Tensor, tf.Tensor];
}

/** One Adam step of w with moments m, v and gradient g: [w', m', v']. */
export function adamUpdate(inputs: { w: tf.Tensor; m: tf.Tensor; v: tf.Tensor; g: tf.Tensor }, attrs: AdamUpdateAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return runKernel(ADAM_UPDATE, inputs, attrs) as [tf.Tensor, tf.Tensor, tf.Tensor];
}

type Inputs = Record<string, tf.Tensor>;

definePortableKernel(SGD_UPDATE, () => ({ inputs, attrs }) => tf.tidy(() => {
  const { w, v, g } = inputs as unknown as Inputs;
  const { lr, mu, wd, nesterov } = attrs as unknown as SgdUpdateAttrs;
  // −ε·(λ·w + ∂L/∂w): the gradient step with the paper's decay term folded in.
  const descent = (wd ? g.add(w.mul(wd)) : g).mul(-lr);
  const vNew = v.mul(mu).add(descent);
  return [nesterov ? w.add(vNew.mul(mu)).add(descent) : w.add(vNew), vNew];
}));

definePortableKernel(ADAM_UPDATE, () => ({ inputs, attrs }) => tf.tidy(() => {
  const { w, m, v, g } = inputs as unknown as Inputs;
  const { lr, b1, b2, c1, c2, eps, wd } = attrs as unknown as AdamUpdateAttrs;
  const mNew = m.mul(b1).add(g.mul(1 - b1));
  const vNew = v.mul(b2).add(g.square().mul(1 - b2));
  let update = mNew.div(c1).div(vNew.div(c2).sqrt().add(eps));
  if (wd) update = update.add(w.mul(wd));
  return [w.sub(update.mul(lr)), mNew, vNew];
}));
