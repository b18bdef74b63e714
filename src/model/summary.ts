// Per-layer summary data, computed from the IR alone (pure). Memory follows torchsummary, as
// the seed's Paddle summary does: float32, MiB (2^20 bytes), and for a batch of B
//   input MB   = B * elements(input shape) * 4 / 2^20
//   fwd/bwd MB = 2 * B * sum over layers of elements(output shape) * 4 / 2^20   (activations and their gradients)
//   params MB  = total params * 4 / 2^20
//   total MB   = input + fwd/bwd + params
import { elements, type ModelIR, type Shape } from './ir.ts';
import { layerKind } from './layers/index.ts';

export interface SummaryLayer {
  name: string;
  type: string;
  inputShape: Shape | Shape[];
  outputShape: Shape;
  params: number;
  multAdds: number;
  /** For a layer from a block: its outermost block instance (`layer2.0`) and the block's name. */
  block?: { instance: string; name: string };
}

export interface Summary {
  model: string;
  input: Shape;
  layers: SummaryLayer[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  multAdds: number;
  memory: { batch: number; inputMB: number; forwardBackwardMB: number; paramsMB: number; totalMB: number };
}

const MiB = 2 ** 20;
const BYTES = 4;

export function summarize(ir: ModelIR, batch = 1): Summary {
  const layers = ir.nodes.map((n) => ({
    name: n.name,
    type: layerKind(n.layer.kind).displayName(n.layer),
    inputShape: n.inputShapes.length === 1 ? n.inputShapes[0] : n.inputShapes,
    outputShape: n.outputShape,
    params: n.params,
    multAdds: n.multAdds,
    ...(n.block ? { block: n.block } : {}),
  }));
  const trainableParams = ir.nodes.reduce((a, n) => a + n.trainableParams, 0);
  const nonTrainableParams = ir.nodes.reduce((a, n) => a + n.nonTrainableParams, 0);
  const totalParams = trainableParams + nonTrainableParams;
  const activations = ir.nodes.reduce((a, n) => a + elements(n.outputShape), 0);
  const inputMB = (batch * elements(ir.input) * BYTES) / MiB;
  const forwardBackwardMB = (2 * batch * activations * BYTES) / MiB;
  const paramsMB = (totalParams * BYTES) / MiB;
  return {
    model: ir.name,
    input: ir.input,
    layers,
    totalParams,
    trainableParams,
    nonTrainableParams,
    multAdds: ir.nodes.reduce((a, n) => a + n.multAdds, 0),
    memory: { batch, inputMB, forwardBackwardMB, paramsMB, totalMB: inputMB + forwardBackwardMB + paramsMB },
  };
}

/**
 * The summary with each block instance folded into one row: named after the instance (`layer2.0`),
 * typed `block <name>`, from its first layer's input to its last layer's output, counts summed.
 */
export function collapseBlocks(s: Summary): Summary {
  const layers: SummaryLayer[] = [];
  for (const l of s.layers) {
    const last = layers[layers.length - 1];
    if (l.block && last?.block?.instance === l.block.instance && last.name === l.block.instance) {
      layers[layers.length - 1] = { ...last, outputShape: l.outputShape, params: last.params + l.params, multAdds: last.multAdds + l.multAdds };
    } else if (l.block) {
      layers.push({ ...l, name: l.block.instance, type: `block ${l.block.name}` });
    } else {
      layers.push(l);
    }
  }
  return { ...s, layers };
}
