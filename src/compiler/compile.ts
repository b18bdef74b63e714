// The pipeline, pure but for reading the spec files: parse -> validate -> resolve -> IR -> emit.
// Returns data (diagnostics, IR, the files it would write); writing is write.ts's job.
import * as path from 'node:path';
import type { ModelIR } from '../model/ir.ts';
import { emitModelModule } from './emit/module.ts';

// Analysis lives in analyze.ts (no ts-morph) so that summary and diff start fast.
export { analyzeModel, type Analysis } from './analyze.ts';

/** Where a model's module goes: generated/<spec file name>.ts. */
export function outputPath(specFile: string, outDir: string): string {
  return path.join(outDir, `${path.basename(specFile).replace(/\.ya?ml$/i, '')}.ts`);
}

/** The generated module's text for a model (pure). `runtimeImport`: `netspec compile --runtime-import`. */
export function generateModule(ir: ModelIR, outFile: string, root: string, options: { runtimeImport?: string } = {}): string {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  // Without a specifier the emitter's default, `netspec/runtime`, wherever the file goes.
  return emitModelModule(ir, { sourcePath: rel(path.resolve(ir.file)), runtimeImport: options.runtimeImport });
}
