// The optimizers' fused updates as tfjs kernels of netspec-cpu (native/src/optim.h). They exist
// on no other backend: src/runtime/train/optimizer.ts uses them when tf.getKernel finds them and
// its tensor-op path otherwise. Not differentiable (an update runs outside any gradient tape).
import * as tf from '@tensorflow/tfjs';
import type { NativeAddon } from './native-addon.ts';
import { allocate, f32, type CpuBackendLike } from './kernel-util.ts';

export const SGD_UPDATE = 'NetspecSgdUpdate';
export const ADAM_UPDATE = 'NetspecAdamUpdate';

export interface SgdUpdateAttrs { lr: number; mu: number; wd: number; nesterov: boolean }
export interface AdamUpdateAttrs { lr: number; b1: number; b2: number; c1: number; c2: number; eps: number; wd: number }

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
        const b = backend as unknown as CpuBackendLike;
        const [w, v, g] = values(b, inputs, ['w', 'v', 'g']);
        const { lr, mu, wd, nesterov } = attrs as unknown as SgdUpdateAttrs;
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
        const b = backend as unknown as CpuBackendLike;
        const [w, m, v, g] = values(b, inputs, ['w', 'm', 'v', 'g']);
        const { lr, b1, b2, c1, c2, eps, wd } = attrs as unknown as AdamUpdateAttrs;
        const wOut = allocate(b, w.length), mOut = allocate(b, w.length), vOut = allocate(b, w.length);
        addon.adamUpdate(w, m, v, g, wOut, mOut, vOut, lr, b1, b2, c1, c2, eps, wd);
        const shape = (inputs.w as tf.TensorInfo).shape;
        return [wOut, mOut, vOut].map((out) => b.makeTensorInfo(shape, 'float32', out));
      },
    },
  ];
}
