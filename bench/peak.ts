// The machine's nominal peak for a precision and what a run achieved against it. Pure: the facts
// (threads, CPU flags, family and model, clock) are read by run.ts. Achieved work counts 2 FLOPs
// per mult-add: 2 × mult-adds per image forward, 3× that (6 ×) per training step (forward, input
// gradient, weight gradient).

export type PeakPrecision = 'fp32' | 'bf16';

export interface PeakFacts {
  /** Threads the peers run on (one core each here). */
  threads: number;
  cpuFlags?: readonly string[];
  /** /proc/cpuinfo's "cpu family" and "model" (numbers). */
  cpuFamily?: number;
  cpuModelNumber?: number;
  /** Clock in MHz and where it came from ("cpu MHz", "BogoMIPS / 2"). */
  mhz?: number;
  mhzSource?: string;
}

export interface Peak {
  precision: PeakPrecision;
  gflops: number;
  /** How the figure is made, in words and numbers. */
  arithmetic: string;
}

export type PeakResult = { ok: true; peak: Peak } | { ok: false; why: string };

/** FLOPs one core can start per cycle in that precision, and why; undefined when the flags say nothing usable. */
export function flopsPerCycle(precision: PeakPrecision, f: Pick<PeakFacts, 'cpuFlags' | 'cpuFamily' | 'cpuModelNumber'>): { flops: number; why: string } | undefined {
  const has = (flag: string) => f.cpuFlags?.includes(flag) ?? false;
  if (precision === 'bf16') {
    if (has('amx_bf16') && has('amx_tile')) return { flops: 2048, why: 'AMX: 1024 bf16 multiply-adds a cycle' };
    if (has('avx512_bf16')) return { flops: 128, why: 'AVX-512 BF16 dot products: 2 units × 32 bf16 pairs × 2' };
    return undefined;
  }
  if (has('avx512f')) return { flops: 64, why: 'AVX-512 FMA: 2 units × 16 lanes × 2, assumed (some parts have 1 unit)' };
  if (has('avx2') && has('fma')) {
    // Zen 1 (family 23, models below 0x30) splits 256-bit FMAs over 128-bit units.
    if (f.cpuFamily === 23 && f.cpuModelNumber !== undefined && f.cpuModelNumber < 0x30) return { flops: 16, why: 'AVX2 FMA on Zen 1: 2 units × 4 lanes × 2' };
    return { flops: 32, why: 'AVX2 FMA: 2 units × 8 lanes × 2' };
  }
  if (has('sse2')) return { flops: 8, why: 'SSE: a 4-lane add and a 4-lane multiply' };
  return undefined;
}

export function machinePeak(precision: PeakPrecision, f: PeakFacts): PeakResult {
  const per = flopsPerCycle(precision, f);
  if (!per) return { ok: false, why: `no ${precision} peak: the CPU flags name no ${precision === 'bf16' ? 'native bf16' : 'vector'} unit` };
  if (!f.mhz || !(f.mhz > 0)) return { ok: false, why: `no ${precision} peak: the clock is unknown (no "cpu MHz" or BogoMIPS in /proc/cpuinfo)` };
  const ghz = f.mhz / 1000;
  const gflops = f.threads * ghz * per.flops;
  return {
    ok: true,
    peak: {
      precision,
      gflops,
      arithmetic: `${f.threads} threads × ${ghz.toFixed(2)} GHz (${f.mhzSource ?? 'clock'}; boost may run higher) × ${per.flops} FLOP/cycle (${per.why}) = ${gflops.toFixed(1)} GFLOP/s`,
    },
  };
}

/** GFLOP/s done at `imagesPerSecond`: 2 FLOPs per mult-add, forward once or a training step's three passes. */
export function achievedGflops(imagesPerSecond: number, multAddsPerImage: number, phase: 'forward' | 'train'): number {
  return (imagesPerSecond * multAddsPerImage * 2 * (phase === 'train' ? 3 : 1)) / 1e9;
}

/** The clock from /proc/cpuinfo's text: "cpu MHz" where the kernel reports it, else BogoMIPS / 2 (x86: twice the TSC rate). */
export function clockFromCpuinfo(text: string): { mhz: number; source: string } | undefined {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*([0-9.]+)`, 'mi').exec(text)?.[1];
  const mhz = Number(field('cpu MHz'));
  if (mhz > 0) return { mhz, source: 'cpu MHz' };
  const bogo = Number(field('bogomips'));
  if (bogo > 0) return { mhz: bogo / 2, source: 'BogoMIPS / 2, the TSC rate' };
  return undefined;
}
