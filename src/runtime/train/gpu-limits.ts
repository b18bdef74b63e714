// Refuse up front a WebGPU run with a tensor larger than the adapter can bind. WebGPU binds each
// tensor's buffer whole; one above the adapter's maxStorageBufferBindingSize fails validation in
// Dawn, which tfjs reports only as console noise while training carries on with garbage (seen
// on lavapipe, 128 MiB, before fc6's kernel was stored in blocks). Pure: the IR and the limits in,
// a message out.
import type { ModelIR } from '../../model/ir.ts';
import { denseKernelBlocks } from '../../model/arithmetic.ts';

export interface GpuBindingLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
}

export interface LargestTensor {
  /** "fc6's kernel", "conv1's output". */
  what: string;
  bytes: number;
  /** Scales with the batch (an activation or its gradient), or not (a weight). */
  perExample: boolean;
}

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Every weight and every activation of a training step at `batch` (float32), largest first. */
export function tensorsOf(ir: ModelIR, batch: number): LargestTensor[] {
  const out: LargestTensor[] = [{ what: 'the input batch', bytes: 4 * batch * prod(ir.input), perExample: true }];
  for (const n of ir.nodes) {
    const l = n.layer;
    if (l.kind === 'conv2d') {
      const cin = n.inputShapes[0][2];
      out.push({ what: `${n.name}'s kernel`, bytes: 4 * l.kernel[0] * l.kernel[1] * (cin / l.groups) * l.filters, perExample: false });
    } else if (l.kind === 'dense') {
      // Stored in column blocks when flat (emit/layers.ts): the widest block is the tensor bound.
      const fanIn = prod(n.inputShapes[0]);
      const blocks = denseKernelBlocks(n.inputShapes[0], l.units);
      const what = blocks.length > 1 ? `${n.name}'s kernel block` : `${n.name}'s kernel`;
      out.push({ what, bytes: 4 * fanIn * Math.max(...blocks), perExample: false });
    }
    out.push({ what: `${n.name}'s output`, bytes: 4 * batch * prod(n.outputShape), perExample: true });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** An error message when some tensor cannot be bound on this adapter, else undefined. */
export function checkGpuLimits(ir: ModelIR, batch: number, limits: GpuBindingLimits, adapter: string): string | undefined {
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const tooBig = tensorsOf(ir, batch).filter((t) => t.bytes > limit);
  if (tooBig.length === 0) return undefined;
  const [worst] = tooBig;
  const weights = tooBig.filter((t) => !t.perExample);
  const others = tooBig.length > 1 ? ` (and ${tooBig.length - 1} more)` : '';
  const head = `${worst.what} (${mb(worst.bytes)}) is larger than the biggest buffer this WebGPU adapter can bind ` +
    `(${mb(limit)}, ${adapter})${others}, so training ${ir.name} here would compute garbage`;
  if (weights.length > 0) {
    return `${head}; a weight cannot be split by batch: train on a GPU adapter with larger limits, or use --backend native`;
  }
  // Only batch-sized tensors: the largest batch at which the worst of them fits.
  const fits = Math.floor(limit / (worst.bytes / batch));
  return `${head}; ${fits >= 1 ? `use --batch ${fits} or less` : 'even one example is too large'}, or --backend native`;
}
