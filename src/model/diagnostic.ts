// Errors as data: every phase returns Diagnostic[]; only the CLI renders and exits.

export type Severity = 'error' | 'warning';

/** Where in a source file: either a byte range or a path into the YAML document. */
export interface Location {
  file: string;
  /** [start, end) character offsets into the file's text. */
  range?: [number, number];
  /** Path into the YAML document (e.g. ['layers', 3, 'groups']), resolved to a range when rendered. */
  path?: (string | number)[];
  /** For a path: point at the key instead of the value (unknown keys, duplicate names). */
  key?: boolean;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. NS0101; the catalogue is in src/compiler/codes.ts. */
  code: string;
  message: string;
  location?: Location;
  /** A fix the user can make. */
  help?: string;
  /** Context (where a value came from, what was computed). */
  note?: string;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
