// The summary as a table for people (Keras / torchsummary style). Shapes are HWC with the batch first.
import type { Summary } from '../model/summary.ts';
import { int, mb, shape, table } from './table.ts';

export function renderSummary(s: Summary): string {
  const b = s.memory.batch;
  const withBatch = (x: number[] | number[][]) =>
    Array.isArray(x[0]) ? (x as number[][]).map((y) => [b, ...y]) : [b, ...(x as number[])];
  const rows = s.layers.map((l) => [
    `${l.name} (${l.type})`,
    shape(withBatch(l.inputShape)),
    shape(withBatch(l.outputShape)),
    int(l.params),
    int(l.multAdds),
  ]);
  const lines = [
    `Model: ${s.model}`,
    ...table(['Layer (type)', 'Input shape', 'Output shape', 'Param #', 'Mult-adds'], rows, ['left', 'left', 'left', 'right', 'right']),
    `Total params: ${int(s.totalParams)}`,
    `Trainable params: ${int(s.trainableParams)}`,
    `Non-trainable params: ${int(s.nonTrainableParams)}`,
    `Mult-adds (per example): ${int(s.multAdds)} (${(s.multAdds / 1e9).toFixed(3)} G)`,
    '-'.repeat(40),
    `Batch size: ${b}`,
    `Input size (MB): ${mb(s.memory.inputMB)}`,
    `Forward/backward pass size (MB): ${mb(s.memory.forwardBackwardMB)}`,
    `Params size (MB): ${mb(s.memory.paramsMB)}`,
    `Estimated Total Size (MB): ${mb(s.memory.totalMB)}`,
    '-'.repeat(40),
    'Memory as torchsummary counts it: float32, MB = 2^20 bytes; forward/backward = 2 x batch x sum of every layer\'s output.',
  ];
  return lines.join('\n');
}
