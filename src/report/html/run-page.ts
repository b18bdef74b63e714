// The run report: one self-contained HTML page (inline SVG and CSS, no script, nothing fetched)
// for one run folder or several overlaid. Pure: it takes what readRunFolder() read.
import { diagnostic } from '../../model/codes.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ModelIR } from '../../model/ir.ts';
import { summarize } from '../../model/summary.ts';
import { architectureSvg } from './arch-svg.ts';
import { buildGraph } from './graph.ts';
import { esc, grouped, shapeText } from './escape.ts';
import { curveCharts, formatValue, runColor, stepCharts } from './curves.ts';
import { details, page, pre, raw, section, table, type Cell } from './html.ts';
import { bestEpoch, finite } from './metrics-read.ts';
import { memo } from './memo.ts';
import type { RunData } from './run-folder.ts';
import { thin } from './steps.ts';

/** Per-update points drawn per run: enough for the eye, small for a 90-epoch run. */
const STEP_POINTS = 500;

export interface RunPageOptions {
  /** When the page was made (shown in the footer). */
  now: Date;
}

const figures = memo<{ html: string; problem?: Diagnostic }>();

/** The drawing, or the reason there is none (a problem is added to `problems`). */
export function architectureFigure(ir: ModelIR, idPrefix: string, problems: Diagnostic[]): string {
  const key = `${idPrefix}\n${ir.name}\n${resolvedLayers(ir)}`;
  const f = figures(key, () => {
    const found: Diagnostic[] = [];
    const html = drawArchitecture(ir, idPrefix, found);
    return { html, problem: found[0] };
  });
  if (f.problem) problems.push(f.problem);
  return f.html;
}

/**
 * Boxes a report draws at most per picture: ELK takes ~15 s and the SVG ~600 KB at 1,000, and a
 * spec may expand to 10,000 layers. Past it the collapsed picture alone, or none, is drawn.
 */
export const MAX_BOXES = 600;

function drawArchitecture(ir: ModelIR, idPrefix: string, problems: Diagnostic[]): string {
  const pictures: string[] = [];
  try {
    const hasBlocks = ir.nodes.some((n) => n.block);
    const collapsedBoxes = hasBlocks ? buildGraph(ir, { collapse: true }).boxes.length : Infinity;
    if (ir.nodes.length < MAX_BOXES) {
      pictures.push(`<div class="arch">${architectureSvg(ir, { idPrefix })}</div>`);
      if (hasBlocks) pictures.push(details('Blocks collapsed (one box per block instance)', `<div class="arch">${architectureSvg(ir, { collapse: true, idPrefix: `${idPrefix}c` })}</div>`));
    } else if (collapsedBoxes <= MAX_BOXES) {
      pictures.push(`<p class="sub">${grouped(ir.nodes.length)} layers: drawn with one box per block instance (\`netspec summary --svg\` draws every layer).</p>`,
        `<div class="arch">${architectureSvg(ir, { collapse: true, idPrefix: `${idPrefix}c` })}</div>`);
    } else {
      problems.push(diagnostic('NS0607', `${ir.name} has ${grouped(ir.nodes.length)} layers, too many to draw in a report (at most ${MAX_BOXES} boxes)`, undefined,
        { severity: 'warning', help: '`netspec summary <spec> --svg OUT` draws it anyway' }));
      pictures.push('<p>The architecture is not drawn (see above).</p>');
    }
  } catch (e) {
    problems.push(diagnostic('NS0607', `the architecture of ${ir.name} could not be laid out: ${(e as Error).message}`, undefined, { severity: 'warning' }));
    pictures.push('<p>The architecture could not be drawn (see above).</p>');
  }
  return pictures.join('\n');
}

export function layerTable(ir: ModelIR): string {
  const s = summarize(ir);
  const rows: Cell[][] = s.layers.map((l) => [l.name, l.type, l.block ? `${l.block.instance} (${l.block.name})` : '', shapeText(l.outputShape), grouped(l.params), grouped(l.multAdds)]);
  rows.push([raw('<b>total</b>'), '', '', '', grouped(s.totalParams), grouped(s.multAdds)]);
  const note = s.nonTrainableParams ? `<p class="sub">${grouped(s.trainableParams)} trainable + ${grouped(s.nonTrainableParams)} non-trainable parameters.</p>` : '';
  return table(['layer', 'type', 'block', 'output', 'params', 'mult-adds'], rows, { numeric: [4, 5] }) + note;
}

/** The IR's layers with every default filled in, without source locations. */
export const resolvedLayers = (ir: ModelIR): string =>
  JSON.stringify(ir.nodes.map((n) => ({ name: n.name, inputs: n.inputs, ...n.layer, output: n.outputShape, params: n.params, ...(n.block ? { block: n.block } : {}) })), null, 1);

function problemList(problems: Diagnostic[]): string {
  if (!problems.length) return '';
  const items = problems.map((d) => `<li class="${d.severity}"><span class="code">${esc(d.code)}</span> ${esc(d.message)}${d.help ? ` <span class="help">— ${esc(d.help)}</span>` : ''}</li>`);
  return section('problems', 'What is missing or damaged', `<ul class="problems">\n${items.join('\n')}\n</ul>`);
}

function headline(run: RunData): string {
  const total = run.config?.epochs;
  const last = run.epochs[run.epochs.length - 1];
  const best = bestEpoch(run.epochs);
  const seconds = run.epochs.reduce((a, e) => a + (finite(e, 'seconds') ?? 0), 0);
  const parts = [`${run.epochs.length}${typeof total === 'number' ? ` of ${total}` : ''} epochs logged`];
  if (best) parts.push(`best epoch ${best.epoch}: ${best.key === 'valTop1Error' ? 'validation top-1 error' : 'training loss'} ${formatValue(best.value, best.key === 'valTop1Error' ? 'percent' : 'number')}`);
  if (last && finite(last, 'valTop5Error') !== undefined) parts.push(`last top-5 error ${formatValue(finite(last, 'valTop5Error')!, 'percent')}`);
  if (seconds) parts.push(`${(seconds / 60).toFixed(1)} min`);
  if (run.ir) parts.push(`${grouped(run.ir.nodes.reduce((a, n) => a + n.params, 0))} parameters`);
  parts.push(run.exported ? 'completed, model exported' : typeof total === 'number' && run.epochs.length >= total ? 'all epochs done' : 'in progress or stopped');
  return parts.join(' · ');
}

function epochTable(run: RunData): string {
  if (!run.epochs.length) return '';
  const f = (v: number | undefined, fmt: 'percent' | 'number') => (v === undefined ? '' : formatValue(v, fmt));
  const best = bestEpoch(run.epochs)?.epoch;
  const rows = run.epochs.map((e) => [
    e.epoch === best ? raw(`<b>${e.epoch}</b>`) : e.epoch,
    f(finite(e, 'trainLoss'), 'number'), f(finite(e, 'valLoss'), 'number'), f(finite(e, 'trainTop1Error'), 'percent'),
    f(finite(e, 'valTop1Error'), 'percent'), f(finite(e, 'valTop5Error'), 'percent'), f(finite(e, 'lr'), 'number'),
    f(finite(e, 'imagesPerSec'), 'number'), f(finite(e, 'seconds'), 'number'),
  ]);
  return details(`Every epoch (${run.epochs.length})`, table(['epoch', 'train loss', 'val loss', 'train top-1', 'val top-1', 'val top-5', 'lr', 'images/s', 'seconds'], rows, { numeric: [0, 1, 2, 3, 4, 5, 6, 7, 8] }));
}

function environmentTable(run: RunData): string {
  const seed = run.config?.seed;
  const seedLine = `<p class="sub">seed: ${seed === undefined ? 'not recorded' : esc(String(seed))}</p>`;
  if (!run.environment.length) return `${seedLine}<p class="sub">Backend, machine and versions were not recorded (runs before netspec wrote environment.json).</p>`;
  const rows = run.environment.map((e) => [e.started, e.fromEpoch ?? '', e.backend, `${e.cpu} (${e.cores} cores, ${e.memoryGB} GB)`, e.platform, `netspec ${e.netspec}, node ${e.node}${e.tfjs ? `, tfjs ${e.tfjs}` : ''}`]);
  return seedLine + table(['started', 'from epoch', 'backend', 'machine', 'system', 'versions'], rows);
}

function checkpointTable(run: RunData): string {
  const model = `<p class="sub">model/: ${run.exported ? 'the trained model (TF.js layers format)' : 'not there when this page was written (the trainer exports the model after the last epoch)'}</p>`;
  if (!run.checkpoints.length) return `<p class="sub">No checkpoint in checkpoints/.</p>${model}`;
  const rows = run.checkpoints.map((c) => [`checkpoints/${c.file}`, c.step ?? '', `${(c.bytes / 2 ** 20).toFixed(1)} MB`]);
  return table(['file', 'updates', 'size'], rows, { numeric: [1, 2] }) + model;
}

function runSections(run: RunData, i: number, problems: Diagnostic[]): string {
  const parts: string[] = [`<p class="sub">${esc(run.dir)} · ${esc(headline(run))}</p>`, epochTable(run)];
  parts.push('<h3>Architecture</h3>');
  parts.push(run.ir ? architectureFigure(run.ir, `r${i}`, problems) : '<p>No architecture: the spec is missing or invalid (see above).</p>');
  if (run.ir) parts.push('<h3>Layers</h3>', layerTable(run.ir));
  parts.push('<h3>Spec and options</h3>');
  for (const s of run.specs) parts.push(details(s.file, pre(s.text), false));
  if (run.ir && run.ir.nodes.length <= MAX_BOXES) parts.push(details('Resolved layers (every default filled in)', pre(resolvedLayers(run.ir))));
  parts.push(run.config ? details('config.json (the effective options)', pre(JSON.stringify(run.config, null, 2)), true) : '<p class="sub">config.json: not available.</p>');
  parts.push('<h3>Backend, machine, versions, seed</h3>', environmentTable(run));
  parts.push('<h3>Checkpoints</h3>', checkpointTable(run));
  return parts.join('\n');
}

/** The report page for one run or several (their curves overlaid). */
export const runReportHtml = (runs: RunData[], opts: RunPageOptions): string => runReport(runs, opts).html;

/** The page and everything it lists as missing: the run folders' problems and any drawing's. */
export function runReport(runs: RunData[], opts: RunPageOptions): { html: string; problems: Diagnostic[] } {
  const problems: Diagnostic[] = runs.flatMap((r) => r.problems);
  const name = (r: RunData) => (typeof r.config?.model === 'string' ? r.config.model : r.ir?.name ?? r.label);
  const title = runs.length === 1 ? `netspec run ${runs[0].label}` : `netspec: ${runs.length} runs`;
  const curveRuns = runs.map((r) => ({ label: r.label, epochs: r.epochs }));
  const anyEpoch = runs.some((r) => r.epochs.length);
  const legend = `<div class="legend">${runs.map((r, i) => `<span><span class="swatch" style="border-color:${runColor(i)}"></span>${esc(r.label)} (${esc(name(r))})</span>`).join('')}` +
    '<span><span class="swatch dashed" style="border-color:#6b7280"></span>train</span><span><span class="swatch" style="border-color:#6b7280"></span>validation</span>' +
    '<span>hollow dot and dotted line: best epoch</span></div>';
  const curves = anyEpoch
    ? `${legend}<div class="charts">\n${curveCharts(curveRuns).join('\n')}\n</div><p class="sub">One point per epoch (metrics.jsonl).</p>`
    : '<p>No epoch has finished yet: there is nothing to plot.</p>';
  const stepRuns = runs.map((r) => ({ label: r.label, steps: thin(r.steps, STEP_POINTS) }));
  const perStep = runs.some((r) => r.steps.length)
    ? `<h3>Per update</h3><div class="charts">\n${stepCharts(stepRuns).join('\n')}\n</div><p class="sub">steps.jsonl: the epoch's running mean after each logged update (at most ${STEP_POINTS} drawn per run).</p>`
    : '';
  // Sections are built first: drawing can add problems.
  const perRun = runs.map((r, i) =>
    runs.length === 1 ? runSections(r, i, problems) : details(`${r.label} (${name(r)})`, runSections(r, i, problems), i === 0));
  const body = [
    `<header><h1>${esc(title)}</h1><p class="sub">${esc(runs.map(name).filter((v, i, a) => a.indexOf(v) === i).join(', '))}</p></header>`,
    problemList(problems),
    section('curves', 'Curves', curves + perStep),
    section('runs', runs.length === 1 ? 'The run' : 'The runs', perRun.join('\n')),
    `<footer>Written by netspec on ${esc(opts.now.toISOString())}. One file: inline SVG and CSS, no script, nothing loaded from elsewhere.</footer>`,
  ];
  return { html: page(title, body.join('\n')), problems };
}

