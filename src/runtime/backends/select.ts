// Picks the tfjs backend that trains. `auto`: the fastest that works here, and for every faster one
// that doesn't, one line saying why. A backend asked for by name is used or refused with the reason,
// never swapped for another: a run on a backend nobody asked for is worse than no run. Never throws.
import { existsSync, readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { useEagerRelease } from '../backprop.ts';
import { NETSPEC_CPU, registerNetspecCpu, type RegisterResult } from './netspec-cpu.ts';
import type { WebGPUOutcome } from './webgpu.ts';
import { defaultCudaDeps, explainCpuFallback, packageInstalled } from './cuda.ts';

export type BackendRequest = 'auto' | 'cuda' | 'tfjs-node' | 'native' | 'wasm' | 'cpu' | 'webgpu';

export interface BackendAttempt { name: string; ok: boolean; why?: string }

export interface BackendChoice {
  ok: true;
  /** The path that trains: 'tfjs-node-gpu' | 'tfjs-node' | 'netspec-cpu' | 'webgpu' | 'wasm' | 'cpu'. */
  name: string;
  /** What computes, in words. */
  device: string;
  /** Every path tried, in order, the chosen one last. */
  tried: BackendAttempt[];
  /** The tfjs backend name now set (tf.getBackend()). */
  tfBackend: string;
}

/** Nothing could start: no tfjs backend was set. */
export interface BackendRefusal {
  ok: false;
  /** Kept so that `name === 'none'` checks keep working. */
  name: 'none';
  requested: BackendRequest;
  /** One line: why the requested backend (for `auto`, every backend) could not start. */
  why: string;
  /** Every path tried, in order, all failed. */
  tried: BackendAttempt[];
}

export type BackendSelection = BackendChoice | BackendRefusal;

export interface SelectOptions {
  requested?: BackendRequest;
  log?: (line: string) => void;
}

type Outcome = { ok: true; tfBackend: string; device: string } | { ok: false; why: string };

/** The outside world selection touches; tests replace it. */
export interface SelectDeps {
  importModule(pkg: string): Promise<unknown>;
  isInstalled(pkg: string): boolean;
  hasNvidiaGpu(): boolean;
  /** Whether the machine shows any GPU device a driver could hand to Dawn (gpuDeviceNodes). */
  hasGpuDevice(): boolean;
  registerNative(): RegisterResult;
  setBackend(name: string): Promise<boolean>;
  hasKernel(kernel: string, backend: string): boolean;
  /** WebGPU through Dawn (src/runtime/backends/webgpu.ts), loaded only when tried. */
  webgpu(): Promise<WebGPUOutcome>;
  releaseWebGPU(): void;
  /** After tfjs-node-gpu's backend is set: does TensorFlow compute on a GPU (tensorflow/tfjs#8362)? */
  usingGpu(): boolean | undefined;
}

export const defaultDeps: SelectDeps = {
  importModule: (pkg) => import(pkg),
  isInstalled: packageInstalled,
  hasNvidiaGpu: () => existsSync('/proc/driver/nvidia/version'),
  hasGpuDevice: () => process.platform !== 'linux' || gpuDeviceNodes().length > 0,
  registerNative: () => registerNetspecCpu(),
  setBackend: async (name) => {
    try {
      return await tf.setBackend(name);
    } catch {
      return false;
    }
  },
  hasKernel: (kernel, backend) => tf.getKernel(kernel, backend) !== undefined,
  webgpu: async () => (await import('./webgpu.ts')).tryWebGPU(),
  releaseWebGPU: () => {
    void import('./webgpu.ts').then((m) => m.releaseWebGPU());
  },
  usingGpu: () => (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice,
};

/** Why importing a tfjs-node package failed, in terms of what to do about it. */
export function explainImportError(pkg: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const lib = /(lib(cudart|cudnn|cublas|cuda|tensorflow)[\w.-]*)/.exec(msg)?.[1];
  if (lib && /cud/.test(lib)) return `CUDA library ${lib} missing (install the CUDA toolkit and cuDNN versions that ${pkg} was built for)`;
  if (lib) return `${lib} missing: ${pkg}'s installer downloads libtensorflow, which failed or was skipped (no network?)`;
  if (/tfjs_binding\.node/.test(msg)) return `${pkg}'s native binding is missing: its install step (downloading libtensorflow) did not complete`;
  return `${pkg} failed to load: ${msg.split('\n')[0]}`;
}

function tfjsNode(pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node', deps: SelectDeps): () => Promise<Outcome> {
  const gpu = pkg.endsWith('-gpu');
  return async () => {
    if (!deps.isInstalled(pkg)) {
      return { ok: false, why: `${pkg} not installed (npm install ${pkg}; its installer downloads libtensorflow${gpu ? ' and needs CUDA + cuDNN' : ''})` };
    }
    // Checked before importing: the import registers a backend that would then run on the CPU.
    if (gpu && !deps.hasNvidiaGpu()) return { ok: false, why: 'no NVIDIA GPU (no driver at /proc/driver/nvidia/version)' };
    try {
      await deps.importModule(pkg);
    } catch (err) {
      return { ok: false, why: explainImportError(pkg, err) };
    }
    if (!(await deps.setBackend('tensorflow'))) return { ok: false, why: `${pkg} loaded but its 'tensorflow' backend failed to initialise` };
    // tfjs-node-gpu falls back to the CPU without a word when CUDA 11 libraries are missing.
    if (gpu && deps.usingGpu() !== true) {
      return { ok: false, why: explainCpuFallback(defaultCudaDeps.missingCudaLibraries()) };
    }
    return { ok: true, tfBackend: 'tensorflow', device: gpu ? 'GPU (libtensorflow, CUDA)' : 'CPU (libtensorflow)' };
  };
}

function native(deps: SelectDeps): () => Promise<Outcome> {
  return async () => {
    const reg = deps.registerNative();
    if (!reg.ok) return { ok: false, why: reg.why };
    if (!(await deps.setBackend(NETSPEC_CPU))) return { ok: false, why: `${NETSPEC_CPU} registered but failed to initialise` };
    const { onednn, gemm, threads } = reg.info;
    return { ok: true, tfBackend: NETSPEC_CPU, device: `CPU (oneDNN ${onednn} convolutions, ${gemm === 'auto' ? 'OpenBLAS and oneDNN' : gemm} sgemm, ${threads} threads)` };
  };
}

function wasm(deps: SelectDeps): () => Promise<Outcome> {
  return async () => {
    try {
      await deps.importModule('@tensorflow/tfjs-backend-wasm');
    } catch (err) {
      return { ok: false, why: `@tensorflow/tfjs-backend-wasm failed to load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
    }
    if (!(await deps.setBackend('wasm'))) return { ok: false, why: "the 'wasm' backend failed to initialise" };
    const note = deps.hasKernel('Conv2DBackpropFilter', 'wasm') ? '' : '; no Conv2DBackpropFilter, so convnets cannot train on it';
    return { ok: true, tfBackend: 'wasm', device: `CPU (WebAssembly${note})` };
  };
}

function cpu(deps: SelectDeps): () => Promise<Outcome> {
  return async () => (await deps.setBackend('cpu'))
    ? { ok: true, tfBackend: 'cpu', device: 'CPU (pure JavaScript, single thread; slow)' }
    : { ok: false, why: "tfjs's 'cpu' backend failed to initialise" };
}

/**
 * Linux device nodes of GPUs: DRM render nodes (AMD, Intel, NVIDIA's open driver), NVIDIA's own
 * nodes, WSL2's D3D12 bridge. Without any, Dawn can offer only a software adapter.
 */
export function gpuDeviceNodes(list: (dir: string) => string[] = safeList): string[] {
  return [
    ...list('/dev/dri').filter((n) => n.startsWith('renderD')).map((n) => `/dev/dri/${n}`),
    ...list('/dev').filter((n) => /^nvidia\d+$/.test(n) || n === 'dxg').map((n) => `/dev/${n}`),
  ];
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A real GPU adapter is worth taking; a software one (lavapipe) only when asked for by name. */
function webgpu(deps: SelectDeps, requested: BackendRequest): () => Promise<Outcome> {
  return async () => {
    // Loading Dawn costs time and, with Mesa's lavapipe installed, two warnings on stderr: not
    // worth it in the automatic order when no GPU device exists.
    if (requested !== 'webgpu' && !deps.hasGpuDevice()) {
      return { ok: false, why: 'no GPU device on this machine (no /dev/dri/renderD*, /dev/nvidia*, /dev/dxg); --backend webgpu tries a software adapter anyway' };
    }
    const r = await deps.webgpu();
    if (!r.ok) return { ok: false, why: r.why ?? 'no WebGPU adapter' };
    if (r.software && requested !== 'webgpu') {
      deps.releaseWebGPU();
      return { ok: false, why: `only a software adapter (${r.device}), slower than the CPU backends; --backend webgpu uses it anyway` };
    }
    return { ok: true, tfBackend: 'webgpu', device: r.device ?? 'WebGPU' };
  };
}

/**
 * Paths in the order tried: for `auto`, the automatic order; for a backend named, that one alone.
 * wasm is never picked automatically: it can't train convnets.
 */
export function candidates(requested: BackendRequest, deps: SelectDeps): { name: string; attempt: () => Promise<Outcome> }[] {
  const all = {
    'tfjs-node-gpu': tfjsNode('@tensorflow/tfjs-node-gpu', deps),
    'tfjs-node': tfjsNode('@tensorflow/tfjs-node', deps),
    [NETSPEC_CPU]: native(deps),
    wasm: wasm(deps),
    webgpu: webgpu(deps, requested),
    cpu: cpu(deps),
  };
  const auto = ['tfjs-node-gpu', 'tfjs-node', 'webgpu', NETSPEC_CPU, 'cpu'];
  const first: Record<BackendRequest, string | null> = {
    auto: null, cuda: 'tfjs-node-gpu', 'tfjs-node': 'tfjs-node', native: NETSPEC_CPU, wasm: 'wasm', cpu: 'cpu', webgpu: 'webgpu',
  };
  const req = first[requested];
  const order = req === null ? auto : [req];
  return order.map((name) => ({ name, attempt: all[name as keyof typeof all] }));
}

export async function selectBackend(opts: SelectOptions = {}, deps: SelectDeps = defaultDeps): Promise<BackendSelection> {
  const requested = opts.requested ?? 'auto';
  const log = opts.log ?? (() => {});
  const tried: BackendAttempt[] = [];
  for (const { name, attempt } of candidates(requested, deps)) {
    const outcome = await attempt();
    if (outcome.ok) {
      tried.push({ name, ok: true });
      useEagerRelease(); // every backend: free each tensor of the backward pass once used (backprop.ts)
      const asked = requested === 'auto' ? '' : ` (requested: ${requested})`;
      log(`backend: ${name} — ${outcome.device}${asked}`);
      for (const t of tried) if (!t.ok) log(`  not ${t.name}: ${t.why}`);
      return { ok: true, name, device: outcome.device, tried, tfBackend: outcome.tfBackend };
    }
    tried.push({ name, ok: false, why: outcome.why });
    if (requested !== 'auto') return { ok: false, name: 'none', requested, why: outcome.why, tried };
  }
  // Only reachable if even the pure-JS backend failed to initialise.
  for (const t of tried) log(`  not ${t.name}: ${t.why}`);
  return { ok: false, name: 'none', requested, why: `no tfjs backend could be initialised (cpu: ${tried.at(-1)!.why})`, tried };
}

/** The refusal as one line for a user: what was asked for and why it cannot start. */
export function refusalMessage(r: BackendRefusal): string {
  return r.requested === 'auto' ? r.why : `--backend ${r.requested} cannot start: ${r.why}`;
}
