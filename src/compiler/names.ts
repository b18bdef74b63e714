// Layer names derived the paper's way (Caffe's AlexNet): conv1, norm1, pool1 … conv5, pool5,
// fc6, drop6, fc7 … The number is the stage: the count of convolutions so far, and for
// fully-connected layers it continues after the last convolution.
import type { LayerEntry, LayerSpec } from '../model/spec.ts';

const prefixes: Record<LayerSpec['type'], string> = {
  conv2d: 'conv',
  lrn: 'norm',
  maxpool: 'pool',
  avgpool: 'pool',
  dropout: 'drop',
  flatten: 'flatten',
  dense: 'fc',
  zeropad: 'pad',
  globalavgpool: 'gap',
  adaptiveavgpool: 'avgpool',
  activation: '',
  add: 'add',
  concat: 'concat',
  batchnorm: 'bn',
};

/** Unnumbered kinds usually occur once; a second one gets a suffix. */
const unnumbered = new Set<LayerSpec['type']>(['flatten', 'globalavgpool', 'adaptiveavgpool']);

/**
 * Names for a sequence of layers: given names kept, missing ones derived.
 * `taken` holds names that must not be reused and `startStage` the stage reached before them
 * (a parent's layers, when inserting).
 */
export function deriveNames(layers: readonly LayerEntry[], taken: ReadonlySet<string> = new Set(), startStage = 0): string[] {
  const used = new Set<string>(taken);
  for (const l of layers) if (l.name) used.add(l.name);
  let stage = startStage;
  let merges = 0;
  const uses = new Map<string, number>();
  const names: string[] = [];
  for (const layer of layers) {
    // A block use is named after its block, counted per block: basic1, basic2 …
    if (layer.type === 'block') {
      const n = (uses.get(layer.block) ?? 0) + 1;
      uses.set(layer.block, n);
      names.push(layer.name ?? unique(fit(layer.block, String(n)), used));
      continue;
    }
    if (layer.type === 'conv2d' || layer.type === 'dense') stage += 1;
    if (layer.type === 'add' || layer.type === 'concat') merges += 1;
    if (layer.name) {
      names.push(layer.name);
      continue;
    }
    const prefix = layer.type === 'activation' ? layer.activation : prefixes[layer.type];
    const base = unnumbered.has(layer.type)
      ? prefix
      : `${prefix}${layer.type === 'add' || layer.type === 'concat' ? merges : stage}`;
    names.push(unique(base, used));
  }
  return names;
}

function unique(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = fit(base, `_${i}`);
  used.add(name);
  return name;
}

/** The schema's limit on a name: a derived one must fit it too, or a variant could not name it. */
const MAX_NAME = 64;

/** `base` + `suffix`, `base` shortened so that the whole stays within MAX_NAME characters. */
const fit = (base: string, suffix: string): string => `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
