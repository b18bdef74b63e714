// What the native kernels need from tfjs's MathBackendCPU: its tensors are plain typed arrays in
// JS memory, which the addon reads and writes in place.
import * as tf from '@tensorflow/tfjs';
import { uninitialisedFloats, type FloatPool } from './float-pool.ts';
import type { ConvMode, ConvParams, ConvRooms, NativeAddon } from './native-addon.ts';

type TensorInfo = tf.TensorInfo;

/** The part of MathBackendCPU the native kernels use. */
export interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): TensorInfo;
  /** netspec-cpu's caching allocator (float-pool.ts); absent on a plain cpu backend. */
  floatPool?: FloatPool;
}

export type KernelArgs = Parameters<tf.KernelFunc>[0];

/** A tfjs kernel that may decline (return null) so that the pure-JS cpu kernel runs instead. */
export type NativeKernel = (args: KernelArgs, addon: NativeAddon) => TensorInfo | TensorInfo[] | null;

/** The values of a float32 tensor held by the cpu backend, or null when they aren't a Float32Array. */
export function f32(backend: CpuBackendLike, t: TensorInfo | undefined): Float32Array | null {
  if (!t || t.dtype !== 'float32') return null;
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : null;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Room for n floats that a native kernel will overwrite in full: from the backend's pool when it has one. */
export function allocate(backend: CpuBackendLike, n: number): Float32Array {
  return backend.floatPool ? backend.floatPool.take(n) : uninitialisedFloats(n);
}

/** A new tensor of `shape` whose values `fill` writes in full; owned by the backend like any other. */
export function output(backend: CpuBackendLike, shape: number[], fill: (out: Float32Array) => void): TensorInfo {
  const out = allocate(backend, sizeOf(shape));
  fill(out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

/** Registers `kernel` under `backendName`, running `fallback` whenever the native kernel declines. */
export function withFallback(kernelName: string, backendName: string, kernel: NativeKernel, fallback: tf.KernelFunc, addon: NativeAddon): tf.KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: (args) => kernel(args, addon) ?? fallback(args),
  };
}

/**
 * addon.conv2d with its temporaries (reordered activations and weights, oneDNN's scratchpad) in
 * blocks of the backend's pool, each its own block and given back as soon as the call returns:
 * free memory of the pool serves them, and between convolutions they hold nothing. Without a
 * pool, the addon's own buffers.
 */
export function conv2dInto(backend: CpuBackendLike, addon: NativeAddon, mode: ConvMode, params: ConvParams,
  a: Float32Array, b: Float32Array, out: Float32Array, bias: Float32Array | null = null, relu = false): void {
  const pool = backend.floatPool;
  if (!pool) return addon.conv2d(mode, params, a, b, out, bias, relu);
  const rooms = addon.convWorkspace(mode, params, bias !== null, relu).map((n) => (n > 0 ? pool.take(n) : null)) as ConvRooms;
  try {
    addon.conv2d(mode, params, a, b, out, bias, relu, rooms);
  } finally {
    for (const r of rooms) if (r) pool.give(r);
  }
}
