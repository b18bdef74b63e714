// The only part of the report that touches the disk for writing: every file goes through the one
// atomic writer, so a reader (a browser refreshing report.html mid-run) never sees half a page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../io/write-atomic.ts';
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { currentEnvironment, withSession, type Environment } from './environment.ts';
import { readRunFolder } from './run-folder.ts';
import { runReport } from './run-page.ts';

export const REPORT_FILE = 'report.html';
export const ENVIRONMENT_FILE = 'environment.json';

export interface ReportWritten {
  ok: boolean;
  file: string;
  bytes: number;
  /** What the report says is missing, and a write failure (NS0608). */
  problems: Diagnostic[];
}

/** Reads the run folders, builds their report and writes it to `out`. Never throws. */
export function writeRunReport(dirs: string[], out: string, now = new Date()): ReportWritten {
  const runs = dirs.map(readRunFolder);
  let problems = runs.flatMap((r) => r.problems);
  // A folder that is not there is a mistake in the command, not a damaged run: nothing is written.
  if (runs.some((r) => !r.found)) return { ok: false, file: out, bytes: 0, problems };
  let html: string;
  try {
    ({ html, problems } = runReport(runs, { now }));
  } catch (e) {
    // A bug in the report must not cost a training run; the CLI shows it as a failed write.
    return { ok: false, file: out, bytes: 0, problems: [...problems, diagnostic('NS0608', `the report for ${dirs.join(', ')} could not be built: ${(e as Error).message ?? e}`)] };
  }
  const w = writeFileAtomic(out, html);
  if (!w.ok) return { ok: false, file: out, bytes: 0, problems: [...problems, diagnostic('NS0608', w.error)] };
  return { ok: true, file: out, bytes: Buffer.byteLength(html), problems };
}

export interface EpochContext {
  /** tf.getBackend(): the backend training now. */
  backend: string;
  /** tf.version.tfjs */
  tfjs?: string;
  /** The epoch just finished. */
  epoch: number;
}

/** Adds this process to the run's environment.json when it is not yet the last entry. */
function recordEnvironment(dir: string, ctx: EpochContext, now: Date): string | undefined {
  const file = path.join(dir, ENVIRONMENT_FILE);
  let sessions: Environment[] = [];
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { sessions?: Environment[] };
    if (Array.isArray(parsed.sessions)) sessions = parsed.sessions;
  } catch {
    /* first epoch of the run, or a damaged file: start again */
  }
  const next = withSession(sessions, currentEnvironment(ctx.backend, ctx.tfjs, now, ctx.epoch));
  if (next === sessions) return undefined;
  const w = writeFileAtomic(file, `${JSON.stringify({ sessions: next }, null, 2)}\n`);
  return w.ok ? undefined : w.error;
}

/**
 * The trainer's hook, after each epoch: records where it runs and rewrites <run>/report.html.
 * Never throws; a failure is one warning and training goes on.
 */
export function writeEpochReport(dir: string, ctx: EpochContext, warn: (line: string) => void, now = new Date()): void {
  try {
    const envError = recordEnvironment(dir, ctx, now);
    if (envError) warn(`NS0608 ${envError} (the report will not name the backend and machine)`);
    const r = writeRunReport([dir], path.join(dir, REPORT_FILE), now);
    if (!r.ok) warn(`NS0608 ${r.problems[r.problems.length - 1].message}; training goes on`);
  } catch (e) {
    warn(`NS0608 could not write ${path.join(dir, REPORT_FILE)}: ${(e as Error).message}; training goes on`);
  }
}
