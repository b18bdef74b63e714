// Training-step throughput of a small AlexNet-shaped net (28×28×1, batch 128) on tfjs's pure-JS
// `cpu` backend vs `netspec-cpu` (oneDNN + OpenBLAS). Short by design: the machine is shared.
//
//   npx tsx bench/native-smoke.ts [--steps N] [--batch N] [--cpu-steps N] [--cpu-batch N] [--skip-cpu] [--profile]
//
// Prints one line per backend: median images/s over the timed steps (netspec-cpu after one
// warm-up step that builds its oneDNN primitives). The pure-JS cpu backend needs ~30 min for one
// step at batch 128 on 2 shared cores, so it runs 1 step at batch 16 by default: its images/s
// barely depends on the batch (every image costs the same JS loops).
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { registerNetspecCpu, NETSPEC_CPU } from '../src/runtime/backends/netspec-cpu.ts';

interface Options { steps: number; cpuSteps: number; cpuBatch: number; skipCpu: boolean; batch: number; profile: boolean }

function parseArgs(argv: string[]): Options {
  const num = (flag: string, dflt: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  return {
    steps: num('--steps', 5),
    cpuSteps: num('--cpu-steps', 1),
    cpuBatch: num('--cpu-batch', 16),
    skipCpu: argv.includes('--skip-cpu'),
    batch: num('--batch', 128),
    profile: argv.includes('--profile'),
  };
}

/** conv64 5×5 p2 → pool 3/2 → conv128 5×5 p2 → pool 3/2 → conv192 → conv192 → conv128 (3×3 p1) → pool 3/2 → fc1024 → fc1024 → fc10. */
export function smallAlexNet(): tf.Sequential {
  const conv = (filters: number, k: number, inputShape?: number[]) =>
    tf.layers.conv2d({ filters, kernelSize: k, padding: 'same', activation: 'relu', inputShape });
  const pool = () => tf.layers.maxPooling2d({ poolSize: 3, strides: 2 });
  const model = tf.sequential({
    layers: [
      conv(64, 5, [28, 28, 1]), pool(),
      conv(128, 5), pool(),
      conv(192, 3), conv(192, 3), conv(128, 3), pool(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1024, activation: 'relu' }),
      tf.layers.dense({ units: 1024, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  return model;
}

/** Median images/s of `steps` SGD steps after `warmup` steps; fixed data, fresh model. */
async function measure(backend: string, steps: number, warmup: number, batch: number, profile: boolean): Promise<number> {
  await tf.setBackend(backend);
  const model = smallAlexNet();
  const optimizer = tf.train.sgd(0.01);
  const x = tf.randomUniform([batch, 28, 28, 1], -1, 1, 'float32', 1);
  const labels = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10);
  const step = () => {
    const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x) as tf.Tensor), true);
    cost?.dataSync();
    cost?.dispose();
  };
  for (let i = 0; i < warmup; i++) step();
  if (profile) {
    const info = await tf.profile(step);
    const byKernel = new Map<string, number>();
    for (const k of info.kernels) {
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      byKernel.set(key, (byKernel.get(key) ?? 0) + (k.kernelTimeMs as number));
    }
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${backend}: kernels ${total.toFixed(0)} ms/step; the largest:`);
    for (const [k, ms] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${k}`);
  }
  const rates: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    rates.push(batch / ((performance.now() - t0) / 1000));
  }
  tf.dispose([x, labels]);
  model.dispose();
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const reg = registerNetspecCpu();
  if (!reg.ok) {
    console.log(`netspec-cpu unavailable: ${reg.why}`);
    return;
  }
  const { onednn, gemm, threads } = reg.info;
  const fast = await measure(NETSPEC_CPU, opts.steps, 1, opts.batch, opts.profile);
  console.log(`netspec-cpu (oneDNN ${onednn}, ${gemm} sgemm, ${threads} threads): ${fast.toFixed(1)} images/s (batch ${opts.batch}, median of ${opts.steps})`);
  if (!opts.skipCpu) {
    // No warm-up here: one pure-JS step takes minutes, and it has no primitives to build.
    const slow = await measure('cpu', opts.cpuSteps, 0, opts.cpuBatch, false);
    console.log(`cpu (pure JS): ${slow.toFixed(3)} images/s (batch ${opts.cpuBatch}, median of ${opts.cpuSteps}); netspec-cpu is ×${(fast / slow).toFixed(0)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
