// The bench harness's pure parts: arguments, medians and ratios, what runs on the pure-JS backend,
// the PyTorch environment, parsing the peer's output, the one-bench-at-a-time lock.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKENDS, DEFAULT_MODELS, modelSettings, parseBenchArgs, type BenchOptions } from '../bench/options.ts';
import { imagesPerSecond, median, ratio, summarizeSteps } from '../bench/stats.ts';
import { planBackend, PURE_JS_MACS_PER_S, PURE_JS_STEP_BUDGET_S, roughDuration } from '../bench/plan.ts';
import { findLibrary, parseTorchOutput, torchEnv } from '../bench/torch-peer.ts';
import { randomLabels, type TfjsResult } from '../bench/tfjs-measure.ts';
import { acquireLock } from '../bench/lock.ts';
import { loadWarning, ratiosFor, renderGflops, renderModel, type ModelReport } from '../bench/report.ts';
import { achievedGflops, clockFromCpuinfo, flopsPerCycle, machinePeak } from '../bench/peak.ts';

describe('parseBenchArgs', () => {
  const defaults: BenchOptions = {
    models: ['alexnet-torchvision', 'alexnet', 'alexnet-fashion', 'resnet18', 'mobilenet_v2'], backends: ['netspec-cpu', 'wasm', 'cpu'],
    threads: 2, json: false, torch: true, help: false,
  };
  const ok: [string, string[], Partial<BenchOptions>][] = [
    ['nothing', [], {}],
    ['models list', ['--models', 'alexnet,alexnet-fashion'], { models: ['alexnet', 'alexnet-fashion'] }],
    ['models as paths, = form', ['--models=models/alexnet.yaml'], { models: ['alexnet'] }],
    ['duplicates dropped', ['--models', 'alexnet,alexnet'], { models: ['alexnet'] }],
    ['native is netspec-cpu', ['--backends', 'native,cpu'], { backends: ['netspec-cpu', 'cpu'] }],
    ['numbers', ['--batch', '8', '--steps', '3', '--warmup', '0', '--threads', '4'], { batch: 8, steps: 3, warmup: 0, threads: 4 }],
    ['switches', ['--json', '--no-torch'], { json: true, torch: false }],
    ['help', ['-h'], { help: true }],
    ['save folder', ['--save', 'bench/results/x'], { save: 'bench/results/x' }],
  ];
  it.each(ok)('%s', (_, argv, want) => {
    expect(parseBenchArgs(argv)).toEqual({ ok: true, options: { ...defaults, ...want } });
  });

  const bad: [string, string[], string[]][] = [
    ['zero batch', ['--batch', '0'], ['--batch needs an integer >= 1; got "0"']],
    ['fractional steps', ['--steps', '2.5'], ['--steps needs an integer >= 1; got "2.5"']],
    ['missing value', ['--steps'], ['--steps needs an integer >= 1; got nothing']],
    ['a flag is not a value', ['--models', '--json'], ['--models needs a comma-separated list; got nothing']],
    ['unknown backend', ['--backends', 'cpu,gpu'], ['--backends: unknown gpu (known: netspec-cpu, wasm, cpu, webgpu, tfjs-node, tfjs-node-gpu)']],
    ['save without a folder', ['--save'], ['--save needs a folder']],
    ['unknown flag, all errors at once', ['--fast', '--warmup', '-1'], ['unknown argument "--fast"', '--warmup needs an integer >= 0; got "-1"']],
  ];
  it.each(bad)('%s', (_, argv, errors) => {
    expect(parseBenchArgs(argv)).toEqual({ ok: false, errors });
  });

  it('defaults name the AlexNets, resnet18 and mobilenet_v2, and their batches', () => {
    expect(DEFAULT_BACKENDS).toEqual(['netspec-cpu', 'wasm', 'cpu']);
    expect(Object.fromEntries(Object.entries(DEFAULT_MODELS).map(([m, d]) => [m, d.batch])))
      .toEqual({ 'alexnet-torchvision': 32, alexnet: 32, 'alexnet-fashion': 128, resnet18: 32, mobilenet_v2: 32 });
    expect(modelSettings('alexnet-fashion', { batch: 16 })).toEqual({ ...DEFAULT_MODELS['alexnet-fashion'], batch: 16 });
    expect(modelSettings('some-other-net', { steps: 9 })).toEqual({ batch: 32, warmup: 2, steps: 9 });
  });
});

describe('median, rates, ratios', () => {
  const cases: [number[], number][] = [
    [[], NaN], [[4], 4], [[3, 1, 2], 2], [[10, 1, 7, 3], 5], [[5, 5, 5, 100], 5], [[-1, 1], 0],
  ];
  it.each(cases)('median(%j) = %d', (xs, want) => {
    expect(median(xs)).toEqual(want);
  });

  it('median agrees with a brute-force definition (as many values below as above)', () => {
    for (let n = 1; n <= 9; n++) {
      const xs = Array.from({ length: n }, (_, i) => ((i * 7919) % 13) + i / 100);
      const m = median(xs);
      expect(xs.filter((x) => x < m).length).toBe(xs.filter((x) => x > m).length);
    }
  });

  it('summarizeSteps turns step times into images/s', () => {
    // batch 32: 500 ms → 64 img/s, 400 → 80, 1000 → 32; the median step is the 500 ms one.
    const r = summarizeSteps(32, [500, 400, 1000]);
    expect(r).toEqual({ median: 64, min: 32, max: 80, steps: 3, stepMs: [500, 400, 1000] });
    expect(imagesPerSecond(128, 64)).toBe(2000);
  });

  it('ratio is ours over theirs, undefined when a side is missing or zero', () => {
    expect(ratio(50, 40)).toBe(1.25);
    expect([ratio(undefined, 1), ratio(1, undefined), ratio(1, 0), ratio(NaN, 1)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('planBackend', () => {
  const fashion = 8_218_112; // mult-adds per image of alexnet-fashion (generated/alexnet-fashion.ts)
  const alexnet = 714_188_480; // alexnet-torchvision

  it('non-JS backends run everything as asked', () => {
    expect(planBackend('netspec-cpu', alexnet, { batch: 32, warmup: 2, steps: 5 })).toEqual({ warmup: 2, steps: 5, profile: true });
    expect(planBackend('wasm', alexnet, { batch: 32, warmup: 2, steps: 5 })).toEqual({ warmup: 2, steps: 5, profile: true });
  });

  it('pure JS runs a phase only when its estimated step fits the budget, with capped steps', () => {
    const est = (macs: number, batch: number, phase: 'forward' | 'train') => (macs * batch) / PURE_JS_MACS_PER_S[phase];
    for (const [macs, batch] of [[fashion, 128], [fashion, 8], [alexnet, 32], [alexnet, 1]]) {
      const p = planBackend('cpu', macs, { batch, warmup: 3, steps: 15 });
      expect([macs, batch, p.skipForward !== undefined]).toEqual([macs, batch, est(macs, batch, 'forward') > PURE_JS_STEP_BUDGET_S]);
      expect([macs, batch, p.skipTrain !== undefined]).toEqual([macs, batch, est(macs, batch, 'train') > PURE_JS_STEP_BUDGET_S]);
      expect(p.skip !== undefined).toBe(p.skipForward !== undefined && p.skipTrain !== undefined);
      expect([p.warmup, p.steps, p.profile]).toEqual([1, 2, false]);
    }
    // The brief's expectations: the fashion net runs at batch 128; AlexNet is skipped outright.
    const f = planBackend('cpu', fashion, { batch: 128, warmup: 3, steps: 15 });
    expect([f.skipForward, f.skipTrain]).toEqual([undefined, undefined]);
    // 714e6·32 / 1.2e8 ≈ 190 s; / 4e7 ≈ 571 s.
    expect(planBackend('cpu', alexnet, { batch: 32, warmup: 2, steps: 5 }).skip)
      .toBe('skipped: pure JS, est. ~3 min per forward step and ~10 min per training step at batch 32');
  });

  const durations: [number, string][] = [[0.2, '~1 s'], [4.4, '~4 s'], [44, '~40 s'], [89, '~90 s'], [200, '~3 min'], [3000, '~50 min'], [9000, '~3 h'], [100000, '~30 h']];
  it.each(durations)('roughDuration(%d) = %s', (s, want) => {
    expect(roughDuration(s)).toBe(want);
  });
});

describe('torchEnv', () => {
  const dirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib'];
  it('preloads jemalloc and OpenBLAS, pins threads, keeps pages', () => {
    const have = new Set(['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3', '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2']);
    const { env, notes } = torchEnv(3, { PATH: '/bin' }, dirs, (p) => have.has(p));
    expect(env).toEqual({
      PATH: '/bin', OMP_NUM_THREADS: '3', OPENBLAS_NUM_THREADS: '3',
      LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2:/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3',
      MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1',
    });
    expect(notes).toEqual([]);
  });

  it('says what is missing and keeps an existing LD_PRELOAD', () => {
    const { env, notes } = torchEnv(2, { LD_PRELOAD: '/x.so' }, dirs, () => false);
    expect(env.LD_PRELOAD).toBe('/x.so');
    expect(env.MALLOC_CONF).toBeUndefined();
    expect(notes.map((n) => n.split(' ')[0])).toEqual(['OpenBLAS', 'jemalloc']);
  });

  it('findLibrary takes the first directory that has it', () => {
    expect(findLibrary(['/a', '/b', '/c'], 'x/lib.so', (p) => p !== '/a/x/lib.so')).toBe('/b/x/lib.so');
  });
});

describe('parseTorchOutput', () => {
  const report = { torch: '1.13', threads: 2, mkldnn: true, params: 10, irParams: 10, finalSoftmax: true, blas: 'openblas', allocator: 'jemalloc', libraries: [] };
  it.each([
    ['a report after other lines', `warming up\n${JSON.stringify(report)}\n`, '', 0, { ok: true, report }],
    ['the script\'s own error', '{"error": "PyTorch network differs from the IR: parameters: netspec 10, PyTorch 11"}', '', 2,
      { ok: false, why: 'PyTorch network differs from the IR: parameters: netspec 10, PyTorch 11' }],
    ['a crash', '', 'Traceback...\nRuntimeError: out of memory', 1, { ok: false, why: 'torch_bench.py exited with status 1: RuntimeError: out of memory' }],
    ['a kill', '', '', null, { ok: false, why: 'torch_bench.py exited with status null' }],
  ] as const)('%s', (_, out, err, status, want) => {
    expect(parseTorchOutput(out, err, status)).toEqual(want);
  });
});

describe('randomLabels', () => {
  it('is deterministic, in range, and uses every class', () => {
    const a = randomLabels(1000, 10, 1);
    expect(Array.from(a)).toEqual(Array.from(randomLabels(1000, 10, 1)));
    expect(Array.from(randomLabels(1000, 10, 2))).not.toEqual(Array.from(a));
    expect(new Set(a).size).toBe(10);
    expect(a.every((l) => l >= 0 && l < 10)).toBe(true);
  });
});

describe('acquireLock', () => {
  it('refuses a second bench while the first runs, and takes over a stale lock', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lock-')), 'lock');
    const first = acquireLock(file);
    expect(first.ok).toBe(true);
    const second = acquireLock(file);
    expect(second).toEqual({ ok: false, why: `another bench (pid ${process.pid}) is running; two must never run at once (lock: ${file})` });
    if (first.ok) first.release();
    expect(fs.existsSync(file)).toBe(false);
    // A pid that cannot be alive (above Linux's pid_max limit of 2^22).
    fs.writeFileSync(file, String(2 ** 22 + 1));
    const third = acquireLock(file);
    expect(third.ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    if (third.ok) third.release();
  });
});

describe('report', () => {
  const rate = (median: number) => ({ median, min: median, max: median, steps: 5, stepMs: [] });
  const backends: TfjsResult[] = [
    { model: 'm', backend: 'netspec-cpu', available: true, forward: { ok: true, rate: rate(150) }, train: { ok: true, rate: rate(40) }, peakRssMB: 900, tfPeakMB: 500 },
    { model: 'm', backend: 'wasm', available: true, forward: { ok: true, rate: rate(30) }, train: { ok: false, why: 'forward only: no Conv2DBackpropFilter' }, peakRssMB: 700 },
    { model: 'm', backend: 'cpu', available: false, why: 'skipped: pure JS' },
    { model: 'm', backend: 'webgpu', available: true, forward: { ok: true, rate: rate(0.25) }, train: { ok: true, rate: rate(1) } },
  ];
  const torch = { ok: true, forward: rate(100), train: rate(50), peakRssMB: 1200 };

  it('ratios divide each backend by PyTorch, phase by phase', () => {
    expect(ratiosFor(backends, torch)).toEqual({
      'netspec-cpu': { forward: 1.5, train: 0.8 }, wasm: { forward: 0.3, train: undefined }, cpu: { forward: undefined, train: undefined },
      webgpu: { forward: 0.0025, train: 0.02 },
    });
    expect(ratiosFor(backends, undefined)['netspec-cpu']).toEqual({ forward: undefined, train: undefined });
  });

  it('renders one row per measured backend and a note per thing not measured', () => {
    const m: ModelReport = { model: 'm', batch: 32, warmup: 2, steps: 5, params: 61e6, multAdds: 714e6, backends, torch, ratios: ratiosFor(backends, torch) };
    const lines = renderModel(m);
    const row = (name: string) => lines.find((l) => l.trim().startsWith(name))!.trim().split(/\s{2,}/);
    expect(row('netspec-cpu')).toEqual(['netspec-cpu', '150', '40.0', '900', '500', '1.50×', '0.80×']);
    expect(row('wasm')).toEqual(['wasm', '30.0', '—', '700', '—', '0.30×', '—']);
    expect(row('webgpu')).toEqual(['webgpu', '0.25', '1.0', '—', '—', '0.00×', '0.02×']);
    expect(row('PyTorch')).toEqual(['PyTorch', '100', '50.0', '1200', '—', '1.00×', '1.00×']);
    expect(lines.filter((l) => l.startsWith('  - '))).toEqual(['  - wasm train: forward only: no Conv2DBackpropFilter', '  - cpu: skipped: pure JS']);
  });

  it('warns above load 1.5 only', () => {
    expect(loadWarning('start', { loadavg: [1.5, 0, 0], at: '' })).toBeUndefined();
    expect(loadWarning('end', { loadavg: [1.51, 0, 0], at: '' })).toMatch(/^load 1\.51 at end/);
    // At the end the bench's own threads are part of the load.
    expect(loadWarning('end', { loadavg: [3.4, 0, 0], at: '' }, 2)).toBeUndefined();
    expect(loadWarning('end', { loadavg: [3.6, 0, 0], at: '' }, 2)).toMatch(/^load 3\.60 at end \(> 3\.5, of which about 2 is the bench's own threads\)/);
  });
});

describe('peak and achieved GFLOP/s', () => {
  it.each([
    ['fp32', ['sse2', 'avx2', 'fma'], 25, 1, 32],
    ['fp32', ['sse2', 'avx2', 'fma'], 23, 0x01, 16], // Zen 1: 128-bit FMA units
    ['fp32', ['sse2', 'avx2', 'fma'], 23, 0x31, 32], // Zen 2
    ['fp32', ['sse2', 'avx2', 'fma', 'avx512f'], 6, 143, 64],
    ['fp32', ['sse2'], 6, 15, 8],
    ['bf16', ['avx2', 'fma', 'avx512f', 'avx512_bf16'], 6, 85, 128],
    ['bf16', ['avx512f', 'avx512_bf16', 'amx_tile', 'amx_bf16'], 6, 143, 2048],
    ['bf16', ['avx2', 'fma'], 25, 1, undefined],
  ] as const)('%s with %j (family %i, model %i): %s FLOP/cycle', (precision, flags, family, model, want) => {
    expect(flopsPerCycle(precision, { cpuFlags: flags, cpuFamily: family, cpuModelNumber: model })?.flops).toBe(want);
  });

  it('multiplies threads, clock and FLOP/cycle, and says so', () => {
    const r = machinePeak('fp32', { threads: 2, cpuFlags: ['avx2', 'fma'], cpuFamily: 25, cpuModelNumber: 1, mhz: 2445.425, mhzSource: 'BogoMIPS / 2, the TSC rate' });
    expect(r.ok && r.peak.gflops).toBeCloseTo(2 * 2.445425 * 32, 9); // 156.5 GFLOP/s
    expect(r.ok && r.peak.arithmetic).toBe('2 threads × 2.45 GHz (BogoMIPS / 2, the TSC rate; boost may run higher) × 32 FLOP/cycle (AVX2 FMA: 2 units × 8 lanes × 2) = 156.5 GFLOP/s');
    expect(machinePeak('fp32', { threads: 2, cpuFlags: ['avx2', 'fma'] })).toEqual({ ok: false, why: 'no fp32 peak: the clock is unknown (no "cpu MHz" or BogoMIPS in /proc/cpuinfo)' });
    expect(machinePeak('bf16', { threads: 2, cpuFlags: ['avx2', 'fma'], mhz: 2000 }).ok).toBe(false);
  });

  it('reads the clock from "cpu MHz", else from BogoMIPS / 2', () => {
    expect(clockFromCpuinfo('processor\t: 0\ncpu MHz\t\t: 3000.123\nbogomips\t: 4890.85\n')).toEqual({ mhz: 3000.123, source: 'cpu MHz' });
    expect(clockFromCpuinfo('processor\t: 0\nbogomips\t: 4890.85\n')).toEqual({ mhz: 2445.425, source: 'BogoMIPS / 2, the TSC rate' });
    expect(clockFromCpuinfo('processor\t: 0\n')).toBeUndefined();
  });

  it('counts 2 FLOPs per mult-add forward and three passes a training step', () => {
    // AlexNet (torchvision): 714 M mult-adds an image; 100 img/s forward is 142.8 GFLOP/s, 25 img/s training 107.1.
    expect(achievedGflops(100, 714e6, 'forward')).toBeCloseTo(142.8, 9);
    expect(achievedGflops(25, 714e6, 'train')).toBeCloseTo(107.1, 9);
  });

  it('prints each row\'s GFLOP/s with its share of the peak', () => {
    const rate = (median: number) => ({ median, min: median, max: median, steps: 5, stepMs: [] });
    const m: ModelReport = {
      model: 'm', batch: 32, warmup: 2, steps: 5, params: 1, multAdds: 1e9, ratios: {},
      backends: [{ model: 'm', backend: 'netspec-cpu', available: true, forward: { ok: true, rate: rate(50) }, train: { ok: true, rate: rate(10) } }],
      torch: { ok: true, forward: rate(40), train: rate(5) },
    };
    const peaks = { fp32: { ok: true as const, peak: { precision: 'fp32' as const, gflops: 200, arithmetic: '' } } };
    // 50 img/s × 2 GFLOP = 100 (50% of 200); 10 × 6 = 60 (30%); PyTorch 80 (40%) and 30 (15%).
    expect(renderGflops(m, peaks)).toEqual(['  GFLOP/s forward / train (share of the fp32 peak): netspec-cpu 100 (50%) / 60 (30%); PyTorch 80 (40%) / 30 (15%)']);
    expect(renderGflops(m, undefined)).toEqual(['  GFLOP/s forward / train: netspec-cpu 100 / 60; PyTorch 80 / 30']);
  });
});
