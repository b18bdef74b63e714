// Initialisers given as tfjs identifiers ('heNormal'), Keras-style configs
// ({ className: 'RandomNormal', config: { stddev: 0.01 } }) or instances, and back to configs.
// tfjs-layers does this internally but does not export getInitializer/serializeInitializer.
import * as tf from '@tensorflow/tfjs';

/** tfjs-layers' Initializer class (not exported by name). */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;
export interface InitializerConfig { className: string; config: tf.serialization.ConfigDict }
export type InitializerSpec = string | InitializerConfig | Initializer;

type Factory = (args?: object) => Initializer;

export function resolveInitializer(spec: InitializerSpec): Initializer {
  if (typeof spec === 'string') {
    const factory = (tf.initializers as unknown as Record<string, Factory | undefined>)[spec];
    if (typeof factory !== 'function') throw new Error(`Unknown initializer identifier: ${JSON.stringify(spec)}.`);
    return factory({});
  }
  if (spec instanceof tf.serialization.Serializable) return spec as Initializer;
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[spec.className];
  if (!entry) throw new Error(`Unknown initializer className: ${JSON.stringify(spec.className)}.`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, spec.config ?? {}) as Initializer;
}

/** Unset options (an absent seed is undefined, or null after a save) are left out, so configs compare equal. */
export function serializeInitializer(init: Initializer): InitializerConfig {
  const config = Object.fromEntries(Object.entries(init.getConfig()).filter(([, v]) => v != null));
  return { className: init.getClassName(), config };
}
