// Loss and error counts on a batch of predicted class probabilities (the models end in softmax).
// Top-k error as the ImageNet competition defines it: an example counts as an error when its label
// is not among the k classes with the highest outputs.
import * as tf from '@tensorflow/tfjs';

/** Probabilities are clipped away from 0 so a confident mistake costs -log(1e-7), not Infinity. */
export const PROB_EPS = 1e-7;

/** Mean cross-entropy of softmax outputs `probs` [n, classes] against integer `labels` [n]. */
export function crossEntropy(probs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, probs.shape[1]);
    const logp = tf.log(tf.clipByValue(probs, PROB_EPS, 1));
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logp), 1))) as tf.Scalar;
  });
}

/** Examples whose label is not among the top-k outputs, for k = 1 and 5 (k capped at the class count). */
export async function errorCounts(probs: tf.Tensor2D, labels: Int32Array): Promise<{ top1: number; top5: number }> {
  const k = Math.min(5, probs.shape[1]);
  const top = tf.tidy(() => tf.topk(probs, k).indices);
  // data(), not dataSync(): a GPU backend (webgpu) cannot read synchronously in Node.
  const idx = (await top.data()) as Int32Array;
  top.dispose();
  let top1 = 0;
  let top5 = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = idx.subarray(i * k, (i + 1) * k);
    if (row[0] !== labels[i]) top1++;
    if (!row.includes(labels[i])) top5++;
  }
  return { top1, top5 };
}
