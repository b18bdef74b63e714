// Data problems the user can fix (missing, truncated or mislabelled files). Readers throw a
// DataError; the trainer catches it and renders it like a compiler Diagnostic. Anything else that
// escapes the data layer is a bug in netspec, not in the user's files.

import type { Diagnostic } from '../../model/diagnostic.ts';

export class DataError extends Error {
  override readonly name = 'DataError';
  /** The file or folder at fault; for a setting (not a file), the setting's path, e.g. `train.normalize`. */
  readonly file: string;
  /** A fix the user can make. */
  readonly help?: string;
  /** Context: what was expected, what was found. */
  readonly note?: string;

  constructor(file: string, message: string, opts: { help?: string; note?: string } = {}) {
    super(message);
    this.file = file;
    this.help = opts.help;
    this.note = opts.note;
  }
}

export const isDataError = (e: unknown): e is DataError => e instanceof DataError;

/** The same problem as a Diagnostic, for the CLI's renderer. */
export const dataDiagnostic = (e: DataError, code = 'NS0401'): Diagnostic => ({
  severity: 'error',
  code,
  message: `${e.file}: ${e.message}`,
  location: { file: e.file },
  ...(e.help ? { help: e.help } : {}),
  ...(e.note ? { note: e.note } : {}),
});
