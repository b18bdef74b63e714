// `netspec export`: a spec (and optionally trained weights) to PyTorch (model.py, train.py,
// model.safetensors) or ONNX (one .onnx file); and the way back, `--to netspec`: a PyTorch state
// dict in safetensors into a netspec run folder that `eval` reads and whose model/ is TF.js.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { freshWeights } from '../export/init.ts';
import { exportOnnx } from '../export/onnx/model.ts';
import { exportPytorch } from '../export/pytorch/index.ts';
import { readWeights, type Weights } from '../export/source.ts';
import { intOption, parse, UsageError, type IO } from './args.ts';
import { analyzeOrReport } from './check.ts';

export const exportHelp = `Usage: npm run export -- <model.yaml> --to pytorch --out DIR [--checkpoint SRC] [--check]
       npm run export -- <model.yaml> --to onnx --out FILE.onnx [--checkpoint SRC] [--check]
       npm run export -- <model.yaml> --to netspec --checkpoint WEIGHTS.safetensors --out RUN_DIR

--to pytorch writes DIR/model.py (the network as an nn.Module, layer names as module names),
DIR/train.py (the spec's train: block under torchrun with DistributedDataParallel) and, with
--checkpoint, DIR/model.safetensors (the weights as model.py's state dict).
--to onnx writes one ONNX file (opset 13, input NCHW [N, C, H, W], the model's own output),
with the checkpoint's weights or freshly initialised ones (--seed).
--to netspec brings weights trained with PyTorch (train.py's model.safetensors, or any state
dict of model.py saved as safetensors) back: RUN_DIR gets a netspec checkpoint for \`eval\` and
--resume, and model/ in TF.js format.

Options:
  --to pytorch|onnx|netspec
  --out PATH           the folder (pytorch, netspec) or file (onnx) to write
  --checkpoint SRC     weights: a run folder (its newest checkpoint), a .nsckpt file, a TF.js
                       export folder (model.json), or a .safetensors state dict of model.py
  --seed N             seed of fresh weights (onnx without --checkpoint; default 1)
  --check              check the result with Python: model.py builds and loads its weights
                       (PyTorch), or the ONNX checker passes (python3-onnx)
  --python PATH        the Python for --check (default $NETSPEC_PYTHON, else /usr/bin/python3
                       where it exists (Debian's python3-torch and python3-onnx), else python3)
  -h, --help           this help

See "Train on many machines" in the README for torchrun.`;

const TARGETS = ['pytorch', 'onnx', 'netspec'] as const;
type Target = (typeof TARGETS)[number];

const INSTALL = {
  torch: 'apt-get install python3-torch (Debian/Ubuntu), or pip install torch',
  onnx: 'apt-get install python3-onnx (Debian/Ubuntu), or pip install onnx',
};

export async function exportCommand(argv: string[], io: IO): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    to: { type: 'string' },
    out: { type: 'string' },
    checkpoint: { type: 'string' },
    seed: { type: 'string' },
    check: { type: 'boolean' },
    python: { type: 'string' },
  });
  if (v.help) return io.out(exportHelp), 0;
  if (positionals.length !== 1) throw new UsageError('export takes exactly one model file');
  const to = v.to as string | undefined;
  if (!to || !(TARGETS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${TARGETS.join(', ')}; received ${JSON.stringify(to ?? null)}`);
  if (!v.out) throw new UsageError(`--out is required: the ${to === 'onnx' ? 'file' : 'folder'} to write`);
  if (to === 'netspec' && !v.checkpoint) throw new UsageError('--to netspec needs --checkpoint WEIGHTS.safetensors (the PyTorch weights to bring back)');
  const seed = intOption(v.seed as string | undefined, 'seed', 0) ?? 1;
  const out = path.resolve(io.cwd, v.out as string);
  const spec = positionals[0];
  const fail = (ds: Diagnostic[]) => (io.err(renderDiagnostics(ds, new Map(), { cwd: io.cwd })), 1);

  const analysis = analyzeOrReport(spec, io);
  if (!analysis) return 1;
  const ir = analysis.ir!;
  let weights: Extract<Weights, { ok: true }> | undefined;
  if (v.checkpoint) {
    const read = readWeights(path.resolve(io.cwd, v.checkpoint as string), ir);
    if (!read.ok) return fail([read.diagnostic]);
    weights = read;
  }
  const python = (v.python as string | undefined) ?? defaultPython();
  const source = path.relative(io.cwd, path.resolve(io.cwd, spec)) || spec;

  switch (to as Target) {
    case 'pytorch': {
      const specs = ir.files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
      const files = exportPytorch(ir, { source, weights: weights?.weights, weightsFrom: weights?.from && path.relative(io.cwd, weights.from), specs });
      if (!files.ok) return fail(files.diagnostics);
      const written = writeAll(out, files.files);
      if (written) return fail([written]);
      io.out(`wrote ${[...files.files.keys()].filter((f) => f.endsWith('.py') || f.endsWith('.safetensors')).map((f) => path.relative(io.cwd, path.join(out, f))).join(', ')}`);
      if (v.check) {
        const args = [path.join(out, 'model.py'), ...(files.files.has('model.safetensors') ? [path.join(out, 'model.safetensors')] : [])];
        const r = runPython(python, 'torch', args);
        if (!r.ok) return fail([r.diagnostic]);
        io.out(`checked with PyTorch: ${r.output}`);
      }
      io.out(`train: torchrun --standalone --nproc_per_node 2 ${path.relative(io.cwd, path.join(out, 'train.py'))} --out runs/torch   (see the README: "Train on many machines")`);
      return 0;
    }
    case 'onnx': {
      const w = weights?.weights ?? freshWeights(ir, seed);
      const r = exportOnnx(ir, w, { source, weightsFrom: weights ? path.relative(io.cwd, weights.from) : `fresh (${ir.init} initialisation, seed ${seed})` });
      if (!r.ok) return fail(r.diagnostics);
      const written = writeAll(path.dirname(out), new Map([[path.basename(out), r.bytes]]));
      if (written) return fail([written]);
      io.out(`wrote ${path.relative(io.cwd, out)} (opset 13, input NCHW [N, ${ir.input[2]}, ${ir.input[0]}, ${ir.input[1]}], ${(r.bytes.length / 2 ** 20).toFixed(1)} MB, weights ${weights ? `from ${path.relative(io.cwd, weights.from)}` : 'freshly initialised'})`);
      if (v.check) {
        const c = runPython(python, 'onnx', ['-c', 'import onnx, sys; onnx.checker.check_model(sys.argv[1], full_check=True); print("the ONNX checker passes")', out]);
        if (!c.ok) return fail([c.diagnostic]);
        io.out(c.output);
      }
      return 0;
    }
    case 'netspec': {
      const { importRun } = await import('./export-import.ts');
      return importRun(ir, analysis.sources, weights!, out, io);
    }
  }
}

/** Debian's packages install into the system Python, which a virtualenv's python3 may hide. */
const defaultPython = (): string => process.env.NETSPEC_PYTHON || (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Writes each file into `dir` (created), atomically; a diagnostic for the first that fails. */
function writeAll(dir: string, files: Map<string, string | Uint8Array>): Diagnostic | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    return diagnostic('NS0704', `cannot create ${dir}: ${(e as Error).message}`, undefined, { help: 'choose another --out' });
  }
  for (const [name, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    const r = writeFileAtomic(path.join(dir, name), content);
    if (!r.ok) return diagnostic('NS0704', r.error, undefined, { help: 'choose another --out' });
  }
  return undefined;
}

/** Runs Python with `args`; a missing interpreter or package is NS0703 with the command that installs it. */
function runPython(python: string, pkg: 'torch' | 'onnx', args: string[]): { ok: true; output: string } | { ok: false; diagnostic: Diagnostic } {
  const probe = spawnSync(python, ['-c', `import ${pkg}`], { encoding: 'utf8', timeout: 120_000 });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` : `${python} cannot import ${pkg}`;
    return { ok: false, diagnostic: diagnostic('NS0703', `--check needs ${pkg === 'torch' ? 'PyTorch' : 'the onnx package'}: ${why}`, undefined,
      { help: `install it: ${INSTALL[pkg]}; or point --python at a Python that has it` }) };
  }
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 600_000 });
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) return { ok: false, diagnostic: diagnostic('NS0707', `the ${pkg === 'onnx' ? 'ONNX checker' : 'PyTorch check'} failed:\n${output.split('\n').slice(-8).join('\n')}`) };
  return { ok: true, output: output.split('\n').at(-1) ?? '' };
}

