// Prints the comparison table of a bench/gpu/run.sh run from its JSON files (plain JS: it runs on
// the bundled Node with nothing else).
//   node summarize.mjs netspec-webgpu.json [netspec-webgpu-package.json] [--torch torch.json]
// Ratios compare the first netspec file (netspec's kernels) with each PyTorch variant.
import * as fs from 'node:fs';

const netspecFiles = [];
let torchFile;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--torch') torchFile = process.argv[++i];
  else netspecFiles.push(process.argv[i]);
}
const read = (f) => (f && fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined);
const runs = netspecFiles.map(read).filter(Boolean);
const torch = read(torchFile);
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

const lines = [];
if (runs[0]) lines.push(`netspec: tfjs webgpu backend, ${runs[0].device}`);
if (torch) lines.push(`PyTorch ${torch.torch} on ${torch.device}`);
const variants = torch ? [...new Set(torch.results.map((r) => r.variant))] : [];
const header = ['model', 'batch', ...runs.map((r) => `netspec (${r.kernels} kernels) img/s`), ...variants.flatMap((v) => [`torch ${v} img/s`, `netspec/torch ${v}`])];
const rows = [header];
for (const r of runs[0]?.results ?? []) {
  const row = [r.model, String(r.batch)];
  for (const run of runs) {
    const m = run.results.find((x) => x.model === r.model);
    row.push(!m ? '-' : m.error ? `failed: ${m.error}` : `${fmt(m.imagesPerSec)} (${m.stepMs.length - m.warmup} steps)`);
  }
  for (const v of variants) {
    const t = torch.results.find((x) => x.model === r.model && x.variant === v);
    row.push(t ? fmt(t.imagesPerSec) : '-', t && Number.isFinite(r.imagesPerSec) ? (r.imagesPerSec / t.imagesPerSec).toFixed(3) : '-');
  }
  rows.push(row);
}
const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
for (const row of rows) lines.push(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
lines.push('img/s: batch / median step time over the timed steps (warm-up excluded); one fixed batch of random images, so data loading is not timed.');
console.log(lines.join('\n'));
