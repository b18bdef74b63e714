// The trainer rebuilds the report after every epoch, but the spec, and so the model and its
// drawing, never change during a run: laying out ResNet-50 twice costs seconds per epoch. A few
// results are kept per process, keyed by everything they are computed from.
import * as crypto from 'node:crypto';

const LIMIT = 8;

export function memo<T>(): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    const hash = crypto.createHash('sha256').update(key).digest('hex');
    if (cache.has(hash)) return cache.get(hash)!;
    const value = compute();
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(hash, value);
    return value;
  };
}
