// tfjs's 'webgpu' backend in Node: WebGPU through Dawn (the `webgpu` package ships dawn.node
// prebuilt for linux-x64, macOS and Windows) on any Vulkan, Metal or D3D12 driver, no CUDA.
//
// Three things this file exists for:
// - tfjs-backend-webgpu registers itself only if navigator.gpu exists when it is first imported,
//   and its factory dereferences a null adapter; so we install navigator.gpu first, ask for the
//   adapter ourselves (a missing one becomes a reason, not a crash) and register a factory over
//   the device we got, so that the adapter we describe is the one that computes.
// - Reading a tensor synchronously (dataSync) needs OffscreenCanvas, which Node lacks: callers
//   on this backend read with `await tensor.data()`.
// - Dawn keeps Node's event loop alive while navigator.gpu is referenced: releaseWebGPU() lets go.
// - Two of the package's gradient shaders are slow enough to dominate AlexNet's training step, so
//   we replace them with compositions of its fast kernels: LRNGrad loops over all channels twice
//   per element (O(C²) work per element, seconds per step for 96 and 256 channels), and
//   Conv2DBackpropFilter gives each filter element one thread that loops over the whole batch
//   (conv1: 35 k threads of 387 k iterations each, at batch 128): long serial loops that starve a
//   GPU. (On a CPU adapter such as lavapipe, where long loops cost nothing extra, the package's
//   filter gradient is up to 2.5x faster for conv1/conv2 shapes and 4x slower for conv3's: we keep
//   one kernel everywhere, so that what CI tests is what a GPU runs.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

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

/** The tfjs backend name this file registers. */
export const WEBGPU = 'webgpu';

// Minimal shapes of the WebGPU objects we touch (the project compiles without DOM/WebGPU types).
interface GpuLimits { [name: string]: number }
interface GpuDevice { destroy(): void; lost?: Promise<unknown> }
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

type Info = tf.TensorInfo;
interface WebGPUKernelBackend { makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): Info; disposeData(id: object): boolean }

/**
 * LRNGrad on webgpu from existing kernels. With N_c = k + α Σ_{j∈W(c)} x_j² over the window W(c)
 * of channels c−r … c+r, and y_c = x_c N_c^−β (the forward output):
 *     dx_i = dy_i N_i^−β − 2αβ x_i Σ_{c∈W(i)} dy_c y_c / N_c
 * (c ∈ W(i) exactly when i ∈ W(c): the window is symmetric).
 */
export function lrnGradWebGPU({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): Info {
  const { x, y, dy } = inputs as { x: Info; y: Info; dy: Info };
  const { depthRadius: r, bias, alpha, beta } = attrs as unknown as { depthRadius: number; bias: number; alpha: number; beta: number };
  const b = backend as WebGPUKernelBackend;
  const run = (name: string, ins: Record<string, Info>, at: object = {}): Info =>
    tf.getKernel(name, WEBGPU)!.kernelFunc({ inputs: ins, backend: backend as tf.KernelBackend, attrs: at as tf.NamedAttrMap }) as Info;
  const free = (...ts: Info[]) => ts.forEach((t) => b.disposeData(t.dataId));
  const scalar = (v: number) => b.makeTensorInfo([], 'float32', new Float32Array([v]));
  /** Σ_{o=−r..r} t[…, c+o], zero outside [0, C): pad the channels, add 2r+1 shifted slices. */
  const windowSum = (t: Info): Info => {
    const padded = run('PadV2', { x: t }, { paddings: [[0, 0], [0, 0], [0, 0], [r, r]], constantValue: 0 });
    let acc = run('Slice', { x: padded }, { begin: [0, 0, 0, 0], size: t.shape });
    for (let o = 1; o <= 2 * r; o++) {
      const shifted = run('Slice', { x: padded }, { begin: [0, 0, 0, o], size: t.shape });
      const next = run('Add', { a: acc, b: shifted });
      free(acc, shifted);
      acc = next;
    }
    free(padded);
    return acc;
  };
  const [sAlpha, sBias, sNegBeta, sTwoAlphaBeta] = [scalar(alpha), scalar(bias), scalar(-beta), scalar(2 * alpha * beta)];
  const squares = run('Square', { x });
  const sumSq = windowSum(squares);
  const scaled = run('Multiply', { a: sumSq, b: sAlpha });
  const norm = run('Add', { a: scaled, b: sBias });
  free(squares, sumSq, scaled);
  const normPow = run('Pow', { a: norm, b: sNegBeta });
  const direct = run('Multiply', { a: dy, b: normPow });
  const dyY = run('Multiply', { a: dy, b: y });
  const ratio = run('RealDiv', { a: dyY, b: norm });
  const spread = windowSum(ratio);
  const xSpread = run('Multiply', { a: x, b: spread });
  const cross = run('Multiply', { a: xSpread, b: sTwoAlphaBeta });
  const dx = run('Sub', { a: direct, b: cross });
  free(normPow, direct, dyY, ratio, norm, spread, xSpread, cross, sAlpha, sBias, sNegBeta, sTwoAlphaBeta);
  return dx;
}

/** The package's own kernels we replaced, for what ours do not handle. */
const replacedKernels = new Map<string, tf.KernelFunc>();

/**
 * Conv2DBackpropFilter on webgpu as one matrix product per filter tap (kh, kw):
 *     dW[kh, kw] = X_tap^T · dY     X_tap = x_padded[:, kh + s·oh, kw + s·ow, :] as [B·OH·OW, Ci],  dY as [B·OH·OW, Co]
 * The package's matmul splits the long inner dimension across workgroups; memory stays at one
 * tap's slice of the input. NCHW (which netspec never uses) goes to the package's kernel.
 */
export function conv2dBackpropFilterWebGPU(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): Info {
  const { inputs, backend } = args;
  const attrs = args.attrs as unknown as {
    strides: number | [number, number]; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
  };
  const original = replacedKernels.get('Conv2DBackpropFilter');
  if (attrs.dataFormat === 'NCHW' && original) return original(args as Parameters<tf.KernelFunc>[0]) as Info;
  const { x, dy } = inputs as { x: Info; dy: Info };
  const c = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const b = backend as WebGPUKernelBackend;
  const run = (name: string, ins: Record<string, Info> | Info[], at: object = {}): Info =>
    tf.getKernel(name, WEBGPU)!.kernelFunc({ inputs: ins as tf.NamedTensorInfoMap, backend: backend as tf.KernelBackend, attrs: at as tf.NamedAttrMap }) as Info;
  const free = (...ts: Info[]) => ts.forEach((t) => b.disposeData(t.dataId));
  const { top, bottom, left, right } = c.padInfo;
  const padded = run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
  const rows = c.batchSize * c.outHeight * c.outWidth;
  const dyMat = run('Reshape', { x: dy }, { shape: [1, rows, c.outChannels] });
  const taps: Info[] = [];
  for (let kh = 0; kh < c.filterHeight; kh++) {
    for (let kw = 0; kw < c.filterWidth; kw++) {
      const patch = run('StridedSlice', { x: padded }, {
        begin: [0, kh, kw, 0],
        end: [c.batchSize, kh + c.strideHeight * (c.outHeight - 1) + 1, kw + c.strideWidth * (c.outWidth - 1) + 1, c.inChannels],
        strides: [1, c.strideHeight, c.strideWidth, 1], beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      });
      const patchMat = run('Reshape', { x: patch }, { shape: [1, rows, c.inChannels] });
      taps.push(run('BatchMatMul', { a: patchMat, b: dyMat }, { transposeA: true, transposeB: false }));
      free(patch, patchMat);
    }
  }
  const stacked = taps.length === 1 ? taps[0] : run('Concat', taps, { axis: 0 });
  const dw = run('Reshape', { x: stacked }, { shape: attrs.filterShape });
  free(padded, dyMat, ...(taps.length === 1 ? [] : taps), stacked);
  return dw;
}

/** Puts our kernel in place of the package's, keeping the package's for the cases ours hands back. */
function replaceKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, WEBGPU);
  if (current?.kernelFunc === kernelFunc) return;
  if (current) {
    replacedKernels.set(kernelName, current.kernelFunc);
    tf.unregisterKernel(kernelName, WEBGPU);
  }
  tf.registerKernel({ kernelName, backendName: WEBGPU, kernelFunc });
}

const OURS: [string, tf.KernelFunc][] = [
  ['LRNGrad', lrnGradWebGPU as tf.KernelFunc],
  ['Conv2DBackpropFilter', conv2dBackpropFilterWebGPU as tf.KernelFunc],
];

/** Ours in place of the package's slow kernels, or (packageKernels) the package's back. */
function chooseKernels(packageKernels: boolean): void {
  for (const [name, ours] of OURS) {
    const saved = replacedKernels.get(name);
    if (!packageKernels) replaceKernel(name, ours);
    else if (saved && tf.getKernel(name, WEBGPU)?.kernelFunc === ours) {
      tf.unregisterKernel(name, WEBGPU);
      tf.registerKernel({ kernelName: name, backendName: WEBGPU, kernelFunc: saved });
    }
  }
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

interface State { gpu: Gpu; device?: GpuDevice; outcome: WebGPUOutcome }
let state: State | undefined;

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

/**
 * Sets up tfjs's 'webgpu' backend on the best adapter Dawn offers ('high-performance') and makes
 * it the current backend. Never throws: a failure is { ok: false, why }. Calling it again returns
 * the first outcome until releaseWebGPU().
 */
export interface WebGPUOptions {
  /** Keep the package's LRNGrad and Conv2DBackpropFilter shaders (for comparing speed). Default false. */
  packageKernels?: boolean;
}

export async function tryWebGPU(options: WebGPUOptions = {}): Promise<WebGPUOutcome> {
  if (state) {
    chooseKernels(options.packageKernels ?? false);
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
    gpu = dawn.create([]);
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

  chooseKernels(options.packageKernels ?? false);
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
    removeNavigatorGpu();
    return { ok: false, why: `tfjs's webgpu backend failed to initialise on ${describeAdapter(facts)}` };
  }
  const outcome: WebGPUOutcome = { ok: true, device: describeAdapter(facts), software: isSoftwareAdapter(facts), adapter: facts };
  state = { gpu, device, outcome };
  return outcome;
}

/**
 * Lets Node exit: disposes the 'webgpu' backend (its tensors die with it), destroys the device
 * and drops navigator.gpu. If it was the current backend, tfjs picks another on next use.
 */
export function releaseWebGPU(): void {
  if (tf.findBackendFactory(WEBGPU)) tf.removeBackend(WEBGPU);
  state?.device?.destroy();
  state = undefined;
  removeNavigatorGpu();
}
