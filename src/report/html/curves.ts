// Training curves as SVG line charts (pure): loss, top-1 and top-5 error, learning rate and
// images/s per epoch, one colour per run (several runs overlay), training dashed and validation
// solid, a dot per logged epoch, the best epoch marked. Values that are not finite (or absurdly
// large) break the line and are marked with a red × at the top of the chart.
import { esc, num } from './escape.ts';
import { bestEpoch, finite, type EpochRecord, type MetricKey } from './metrics-read.ts';

export interface CurveRun {
  label: string;
  epochs: EpochRecord[];
}

export interface ChartSpec {
  id: string;
  title: string;
  series: { key: MetricKey; label: string; dashed: boolean }[];
  format: 'percent' | 'number';
  /** Logarithmic y when the values span more than this factor (learning rates). */
  logAbove?: number;
  /** Start the y axis at zero. */
  zero?: boolean;
}

export const CHARTS: ChartSpec[] = [
  { id: 'loss', title: 'Loss', format: 'number', zero: true, series: [{ key: 'trainLoss', label: 'train', dashed: true }, { key: 'valLoss', label: 'validation', dashed: false }] },
  { id: 'top1', title: 'Top-1 error', format: 'percent', zero: true, series: [{ key: 'trainTop1Error', label: 'train', dashed: true }, { key: 'valTop1Error', label: 'validation', dashed: false }] },
  { id: 'top5', title: 'Top-5 error', format: 'percent', zero: true, series: [{ key: 'valTop5Error', label: 'validation', dashed: false }] },
  { id: 'lr', title: 'Learning rate', format: 'number', logAbove: 20, series: [{ key: 'lr', label: 'lr', dashed: false }] },
  { id: 'speed', title: 'Training images/s', format: 'number', zero: true, series: [{ key: 'imagesPerSec', label: 'images/s', dashed: false }] },
];

export const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
export const runColor = (i: number): string => COLORS[i % COLORS.length];

const W = 440;
const H = 250;
const M = { left: 58, right: 14, top: 30, bottom: 34 };

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  // Counted, not accumulated: at 1e17 adding a step can leave a value unchanged.
  for (let i = 0; i <= 4 * count; i++) {
    const v = (first + i) * step;
    if (!(v <= hi + step * 1e-9)) break;
    out.push(v);
  }
  return out;
}

export function formatValue(v: number, format: ChartSpec['format']): string {
  // An error rate past 1000× is not a rate: show the raw fraction rather than overflow.
  if (format === 'percent') return Math.abs(v) < 1000 ? `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 2 : 1)}%` : v.toExponential(2);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/** The x axis: epochs (a dot per epoch, the best one marked) or updates (lines only). */
export interface ChartAxis { unit: 'epoch' | 'update'; dots: boolean; best: boolean }
const EPOCHS: ChartAxis = { unit: 'epoch', dots: true, best: true };

/** Past this a value is garbage for a chart (and its span would overflow): drawn as × like NaN. */
const PLOT_LIMIT = 1e150;
const plotted = (e: EpochRecord, k: MetricKey): number | undefined => {
  const v = finite(e, k);
  return v !== undefined && Math.abs(v) <= PLOT_LIMIT ? v : undefined;
};

/** One chart's SVG. Records' `epoch` is the x value (the update number on an 'update' axis). */
export function chartSvg(spec: ChartSpec, runs: CurveRun[], axis: ChartAxis = EPOCHS): string {
  const values = runs.flatMap((r) => r.epochs.flatMap((e) => spec.series.map((s) => plotted(e, s.key)).filter((v): v is number => v !== undefined)));
  const epochs = runs.flatMap((r) => r.epochs.map((e) => e.epoch));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="ns-chart" data-chart="${spec.id}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(spec.title)}">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text class="title" x="${M.left}" y="18">${esc(spec.title)}</text>`,
  ];
  if (values.length === 0) {
    out.push(`<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">not logged</text></svg>`);
    return out.join('\n');
  }
  const xMax = Math.max(...epochs);
  const [x0, x1] = xMax <= 1 ? [0, 2] : [1, xMax];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const log = spec.logAbove !== undefined && lo > 0 && hi / lo > spec.logAbove;
  if (spec.zero && !log) lo = Math.min(0, lo);
  if (hi === lo) [lo, hi] = lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const t = (v: number) => (log ? Math.log10(v) : v);
  const [tl, th] = [t(lo), t(hi)];
  const px = (e: number) => M.left + ((e - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((t(v) - tl) / (th - tl)) * (H - M.top - M.bottom);

  // Axes and grid.
  const yTicks = log
    ? niceTicks(Math.floor(tl), Math.ceil(th), Math.min(6, Math.ceil(th) - Math.floor(tl) || 1)).map((p) => 10 ** p).filter((v) => v >= lo * 0.999 && v <= hi * 1.001)
    : niceTicks(lo, hi);
  for (const v of yTicks) {
    out.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${num(py(v))}" y2="${num(py(v))}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${num(py(v) + 4)}" text-anchor="end">${esc(formatValue(v, spec.format))}</text>`);
  }
  for (const e of niceTicks(x0, x1, Math.min(8, x1 - x0 || 1)).filter((e) => Number.isInteger(e))) {
    out.push(`<text class="tick" x="${num(px(e))}" y="${H - M.bottom + 15}" text-anchor="middle">${e}</text>`);
  }
  out.push(`<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`,
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`,
    `<text class="tick" x="${W - M.right}" y="${H - 4}" text-anchor="end">${axis.unit}</text>`);

  runs.forEach((run, ri) => {
    const color = runColor(ri);
    const best = axis.best ? bestEpoch(run.epochs) : undefined;
    if (best) {
      out.push(`<line class="best" data-run="${ri}" data-epoch="${best.epoch}" x1="${num(px(best.epoch))}" x2="${num(px(best.epoch))}" y1="${M.top}" y2="${H - M.bottom}" stroke="${color}"><title>${esc(`${run.label}: best epoch ${best.epoch}`)}</title></line>`);
    }
    for (const s of spec.series) {
      // A line per stretch of finite values.
      const segments: string[][] = [[]];
      for (const e of run.epochs) {
        const v = plotted(e, s.key);
        if (v === undefined || (log && v <= 0)) {
          if (segments[segments.length - 1].length) segments.push([]);
          continue;
        }
        segments[segments.length - 1].push(`${num(px(e.epoch))},${num(py(v))}`);
      }
      for (const seg of segments.filter((g) => g.length > 1)) {
        out.push(`<polyline class="line${s.dashed ? ' dashed' : ''}" stroke="${color}" points="${seg.join(' ')}"/>`);
      }
      for (const e of run.epochs) {
        const raw = e[s.key];
        const v = plotted(e, s.key);
        const what = `${run.label} · ${axis.unit} ${e.epoch} · ${s.label} ${spec.title.toLowerCase()}`;
        if (!axis.dots) continue;
        if (v !== undefined && !(log && v <= 0)) {
          const isBest = best && best.epoch === e.epoch && best.key === s.key;
          out.push(`<circle class="pt${isBest ? ' best-pt' : ''}" data-run="${ri}" data-key="${s.key}" data-epoch="${e.epoch}" cx="${num(px(e.epoch))}" cy="${num(py(v))}" r="${isBest ? 5 : 2.6}" fill="${isBest ? '#fff' : color}" stroke="${color}"><title>${esc(`${what}: ${formatValue(v, spec.format)}${isBest ? ' (best)' : ''}`)}</title></circle>`);
        } else if (typeof raw === 'number') {
          out.push(`<text class="nonfinite" data-run="${ri}" data-key="${s.key}" data-epoch="${e.epoch}" x="${num(px(e.epoch))}" y="${M.top + 4}" text-anchor="middle">×<title>${esc(`${what}: ${raw}`)}</title></text>`);
        }
      }
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Every chart, for these runs. */
export const curveCharts = (runs: CurveRun[]): string[] => CHARTS.map((c) => chartSvg(c, runs));

export const STEP_CHARTS: ChartSpec[] = [
  { id: 'step-loss', title: 'Training loss per update', format: 'number', zero: true, series: [{ key: 'trainLoss', label: 'running mean in its epoch', dashed: false }] },
  { id: 'step-top1', title: 'Training top-1 error per update', format: 'percent', zero: true, series: [{ key: 'trainTop1Error', label: 'running mean in its epoch', dashed: false }] },
];

/** Per-update charts from steps.jsonl records (x: the update number). */
export function stepCharts(runs: { label: string; steps: { globalStep: number; loss: number; top1Error: number }[] }[]): string[] {
  const asRecords = runs.map((r) => ({ label: r.label, epochs: r.steps.map((s) => ({ epoch: s.globalStep, trainLoss: s.loss, trainTop1Error: s.top1Error })) }));
  return STEP_CHARTS.map((c) => chartSvg(c, asRecords, { unit: 'update', dots: false, best: false }));
}
