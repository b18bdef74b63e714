// The bench's results as data (the --json document) and as text tables; both pure.
import type { TfjsResult } from './tfjs-measure.ts';
import type { TorchReport } from './torch-peer.ts';
import { ratio, summarizeSteps, type Rate } from './stats.ts';
import type { BenchPrecision } from './precision.ts';
import { achievedGflops, type PeakResult } from './peak.ts';

export interface TorchFigures {
  ok: boolean;
  why?: string;
  forward?: Rate;
  train?: Rate;
  peakRssMB?: number;
  baseRssMB?: number;
  params?: number;
  /** Under torch.autocast('cpu', dtype=torch.bfloat16), where the bench ran it. */
  forwardBf16?: Rate;
  trainBf16?: Rate;
  peakRssBf16MB?: number;
}

export interface ModelReport {
  model: string;
  batch: number;
  warmup: number;
  steps: number;
  /** Parameters and forward multiply-adds per example, from the IR. */
  params: number;
  multAdds: number;
  backends: TfjsResult[];
  /** Absent with --no-torch or where PyTorch is not installed (BenchReport.torch says why). */
  torch?: TorchFigures;
  /** netspec backend / PyTorch, medians of images/s. */
  ratios: Record<string, { forward?: number; train?: number }>;
}

export interface MachineState { loadavg: number[]; at: string }

export interface BenchReport {
  node: string;
  cpus: { count: number; model: string };
  threads: number;
  start: MachineState;
  end?: MachineState;
  /** The PyTorch configuration actually loaded (from the first model's run), or why there is none. */
  torch: { available: boolean; why?: string; version?: string; blas?: string; allocator?: string; mkldnn?: boolean; threads?: number; libraries?: string[]; notes: string[] };
  models: ModelReport[];
  warnings: string[];
  /** What the machine offers for bf16 and whether the bf16 rows ran (bench/precision.ts). */
  precision?: BenchPrecision;
  /** The nominal peak per precision for the peers' threads (bench/peak.ts); bf16 only where its rows run. */
  peaks?: { fp32: PeakResult; bf16?: PeakResult };
}

/** Load above this (1-minute average) makes figures unreliable on the 2-core machines. */
export const BUSY_LOAD = 1.5;

/**
 * A warning when the 1-minute load average says something else was running. `own` is the load the
 * bench puts on the machine itself (its threads, at the end of a run; 0 at the start).
 */
export function loadWarning(when: string, s: MachineState, own = 0): string | undefined {
  const l = s.loadavg[0];
  const limit = BUSY_LOAD + own;
  return l > limit
    ? `load ${l.toFixed(2)} at ${when} (> ${limit}${own ? `, of which about ${own} is the bench's own threads` : ''}): the machine is busy; figures are low and noisy`
    : undefined;
}

/** PyTorch's per-step times → the figures we compare. */
export function torchFigures(r: TorchReport): TorchFigures {
  const batch = r.batch ?? 0;
  return {
    ok: true,
    forward: r.forwardMs ? summarizeSteps(batch, r.forwardMs) : undefined,
    train: r.trainMs ? summarizeSteps(batch, r.trainMs) : undefined,
    peakRssMB: r.peakRssMB,
    baseRssMB: r.baseRssMB,
    params: r.params,
    ...(r.forwardBf16Ms ? { forwardBf16: summarizeSteps(batch, r.forwardBf16Ms) } : {}),
    ...(r.trainBf16Ms ? { trainBf16: summarizeSteps(batch, r.trainBf16Ms) } : {}),
    ...(r.peakRssBf16MB !== undefined ? { peakRssBf16MB: r.peakRssBf16MB } : {}),
  };
}

const rateOf = (p: TfjsResult['forward']): number | undefined => (p?.ok ? p.rate.median : undefined);

export function ratiosFor(backends: TfjsResult[], torch: TorchFigures | undefined): ModelReport['ratios'] {
  const out: ModelReport['ratios'] = {};
  for (const b of backends) {
    out[b.backend] = { forward: ratio(rateOf(b.forward), torch?.forward?.median), train: ratio(rateOf(b.train), torch?.train?.median) };
  }
  return out;
}

const fmtRate = (x: number | undefined): string =>
  x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2);
const fmtMB = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
const fmtRatio = (x: number | undefined): string => (x === undefined ? '—' : `${x.toFixed(2)}×`);
const fmtLoad = (s: MachineState): string => s.loadavg.map((l) => l.toFixed(2)).join(' ');

/** Right-aligns every column but the first. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

const pct = (x: number, peak: PeakResult | undefined) => (peak?.ok ? ` (${((100 * x) / peak.peak.gflops).toFixed(0)}%)` : '');

/** "104 (67%) / 105 (67%)": achieved GFLOP/s forward / training, with the share of the peak. */
function gflopsCell(m: ModelReport, forward: number | undefined, train: number | undefined, peak: PeakResult | undefined): string {
  const one = (rate: number | undefined, phase: 'forward' | 'train') => {
    if (rate === undefined) return '—';
    const g = achievedGflops(rate, m.multAdds, phase);
    return `${g.toFixed(g >= 10 ? 0 : 1)}${pct(g, peak)}`;
  };
  return `${one(forward, 'forward')} / ${one(train, 'train')}`;
}

/**
 * The achieved GFLOP/s, forward / training, of each measured row, against the peak of its
 * precision: 2 × mult-adds per image forward, 6 × per training step.
 */
export function renderGflops(m: ModelReport, peaks: BenchReport['peaks']): string[] {
  const parts: string[] = [];
  for (const b of m.backends) if (b.available) parts.push(`${b.backend} ${gflopsCell(m, rateOf(b.forward), rateOf(b.train), peaks?.fp32)}`);
  if (m.torch?.ok) {
    parts.push(`PyTorch ${gflopsCell(m, m.torch.forward?.median, m.torch.train?.median, peaks?.fp32)}`);
    if (m.torch.forwardBf16 || m.torch.trainBf16) parts.push(`PyTorch bf16 ${gflopsCell(m, m.torch.forwardBf16?.median, m.torch.trainBf16?.median, peaks?.bf16)}`);
  }
  const share = peaks?.fp32.ok ? ` (share of the fp32 peak${peaks.bf16?.ok ? ', bf16 rows of the bf16 peak' : ''})` : '';
  return parts.length ? [`  GFLOP/s forward / train${share}: ${parts.join('; ')}`] : [];
}

export function renderModel(m: ModelReport, peaks?: BenchReport['peaks']): string[] {
  const lines = [`${m.model}: batch ${m.batch}, ${m.warmup} warm-up + ${m.steps} timed steps, medians; ${(m.params / 1e6).toFixed(2)} M params, ${(m.multAdds / 1e6).toFixed(0)} M mult-adds/image`];
  const rows = [['backend', 'forward img/s', 'train img/s', 'peak RSS MB', 'tensors MB', 'fwd vs torch', 'train vs torch']];
  const notes: string[] = [];
  for (const b of m.backends) {
    if (!b.available) {
      notes.push(`${b.backend}: ${b.why}`);
      continue;
    }
    const r = m.ratios[b.backend] ?? {};
    rows.push([b.backend, fmtRate(rateOf(b.forward)), fmtRate(rateOf(b.train)), fmtMB(b.peakRssMB), fmtMB(b.tfPeakMB), fmtRatio(r.forward), fmtRatio(r.train)]);
    for (const [phase, p] of [['forward', b.forward], ['train', b.train]] as const) {
      if (p && !p.ok) notes.push(`${b.backend} ${phase}: ${p.why}`);
    }
    // Fewer steps than the model's (the pure-JS backend's cap) are worth a word.
    const n = (b.train?.ok ? b.train.rate.steps : undefined) ?? (b.forward?.ok ? b.forward.rate.steps : undefined);
    if (n !== undefined && n !== m.steps) notes.push(`${b.backend}: ${n} timed steps (capped: each takes seconds)`);
  }
  if (m.torch?.ok) rows.push(['PyTorch', fmtRate(m.torch.forward?.median), fmtRate(m.torch.train?.median), fmtMB(m.torch.peakRssMB), '—', '1.00×', '1.00×']);
  else if (m.torch) notes.push(`PyTorch: ${m.torch.why}`);
  // No netspec bf16 row to compare with yet: the ratio columns stay empty.
  if (m.torch?.ok && (m.torch.forwardBf16 || m.torch.trainBf16)) {
    rows.push(['PyTorch bf16 (autocast)', fmtRate(m.torch.forwardBf16?.median), fmtRate(m.torch.trainBf16?.median), fmtMB(m.torch.peakRssBf16MB), '—', '—', '—']);
  }
  return [...lines, ...table(rows).map((l) => `  ${l}`), ...renderGflops(m, peaks), ...notes.map((n) => `  - ${n}`)];
}

export function renderHeader(r: BenchReport): string[] {
  const t = r.torch;
  const torch = t.available
    ? `PyTorch ${t.version}: ${t.blas} BLAS, ${t.allocator} allocator, oneDNN ${t.mkldnn ? 'on' : 'off'}, ${t.threads} threads`
    : `PyTorch: not run (${t.why})`;
  return [
    `netspec bench — node ${r.node}, ${r.cpus.count} × ${r.cpus.model}, ${r.threads} threads per peer`,
    ...(r.precision?.notes ?? []),
    ...peakLines(r.peaks),
    `load at start: ${fmtLoad(r.start)} (1, 5, 15 min)`,
    torch,
    ...(t.libraries?.length ? [`  loaded: ${t.libraries.join(', ')}`] : []),
    ...t.notes.map((n) => `  - ${n}`),
  ];
}

/** The header's lines on the machine's peak: its arithmetic, or why there is none. */
export function peakLines(peaks: BenchReport['peaks']): string[] {
  if (!peaks) return [];
  const line = (p: PeakResult, name: string) => (p.ok ? `${name} peak: ${p.peak.arithmetic}` : p.why);
  return [line(peaks.fp32, 'fp32'), ...(peaks.bf16 ? [line(peaks.bf16, 'bf16')] : [])];
}

export function renderFooter(r: BenchReport): string[] {
  return [
    ...(r.end ? [`load at end: ${fmtLoad(r.end)}`] : []),
    'peak RSS: the whole process (runtime, model, data); tensors: most tfjs tensor bytes alive in a profiled warm-up step',
    'ratio: netspec backend images/s ÷ PyTorch images/s on the same net, batch and machine (≥ 1.00× is the target)',
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
}
