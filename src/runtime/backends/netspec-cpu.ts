// The `netspec-cpu` backend: a MathBackendCPU (tensors are Float32Arrays in JS memory) with every
// cpu kernel re-registered under its name and the hot ones replaced by native oneDNN/OpenBLAS code.
import * as tf from '@tensorflow/tfjs';
import { loadNativeAddon, type AddonLoad, type NativeInfo } from './native-addon.ts';
import { withFallback, type NativeKernel } from './kernel-util.ts';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels-conv.ts';
import { concat, padV2, slice, splitV } from './kernels-copy.ts';
import { add, multiply, relu, step, sub, sum } from './kernels-elementwise.ts';
import { matmul } from './kernels-matmul.ts';
import { avgPool, avgPoolGrad, lrn, lrnGrad, maxPool, maxPoolGrad } from './kernels-pool.ts';

export const NETSPEC_CPU = 'netspec-cpu';

/** Kernel name → native implementation; each falls back to the cpu kernel for what it can't do. */
export const NATIVE_KERNELS: Readonly<Record<string, NativeKernel>> = {
  Conv2D: conv2d,
  FusedConv2D: conv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  BatchMatMul: matmul,
  _FusedMatMul: matmul,
  MaxPool: maxPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPool: avgPool,
  AvgPoolGrad: avgPoolGrad,
  LRN: lrn,
  LRNGrad: lrnGrad,
  Relu: relu,
  Step: step,
  Add: add,
  Sub: sub,
  Multiply: multiply,
  Sum: sum,
  Slice: slice,
  SplitV: splitV,
  Concat: concat,
  PadV2: padV2,
};

export type RegisterResult =
  | { ok: true; info: NativeInfo; nativeKernels: string[] }
  | { ok: false; why: string };

/**
 * Registers `netspec-cpu` (idempotent). Its priority is below cpu's, so it is used only when
 * chosen with tf.setBackend. Kernels registered for cpu after this call are not copied.
 */
export function registerNetspecCpu(load: () => AddonLoad = loadNativeAddon): RegisterResult {
  const loaded = load();
  if (!loaded.ok) return loaded;
  const { addon } = loaded;
  const nativeKernels = Object.keys(NATIVE_KERNELS);
  if (tf.findBackendFactory(NETSPEC_CPU)) return { ok: true, info: addon.info(), nativeKernels };

  const cpuFactory = tf.findBackendFactory('cpu');
  if (!cpuFactory) return { ok: false, why: "tfjs's cpu backend is not registered (is @tensorflow/tfjs loaded?)" };
  const cpuKernels = tf.getKernelsForBackend('cpu');
  const missing = nativeKernels.filter((name) => !cpuKernels.some((k) => k.kernelName === name));
  if (missing.length > 0) return { ok: false, why: `tfjs's cpu backend lacks kernels ${missing.join(', ')}` };
  for (const k of cpuKernels) {
    const native = NATIVE_KERNELS[k.kernelName];
    tf.registerKernel(native
      ? withFallback(k.kernelName, NETSPEC_CPU, native, k.kernelFunc, addon)
      : { ...k, backendName: NETSPEC_CPU });
  }
  // A fresh MathBackendCPU, minus its one-time "install tfjs-node to speed things up" banner.
  tf.registerBackend(NETSPEC_CPU, () => Object.assign(cpuFactory() as object, { firstUse: false }) as unknown as tf.KernelBackend, 0);
  return { ok: true, info: addon.info(), nativeKernels };
}
