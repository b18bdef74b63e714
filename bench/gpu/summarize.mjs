// Prints the comparison table of a bench/gpu/run.sh run from its JSON files (plain JS: it runs on
// the bundled Node with nothing else).
//   node summarize.mjs <netspec-webgpu.json> [torch.json]
import * as fs from 'node:fs';

const read = (f) => (f && fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined);
const [netspecFile, torchFile] = process.argv.slice(2);
const netspec = read(netspecFile);
const torch = read(torchFile);
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

const lines = [];
if (netspec) lines.push(`netspec: tfjs webgpu backend, ${netspec.device}`);
if (torch) lines.push(`PyTorch ${torch.torch} on ${torch.device}`);
const variants = torch ? [...new Set(torch.results.map((r) => r.variant))] : [];
const header = ['model', 'batch', 'netspec img/s', ...variants.flatMap((v) => [`torch ${v} img/s`, `netspec/torch ${v}`])];
const rows = [header];
for (const r of netspec?.results ?? []) {
  const row = [r.model, String(r.batch), r.error ? `failed: ${r.error}` : fmt(r.imagesPerSec)];
  for (const v of variants) {
    const t = torch.results.find((x) => x.model === r.model && x.variant === v);
    row.push(t ? fmt(t.imagesPerSec) : '-', t && Number.isFinite(r.imagesPerSec) ? (r.imagesPerSec / t.imagesPerSec).toFixed(3) : '-');
  }
  rows.push(row);
}
const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
for (const row of rows) lines.push(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
lines.push('img/s: median over the timed steps (warm-up excluded) of batch / step time; one fixed batch of random images, so data loading is not timed.');
console.log(lines.join('\n'));
