// The pipeline, pure but for reading the spec files: parse -> validate -> resolve -> IR -> emit.
// Returns data (diagnostics, IR, the files it would write); writing is write.ts's job.
import * as path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ModelIR } from '../model/ir.ts';
import type { SourceFile } from './parse.ts';
import { resolveModel } from './resolve.ts';
import { lowerModel } from './lower.ts';
import { emitModelModule } from './emit/module.ts';

export interface Analysis {
  ir?: ModelIR;
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

/** Everything a model file means, or every problem with it. */
export function analyzeModel(file: string): Analysis {
  const resolved = resolveModel(file);
  if (!resolved.model) return { diagnostics: resolved.diagnostics, sources: resolved.sources };
  const lowered = lowerModel(resolved.model);
  return { ir: lowered.ir, diagnostics: [...resolved.diagnostics, ...lowered.diagnostics], sources: resolved.sources };
}

/** Where a model's module goes: generated/<spec file name>.ts. */
export function outputPath(specFile: string, outDir: string): string {
  return path.join(outDir, `${path.basename(specFile).replace(/\.ya?ml$/i, '')}.ts`);
}

/** The generated module's text for a model (pure). */
export function generateModule(ir: ModelIR, outFile: string, root: string): string {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  let runtime = path.relative(path.dirname(outFile), path.join(root, 'src', 'runtime')).split(path.sep).join('/');
  if (!runtime.startsWith('.')) runtime = `./${runtime}`;
  return emitModelModule(ir, { sourcePath: rel(path.resolve(ir.file)), runtimeImport: runtime });
}
