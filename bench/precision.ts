// The bench's precision: the header lines saying what this machine offers (CPU, native bf16, the
// ISA oneDNN chose) and whether the bf16 rows run. Pure. PyTorch's autocast bf16 is timed only
// where the CPU has native bf16 and oneDNN may use it: emulated bf16 would only measure emulation.
// netspec has no bf16 kernels, so its rows stay fp32, and `--precision bf16` is refused the way
// `netspec train` refuses it.
import type { Diagnostic } from '../src/model/diagnostic.ts';
import { bf16Missing, cpuBf16, decidePrecision, type PrecisionFacts, type PrecisionRequest } from '../src/runtime/backends/precision.ts';

const RELEVANT_FLAGS = ['avx2', 'avx512f', 'avx512_vnni', 'avx512_bf16', 'amx_tile', 'amx_bf16'];

export interface BenchPrecision {
  request: PrecisionRequest;
  facts: PrecisionFacts;
  /** Time PyTorch under torch.autocast('cpu', dtype=torch.bfloat16) beside fp32. */
  torchBf16: boolean;
  /** Lines for the header. */
  notes: string[];
}

export type BenchPrecisionPlan = { ok: true; plan: BenchPrecision } | { ok: false; diagnostic: Diagnostic };

/** `given`: --precision was on the command line (else auto). `facts` are for netspec-cpu, the backend bf16 would use. */
export function planBenchPrecision(request: PrecisionRequest, given: boolean, facts: PrecisionFacts): BenchPrecisionPlan {
  const decided = decidePrecision(request, facts, { kind: given ? 'flag' : 'default' });
  if (!decided.ok) return decided;
  const cap = facts.maxIsaEnv ? ` (ONEDNN_MAX_CPU_ISA=${facts.maxIsaEnv})` : '';
  const notes = [
    `CPU: ${facts.cpuModel ?? 'unknown model'}; native bf16: ${cpuBf16(facts) ?? 'none'}; oneDNN ISA (netspec-cpu): ${facts.onednnIsa ?? 'unknown (native addon not loaded)'}${cap}`,
  ];
  // What the hardware and oneDNN lack; netspec's own kernels are a separate matter.
  const hardware = bf16Missing(facts).filter((m) => m.code === 'NS0420' || m.code === 'NS0421');
  let torchBf16 = false;
  if (hardware.length) {
    notes.push(`no native bf16 here, so the bf16 rows are skipped: ${hardware[0].what}`);
  } else if (request === 'fp32') {
    notes.push('--precision fp32: bf16 rows skipped');
  } else {
    torchBf16 = true;
    notes.push(`precision: netspec ${decided.precision} (${decided.reason}); PyTorch also under torch.autocast('cpu', dtype=torch.bfloat16)`);
  }
  // The JSON keeps the flags that decide, not the CPU's hundred others.
  const cpuFlags = facts.cpuFlags?.filter((f) => RELEVANT_FLAGS.includes(f));
  return { ok: true, plan: { request, facts: { ...facts, ...(cpuFlags ? { cpuFlags } : {}) }, torchBf16, notes } };
}
