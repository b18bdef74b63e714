// The atomic writer (src/io/write-atomic.ts): the old content or the new, never half; the data on
// disk before the rename and the rename on disk before success is reported; every failure is
// data, with no temporary file left behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMP_MARK, writeFileAtomic, type WriteFs } from '../src/io/write-atomic.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-write-');
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(tmp.dir(), `d${n++}-`));

/** The real file system, with every call logged as `op what` (what: target, tmp, dir or fd:<what>). */
function recording(dir: string, target: string): WriteFs & { log: string[] } {
  const log: string[] = [];
  const fds = new Map<number, string>();
  const name = (p: string) => (p === target ? 'target' : p === dir ? 'dir' : p.includes(TEMP_MARK) ? 'tmp' : p);
  return {
    log,
    openSync: (p, flags) => {
      const fd = fs.openSync(p, flags);
      fds.set(fd, name(p));
      log.push(`open ${name(p)} ${flags}`);
      return fd;
    },
    writeSync: (fd, buf, off, len) => {
      log.push(`write fd:${fds.get(fd)}`);
      return fs.writeSync(fd, buf, off, len);
    },
    fsyncSync: (fd) => {
      log.push(`fsync fd:${fds.get(fd)}`);
      fs.fsyncSync(fd);
    },
    closeSync: (fd) => {
      log.push(`close fd:${fds.get(fd)}`);
      fs.closeSync(fd);
    },
    renameSync: (a, b) => {
      log.push(`rename ${name(a)} ${name(b)}`);
      fs.renameSync(a, b);
    },
    unlinkSync: (p) => {
      log.push(`unlink ${name(p)}`);
      fs.unlinkSync(p);
    },
  };
}

const errno = (code: string, message = `${code}: simulated`) => Object.assign(new Error(message), { code });

describe('writeFileAtomic', () => {
  it('writes new files and replaces old ones, from bytes or text', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.json');
    expect(writeFileAtomic(file, '{"v":1}')).toEqual({ ok: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"v":1}');
    expect(writeFileAtomic(file, new Uint8Array([0, 255, 7]))).toEqual({ ok: true });
    expect([...fs.readFileSync(file)]).toEqual([0, 255, 7]);
    expect(writeFileAtomic(file, '')).toEqual({ ok: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('fsyncs the data before the rename and the folder after it', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.bin');
    const f = recording(dir, file);
    expect(writeFileAtomic(file, 'hello', { fs: f })).toEqual({ ok: true });
    expect(f.log).toEqual([
      'open tmp w', 'write fd:tmp', 'fsync fd:tmp', 'close fd:tmp',
      'rename tmp target',
      'open dir r', 'fsync fd:dir', 'close fd:dir',
    ]);
  });

  it('keeps writing until a short write has put down every byte', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.bin');
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    const trickle: WriteFs = { ...fs, writeSync: (fd, buf, off, len) => fs.writeSync(fd, buf, off, Math.min(len, 7)) };
    expect(writeFileAtomic(file, bytes, { fs: trickle })).toEqual({ ok: true });
    expect(fs.readFileSync(file).equals(Buffer.from(bytes))).toBe(true);
  });

  it('until the rename, the target holds the old content and the temporary file all of the new', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.txt');
    writeFileAtomic(file, 'old');
    let seen: { target: string; tmp: string[] } | undefined;
    const r = writeFileAtomic(file, 'new content', {
      beforeRename: () => {
        const tmps = fs.readdirSync(dir).filter((x) => x.includes(TEMP_MARK));
        seen = { target: fs.readFileSync(file, 'utf8'), tmp: tmps.map((x) => fs.readFileSync(path.join(dir, x), 'utf8')) };
      },
    });
    expect(r).toEqual({ ok: true });
    expect(seen).toEqual({ target: 'old', tmp: ['new content'] });
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
  });

  it('temporary files are unique per call and named for git to ignore', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.txt');
    const names: string[] = [];
    const spy: WriteFs = { ...fs, renameSync: (a, b) => (names.push(path.basename(a)), fs.renameSync(a, b)) };
    writeFileAtomic(file, '1', { fs: spy });
    writeFileAtomic(file, '2', { fs: spy });
    expect(new Set(names).size).toBe(2);
    for (const t of names) expect(t).toMatch(new RegExp(`^a\\.txt\\.tmp-${process.pid}-[0-9a-f]{8}\\.tmp$`));
  });

  // Each step failing: reported as data, the old content intact, no temporary file left.
  const failures: { step: keyof WriteFs | 'beforeRename'; code: string; says: string }[] = [
    { step: 'openSync', code: 'EROFS', says: 'read-only file system' },
    { step: 'openSync', code: 'EACCES', says: 'permission denied in ' },
    { step: 'writeSync', code: 'ENOSPC', says: 'no space left on device' },
    { step: 'writeSync', code: 'EDQUOT', says: 'disk quota exceeded' },
    { step: 'fsyncSync', code: 'EIO', says: 'EIO: simulated' },
    { step: 'closeSync', code: 'EIO', says: 'EIO: simulated' },
    { step: 'renameSync', code: 'EXDEV', says: 'EXDEV: simulated' },
    { step: 'beforeRename', code: 'KILL', says: 'KILL: simulated' },
  ];
  it.each(failures)('$step failing with $code', ({ step, code, says }) => {
    const dir = freshDir();
    const file = path.join(dir, 'a.txt');
    writeFileAtomic(file, 'old');
    const boom = () => {
      throw errno(code);
    };
    let calls = 0;
    // Only the first call of the step fails (closeSync: the temporary file's, not the cleanup's).
    const once = <F extends (...a: never[]) => unknown>(real: F) => ((...a: Parameters<F>) => (calls++ === 0 ? boom() : real(...a))) as unknown as F;
    const f: WriteFs = step === 'beforeRename' ? fs : { ...fs, [step]: once(fs[step] as (...a: never[]) => unknown) };
    const r = writeFileAtomic(file, 'new', { fs: f, beforeRename: step === 'beforeRename' ? boom : undefined });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(new RegExp(`^could not write ${file.replace(/[.\\]/g, '\\$&')}: `));
    expect(!r.ok && r.error).toContain(says);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  it('a missing folder is reported, not thrown, and nothing is created', () => {
    const dir = freshDir();
    const file = path.join(dir, 'nope', 'a.txt');
    expect(writeFileAtomic(file, 'x')).toEqual({ ok: false, error: `could not write ${file}: folder ${path.join(dir, 'nope')} does not exist` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a folder that cannot be fsynced (Windows) does not fail a write that is done', () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.txt');
    const noDirFsync: WriteFs = { ...fs, openSync: (p, flags) => (p === dir ? boom() : fs.openSync(p, flags)) };
    function boom(): never {
      throw errno('EISDIR');
    }
    expect(writeFileAtomic(file, 'new', { fs: noDirFsync })).toEqual({ ok: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });
});
