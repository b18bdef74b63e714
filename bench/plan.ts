// What to run where, decided before running anything: the pure-JS `cpu` backend is orders of
// magnitude slower than the others, so its phases run only where a step takes seconds, not hours.
import type { BenchBackend, ModelDefaults } from './options.ts';

/**
 * Pure-JS throughput in (forward) multiply-adds per second of step, measured on the issue's
 * 2-core machine (alexnet-fashion, batch 16, tfjs 4.22): ~8 images/s forward, ~3 training.
 * That puts an AlexNet training step at batch 32 near 10 minutes.
 */
export const PURE_JS_MACS_PER_S = { forward: 1.2e8, train: 4e7 };

/** A pure-JS phase runs only if one step is estimated to take at most this long. */
export const PURE_JS_STEP_BUDGET_S = 60;

/** The pure-JS backend gets at most this many steps (each costs seconds), and no profiled step. */
export const PURE_JS_MAX = { warmup: 1, steps: 2 };

export interface BackendPlan {
  /** Set: nothing runs, and this says why. */
  skip?: string;
  /** Set: that phase does not run, and this says why. */
  skipForward?: string;
  skipTrain?: string;
  warmup: number;
  steps: number;
  /** Run the first warm-up step under tf.profile for the tensor-memory peak (slow on pure JS). */
  profile: boolean;
}

/** "~40 s", "~3 min", "~2 h": an estimate, rounded to show that it is one. */
export function roughDuration(seconds: number): string {
  const round = (x: number) => (x >= 10 ? Math.round(x / 10) * 10 : Math.max(1, Math.round(x)));
  if (seconds < 90) return `~${round(seconds)} s`;
  if (seconds < 90 * 60) return `~${round(seconds / 60)} min`;
  return `~${round(seconds / 3600)} h`;
}

/** The plan for one backend on a model of `multAdds` per example (forward) at these settings. */
export function planBackend(backend: BenchBackend, multAdds: number, s: ModelDefaults): BackendPlan {
  if (backend !== 'cpu') return { warmup: s.warmup, steps: s.steps, profile: true };
  const forward = (multAdds * s.batch) / PURE_JS_MACS_PER_S.forward;
  const train = (multAdds * s.batch) / PURE_JS_MACS_PER_S.train;
  const why = (phase: string, est: number) => `pure JS: est. ${roughDuration(est)} per ${phase} step at batch ${s.batch}`;
  const plan: BackendPlan = { warmup: Math.min(s.warmup, PURE_JS_MAX.warmup), steps: Math.min(s.steps, PURE_JS_MAX.steps), profile: false };
  if (forward > PURE_JS_STEP_BUDGET_S) plan.skipForward = why('forward', forward);
  if (train > PURE_JS_STEP_BUDGET_S) plan.skipTrain = why('training', train);
  if (plan.skipForward && plan.skipTrain) {
    plan.skip = `skipped: pure JS, est. ${roughDuration(forward)} per forward step and ${roughDuration(train)} per training step at batch ${s.batch}`;
  }
  return plan;
}
