// A standalone activation with the spec's names and parameters: tfjs' own Activation layer
// has no leaky_relu or gelu-by-name with a slope, and its ELU layer refuses alpha != 1.
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS, activationName, applyActivation, type ActivationName } from './activation.ts';
import { invalidArg, type LayerArgs } from './common.ts';

export interface NetspecActivationArgs extends LayerArgs {
  activation: ActivationName;
  /** leaky_relu's negative slope (default 0.01) or elu's alpha (default 1). */
  alpha?: number;
}

export class NetspecActivation extends tf.layers.Layer {
  static className = 'NetspecActivation';
  readonly activation: ActivationName;
  readonly alpha?: number;

  constructor(args: NetspecActivationArgs) {
    super(args);
    const name = activationName(args.activation);
    if (!name) throw invalidArg('NetspecActivation', 'activation', args.activation, `one of ${ACTIVATIONS.join(', ')}`);
    this.activation = name;
    this.alpha = args.alpha;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return applyActivation(Array.isArray(inputs) ? inputs[0] : inputs, this.activation, this.alpha);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { activation: this.activation, ...(this.alpha === undefined ? {} : { alpha: this.alpha }), ...super.getConfig() };
  }
}
