// `netspec compile`: specs -> typed TypeScript modules, skipping what is unchanged without loading
// the compiler at all. Every path is the user's: relative to the current folder, never to where
// netspec is installed (in this repository `npm run compile` runs at its root, so both agree).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type IO } from './args.ts';
import { cacheEntry, compilerHash, isFresh, readCache, writeCache, writeIfChanged, type Cache } from '../compiler/write.ts';
import { diagnostic } from '../model/codes.ts';
import type { Diagnostic } from '../model/diagnostic.ts';

export const compileHelp = `Usage: netspec compile [<model.yaml> ...] [--out DIR] [--runtime-import SPEC] [--force] [--check]
       npm run compile [-- ...]   (inside the netspec repository)

Compiles model specs to TypeScript modules (default: every models/*.yaml under the current
folder, into generated/). Unchanged models are skipped.

Options:
  --out DIR              output folder (default generated/)
  --runtime-import SPEC  module the generated code imports netspec's layers from (default netspec/runtime)
  --force                rebuild even when nothing changed
  --check                write nothing; exit 1 if any generated file is missing or stale
  -h, --help             this help`;

/** A module specifier: a package path or a relative one, nothing that could break out of a string literal. */
const SPECIFIER = /^(?:\.{1,2}\/|@[\w.~-]+\/)?[\w.~-]+(?:\/[\w.~-]+)*$/;

/** NS0502 unless `spec` is a plain module specifier. */
export function checkRuntimeImport(spec: string): Diagnostic | undefined {
  if (SPECIFIER.test(spec)) return undefined;
  return diagnostic('NS0502', `--runtime-import ${JSON.stringify(spec)} is not a module specifier`, undefined, {
    help: 'give a package path such as `netspec/runtime` or `@me/runtime`, or a relative one such as `../runtime/index.ts`',
  });
}

/** The specs to compile: those named, else the current folder's models/*.yaml (NS0501 when there are none). */
export function specFiles(positionals: string[], cwd: string): { files: string[] } | { error: Diagnostic } {
  if (positionals.length) return { files: positionals.map((f) => path.resolve(cwd, f)) };
  const dir = path.join(cwd, 'models');
  const names = fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (names.length) return { files: names.map((f) => path.join(dir, f)) };
  return {
    error: diagnostic('NS0501', `nothing to compile: no spec named and no models/*.yaml under ${cwd}`, undefined, {
      help: 'name the specs (`netspec compile my.yaml --out src/models`) or put them in models/',
    }),
  };
}

export async function compileCommand(argv: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    'runtime-import': { type: 'string' },
    force: { type: 'boolean' },
    check: { type: 'boolean' },
  });
  if (values.help) return io.out(compileHelp), 0;
  const fail = async (d: Diagnostic) => {
    const { renderDiagnostics } = await import('../compiler/diagnostics.ts');
    io.err(renderDiagnostics([d], new Map(), { cwd: io.cwd }));
    return 1;
  };
  const runtimeImport = values['runtime-import'] as string | undefined;
  const badImport = runtimeImport === undefined ? undefined : checkRuntimeImport(runtimeImport);
  if (badImport) return fail(badImport);
  const outDir = path.resolve(io.cwd, (values.out as string | undefined) ?? 'generated');
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
    return fail(diagnostic('NS0503', `--out ${path.relative(io.cwd, outDir) || outDir} is a file, not a folder`, undefined, {
      help: 'give a folder for the generated modules (it is created when missing)',
    }));
  }
  const specs = specFiles(positionals, io.cwd);
  if ('error' in specs) return fail(specs.error);
  const { files } = specs;

  // Keys and outputs are relative to the current folder: the user's project.
  const project = io.cwd;
  const compiler = compilerHash(runtimeImport ?? '');
  const cache: Cache = readCache(outDir) ?? { compiler, entries: {} };
  if (cache.compiler !== compiler) cache.entries = {};
  cache.compiler = compiler;
  const key = (f: string) => path.relative(project, f).split(path.sep).join('/');

  const stale = values.force ? files : files.filter((f) => !isFresh(cache, compiler, key(f), project));
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
    // Absolute: io.cwd need not be the process's (diagnostics still show paths relative to it).
    const analysis = analyzeModel(file);
    if (analysis.diagnostics.length) io.err(renderDiagnostics(analysis.diagnostics, analysis.sources, { cwd: io.cwd }));
    if (hasErrors(analysis.diagnostics) || !analysis.ir) {
      failed++;
      continue;
    }
    const out = outputPath(file, outDir);
    const text = generateModule(analysis.ir, out, project, runtimeImport === undefined ? {} : { runtimeImport });
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (values.check) {
      if (current !== text) {
        io.err(`${path.relative(io.cwd, out)} is stale: run netspec compile`);
        failed++;
      }
      continue;
    }
    if (writeIfChanged(out, text)) {
      changed++;
      io.out(`${rel} -> ${path.relative(io.cwd, out)}`);
    }
    cache.entries[key(file)] = cacheEntry(project, analysis.ir.files.map((f) => path.resolve(io.cwd, f)), out, text);
    cached++;
  }
  // Nothing compiled, nothing written: a failing run leaves the output folder as it was.
  if (!values.check && cached) writeCache(outDir, cache);
  const ok = stale.length - failed;
  io.out(`${ok} compiled (${changed} changed), ${files.length - stale.length} up to date${failed ? `, ${failed} failed` : ''}`);
  return failed ? 1 : 0;
}
