// `netspec report RUN_DIR [RUN_DIR…] [--out FILE]`: (re)builds a run's report.html, or one page
// overlaying several runs. A damaged folder still gets its report; what is missing is listed in
// it and printed here as warnings.
import * as path from 'node:path';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { diagnostic } from '../model/codes.ts';
import type { ModelIR } from '../model/ir.ts';
import { architectureSvg } from '../report/html/arch-svg.ts';
import { diffReportHtml } from '../report/html/diff-page.ts';
import { REPORT_FILE, writeRunReport } from '../report/html/write.ts';
import { parse, UsageError, type IO } from './args.ts';

export const reportHelp = `Usage: npm run report -- <run folder> [<run folder>…] [--out FILE]

Writes a self-contained HTML page (inline SVG and CSS, no script, nothing fetched) with the
run's curves (loss, top-1/top-5 error, learning rate, images/s per epoch, best epoch marked),
the architecture drawn as a graph, the layer table, the spec and options, backend, machine,
versions, seed and checkpoints. \`train\` writes the same page to <run>/report.html after
every epoch. Several run folders: one page, their curves overlaid.

Options:
  --out FILE  where to write (default: <run folder>/report.html; required for several runs)
  -h, --help  this help`;

export function reportCommand(argv: string[], io: IO): number {
  const { values, positionals } = parse(argv, { out: { type: 'string' } });
  if (values.help) return io.out(reportHelp), 0;
  if (positionals.length === 0) throw new UsageError('give a run folder (e.g. runs/alexnet-fashion-20261130-120000)');
  const out = values.out as string | undefined;
  if (positionals.length > 1 && out === undefined) throw new UsageError('several run folders make one page: name it with --out FILE');
  const dirs = positionals.map((d) => path.resolve(io.cwd, d));
  const file = out !== undefined ? path.resolve(io.cwd, out) : path.join(dirs[0], REPORT_FILE);
  const r = writeRunReport(dirs, file);
  const errors = r.problems.filter((d) => d.severity === 'error');
  if (r.problems.length) io.err(renderDiagnostics(r.problems, new Map(), { cwd: io.cwd }));
  if (!r.ok || errors.length) return 1;
  io.out(`wrote ${shown(io.cwd, file)} (${(r.bytes / 1024).toFixed(0)} KB)`);
  return 0;
}

/** `summary --svg OUT`: the architecture picture alone. */
export function writeArchitectureSvg(ir: ModelIR, out: string, collapse: boolean, io: IO): number {
  return writeOutput(path.resolve(io.cwd, out), architectureSvg(ir, { collapse }), io);
}

/** `diff A B --html OUT`: both pictures side by side, the differing layers outlined. */
export function writeDiffHtml(models: ModelIR[], out: string, io: IO): number {
  if (models.length !== 2) throw new UsageError(`--html draws two models side by side; received ${models.length}`);
  return writeOutput(path.resolve(io.cwd, out), diffReportHtml(models[0], models[1], { now: new Date() }), io);
}

/** A path relative to the working folder when it is inside it. */
const shown = (cwd: string, file: string) => {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
};

function writeOutput(file: string, text: string, io: IO): number {
  const w = writeFileAtomic(file, text);
  if (!w.ok) {
    io.err(renderDiagnostics([diagnostic('NS0608', w.error)], new Map(), { cwd: io.cwd }));
    return 1;
  }
  io.out(`wrote ${shown(io.cwd, file)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
  return 0;
}
