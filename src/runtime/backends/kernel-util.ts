// What the native kernels need from tfjs's MathBackendCPU: its tensors are plain typed arrays in
// JS memory, which the addon reads and writes in place.
import * as tf from '@tensorflow/tfjs';
import type { NativeAddon } from './native-addon.ts';

type TensorInfo = tf.TensorInfo;

/** The part of MathBackendCPU the native kernels use. */
export interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): TensorInfo;
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

/** Below this many floats a zero-filled array costs nothing worth avoiding. */
const UNINITIALISED_MIN = 4096;

/**
 * A Float32Array for a native kernel to overwrite completely. Large ones skip zero-filling
 * (Buffer.allocUnsafe): every native kernel writes all of its output, and clearing tens of
 * megabytes per op first is a measurable share of a training step.
 */
export function uninitialisedFloats(n: number): Float32Array {
  if (n < UNINITIALISED_MIN) return new Float32Array(n);
  const buf = Buffer.allocUnsafe(n * 4); // its own ArrayBuffer at this size, offset 0
  return new Float32Array(buf.buffer, buf.byteOffset, n);
}

/** A new tensor of `shape` whose values `fill` writes in full; owned by the backend like any other. */
export function output(backend: CpuBackendLike, shape: number[], fill: (out: Float32Array) => void): TensorInfo {
  const out = uninitialisedFloats(sizeOf(shape));
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
