// The backends and references CI installs must really be there: the native addon builds and
// computes, /usr/bin/python3 imports torch, torchvision and onnx, and lavapipe (or a GPU) gives a
// WebGPU adapter. Otherwise the suites that use them skip, and CI could go green untested.
// Under CI=true each missing one fails here with the reason; elsewhere it is a visible skip.
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeAddon } from '../src/runtime/backends/native-addon.ts';
import { releaseWebGPU, tryWebGPU } from '../src/runtime/backends/webgpu.ts';
import { classifyImport, inCI, pythonImport, type ImportCheck } from './ci-env.ts';

type Check = { ok: true; what: string } | { ok: false; why: string };

const fromImport = (r: ImportCheck): Check => (r.ok ? { ok: true, what: `version ${r.version}` } : { ok: false, why: `${r.reason}: ${r.why}` });

const requirements: { name: string; check: () => Promise<Check> }[] = [
  {
    name: 'the native addon is built, loads and multiplies',
    check: async () => {
      const load = loadNativeAddon();
      if (!load.ok) return { ok: false, why: `${load.why} (scripts/setup.sh builds it)` };
      const out = new Float32Array(4);
      load.addon.matmul({ batch: 1, batchA: 1, batchB: 1, m: 2, n: 2, k: 2, transposeA: false, transposeB: false }, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), out);
      const want = [19, 22, 43, 50];
      return [...out].every((v, i) => v === want[i]) ? { ok: true, what: load.path } : { ok: false, why: `matmul gave ${[...out]}, not ${want}` };
    },
  },
  { name: 'PyTorch imports', check: async () => fromImport(await pythonImport('torch', 'python3-torch')) },
  { name: 'torchvision imports', check: async () => fromImport(await pythonImport('torchvision', 'python3-torchvision')) },
  { name: 'onnx imports', check: async () => fromImport(await pythonImport('onnx', 'python3-onnx')) },
  {
    name: 'WebGPU gives an adapter',
    check: async () => {
      const w = await tryWebGPU();
      return w.ok ? { ok: true, what: w.device ?? 'an adapter' } : { ok: false, why: `${w.why} (bash scripts/setup-webgpu.sh installs lavapipe)` };
    },
  },
];

afterAll(() => releaseWebGPU());

describe(`what CI installs is exercised${inCI ? ' (CI=true: required)' : ' (outside CI: skipped when missing)'}`, () => {
  it.for(requirements)('$name', { timeout: 180_000 }, async ({ name, check }, ctx) => {
    const r = await check();
    if (r.ok) console.log(`ci-requirements: ${name}: ${r.what}`);
    else {
      console.warn(`ci-requirements: ${name}: NOT AVAILABLE: ${r.why}`);
      if (!inCI) ctx.skip(`${name}: ${r.why}`);
    }
    expect(r.ok ? '' : r.why).toBe('');
  });
});

describe('an import that fails says why', () => {
  const run = { status: 1, timedOut: false, stdout: '', stderr: '' };
  const cases: { name: string; r: Parameters<typeof classifyImport>[1]; reason: string; says: string }[] = [
    { name: 'killed by the timeout', r: { ...run, status: null, timedOut: true }, reason: 'timeout', says: 'did not finish within 120 s' },
    { name: 'not installed', r: { ...run, stderr: "Traceback …\nModuleNotFoundError: No module named 'torch'\n" }, reason: 'missing', says: 'apt-get install python3-torch' },
    { name: 'installed but broken', r: { ...run, stderr: 'Traceback …\nImportError: libopenblas.so.0: cannot open shared object file\n' }, reason: 'broken', says: 'libopenblas.so.0' },
    { name: 'a dependency missing is not the module missing', r: { ...run, stderr: "ModuleNotFoundError: No module named 'numpy'\n" }, reason: 'broken', says: "No module named 'numpy'" },
    { name: 'no interpreter', r: { ...run, status: null, spawnError: 'spawn ENOENT' }, reason: 'no-python', says: 'ENOENT' },
  ];
  it.each(cases)('$name', ({ r, reason, says }) => {
    const c = classifyImport('torch', r, '/usr/bin/python3', 120_000, 'python3-torch');
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.reason).toBe(reason);
      expect(c.why).toContain(says);
    }
  });

  it('a real import stopped by its timeout is reported as a timeout, not as missing', async () => {
    const c = await pythonImport('json', 'python3', '/usr/bin/python3', 1);
    expect(c.ok ? 'ok' : c.reason).toBe('timeout');
  });
});
