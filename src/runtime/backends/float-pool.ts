// A caching allocator for the native kernels' outputs, like PyTorch's: a tensor's Float32Array is
// kept when the tensor is freed and handed to the next output of the same length. Fresh large
// arrays are what made netspec-cpu slow: the allocator maps new pages for each (mmap above 32 MB)
// and every first write faults them in (the momentum update of AlexNet's fc6 spent ~270 ms per
// 151 MB Add that way; with kept pages it takes ~40 ms).
//
// Reuse must never let two live tensors share memory, so an array goes back to the pool only
// when nothing outside the backend can still see it:
// - it was born here (never an array a caller handed to tf.tensor);
// - it never escaped: dataSync()/data() return the backend's own array, and some cpu kernels
//   (a contiguous Slice) return a view of their input; either marks the array as escaped for good.

/** Below this many floats the system allocator is fast enough: no pooling. */
export const POOL_MIN_FLOATS = 4096;

export interface PoolStats {
  hits: number;
  misses: number;
  /** Bytes held for reuse now. */
  cachedBytes: number;
}

/** A Float32Array of length n, not zero-filled above POOL_MIN_FLOATS (its own ArrayBuffer). */
export function uninitialisedFloats(n: number): Float32Array {
  if (n < POOL_MIN_FLOATS) return new Float32Array(n);
  const buf = Buffer.allocUnsafe(n * 4); // its own ArrayBuffer at this size, offset 0
  return new Float32Array(buf.buffer, buf.byteOffset, n);
}

export class FloatPool {
  private readonly free = new Map<number, Float32Array[]>();
  private readonly born = new WeakSet<ArrayBufferLike>();
  private readonly escaped = new WeakSet<ArrayBufferLike>();
  private cached = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxCachedBytes: number) {}

  /** An array of length n whose contents are garbage: the caller overwrites all of it. */
  take(n: number): Float32Array {
    if (n < POOL_MIN_FLOATS) return new Float32Array(n);
    const kept = this.free.get(n)?.pop();
    if (kept) {
      this.cached -= kept.byteLength;
      this.hits++;
      return kept;
    }
    this.misses++;
    const fresh = uninitialisedFloats(n);
    this.born.add(fresh.buffer);
    return fresh;
  }

  /** The values of a tensor the backend has just freed: kept if no one else can hold them. */
  give(values: unknown): void {
    if (!(values instanceof Float32Array) || !this.born.has(values.buffer) || this.escaped.has(values.buffer)) return;
    if (values.byteOffset !== 0 || values.byteLength !== values.buffer.byteLength) return;
    if (this.cached + values.byteLength > this.maxCachedBytes) return; // the garbage collector frees it
    const list = this.free.get(values.length);
    if (list) list.push(values);
    else this.free.set(values.length, [values]);
    this.cached += values.byteLength;
  }

  /** `values` (or a view of its memory) is now visible outside the backend: never reuse it. */
  escape(values: unknown): void {
    if (ArrayBuffer.isView(values)) this.escaped.add(values.buffer);
  }

  /** Made here and never seen outside the backend: the backend may overwrite it in place. */
  owns(values: unknown): boolean {
    return values instanceof Float32Array && this.born.has(values.buffer) && !this.escaped.has(values.buffer);
  }

  isEscaped(values: unknown): boolean {
    return ArrayBuffer.isView(values) && this.escaped.has(values.buffer);
  }

  stats(): PoolStats {
    return { hits: this.hits, misses: this.misses, cachedBytes: this.cached };
  }

  /** Drops every kept array (the garbage collector frees them). */
  clear(): void {
    this.free.clear();
    this.cached = 0;
  }
}
