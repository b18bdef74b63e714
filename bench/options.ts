// `npm run bench` arguments: parsed into data, every mistake reported at once (run.ts prints and exits).
import { PRECISIONS, type PrecisionRequest } from '../src/runtime/backends/precision.ts';

/** Backends the bench knows, by the name selectBackend reports when it picks them. */
export const BENCH_BACKENDS = ['netspec-cpu', 'wasm', 'cpu', 'webgpu', 'tfjs-node', 'tfjs-node-gpu'] as const;
export type BenchBackend = (typeof BENCH_BACKENDS)[number];

/** What runs when no flag says otherwise. */
export const DEFAULT_BACKENDS: BenchBackend[] = ['netspec-cpu', 'wasm', 'cpu'];

export interface ModelDefaults { batch: number; warmup: number; steps: number }

/**
 * The AlexNets and two batch-norm nets of the zoo. ImageNet-sized steps take about a second on the
 * native backend (minutes on pure JS), so few of them; the fashion net's take milliseconds, so
 * more for a steadier median.
 */
export const DEFAULT_MODELS: Record<string, ModelDefaults> = {
  'alexnet-torchvision': { batch: 32, warmup: 2, steps: 5 },
  alexnet: { batch: 32, warmup: 2, steps: 5 },
  'alexnet-fashion': { batch: 128, warmup: 3, steps: 15 },
  resnet18: { batch: 32, warmup: 2, steps: 5 },
  mobilenet_v2: { batch: 32, warmup: 2, steps: 5 },
};

/** A model not in DEFAULT_MODELS (any models/<name>.yaml with a generated module). */
export const OTHER_MODEL: ModelDefaults = { batch: 32, warmup: 2, steps: 5 };

export interface BenchOptions {
  /** Model names: models/<name>.yaml, generated/<name>.ts. */
  models: string[];
  /** Overrides of every model's default; undefined keeps each model's own. */
  batch?: number;
  warmup?: number;
  steps?: number;
  backends: BenchBackend[];
  /** Threads for every peer: OMP/OpenBLAS of the native backend and of PyTorch, torch.set_num_threads. */
  threads: number;
  json: boolean;
  /** Also write bench.txt and bench.json into this folder (made if missing). */
  save?: string;
  torch: boolean;
  help: boolean;
  /** --precision; absent: auto (fp32 rows, plus PyTorch's bf16 where the CPU has native bf16). */
  precision?: PrecisionRequest;
}

export type ParseResult = { ok: true; options: BenchOptions } | { ok: false; errors: string[] };

export const USAGE = `usage: npm run bench -- [options]

  --models a,b       models/<name>.yaml to run (default: ${Object.keys(DEFAULT_MODELS).join(',')})
  --backends a,b     tfjs backends (default: ${DEFAULT_BACKENDS.join(',')}; also: ${BENCH_BACKENDS.filter((b) => !DEFAULT_BACKENDS.includes(b)).join(', ')})
  --batch N          batch size for every model (default: 32; 128 for alexnet-fashion)
  --warmup N         untimed steps before measuring (default: 2, fashion 3)
  --steps N          timed steps; figures are their median (default: 5, fashion 15)
  --threads N        threads for the native backend and for PyTorch (default: 2)
  --no-torch         skip the PyTorch peer
  --precision P      auto (default: fp32, plus PyTorch autocast bf16 rows where the CPU has native
                     bf16), fp32, or bf16 (refused: netspec has no bf16 kernels yet)
  --json             print one JSON document instead of tables
  --save DIR         also write the tables to DIR/bench.txt and the JSON to DIR/bench.json
  --help`;

const positiveInt = (flag: string, raw: string | undefined, min: number, errors: string[]): number | undefined => {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < min) {
    errors.push(`${flag} needs an integer >= ${min}; got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
    return undefined;
  }
  return n;
};

const list = (flag: string, raw: string | undefined, errors: string[]): string[] | undefined => {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (raw === undefined || items.length === 0) {
    errors.push(`${flag} needs a comma-separated list; got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
    return undefined;
  }
  return [...new Set(items)];
};

/** Parses argv (without node and script). Accepts `--flag value` and `--flag=value`. */
export function parseBenchArgs(argv: string[]): ParseResult {
  const errors: string[] = [];
  const o: BenchOptions = {
    models: Object.keys(DEFAULT_MODELS), backends: [...DEFAULT_BACKENDS], threads: 2, json: false, torch: true, help: false,
  };
  const args = argv.flatMap((a) => (/^--[\w-]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    // A following flag is not a value: `--models --json` lacks the list and keeps --json.
    const value = () => (args[i + 1]?.startsWith('--') ? undefined : args[++i]);
    switch (flag) {
      case '--models': {
        const names = list(flag, value(), errors);
        // Accept a path or a file name too: models/alexnet.yaml → alexnet.
        if (names) o.models = names.map((n) => n.replace(/^.*\//, '').replace(/\.ya?ml$/i, ''));
        break;
      }
      case '--backends': {
        const names = list(flag, value(), errors);
        if (!names) break;
        const aliased = names.map((n) => (n === 'native' ? 'netspec-cpu' : n));
        const unknown = aliased.filter((n) => !(BENCH_BACKENDS as readonly string[]).includes(n));
        if (unknown.length > 0) errors.push(`--backends: unknown ${unknown.join(', ')} (known: ${BENCH_BACKENDS.join(', ')})`);
        else o.backends = aliased as BenchBackend[];
        break;
      }
      case '--batch': o.batch = positiveInt(flag, value(), 1, errors); break;
      case '--warmup': o.warmup = positiveInt(flag, value(), 0, errors); break;
      case '--steps': o.steps = positiveInt(flag, value(), 1, errors); break;
      case '--threads': o.threads = positiveInt(flag, value(), 1, errors) ?? o.threads; break;
      case '--json': o.json = true; break;
      case '--save': {
        const dir = value();
        if (dir === undefined || dir === '') errors.push('--save needs a folder');
        else o.save = dir;
        break;
      }
      case '--no-torch': o.torch = false; break;
      case '--precision': {
        const p = value();
        if ((PRECISIONS as readonly string[]).includes(p ?? '')) o.precision = p as PrecisionRequest;
        else errors.push(`--precision needs auto, fp32 or bf16; got ${p === undefined ? 'nothing' : JSON.stringify(p)}`);
        break;
      }
      case '--help': case '-h': o.help = true; break;
      default: errors.push(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: o };
}

/** Batch, warm-up and steps for one model: the flags where given, else the model's defaults. */
export function modelSettings(model: string, o: Pick<BenchOptions, 'batch' | 'warmup' | 'steps'>): ModelDefaults {
  const d = DEFAULT_MODELS[model] ?? OTHER_MODEL;
  return { batch: o.batch ?? d.batch, warmup: o.warmup ?? d.warmup, steps: o.steps ?? d.steps };
}
