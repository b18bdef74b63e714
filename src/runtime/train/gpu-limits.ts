// Refuse up front a WebGPU run with a tensor the backend cannot handle. tfjs binds each tensor's
// buffer whole; one above the adapter's maxStorageBufferBindingSize fails validation in Dawn,
// which tfjs reports only as console noise while training carries on with garbage (seen on
// lavapipe, 128 MiB). netspec's webgpu kernels (backends/webgpu-large.ts) work in pieces on what a
// dense layer's kernel needs (matmuls, zeros, the optimizer's update), so a dense kernel only has to
// fit maxBufferSize; every other tensor must fit the binding limit. Pure: the IR and the limits
// in, a message out.
import type { Diagnostic } from '../../model/diagnostic.ts';
import { elements, type ModelIR } from '../../model/ir.ts';

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
  /**
   * The webgpu backend works on it in pieces (a dense kernel, by rows): then it need only fit
   * maxBufferSize, and this, its smallest piece (one row), the binding limit.
   */
  pieceBytes?: number;
}


/** Every weight and every activation of a training step at `batch` (float32), largest first. */
export function tensorsOf(ir: ModelIR, batch: number): LargestTensor[] {
  const out: LargestTensor[] = [{ what: 'the input batch', bytes: 4 * batch * elements(ir.input), perExample: true }];
  for (const n of ir.nodes) {
    const l = n.layer;
    if (l.kind === 'conv2d') {
      const cin = n.inputShapes[0][2];
      out.push({ what: `${n.name}'s kernel`, bytes: 4 * l.kernel[0] * l.kernel[1] * (cin / l.groups) * l.filters, perExample: false });
    } else if (l.kind === 'dense') {
      out.push({ what: `${n.name}'s kernel`, bytes: 4 * elements(n.inputShapes[0]) * l.units, perExample: false, pieceBytes: 4 * l.units });
    }
    out.push({ what: `${n.name}'s output`, bytes: 4 * batch * elements(n.outputShape), perExample: true });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** Whether the webgpu backend can hold and compute with this tensor on an adapter with these limits. */
const handled = (t: LargestTensor, limits: GpuBindingLimits): boolean => t.bytes <= limitFor(t, limits);

/** The largest size `t` may have: maxBufferSize when the backend splits it (and a piece binds), else the binding limit. */
function limitFor(t: LargestTensor, limits: GpuBindingLimits): number {
  const bind = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  return t.pieceBytes !== undefined && t.pieceBytes <= bind ? limits.maxBufferSize : bind;
}

/** NS0310 when some tensor cannot be handled on this adapter, else undefined. */
export function checkGpuLimits(ir: ModelIR, batch: number, limits: GpuBindingLimits, adapter: string): Diagnostic | undefined {
  const tooBig = tensorsOf(ir, batch).filter((t) => !handled(t, limits));
  if (tooBig.length === 0) return undefined;
  const [worst] = tooBig;
  const limit = limitFor(worst, limits);
  const weights = tooBig.filter((t) => !t.perExample);
  const others = tooBig.length > 1 ? ` (and ${tooBig.length - 1} more)` : '';
  const verb = worst.pieceBytes !== undefined && limit === limits.maxBufferSize ? 'hold' : 'bind';
  const head = `${worst.what} (${mb(worst.bytes)}) is larger than the biggest buffer this WebGPU adapter can ${verb} ` +
    `(${mb(limit)}, ${adapter})${others}, so training ${ir.name} here would compute garbage`;
  const refuse = (help: string): Diagnostic => ({ severity: 'error', code: 'NS0310', message: head, help });
  if (weights.length > 0) return refuse('a weight cannot be split by batch: train on a GPU adapter with larger limits, or use --backend native');
  // Only batch-sized tensors: the largest batch at which the worst of them fits.
  const fits = Math.floor(limit / (worst.bytes / batch));
  return refuse(`${fits >= 1 ? `use --batch ${fits} or less` : 'even one example is too large'}, or --backend native`);
}
