// Where a run trained: backend, machine, versions. The trainer records one entry per process in
// the run folder's environment.json (a resumed run can continue on another machine or backend).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Environment {
  /** When this process wrote its first report (ISO time). */
  started: string;
  /** First epoch this process finished. */
  fromEpoch?: number;
  pid: number;
  backend: string;
  node: string;
  tfjs?: string;
  netspec: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGB: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function netspecVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** This process's environment. */
export function currentEnvironment(backend: string, tfjs: string | undefined, now: Date, fromEpoch?: number): Environment {
  const cpus = os.cpus();
  return {
    started: now.toISOString(),
    ...(fromEpoch !== undefined ? { fromEpoch } : {}),
    pid: process.pid,
    backend,
    node: process.version,
    ...(tfjs ? { tfjs } : {}),
    netspec: netspecVersion(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** The sessions with `current` appended, unless this process is already the last one recorded. */
export function withSession(sessions: Environment[], current: Environment): Environment[] {
  const last = sessions[sessions.length - 1];
  return last && last.pid === current.pid && last.backend === current.backend && last.cpu === current.cpu ? sessions : [...sessions, current];
}
