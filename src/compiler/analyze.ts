// parse -> validate -> resolve -> lower: everything a model file means, or every problem with it.
// Kept apart from compile.ts (the emitter, ts-morph) so that `summary` and `diff` load only this.
import * as path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ModelIR } from '../model/ir.ts';
import type { SourceFile } from './parse.ts';
import { loadSpecFile, loadSpecText, urlDiagnostic } from './load.ts';
import { resolveModel } from './resolve.ts';
import { lowerModel } from './lower.ts';

export interface Analysis {
  ir?: ModelIR;
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

export interface AnalyzeOptions {
  /** The spec's text, used instead of reading `file` (which still names it and anchors `extends`). */
  text?: string;
}

export function analyzeModel(file: string, opts: AnalyzeOptions = {}): Analysis {
  const { text } = opts;
  const url = text === undefined ? urlDiagnostic(file) : undefined;
  if (url) return { diagnostics: [url], sources: new Map() };
  const load = text === undefined ? loadSpecFile : (f: string) => (f === path.normalize(file) ? loadSpecText(f, text) : loadSpecFile(f));
  const resolved = resolveModel(file, load);
  if (!resolved.model) return { diagnostics: resolved.diagnostics, sources: resolved.sources };
  const lowered = lowerModel(resolved.model);
  return { ir: lowered.ir, diagnostics: [...resolved.diagnostics, ...lowered.diagnostics], sources: resolved.sources };
}
