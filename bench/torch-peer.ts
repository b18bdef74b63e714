// The PyTorch peer: is it here, in which configuration, and what did it measure.
//
// The fair configuration is the one `pip install torch` gives: a real BLAS and an allocator that
// keeps pages. Debian's python3-torch links the generic libblas.so.3 (the slow reference BLAS
// unless OpenBLAS is the alternative) and glibc malloc, so we preload OpenBLAS's libblas.so.3 (its
// soname satisfies torch's dependency) and jemalloc. torch_bench.py reports what it really mapped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';

/** Where Debian puts them, for any multiarch triplet. */
export function findLibrary(libDirs: string[], relative: string, exists: (p: string) => boolean = existsSync): string | undefined {
  return libDirs.map((d) => path.join(d, relative)).find(exists);
}

export function multiarchDirs(): string[] {
  const dirs = ['/usr/lib', '/lib'];
  const more = dirs.flatMap((d) => {
    try {
      return readdirSync(d).filter((n) => /-linux-gnu/.test(n)).map((n) => path.join(d, n));
    } catch {
      return [];
    }
  });
  return [...more, ...dirs];
}

export interface TorchEnv {
  env: NodeJS.ProcessEnv;
  /** Lines about the configuration: what was preloaded, or why not. */
  notes: string[];
}

/** The environment for torch_bench.py: threads pinned, OpenBLAS and jemalloc preloaded when present. */
export function torchEnv(threads: number, base: NodeJS.ProcessEnv, libDirs: string[], exists?: (p: string) => boolean): TorchEnv {
  const notes: string[] = [];
  const openblas = findLibrary(libDirs, 'openblas-pthread/libblas.so.3', exists);
  const jemalloc = findLibrary(libDirs, 'libjemalloc.so.2', exists);
  if (!openblas) notes.push('OpenBLAS not found (apt-get install libopenblas0-pthread): torch uses whatever libblas.so.3 is, possibly the slow reference BLAS');
  if (!jemalloc) notes.push('jemalloc not found (apt-get install libjemalloc2): torch uses glibc malloc, which returns pages and refaults them');
  const preload = [jemalloc, openblas, ...(base.LD_PRELOAD ? [base.LD_PRELOAD] : [])].filter((p): p is string => p !== undefined);
  const env: NodeJS.ProcessEnv = {
    ...base,
    OMP_NUM_THREADS: String(threads),
    OPENBLAS_NUM_THREADS: String(threads),
    ...(preload.length > 0 ? { LD_PRELOAD: preload.join(':') } : {}),
    ...(jemalloc ? { MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' } : {}),
  };
  return { env, notes };
}

/** Whether `python -c 'import torch'` works, and if not, why (one line). */
export function torchAvailable(python = PYTHON): { ok: true } | { ok: false; why: string } {
  if (!existsSync(python)) return { ok: false, why: `${python} not found` };
  const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0) return { ok: true };
  // A hung or slow import is not a missing package: say which it was.
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') return { ok: false, why: `${python} -c 'import torch' timed out after 60 s (installed but too slow to load here, or hung)` };
  const last = (r.stderr || r.error?.message || '').trim().split('\n').pop() ?? '';
  return { ok: false, why: `${python} cannot import torch (${last}); apt-get install python3-torch` };
}

/** What torch_bench.py prints (times in ms per step). */
export interface TorchReport {
  torch: string;
  threads: number;
  mkldnn: boolean;
  params: number;
  irParams: number;
  finalSoftmax: boolean;
  blas: string;
  allocator: string;
  libraries: string[];
  batch?: number;
  forwardMs?: number[];
  trainMs?: number[];
  peakRssMB?: number;
  baseRssMB?: number;
  output?: number[];
  /** With --bf16: the same steps under torch.autocast('cpu', dtype=torch.bfloat16), after fp32. */
  forwardBf16Ms?: number[];
  trainBf16Ms?: number[];
  peakRssBf16MB?: number;
}

export type TorchRun = { ok: true; report: TorchReport } | { ok: false; why: string };

/** The JSON object on the last non-empty line of the script's stdout. */
export function parseTorchOutput(stdout: string, stderr: string, status: number | null): TorchRun {
  const last = stdout.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    const tail = (stderr.trim().split('\n').pop() ?? '').slice(0, 300);
    return { ok: false, why: `torch_bench.py exited with status ${status}${tail ? `: ${tail}` : ''}` };
  }
  const obj = parsed as Partial<TorchReport> & { error?: string };
  if (obj.error) return { ok: false, why: obj.error };
  if (status !== 0) return { ok: false, why: `torch_bench.py exited with status ${status}` };
  return { ok: true, report: obj as TorchReport };
}

export interface TorchRequest {
  irFile: string; batch: number; warmup: number; steps: number; threads: number; seed: number;
  /** Also time autocast bf16 (only where the CPU has native bf16: emulated bf16 measures nothing useful). */
  bf16?: boolean;
}

const SCRIPT = fileURLToPath(new URL('./torch_bench.py', import.meta.url));

function runScript(args: string[], env: NodeJS.ProcessEnv, python: string) {
  return spawnSync(python, [SCRIPT, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Measures one model (the IR as JSON in `irFile`). */
export function runTorch(req: TorchRequest, env: NodeJS.ProcessEnv, python = PYTHON): TorchRun {
  const r = runScript(['--ir', req.irFile, '--batch', String(req.batch), '--warmup', String(req.warmup),
    '--steps', String(req.steps), '--threads', String(req.threads), '--seed', String(req.seed), ...(req.bf16 ? ['--bf16'] : [])], env, python);
  if (r.error) return { ok: false, why: `could not run ${python}: ${r.error.message}` };
  return parseTorchOutput(r.stdout, r.stderr, r.status);
}

/**
 * Builds and verifies each IR without timing, in one Python start; with `weights` (a directory of
 * tfjs weights and an input, see torch_bench.py), also returns PyTorch's outputs.
 */
export function checkTorch(irFiles: string[], env: NodeJS.ProcessEnv, weights?: string, python = PYTHON): TorchRun[] {
  const r = runScript([...irFiles.flatMap((f) => ['--ir', f]), '--check', '--threads', '1', ...(weights ? ['--weights', weights] : [])], env, python);
  if (r.error) return irFiles.map(() => ({ ok: false, why: `could not run ${python}: ${r.error!.message}` }));
  if (irFiles.length === 1) return [parseTorchOutput(r.stdout, r.stderr, r.status)];
  let list: unknown;
  try {
    list = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) return irFiles.map(() => parseTorchOutput(r.stdout, r.stderr, r.status));
  return list.map((item) => parseTorchOutput(JSON.stringify(item), '', r.status));
}
