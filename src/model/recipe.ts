// The paper's training recipe (§5) where a spec's train: block says nothing: one definition for
// netspec train (src/runtime/train/config.ts) and the exported train.py (src/export/pytorch/).
import type { OptimizerSpec, ScheduleSpec } from './spec.ts';

export const TRAIN_DEFAULTS = {
  batchSize: 128,
  epochs: 10,
  optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 0.0005 } as OptimizerSpec,
  schedule: { type: 'constant' } as ScheduleSpec,
  seed: 1,
  checkpointEvery: 0,
};
