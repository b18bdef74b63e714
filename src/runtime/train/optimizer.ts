// The optimizers netspec trains with, written over plain tf.Variables so that their whole state
// (momentum or moment buffers and the step count) is ours to checkpoint and restore bit for bit.
//
// SGD is the update rule of Krizhevsky et al. 2012, §5, read literally:
//     v ← μ·v − λ·ε·w − ε·∂L/∂w        w ← w + v
// with momentum μ, weight decay λ and learning rate ε (so λ is scaled by ε, as in the paper and
// in Caffe). Nesterov's variant takes the step from the looked-ahead point: w ← w + μ·v_new − ε·(λ·w + ∂L/∂w).
// Adam is Kingma & Ba's, with bias correction; its weight decay is decoupled (AdamW,
// Loshchilov & Hutter): w ← w − ε·(m̂/(√v̂ + eps) + λ·w).
//
// Weight decay applies to kernels only (variables of rank ≥ 2), never to biases or other
// per-channel vectors: decaying a bias pulls it towards 0 for no regularising benefit (the paper's
// biases of 1 in conv2/4/5 and fc6/7 would otherwise drift).
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../../model/spec.ts';
// Each update is one op per variable (backends/optim-op.ts): netspec-cpu runs it natively, in
// place; other backends run their own kernel or the portable one.
import { adamUpdate, sgdUpdate } from '../backends/optim-op.ts';
import { adoptIntoPool } from '../backends/adopt.ts';

/** Everything an optimizer needs to resume exactly: scalars and one set of buffers per variable. */
export interface OptimizerState {
  type: OptimizerSpec['type'];
  /** Updates applied so far (Adam's t). */
  step: number;
  /** Per variable (in the order the variables were given), named buffers: sgd `v`; adam `m`, `v`. */
  slots: Record<string, Float32Array>[];
}

export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** Applies one update with learning rate `lr` (the schedule's), given ∂L/∂w for each variable. */
  apply(grads: tf.Tensor[], lr: number): void;
  /** A copy of the state (reads the buffers back from the backend). */
  state(): Promise<OptimizerState>;
  /** Replaces the state; throws if it does not fit these variables. */
  restore(state: OptimizerState): void;
  dispose(): void;
}

/** Weight decay applies to this variable: a kernel, not a bias (see the file comment). */
export const decays = (v: tf.Variable): boolean => v.rank >= 2;

const slotNames = (spec: OptimizerSpec): string[] => (spec.type === 'sgd' ? ['v'] : ['m', 'v']);

export function createOptimizer(spec: OptimizerSpec, variables: tf.Variable[]): Optimizer {
  const names = slotNames(spec);
  // Buffers are tf.Variables themselves, so an update replaces them in place without leaking. The
  // tidy frees the zeros each variable starts from (a variable shares its initial tensor's data).
  const slots = variables.map((w) => Object.fromEntries(names.map((n) => [n, tf.tidy(() => tf.variable(tf.zerosLike(w), false))])));
  const adopt = () => adoptIntoPool([...variables, ...slots.flatMap((s) => Object.values(s))]);
  adopt();
  let step = 0;

  const applySgd = (s: Extract<OptimizerSpec, { type: 'sgd' }>, grads: tf.Tensor[], lr: number) => {
    const mu = s.momentum ?? 0.9;
    const wd = s.weightDecay ?? 0;
    variables.forEach((w, i) => {
      tf.tidy(() => {
        const v = slots[i].v;
        const [wNew, vNew] = sgdUpdate({ w, v, g: grads[i] }, { lr, mu, wd: decays(w) ? wd : 0, nesterov: s.nesterov === true });
        v.assign(vNew);
        w.assign(wNew);
      });
    });
  };

  const applyAdam = (s: Extract<OptimizerSpec, { type: 'adam' }>, grads: tf.Tensor[], lr: number) => {
    const b1 = s.beta1 ?? 0.9;
    const b2 = s.beta2 ?? 0.999;
    const eps = s.epsilon ?? 1e-8;
    const wd = s.weightDecay ?? 0;
    const t = step; // already incremented
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    variables.forEach((w, i) => {
      tf.tidy(() => {
        const { m, v } = slots[i];
        const [wNew, mNew, vNew] = adamUpdate({ w, m, v, g: grads[i] }, { lr, b1, b2, c1, c2, eps, wd: wd && decays(w) ? wd : 0 });
        m.assign(mNew);
        v.assign(vNew);
        w.assign(wNew);
      });
    });
  };

  return {
    spec,
    apply(grads, lr) {
      if (grads.length !== variables.length) throw new Error(`optimizer: ${grads.length} gradients for ${variables.length} variables`);
      step++;
      if (spec.type === 'sgd') applySgd(spec, grads, lr);
      else applyAdam(spec, grads, lr);
    },
    state: async () => ({
      type: spec.type,
      step,
      slots: await Promise.all(slots.map(async (s) =>
        Object.fromEntries(await Promise.all(names.map(async (n) => [n, Float32Array.from((await s[n].data()) as Float32Array)] as const))))),
    }),
    restore(state) {
      if (state.type !== spec.type) throw new Error(`optimizer state is for ${state.type}, the run uses ${spec.type}`);
      if (state.slots.length !== variables.length) throw new Error(`optimizer state has ${state.slots.length} variables, the model ${variables.length}`);
      state.slots.forEach((s, i) => {
        for (const n of names) {
          const buf = s[n];
          if (!buf || buf.length !== variables[i].size) {
            throw new Error(`optimizer state: buffer ${n} of variable ${i} has ${buf?.length ?? 0} values, expected ${variables[i].size}`);
          }
          tf.tidy(() => slots[i][n].assign(tf.tensor(buf, variables[i].shape, 'float32')));
        }
      });
      adopt();
      step = state.step;
    },
    dispose() {
      for (const s of slots) for (const n of names) s[n].dispose();
    },
  };
}
