import { diffSummaries } from '../compiler/diff.ts';
import { summarize } from '../model/summary.ts';
import { renderDiff } from '../report/diff-text.ts';
import { parse, UsageError, type IO } from './args.ts';
import { analyzeOrReport } from './check.ts';

export const diffHelp = `Usage: npm run diff -- <left.yaml> <right.yaml> [--json]

Compares two models layer by layer, matched by name: output shapes, parameters, mult-adds and
their deltas; layers only in one model are shown as added (+) or removed (-).

Options:
  --json      machine-readable output
  -h, --help  this help`;

export function diffCommand(argv: string[], io: IO): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (values.help) return io.out(diffHelp), 0;
  if (positionals.length !== 2) throw new UsageError('diff takes exactly two model files');
  const left = analyzeOrReport(positionals[0], io);
  const right = analyzeOrReport(positionals[1], io);
  if (!left || !right) return 1;
  const d = diffSummaries(summarize(left.ir!), summarize(right.ir!));
  io.out(values.json ? JSON.stringify(d, null, 2) : renderDiff(d));
  return 0;
}
