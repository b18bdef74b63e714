// The optimizers' update ops (optim-op.ts) as native kernels of netspec-cpu (native/src/optim.h);
// the names and attrs below are the ops' interface, for any backend that registers its own.
// Not differentiable (an update runs outside any gradient tape).
// An update overwrites the variables' memory when nothing else can see it (updatableInPlace), and
// writes fresh buffers otherwise; the optimizer assigns the outputs either way.
import * as tf from '@tensorflow/tfjs';
import type { NativeAddon } from './native-addon.ts';
import { allocate, f32, type CpuBackendLike } from './kernel-util.ts';

export const SGD_UPDATE = 'NetspecSgdUpdate';
export const ADAM_UPDATE = 'NetspecAdamUpdate';

export interface SgdUpdateAttrs { lr: number; mu: number; wd: number; nesterov: boolean }
export interface AdamUpdateAttrs { lr: number; b1: number; b2: number; c1: number; c2: number; eps: number; wd: number }

type RefCountedBackend = Omit<CpuBackendLike, 'data'> & {
  data: { get(dataId: object): { values?: unknown; refCount?: number } };
  incRef(dataId: object): void;
};

/**
 * The update may overwrite these tensors' memory: each is the only tensor on its data, and the
 * data was made by the backend's pool and never left it (dataSync, data(), a view). Weights
 * reach that state after their first update; then an update writes no new 151 MB buffers.
 */
function updatableInPlace(b: RefCountedBackend, tensors: tf.TensorInfo[]): boolean {
  const pool = b.floatPool;
  return pool !== undefined && tensors.every((t) => {
    const d = b.data.get(t.dataId);
    return d.refCount === 1 && pool.owns(d.values);
  });
}

/** The outputs of an in-place update: the inputs' own data, one more reference each (as Identity does). */
function sameData(b: RefCountedBackend, tensors: tf.TensorInfo[]): tf.TensorInfo[] {
  return tensors.map((t) => {
    b.incRef(t.dataId);
    return { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
  });
}

/** The float32 values of each input, or an error naming the one that is not (a bug in the caller). */
function values(b: CpuBackendLike, inputs: tf.NamedTensorInfoMap, names: string[]): Float32Array[] {
  return names.map((n) => {
    const v = f32(b, inputs[n]);
    if (!v || v.length !== f32(b, inputs[names[0]])?.length) throw new Error(`${n}: expected float32 values shaped like w`);
    return v;
  });
}

export function optimizerKernels(backendName: string, addon: NativeAddon): tf.KernelConfig[] {
  return [
    {
      kernelName: SGD_UPDATE,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const b = backend as unknown as RefCountedBackend;
        const [w, v, g] = values(b, inputs, ['w', 'v', 'g']);
        const { lr, mu, wd, nesterov } = attrs as unknown as SgdUpdateAttrs;
        const state = [inputs.w, inputs.v] as tf.TensorInfo[];
        if (updatableInPlace(b, state)) {
          addon.sgdUpdate(w, v, g, w, v, lr, mu, wd, nesterov); // elementwise: each index is read before it is written
          return sameData(b, state);
        }
        const wOut = allocate(b, w.length), vOut = allocate(b, w.length);
        addon.sgdUpdate(w, v, g, wOut, vOut, lr, mu, wd, nesterov);
        const shape = (inputs.w as tf.TensorInfo).shape;
        return [b.makeTensorInfo(shape, 'float32', wOut), b.makeTensorInfo(shape, 'float32', vOut)];
      },
    },
    {
      kernelName: ADAM_UPDATE,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const b = backend as unknown as RefCountedBackend;
        const [w, m, v, g] = values(b, inputs, ['w', 'm', 'v', 'g']);
        const { lr, b1, b2, c1, c2, eps, wd } = attrs as unknown as AdamUpdateAttrs;
        const state = [inputs.w, inputs.m, inputs.v] as tf.TensorInfo[];
        if (updatableInPlace(b, state)) {
          addon.adamUpdate(w, m, v, g, w, m, v, lr, b1, b2, c1, c2, eps, wd);
          return sameData(b, state);
        }
        const wOut = allocate(b, w.length), mOut = allocate(b, w.length), vOut = allocate(b, w.length);
        addon.adamUpdate(w, m, v, g, wOut, mOut, vOut, lr, b1, b2, c1, c2, eps, wd);
        const shape = (inputs.w as tf.TensorInfo).shape;
        return [wOut, mOut, vOut].map((out) => b.makeTensorInfo(shape, 'float32', out));
      },
    },
  ];
}
