// The data pipeline's public surface: open a dataset, resolve the spec's transforms once, then
// iterate batches per epoch.

export { DataError, isDataError, type DataCode } from './errors.ts';
export { openDataset, type Dataset, type OpenOptions } from './dataset.ts';
export { memorySplit, subset, holdOut, type Split } from './split.ts';
export { resolveDataset, searchPaths, howToGet, type ResolvedDataset, type LocateEnv, type DatasetKind } from './locate.ts';
export { resolveTransforms, NO_AUGMENT, type ResolvedAugment, type Transforms } from './transforms.ts';
export { NO_NORMALIZATION, IMAGENET_EIGEN, type Normalization, type Eigen } from './augment.ts';
export { batches, checkShapes, epochSize, epochOrder, newMonitor, type Batch, type BatchOptions, type PipelineMonitor } from './pipeline.ts';
export { sfc32, rngFor, rngFromSeed, type Rng, type RngState } from './rng.ts';
