// Training throughput of netspec's generated AlexNets on tfjs's 'webgpu' backend (Dawn): the
// trainer's step (softmax cross-entropy, tf.variableGrads, netspec's SGD with momentum and weight
// decay) on one fixed batch of random images, so that only the GPU's work is timed, not data loading.
//
//   npx tsx bench/gpu/webgpu-bench.ts [--models alexnet,alexnet-torchvision] [--batch 128]
//       [--steps 30] [--warmup 3] [--budget-s S] [--package-kernels] [--require-gpu] [--json FILE]
//
// Prints the adapter, then per model the median step time after the warm-up steps and images/s.
// --budget-s stops a model's timed steps once S seconds have passed since its first step (at
// least one timed step is always taken). --package-kernels keeps tfjs-backend-webgpu's own
// LRNGrad and Conv2DBackpropFilter shaders instead of netspec's replacements (webgpu.ts).
// Each step ends with `await loss.data()`, which waits until the GPU has finished that step's work
// (weight updates included: they were submitted before the read). run.sh bundles this file.
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { releaseWebGPU, tryWebGPU } from '../../src/runtime/backends/webgpu.ts';
import { useEagerRelease } from '../../src/runtime/backprop.ts';
import { applyForTraining } from '../../src/runtime/train/forward.ts';
import { crossEntropy } from '../../src/runtime/train/metrics.ts';
import { takeDeviceError } from '../../src/runtime/backends/device-errors.ts';
import { createOptimizer } from '../../src/runtime/train/optimizer.ts';
import * as alexnet from '../../generated/alexnet.ts';
import * as alexnetTorchvision from '../../generated/alexnet-torchvision.ts';
import * as alexnetFashion from '../../generated/alexnet-fashion.ts';
import * as alexnetSingleTower from '../../generated/alexnet-single-tower.ts';

interface Generated {
  modelName: string;
  inputShape: readonly number[];
  numClasses: number;
  summary: { totalParams: number; multAdds: number };
  build(o?: { seed?: number }): tf.LayersModel;
}

const MODELS: Record<string, Generated> = Object.fromEntries(
  [alexnet, alexnetTorchvision, alexnetFashion, alexnetSingleTower].map((m) => [m.modelName, m as unknown as Generated]),
);

interface Options { models: string[]; batch: number; steps: number; warmup: number; budgetS: number; packageKernels: boolean; requireGpu: boolean; json?: string }

interface ModelResult {
  model: string;
  params: number;
  batch: number;
  /** Step times in ms, warm-up steps included. */
  stepMs: number[];
  warmup: number;
  medianMs: number;
  imagesPerSec: number;
  /** Loss of the first and the last step: it should fall (the batch is memorised). */
  lossFirst: number;
  lossLast: number;
  error?: string;
}

function parseArgs(argv: string[]): Options {
  const val = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (flag: string, dflt: number) => {
    const v = val(flag);
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer; received ${v}`);
    return n;
  };
  const models = (val('--models') ?? 'alexnet,alexnet-torchvision').split(',').map((m) => m.replace(/^.*\//, '').replace(/\.ya?ml$/, ''));
  for (const m of models) if (!MODELS[m]) throw new Error(`unknown model ${m}; known: ${Object.keys(MODELS).join(', ')}`);
  return {
    models,
    batch: int('--batch', 128),
    steps: int('--steps', Number(process.env.NETSPEC_GPU_BENCH_STEPS ?? 30)),
    warmup: int('--warmup', 3),
    budgetS: int('--budget-s', 100_000),
    packageKernels: argv.includes('--package-kernels'),
    requireGpu: argv.includes('--require-gpu'),
    json: val('--json'),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function benchModel(gen: Generated, o: Options, log: (l: string) => void): Promise<ModelResult> {
  const model = gen.build({ seed: 1 });
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const opt = createOptimizer({ type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 5e-4 }, vars);
  const x = tf.randomNormal([o.batch, ...gen.inputShape], 0, 1, 'float32', 1);
  const y = tf.randomUniform([o.batch], 0, gen.numClasses, 'int32', 2) as tf.Tensor1D;
  const stepMs: number[] = [];
  const losses: number[] = [];
  let warmup = 0;
  const step = async () => {
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(() => crossEntropy(applyForTraining(model, x) as tf.Tensor2D, y), vars);
    opt.apply(vars.map((v) => grads[v.name]), 0.01);
    losses.push((await value.data())[0]);
    tf.dispose([value, ...Object.values(grads)]);
    // Dawn reports validation errors (a buffer over a limit) only through this: figures after one are garbage.
    const deviceError = takeDeviceError();
    if (deviceError) throw new Error(`the WebGPU device reported an error at step ${stepMs.length + 1}: ${deviceError}`);
    stepMs.push(performance.now() - t0);
    const i = stepMs.length;
    if (i === 1 || i === warmup + 1 || i % 10 === 0) log(`  ${gen.modelName} step ${i}: ${stepMs[i - 1].toFixed(1)} ms, loss ${losses[i - 1].toFixed(4)}`);
  };
  try {
    const start = performance.now();
    const spent = () => performance.now() - start > o.budgetS * 1000;
    // Warm-up (shader compilation, buffer pools) is cut short, and the timed steps stopped, when
    // the budget runs out; there is always one warm-up and one timed step.
    while (warmup < o.warmup && !(warmup >= 1 && spent())) {
      await step();
      warmup++;
    }
    do await step();
    while (stepMs.length - warmup < o.steps && !spent());
    if (stepMs.length - warmup < o.steps) log(`  ${gen.modelName}: ${warmup} warm-up + ${stepMs.length - warmup} timed steps: the ${o.budgetS} s budget is spent`);
  } finally {
    opt.dispose();
    tf.dispose([x, y]);
    model.dispose();
  }
  const med = median(stepMs.slice(warmup));
  return {
    model: gen.modelName, params: gen.summary.totalParams, batch: o.batch, stepMs, warmup,
    medianMs: med, imagesPerSec: (o.batch * 1000) / med, lossFirst: losses[0], lossLast: losses.at(-1)!,
  };
}

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  const log = (l: string) => console.log(l);
  useEagerRelease(); // as selectBackend does for the trainer: the backward pass frees as it goes
  const gpu = await tryWebGPU({ packageKernels: o.packageKernels });
  if (!gpu.ok) {
    console.error(`webgpu: not available: ${gpu.why}`);
    return 2;
  }
  log(`webgpu: ${gpu.device}; ${o.packageKernels ? "tfjs-backend-webgpu's own" : "netspec's"} LRNGrad and Conv2DBackpropFilter`);
  if (gpu.software && o.requireGpu) {
    console.error('webgpu: the adapter is a software implementation, and --require-gpu was given: not benchmarking it as a GPU');
    releaseWebGPU();
    return 2;
  }
  tf.enableProdMode();
  const results: ModelResult[] = [];
  // Written after every model, so that a run cut short by a timeout keeps what it measured.
  const save = () => {
    if (o.json) fs.writeFileSync(o.json, `${JSON.stringify({ backend: 'webgpu', kernels: o.packageKernels ? 'package' : 'netspec', device: gpu.device, adapter: gpu.adapter, results }, null, 1)}\n`);
  };
  for (const name of o.models) {
    const gen = MODELS[name];
    log(`${name}: ${gen.summary.totalParams.toLocaleString('en-US')} parameters, input ${gen.inputShape.join('x')}, batch ${o.batch}, ${o.warmup} warm-up + ${o.steps} timed steps`);
    try {
      const r = await benchModel(gen, o, log);
      results.push(r);
      log(`${name}: median step ${r.medianMs.toFixed(1)} ms -> ${r.imagesPerSec.toFixed(1)} images/s (first step ${r.stepMs[0].toFixed(0)} ms; loss ${r.lossFirst.toFixed(3)} -> ${r.lossLast.toFixed(3)})`);
    } catch (e) {
      const error = (e as Error).message?.split('\n')[0] ?? String(e);
      console.error(`${name}: failed: ${error}`);
      results.push({ model: name, params: gen.summary.totalParams, batch: o.batch, stepMs: [], warmup: o.warmup, medianMs: NaN, imagesPerSec: NaN, lossFirst: NaN, lossLast: NaN, error });
    }
    save();
  }
  releaseWebGPU();
  return results.some((r) => r.error) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`webgpu-bench: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 1;
  },
);
