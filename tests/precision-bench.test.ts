// The bench's precision: --precision parsing, what the header says on machines with and without
// native bf16, the PyTorch autocast row, and torch_bench.py's --bf16 timing (run here on a tiny
// net: bf16 is emulated on CPUs without it, so the figures mean nothing, but the path runs).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../bench/options.ts';
import { planBenchPrecision } from '../bench/precision.ts';
import { renderHeader, renderModel, torchFigures, type BenchReport, type ModelReport } from '../bench/report.ts';
import { irJson } from '../bench/ir-json.ts';
import { runTorch, torchAvailable } from '../bench/torch-peer.ts';
import type { PrecisionFacts } from '../src/runtime/backends/precision.ts';

const root = path.resolve(__dirname, '..');
const facts = (cpuFlags: string[], onednnIsa: string, more: Partial<PrecisionFacts> = {}): PrecisionFacts =>
  ({ cpuFlags: ['fpu', 'avx2', ...cpuFlags], cpuModel: 'Test CPU', onednnIsa, backend: 'netspec-cpu', bf16Kernels: false, ...more });
const amx = facts(['avx512f', 'avx512_bf16', 'amx_bf16', 'amx_tile'], 'avx512_core_amx');
const cooper = facts(['avx512f', 'avx512_bf16'], 'avx512_core_bf16');
const epyc = facts([], 'avx2');

describe('--precision on the bench', () => {
  it.each([
    [['--precision', 'bf16'], { ok: true, precision: 'bf16' }],
    [['--precision=fp32'], { ok: true, precision: 'fp32' }],
    [['--precision', 'auto'], { ok: true, precision: 'auto' }],
    [[], { ok: true, precision: undefined }],
  ] as const)('%j', (argv, want) => {
    const r = parseBenchArgs([...argv]);
    expect(r.ok).toBe(want.ok);
    if (r.ok) expect(r.options.precision).toBe(want.precision);
  });

  it.each([
    [['--precision', 'fp16'], ['--precision needs auto, fp32 or bf16; got "fp16"']],
    [['--precision'], ['--precision needs auto, fp32 or bf16; got nothing']],
  ])('refuses %j', (argv, errors) => {
    expect(parseBenchArgs(argv)).toEqual({ ok: false, errors });
  });
});

describe('planBenchPrecision', () => {
  it.each([
    ['AVX2, auto: bf16 rows skipped, saying why', 'auto', false, epyc, false,
      /^no native bf16 here, so the bf16 rows are skipped: this CPU \(Test CPU\) has no native bf16 instructions: neither avx512_bf16 nor amx_bf16/],
    ['AMX, auto: PyTorch autocast rows, netspec fp32', 'auto', false, amx, true,
      /^precision: netspec fp32 \(auto \(the default\): netspec's bf16 kernels are not implemented yet\); PyTorch also under torch\.autocast/],
    ['AVX-512 BF16, auto: PyTorch autocast rows', 'auto', false, cooper, true, /PyTorch also under torch\.autocast\('cpu', dtype=torch\.bfloat16\)$/],
    ['AMX, fp32: bf16 rows skipped', 'fp32', true, amx, false, /^--precision fp32: bf16 rows skipped$/],
    ['AMX capped at AVX2: skipped, naming the cap', 'auto', false, { ...amx, onednnIsa: 'avx2', maxIsaEnv: 'AVX2' }, false,
      /^no native bf16 here, so the bf16 rows are skipped: .*has AMX \(amx_bf16\), but oneDNN is limited to the avx2 ISA \(ONEDNN_MAX_CPU_ISA=AVX2\)/],
  ] as const)('%s', (_, request, given, f, torchBf16, line) => {
    const r = planBenchPrecision(request, given, f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.torchBf16).toBe(torchBf16);
    expect(r.plan.notes[0]).toMatch(/^CPU: Test CPU; native bf16: (none|AMX \(amx_bf16\)|AVX-512 BF16 \(avx512_bf16\)); oneDNN ISA \(netspec-cpu\): \w+/);
    expect(r.plan.notes[1]).toMatch(line);
    expect(r.plan.facts.cpuFlags).not.toContain('fpu'); // only the flags that decide are kept
  });

  it.each([
    ['AVX2', epyc, 'NS0420'],
    ['AMX (no bf16 kernels)', amx, 'NS0423'],
  ] as const)('--precision bf16 on %s is refused as train refuses it', (_, f, code) => {
    const r = planBenchPrecision('bf16', true, f);
    expect(r).toMatchObject({ ok: false, diagnostic: { code, severity: 'error' } });
    expect(!r.ok && r.diagnostic.message).toMatch(/^--precision bf16 cannot run: /);
  });
});

describe('the report', () => {
  it('the header carries the CPU, the ISA and the bf16 line', () => {
    const plan = planBenchPrecision('auto', false, epyc);
    if (!plan.ok) throw new Error('refused');
    const r: BenchReport = {
      node: 'v20', cpus: { count: 2, model: 'Test CPU' }, threads: 2, start: { loadavg: [0, 0, 0], at: '' },
      torch: { available: false, why: '--no-torch', notes: [] }, models: [], warnings: [], precision: plan.plan,
    };
    const lines = renderHeader(r);
    expect(lines[1]).toBe('CPU: Test CPU; native bf16: none; oneDNN ISA (netspec-cpu): avx2');
    expect(lines[2]).toMatch(/^no native bf16 here, so the bf16 rows are skipped/);
  });

  it('PyTorch\'s autocast figures get their own row, without ratios (netspec has no bf16 row)', () => {
    const torch = torchFigures({
      torch: '1.13', threads: 2, mkldnn: true, params: 1, irParams: 1, finalSoftmax: true, blas: 'openblas', allocator: 'jemalloc', libraries: [],
      batch: 32, forwardMs: [100, 100], trainMs: [400, 400], peakRssMB: 900, forwardBf16Ms: [50, 50], trainBf16Ms: [160, 160], peakRssBf16MB: 1000,
    });
    const m: ModelReport = { model: 'm', batch: 32, warmup: 1, steps: 2, params: 1e6, multAdds: 1e8, backends: [], torch, ratios: {} };
    const rows = renderModel(m).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.find((r) => r[0] === 'PyTorch')).toEqual(['PyTorch', '320', '80.0', '900', '—', '1.00×', '1.00×']);
    expect(rows.find((r) => r[0] === 'PyTorch bf16 (autocast)')).toEqual(['PyTorch bf16 (autocast)', '640', '200', '1000', '—', '—', '—']);
    const plain = renderModel({ ...m, torch: torchFigures({ torch: '1.13', threads: 2, mkldnn: true, params: 1, irParams: 1, finalSoftmax: true, blas: 'x', allocator: 'y', libraries: [], batch: 32, forwardMs: [100], trainMs: [400] }) });
    expect(plain.some((l) => l.includes('bf16'))).toBe(false);
  });
});

describe.skipIf(!torchAvailable().ok)('torch_bench.py --bf16', () => {
  it('times forward and training under autocast after fp32 (lenet5, batch 2, one step)', () => {
    const ir = irJson(path.join(root, 'models', 'lenet5.yaml'));
    if (!ir.ok) throw new Error(ir.errors.join('; '));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-bf16-'));
    try {
      const irFile = path.join(dir, 'ir.json');
      fs.writeFileSync(irFile, ir.json);
      const base = { irFile, batch: 2, warmup: 0, steps: 1, threads: 1, seed: 1 };
      const env = { ...process.env, OMP_NUM_THREADS: '1' };
      const with16 = runTorch({ ...base, bf16: true }, env);
      expect(with16.ok, with16.ok ? '' : with16.why).toBe(true);
      if (!with16.ok) return;
      expect(with16.report.forwardBf16Ms).toHaveLength(1);
      expect(with16.report.trainBf16Ms).toHaveLength(1);
      expect(with16.report.peakRssBf16MB).toBeGreaterThanOrEqual(with16.report.peakRssMB!);
      const without = runTorch(base, env);
      expect(without.ok && without.report.forwardBf16Ms).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('autocast computes convolutions in bf16 and keeps weights fp32 (what the rows measure)', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', [
      'import torch',
      'c = torch.nn.Conv2d(1, 2, 3)',
      'with torch.autocast("cpu", dtype=torch.bfloat16): y = c(torch.rand(1, 1, 8, 8))',
      'print(y.dtype, c.weight.dtype)',
    ].join('\n')], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('torch.bfloat16 torch.float32');
  });
});
