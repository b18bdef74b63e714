// The README's pictures, made by the same code as `summary --svg` and `netspec report`:
//   docs/alexnet.svg         AlexNet's architecture (models/alexnet.yaml)
//   docs/report-fashion.png  the top of the report of a short real Fashion-MNIST run
//                            (docs/run-alexnet-fashion-3x30: spec, options and metrics as trained)
// Usage: npx tsx scripts/make-docs-images.ts [RUN_DIR]   (needs Debian's chromium for the PNG)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { analyzeModel } from '../src/compiler/compile.ts';
import { writeFileAtomic } from '../src/io/write-atomic.ts';
import { architectureSvg } from '../src/report/html/arch-svg.ts';
import { writeRunReport } from '../src/report/html/write.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs');
const CHROMIUM = process.env.NETSPEC_CHROMIUM ?? '/usr/bin/chromium';

function write(file: string, data: string | Buffer): void {
  const w = writeFileAtomic(file, data);
  if (!w.ok) throw new Error(w.error);
  console.log(`wrote ${path.relative(ROOT, file)} (${(Buffer.byteLength(data) / 1024).toFixed(0)} KB)`);
}

const alexnet = analyzeModel(path.join(ROOT, 'models', 'alexnet.yaml')).ir;
if (!alexnet) throw new Error('models/alexnet.yaml does not analyse');
write(path.join(DOCS, 'alexnet.svg'), architectureSvg(alexnet));

process.chdir(ROOT);
// Relative, so the picture shows docs/run-..., not this machine's folders.
const runDir = path.relative(ROOT, path.resolve(process.argv[2] ?? path.join(DOCS, 'run-alexnet-fashion-3x30')));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-docs-'));
try {
  const html = path.join(tmp, 'report.html');
  // A fixed date keeps the picture the same when nothing else changed.
  const r = writeRunReport([runDir], html, new Date('2026-11-30T12:00:00Z'));
  if (!r.ok) throw new Error(r.problems.map((d) => d.message).join('\n'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1150 }, deviceScaleFactor: 1 });
    await page.goto(`file://${html}`);
    write(path.join(DOCS, 'report-fashion.png'), await page.screenshot({ clip: { x: 0, y: 0, width: 1400, height: 1150 } }));
  } finally {
    await browser.close();
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
