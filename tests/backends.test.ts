// Backend selection: the order tried, what is picked, and the reason given for each path not used.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  candidates, defaultDeps, explainImportError, gpuDeviceNodes, refusalMessage, selectBackend, type BackendChoice, type BackendRequest, type BackendSelection, type SelectDeps,
} from '../src/runtime/backends/select.ts';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';

interface World {
  installed?: string[];
  gpu?: boolean;
  importError?: Record<string, Error>;
  native?: boolean;
  wasmTrains?: boolean;
  /** What WebGPU finds: nothing (default), a software adapter, or a GPU. */
  webgpu?: 'software' | 'gpu';
  /** tfjs-node-gpu loads but TensorFlow computes on the CPU (tensorflow/tfjs#8362). */
  cudaCpuFallback?: boolean;
  /** A GPU device node exists (default true); without one, auto does not load Dawn. */
  gpuDevice?: boolean;
  /** tfjs backends whose initialisation fails. */
  failSet?: string[];
}

/** Fake surroundings: which packages exist, whether a GPU does, whether the addon is built. */
function fake(w: World): SelectDeps & { set: string[] } {
  const set: string[] = [];
  return {
    set,
    isInstalled: (pkg) => (w.installed ?? []).includes(pkg),
    hasNvidiaGpu: () => w.gpu ?? false,
    hasGpuDevice: () => w.gpuDevice ?? true,
    importModule: async (pkg) => {
      if (w.importError?.[pkg]) throw w.importError[pkg];
      return {};
    },
    registerNative: () => (w.native
      ? { ok: true, nativeKernels: ['Conv2D'], info: { onednn: '2.6.3', blas: 'OpenBLAS', gemm: 'openblas', threads: 2, blasThreads: 2, cachedPrimitives: 0 } }
      : { ok: false, why: 'native addon not built (native/build/Release/netspec_native.node missing): run `npm run build:native`' }),
    setBackend: async (name) => {
      if (w.failSet?.includes(name)) return false;
      set.push(name);
      return true;
    },
    hasKernel: () => w.wasmTrains ?? false,
    // tryWebGPU sets the 'webgpu' backend itself when it finds an adapter.
    webgpu: async () => (w.webgpu === undefined
      ? { ok: false, why: 'no WebGPU adapter (no Vulkan driver found)' }
      : (set.push('webgpu'), { ok: true, software: w.webgpu === 'software', device: w.webgpu === 'gpu' ? 'WebGPU (Dawn) on NVIDIA H100' : 'WebGPU (Dawn) on llvmpipe' })),
    releaseWebGPU: () => set.push('released webgpu'),
    usingGpu: () => !w.cudaCpuFallback,
  };
}

const notFound = (pkg: string) => Object.assign(new Error(`Cannot find package '${pkg}'`), { code: 'ERR_MODULE_NOT_FOUND' });

function chosen(s: BackendSelection): BackendChoice {
  if (!s.ok) throw new Error(`expected a backend, got a refusal: ${s.why}`);
  return s;
}

describe('selectBackend', () => {
  interface Case {
    name: string;
    requested: BackendRequest;
    world: World;
    picks: string;
    tfBackend: string;
    /** [path, substring of why] for each path tried and not used, in order. */
    not: [string, string][];
  }
  const cases: Case[] = [
    {
      name: 'auto on this kind of machine: nothing tfjs-node, addon built',
      requested: 'auto', world: { native: true }, picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'not installed'], ['webgpu', 'no WebGPU adapter']],
    },
    {
      name: 'auto without the addon built falls to cpu and says how to build it',
      requested: 'auto', world: {}, picks: 'cpu', tfBackend: 'cpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'not installed'], ['webgpu', 'no WebGPU adapter'], ['netspec-cpu', 'npm run build:native']],
    },
    {
      name: 'tfjs-node-gpu installed but no GPU',
      requested: 'auto', world: { installed: ['@tensorflow/tfjs-node-gpu'], native: true }, picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'no NVIDIA GPU'], ['tfjs-node', 'not installed'], ['webgpu', 'no WebGPU adapter']],
    },
    {
      name: 'tfjs-node-gpu with a GPU but no CUDA runtime',
      requested: 'auto',
      world: {
        installed: ['@tensorflow/tfjs-node-gpu'], gpu: true, native: true,
        importError: { '@tensorflow/tfjs-node-gpu': new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory') },
      },
      picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'libcudart.so.11.0 missing'], ['tfjs-node', 'not installed'], ['webgpu', 'no WebGPU adapter']],
    },
    {
      name: 'tfjs-node installed and working wins over the addon',
      requested: 'auto', world: { installed: ['@tensorflow/tfjs-node'], native: true }, picks: 'tfjs-node', tfBackend: 'tensorflow',
      not: [['tfjs-node-gpu', 'not installed']],
    },
    {
      name: 'tfjs-node installed whose libtensorflow download failed',
      requested: 'auto',
      world: { installed: ['@tensorflow/tfjs-node'], native: true, importError: { '@tensorflow/tfjs-node': new Error("Cannot find module '/x/lib/napi-v8/tfjs_binding.node'") } },
      picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'native binding is missing'], ['webgpu', 'no WebGPU adapter']],
    },
    {
      name: 'auto takes a real GPU through WebGPU over the CPU addon',
      requested: 'auto', world: { native: true, webgpu: 'gpu' }, picks: 'webgpu', tfBackend: 'webgpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'not installed']],
    },
    {
      name: 'auto passes over a software adapter (lavapipe) and says so',
      requested: 'auto', world: { native: true, webgpu: 'software' }, picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'not installed'], ['webgpu', 'only a software adapter']],
    },
    {
      name: 'auto on a machine without GPU device nodes does not load Dawn at all',
      requested: 'auto', world: { native: true, webgpu: 'software', gpuDevice: false }, picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'not installed'], ['tfjs-node', 'not installed'], ['webgpu', 'no GPU device on this machine']],
    },
    {
      name: 'webgpu requested by name on such a machine still tries (lavapipe)',
      requested: 'webgpu', world: { native: true, webgpu: 'software', gpuDevice: false }, picks: 'webgpu', tfBackend: 'webgpu', not: [],
    },
    {
      name: 'webgpu requested by name uses a software adapter',
      requested: 'webgpu', world: { native: true, webgpu: 'software' }, picks: 'webgpu', tfBackend: 'webgpu', not: [],
    },
    {
      name: 'tfjs-node-gpu silently on the CPU (tensorflow/tfjs#8362) is not taken for a GPU',
      requested: 'auto', world: { installed: ['@tensorflow/tfjs-node-gpu'], gpu: true, native: true, cudaCpuFallback: true },
      picks: 'netspec-cpu', tfBackend: 'netspec-cpu',
      not: [['tfjs-node-gpu', 'CPU'], ['tfjs-node', 'not installed'], ['webgpu', 'no WebGPU adapter']],
    },
    {
      name: 'native requested and built',
      requested: 'native', world: { native: true }, picks: 'netspec-cpu', tfBackend: 'netspec-cpu', not: [],
    },
    {
      name: 'cpu requested: nothing else is tried',
      requested: 'cpu', world: { native: true, installed: ['@tensorflow/tfjs-node'] }, picks: 'cpu', tfBackend: 'cpu', not: [],
    },
    {
      name: 'wasm requested: used, with the training caveat in the device line',
      requested: 'wasm', world: { native: true }, picks: 'wasm', tfBackend: 'wasm', not: [],
    },
  ];

  it.each(cases)('$name', async (c) => {
    const deps = fake(c.world);
    const lines: string[] = [];
    const choice = chosen(await selectBackend({ requested: c.requested, log: (l) => lines.push(l) }, deps));
    expect(choice.name).toBe(c.picks);
    expect(choice.tfBackend).toBe(c.tfBackend);
    expect(deps.set.at(-1)).toBe(c.tfBackend);
    expect(choice.tried.at(-1)).toEqual({ name: c.picks, ok: true });
    const failed = choice.tried.filter((t) => !t.ok);
    expect(failed.map((t) => t.name)).toEqual(c.not.map(([n]) => n));
    failed.forEach((t, i) => expect(t.why).toContain(c.not[i][1]));
    // One line for the choice, one per path not used.
    expect(lines).toHaveLength(1 + c.not.length);
    expect(lines[0]).toMatch(new RegExp(`^backend: ${c.picks} — `));
    lines.slice(1).forEach((l, i) => expect(l).toContain(`not ${c.not[i][0]}: `));
  });

  it('the wasm device line warns that convnets cannot train on it', async () => {
    const choice = chosen(await selectBackend({ requested: 'wasm' }, fake({ wasmTrains: false })));
    expect(choice.device).toContain('cannot train');
  });

  it('auto with every path failing is refused, each reason logged', async () => {
    const deps = fake({ failSet: ['cpu'] });
    const lines: string[] = [];
    const r = await selectBackend({ log: (l) => lines.push(l) }, deps);
    expect(r).toMatchObject({ ok: false, name: 'none', requested: 'auto' });
    expect(!r.ok && refusalMessage(r)).toBe("no tfjs backend could be initialised (cpu: tfjs's 'cpu' backend failed to initialise)");
    expect(lines.map((l) => l.split(':')[0])).toEqual(['  not tfjs-node-gpu', '  not tfjs-node', '  not webgpu', '  not netspec-cpu', '  not cpu']);
    expect(deps.set).toEqual([]);
  });

  it('never picks wasm automatically', () => {
    const names = candidates('auto', fake({})).map((c) => c.name);
    expect(names).toEqual(['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'netspec-cpu', 'cpu']);
  });
});

describe('selectBackend: a backend asked for by name is used or refused, never substituted', () => {
  const cuda = '@tensorflow/tfjs-node-gpu';
  const node = '@tensorflow/tfjs-node';
  // Each world has a working fallback (the addon built, tfjs-node or cpu): auto would take it.
  const cases: { name: string; requested: BackendRequest; world: World; why: string; autoPicks: string }[] = [
    { name: 'cuda, package not installed', requested: 'cuda', world: { native: true }, why: `${cuda} not installed`, autoPicks: 'netspec-cpu' },
    { name: 'cuda, no NVIDIA GPU', requested: 'cuda', world: { installed: [cuda], native: true }, why: 'no NVIDIA GPU', autoPicks: 'netspec-cpu' },
    {
      name: 'cuda, CUDA runtime missing', requested: 'cuda',
      world: { installed: [cuda], gpu: true, native: true, importError: { [cuda]: new Error('libcudart.so.11.0: cannot open shared object file') } },
      why: 'CUDA library libcudart.so.11.0 missing', autoPicks: 'netspec-cpu',
    },
    {
      name: 'cuda, tfjs-node-gpu silently on the CPU (tensorflow/tfjs#8362)', requested: 'cuda',
      world: { installed: [cuda], gpu: true, native: true, cudaCpuFallback: true }, why: 'would compute on the CPU', autoPicks: 'netspec-cpu',
    },
    { name: 'tfjs-node, not installed', requested: 'tfjs-node', world: { native: true }, why: `${node} not installed`, autoPicks: 'netspec-cpu' },
    {
      name: 'tfjs-node, libtensorflow download failed', requested: 'tfjs-node',
      world: { installed: [node], native: true, importError: { [node]: new Error("Cannot find module '/x/tfjs_binding.node'") } },
      why: 'native binding is missing', autoPicks: 'netspec-cpu',
    },
    { name: 'native, addon not built', requested: 'native', world: { installed: [node] }, why: 'npm run build:native', autoPicks: 'tfjs-node' },
    {
      name: 'wasm, package fails to load', requested: 'wasm',
      world: { native: true, importError: { '@tensorflow/tfjs-backend-wasm': notFound('@tensorflow/tfjs-backend-wasm') } },
      why: '@tensorflow/tfjs-backend-wasm failed to load', autoPicks: 'netspec-cpu',
    },
    { name: 'wasm, fails to initialise', requested: 'wasm', world: { native: true, failSet: ['wasm'] }, why: "'wasm' backend failed to initialise", autoPicks: 'netspec-cpu' },
    { name: 'webgpu, no adapter', requested: 'webgpu', world: { native: true }, why: 'no WebGPU adapter', autoPicks: 'netspec-cpu' },
    { name: 'cpu, fails to initialise', requested: 'cpu', world: { native: true, failSet: ['cpu'] }, why: "'cpu' backend failed to initialise", autoPicks: 'netspec-cpu' },
  ];

  it.each(cases)('$name: refused with the reason', async (c) => {
    const deps = fake(c.world);
    const lines: string[] = [];
    const r = await selectBackend({ requested: c.requested, log: (l) => lines.push(l) }, deps);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.name).toBe('none');
    expect(r.requested).toBe(c.requested);
    expect(r.why).toContain(c.why);
    expect(r.why).not.toContain('\n');
    expect(refusalMessage(r)).toBe(`--backend ${c.requested} cannot start: ${r.why}`);
    // Only the requested path was tried, and nothing else was set up behind the caller's back.
    expect(r.tried).toEqual([{ name: candidates(c.requested, deps)[0].name, ok: false, why: r.why }]);
    expect(deps.set.filter((b) => b !== 'tensorflow')).toEqual([]);
    // The caller reports the refusal; nothing claims a backend was chosen.
    expect(lines).toEqual([]);
  });

  it.each(cases)('$name: auto in the same world falls back as before', async (c) => {
    const lines: string[] = [];
    const choice = chosen(await selectBackend({ log: (l) => lines.push(l) }, fake(c.world)));
    expect(choice.name).toBe(c.autoPicks);
    expect(lines[0]).toMatch(new RegExp(`^backend: ${c.autoPicks} — `));
  });

  it('every explicit request tries exactly its own path', () => {
    const names = (['cuda', 'tfjs-node', 'native', 'wasm', 'webgpu', 'cpu'] as const).map((r) => candidates(r, fake({})).map((c) => c.name));
    expect(names).toEqual([['tfjs-node-gpu'], ['tfjs-node'], ['netspec-cpu'], ['wasm'], ['webgpu'], ['cpu']]);
  });
});

describe('explainImportError', () => {
  it.each([
    [new Error('libcudnn.so.8: cannot open shared object file'), 'CUDA library libcudnn.so.8 missing'],
    [new Error('libtensorflow.so.2: cannot open shared object file'), 'libtensorflow.so.2 missing'],
    [new Error("Cannot find module '/a/b/tfjs_binding.node'"), 'native binding is missing'],
    [new Error('something else\nstack'), 'failed to load: something else'],
  ])('%s', (err, want) => {
    expect(explainImportError('@tensorflow/tfjs-node-gpu', err)).toContain(want);
  });
});

describe('selectBackend on this machine', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  // Whatever this machine has (a GPU or not, the addon built or not), auto must walk the fixed
  // order, give a reason for every path it passes over, and stop at the first that works.
  it('walks the auto order, explaining each path passed over, and takes the first that works', async () => {
    const lines: string[] = [];
    const choice = chosen(await selectBackend({ log: (l) => lines.push(l) }, defaultDeps));
    const order = candidates('auto', defaultDeps).map((c) => c.name);
    const names = choice.tried.map((t) => t.name);
    expect(names).toEqual(order.slice(0, names.length));
    expect(names.at(-1)).toBe(choice.name);
    for (const t of choice.tried.slice(0, -1)) {
      expect(t.ok).toBe(false);
      expect(t.ok ? 0 : (t.why ?? '').length).toBeGreaterThan(10);
    }
    expect(tf.getBackend()).toBe(choice.tfBackend);
    expect(lines[0]).toContain(`backend: ${choice.name}`);
    expect(lines).toHaveLength(choice.tried.length);
  });

  /** What auto's choice must agree with, whatever the machine: the addon, a GPU device node, a hardware adapter. */
  function agreesWithMachine(choice: BackendChoice, deps: SelectDeps, addonBuilt: boolean): void {
    const passed = new Map(choice.tried.filter((t) => !t.ok).map((t) => [t.name, t.ok ? '' : t.why]));
    // The addon built and loading means auto never ends on the slow pure-JS cpu backend.
    if (addonBuilt) expect(choice.name).not.toBe('cpu');
    else if (choice.name === 'cpu') expect(passed.get('netspec-cpu')).toContain('npm run build:native');
    // webgpu is taken only with a GPU device node and a hardware adapter; passed over, it says which was missing.
    if (choice.name === 'webgpu') {
      expect(deps.hasGpuDevice()).toBe(true);
      expect(choice.device).not.toContain('not a GPU');
    } else if (passed.has('webgpu')) {
      expect(passed.get('webgpu')).toMatch(deps.hasGpuDevice() ? /adapter/ : /no GPU device on this machine/);
    }
  }

  it('agrees with what this machine has: the addon, a GPU device, a hardware adapter', async () => {
    const choice = chosen(await selectBackend({}, defaultDeps));
    agreesWithMachine(choice, defaultDeps, loadNativeAddon().ok);
    // tfjs-node-gpu is not a dependency of this repository, so it is always passed over as not installed.
    expect(choice.tried[0]).toMatchObject({ name: 'tfjs-node-gpu', ok: false });
  });

  // The same check on the machines this one is not, so that it is known to hold on them too.
  it.each([
    ['a GPU with a Vulkan driver', { native: true, webgpu: 'gpu' }],
    ['a GPU without its Vulkan driver (lavapipe only)', { native: true, webgpu: 'software' }],
    ['a GPU, the addon not built', { webgpu: 'gpu' }],
    ['no GPU device node, the addon not built', { webgpu: 'software', gpuDevice: false }],
  ] as [string, World][])('the same agreement holds on %s', async (_, w) => {
    const deps = fake(w);
    agreesWithMachine(chosen(await selectBackend({}, deps)), deps, w.native ?? false);
  });

  it('tells installed packages from missing ones without importing them', () => {
    expect(defaultDeps.isInstalled('@tensorflow/tfjs-node-gpu')).toBe(false);
    expect(defaultDeps.isInstalled('@tensorflow/tfjs')).toBe(true);
  });
});

describe('gpuDeviceNodes', () => {
  it.each([
    ['none', {}, []],
    ['a DRM render node (AMD, Intel)', { '/dev/dri': ['card0', 'renderD128'] }, ['/dev/dri/renderD128']],
    ['NVIDIA', { '/dev': ['null', 'nvidia0', 'nvidiactl', 'nvidia-uvm'] }, ['/dev/nvidia0']],
    ['WSL2', { '/dev': ['dxg'] }, ['/dev/dxg']],
  ] as const)('%s', (_, dirs, want) => {
    expect(gpuDeviceNodes((d) => [...((dirs as Record<string, readonly string[]>)[d] ?? [])])).toEqual(want);
  });
});
