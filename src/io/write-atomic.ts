// The one way netspec writes a file it must not lose: a temporary file in the same folder, fsync,
// rename over the target, fsync of the folder. A kill or power cut at any moment leaves either the
// old content or the new, never half a file; without the fsyncs a crash soon after the rename can
// leave an empty file under the new name. Failures come back as data. node:fs only.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type WriteResult = { ok: true } | { ok: false; error: string };

/** The file operations a write uses; tests substitute failing or recording ones. */
export interface WriteFs {
  openSync: (file: string, flags: string) => number;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: (fd: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  unlinkSync: (file: string) => void;
}

export interface WriteOptions {
  fs?: WriteFs;
  /** Called after the temporary file is complete and before the rename (fault injection). */
  beforeRename?: () => void;
}

/**
 * In the name of every temporary file, `<target>.tmp-<pid>-<random>.tmp`: readers may delete what a
 * killed writer left; the `.tmp` ending keeps it out of git (.gitignore).
 */
export const TEMP_MARK = '.tmp-';

const nodeFs: WriteFs = fs;

/** Writes `data` to `file` atomically and durably. The folder must exist. */
export function writeFileAtomic(file: string, data: Uint8Array | string, opts: WriteOptions = {}): WriteResult {
  const f = opts.fs ?? nodeFs;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  // Unique per call: two writers of one file (even in one process) never share a temporary file.
  const tmp = `${file}${TEMP_MARK}${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = f.openSync(tmp, 'w');
    for (let done = 0; done < bytes.length; ) done += f.writeSync(fd, bytes, done, bytes.length - done);
    f.fsyncSync(fd);
    f.closeSync(fd);
    fd = undefined;
    opts.beforeRename?.();
    f.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        f.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      f.unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return { ok: false, error: `could not write ${file}: ${explain(e, path.dirname(file))}` };
  }
  // The rename is done and visible: a failure here cannot be reported as "old content intact".
  // Opening a folder is not possible everywhere (Windows), so this is best effort.
  try {
    const dfd = f.openSync(path.dirname(file), 'r');
    try {
      f.fsyncSync(dfd);
    } finally {
      f.closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
  return { ok: true };
}

function explain(e: unknown, dir: string): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'ENOENT': return `folder ${dir} does not exist`;
    case 'EACCES': case 'EPERM': return `permission denied in ${dir}`;
    case 'EROFS': return 'read-only file system';
    default: return err instanceof Error ? err.message : String(e);
  }
}
