// CUDA through @tensorflow/tfjs-node-gpu: libtensorflow 2.9.1, built for CUDA 11.2 and cuDNN 8.1,
// downloaded by the package's install script. Its users' top complaint (tensorflow/tfjs#8362,
// #8269, #8187, #8505) is that on a machine with only CUDA 12+ it loads, TensorFlow fails to
// dlopen the CUDA 11 libraries, logs that to stderr among its start-up noise, and trains on the
// CPU. tryCuda is never silent: it reports what failed to load, or, when the package loads but
// TensorFlow lists no GPU device, which of the libraries it needs are missing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';

/** What libtensorflow 2.9.1 dlopens to use a GPU: the driver's libcuda, CUDA 11.2's runtime libraries, cuDNN 8. */
export const CUDA_LIBRARIES = [
  'libcuda.so.1', 'libcudart.so.11.0', 'libcublas.so.11', 'libcublasLt.so.11', 'libcufft.so.10',
  'libcurand.so.10', 'libcusolver.so.11', 'libcusparse.so.11', 'libcudnn.so.8',
] as const;

export type CudaOutcome =
  | { ok: true; device: string }
  /** cpuFallback: the package loaded, but TensorFlow would compute on the CPU. */
  | { ok: false; why: string; cpuFallback?: boolean };

const REQUIREMENT = 'libtensorflow 2.9.1 needs CUDA 11.2 and cuDNN 8.1 (a CUDA 12 or 13 install has no .so.11 libraries)';

/** The shared library a dlopen error names: "libcudart.so.11.0: cannot open shared object file". */
export function missingLibrary(message: string): string | undefined {
  const m =
    /(?:^|[\s'"/])(lib[\w+.-]*?\.so(?:\.[\w]+)*): cannot open shared object file/m.exec(message) ??
    /error while loading shared libraries: (lib[\w+.-]*?\.so(?:\.[\w]+)*)/.exec(message) ??
    /Could not load dynamic library '(lib[\w+.-]*?\.so(?:\.[\w]+)*)'/.exec(message) ??
    /Library not loaded: \S*?\/?(lib[\w+.-]+\.dylib)/.exec(message);
  return m?.[1];
}

/** What to do about a library that failed to load, by what it belongs to. */
export function adviseLibrary(lib: string): string {
  if (/^libcuda\.so/.test(lib)) return `${lib} (the NVIDIA driver's CUDA library) not found: install the NVIDIA driver`;
  if (/^libcudnn/.test(lib)) return `${lib} not found: ${REQUIREMENT}; install cuDNN 8.1 for CUDA 11 and add its lib directory to LD_LIBRARY_PATH`;
  if (/^lib(cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse|nvrtc|nvinfer)\b/.test(lib)) {
    return `${lib} not found: ${REQUIREMENT}; install the CUDA 11.2 runtime libraries and add their directory (e.g. /usr/local/cuda-11.2/lib64) to LD_LIBRARY_PATH`;
  }
  if (/^libtensorflow/.test(lib)) {
    return `${lib} not found: ${TFJS_NODE_GPU}'s install script downloads it into its deps/lib; rerun it with network access: npm rebuild ${TFJS_NODE_GPU}`;
  }
  return `${lib} not found: install the package that provides it, or add its directory to LD_LIBRARY_PATH`;
}

/** Why importing tfjs-node-gpu failed, in terms of what to do about it. */
export function explainCudaLoadError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string } | null)?.code;
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(`'${TFJS_NODE_GPU}'`)) {
    return `${TFJS_NODE_GPU} is not installed: npm install ${TFJS_NODE_GPU} (Linux x64; its install script downloads libtensorflow 2.9.1, and it runs on the GPU only with CUDA 11.2 and cuDNN 8.1)`;
  }
  if (/tfjs_binding\.node/.test(msg) && /can ?not be found|Cannot find module/i.test(msg)) {
    return (
      `${TFJS_NODE_GPU}'s native binding is missing: its install script (which downloads libtensorflow) did not run or failed. ` +
      `Run it with network access: npm rebuild ${TFJS_NODE_GPU} (if npm blocked install scripts, allow this package's first: npm install-scripts approve ${TFJS_NODE_GPU})`
    );
  }
  const glibc = /version `(GLIBC_[\d.]+)' not found/.exec(msg);
  if (glibc) return `this system's C library is older than libtensorflow needs (${glibc[1]}): use a newer Linux distribution`;
  const lib = missingLibrary(msg);
  if (lib) return adviseLibrary(lib);
  return `${TFJS_NODE_GPU} failed to load: ${msg.split('\n')[0]}`;
}

/** Library names in `ldconfig -p` output (the dynamic loader's cache). */
export function parseLdconfig(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s+(\S+) \(.*\) => /.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}

/** Which of `libs` the loader would not find: not in its cache, nor in an LD_LIBRARY_PATH directory. */
export function missingLibraries(libs: readonly string[], cache: ReadonlySet<string>, ldPath: string, exists: (file: string) => boolean): string[] {
  const dirs = ldPath.split(':').filter(Boolean);
  return libs.filter((lib) => !cache.has(lib) && !dirs.some((d) => exists(path.join(d, lib))));
}

/** The sentence for a tfjs-node-gpu that loaded but lists no GPU device. */
export function explainCpuFallback(missing: readonly string[]): string {
  const what = missing.length
    ? `the loader cannot find ${missing.join(', ')}`
    : 'the CUDA libraries are present, but TensorFlow rejected them (run with TF_CPP_MIN_LOG_LEVEL=0 to see its log)';
  return `${TFJS_NODE_GPU} loaded, but TensorFlow found no usable GPU and would compute on the CPU (tensorflow/tfjs#8362): ${what}. ${REQUIREMENT}. Without CUDA 11, use --backend webgpu`;
}

/** The outside world tryCuda touches; tests replace it. */
export interface CudaDeps {
  isInstalled(pkg: string): boolean;
  importModule(pkg: string): Promise<unknown>;
  hasNvidiaGpu(): boolean;
  /** Marketing names of the NVIDIA GPUs the driver lists. */
  gpuNames(): string[];
  setBackend(name: string): Promise<boolean>;
  /** The current tfjs backend object (tfjs-node's exposes isUsingGpuDevice). */
  backend(): unknown;
  /** Which of CUDA_LIBRARIES the dynamic loader cannot find. */
  missingCudaLibraries(): string[];
}

const requireHere = createRequire(import.meta.url);

function ldconfigCache(): Set<string> {
  for (const bin of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    try {
      return parseLdconfig(execFileSync(bin, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // try the next location
    }
  }
  return new Set();
}

/** Whether an optional package resolves from here (installed), without loading it. */
export function packageInstalled(pkg: string): boolean {
  try {
    requireHere.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

export const defaultCudaDeps: CudaDeps = {
  isInstalled: packageInstalled,
  importModule: (pkg) => import(pkg),
  hasNvidiaGpu: () => fs.existsSync('/proc/driver/nvidia/version'),
  gpuNames: () => {
    const dir = '/proc/driver/nvidia/gpus';
    try {
      return fs.readdirSync(dir).flatMap((bus) => {
        const m = /^Model:\s*(.+)$/m.exec(fs.readFileSync(path.join(dir, bus, 'information'), 'utf8'));
        return m ? [m[1].trim()] : [];
      });
    } catch {
      return [];
    }
  },
  setBackend: async (name) => {
    try {
      return await tf.setBackend(name);
    } catch {
      return false;
    }
  },
  backend: () => tf.backend(),
  missingCudaLibraries: () => missingLibraries(CUDA_LIBRARIES, ldconfigCache(), process.env.LD_LIBRARY_PATH ?? '', fs.existsSync),
};

/**
 * Loads tfjs-node-gpu and makes its 'tensorflow' backend current, if and only if TensorFlow
 * computes on a GPU. Never throws. After { ok: false, cpuFallback: true } the 'tensorflow'
 * backend is registered and current, running on the CPU: the caller picks what trains.
 */
export async function tryCuda(deps: CudaDeps = defaultCudaDeps): Promise<CudaOutcome> {
  if (!deps.isInstalled(TFJS_NODE_GPU)) return { ok: false, why: explainCudaLoadError(Object.assign(new Error(`Cannot find package '${TFJS_NODE_GPU}'`), { code: 'ERR_MODULE_NOT_FOUND' })) };
  // Checked before importing: the import registers a backend that would then run on the CPU.
  if (!deps.hasNvidiaGpu()) return { ok: false, why: 'no NVIDIA GPU (no driver at /proc/driver/nvidia/version)' };
  try {
    await deps.importModule(TFJS_NODE_GPU);
  } catch (e) {
    return { ok: false, why: explainCudaLoadError(e) };
  }
  if (!(await deps.setBackend('tensorflow'))) {
    return {
      ok: false,
      why: `${TFJS_NODE_GPU} loaded, but its 'tensorflow' backend is not in netspec's @tensorflow/tfjs (two copies of tfjs? versions must match: npm ls @tensorflow/tfjs-core)`,
    };
  }
  const b = deps.backend() as { isUsingGpuDevice?: unknown };
  if (b?.isUsingGpuDevice !== true) return { ok: false, cpuFallback: true, why: explainCpuFallback(deps.missingCudaLibraries()) };
  const names = deps.gpuNames();
  return { ok: true, device: `GPU (CUDA via libtensorflow 2.9.1${names.length ? `: ${names.join(', ')}` : ''})` };
}
