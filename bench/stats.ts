// The arithmetic of the figures: medians of per-step rates, and ratios against the peer.

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Images per second of one step of `batch` images that took `ms` milliseconds. */
export const imagesPerSecond = (batch: number, ms: number): number => (batch * 1000) / ms;

/** Per-step timings in, the figure we quote out: the median rate, and the spread for context. */
export interface Rate { median: number; min: number; max: number; steps: number; stepMs: number[] }

export function summarizeSteps(batch: number, stepMs: readonly number[]): Rate {
  const rates = stepMs.map((ms) => imagesPerSecond(batch, ms));
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates), steps: rates.length, stepMs: [...stepMs] };
}

/** ours / theirs, or undefined where either side is missing or not a positive number. */
export function ratio(ours: number | undefined, theirs: number | undefined): number | undefined {
  if (ours === undefined || theirs === undefined || !(ours > 0) || !(theirs > 0)) return undefined;
  return ours / theirs;
}

export const MB = 1024 * 1024;
