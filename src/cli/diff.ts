// `netspec diff a.yaml b.yaml …`: variants side by side, the first one the baseline.
import * as path from 'node:path';
import { diffVariants } from '../compiler/diff.ts';
import { summarize } from '../model/summary.ts';
import { renderVariantDiff } from '../report/diff-text.ts';
import { intOption, parse, UsageError, type IO } from './args.ts';
import { analyzeOrReport } from './check.ts';

export const diffHelp = `Usage: npm run diff -- <baseline.yaml> <variant.yaml> [more.yaml ...] [--json | --markdown]
       npm run diff -- <left.yaml> <right.yaml> --html OUT

Compares model variants in one table: parameters, mult-adds and memory per variant, then one
row per layer (matched by name) with a column per variant: its output shape and parameters. The
first file is the baseline: a cell that differs from it is marked with * (and shows the change
in parameters), a layer a variant lacks with —.

Options:
  --batch N   batch size for the memory estimate (default 1)
  --json      machine-readable output
  --markdown  a Markdown table (changed cells in bold)
  --html OUT  two models: both architectures side by side, the layers that differ outlined, and
              their layer table, as one HTML page written to OUT
  -h, --help  this help`;

// The drawing's code (report/html) is loaded only for --html: a diff starts without it.
export function diffCommand(argv: string[], io: IO): number | Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, markdown: { type: 'boolean' }, batch: { type: 'string' }, html: { type: 'string' } });
  if (values.help) return io.out(diffHelp), 0;
  if (positionals.length < 2) throw new UsageError('diff takes two or more model files (the first is the baseline)');
  if (values.json && values.markdown) throw new UsageError('give one of --json and --markdown');
  const batch = intOption(values.batch as string | undefined, 'batch') ?? 1;
  // Every file is analysed, so all their errors are shown at once.
  const analyses = positionals.map((f) => analyzeOrReport(f, io));
  if (analyses.some((a) => !a)) return 1;
  if (values.html !== undefined) return import('./report.ts').then((r) => r.writeDiffHtml(analyses.map((a) => a!.ir!), values.html as string, io));
  const summaries = analyses.map((a) => summarize(a!.ir!, batch));
  const d = diffVariants(summaries, labels(summaries.map((s) => s.model), positionals));
  io.out(values.json ? JSON.stringify(d, null, 2) : renderVariantDiff(d, values.markdown ? 'markdown' : 'text'));
  return 0;
}

/** Model names, or the file names where two variants share a name. */
function labels(models: string[], files: string[]): string[] {
  const shared = (m: string) => models.filter((x) => x === m).length > 1;
  const named = models.map((m, i) => (shared(m) ? path.basename(files[i]) : m));
  return named.map((n, i) => (named.indexOf(n) === i ? n : files[i]));
}
