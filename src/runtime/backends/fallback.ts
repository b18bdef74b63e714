// Ops with portable fallback kernels, after PyTorch's dispatcher: an op runs the current backend's
// own kernel when it has registered one (netspec-cpu's native code, a WebGPU shader) and otherwise
// a kernel made of tf ops, registered for that backend on the op's first use there. Callers never
// ask which backend runs, and the order in which backends and ops register does not matter.
import * as tf from '@tensorflow/tfjs';

/**
 * Makes an op's portable kernel for one backend. Its kernelFunc may call tf ops (the engine does
 * not record them on the tape: they run inside a kernel) and return a tf.Tensor.
 */
export type PortableKernel = (backendName: string) => tf.KernelFunc;

const portable = new Map<string, PortableKernel>();

/** Declares the portable kernel of `kernelName`, for every backend without one of its own. */
export function definePortableKernel(kernelName: string, make: PortableKernel): void {
  portable.set(kernelName, make);
}

/** Registers a backend's own kernel, replacing a portable one registered before it. */
export function registerOwnKernel(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName)) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

/** The portable kernel of `kernelName` for one backend (a native kernel's fallback for what it declines). */
export function portableKernel(kernelName: string, backendName: string): tf.KernelFunc {
  const make = portable.get(kernelName);
  if (!make) throw new Error(`kernel '${kernelName}' has no portable fallback`);
  return make(backendName);
}

/** Registers the portable kernel for `backendName` unless that backend has a kernel of this name already. */
export function ensureKernel(kernelName: string, backendName: string): void {
  if (tf.getKernel(kernelName, backendName)) return;
  const make = portable.get(kernelName);
  if (!make) throw new Error(`kernel '${kernelName}' is not registered for backend '${backendName}' and has no portable fallback`);
  tf.registerKernel({ kernelName, backendName, kernelFunc: make(backendName) });
}

/** engine.runKernel on the current backend, with the portable kernel where the backend has none. */
export function runKernel(kernelName: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor | tf.Tensor[] {
  tf.backend(); // initialises the backend if nothing has yet, so that its name is known
  ensureKernel(kernelName, tf.getBackend());
  return tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
}
