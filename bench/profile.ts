// Where a training step's time goes: per-kernel wall time of one step of a generated model on a
// backend (tf.profile), summed by kernel name and input shapes. A developer's tool, not a benchmark.
//
//   npx tsx bench/profile.ts <model> [--backend native] [--batch N] [--steps N] [--top N] [--forward]
import * as tf from '@tensorflow/tfjs';
import { refusalMessage, selectBackend, type BackendRequest } from '../src/runtime/backends/select.ts';
import { devSteps } from './dev-step.ts';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const modelName = argv[0] ?? 'alexnet-fashion';
const batch = Number(flag('--batch', '32'));
const top = Number(flag('--top', '30'));
const forwardOnly = argv.includes('--forward');

const choice = await selectBackend({ requested: flag('--backend', 'native') as BackendRequest });
if (!choice.ok) {
  console.error(refusalMessage(choice));
  process.exit(1);
}
console.log(`backend ${choice.name}: ${choice.device}`);
const { trainStep, forwardStep } = await devSteps(modelName, batch);
const step = forwardOnly ? forwardStep : trainStep;
for (let i = 0; i < 2; i++) await step();
const walls: number[] = [];
for (let i = 0; i < Number(flag('--steps', '5')); i++) {
  const t0 = performance.now();
  await step();
  walls.push(performance.now() - t0);
}
const wall = walls.sort((a, b) => a - b)[Math.floor(walls.length / 2)];
const info = await tf.profile(step);
const byKernel = new Map<string, { ms: number; n: number }>();
const byName = new Map<string, number>();
for (const k of info.kernels) {
  if (k.name.endsWith('__op')) continue; // an op wrapping a kernel that is listed too
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = byKernel.get(key) ?? { ms: 0, n: 0 };
  e.ms += k.kernelTimeMs as number; e.n++;
  byKernel.set(key, e);
  byName.set(k.name, (byName.get(k.name) ?? 0) + (k.kernelTimeMs as number));
}
const total = [...byName.values()].reduce((a, b) => a + b, 0);
console.log(`${modelName} batch ${batch}: median step ${wall.toFixed(0)} ms wall (${(batch / wall * 1000).toFixed(1)} img/s), kernels ${total.toFixed(0)} ms, ${info.kernels.length} kernel calls`);
console.log('by kernel:');
for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
console.log('by kernel and shape:');
for (const [k, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) console.log(`  ${e.ms.toFixed(1).padStart(8)} ms ×${e.n}  ${k}`);
