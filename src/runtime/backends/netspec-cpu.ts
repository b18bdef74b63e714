// The `netspec-cpu` backend: a MathBackendCPU (tensors are Float32Arrays in JS memory) with every
// cpu kernel re-registered under its name and the hot ones replaced by native oneDNN/OpenBLAS code.
import * as tf from '@tensorflow/tfjs';
import { loadNativeAddon, type AddonLoad, type NativeAddon, type NativeInfo } from './native-addon.ts';
import * as os from 'node:os';
import { FloatPool, POOL_MIN_FLOATS, type PoolOptions } from './float-pool.ts';
import { withFallback, type CpuBackendLike, type NativeKernel } from './kernel-util.ts';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels-conv.ts';
import { concat, padV2, slice, splitV } from './kernels-copy.ts';
import { add, floor, mean, multiply, netspecRelu6Kernels, realDiv, relu, relu6, softmax, step, sub, sum } from './kernels-elementwise.ts';
import { batchNormKernels } from './kernels-batchnorm.ts';
import { matmul } from './kernels-matmul.ts';
import { optimizerKernels } from './kernels-optim.ts';
import { netspecConvKernels } from './kernels-netspec-conv.ts';
import { registerOwnKernel } from './fallback.ts';
import { avgPool, avgPoolGrad, lrn, lrnGrad, maxPool, maxPoolGrad, netspecLrnKernels, netspecMaxPoolKernels } from './kernels-pool.ts';

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
  Relu6: relu6,
  Step: step,
  Add: add,
  Sub: sub,
  Multiply: multiply,
  RealDiv: realDiv,
  Floor: floor,
  Softmax: softmax,
  Sum: sum,
  Mean: mean,
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
    const config = native ? withFallback(k.kernelName, NETSPEC_CPU, native, k.kernelFunc, addon) : { ...k, backendName: NETSPEC_CPU };
    tf.registerKernel({ ...config, kernelFunc: markViews(config.kernelFunc) });
  }
  // Native kernels of netspec's own ops (their gradients are registered with the ops, for every backend).
  for (const k of [...optimizerKernels(NETSPEC_CPU, addon), ...netspecConvKernels(NETSPEC_CPU, addon), ...netspecLrnKernels(NETSPEC_CPU, addon), ...batchNormKernels(NETSPEC_CPU, addon), ...netspecRelu6Kernels(NETSPEC_CPU, addon), ...netspecMaxPoolKernels(NETSPEC_CPU, addon)]) registerOwnKernel(k);
  // A fresh MathBackendCPU, minus its one-time "install tfjs-node to speed things up" banner.
  tf.registerBackend(NETSPEC_CPU, () => withFloatPool(Object.assign(cpuFactory() as object, { firstUse: false }) as unknown as PooledBackend, addon), 0);
  return { ok: true, info: addon.info(), nativeKernels };
}

/** What the pool needs of MathBackendCPU besides what the kernels use. */
type PooledBackend = tf.KernelBackend & CpuBackendLike & {
  data: { get(dataId: object): { values?: unknown } | undefined; has(dataId: object): boolean };
  /** Moves the values of dataId into the pool, if they are large float32 values from elsewhere. */
  adopt?(dataId: object): void;
  readSync(dataId: object): unknown;
};

/** Kept arrays: a quarter of the machine's memory, at most 4 GiB (PyTorch's allocator keeps all). */
// NETSPEC_POOL_MB bounds the cache (speed for memory: without it freed arrays wait for the garbage collector).
const poolBytes = (): number => Number(process.env.NETSPEC_POOL_MB ?? 0) * 1024 ** 2 || Math.min(os.totalmem() / 4, 4 * 1024 ** 3);

/** Idle pages go back to the system beyond NETSPEC_POOL_HEADROOM × the most in use (unset: the pool's default; 0: never). */
function poolOptions(addon: NativeAddon): PoolOptions {
  const env = process.env.NETSPEC_POOL_HEADROOM;
  const headroom = env === undefined ? undefined : Number(env);
  if (headroom !== undefined && !(headroom > 0)) return {};
  return { release: (a) => addon.releasePages(a), headroom, onSegment: (a) => addon.adviseHugePages(a) };
}

/**
 * Gives the backend a FloatPool: the native kernels' outputs come from it, freed tensors go back
 * to it, and reads (dataSync/data) return copies of its memory, so that nothing outside the
 * backend ever holds a block. adopt() moves a tensor's values into the pool (see adopt.ts).
 */
function withFloatPool(backend: PooledBackend, addon: NativeAddon): PooledBackend {
  const pool = new FloatPool(poolBytes(), poolOptions(addon));
  const { disposeData, readSync, dispose } = backend;
  return Object.assign(backend, {
    floatPool: pool,
    readSync(dataId: object) {
      const values = readSync.call(backend, dataId);
      // The caller keeps what it reads: a copy, so that the pool may reuse the block later.
      return pool.holds(values) ? (values as Float32Array).slice() : values;
    },
    async read(dataId: object) {
      return backend.readSync(dataId);
    },
    disposeData(dataId: object, force?: boolean) {
      const values = backend.data.get(dataId)?.values;
      const done = disposeData.call(backend, dataId as tf.DataId, force);
      if (values !== undefined && !backend.data.has(dataId)) pool.give(values);
      return done;
    },
    adopt(dataId: object) {
      const d = backend.data.get(dataId);
      const v = d?.values;
      if (!d || !(v instanceof Float32Array) || v.length < POOL_MIN_FLOATS || pool.holds(v)) return;
      const own = pool.take(v.length);
      own.set(v);
      d.values = own; // every tensor on this dataId now reads the copy; the old array is left to the garbage collector
    },
    dispose() {
      pool.clear();
      dispose.call(backend);
    },
  });
}

/** Whether two arrays share any byte of memory. */
const overlaps = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

/**
 * Wraps a kernel so that an output sharing memory with an input under a new dataId (the cpu
 * Slice's subarray views) becomes one more holder of the input's block: the pool reuses it only
 * once the view is gone too.
 */
function markViews(kernelFunc: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const result = kernelFunc(args);
    const backend = args.backend as unknown as PooledBackend;
    const pool = backend.floatPool;
    if (!pool) return result;
    const outs = Array.isArray(result) ? result : [result];
    for (const input of Object.values(args.inputs)) {
      if (!input) continue;
      const inValues = backend.data.get(input.dataId)?.values;
      if (!ArrayBuffer.isView(inValues) || !pool.holds(inValues)) continue;
      for (const out of outs) {
        if (out.dataId === input.dataId) continue; // same tensor, reference-counted
        const outValues = backend.data.get(out.dataId)?.values;
        if (ArrayBuffer.isView(outValues) && overlaps(outValues, inValues)) pool.share(outValues, inValues);
      }
    }
    return result;
  };
}
