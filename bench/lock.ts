// Two benchmarks must never run at once (they would halve each other's figures): a lock file
// holding the running bench's pid. A lock left by a process that is gone is taken over.
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCK_FILE = path.join(os.tmpdir(), 'netspec-bench.lock');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export type Lock = { ok: true; release: () => void } | { ok: false; why: string };

export function acquireLock(file = LOCK_FILE, pid = process.pid): Lock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(pid));
      closeSync(fd);
      return { ok: true, release: () => { try { unlinkSync(file); } catch { /* already gone */ } } };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, why: `cannot create ${file}: ${(err as Error).message}` };
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        return { ok: false, why: `another bench (pid ${holder}) is running; two must never run at once (lock: ${file})` };
      }
      unlinkSync(file); // stale: its process is gone
    }
  }
  return { ok: false, why: `could not take ${file}` };
}
