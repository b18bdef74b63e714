// Refuse up front a training run whose tensors cannot fit: the summary's torchsummary estimate
// (input + activations and their gradients + parameters) plus the optimizer's state, against the
// machine's memory, before a single weight is allocated.
import * as os from 'node:os';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ModelIR } from '../../model/ir.ts';
import { summarize } from '../../model/summary.ts';

export interface MemoryEstimate {
  totalBytes: number;
  activationBytes: number;
  parameterBytes: number;
}

/** Bytes a training step needs at `batch`: the summary's total, plus optimizer slots per weight. */
export function trainingMemory(ir: ModelIR, batch: number, optimizerSlots: number): MemoryEstimate {
  const s = summarize(ir, batch).memory;
  const MiB = 2 ** 20;
  const parameterBytes = s.paramsMB * MiB * (2 + optimizerSlots); // weights, gradients, slots
  const activationBytes = (s.inputMB + s.forwardBackwardMB) * MiB;
  return { totalBytes: activationBytes + parameterBytes, activationBytes, parameterBytes };
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** NS0310 when the estimate exceeds what the machine has, else undefined. */
export function checkTrainingMemory(ir: ModelIR, batch: number, optimizerSlots: number, available = os.totalmem()): Diagnostic | undefined {
  const m = trainingMemory(ir, batch, optimizerSlots);
  if (m.totalBytes <= available * 0.9) return undefined;
  const perExample = m.activationBytes / batch;
  const fits = Math.floor((available * 0.9 - m.parameterBytes) / perExample);
  return {
    severity: 'error',
    code: 'NS0310',
    message: `training ${ir.name} at batch ${batch} needs about ${gib(m.totalBytes)} (activations and their gradients ${gib(m.activationBytes)}, ` +
      `weights, gradients and optimizer state ${gib(m.parameterBytes)}), but this machine has ${gib(available)}`,
    help: fits >= 1 ? `use --batch ${Math.min(fits, batch - 1)} or less` : 'the weights alone do not fit: use a smaller model',
  };
}
