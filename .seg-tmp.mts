import * as tf from '@tensorflow/tfjs';
import { tryWebGPU, releaseWebGPU } from './src/runtime/backends/webgpu.ts';
const mode = process.argv[2];
const r = await tryWebGPU();
console.log(r.ok, tf.getBackend());
if (mode === 'compute') { const t = tf.add(tf.tensor1d([1]), 1); console.log(await t.data()); }
if (mode !== 'norelease') releaseWebGPU();
console.log('end');
