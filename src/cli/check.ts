// Analyse model files and render their diagnostics for the terminal.
import { analyzeModel, type Analysis } from '../compiler/analyze.ts';
import { renderDiagnostics } from '../compiler/diagnostics.ts';
import { hasErrors } from '../model/diagnostic.ts';
import type { IO } from './args.ts';

/** The analysis, or undefined after printing its errors. Warnings are printed either way. */
export function analyzeOrReport(file: string, io: IO): Analysis | undefined {
  return reportAnalysis(analyzeModel(file), io);
}

/** Prints an analysis's diagnostics; the analysis when it has no errors. */
export function reportAnalysis(analysis: Analysis, io: IO): Analysis | undefined {
  if (analysis.diagnostics.length) io.err(renderDiagnostics(analysis.diagnostics, analysis.sources, { cwd: io.cwd }));
  return hasErrors(analysis.diagnostics) || !analysis.ir ? undefined : analysis;
}
