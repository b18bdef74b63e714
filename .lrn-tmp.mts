import * as tf from '@tensorflow/tfjs';
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
(globalThis as any).navigator = { gpu: create([]) };
await import('@tensorflow/tfjs-backend-webgpu');
const original = tf.getKernel('LRNGrad', 'webgpu')!.kernelFunc;
delete (globalThis as any).navigator;
const { tryWebGPU, lrnGradWebGPU, releaseWebGPU } = await import('./src/runtime/backends/webgpu.ts');
console.log((await tryWebGPU()).device);
tf.env().set('WEBGPU_CPU_FORWARD', false);
const use = (f: tf.KernelFunc) => { tf.unregisterKernel('LRNGrad', 'webgpu'); tf.registerKernel({ kernelName: 'LRNGrad', backendName: 'webgpu', kernelFunc: f }); };
for (const C of [96, 256]) {
  const x = tf.randomNormal([8, 13, 13, C]);
  const g = tf.grad((t: tf.Tensor4D) => tf.sum(tf.localResponseNormalization(t, 2, 2, 1e-4, 0.75)));
  for (const [name, f] of [['package', original], ['netspec', lrnGradWebGPU as tf.KernelFunc]] as const) {
    use(f);
    const d0 = g(x); await d0.data(); d0.dispose();
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) { const d = g(x); await d.data(); d.dispose(); }
    console.log(`C=${C} ${name}: ${((performance.now() - t0) / 3).toFixed(1)} ms per gradient of [8,13,13,${C}]`);
  }
}
releaseWebGPU();
