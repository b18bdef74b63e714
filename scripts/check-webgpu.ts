// Exits 0 and names the adapter when WebGPU gives one here, else prints why and exits 1.
// Run by scripts/setup-webgpu.sh after installing lavapipe: `npx tsx scripts/check-webgpu.ts`.
import { releaseWebGPU, tryWebGPU } from '../src/runtime/backends/webgpu.ts';

const w = await tryWebGPU();
if (w.ok) console.log(`check-webgpu: ${w.device}`);
else console.error(`check-webgpu: no WebGPU adapter: ${w.why}`);
releaseWebGPU();
process.exit(w.ok ? 0 : 1);
