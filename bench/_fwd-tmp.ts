import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/runtime/backends/select.ts';
const m = process.argv[2];
await selectBackend({ requested: 'native' });
const pool = (tf.backend() as any).floatPool;
const mod = await import(`../generated/${m}.ts`);
const model = mod.build({ seed: 1 });
const x = tf.randomUniform([32, ...mod.inputShape], 0, 1, 'float32', 1);
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const y = model.predict(x) as tf.Tensor; await y.data(); y.dispose();
  const s = pool.stats();
  console.log(`step ${i} ${(performance.now() - t0).toFixed(0)} ms  segments ${(s.segmentBytes / 2 ** 20).toFixed(0)}  maxInUse ${(s.maxInUseBytes / 2 ** 20).toFixed(0)}  released ${(s.releasedBytes / 2 ** 20).toFixed(0)} MB  misses ${s.misses}`);
}
