// NS0113: a line indented off every level open above it is reported once, at its key (or `-`),
// with the columns it could move to; yaml's own readings of it (a missing `-`, a multi-line key,
// a list used as a key) are not shown. Faults that are not indentation keep their own codes.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/compiler/parse.ts';

const cases: { name: string; text: string; at: [number, number]; says: string; help: string }[] = [
  { name: 'a key between two levels', text: 'name: t\ninput:\n  shape: [1, 1, 1]\n   foo: 1\n', at: [4, 4], says: '`foo` starts at column 4', help: 'column 3 beside `shape` (line 3) or to column 1 beside `input` (line 2)' },
  { name: 'a key left of its mapping', text: 'layers:\n  - type: conv2d\n    filters: 8\n kernel: 3\n', at: [4, 2], says: '`kernel` starts at column 2', help: 'column 5 beside `filters` (line 3) or to column 1 beside `layers` (line 1)' },
  { name: 'a key deeper than its mapping', text: 'name: t\nlayers:\n  - type: conv2d\n     filters: 8\n', at: [4, 6], says: '`filters` starts at column 6', help: 'column 5 beside `type` (line 3) or to column 1 beside `layers` (line 2)' },
  { name: 'a mapping deeper under a flow value', text: 'name: t\ninput:\n  shape: [1, 1, 1]\n    classes: 3\n', at: [4, 5], says: '`classes` starts at column 5', help: 'column 3 beside `shape` (line 3)' },
  { name: 'a list item deeper than its list', text: 'layers:\n  - { type: flatten }\n   - { type: dense, units: 2 }\n', at: [3, 4], says: 'this list item starts at column 4', help: 'column 3 beside the `-` on line 2' },
  { name: 'a list item left of its list', text: 'layers:\n  - { type: flatten }\n - { type: dense, units: 2 }\n', at: [3, 2], says: 'this list item starts at column 2', help: 'column 3 beside the `-` on line 2' },
  { name: 'comments and blank lines in between', text: 'input:\n  shape: [1, 1, 1]\n\n  # a note\n   classes: 3\n', at: [5, 4], says: '`classes` starts at column 4', help: 'column 3 beside `shape` (line 2)' },
];

describe('bad indentation', () => {
  it.each(cases)('$name', ({ text, at, says, help }) => {
    const p = parseSource('x.yaml', text);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['NS0113']);
    const [d] = p.diagnostics;
    const pos = p.source.lineCounter.linePos(d.location!.range![0]);
    expect([pos.line, pos.col]).toEqual(at);
    expect(d.message).toContain(says);
    expect(d.help).toContain(help);
  });

  it.each([
    ['a nested compact mapping', 'name: tiny: net\n', 'NS0110'],
    ['a tab', 'input:\n\tshape: [1, 1, 1]\n', 'NS0112'],
    ['an unclosed flow mapping', 'layers:\n  - { type: flatten\n  - { type: dense }\n', 'NS0110'],
  ])('%s is not called bad indentation', (_, text, code) => {
    const codes = parseSource('x.yaml', text).diagnostics.map((d) => d.code);
    expect(codes).toContain(code);
    expect(codes).not.toContain('NS0113');
  });
});
