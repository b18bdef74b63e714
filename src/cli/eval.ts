// `netspec eval`: top-1 / top-5 error of a run's checkpoint on the test split (ImageFolder: val),
// with the centre crop or the paper's ten-crop average. Everything it needs — the model's topology,
// the preprocessing and the dataset — comes from the checkpoint itself.
import * as path from 'node:path';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import { intOption, parse, UsageError, type IO } from './args.ts';
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { PRECISIONS, precisionLine, type PrecisionRequest } from '../runtime/backends/precision.ts';
import type { BackendRequest } from '../runtime/backends/select.ts';

export const evalHelp = `Usage: npm run eval -- runs/<run> [--ten-crop] [--checkpoint FILE] [options]

Measures a trained run's top-1 and top-5 error (and loss) on its dataset's test split
(ImageFolder: val/). By default it evaluates the run's newest intact checkpoint.

Options:
  --ten-crop          average the softmax of the four corner and centre crops and their mirrors
  --checkpoint FILE   evaluate this checkpoint instead
  --data PATH         dataset folder (default: the one the run trained on)
  --batch N           batch size (default: the run's)
  --steps N           only N batches: a random subset drawn with the run's seed (with the run's
                      batch size, the images its --val-steps N validated on)
  --json              print the result as JSON
  --backend auto|cuda|tfjs-node|native|wasm|cpu|webgpu
  --precision auto|fp32|bf16   (default auto: bf16 only where it can run, which is nowhere yet;
                      bf16 is refused, naming what is missing)
  -h, --help          this help`;

const BACKENDS = ['auto', 'cuda', 'tfjs-node', 'native', 'wasm', 'cpu', 'webgpu'] as const;

export async function evalCommand(argv: string[], io: IO): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    'ten-crop': { type: 'boolean' },
    checkpoint: { type: 'string' },
    data: { type: 'string' },
    batch: { type: 'string' },
    steps: { type: 'string' },
    json: { type: 'boolean' },
    backend: { type: 'string' },
    precision: { type: 'string' },
  });
  if (v.help) return io.out(evalHelp), 0;
  const ckFile = v.checkpoint as string | undefined;
  if (positionals.length > 1 || (positionals.length === 0 && !ckFile)) throw new UsageError('eval takes one run folder (or --checkpoint FILE)');
  const backend = (v.backend as string | undefined) ?? 'auto';
  if (!(BACKENDS as readonly string[]).includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; received ${JSON.stringify(backend)}`);
  const precision = (v.precision as string | undefined) ?? 'auto';
  if (!(PRECISIONS as readonly string[]).includes(precision)) throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}; received ${JSON.stringify(precision)}`);
  const batch = intOption(v.batch as string | undefined, 'batch');
  const steps = intOption(v.steps as string | undefined, 'steps');
  const dir = positionals[0] ? path.resolve(io.cwd, positionals[0]) : path.dirname(path.dirname(path.resolve(io.cwd, ckFile!)));

  const { selectBackend } = await import('../runtime/backends/select.ts');
  const { backendRefused } = await import('../runtime/train/prepare.ts');
  const chosen = await selectBackend({ requested: backend as BackendRequest, log: v.json ? () => {} : io.out });
  if (!chosen.ok) {
    io.err(renderDiagnostics([backendRefused(chosen)], new Map(), { cwd: io.cwd }));
    return 1;
  }
  const { decidePrecisionHere } = await import('../runtime/backends/precision-facts.ts');
  const decided = decidePrecisionHere(precision as PrecisionRequest, chosen.name, { kind: v.precision === undefined ? 'default' : 'flag' });
  if (!decided.ok) return io.err(renderDiagnostics([decided.diagnostic], new Map(), { cwd: io.cwd })), 1;
  if (!v.json) io.out(precisionLine(decided));
  const run = await import('../runtime/train/run.ts');
  const found = run.findCheckpoint(dir, ckFile && path.resolve(io.cwd, ckFile));
  const fail = (d: Diagnostic) => (io.err(renderDiagnostics([d], new Map(), { cwd: io.cwd })), 1);
  if (!found.ok) return fail(diagnostic('NS0407', found.error));
  for (const w of found.value.warnings) io.err(`warning: ${w}`);
  const ck = found.value.checkpoint;
  const extra = ck.meta?.extra;
  if (!extra?.config || !extra.topology) return fail(diagnostic('NS0407', `${found.value.file} was not written by a netspec run`));
  const model = await run.modelFromCheckpoint(ck);
  if (!model.ok) return fail(diagnostic('NS0407', `${found.value.file}: ${model.error}`));
  const { openDataset } = await import('../runtime/data/index.ts');
  const { evaluate } = await import('../runtime/train/evaluate.ts');
  const data = v.data !== undefined ? path.resolve(io.cwd, v.data as string) : extra.config.data;
  let result;
  try {
    const dataset = await openDataset(extra.config.dataset, { path: data });
    if (dataset.test.size === 0) {
      return fail(diagnostic('NS0401', `${dataset.root} has no test split to evaluate on`, undefined,
        { note: dataset.notes.join('; ') || undefined, help: 'point --data at a dataset folder that has one' }));
    }
    result = await evaluate(model.value, {
      split: dataset.test,
      batchSize: batch ?? extra.config.batchSize,
      inputShape: extra.inputShape,
      augment: extra.transforms.augment,
      normalize: extra.transforms.normalize,
      tenCrop: v['ten-crop'] === true,
      steps,
      // The run's seed: --steps N picks the same images as its --val-steps N validation did.
      seed: extra.config.seed,
    });
  } catch (e) {
    const d = run.dataFailure(e);
    if (!d) throw e;
    return fail(d);
  }
  const p = ck.meta.progress;
  const what = {
    checkpoint: found.value.file,
    epochs: p.epoch,
    steps: p.globalStep,
    crops: v['ten-crop'] ? 'ten-crop' : 'centre',
    images: result.images,
    loss: result.loss,
    top1Error: result.top1Error,
    top5Error: result.top5Error,
  };
  if (v.json) {
    io.out(JSON.stringify(what, null, 2));
  } else {
    const crops = v['ten-crop'] ? 'ten crops averaged' : 'centre crop';
    io.out(`${path.relative(io.cwd, found.value.file)} (after ${p.globalStep} steps), ${result.images} test images, ${crops}:`);
    io.out(`  top-1 error ${(100 * result.top1Error).toFixed(2)}%   top-5 error ${(100 * result.top5Error).toFixed(2)}%   loss ${result.loss.toFixed(4)}`);
  }
  return 0;
}
