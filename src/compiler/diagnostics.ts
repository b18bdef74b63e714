// Rendering diagnostics, rustc style:
//
//   models/x.yaml:12:14: error[NS0302]: `groups` (3) does not divide the 96 input channels of conv2
//      |
//   12 |   - { type: conv2d, name: conv2, filters: 256, kernel: 5, groups: 3 }
//      |                                                            ^^^^^^^^^
//      = help: use a groups value that divides both 96 and 256, e.g. 2
//
// Pure and deterministic: no colour unless asked, paths relative to the given cwd, sorted by
// file then position. Also the "did you mean" helper every phase uses for suggestions.
import { relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { locate, type Located } from './locate.ts';
import type { SourceFile } from './parse.ts';

export interface RenderOptions {
  /** ANSI colours (for a terminal). Default false. */
  color?: boolean;
  /** Show file paths relative to this folder. Default: paths as given. */
  cwd?: string;
}

/** Lines longer than this are shown as a window around the span. */
const MAX_LINE = 100;
const TAB = '    ';

export function renderDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: RenderOptions = {}): string {
  if (ds.length === 0) return '';
  const placed = ds.map((d, i) => {
    const source = d.location ? sources.get(d.location.file) : undefined;
    const at = source && d.location ? locate(source, d.location) : undefined;
    return { d, i, source, at };
  });
  placed.sort(
    (a, b) =>
      cmp(a.d.location?.file ?? '', b.d.location?.file ?? '') ||
      (a.at?.range[0] ?? -1) - (b.at?.range[0] ?? -1) ||
      a.i - b.i,
  );
  const blocks = placed.map((p) => renderOne(p.d, p.source, p.at, opts));
  return `${blocks.join('\n\n')}\n\n${paint(opts, '1', summary(ds))}\n`;
}

/** `2 errors`, `1 error, 1 warning`, `1 warning`. */
export function summary(ds: readonly Diagnostic[]): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  return [errors ? n(errors, 'error') : '', warnings ? n(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

function renderOne(d: Diagnostic, source: SourceFile | undefined, at: Located | undefined, opts: RenderOptions): string {
  const sevColor = d.severity === 'error' ? '1;31' : '1;33';
  const file = d.location ? shownPath(d.location.file, opts.cwd) : undefined;
  const where = file === undefined ? '' : at ? `${file}:${at.line}:${at.col}: ` : `${file}: `;
  const head = `${where}${paint(opts, sevColor, `${d.severity}[${d.code}]`)}: ${paint(opts, '1', clean(d.message))}`;
  const lines = [head];
  const width = at ? String(at.line).length : 1;
  const pad = ' '.repeat(width);
  const gutter = (s: string) => paint(opts, '1;34', s);
  if (source && at) {
    const { shown, caret, length } = window(lineText(source, at.line), spanInLine(source, at));
    lines.push(gutter(`${pad} |`));
    lines.push(`${gutter(`${at.line} |`)}${shown ? ` ${shown}` : ''}`);
    lines.push(`${gutter(`${pad} |`)} ${' '.repeat(caret)}${paint(opts, sevColor, '^'.repeat(length))}`);
  }
  for (const [label, text] of [['note', d.note], ['help', d.help]] as const) {
    if (text === undefined) continue;
    const body = clean(text).split('\n').join(`\n${pad}   ${' '.repeat(label.length + 2)}`);
    lines.push(`${pad} ${paint(opts, '1', `= ${label}:`)} ${body}`);
  }
  return lines.join('\n');
}

function shownPath(file: string, cwd: string | undefined): string {
  const p = cwd === undefined ? file : relative(cwd, resolve(cwd, file)) || file;
  return p.split(sep).join('/');
}

function lineText(source: SourceFile, line: number): string {
  const starts = source.lineCounter.lineStarts;
  const start = starts[line - 1] ?? source.text.length;
  const next = starts[line] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$/, '');
}

/** The span as [start, end) UTF-16 indices within its first line. */
function spanInLine(source: SourceFile, at: Located): [number, number] {
  const start = at.col - 1;
  const text = lineText(source, at.line);
  const end = at.endLine === at.line ? at.endCol - 1 : text.trimEnd().length;
  return [start, Math.max(end, start + 1)];
}

/**
 * The line as shown (tabs expanded, control and bidi characters replaced so the terminal shows
 * what the file holds) and the caret position in display cells; a long line is cut to a window.
 */
function window(text: string, [start, end]: [number, number]): { shown: string; caret: number; length: number } {
  const cells: string[] = [];
  let caretStart = -1;
  let caretEnd = -1;
  let i = 0;
  for (const ch of text) {
    if (i === start) caretStart = cells.length;
    if (i === end) caretEnd = cells.length;
    if (ch === '\t') cells.push(...TAB);
    else cells.push(clean(ch));
    i += ch.length;
  }
  if (caretStart < 0) caretStart = cells.length + Math.max(0, start - i);
  if (caretEnd < 0) caretEnd = Math.max(cells.length, caretStart + 1);
  let from = 0;
  let to = cells.length;
  if (cells.length > MAX_LINE) {
    from = Math.max(0, Math.min(caretStart - 30, cells.length - MAX_LINE));
    to = Math.min(cells.length, from + MAX_LINE);
  }
  const shown = `${from > 0 ? '…' : ''}${cells.slice(from, to).join('')}${to < cells.length ? '…' : ''}`.trimEnd();
  const caret = caretStart - from + (from > 0 ? 1 : 0);
  const length = Math.max(1, Math.min(caretEnd, to + (to < cells.length ? 0 : 1)) - caretStart);
  return { shown, caret, length };
}

/** Control characters (but newline) and bidi overrides from user text, made visible and harmless. */
const clean = (s: string): string => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function paint(opts: RenderOptions, code: string, s: string): string {
  return opts.color ? `\x1b[${code}m${s}\x1b[0m` : s;
}

// ---- suggestions -------------------------------------------------------------------------------

/** Optimal-string-alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate nearest to `word`, if near enough to be a likely typo: case, `_` and `-` are
 * ignored (batch_size → batchSize), then at most one edit per three characters (at least one).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const w = norm(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(w, norm(c));
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(w.length / 3)) ? best : undefined;
}
