// Learning-rate schedules as pure functions of the epoch and a small, JSON-serialisable state
// (what the plateau rule remembers of the validation history). The rate is fixed for a whole
// epoch and chosen before it starts; epochs count from 0.
import type { ScheduleSpec } from '../../model/spec.ts';

export interface ScheduleState {
  /** Plateau only: the current rate, the best validation error seen, epochs since it improved. */
  lr?: number;
  best?: number;
  bad?: number;
}

export const initialScheduleState = (spec: ScheduleSpec, baseLr: number): ScheduleState =>
  spec.type === 'plateau' ? { lr: baseLr, best: Infinity, bad: 0 } : {};

/** The learning rate for `epoch` (0-based) of `epochs`. */
export function learningRate(spec: ScheduleSpec, baseLr: number, epoch: number, epochs: number, state: ScheduleState): number {
  switch (spec.type) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * (spec.gamma ?? 0.1) ** Math.floor(epoch / spec.stepSize);
    case 'plateau':
      return state.lr ?? baseLr;
    case 'cosine': {
      const min = spec.minLr ?? 0;
      const warm = spec.warmupEpochs ?? 0;
      // Linear warm-up reaching the base rate at the last warm-up epoch, then half a cosine.
      if (epoch < warm) return (baseLr * (epoch + 1)) / warm;
      const span = Math.max(1, epochs - warm);
      return min + ((baseLr - min) * (1 + Math.cos((Math.PI * (epoch - warm)) / span))) / 2;
    }
  }
}

/**
 * The state after an epoch whose validation top-1 error was `valError`. Plateau (the paper's
 * "divide the learning rate by 10 when the validation error rate stopped improving"): after more
 * than `patience` epochs without a new best, multiply by `factor` (default 0.1), not below `minLr`.
 */
export function afterEpoch(spec: ScheduleSpec, state: ScheduleState, valError: number): ScheduleState {
  if (spec.type !== 'plateau') return state;
  const patience = spec.patience ?? 1;
  const lr = state.lr ?? NaN;
  const best = state.best ?? Infinity;
  if (valError < best) return { lr, best: valError, bad: 0 };
  const bad = (state.bad ?? 0) + 1;
  if (bad <= patience) return { lr, best, bad };
  return { lr: Math.max(lr * (spec.factor ?? 0.1), spec.minLr ?? 0), best, bad: 0 };
}
