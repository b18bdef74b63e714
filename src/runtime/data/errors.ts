// Data problems the user can fix (missing, truncated or mislabelled files). Readers throw a
// DataError carrying its catalogued code; the trainer catches it and renders it like a compiler
// Diagnostic. Anything else that escapes the data layer is a bug in netspec, not in the user's files.

import type { Code } from '../../model/codes.ts';

/** NS0402: no dataset where the spec, --data or the search paths point; NS0401: any other file problem. */
export type DataCode = Extract<Code, 'NS0401' | 'NS0402'>;

export class DataError extends Error {
  override readonly name = 'DataError';
  /** The file or folder at fault; for a setting (not a file), the setting's path, e.g. `train.normalize`. */
  readonly file: string;
  /** A fix the user can make. */
  readonly help?: string;
  /** Context: what was expected, what was found. */
  readonly note?: string;
  readonly code: DataCode;

  constructor(file: string, message: string, opts: { help?: string; note?: string; code?: DataCode } = {}) {
    super(message);
    this.code = opts.code ?? 'NS0401';
    this.file = file;
    this.help = opts.help;
    this.note = opts.note;
  }
}

export const isDataError = (e: unknown): e is DataError => e instanceof DataError;
