// Tensors whose memory the backend should own: weights and optimizer state. netspec-cpu moves
// their values into its pool (float-pool.ts), where an update may overwrite them in place; other
// backends have no adopt() and nothing happens. Best done as soon as the values exist: an array
// replaced while young is freed at the next scavenge, an old one waits for a full collection.
import * as tf from '@tensorflow/tfjs';

export function adoptIntoPool(tensors: readonly tf.Tensor[]): void {
  const b = tf.backend() as unknown as { adopt?(dataId: object): void };
  if (b.adopt) for (const t of tensors) b.adopt(t.dataId);
}
