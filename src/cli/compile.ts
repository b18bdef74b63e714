// `netspec compile`: every models/*.yaml (or the files named) -> generated/*.ts, skipping what
// is unchanged without loading the compiler at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type IO } from './args.ts';
import { cacheEntry, compilerHash, isFresh, readCache, writeCache, writeIfChanged, type Cache } from '../compiler/write.ts';

export const compileHelp = `Usage: npm run compile [-- <model.yaml> ...] [--out DIR] [--force] [--check]

Compiles model specs to TypeScript modules under generated/ (default: every models/*.yaml).
Unchanged models are skipped.

Options:
  --out DIR   output folder (default generated/)
  --force     rebuild even when nothing changed
  --check     write nothing; exit 1 if any generated file is missing or stale
  -h, --help  this help`;

export async function compileCommand(argv: string[], io: IO, root: string): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, force: { type: 'boolean' }, check: { type: 'boolean' } });
  if (values.help) return io.out(compileHelp), 0;
  const outDir = path.resolve(io.cwd, (values.out as string | undefined) ?? path.join(root, 'generated'));
  const files = positionals.length
    ? positionals.map((f) => path.resolve(io.cwd, f))
    : fs.readdirSync(path.join(root, 'models')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(root, 'models', f));
  const compiler = compilerHash(root);
  const cache: Cache = readCache(outDir) ?? { compiler, entries: {} };
  if (cache.compiler !== compiler) cache.entries = {};
  cache.compiler = compiler;
  const key = (f: string) => path.relative(root, f).split(path.sep).join('/');

  const stale = values.force ? files : files.filter((f) => !isFresh(cache, compiler, key(f), root));
  if (!stale.length) {
    io.out(`${files.length} model${files.length === 1 ? '' : 's'} up to date`);
    return 0;
  }
  // Only now pay for the compiler (ts-morph, ajv).
  const { analyzeModel, generateModule, outputPath } = await import('../compiler/compile.ts');
  const { renderDiagnostics } = await import('../compiler/diagnostics.ts');
  const { hasErrors } = await import('../model/diagnostic.ts');
  let failed = 0;
  let changed = 0;
  let cached = 0;
  for (const file of stale) {
    const rel = path.relative(io.cwd, file);
    const analysis = analyzeModel(path.relative(io.cwd, file) || file);
    if (analysis.diagnostics.length) io.err(renderDiagnostics(analysis.diagnostics, analysis.sources, { cwd: io.cwd }));
    if (hasErrors(analysis.diagnostics) || !analysis.ir) {
      failed++;
      continue;
    }
    const out = outputPath(file, outDir);
    const text = generateModule(analysis.ir, out, root);
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (values.check) {
      if (current !== text) {
        io.err(`${path.relative(io.cwd, out)} is stale: run npm run compile`);
        failed++;
      }
      continue;
    }
    if (writeIfChanged(out, text)) {
      changed++;
      io.out(`${rel} -> ${path.relative(io.cwd, out)}`);
    }
    cache.entries[key(file)] = cacheEntry(root, analysis.ir.files.map((f) => path.resolve(io.cwd, f)), out, text);
    cached++;
  }
  // Nothing compiled, nothing written: a failing run leaves the output folder as it was.
  if (!values.check && cached) writeCache(outDir, cache);
  const ok = stale.length - failed;
  io.out(`${ok} compiled (${changed} changed), ${files.length - stale.length} up to date${failed ? `, ${failed} failed` : ''}`);
  return failed ? 1 : 0;
}
