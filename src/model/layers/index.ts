// Every layer kind, by its spec `type`: the one table the compiler, summary and runtime read.
import type { LayerSpec, LayerType } from '../spec.ts';
import type { IRLayer } from '../ir.ts';
import type { LayerKind } from './kind.ts';
import { activation } from './activation.ts';
import { adaptiveAvgPool } from './adaptive-avg-pool.ts';
import { add } from './add.ts';
import { batchnorm } from './batchnorm.ts';
import { concat } from './concat.ts';
import { conv2d } from './conv2d.ts';
import { dense } from './dense.ts';
import { dropout } from './dropout.ts';
import { flatten } from './flatten.ts';
import { globalAvgPool } from './global-avg-pool.ts';
import { lrn } from './lrn.ts';
import { pool } from './pool.ts';
import { zeropad } from './zeropad.ts';

/** The spec and IR types of a `type` (pooling's one interface covers two types). */
type SpecOf<T extends LayerType> = LayerSpec extends infer S ? (S extends { type: infer U } ? (T extends U ? S : never) : never) : never;
type LayerOf<T extends LayerType> = IRLayer extends infer L ? (L extends { kind: infer U } ? (T extends U ? L : never) : never) : never;
type KindOf<T extends LayerType> = LayerKind<SpecOf<T>, LayerOf<T>>;

export const LAYER_KINDS: { [T in LayerType]: KindOf<T> } = {
  conv2d,
  lrn,
  maxpool: pool,
  avgpool: pool,
  dropout,
  flatten,
  dense,
  zeropad,
  globalavgpool: globalAvgPool,
  adaptiveavgpool: adaptiveAvgPool,
  activation,
  add,
  concat,
  batchnorm,
};

/** The module of a spec layer's type (or of an IR layer's kind: they are the same names). */
export const layerKind = (type: LayerType): LayerKind<LayerSpec, IRLayer> => LAYER_KINDS[type] as unknown as LayerKind<LayerSpec, IRLayer>;

export type { LayerKind, Lowered, LowerContext } from './kind.ts';
