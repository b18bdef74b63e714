// Per-layer summary data, computed from the IR alone (pure). Memory follows torchsummary, as
// the seed's Paddle summary does: float32, MiB (2^20 bytes), and for a batch of B
//   input MB   = B * prod(input shape) * 4 / 2^20
//   fwd/bwd MB = 2 * B * sum over layers of prod(output shape) * 4 / 2^20   (activations and their gradients)
//   params MB  = total params * 4 / 2^20
//   total MB   = input + fwd/bwd + params
import type { ModelIR, Shape } from './ir.ts';
import { layerKind } from './layers/index.ts';

export interface SummaryLayer {
  name: string;
  type: string;
  inputShape: Shape | Shape[];
  outputShape: Shape;
  params: number;
  multAdds: number;
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
const prod = (s: Shape) => s.reduce((a, b) => a * b, 1);

export function summarize(ir: ModelIR, batch = 1): Summary {
  const layers = ir.nodes.map((n) => ({
    name: n.name,
    type: layerKind(n.layer.kind).displayName(n.layer),
    inputShape: n.inputShapes.length === 1 ? n.inputShapes[0] : n.inputShapes,
    outputShape: n.outputShape,
    params: n.params,
    multAdds: n.multAdds,
  }));
  const trainableParams = ir.nodes.reduce((a, n) => a + n.trainableParams, 0);
  const nonTrainableParams = ir.nodes.reduce((a, n) => a + n.nonTrainableParams, 0);
  const totalParams = trainableParams + nonTrainableParams;
  const activations = ir.nodes.reduce((a, n) => a + prod(n.outputShape), 0);
  const inputMB = (batch * prod(ir.input) * BYTES) / MiB;
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
