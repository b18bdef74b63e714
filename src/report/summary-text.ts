// The summary as a table for people (Keras / torchsummary style). Shapes are HWC with the batch first.
import type { Summary } from '../model/summary.ts';
import { csv, int, markdownTable, mb, shape, table } from './table.ts';

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

/** The summary as Markdown: the layer table, then the totals as a list (shapes without the batch). */
export function renderSummaryMarkdown(s: Summary): string {
  const rows = s.layers.map((l) => [l.name, l.type, shape(l.inputShape), shape(l.outputShape), int(l.params), int(l.multAdds)]);
  return [
    `### ${s.model}`,
    '',
    ...markdownTable(['Layer', 'Type', 'Input shape', 'Output shape', 'Params', 'Mult-adds'], rows, ['left', 'left', 'left', 'left', 'right', 'right']),
    '',
    `- Total params: ${int(s.totalParams)} (trainable ${int(s.trainableParams)}, non-trainable ${int(s.nonTrainableParams)})`,
    `- Mult-adds per example: ${int(s.multAdds)} (${(s.multAdds / 1e9).toFixed(3)} G)`,
    `- Memory at batch ${s.memory.batch} (MB, torchsummary's estimate): input ${mb(s.memory.inputMB)}, forward/backward ${mb(s.memory.forwardBackwardMB)}, params ${mb(s.memory.paramsMB)}, total ${mb(s.memory.totalMB)}`,
  ].join('\n');
}

/** One CSV row per layer; shapes as HxWxC (several inputs joined by `;`); plain integers. */
export function renderSummaryCsv(s: Summary): string {
  const dims = (x: number[] | number[][]) => (Array.isArray(x[0]) ? (x as number[][]).map((y) => y.join('x')).join(';') : (x as number[]).join('x'));
  return csv([
    ['name', 'type', 'input_shape', 'output_shape', 'params', 'mult_adds', 'block'],
    ...s.layers.map((l) => [l.name, l.type, dims(l.inputShape), dims(l.outputShape), l.params, l.multAdds, l.block?.instance ?? '']),
  ]);
}
