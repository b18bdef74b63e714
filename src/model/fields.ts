// Field types the layer kinds share. Shapes are HWC, no batch.

export const ACTIVATIONS = ['linear', 'relu', 'relu6', 'leaky_relu', 'elu', 'tanh', 'sigmoid', 'softmax', 'gelu', 'silu', 'hard_swish'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INIT_SCHEMES = ['he', 'glorot', 'paper', 'lecun'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** A number n (both sides), [h, w], or Keras' `same` / `valid`. */
export type Padding2D = number | [number, number] | 'same' | 'valid';
export type Pair = number | [number, number];

export interface LayerBase {
  /** Unique name; derived the paper's way (conv1, norm1, pool1, fc6 …) when absent. */
  name?: string;
  /** Names of the layers feeding this one; default: the previous layer (or the model input). */
  inputs?: string[];
  description?: string;
}
