// --precision and train.precision through the commands: the choice and its reason are printed at
// start, an explicit bf16 is refused with a code naming what this machine lacks (never run in
// fp32 instead), and netspec trains in fp32 with oneDNN capped by ONEDNN_MAX_CPU_ISA. Whether this
// machine has native bf16 is read from /proc/cpuinfo here, independently of precision-facts.ts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../src/cli/eval.ts';
import { trainCommand } from '../src/cli/train.ts';
import { prepareRun } from '../src/runtime/train/prepare.ts';
import { resolveConfig, resumeConflicts } from '../src/runtime/train/config.ts';
import type { BackendChoice } from '../src/runtime/backends/select.ts';
import type { PrecisionFacts } from '../src/runtime/backends/precision.ts';
import { analyzeModel } from '../src/compiler/analyze.ts';
import { FASHION, haveFashion } from './train-helpers.ts';

const root = path.resolve(__dirname, '..');
const work = path.join(root, 'runs', `.test-precision-${process.pid}`);
const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
const nativeBf16 = /^flags\s*:.*\b(avx512_bf16|amx_bf16)\b/m.test(cpuinfo);
const haveAddon = fs.existsSync(path.join(root, 'native/build/Release/netspec_native.node'));

const SPEC = (precision?: string) => `name: tiny
input: { shape: [28, 28, 1] }
classes: 10
layers:
  - { type: conv2d, name: conv1, filters: 4, kernel: 3, stride: 2, activation: relu }
  - { type: flatten }
  - { type: dense, name: fc, units: 10, activation: softmax }
train:
  dataset: { kind: fashion-mnist }
  batchSize: 16
  epochs: 1
  stepsPerEpoch: 2${precision ? `\n  precision: ${precision}` : ''}
`;
const spec = (name: string, precision?: string) => {
  const file = path.join(work, `${name}.yaml`);
  fs.writeFileSync(file, SPEC(precision));
  return file;
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: root } };
}
const train = async (argv: string[]) => {
  const c = capture();
  return { code: await trainCommand(argv, c.io), out: c.out.join('\n'), err: c.err.join('\n') };
};
const FAST = ['--data', FASHION, '--val-steps', '1', '--progress', 'lines'];

beforeAll(() => fs.mkdirSync(work, { recursive: true }));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('configuration', () => {
  it.each([
    ['nothing asked: auto', {}, {}, 'auto'],
    ['the spec\'s', { precision: 'fp32' }, {}, 'fp32'],
    ['--precision wins over the spec', { precision: 'fp32' }, { precision: 'bf16' }, 'bf16'],
  ] as const)('%s', (_, train, o, want) => {
    const r = resolveConfig({ dataset: { kind: 'fashion-mnist' }, ...train }, o, 'm', 'm.yaml');
    expect(r.ok && r.config.precision).toBe(want);
  });

  it('a resumed run keeps its precision; runs saved before it existed asked for auto', () => {
    const r = resolveConfig({ dataset: { kind: 'fashion-mnist' } }, { precision: 'fp32' }, 'm', 'm.yaml');
    if (!r.ok) throw new Error(r.diagnostic.message);
    expect(resumeConflicts(r.config, { precision: 'fp32' })).toEqual([]);
    expect(resumeConflicts(r.config, { precision: 'bf16' })).toEqual([{ option: '--precision', saved: 'fp32', given: 'bf16' }]);
    const { precision: _, ...old } = r.config;
    expect(resumeConflicts(old, { precision: 'auto' })).toEqual([]);
    expect(resumeConflicts(old, { precision: 'fp32' })).toEqual([{ option: '--precision', saved: 'auto', given: 'fp32' }]);
  });

  const backend: BackendChoice = { ok: true, name: 'netspec-cpu', device: 'CPU', tried: [], tfBackend: 'netspec-cpu' };
  const amx: PrecisionFacts = { cpuFlags: ['avx512_bf16', 'amx_bf16', 'amx_tile'], onednnIsa: 'avx512_core_amx', backend: 'netspec-cpu', bf16Kernels: false };
  const avx2: PrecisionFacts = { cpuFlags: ['avx2'], onednnIsa: 'avx2', backend: 'netspec-cpu', bf16Kernels: false };
  it.each([
    ['spec bf16 on AVX2', 'bf16', {}, avx2, 'NS0420', ['train', 'precision']],
    ['spec bf16 on AMX', 'bf16', {}, amx, 'NS0423', ['train', 'precision']],
    ['--precision bf16 on AMX', undefined, { precision: 'bf16' }, amx, 'NS0423', undefined],
    ['spec auto on AMX', 'auto', {}, amx, 'fp32', undefined],
    ['--precision fp32 over the spec\'s bf16', 'bf16', { precision: 'fp32' }, avx2, 'fp32', undefined],
  ] as const)('prepareRun: %s', (_, inSpec, overrides, facts, want, where) => {
    fs.mkdirSync(work, { recursive: true });
    const a = analyzeModel(spec(`prep-${inSpec}`, inSpec));
    expect(a.ir).toBeDefined();
    const r = prepareRun(a.ir!, { overrides, backend, precisionFacts: facts });
    if (want === 'fp32') {
      expect(r.ok && r.run.precision.precision).toBe('fp32');
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0].code).toBe(want);
    expect(r.diagnostics[0].location?.path).toEqual(where);
  });
});

describe.skipIf(!haveFashion)('through the commands', () => {
  it('train --precision bf16 is refused naming what this machine lacks, before any run folder', async () => {
    const out = path.join(work, 'refused');
    const r = await train([spec('plain'), ...FAST, '--backend', 'native', '--precision', 'bf16', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(nativeBf16 ? /^error\[NS042[13]\]: --precision bf16 cannot run: / : /^error\[NS0420\]: --precision bf16 cannot run: this CPU .* has no native bf16 instructions: neither avx512_bf16 nor amx_bf16/);
    expect(r.err).toMatch(/= help: /);
    expect(r.out).not.toMatch(/^precision:/m);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('train.precision: bf16 in the spec is refused at its line', async () => {
    const file = spec('spec-bf16', 'bf16');
    const r = await train([file, ...FAST, '--backend', 'native']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[NS042\d\]: train\.precision: bf16 cannot run/);
    expect(r.err).toMatch(/spec-bf16\.yaml:13:\d+/);
  });

  it('train --precision fp32 trains two steps, says so, and saves the request; eval refuses bf16 and runs fp32', async () => {
    const out = path.join(work, 'fp32');
    const r = await train([spec('plain'), ...FAST, '--backend', 'native', '--precision', 'fp32', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('precision: '));
    expect(lines[at]).toMatch(/^precision: fp32 — --precision fp32 \((native bf16|no native bf16).*oneDNN ISA \w+\)$/);
    expect(lines.findIndex((l) => l.startsWith('backend: '))).toBeLessThan(at);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8')).precision).toBe('fp32');

    // --resume keeps the saved request: another is refused, and the finished run says what it would use.
    await expect(train(['--resume', out, '--precision', 'bf16'])).rejects.toThrow(/only --epochs can change \(received --precision "bf16", saved "fp32"\)/);
    const again = await train(['--resume', out, '--backend', 'native']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^precision: fp32 — the run's precision \(config\.json\): fp32 \(/m);

    const e = capture();
    expect(await evalCommand([out, '--backend', 'native', '--precision', 'bf16', '--steps', '1'], e.io)).toBe(1);
    expect(e.err.join('\n')).toMatch(/^error\[NS042[013]\]: --precision bf16 cannot run/);
    const f = capture();
    expect(await evalCommand([out, '--backend', 'native', '--precision', 'fp32', '--steps', '1'], f.io)).toBe(0);
    expect(f.out.join('\n')).toMatch(/^precision: fp32 — --precision fp32/m);
    expect(f.out.join('\n')).toMatch(/top-1 error/);
  });

  it('a run that asked for bf16 is refused on resume where bf16 cannot run (CLI and API), not continued in fp32', async () => {
    const { resume, train: apiTrain } = await import('../src/index.ts');
    const { encodeCheckpoint, listCheckpoints, readCheckpoint } = await import('../src/runtime/train/checkpoint.ts');
    const { checkpointDir } = await import('../src/runtime/train/loop.ts');
    // A run trained in fp32 through the API, which says which precision it chose and why.
    const out = path.join(work, 'api-fp32');
    const lines: string[] = [];
    const r = await apiTrain({ text: SPEC('fp32'), file: 'api.yaml' }, { backend: 'native', data: FASHION, out, log: (l) => void lines.push(l) }).promise;
    expect(r.status).toBe('completed');
    expect(lines).toContainEqual(expect.stringMatching(/^precision: fp32 — train\.precision: fp32 \(.*oneDNN ISA \w+\)$/));
    // Its checkpoint as a bf16 machine would have written it: the run's config asks for bf16.
    const file = listCheckpoints(checkpointDir(out))[0]; // newest first
    const ck = readCheckpoint<{ extra: { config: { precision?: string; epochs: number } } }>(file);
    if (!ck.ok) throw new Error(ck.error);
    ck.value.meta.extra.config.precision = 'bf16';
    fs.writeFileSync(file, encodeCheckpoint(ck.value));
    const before = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8');

    const cli = await train(['--resume', out, '--backend', 'native', '--epochs', '2']);
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/^error\[NS042[013]\]: the run's precision \(config\.json\): bf16 cannot run/m);
    expect(cli.out).not.toMatch(/^precision:/m);
    const api = await resume(out, { backend: 'native', epochs: 2 }).promise;
    expect(api.status).toBe('failed');
    expect(api.diagnostics.map((d) => d.code)).toEqual([nativeBf16 ? expect.stringMatching(/^NS042[13]$/) : 'NS0420']);
    expect(fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8')).toBe(before); // not a step trained

    // The same run asking for fp32 again resumes through the API and says so.
    ck.value.meta.extra.config.precision = 'fp32';
    fs.writeFileSync(file, encodeCheckpoint(ck.value));
    const said: string[] = [];
    const again = await resume(out, { backend: 'native', epochs: 2, log: (l) => void said.push(l) }).promise;
    expect(again.status).toBe('completed');
    expect(said.find((l) => l.startsWith('precision: '))).toMatch(/^precision: fp32 — the run's precision \(config\.json\): fp32 \(/);
  });

  it('the API refuses bf16 the same way (a failed run with the diagnostic, no run folder)', async () => {
    const { train: apiTrain } = await import('../src/index.ts');
    const out = path.join(work, 'api-bf16');
    const r = await apiTrain({ text: SPEC('bf16'), file: 'api.yaml' }, { backend: 'native', data: FASHION, out }).promise;
    expect(r.status).toBe('failed');
    expect(r.diagnostics.map((d) => d.code)).toEqual([nativeBf16 ? expect.stringMatching(/^NS042[13]$/) : 'NS0420']);
    expect(r.diagnostics[0].location).toEqual({ file: 'api.yaml', path: ['train', 'precision'] });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--precision takes auto, fp32 or bf16 only', async () => {
    await expect(train([spec('plain'), '--precision', 'fp16'])).rejects.toThrow(/--precision must be one of auto, fp32, bf16; received "fp16"/);
    await expect(evalCommand([work, '--precision', 'half'], capture().io)).rejects.toThrow(/--precision must be one of auto, fp32, bf16/);
  });
});

// A child process per cap: oneDNN reads ONEDNN_MAX_CPU_ISA once, when it first runs.
describe.skipIf(!haveFashion || !haveAddon)('fp32 with oneDNN capped by ONEDNN_MAX_CPU_ISA', () => {
  it.each(['AVX2', 'SSE41'])('ONEDNN_MAX_CPU_ISA=%s: auto picks fp32 and two steps train on netspec-cpu', (cap) => {
    const out = path.join(work, `cap-${cap}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/train-child.ts', '0', spec('plain'), ...FAST, '--backend', 'native', '--out', out], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ONEDNN_MAX_CPU_ISA: cap }, timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^backend: netspec-cpu — CPU \(oneDNN /m);
    // The ISA oneDNN reports is the cap (this machine has AVX2; SSE41 is below it).
    const isa = cap.toLowerCase();
    expect(r.stdout).toMatch(nativeBf16
      ? new RegExp(`^precision: fp32 — auto \\(the default\\): .* but oneDNN is limited to the ${isa} ISA \\(ONEDNN_MAX_CPU_ISA=${cap}\\)`, 'm')
      : new RegExp(`^precision: fp32 — auto \\(the default\\): this CPU .* has no native bf16 instructions: .* \\(oneDNN ISA ${isa}\\)$`, 'm'));
    expect(r.stdout).toMatch(/^done: 1 epochs, 2 steps/m);
    const metrics = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(metrics).toHaveLength(1);
    expect(Number.isFinite(metrics[0].trainLoss)).toBe(true);
  });
});
