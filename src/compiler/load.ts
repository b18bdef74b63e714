// One spec file in: read → parse → schema-check. The spec is returned only when every step
// passed; the source is returned whenever the file could be read, so diagnostics can render.
import type { Diagnostic } from '../model/diagnostic.ts';
import { hasErrors } from '../model/diagnostic.ts';
import { readSource, type SourceFile } from './parse.ts';
import type { ModelSpec } from '../model/spec.ts';
import { validateSchema } from './validate.ts';

export interface Loaded {
  source?: SourceFile;
  spec?: ModelSpec;
  diagnostics: Diagnostic[];
}

export function loadSpecFile(file: string): Loaded {
  const { source, value, diagnostics } = readSource(file);
  if (!source || hasErrors(diagnostics)) return { source, diagnostics };
  const schemaDs = validateSchema(source, value);
  const all = [...diagnostics, ...schemaDs];
  return hasErrors(schemaDs) ? { source, diagnostics: all } : { source, spec: value as ModelSpec, diagnostics: all };
}
