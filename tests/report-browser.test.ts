// The reports in a real browser: Debian's chromium driven by playwright-core (nothing is
// downloaded). One browser for the file. Each page loads with no console error and no request
// besides itself, its screenshot is not blank, its SVG names every layer, and its curves have one
// point per logged epoch. Skipped, saying so, only where chromium is absent outside CI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import type { ModelIR } from '../src/model/ir.ts';
import { architectureSvg } from '../src/report/html/arch-svg.ts';
import { diffReportHtml } from '../src/report/html/diff-page.ts';
import { readRunFolder } from '../src/report/html/run-folder.ts';
import { writeRunReport } from '../src/report/html/write.ts';

const CHROMIUM = process.env.NETSPEC_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const run = haveChromium || !!process.env.CI;
if (!run) console.warn(`SKIPPED tests/report-browser.test.ts: no ${CHROMIUM} (apt-get install chromium); under CI these tests run and fail instead`);

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURE_RUN = path.join(import.meta.dirname, 'fixtures', 'report', 'run');
const NOW = new Date('2026-11-30T12:00:00Z');
const irOf = (file: string): ModelIR => analyzeModel(path.join(ROOT, file)).ir!;

interface Loaded {
  page: Page;
  consoleErrors: string[];
  failed: string[];
  /** Every request but the page itself. */
  others: string[];
}

describe.skipIf(!run)('reports in headless chromium', () => {
  let browser: Browser;
  let tmp = '';
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-browser-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function load(file: string): Promise<Loaded> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    const others: string[] = [];
    const url = `file://${file}`;
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('request', (r) => r.url() !== url && others.push(r.url()));
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    return { page, consoleErrors, failed, others };
  }

  /** Share of the screenshot's pixels that are not (near) white. */
  async function inkShare(page: Page): Promise<number> {
    const png = await page.screenshot();
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let ink = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] + data[i + 1] + data[i + 2] < 720) ink++;
    return ink / (info.width * info.height);
  }

  /** The layer names drawn in the SVG with this class prefix (a tower's `name [1/2]` counts as its name). */
  const drawnNames = (page: Page, svgClass: string) =>
    page.$$eval(`svg.${svgClass} g.node text.name`, (ts) => ts.map((t) => (t.textContent ?? '').replace(/ \[\d+\/\d+\]$/, '')));

  const fresh = (name: string, damage?: (dir: string) => void) => {
    const dir = path.join(tmp, name);
    fs.cpSync(FIXTURE_RUN, dir, { recursive: true });
    damage?.(dir);
    return dir;
  };

  function expectClean(l: Loaded) {
    expect(l.consoleErrors).toEqual([]);
    expect(l.failed).toEqual([]);
    expect(l.others).toEqual([]);
  }

  it('a run report: clean load, not blank, every layer drawn, one point per epoch, no script', async () => {
    const dir = fresh('run');
    const out = path.join(dir, 'report.html');
    expect(writeRunReport([dir], out, NOW).ok).toBe(true);
    const l = await load(out);
    expectClean(l);
    expect(await inkShare(l.page)).toBeGreaterThan(0.02);
    const ir = readRunFolder(dir).ir!;
    expect(new Set(await drawnNames(l.page, 'r0-arch'))).toEqual(new Set(['input', ...ir.nodes.map((n) => n.name)]));
    // Every box was laid out where the browser can see it.
    const sizes = await l.page.$$eval('svg.r0-arch g.node rect', (rs) => rs.map((r) => (r as SVGGraphicsElement).getBBox().width));
    expect(sizes.every((w) => w > 50)).toBe(true);
    const epochs = fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').length;
    for (const key of ['trainLoss', 'valLoss', 'trainTop1Error', 'valTop1Error', 'valTop5Error', 'lr', 'imagesPerSec']) {
      expect(await l.page.locator(`svg.ns-chart circle.pt[data-run="0"][data-key="${key}"]`).count(), key).toBe(epochs);
    }
    // The best epoch (lowest validation top-1 error: epoch 5 of the fixture) is marked.
    expect(await l.page.locator('svg[data-chart="top1"] circle.best-pt').getAttribute('data-epoch')).toBe('5');
    expect(await l.page.evaluate(() => document.scripts.length)).toBe(0);
    await l.page.close();
  });

  it('several runs overlaid, one of them damaged (truncated line, NaN, no spec)', async () => {
    const a = fresh('a');
    const b = fresh('b', (d) => {
      const m = path.join(d, 'metrics.jsonl');
      fs.writeFileSync(m, fs.readFileSync(m, 'utf8').replace('"trainLoss":0.5196', '"trainLoss":NaN').slice(0, -30));
      fs.rmSync(path.join(d, 'spec.yaml'));
    });
    const out = path.join(tmp, 'both.html');
    expect(writeRunReport([a, b], out, NOW).ok).toBe(true);
    const l = await load(out);
    expectClean(l);
    expect(await inkShare(l.page)).toBeGreaterThan(0.02);
    expect(await l.page.locator('svg[data-chart="loss"] circle.pt[data-run="0"][data-key="trainLoss"]').count()).toBe(5);
    // Run b: epoch 5 truncated away, epoch 3's NaN drawn as a gap marked ×.
    expect(await l.page.locator('svg[data-chart="loss"] circle.pt[data-run="1"][data-key="trainLoss"]').count()).toBe(3);
    expect(await l.page.locator('svg[data-chart="loss"] text.nonfinite[data-run="1"]').count()).toBe(1);
    const problems = await l.page.locator('#problems li .code').allTextContents();
    expect(problems.sort()).toEqual(['NS0603', 'NS0604', 'NS0606']);
    await l.page.close();
  });

  it('diff --html: both models drawn, the changed layers outlined', async () => {
    const left = irOf('models/alexnet.yaml');
    const right = irOf('models/alexnet-single-tower.yaml');
    const out = path.join(tmp, 'diff.html');
    fs.writeFileSync(out, diffReportHtml(left, right, { now: NOW }));
    const l = await load(out);
    expectClean(l);
    expect(await inkShare(l.page)).toBeGreaterThan(0.02);
    expect(new Set(await drawnNames(l.page, 'L-arch'))).toEqual(new Set(['input', ...left.nodes.map((n) => n.name)]));
    expect(new Set(await drawnNames(l.page, 'R-arch'))).toEqual(new Set(['input', ...right.nodes.map((n) => n.name)]));
    const changed = await l.page.$$eval('svg.R-arch g.node.changed', (gs) => gs.map((g) => g.getAttribute('data-layer')));
    expect(changed).toEqual(['conv2', 'conv4', 'conv5']);
    await l.page.close();
  });

  it('summary --svg: the picture alone opens as an image', async () => {
    const ir = irOf('models/alexnet.yaml');
    const out = path.join(tmp, 'alexnet.svg');
    fs.writeFileSync(out, architectureSvg(ir));
    const l = await load(out);
    expectClean(l);
    expect(await inkShare(l.page)).toBeGreaterThan(0.02);
    expect(new Set(await drawnNames(l.page, 'ns-arch'))).toEqual(new Set(['input', ...ir.nodes.map((n) => n.name)]));
    await l.page.close();
  });
});
