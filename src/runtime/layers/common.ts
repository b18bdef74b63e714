// Small helpers shared by the Netspec layers: argument checks and NHWC shape plumbing.
import * as tf from '@tensorflow/tfjs';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
export type HWC = [number, number, number];

/** Keras-style message: names the layer, the argument and the value received. */
export function invalidArg(layer: string, arg: string, value: unknown, expected: string): Error {
  return new Error(`Invalid value for argument \`${arg}\` of ${layer}: expected ${expected}. Received ${arg}=${JSON.stringify(value)}.`);
}

export function checkInts(layer: string, arg: string, values: readonly number[], min: number, length: number): void {
  if (!Array.isArray(values) || values.length !== length || values.some((v) => !Number.isInteger(v) || v < min)) {
    throw invalidArg(layer, arg, values, `${length} integer(s) >= ${min}`);
  }
}

/** The single input tensor of a one-input layer, as NHWC. */
export function oneInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor4D {
  return (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
}

/**
 * Applies an HWC shape function to an NHWC layer shape. Unknown (null) H or W go in as NaN,
 * which the size arithmetic carries through, and come out as null again.
 */
export function nhwcOutputShape(inputShape: tf.Shape | tf.Shape[], f: (hwc: HWC) => HWC): tf.Shape {
  const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  if (s.length !== 4) throw new Error(`Expected an NHWC input shape (rank 4), received [${s.join(', ')}].`);
  const [n, h, w, c] = s;
  const out = f([h ?? NaN, w ?? NaN, c ?? NaN]);
  return [n, ...out.map((d) => (Number.isNaN(d) ? null : d))];
}

/** Throws when a computed spatial size is below 1 (the compiler reports this as a diagnostic). */
export function checkPositive(layer: string, input: tf.Shape, output: tf.Shape): void {
  if (output.slice(1, 3).some((d) => d !== null && d < 1)) {
    throw new Error(`${layer}: input shape [${input.join(', ')}] gives output shape [${output.join(', ')}].`);
  }
}
