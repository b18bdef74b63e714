// The facts precision.ts decides from, read from this machine: /proc/cpuinfo, the environment,
// and the native addon's oneDNN ISA (only when the native backend loaded it anyway).
import { readFileSync } from 'node:fs';
import { loadNativeAddon } from './native-addon.ts';
import { decidePrecision, NETSPEC_BF16_KERNELS, type PrecisionDecision, type PrecisionFacts, type PrecisionRequest, type PrecisionSource } from './precision.ts';

/** The first processor's model name and flags from /proc/cpuinfo's text. */
export function parseCpuinfo(text: string): { model?: string; flags?: string[] } {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const flags = field('flags') ?? field('Features'); // x86; arm64 says Features
  return { model: field('model name'), flags: flags?.split(/\s+/).filter(Boolean) };
}

export interface FactDeps {
  cpuinfo(): string | undefined;
  /** oneDNN's effective ISA from the addon, if it loads and reports one. */
  onednnIsa(): string | undefined;
  env: NodeJS.ProcessEnv;
}

export const defaultFactDeps: FactDeps = {
  cpuinfo: () => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return undefined;
    }
  },
  onednnIsa: () => {
    const a = loadNativeAddon();
    return a.ok ? a.addon.info().isa : undefined;
  },
  env: process.env,
};

/** What this machine offers, for the run's backend. The addon is asked only for netspec-cpu, which has loaded it. */
export function readPrecisionFacts(backend: string, deps: FactDeps = defaultFactDeps): PrecisionFacts {
  const text = deps.cpuinfo();
  const cpu = text === undefined ? {} : parseCpuinfo(text);
  const isa = backend === 'netspec-cpu' ? deps.onednnIsa() : undefined;
  const env = deps.env.ONEDNN_MAX_CPU_ISA ?? deps.env.DNNL_MAX_CPU_ISA;
  return {
    ...(cpu.flags ? { cpuFlags: cpu.flags } : {}),
    ...(cpu.model ? { cpuModel: cpu.model } : {}),
    ...(isa ? { onednnIsa: isa } : {}),
    ...(env ? { maxIsaEnv: env } : {}),
    backend,
    bf16Kernels: NETSPEC_BF16_KERNELS,
  };
}

/** decidePrecision with this machine's facts for the run's backend. */
export function decidePrecisionHere(request: PrecisionRequest, backend: string, source: PrecisionSource, deps: FactDeps = defaultFactDeps): PrecisionDecision {
  return decidePrecision(request, readPrecisionFacts(backend, deps), source);
}
