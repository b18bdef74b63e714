// Expressions as small trees, laid out on a ts-morph CodeBlockWriter: flat when the line has room
// (LINE_WIDTH), else broken one element per line, prettier's way. Leaves are literals from literal.ts.
import type { CodeBlockWriter } from 'ts-morph';

/** Every line of generated code fits in this many characters. */
export const LINE_WIDTH = 120;
/** Spaces per indentation level (the Project's manipulation settings use the same). */
export const INDENT = 2;

/** A leaf (never broken), an object literal, an array literal or a call. */
export type Code =
  | string
  | { kind: 'object'; entries: [key: string, value: Code][] }
  | { kind: 'array'; items: Code[] }
  | { kind: 'call'; callee: string; args: Code[] };

export const object = (entries: [string, Code][]): Code => ({ kind: 'object', entries });
export const array = (items: Code[]): Code => ({ kind: 'array', items });
export const call = (callee: string, ...args: Code[]): Code => ({ kind: 'call', callee, args });

/** The one-line form. */
export function flat(code: Code): string {
  if (typeof code === 'string') return code;
  switch (code.kind) {
    case 'object': return code.entries.length ? `{ ${code.entries.map(([k, v]) => `${k}: ${flat(v)}`).join(', ')} }` : '{}';
    case 'array': return `[${code.items.map(flat).join(', ')}]`;
    case 'call': return `${code.callee}(${code.args.map(flat).join(', ')})`;
  }
}

/**
 * Writes `code` starting at `column`, leaving `reserve` characters for what follows on its last
 * line; returns the column where it ends. Writes at the writer's current indentation level.
 */
export function writeCode(w: CodeBlockWriter, code: Code, column: number, reserve = 0): number {
  const one = flat(code);
  if (typeof code === 'string' || column + one.length + reserve <= LINE_WIDTH) {
    w.write(one);
    return column + one.length;
  }
  const inner = (w.getIndentationLevel() + 1) * INDENT;
  const closing = w.getIndentationLevel() * INDENT + 1;
  switch (code.kind) {
    case 'object':
      w.write('{').newLine();
      w.indent(() => {
        for (const [key, value] of code.entries) {
          w.write(`${key}: `);
          writeCode(w, value, inner + key.length + 2, 1);
          w.write(',').newLine();
        }
      });
      w.write('}');
      return closing;
    case 'array':
      w.write('[').newLine();
      w.indent(() => (code.items.every((i) => typeof i === 'string') ? fill(w, code.items as string[], inner) : lines(w, code.items, inner)));
      w.write(']');
      return closing;
    case 'call': {
      const open = column + code.callee.length + 1;
      w.write(`${code.callee}(`);
      // One object or array argument hugs the parentheses: `f({` ... `})`.
      if (code.args.length === 1 && typeof code.args[0] !== 'string') {
        const end = writeCode(w, code.args[0], open, reserve + 1);
        w.write(')');
        return end + 1;
      }
      w.newLine();
      w.indent(() => lines(w, code.args, inner));
      w.write(')');
      return closing;
    }
  }
}

/** One element per line, each followed by a comma. */
function lines(w: CodeBlockWriter, items: Code[], column: number): void {
  for (const item of items) {
    writeCode(w, item, column, 1);
    w.write(',').newLine();
  }
}

/** Short leaves packed into as few lines as fit (layer names, shapes). */
function fill(w: CodeBlockWriter, items: string[], column: number): void {
  let at = column;
  items.forEach((item, i) => {
    const width = item.length + 1;
    if (i > 0 && at + 1 + width > LINE_WIDTH) {
      w.newLine();
      at = column;
    } else if (i > 0) {
      w.write(' ');
      at += 1;
    }
    w.write(`${item},`);
    at += width;
  });
  w.newLine();
}

/** Words of `text` in lines of at most `width` characters; a word longer than that is cut. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (let word of text.split(' ').filter(Boolean)) {
    while (word.length > width) {
      if (line) out.push(line);
      line = '';
      out.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line || !out.length) out.push(line);
  return out;
}

/** `// ` comment lines for `text` (already sanitised by commentText) at the writer's indentation. */
export function writeComment(w: CodeBlockWriter, text: string): void {
  const width = LINE_WIDTH - w.getIndentationLevel() * INDENT - 3;
  for (const line of wrap(text, width)) w.writeLine(`// ${line}`.trimEnd());
}
