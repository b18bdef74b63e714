// Precision detection (src/runtime/backends/precision.ts) over fake machines: what auto picks and
// why, and which code refuses an explicit bf16, naming what is missing.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bf16Missing, cpuBf16, decidePrecision, NETSPEC_BF16_KERNELS, type PrecisionFacts } from '../src/runtime/backends/precision.ts';
import { parseCpuinfo, readPrecisionFacts } from '../src/runtime/backends/precision-facts.ts';
import { ADDON_PATH } from '../src/runtime/backends/native-addon.ts';

const BASE = ['fpu', 'sse4_1', 'avx', 'avx2', 'fma'];
const SPR = [...BASE, 'avx512f', 'avx512_vnni', 'avx512_bf16', 'amx_bf16', 'amx_tile', 'amx_int8'];
const COOPER = [...BASE, 'avx512f', 'avx512_vnni', 'avx512_bf16'];
const SKYLAKE = [...BASE, 'avx512f', 'avx512bw'];

const machine = (cpuFlags: string[] | undefined, onednnIsa: string | undefined, more: Partial<PrecisionFacts> = {}): PrecisionFacts => ({
  ...(cpuFlags ? { cpuFlags } : {}), ...(onednnIsa ? { onednnIsa } : {}), backend: 'netspec-cpu', bf16Kernels: false, ...more,
});

const amx = machine(SPR, 'avx512_core_amx', { cpuModel: 'Intel Xeon Platinum 8480+' });
const cooper = machine(COOPER, 'avx512_core_bf16');
const epyc = machine(BASE, 'avx2', { cpuModel: 'AMD EPYC' });
const skylake = machine(SKYLAKE, 'avx512_core');
const amxCapped = machine(SPR, 'avx2', { maxIsaEnv: 'AVX2' });
const amxCappedNoAddon = machine(SPR, undefined, { maxIsaEnv: 'AVX2' });

describe('native bf16 from the CPU flags, else from oneDNN', () => {
  it.each([
    ['AMX', SPR, undefined, 'AMX (amx_bf16)'],
    ['AVX-512 BF16', COOPER, undefined, 'AVX-512 BF16 (avx512_bf16)'],
    ['AVX-512 without BF16', SKYLAKE, 'avx512_core', undefined],
    ['AVX2 only', BASE, 'avx2', undefined],
    ['amx_bf16 without tiles is not usable', [...BASE, 'amx_bf16'], undefined, undefined],
    ['no flags: oneDNN says AMX', undefined, 'avx512_core_amx', 'oneDNN ISA avx512_core_amx'],
    ['no flags, no oneDNN', undefined, undefined, undefined],
  ] as [string, string[] | undefined, string | undefined, string | undefined][])('%s', (_, flags, isa, want) => {
    expect(cpuBf16({ cpuFlags: flags, onednnIsa: isa })).toBe(want);
  });
});

describe('what bf16 lacks, in order', () => {
  it.each([
    ['AMX machine: only the kernels', amx, ['NS0423']],
    ['AVX-512 BF16 machine: only the kernels', cooper, ['NS0423']],
    ['AVX2 machine: the instructions, then the kernels', epyc, ['NS0420', 'NS0423']],
    ['AVX-512 without BF16', skylake, ['NS0420', 'NS0423']],
    ['AMX with ONEDNN_MAX_CPU_ISA=AVX2', amxCapped, ['NS0421', 'NS0423']],
    ['AMX with ONEDNN_MAX_CPU_ISA=AVX2 and no addon', amxCappedNoAddon, ['NS0421', 'NS0423']],
    ['AMX with ONEDNN_MAX_CPU_ISA=ALL and no addon', machine(SPR, undefined, { maxIsaEnv: 'ALL' }), ['NS0423']],
    ['AMX with ONEDNN_MAX_CPU_ISA=avx512_core and no addon', machine(SPR, undefined, { maxIsaEnv: 'avx512_core' }), ['NS0421', 'NS0423']],
    ['AMX with a value oneDNN ignores and no addon', machine(SPR, undefined, { maxIsaEnv: 'FAST' }), ['NS0423']],
    ['AMX on tfjs-node', { ...amx, backend: 'tfjs-node' }, ['NS0422', 'NS0423']],
    ['AMX with kernels: nothing', { ...amx, bf16Kernels: true }, []],
  ] as [string, PrecisionFacts, string[]][])('%s', (_, facts, codes) => {
    expect(bf16Missing(facts).map((m) => m.code)).toEqual(codes);
  });
});

describe('decidePrecision', () => {
  it.each([
    ['auto on AVX2 takes fp32: no instructions', 'auto', epyc, 'fp32', /^auto \(the default\): this CPU \(AMD EPYC\) has no native bf16 instructions: neither avx512_bf16 nor amx_bf16/],
    ['auto on AMX takes fp32: no kernels yet', 'auto', amx, 'fp32', /^auto \(the default\): netspec's bf16 kernels are not implemented yet$/],
    ['auto on AVX-512 BF16 takes fp32: no kernels yet', 'auto', cooper, 'fp32', /not implemented yet/],
    ['auto on capped AMX takes fp32: oneDNN limited', 'auto', amxCapped, 'fp32', /has AMX \(amx_bf16\), but oneDNN is limited to the avx2 ISA \(ONEDNN_MAX_CPU_ISA=AVX2\)/],
    ['auto on AMX with kernels takes bf16', 'auto', { ...amx, bf16Kernels: true }, 'bf16', /native bf16: AMX \(amx_bf16\), oneDNN ISA avx512_core_amx/],
    ['auto on AVX-512 BF16 with kernels takes bf16', 'auto', { ...cooper, bf16Kernels: true }, 'bf16', /AVX-512 BF16/],
    ['fp32 is fp32 everywhere', 'fp32', amx, 'fp32', /^--precision fp32 \(native bf16: AMX/],
    ['bf16 with everything is bf16', 'bf16', { ...amx, bf16Kernels: true }, 'bf16', /^--precision bf16/],
  ] as const)('%s', (_, request, facts, precision, reason) => {
    const d = decidePrecision(request, facts);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.precision).toBe(precision);
    expect(d.reason).toMatch(reason);
  });

  it.each([
    ['on AVX2: the instructions', epyc, 'NS0420', /^--precision bf16 cannot run: this CPU \(AMD EPYC\) has no native bf16 instructions: neither avx512_bf16 nor amx_bf16 is in \/proc\/cpuinfo's flags \(oneDNN ISA avx2\)$/,
      /not implemented yet/],
    ['on AMX: the kernels', amx, 'NS0423', /^--precision bf16 cannot run: netspec's bf16 kernels are not implemented yet$/, undefined],
    ['on AVX-512 BF16: the kernels', cooper, 'NS0423', /kernels are not implemented yet$/, undefined],
    ['on capped AMX: ONEDNN_MAX_CPU_ISA', amxCapped, 'NS0421', /ONEDNN_MAX_CPU_ISA=AVX2/, /not implemented yet/],
    ['on AMX through tfjs-node: the backend', { ...amx, backend: 'tfjs-node' }, 'NS0422', /the tfjs-node backend computes in fp32 only/, /not implemented yet/],
  ] as [string, PrecisionFacts, string, RegExp, RegExp | undefined][])('refuses bf16 %s', (_, facts, code, message, note) => {
    const d = decidePrecision('bf16', facts);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.diagnostic.code).toBe(code);
    expect(d.diagnostic.severity).toBe('error');
    expect(d.diagnostic.message).toMatch(message);
    expect(d.diagnostic.help).toBeTruthy();
    if (note) expect(d.diagnostic.note).toMatch(note);
    else expect(d.diagnostic.note).toBeUndefined();
  });

  it('a spec\'s bf16 is refused at train.precision', () => {
    const d = decidePrecision('bf16', epyc, { kind: 'spec', file: 'm.yaml' });
    expect(d).toMatchObject({ ok: false, diagnostic: { code: 'NS0420', location: { file: 'm.yaml', path: ['train', 'precision'] } } });
    expect(!d.ok && d.diagnostic.message).toMatch(/^train\.precision: bf16 cannot run/);
  });

  it('netspec has no bf16 kernels yet, so nothing picks bf16 today', () => {
    expect(NETSPEC_BF16_KERNELS).toBe(false);
  });
});

describe('facts from this machine', () => {
  it('parses /proc/cpuinfo', () => {
    const text = 'processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu avx avx2 fma\n\nprocessor\t: 1\nmodel name\t: other\n';
    expect(parseCpuinfo(text)).toEqual({ model: 'AMD EPYC 7B13', flags: ['fpu', 'avx', 'avx2', 'fma'] });
    expect(parseCpuinfo('')).toEqual({ model: undefined, flags: undefined });
  });

  it('asks the addon for its ISA only on netspec-cpu, and reads ONEDNN_MAX_CPU_ISA', () => {
    let asked = 0;
    const deps = { cpuinfo: () => 'model name : X\nflags : avx2\n', onednnIsa: () => (asked++, 'avx2'), env: { ONEDNN_MAX_CPU_ISA: 'AVX2' } };
    expect(readPrecisionFacts('tfjs-node', deps)).toEqual({ cpuFlags: ['avx2'], cpuModel: 'X', maxIsaEnv: 'AVX2', backend: 'tfjs-node', bf16Kernels: false });
    expect(asked).toBe(0);
    expect(readPrecisionFacts('netspec-cpu', deps).onednnIsa).toBe('avx2');
    expect(asked).toBe(1);
  });

  it.skipIf(!fs.existsSync(ADDON_PATH))('the native addon reports oneDNN\'s ISA', () => {
    expect(readPrecisionFacts('netspec-cpu').onednnIsa, 'native addon built with info().isa (npm run build:native)').toMatch(/^(sse41|avx|avx2|avx2_vnni|avx512_\w+)$/);
  });

  it.skipIf(!fs.existsSync('/proc/cpuinfo'))('this machine: auto agrees with its flags', () => {
    const facts = readPrecisionFacts('netspec-cpu');
    expect(facts.cpuFlags?.length).toBeGreaterThan(0);
    const d = decidePrecision('auto', facts);
    expect(d.ok && d.precision).toBe('fp32'); // no bf16 kernels anywhere yet
    const native = facts.cpuFlags!.includes('avx512_bf16') || facts.cpuFlags!.includes('amx_bf16');
    expect(d.ok && d.reason).toMatch(native ? /kernels are not implemented/ : /no native bf16 instructions/);
  });
});
