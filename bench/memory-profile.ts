// Where a training step's memory goes: after each step the pool's segments, the most it had in use
// and the pages it released, the resident set and its peak during the step (VmHWM, reset before
// each), live tfjs tensor bytes, the pool's idle bytes, V8's external memory and heap; then the
// unique bytes held by live tensors at their peak, and where tf.profile saw tensor bytes peak.
// A developer's tool, not a benchmark.
//
//   npx tsx bench/memory-profile.ts <model> [--backend native] [--batch N] [--steps N]
//     --sizes      the sizes of the arrays alive at the live peak
//     --misses     the requests the pool served with a new segment, per step
//     --timeline   every kernel that moved tf.profile's tensor bytes by 20 MB or more
//     --trace F    every take and give of the pool, for studies of allocation policies
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { refusalMessage, selectBackend, type BackendRequest } from '../src/runtime/backends/select.ts';
import { devSteps } from './dev-step.ts';
import type { FloatPool } from '../src/runtime/backends/float-pool.ts';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const modelName = argv[0] ?? 'alexnet-torchvision';
const batch = Number(flag('--batch', '32'));
const MB = 2 ** 20;
const mb = (b: number) => (b / MB).toFixed(0).padStart(6);

const choice = await selectBackend({ requested: flag('--backend', 'native') as BackendRequest });
if (!choice.ok) {
  console.error(refusalMessage(choice));
  process.exit(1);
}
const pool = (tf.backend() as unknown as { floatPool?: FloatPool }).floatPool;
/** The resident set's high-water mark since the last resetPeak (Linux: VmHWM, reset through clear_refs). */
const hwm = () => Number(/VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
// Which requests found no free block (a new segment), per step.
let missed: string[] = [];
if (pool && argv.includes('--misses')) {
  const take = pool.take.bind(pool);
  pool.take = (n: number) => {
    const before = pool.stats().misses;
    const out = take(n);
    if (pool.stats().misses > before) missed.push(`${(n * 4 / MB).toFixed(1)}`);
    return out;
  };
}
// --trace FILE: every take (id, floats, long-lived) and every block given back, for allocator studies.
const traceFile = flag('--trace', '');
const trace: string[] = [];
if (pool && traceFile) {
  const ids = new WeakMap<object, number>();
  let next = 0;
  const { take, give, share } = pool;
  pool.take = (n: number) => {
    const out = take.call(pool, n);
    if (n >= 4096) { ids.set(out, next); trace.push(`t ${next++} ${n} 0`); }
    return out;
  };
  pool.share = (view: unknown, of: unknown) => {
    share.call(pool, view, of);
    const id = ids.get(of as object);
    if (id !== undefined && pool.holds(of)) { ids.set(view as object, id); trace.push(`s ${id}`); }
  };
  pool.give = (values: unknown) => {
    const id = ids.get(values as object);
    const held = pool.holds(values);
    give.call(pool, values);
    if (id !== undefined && held) trace.push(`g ${id}`);
  };
}
const line = (what: string) => {
  if (traceFile) trace.push(`# ${what}`);
  if (missed.length) { console.log(`  misses (MB): ${missed.join(' ')}`); missed = []; }
  const m = process.memoryUsage();
  const st = pool?.stats();
  console.log(`${what.padEnd(14)} segments ${mb(st?.segmentBytes ?? 0)}  max in use ${mb(st?.maxInUseBytes ?? 0)}  released ${mb(st?.releasedBytes ?? 0)}  rss ${mb(m.rss)}  peak ${mb(hwm())}  tensors ${mb(tf.memory().numBytes)}  pool ${mb(pool?.stats().cachedBytes ?? 0)}  external ${mb(m.external)}  heap ${mb(m.heapUsed)} MB`);
};
line('start');

// Unique bytes held by live tensors (views and clones share a buffer: counted once), through the
// backend's data storage; with the pool's idle bytes at the same moment.
interface Storage { set(id: object, v: { values?: unknown }): void; delete(id: object): boolean; has(id: object): boolean; get(id: object): { values?: unknown } | undefined }
const storage = (tf.backend() as unknown as { data: Storage }).data;
const holders = new Map<ArrayBufferView, number>();
let live = 0, livePeak = 0, footprintPeak = 0;
let peakSizes: number[] = [];
const bufferOf = (v: unknown) => (ArrayBuffer.isView(v) ? v : undefined); // by array: pool blocks share a segment's buffer
const hold = (b: ArrayBufferView | undefined, d: number) => {
  if (!b) return;
  const n = (holders.get(b) ?? 0) + d;
  if (n === 0) { holders.delete(b); live -= b.byteLength; } else { if (!holders.has(b)) live += b.byteLength; holders.set(b, n); }
  const footprint = live + (pool?.stats().cachedBytes ?? 0);
  if (footprint > footprintPeak) footprintPeak = footprint;
  if (live > livePeak) { livePeak = live; if (argv.includes('--sizes')) peakSizes = [...holders.keys()].map((x) => x.byteLength); }
};
const { set, delete: del } = storage;
// adopt() swaps a tensor's values in place of the storage: follow it.
const backendWithAdopt = tf.backend() as unknown as { adopt?(id: object): void };
const adopt = backendWithAdopt.adopt;
if (adopt) {
  backendWithAdopt.adopt = (id) => {
    const before = bufferOf(storage.has(id) ? storage.get(id)?.values : undefined);
    adopt(id);
    const after = bufferOf(storage.get(id)?.values);
    if (before !== after) { hold(before, -1); hold(after, 1); }
  };
}
storage.set = function (id, v) { hold(bufferOf(this.has(id) ? this.get(id)?.values : undefined), -1); hold(bufferOf(v.values), 1); return set.call(this, id, v); };
storage.delete = function (id) { hold(bufferOf(this.has(id) ? this.get(id)?.values : undefined), -1); return del.call(this, id); };
const livePeaks = (what: string) => {
  console.log(`${what.padEnd(14)} live tensor bytes: peak ${mb(livePeak)} MB; live + pool idle: peak ${mb(footprintPeak)} MB`);
  if (peakSizes.length) {
    const bySize = new Map<number, number>();
    for (const b of peakSizes) bySize.set(b, (bySize.get(b) ?? 0) + 1);
    console.log('  at the live peak: ' + [...bySize].sort((a, b) => b[0] * b[1] - a[0] * a[1]).slice(0, 14).map(([b, n]) => `${n}×${(b / MB).toFixed(1)}`).join(' '));
  }
  livePeak = live; footprintPeak = 0; peakSizes = [];
};
const { model, trainStep: step } = await devSteps(modelName, batch);
line('built');
{
  const held = model.weights.map((w) => pool?.holds(storage.get(w.read().dataId)?.values) ?? false);
  console.log(`weights in the pool: ${held.filter(Boolean).length} of ${held.length}; segments ${mb(pool?.stats().segmentBytes ?? 0)} MB`);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  await new Promise((r) => setTimeout(r, 300));
  line('built + gc');
}
const steps = Number(flag('--steps', '3'));
for (let i = 0; i < steps; i++) {
  resetPeak();
  await step();
  line(`step ${i + 1}`);
  livePeaks(`step ${i + 1}`);
}
resetPeak();
const info = await tf.profile(step);
line('profiled step');
let peakAt = -1, peak = 0;
info.kernels.forEach((k, i) => { if (k.totalBytesSnapshot > peak) { peak = k.totalBytesSnapshot; peakAt = i; } });
console.log(`tf.profile: peakBytes ${mb(info.peakBytes)} MB; largest snapshot ${mb(peak)} MB after kernel ${peakAt} of ${info.kernels.length}`);
const lo = Math.max(0, peakAt - 6), hi = Math.min(info.kernels.length, peakAt + 4);
for (let i = lo; i < hi; i++) {
  const k = info.kernels[i];
  console.log(`  ${String(i).padStart(4)} ${k.name.padEnd(24)} +${mb(k.bytesAdded)} MB  total ${mb(k.totalBytesSnapshot)} MB  out ${JSON.stringify(k.outputShapes)}`);
}
if (argv.includes('--timeline')) {
  console.log('timeline (every kernel that moves the total by ≥ 20 MB):');
  info.kernels.forEach((k, i) => {
    if (Math.abs(k.bytesAdded) >= 20 * MB) console.log(`  ${String(i).padStart(4)} ${k.name.padEnd(24)} ${k.bytesAdded >= 0 ? '+' : '-'}${mb(Math.abs(k.bytesAdded))} MB  total ${mb(k.totalBytesSnapshot)} MB  in ${JSON.stringify(k.inputShapes)}`);
  });
}

if (traceFile) writeFileSync(traceFile, trace.join('\n') + '\n');
