import { collapseBlocks, summarize } from '../model/summary.ts';
import { renderSummary, renderSummaryCsv, renderSummaryMarkdown } from '../report/summary-text.ts';
import { intOption, parse, UsageError, type IO } from './args.ts';
import { analyzeOrReport } from './check.ts';

export const summaryHelp = `Usage: npm run summary -- <model.yaml> [--batch N] [--json | --markdown | --csv] [--collapse]
       npm run summary -- <model.yaml> --svg OUT [--collapse]

Prints each layer's type, input and output shape, parameters and mult-adds, the totals, and
the memory a training step needs at the batch size (torchsummary's formula).

Options:
  --batch N   batch size for the memory estimate (default 1)
  --json      machine-readable output (shapes are HWC, without the batch); a layer from a
              block has \`block\`: its block instance (\`layer2.0\`) and the block's name
  --markdown  the table and totals as Markdown
  --csv       one row per layer: name,type,input_shape,output_shape,params,mult_adds,block
  --collapse  one row per block instance (\`layer2.0 (block basic)\`), its layers' counts summed
  --svg OUT   write the architecture as an SVG picture to OUT instead of the table (with
              --collapse: one box per block instance)
  -h, --help  this help`;

const FORMATS = ['json', 'markdown', 'csv'] as const;

// The picture's code (report/html) is loaded only for --svg: a summary starts without it.
export function summaryCommand(argv: string[], io: IO): number | Promise<number> {
  const { values, positionals } = parse(argv, {
    batch: { type: 'string' },
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
    csv: { type: 'boolean' },
    collapse: { type: 'boolean' },
    svg: { type: 'string' },
  });
  if (values.help) return io.out(summaryHelp), 0;
  if (positionals.length !== 1) throw new UsageError('summary takes exactly one model file');
  const formats = FORMATS.filter((f) => values[f]);
  if (formats.length > 1) throw new UsageError(`give one output format, not ${formats.map((f) => `--${f}`).join(' and ')}`);
  if (values.svg !== undefined && formats.length) throw new UsageError(`--svg writes a picture instead of the table: give it without --${formats[0]}`);
  const batch = intOption(values.batch as string | undefined, 'batch') ?? 1;
  const analysis = analyzeOrReport(positionals[0], io);
  if (!analysis) return 1;
  if (values.svg !== undefined) return import('./report.ts').then((r) => r.writeArchitectureSvg(analysis.ir!, values.svg as string, !!values.collapse, io));
  const full = summarize(analysis.ir!, batch);
  const s = values.collapse ? collapseBlocks(full) : full;
  const render = { json: (x: typeof s) => JSON.stringify(x, null, 2), markdown: renderSummaryMarkdown, csv: renderSummaryCsv, text: renderSummary };
  io.out(render[formats[0] ?? 'text'](s));
  return 0;
}
