// Per-step training figures: the trainer appends them to <run>/steps.jsonl and the report draws
// them. Each line holds the epoch's running loss, top-1 error and images/s after that update.
// Lines thin out as a run grows (every update up to 2,000, then every 2nd up to 4,000, every 4th
// …), so a 90-epoch ImageNet run logs about 10,000 lines, not 900,000. A line appended after the
// checkpoint a run resumes from is written again with the same values; the last one wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { StepInfo } from '../../runtime/train/loop.ts'; // what the trainer's onStep hears (a 0-based epoch)

export const STEPS_FILE = 'steps.jsonl';

export interface StepRecord {
  /** 1-based epoch of the update. */
  epoch: number;
  /** Updates in this epoch so far. */
  step: number;
  globalStep: number;
  loss: number;
  top1Error: number;
  imagesPerSec: number;
}

/** Whether update `globalStep` is logged: all of the first 2,000, then every 2^k-th. */
export function logsStep(globalStep: number): boolean {
  const every = 2 ** Math.max(0, Math.floor(Math.log2(globalStep / 1000)));
  return globalStep % every === 0;
}

/**
 * The trainer's per-step hook: appends to <run>/steps.jsonl, then calls `next`. A failed append
 * is one warning for the run, never an exception.
 */
export function logSteps<S extends StepInfo>(dir: string, warn: (line: string) => void, next?: (s: S) => void): (s: S) => void {
  const file = path.join(dir, STEPS_FILE);
  let failed = false;
  return (s) => {
    if (!failed && logsStep(s.globalStep)) {
      const rec: StepRecord = { epoch: s.epoch + 1, step: s.step, globalStep: s.globalStep, loss: s.loss, top1Error: s.top1Error, imagesPerSec: s.imagesPerSec };
      try {
        fs.appendFileSync(file, `${JSON.stringify(rec)}\n`);
      } catch (e) {
        failed = true;
        warn(`NS0608 could not append to ${file}: ${(e as Error).message}; per-step figures stop here, training goes on`);
      }
    }
    next?.(s);
  };
}

/** steps.jsonl's text → records by update, and unreadable lines as warnings (pure). */
export function readStepsText(text: string, file: string): { steps: StepRecord[]; problems: Diagnostic[] } {
  const byStep = new Map<number, StepRecord>();
  let bad = 0;
  let first = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as Partial<StepRecord>;
      if (typeof r.globalStep === 'number' && Number.isInteger(r.globalStep) && r.globalStep > 0 && typeof r.epoch === 'number') {
        byStep.set(r.globalStep, r as StepRecord);
        return;
      }
    } catch {
      /* counted below */
    }
    // A kill while appending leaves a partial last line: expected, not worth a warning.
    if (i === lines.length - 1 && !text.endsWith('\n')) return;
    if (!bad++) first = i + 1;
  });
  const problems = bad
    ? [diagnostic('NS0603', `${file}: ${bad} line${bad > 1 ? 's' : ''} (the first: line ${first}) are not step records and were skipped`, undefined, { severity: 'warning' })]
    : [];
  return { steps: [...byStep.values()].sort((a, b) => a.globalStep - b.globalStep), problems };
}

/** At most `n` records, evenly spread, the last one kept (a chart needs no more). */
export function thin<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.round((i * (xs.length - 1)) / (n - 1))]);
  return out;
}
