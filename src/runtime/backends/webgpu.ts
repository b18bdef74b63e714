// tfjs's 'webgpu' backend in Node: WebGPU through Dawn (the `webgpu` package ships dawn.node
// prebuilt for linux-x64, macOS and Windows) on any Vulkan, Metal or D3D12 driver, no CUDA.
//
// What this file is for:
// - tfjs-backend-webgpu registers itself only if navigator.gpu exists when it is first imported,
//   and its factory dereferences a null adapter; so we install navigator.gpu first, ask for the
//   adapter ourselves (a missing one becomes a reason, not a crash) and register a factory over
//   the device we got, so that the adapter we describe is the one that computes.
// - Reading a tensor synchronously (dataSync) needs OffscreenCanvas, which Node lacks: callers
//   on this backend read with `await tensor.data()`.
// - Letting go of Dawn: its README says a referenced navigator.gpu keeps Node alive; what we see
//   with webgpu 0.6.2 is the opposite danger: Node exits fine while the objects are referenced,
//   and crashes (SIGSEGV, SIGABRT) or hangs at exit when the instance or a device has become
//   garbage. So releaseWebGPU() frees the GPU's memory (backend buffers, the device) and
//   unregisters the backend, and we keep the Dawn objects referenced for the process's lifetime
//   (one instance, reused by the next tryWebGPU).
// - Two of the package's gradient shaders are slow enough to dominate AlexNet's training step:
//   webgpu-kernels.ts replaces them.
// - A dense kernel may exceed the adapter's binding limit (fc6: 151 MB, lavapipe binds 128 MiB):
//   webgpu-large.ts wraps the kernels a dense layer needs so that they work on pieces that bind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { reportDeviceError } from './device-errors.ts';
import { chooseKernels, WEBGPU } from './webgpu-kernels.ts';
import { installLargeTensorKernels } from './webgpu-large.ts';

export { WEBGPU };

/** The GPUAdapterInfo fields we read (Dawn fills all four; description is the marketing name). */
export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Dawn sets this for CPU implementations (lavapipe, SwiftShader). */
  isFallbackAdapter?: boolean;
}

export interface WebGPUOutcome {
  ok: boolean;
  /** What computes, in words (when ok). */
  device?: string;
  /** Why WebGPU cannot be used here, and what would fix it (when not ok). */
  why?: string;
  /** The adapter runs on the CPU (lavapipe, SwiftShader): works, but is no reason to prefer WebGPU. */
  software?: boolean;
  adapter?: AdapterFacts;
}


// Minimal shapes of the WebGPU objects we touch (the project compiles without DOM/WebGPU types).
interface GpuLimits { [name: string]: number }
interface GpuDevice { destroy(): void; lost?: Promise<unknown>; onuncapturederror?: ((e: { error?: { message?: string } }) => void) | null }
interface GpuAdapter {
  info?: Partial<AdapterFacts>;
  features: { has(name: string): boolean };
  limits: GpuLimits;
  requestDevice(desc: object): Promise<GpuDevice>;
}
interface Gpu { requestAdapter(opts?: object): Promise<GpuAdapter | null> }
interface DawnModule { create(flags: string[]): Gpu; globals: Record<string, unknown> }
interface WebGPUBackendModule { WebGPUBackend: new (device: GpuDevice, info?: object) => tf.KernelBackend }

const SOFTWARE_NAMES = /llvmpipe|lavapipe|swiftshader|microsoft basic render|\bwarp\b/i;

/** The binding limits of the device the 'webgpu' backend computes on, or undefined without one. */
export function deviceBindingLimits(): { maxStorageBufferBindingSize: number; maxBufferSize: number } | undefined {
  if (!tf.findBackend(WEBGPU)) return undefined;
  const device = (tf.findBackend(WEBGPU) as unknown as { device?: { limits?: GpuLimits } }).device;
  const l = device?.limits;
  return l ? { maxStorageBufferBindingSize: l.maxStorageBufferBindingSize, maxBufferSize: l.maxBufferSize } : undefined;
}

/** Whether an adapter is a CPU implementation of WebGPU rather than a GPU. */
export function isSoftwareAdapter(a: AdapterFacts): boolean {
  return a.isFallbackAdapter === true || a.architecture === 'software' || a.vendor === 'cpu' || SOFTWARE_NAMES.test(`${a.description} ${a.device}`);
}

/** One line for "backend: webgpu — …": the adapter's name, vendor and architecture. */
export function describeAdapter(a: AdapterFacts): string {
  const name = a.description || a.device || 'unnamed adapter';
  const soft = isSoftwareAdapter(a);
  const tags = [a.vendor, a.architecture].filter((t) => t && !(soft && t === 'software') && !name.toLowerCase().includes(t.toLowerCase()));
  const note = soft ? '; a software implementation on the CPU, not a GPU' : '';
  return `WebGPU (Dawn) on ${name}${tags.length ? ` [${tags.join(', ')}]` : ''}${note}`;
}

/** Directories the dynamic loader searches for libvulkan.so.1, LD_LIBRARY_PATH first. */
export function loaderDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  return [...extra, '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib', '/lib/x86_64-linux-gnu'];
}

/** Why Dawn offered no adapter, given whether the Vulkan loader is on this (Linux) machine. */
export function explainNoAdapter(platform: NodeJS.Platform, vulkanLoader: string | undefined): string {
  if (platform !== 'linux') return 'Dawn found no WebGPU adapter (no Metal/D3D12/Vulkan driver usable by Dawn)';
  if (!vulkanLoader) {
    return 'no Vulkan loader (libvulkan.so.1) on this machine: install it (Debian/Ubuntu: apt-get install libvulkan1) and a Vulkan driver';
  }
  return (
    'Dawn found no Vulkan adapter: no usable Vulkan driver (ICD). With a GPU, install its Vulkan driver ' +
    '(NVIDIA: the driver ships nvidia_icd.json; point VK_DRIVER_FILES at it if it is not under /usr/share/vulkan/icd.d). ' +
    "Without a GPU, Mesa's lavapipe works from Mesa 23 on (Debian bookworm's Mesa 22 does not): bash scripts/setup-webgpu.sh"
  );
}

function findVulkanLoader(): string | undefined {
  return loaderDirs().map((d) => path.join(d, 'libvulkan.so.1')).find((f) => fs.existsSync(f));
}


const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

interface State { device: GpuDevice; outcome: WebGPUOutcome }
let state: State | undefined;
/** Never dropped: see the file comment. */
let dawnInstance: Gpu | undefined;
const retiredDevices: GpuDevice[] = [];

/** Makes `navigator.gpu` and the GPU* constants (GPUBufferUsage…) global, as in a browser. */
function installNavigatorGpu(dawn: DawnModule, gpu: Gpu): void {
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  const g = globalThis as { navigator?: object };
  // Node 21+ has a navigator without gpu; Node 20 has none.
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

function removeNavigatorGpu(): void {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
}

export interface WebGPUOptions {
  /** Keep the package's LRNGrad and Conv2DBackpropFilter shaders (for comparing speed). Default false. */
  packageKernels?: boolean;
}

/**
 * Sets up tfjs's 'webgpu' backend on the best adapter Dawn offers ('high-performance') and makes
 * it the current backend. Never throws: a failure is { ok: false, why }. After a success, calling
 * it again makes 'webgpu' current again and returns the same outcome, until releaseWebGPU().
 */
export async function tryWebGPU(options: WebGPUOptions = {}): Promise<WebGPUOutcome> {
  if (state) {
    chooseKernels(options.packageKernels ?? false);
    installLargeTensorKernels();
    if (state.outcome.ok && tf.getBackend() !== WEBGPU) await tf.setBackend(WEBGPU);
    return state.outcome;
  }
  let dawn: DawnModule;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return { ok: false, why: 'the `webgpu` package (Dawn) is not installed: npm install webgpu' };
    return { ok: false, why: `Dawn (the webgpu package's dawn.node) failed to load: ${firstLine(e)}` };
  }
  let gpu: Gpu;
  let adapter: GpuAdapter | null;
  try {
    gpu = dawnInstance ??= dawn.create([]);
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, why: `Dawn failed to enumerate adapters: ${firstLine(e)}` };
  }
  if (!adapter) return { ok: false, why: explainNoAdapter(process.platform, findVulkanLoader()) };
  const info = adapter.info ?? {};
  const facts: AdapterFacts = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter,
  };

  // Must precede the backend's first import: it registers itself only if navigator.gpu exists.
  installNavigatorGpu(dawn, gpu);
  let backendModule: WebGPUBackendModule;
  try {
    backendModule = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as WebGPUBackendModule;
  } catch (e) {
    removeNavigatorGpu();
    const code = (e as { code?: string }).code;
    const why = code === 'ERR_MODULE_NOT_FOUND'
      ? '@tensorflow/tfjs-backend-webgpu is not installed: npm install @tensorflow/tfjs-backend-webgpu@4.22.0 (the version of @tensorflow/tfjs)'
      : `@tensorflow/tfjs-backend-webgpu failed to load: ${firstLine(e)}`;
    return { ok: false, why };
  }

  let device: GpuDevice;
  try {
    // The same request as the package's own factory: the adapter's full limits, timestamps if offered.
    const l = adapter.limits;
    const limits = ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup'];
    device = await adapter.requestDevice({
      requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
      requiredLimits: Object.fromEntries(limits.map((k) => [k, l[k]])),
    });
  } catch (e) {
    removeNavigatorGpu();
    return { ok: false, why: `the adapter (${describeAdapter(facts)}) refused a device: ${firstLine(e)}` };
  }

  // Dawn only prints validation errors (a buffer over the binding limit, say); record them so
  // that training stops instead of going on with garbage.
  device.onuncapturederror = (e) => reportDeviceError((e.error?.message ?? 'unknown WebGPU error').split('\n')[0]);
  chooseKernels(options.packageKernels ?? false);
  installLargeTensorKernels();
  // Replace the package's factory (it would request its own adapter) with one over our device.
  if (tf.findBackendFactory(WEBGPU)) tf.removeBackend(WEBGPU);
  tf.registerBackend(WEBGPU, () => new backendModule.WebGPUBackend(device, facts), 3);
  let set = false;
  try {
    set = await tf.setBackend(WEBGPU);
  } catch {
    set = false;
  }
  if (!set) {
    tf.removeBackend(WEBGPU);
    device.destroy();
    retiredDevices.push(device);
    removeNavigatorGpu();
    return { ok: false, why: `tfjs's webgpu backend failed to initialise on ${describeAdapter(facts)}` };
  }
  const outcome: WebGPUOutcome = { ok: true, device: describeAdapter(facts), software: isSoftwareAdapter(facts), adapter: facts };
  state = { device, outcome };
  return outcome;
}

/**
 * Frees what WebGPU holds: disposes the 'webgpu' backend (its tensors die with it), destroys the
 * device and drops navigator.gpu. If it was the current backend, tfjs picks another on next use.
 */
export function releaseWebGPU(): void {
  if (tf.findBackendFactory(WEBGPU)) tf.removeBackend(WEBGPU);
  if (state) {
    state.device.destroy();
    retiredDevices.push(state.device);
  }
  state = undefined;
  removeNavigatorGpu();
}
