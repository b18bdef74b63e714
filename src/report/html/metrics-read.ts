// metrics.jsonl text → epoch records and what was wrong with it (pure, never throws). A run folder
// can be damaged: a kill mid-append leaves a truncated last line, another tool may have written
// NaN or Infinity (not JSON), an edited file may hold anything. What can be read is kept.
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';

/** The fields the report draws; null: not measured (no validation split). */
export const METRIC_KEYS = ['trainLoss', 'valLoss', 'trainTop1Error', 'valTop1Error', 'valTop5Error', 'lr', 'imagesPerSec', 'seconds', 'step'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export type EpochRecord = { epoch: number } & Partial<Record<MetricKey, number | null>>;

export interface ReadMetrics {
  epochs: EpochRecord[];
  problems: Diagnostic[];
}

const warn = (code: 'NS0603' | 'NS0604', message: string, help?: string) => diagnostic(code, message, undefined, { severity: 'warning', help });

// Bare NaN / Infinity / -Infinity where a JSON value belongs, quoted so JSON.parse takes them.
const NON_JSON = /([:,[]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g;
const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    const quoted = line.replace(NON_JSON, (_, before: string, v: string) => `${before}"\\u0000${v}"`);
    return JSON.parse(quoted, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('\u0000') ? SPECIAL[v.slice(1)] : v));
  }
}

/** Reads metrics.jsonl's text; `file` names it in the problems. */
export function readMetricsText(text: string, file: string): ReadMetrics {
  const problems: Diagnostic[] = [];
  const byEpoch = new Map<number, EpochRecord>();
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const last = i === lines.length - 1 && !complete;
    let value: unknown;
    try {
      value = parseLine(line);
    } catch {
      problems.push(
        last
          ? warn('NS0603', `${file}: the last line (${i + 1}) is incomplete: the run was probably stopped while writing it`, 'the epochs before it are shown; resuming the run rewrites the file from its checkpoint')
          : warn('NS0603', `${file}: line ${i + 1} is not JSON and was skipped`),
      );
      return;
    }
    const rec = value as Record<string, unknown> | null;
    if (!rec || typeof rec !== 'object' || Array.isArray(rec) || typeof rec.epoch !== 'number' || !Number.isInteger(rec.epoch) || rec.epoch < 1) {
      problems.push(warn('NS0603', `${file}: line ${i + 1} is not an epoch record (no whole \`epoch\` of at least 1) and was skipped`));
      return;
    }
    const out: EpochRecord = { epoch: rec.epoch };
    const bad: string[] = [];
    for (const k of METRIC_KEYS) {
      const v = rec[k];
      if (v === undefined) continue;
      if (v === null) out[k] = null;
      else if (typeof v === 'number') {
        out[k] = v;
        if (!Number.isFinite(v)) bad.push(`${k} ${v}`);
      } else bad.push(`${k} ${JSON.stringify(v)}`);
    }
    if (bad.length) problems.push(warn('NS0604', `${file}: epoch ${rec.epoch} has values that are not finite numbers: ${bad.join(', ')}`, 'they are left out of the curves'));
    byEpoch.set(rec.epoch, out);
  });
  const epochs = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  return { epochs, problems };
}

/** A metric's value when it is a finite number. */
export const finite = (r: EpochRecord, k: MetricKey): number | undefined => {
  const v = r[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** The epoch with the lowest validation top-1 error (else training loss), first on ties. */
export function bestEpoch(epochs: EpochRecord[]): { epoch: number; key: MetricKey; value: number } | undefined {
  for (const key of ['valTop1Error', 'trainLoss'] as const) {
    let best: { epoch: number; key: MetricKey; value: number } | undefined;
    for (const r of epochs) {
      const v = finite(r, key);
      if (v !== undefined && (!best || v < best.value)) best = { epoch: r.epoch, key, value: v };
    }
    if (best) return best;
  }
  return undefined;
}
