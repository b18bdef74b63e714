// BatchMatMul and _FusedMatMul on sgemm (OpenBLAS by default).
import * as tf from '@tensorflow/tfjs';
import { f32, output, sizeOf, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';
import type { MatmulParams } from './native-addon.ts';

export interface MatmulPlan {
  params: MatmulParams;
  outShape: number[];
}

/**
 * tfjs BatchMatMul geometry. Batch dimensions broadcast only when one side's batch is 1 or both
 * are equal: that is what the cpu kernel's `i % batchA` indexing computes correctly; anything
 * else declines (null) and keeps the cpu kernel's behaviour.
 */
export function matmulPlan(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean): MatmulPlan | null {
  const ra = aShape.length, rb = bShape.length;
  if (ra < 2 || rb < 2) return null;
  const m = transposeA ? aShape[ra - 1] : aShape[ra - 2];
  const kA = transposeA ? aShape[ra - 2] : aShape[ra - 1];
  const kB = transposeB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transposeB ? bShape[rb - 2] : bShape[rb - 1];
  if (kA !== kB) return null;
  const batchA = sizeOf(aShape.slice(0, -2)), batchB = sizeOf(bShape.slice(0, -2));
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(aShape.slice(0, -2), bShape.slice(0, -2));
  const batch = sizeOf(outer);
  if ((batchA !== 1 && batchA !== batch) || (batchB !== 1 && batchB !== batch)) return null;
  if (batch === 0 || m === 0 || n === 0) return null;
  return { params: { batch, batchA, batchB, m, n, k: kA, transposeA, transposeB }, outShape: [...outer, m, n] };
}

/** BatchMatMul and _FusedMatMul (bias of length N or 1, relu). */
export const matmul: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const be = backend as CpuBackendLike;
  const { transposeA, transposeB, activation } = attrs as unknown as tf._FusedMatMulAttrs;
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo | undefined>;
  const act = activation ?? 'linear';
  if (!a || !b || preluActivationWeights || (act !== 'linear' && act !== 'relu')) return null;
  const av = f32(be, a), bv = f32(be, b);
  const plan = matmulPlan(a.shape, b.shape, transposeA, transposeB);
  if (!av || !bv || !plan) return null;
  let biasv: Float32Array | null = null;
  if (bias) {
    biasv = f32(be, bias);
    const n = plan.params.n;
    // Only a bias that broadcasts along the last axis alone: [N], [1, N], [1] or scalar.
    const trailingOnly = bias.shape.slice(0, -1).every((d) => d === 1);
    if (!biasv || !trailingOnly || (biasv.length !== n && biasv.length !== 1)) return null;
  }
  return output(be, plan.outShape, (out) => addon.matmul(plan.params, av, bv, out, biasv, act === 'relu'));
};
