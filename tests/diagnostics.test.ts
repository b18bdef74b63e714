// The diagnostics machinery: reading and parsing (every failure a coded Diagnostic), locating
// paths in the YAML, rendering (goldens written by hand), and the "did you mean" helper.
import { mkdtempSync, mkdirSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/model/diagnostic.ts';
import { CODES } from '../src/model/codes.ts';
import { closest, editDistance, renderDiagnostics, summary } from '../src/compiler/diagnostics.ts';
import { locate, pathFromPointer } from '../src/compiler/locate.ts';
import { MAX_SOURCE_BYTES, firstInvalidUtf8, parseSource, readSource, type SourceFile } from '../src/compiler/parse.ts';

const FILE = '/repo/models/x.yaml';
const TEXT = `name: t
layers:
  - { type: conv2d, name: conv2, filters: 256, kernel: 5, groups: 3 }
  - type: dense
    units: 10
`;
const src = (text = TEXT, file = FILE): SourceFile => parseSource(file, text).source;
const render = (ds: Diagnostic[], sources: SourceFile[] = [src()], color = false) =>
  renderDiagnostics(ds, new Map(sources.map((s) => [s.file, s])), { cwd: '/repo', color });
const err = (code: string, message: string, location?: Diagnostic['location'], extra: Partial<Diagnostic> = {}): Diagnostic => ({
  severity: 'error', code, message, ...(location ? { location } : {}), ...extra,
});

describe('renderDiagnostics', () => {
  it('points at a value found by path, with help', () => {
    const d = err('NS0302', '`groups` (3) does not divide the 96 input channels of conv2', { file: FILE, path: ['layers', 0, 'groups'] }, {
      help: 'use a groups value that divides both 96 and 256, e.g. 2',
    });
    expect(render([d])).toBe(`models/x.yaml:3:67: error[NS0302]: \`groups\` (3) does not divide the 96 input channels of conv2
  |
3 |   - { type: conv2d, name: conv2, filters: 256, kernel: 5, groups: 3 }
  |                                                                   ^
  = help: use a groups value that divides both 96 and 256, e.g. 2

1 error
`);
  });

  it('points at a key, with a note', () => {
    const d = err('NS0202', 'unknown field', { file: FILE, path: ['layers', 0, 'groups'], key: true }, { note: 'context', help: 'fix' });
    expect(render([d])).toBe(`models/x.yaml:3:59: error[NS0202]: unknown field
  |
3 |   - { type: conv2d, name: conv2, filters: 256, kernel: 5, groups: 3 }
  |                                                           ^^^^^^
  = note: context
  = help: fix

1 error
`);
  });

  it('falls back to the deepest existing node for a missing path', () => {
    const d = err('NS0203', 'missing', { file: FILE, path: ['layers', 0, 'padding'] });
    expect(render([d])).toBe(`models/x.yaml:3:5: error[NS0203]: missing
  |
3 |   - { type: conv2d, name: conv2, filters: 256, kernel: 5, groups: 3 }
  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

1 error
`);
  });

  it('underlines only the first line of a multi-line span', () => {
    const d = err('NS0203', 'missing', { file: FILE, path: ['layers', 1] });
    expect(render([d])).toBe(`models/x.yaml:4:5: error[NS0203]: missing
  |
4 |   - type: dense
  |     ^^^^^^^^^^^

1 error
`);
  });

  it('renders diagnostics without a position, sorts by file then position, counts', () => {
    const other = src('a: 1\n', '/repo/a.yaml');
    const ds = [
      err('NS0205', 'late', { file: FILE, path: ['layers', 1, 'units'] }),
      err('NS0205', 'early', { file: FILE, path: ['name'] }),
      { ...err('NS0110', 'a warning', { file: '/repo/a.yaml', range: [0, 1] }), severity: 'warning' as const },
      err('NS0101', 'file not found', { file: '/repo/models/missing.yaml' }, { help: 'did you mean `x.yaml`?' }),
      err('NS0106', 'no location at all'),
    ];
    expect(render(ds, [src(), other])).toBe(`error[NS0106]: no location at all

a.yaml:1:1: warning[NS0110]: a warning
  |
1 | a: 1
  | ^

models/missing.yaml: error[NS0101]: file not found
  = help: did you mean \`x.yaml\`?

models/x.yaml:1:7: error[NS0205]: early
  |
1 | name: t
  |       ^

models/x.yaml:5:12: error[NS0205]: late
  |
5 |     units: 10
  |            ^^

4 errors, 1 warning
`);
  });

  it('widens the gutter for two-digit line numbers', () => {
    const text = `${'# c\n'.repeat(11)}k: vv\n`;
    const d = err('NS0110', 'm', { file: FILE, path: ['k'] });
    expect(render([d], [src(text)])).toBe(`models/x.yaml:12:4: error[NS0110]: m
   |
12 | k: vv
   |    ^^

1 error
`);
  });

  it('expands tabs and replaces control and bidi characters in the shown line and the message', () => {
    const text = 'a: "\tb\u001b[31m\u202e" # x\nc: 1\n';
    const d = err('NS0201', 'got \u001b[31mred', { file: FILE, path: ['c'] });
    const d2 = err('NS0201', 'string', { file: FILE, range: [3, 14] });
    expect(render([d, d2], [src(text)])).toBe(`models/x.yaml:1:4: error[NS0201]: string
  |
1 | a: "    b\ufffd[31m\ufffd" # x
  |    ^^^^^^^^^^^^^^

models/x.yaml:2:4: error[NS0201]: got \ufffd[31mred
  |
2 | c: 1
  |    ^

2 errors
`);
  });

  it('puts one caret at an empty span and at the end of a line', () => {
    const d = err('NS0110', 'here', { file: FILE, range: [7, 7] });
    expect(render([d])).toBe(`models/x.yaml:1:8: error[NS0110]: here
  |
1 | name: t
  |        ^

1 error
`);
  });

  it('cuts a long line to a window around the span', () => {
    const text = `k: [${'1, '.repeat(200)}oops]\n`;
    const start = text.indexOf('oops');
    const out = render([err('NS0201', 'm', { file: FILE, range: [start, start + 4] })], [src(text)]);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`models/x.yaml:1:${start + 1}: error[NS0201]: m`);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(110);
    const shown = lines[2].slice('1 | '.length);
    const caretAt = lines[3].indexOf('^') - '  | '.length;
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.slice(caretAt, caretAt + 4)).toBe('oops');
    expect(lines[3].trim().endsWith('^^^^')).toBe(true);
  });

  it('colours only when asked, and the colours are the only difference', () => {
    const d = err('NS0203', 'missing', { file: FILE, path: ['name'] }, { help: 'h' });
    const plain = render([d]);
    const colored = render([d], [src()], true);
    expect(plain).not.toContain('\x1b');
    expect(colored).toContain('\x1b[1;31merror[NS0203]\x1b[0m');
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('renders nothing for no diagnostics; summary words', () => {
    expect(render([])).toBe('');
    const w = { ...err('NS0110', 'w'), severity: 'warning' as const };
    expect([[err('A', 'a')], [err('A', 'a'), err('B', 'b')], [w], [w, w, err('A', 'a')]].map(summary)).toEqual([
      '1 error', '2 errors', '1 warning', '1 error, 2 warnings',
    ]);
  });
});

describe('locate', () => {
  const text = `a:
  b: [10, 20]
  "x/y": 1
  "m~n": 2
  3: three
seq:
  - &anc { k: v }
  - *anc
empty:
`;
  const s = src(text);
  const pos = (path: (string | number)[], key = false) => {
    const l = locate(s, { file: FILE, path, key })!;
    return [l.line, l.col, l.endLine, l.endCol];
  };
  it.each([
    ['a value', ['a', 'b', 1], false, [2, 11, 2, 13]],
    ['a key', ['a', 'b'], true, [2, 3, 2, 4]],
    ['a sequence', ['a', 'b'], false, [2, 6, 2, 14]],
    ['a key with a slash', pathFromPointer('/a/x~1y'), true, [3, 3, 3, 8]],
    ['a key with a tilde', pathFromPointer('/a/m~0n'), false, [4, 10, 4, 11]],
    ['a numeric key', ['a', 3], false, [5, 6, 5, 11]],
    ['a missing index: the list', ['a', 'b', 5], false, [2, 6, 2, 14]],
    ['a missing key: the deepest mapping', ['a', 'zzz', 'q'], false, [2, 3, 6, 1]],
    ['through an alias into its anchor', ['seq', 1, 'k'], false, [7, 15, 7, 16]],
    ['an empty value: its key', ['empty'], false, [9, 1, 9, 6]],
  ] as const)('%s', (_, path, key, expected) => {
    expect(pos([...path], key)).toEqual(expected);
  });

  it('takes a range as is, and nothing without range or path', () => {
    expect(locate(s, { file: FILE, range: [1, 4] })).toEqual({ line: 1, col: 2, endLine: 2, endCol: 2, range: [1, 4] });
    expect(locate(s, { file: FILE })).toBeUndefined();
  });

  it('converts JSON pointers', () => {
    expect(pathFromPointer('')).toEqual([]);
    expect(pathFromPointer('/layers/0/kernel')).toEqual(['layers', 0, 'kernel']);
    expect(pathFromPointer('/layers/03')).toEqual(['layers', '03']);
    expect(pathFromPointer('/a~1b~0c/~01')).toEqual(['a/b~c', '~1']);
  });
});

describe('readSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-diag-'));
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const codes = (p: string) => readSource(p).diagnostics.map((d) => d.code);

  it('reads a file, dropping a byte-order mark', () => {
    const r = readSource(file('ok.yaml', '\ufeffname: x\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ name: 'x' });
  });

  it('says a file is missing, and suggests a sibling', () => {
    file('alexnet.yaml', 'name: a\n');
    const r = readSource(join(dir, 'alexnte.yaml'));
    expect(r.diagnostics.map((d) => [d.code, d.help])).toEqual([['NS0101', `did you mean \`${dir}/alexnet.yaml\`?`]]);
    expect(codes(join(dir, 'nope', 'x.yaml'))).toEqual(['NS0101']);
  });

  it('refuses a directory, an empty file, a huge file, non-UTF-8, a device', () => {
    mkdirSync(join(dir, 'sub'));
    expect(codes(join(dir, 'sub'))).toEqual(['NS0102']);
    expect(codes(file('empty.yaml', ''))).toEqual(['NS0103']);
    const huge = file('huge.yaml', '');
    truncateSync(huge, MAX_SOURCE_BYTES + 1);
    expect(codes(huge)).toEqual(['NS0105']);
    const bad = readSource(file('latin1.yaml', Buffer.from('a: 1\nname: caf\xe9\n', 'latin1')));
    expect(bad.diagnostics.map((d) => [d.code, d.message])).toEqual([['NS0104', 'the file is not valid UTF-8 (byte 0xe9 at line 2, column 10)']]);
    if (existsSync('/dev/null')) expect(codes('/dev/null')).toEqual(['NS0106']);
  });
});

describe('parseSource', () => {
  const parse = (text: string) => parseSource('t.yaml', text);
  const codes = (text: string) => parse(text).diagnostics.map((d) => d.code);

  it.each([
    ['a list', '- a\n- b\n', 'NS0116'],
    ['a scalar', 'alexnet\n', 'NS0116'],
    ['only comments', '# nothing\n', 'NS0103'],
    ['whitespace', '  \n\n', 'NS0103'],
    ['two documents', 'a: 1\n---\nb: 2\n', 'NS0117'],
    ['a tab', 'a:\n\tb: 1\n', 'NS0112'],
    ['an unclosed flow mapping', 'a: { b: 1\nc: 2\n', 'NS0110'],
    ['an unclosed string', 'a: "b\n', 'NS0110'],
    ['a list as a key', '? [1, 2]\n: 3\n', 'NS0119'],
    ['an unknown anchor', 'a: *nope\n', 'NS0118'],
    ['!!js/function', 'a: !!js/function "function () {}"\n', 'NS0114'],
    ['!!set', 'a: !!set { x }\n', 'NS0114'],
    ['!!omap', 'a: !!omap [ x: 1 ]\n', 'NS0114'],
    ['!!timestamp', 'a: !!timestamp 2001-12-14\n', 'NS0114'],
    ['!!binary', 'a: !!binary aGk=\n', 'NS0114'],
    ['a local tag', 'a: !include b.yaml\n', 'NS0114'],
  ])('refuses %s', (_, text, code) => {
    const r = parse(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(r.value).toBeUndefined();
  });

  it('reports a duplicate key at the second key, with the first in a note', () => {
    const [d] = parse('layers:\n  - { type: conv2d, filters: 3, filters: 4 }\n').diagnostics;
    expect([d.code, d.location?.range, d.note]).toEqual(['NS0111', [40, 47], '`filters` is first set at line 2, column 21']);
  });

  it('stops alias expansion ("billion laughs") at the alias that trips the limit', () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) lol.push(`${p}: &${p} [${Array(10).fill(`*${q}`).join(', ')}]`);
    const r = parse(`${lol.join('\n')}\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NS0115']);
    const range = r.diagnostics[0].location!.range!;
    expect(r.source.text.slice(range[0], range[1])).toMatch(/^\*[a-e]$/);
  });

  it('keeps plain aliases and core tags', () => {
    const r = parse('a: &x { k: 1 }\nb: *x\nc: !!str 5\nd: !!int 7\ne: !!float 1.5\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ a: { k: 1 }, b: { k: 1 }, c: '5', d: 7, e: 1.5 });
  });

  it('keeps __proto__ an ordinary key (no prototype pollution)', () => {
    const r = parse('__proto__: { polluted: true }\n');
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses text over the size limit before parsing', () => {
    expect(codes('#'.repeat(MAX_SOURCE_BYTES + 1))).toEqual(['NS0105']);
  });

  it('uses only catalogued codes', () => {
    for (const c of ['NS0101', 'NS0110', 'NS0119', 'NS0201', 'NS0211', 'NS0301', 'NS0310']) expect(CODES).toHaveProperty(c);
    expect(Object.keys(CODES).every((c) => /^NS0[1-7]\d\d$/.test(c))).toBe(true);
  });

  it('every code the sources use is in the catalogue', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/'(NS\d{4})'/g)) used.add(m[1]);
      }
    };
    walk(join(__dirname, '..', 'src'));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((c) => !(c in CODES))).toEqual([]);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['ascii', [0x61, 0x62], -1],
    ['é', [0xc3, 0xa9], -1],
    ['emoji', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['lone continuation', [0x61, 0x80], 1],
    ['overlong /', [0xc0, 0xaf], 0],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf], 0],
    ['surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['truncated', [0x61, 0x62, 0xe2, 0x82], 2],
    ['0xff', [0xff], 0],
  ])('%s', (_, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });

  it('agrees with a strict TextDecoder on random bytes', () => {
    const valid = (b: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 12 });
    fc.assert(fc.property(bytes, (arr) => {
      const b = Uint8Array.from(arr);
      expect(firstInvalidUtf8(b) === -1).toBe(valid(b));
    }), { numRuns: 2000 });
  });
});

describe('closest and editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['filtres', 'filters', 1],
    ['', 'abc', 3],
    ['ab', 'ba', 1],
    ['same', 'same', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it.each([
    ['filtres', ['filters', 'kernel'], 'filters'],
    ['batch_size', ['batchSize', 'epochs'], 'batchSize'],
    ['Relu', ['relu', 'elu'], 'relu'],
    ['xyz', ['filters', 'kernel'], undefined],
    ['k', ['kernel'], undefined],
  ] as const)('closest(%s)', (w, cs, expected) => expect(closest(w, cs)).toBe(expected));
});

describe('nesting limit (checked before parsing, so the result does not depend on the stack)', () => {
  const block = (levels: number) => 'layers:\n' + Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- `).join('\n');
  it.each([
    ['64 flow levels', `a: ${'['.repeat(64)}${']'.repeat(64)}`, false],
    ['65 flow levels', `a: ${'['.repeat(65)}${']'.repeat(65)}`, true],
    ['brackets inside quotes', `a: "${'['.repeat(100)}"\nb: 'it''s ${'{'.repeat(100)}'`, false],
    ['brackets in a comment', `# ${'['.repeat(100)}\na: 1`, false],
    ['64 block levels', block(64), false],
    ['3000 block levels', block(3000), true],
  ])('%s', (_what, text, refused) => {
    const { diagnostics } = parseSource('deep.yaml', text);
    expect(diagnostics.some((d) => /nests more than 64 levels/.test(d.message))).toBe(refused);
  });
});
