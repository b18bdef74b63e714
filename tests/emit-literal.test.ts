// The emitter's escaping on its own: valid specs cannot reach it with hostile text (names are
// identifiers, descriptions go to comments), so without these tests a broken lit() or
// commentText() would pass the suite (the mutation check found exactly that).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commentText, lit } from '../src/compiler/emit/literal.ts';

const hostile = [
  'plain', '', 'quote " inside', "apostrophe ' inside", 'back\\slash', 'new\nline', 'carriage\rreturn', 'tab\there',
  'line\u2028separator', 'paragraph\u2029separator', '${process.exit(1)}', '`backtick`', '*/ process.exit(1) /*',
  '</script>', '\u0000nul', 'emoji 😀 and \ud800 lone surrogate', '__proto__',
];

describe('lit: a string literal that evaluates back to the text', () => {
  it.each(hostile)('%j', (text) => {
    const code = lit(text);
    // One physical line: no raw line terminator a JS parser would break on (ES2019 allows
    // U+2028/9 in strings, but older tools and eval-in-template contexts do not).
    expect(code).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(code.startsWith('"') && code.endsWith('"')).toBe(true);
    // Evaluated in an empty context, it is the text again and runs nothing.
    expect(runInNewContext(code, Object.create(null))).toBe(text);
  });
});

describe('commentText: safe inside /* */ and // comments', () => {
  it.each(hostile)('%j', (text) => {
    const c = commentText(text);
    expect(c).not.toMatch(/\*\/|[\n\r\u2028\u2029]/);
    // Nothing after the comment runs: the comment parses as one, whatever the text.
    expect(runInNewContext(`/* ${c} */ 1`)).toBe(1);
    expect(runInNewContext(`// ${c}\n2`)).toBe(2);
  });
});
