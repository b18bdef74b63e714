// netspec-cpu's kernels for the NetspecBatchNorm op and its relu/relu6-fused twin (batchnorm-op.ts):
// two passes over x forward (the statistics, then y) and two backward (the sums, then dx) in native
// loops over [rows, channels], where the portable kernels run about ten tensor ops each way. Anything but float32
// goes to the portable kernels.
import * as tf from '@tensorflow/tfjs';
import { portableKernel } from './fallback.ts';
import { NETSPEC_BATCH_NORM, NETSPEC_BATCH_NORM_ACT, NETSPEC_BATCH_NORM_GRAD, type NetspecBatchNormAttrs } from './batchnorm-op.ts';
import type { BatchNormParams, NativeAddon } from './native-addon.ts';
import { allocate, f32, output, sizeOf, withFallback, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';

function params(shape: number[], a: NetspecBatchNormAttrs): BatchNormParams | null {
  const channels = shape[shape.length - 1];
  if (shape.length < 1 || sizeOf(shape) === 0) return null;
  const activation = a.activation === 'relu' ? 1 : a.activation === 'relu6' ? 2 : 0;
  return { rows: sizeOf(shape) / channels, channels, epsilon: a.epsilon, training: a.training, activation };
}

/** The values of every tensor in `ts` as Float32Arrays, or null if any is not float32 (absent ones are null). */
function floats(b: CpuBackendLike, ts: (tf.TensorInfo | undefined)[]): (Float32Array | null)[] | null {
  const out = ts.map((t) => (t ? f32(b, t) : null));
  return out.every((v, i) => v || !ts[i]) ? out : null;
}

const forward: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const a = attrs as unknown as NetspecBatchNormAttrs;
  const { x, gamma, beta, mean, variance } = inputs as Record<string, tf.TensorInfo | undefined>;
  const p = params(x!.shape, a);
  const v = floats(b, [x, gamma, beta, mean, variance]);
  if (!p || !v || (!a.training && (!v[3] || !v[4]))) return null;
  const [xv, gv, bv] = v;
  const c = p.channels;
  // Training writes the batch's statistics into the outputs; inference copies the given ones there.
  const m = allocate(b, c), s2 = allocate(b, c);
  if (!a.training) {
    m.set(v[3]!);
    s2.set(v[4]!);
  }
  const y = output(b, x!.shape, (out) => addon.batchNorm(p, xv!, gv, bv, m, s2, out));
  return [y, b.makeTensorInfo([c], 'float32', m), b.makeTensorInfo([c], 'float32', s2)];
};

const backward: NativeKernel = ({ inputs, backend, attrs }, addon) => {
  const b = backend as CpuBackendLike;
  const a = attrs as unknown as NetspecBatchNormAttrs;
  const { x, dy, gamma, mean, variance, y } = inputs as Record<string, tf.TensorInfo | undefined>;
  const p = params(x!.shape, a);
  const v = floats(b, [x, dy, gamma, mean, variance, y]);
  if (!p || !v || !v[1] || !v[3] || !v[4] || sizeOf(dy!.shape) !== sizeOf(x!.shape)) return null;
  if (p.activation && (!v[5] || sizeOf(y!.shape) !== sizeOf(x!.shape))) return null;
  const [xv, dyv, gv, mv, vv, yv] = v;
  const dgamma = allocate(b, p.channels), dbeta = allocate(b, p.channels);
  const dx = output(b, x!.shape, (out) => addon.batchNormGrad(p, xv!, dyv!, gv, mv!, vv!, out, dgamma, dbeta, yv));
  return [dx, b.makeTensorInfo([p.channels], 'float32', dgamma), b.makeTensorInfo([p.channels], 'float32', dbeta)];
};

export function batchNormKernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  return [
    withFallback(NETSPEC_BATCH_NORM, backendName, forward, portableKernel(NETSPEC_BATCH_NORM, backendName), addon),
    withFallback(NETSPEC_BATCH_NORM_ACT, backendName, forward, portableKernel(NETSPEC_BATCH_NORM_ACT, backendName), addon),
    withFallback(NETSPEC_BATCH_NORM_GRAD, backendName, backward, portableKernel(NETSPEC_BATCH_NORM_GRAD, backendName), addon),
  ];
}
