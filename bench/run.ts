// `npm run bench`: forward and training-step images/s and peak memory of the AlexNets on every
// available tfjs backend, next to PyTorch on the same nets in the same run. See bench/README.md.
//
// Each (model, backend) pair runs in its own process (tfjs-worker.ts), so that its peak RSS is
// its own and one backend's state cannot slow the next; PyTorch runs in torch_bench.py, one
// process per model. Everything runs one after another: they share the machine's cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { irJson } from './ir-json.ts';
import { acquireLock } from './lock.ts';
import { modelSettings, parseBenchArgs, USAGE, type BenchBackend, type BenchOptions } from './options.ts';
import { planBackend } from './plan.ts';
import {
  loadWarning, peakLines, ratiosFor, renderFooter, renderHeader, renderModel, torchFigures,
  type BenchReport, type MachineState, type ModelReport, type TorchFigures,
} from './report.ts';
import { RESULT_MARK, type TfjsRequest, type TfjsResult } from './tfjs-measure.ts';
import { multiarchDirs, runTorch, torchAvailable, torchEnv } from './torch-peer.ts';
import { planBenchPrecision, type BenchPrecision } from './precision.ts';
import { clockFromCpuinfo, machinePeak, type PeakFacts } from './peak.ts';
import { defaultFactDeps, parseCpuinfo, readPrecisionFacts } from '../src/runtime/backends/precision-facts.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./tfjs-worker.ts', import.meta.url));
const SEED = 1;

const machine = (): MachineState => ({ loadavg: os.loadavg(), at: new Date().toISOString() });

/** Threads for the native backend (OpenMP for oneDNN, OpenBLAS): the same as PyTorch gets. */
const threadEnv = (threads: number): NodeJS.ProcessEnv => ({ ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) });

function runWorker(req: TfjsRequest, threads: number): TfjsResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(req)], {
    cwd: ROOT, env: threadEnv(threads), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (line) return JSON.parse(line.slice(RESULT_MARK.length)) as TfjsResult;
  const tail = (r.stderr ?? '').trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0] ?? r.error?.message ?? '';
  const how = r.signal ? `killed by ${r.signal}${r.signal === 'SIGKILL' ? ' (out of memory?)' : ''}` : `exited with status ${r.status}`;
  return { model: req.model, backend: req.backend, available: false, why: `worker ${how}${tail ? `: ${tail.slice(0, 300)}` : ''}` };
}

/**
 * This machine's facts for netspec-cpu. Loading the addon sets OPENBLAS_THREAD_TIMEOUT in this
 * process (native-addon.ts); it is put back so that PyTorch's environment stays as it was.
 */
function machinePrecisionFacts() {
  const before = process.env.OPENBLAS_THREAD_TIMEOUT;
  const facts = readPrecisionFacts('netspec-cpu');
  if (before === undefined) delete process.env.OPENBLAS_THREAD_TIMEOUT;
  else process.env.OPENBLAS_THREAD_TIMEOUT = before;
  return facts;
}

/** What the peak needs from this machine: /proc/cpuinfo's flags, family, model and clock. */
function peakFacts(threads: number): PeakFacts {
  const text = defaultFactDeps.cpuinfo();
  if (text === undefined) return { threads };
  const num = (name: string) => {
    const v = new RegExp(`^${name}\\s*:\\s*(\\d+)`, 'm').exec(text)?.[1];
    return v === undefined ? undefined : Number(v);
  };
  const clock = clockFromCpuinfo(text);
  return { threads, cpuFlags: parseCpuinfo(text).flags, cpuFamily: num('cpu family'), cpuModelNumber: num('model'), mhz: clock?.mhz, mhzSource: clock?.source };
}

async function bench(o: BenchOptions, progress: (line: string) => void, precision: BenchPrecision): Promise<BenchReport> {
  const facts = peakFacts(o.threads);
  const report: BenchReport = {
    node: process.version,
    cpus: { count: os.cpus().length, model: os.cpus()[0]?.model.trim() ?? 'unknown' },
    threads: o.threads,
    start: machine(),
    torch: { available: false, notes: [] },
    models: [],
    warnings: [],
    precision,
    peaks: { fp32: machinePeak('fp32', facts), ...(precision.torchBf16 ? { bf16: machinePeak('bf16', facts) } : {}) },
  };
  for (const line of [...precision.notes, ...peakLines(report.peaks)]) progress(line); // at once: the tables come only at the end
  const busy = loadWarning('start', report.start);
  if (busy) {
    report.warnings.push(busy);
    progress(`warning: ${busy}`);
  }

  const torchHere = o.torch ? torchAvailable() : { ok: false as const, why: '--no-torch' };
  if (!torchHere.ok) report.torch.why = torchHere.why;
  const tEnv = torchEnv(o.threads, process.env, multiarchDirs());
  if (torchHere.ok) report.torch.notes.push(...tEnv.notes);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'netspec-bench-'));
  try {
    for (const model of o.models) {
      const settings = modelSettings(model, o);
      const spec = path.join(ROOT, 'models', `${model}.yaml`);
      const base = { model, ...settings, params: 0, multAdds: 0, backends: [] as TfjsResult[], ratios: {} };
      const ir = existsSync(spec) ? irJson(spec) : { ok: false as const, errors: [`no such model: ${path.relative(ROOT, spec)}`] };
      if (!ir.ok) {
        report.warnings.push(`${model}: ${ir.errors.join('; ')}`);
        continue;
      }
      if (!existsSync(path.join(ROOT, 'generated', `${model}.ts`))) {
        report.warnings.push(`${model}: generated/${model}.ts missing: run \`npm run compile -- models/${model}.yaml\``);
        continue;
      }
      const m: ModelReport = {
        ...base,
        params: ir.ir.nodes.reduce((a, n) => a + n.params, 0),
        multAdds: ir.ir.nodes.reduce((a, n) => a + n.multAdds, 0),
      };
      for (const backend of o.backends as BenchBackend[]) {
        const plan = planBackend(backend, m.multAdds, settings);
        if (plan.skip) {
          m.backends.push({ model, backend, available: false, why: plan.skip });
          continue;
        }
        progress(`${model} on ${backend}…`);
        m.backends.push(runWorker({
          model, backend, batch: settings.batch, warmup: plan.warmup, steps: plan.steps, seed: SEED, root: ROOT,
          skipForward: plan.skipForward, skipTrain: plan.skipTrain, profile: plan.profile,
        }, o.threads));
      }
      if (torchHere.ok) {
        progress(`${model} on PyTorch…`);
        const irFile = path.join(tmp, `${model}.ir.json`);
        writeFileSync(irFile, ir.json);
        const run = runTorch({ irFile, ...settings, threads: o.threads, seed: SEED, bf16: precision.torchBf16 }, tEnv.env);
        let fig: TorchFigures;
        if (run.ok) {
          fig = torchFigures(run.report);
          if (!report.torch.available) {
            const t = run.report;
            Object.assign(report.torch, { available: true, version: t.torch, blas: t.blas, allocator: t.allocator, mkldnn: t.mkldnn, threads: t.threads, libraries: t.libraries });
            if (t.blas !== 'openblas' && t.blas !== 'mkl') report.warnings.push(`PyTorch runs on the ${t.blas} BLAS: its FC layers are slow, so ratios flatter netspec`);
          }
        } else fig = { ok: false, why: run.why };
        m.torch = fig;
      }
      m.ratios = ratiosFor(m.backends, m.torch);
      report.models.push(m);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.end = machine();
  const busyEnd = loadWarning('end', report.end, o.threads);
  if (busyEnd) report.warnings.push(busyEnd);
  return report;
}

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.errors.map((e) => `error: ${e}`).join('\n')}\n\n${USAGE}\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const precision = planBenchPrecision(o.precision ?? 'auto', o.precision !== undefined, machinePrecisionFacts());
  if (!precision.ok) {
    process.stderr.write(renderDiagnostics([precision.diagnostic], new Map(), { cwd: ROOT }));
    return 1;
  }
  const lock = acquireLock();
  if (!lock.ok) {
    process.stderr.write(`error: ${lock.why}\n`);
    return 1;
  }
  const stop = () => { lock.release(); process.exit(130); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const progress = (line: string) => process.stderr.write(`${line}\n`);
    const report = await bench(o, progress, precision.plan);
    const json = JSON.stringify(report, null, 2);
    const text = [...renderHeader(report), '', ...report.models.flatMap((m) => [...renderModel(m, report.peaks), '']), ...renderFooter(report)].join('\n');
    process.stdout.write(`${o.json ? json : text}\n`);
    if (o.save) {
      mkdirSync(o.save, { recursive: true });
      writeFileSync(path.join(o.save, 'bench.txt'), `${text}\n`);
      writeFileSync(path.join(o.save, 'bench.json'), `${json}\n`);
      progress(`saved ${path.join(o.save, 'bench.txt')} and bench.json`);
    }
    return 0;
  } finally {
    lock.release();
  }
}

process.exitCode = await main();
