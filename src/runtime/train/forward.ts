// The training-mode forward pass, freeing each layer's output once its last consumer has run.
// tfjs-layers' executor frees intermediates only in inference; in training it keeps every one
// until the step's forward scope ends, although the gradient tape needs only the tensors each op
// saved (its own clones, which keep their data alive by reference count). Batch norm's and the
// residual adds' outputs, which no op saves, then left the step's peak with a third more than
// PyTorch's. Same layers, same order, same values as model.apply(x, { training: true }).
// A batch norm whose only consumer is a relu or relu6 layer runs with it as one op (one pass each
// way instead of two, and no pre-activation tensor kept): the same values.
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_ACTIVATIONS, type BatchNormActivation } from '../backends/batchnorm-op.ts';
import { NetspecActivation } from '../layers/activation-layer.ts';
import { NetspecBatchNorm } from '../layers/batchnorm.ts';

interface GraphNode {
  inputTensors: tf.SymbolicTensor[];
  outputTensors: tf.SymbolicTensor[];
}

/** Each layer's one call site, or null if some layer is shared or has several outputs (then model.apply is used). */
function callSites(model: tf.LayersModel): Site[] | null {
  const sites: Site[] = [];
  for (const layer of model.layers) {
    const nodes = layer.inboundNodes as unknown as GraphNode[];
    if (layer.getClassName() === 'InputLayer') continue;
    if (nodes.length !== 1 || nodes[0].outputTensors.length !== 1) return null;
    sites.push({ layer, node: nodes[0] });
  }
  return sites;
}

type Site = { layer: tf.layers.Layer; node: GraphNode };

/** For each batch norm site whose output feeds only a relu/relu6 layer: that layer's site and activation. */
function fusions(sites: Site[], outputId: number): Map<Site, { into: Site; activation: BatchNormActivation }> {
  const consumers = new Map<number, Site[]>();
  for (const site of sites) for (const s of site.node.inputTensors) consumers.set(s.id, [...(consumers.get(s.id) ?? []), site]);
  const found = new Map<Site, { into: Site; activation: BatchNormActivation }>();
  for (const site of sites) {
    if (!(site.layer instanceof NetspecBatchNorm)) continue;
    const out = site.node.outputTensors[0].id;
    const users = consumers.get(out) ?? [];
    const next = users[0];
    if (out === outputId || users.length !== 1 || next.node.inputTensors.length !== 1 || !(next.layer instanceof NetspecActivation)) continue;
    const activation = next.layer.activation as BatchNormActivation;
    if (BATCH_NORM_ACTIVATIONS.includes(activation)) found.set(site, { into: next, activation });
  }
  return found;
}

interface Plan {
  sites: Site[];
  /** How many layers read each symbolic tensor. */
  readers: Map<number, number>;
  fused: Map<Site, { into: Site; activation: BatchNormActivation }>;
}

/** The graph walk of a model, worked out on its first step (a built model's graph does not change). */
const plans = new WeakMap<tf.LayersModel, Plan | null>();

function planOf(model: tf.LayersModel): Plan | null {
  if (plans.has(model)) return plans.get(model)!;
  const sites = model.inputs.length === 1 && model.outputs.length === 1 ? callSites(model) : null;
  let plan: Plan | null = null;
  if (sites) {
    const readers = new Map<number, number>();
    for (const { node } of sites) for (const s of node.inputTensors) readers.set(s.id, (readers.get(s.id) ?? 0) + 1);
    plan = { sites, readers, fused: fusions(sites, model.outputs[0].id) };
  }
  plans.set(model, plan);
  return plan;
}

/** model.apply(x, { training: true }) for a one-input, one-output functional model, releasing as it goes. */
export function applyForTraining(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const plan = planOf(model);
  if (!plan) return model.apply(x, { training: true }) as tf.Tensor;
  const { sites, fused } = plan;
  const inputId = model.inputs[0].id, outputId = model.outputs[0].id;
  const remaining = new Map(plan.readers);
  const values = new Map<number, tf.Tensor>([[inputId, x]]);
  const done = new Set<Site>();
  for (const site of sites) {
    if (done.has(site)) continue;
    const { layer, node } = site;
    const inputs = node.inputTensors.map((s) => {
      const v = values.get(s.id);
      if (!v) throw new Error(`applyForTraining: layer ${layer.name} runs before its input ${s.name}`);
      return v;
    });
    const fuse = fused.get(site);
    if (fuse) {
      // The activation layer's output, computed here; the batch norm's own output never exists.
      values.set(fuse.into.node.outputTensors[0].id, (layer as NetspecBatchNorm).callWithActivation(inputs[0], fuse.activation, true));
      done.add(fuse.into);
    } else {
      values.set(node.outputTensors[0].id, layer.apply(inputs.length === 1 ? inputs[0] : inputs, { training: true }) as tf.Tensor);
    }
    for (const s of node.inputTensors) {
      const left = remaining.get(s.id)! - 1;
      remaining.set(s.id, left);
      if (left === 0 && s.id !== inputId && s.id !== outputId) {
        values.get(s.id)!.dispose();
        values.delete(s.id);
      }
    }
  }
  const y = values.get(outputId);
  if (!y) throw new Error('applyForTraining: the model output was not computed');
  return y;
}
