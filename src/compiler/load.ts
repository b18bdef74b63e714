// One spec file in: read → parse → schema-check. The spec is returned only when every step
// passed; the source is returned whenever the file could be read, so diagnostics can render.
import type { Diagnostic } from '../model/diagnostic.ts';
import { hasErrors } from '../model/diagnostic.ts';
import { diagnostic } from '../model/codes.ts';
import { parseSource, readSource, type SourceFile } from './parse.ts';
import type { ModelSpec } from '../model/spec.ts';
import { validateSchema } from './validate.ts';

export interface Loaded {
  source?: SourceFile;
  spec?: ModelSpec;
  diagnostics: Diagnostic[];
}

/** `https://…`, `file:…`: a spec is read from a path, never fetched. */
const URL_LIKE = /^[a-z][a-z0-9+.-]+:\/\//i;

/** NS0107 when `file` is a URL (checked before paths are normalised, which would fold its `//`). */
export function urlDiagnostic(file: string): Diagnostic | undefined {
  if (!URL_LIKE.test(file)) return undefined;
  return diagnostic('NS0107', `\`${file}\` is a URL; netspec reads spec files from disk and never downloads them`, { file }, {
    help: 'download the file first (e.g. `curl -o model.yaml <url>`) and give its path',
  });
}

export function loadSpecFile(file: string): Loaded {
  const url = urlDiagnostic(file);
  return url ? { diagnostics: [url] } : check(readSource(file));
}

/** A spec given as text (the API's `loadModel(text)`); `file` names it in diagnostics. */
export function loadSpecText(file: string, text: string): Loaded {
  // A file read from disk loses its byte-order mark in readSource; text passed in may still have one.
  return check(parseSource(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}

function check({ source, value, diagnostics }: { source?: SourceFile; value?: unknown; diagnostics: Diagnostic[] }): Loaded {
  if (!source || hasErrors(diagnostics)) return { source, diagnostics };
  const schemaDs = validateSchema(source, value);
  const all = [...diagnostics, ...schemaDs];
  return hasErrors(schemaDs) ? { source, diagnostics: all } : { source, spec: value as ModelSpec, diagnostics: all };
}
