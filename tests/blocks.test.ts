// Reusable blocks: the expression grammar, the expansion (names, inputs, repeat, nesting), blocks
// through `extends` and the variant edits on expanded names, and each error's code and place.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { diffSummaries } from '../src/compiler/diff.ts';
import { summaryCommand } from '../src/cli/summary.ts';
import { collapseBlocks, summarize } from '../src/model/summary.ts';
import { evaluate } from '../src/compiler/expr.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-blocks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('expressions', () => {
  const params = new Map<string, number | string | boolean>([['w', 64], ['s', 2], ['act', 'relu'], ['on', true]]);
  it.each([
    ['$w', 64],
    ['$w * 4', 256],
    ['$w*4+1', 257],
    ['2 * $w', 128],
    ['($w + 1) // 2', 32],
    ['$w / $s', 32],
    ['$w / 3', 64 / 3],
    ['-$s + 3', 1],
    ['1 - 2 - 3', -4],
    ['12 / 2 / 3', 2],
    ['2 + 3 * 4', 14],
    ['$act', 'relu'],
    ['$on', true],
    ['0.5 * $s', 1],
  ])('%s = %s', (text, value) => {
    expect(evaluate(text, params)).toEqual({ ok: true, value });
  });

  it.each([
    ['$w / 0', 'value', /division by zero/],
    ['$w // ($s - 2)', 'value', /division by zero/],
    ['$act * 2', 'value', /takes numbers/],
    ['$nope + 1', 'unknown', undefined],
    ['($w + 1', 'syntax', /expected `\)`/],
    ['$w +', 'syntax', /found the end/],
    ['$w ** 2', 'syntax', /expected a number/],
    ['$w; process.exit(1)', 'syntax', /unexpected `;`/],
    ['$', 'syntax', /parameter name/],
    ['1e308 * 10', 'value', /finite/],
    [`${'('.repeat(40)}1${')'.repeat(40)}`, 'syntax', /nests/],
  ])('%s fails (%s)', (text, kind, message) => {
    const r = evaluate(text, params);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe(kind);
    if (message && 'message' in r.error) expect(r.error.message).toMatch(message);
  });
});

const BLOCKS = `blocks:
  basic:
    params:
      filters: { type: integer }
      act: { type: string, enum: [relu, elu], default: relu }
    layers:
      - { type: conv2d, name: conv1, filters: $filters, kernel: 3, padding: 1, activation: $act }
      - { type: conv2d, name: conv2, filters: $filters, kernel: 3, padding: 1 }
      - { type: add, name: add, inputs: [conv2, input] }
`;
const base = `name: base
input: { shape: [8, 8, 4] }
classes: 3
${BLOCKS}layers:
  - { type: conv2d, name: stem, filters: 4, kernel: 1 }
  - { type: block, name: layer1, block: basic, args: { filters: 4 }, repeat: 2 }
  - { type: block, block: basic, args: { filters: 4, act: elu } }
  - { type: conv2d, name: side, filters: 4, kernel: 1, inputs: [layer1] }
  - { type: add, name: join, inputs: [side, basic2] }
  - { type: globalavgpool }
  - { type: dense, units: 3 }
`;
write('base.yaml', base);

describe('expansion', () => {
  it('names layers <use>.<i>.<layer> with repeat, <use>.<layer> without; a use name is its last layer', () => {
    const a = analyzeModel(path.join(dir, 'base.yaml'));
    expect(a.diagnostics).toEqual([]);
    const nodes = a.ir!.nodes;
    expect(nodes.map((n) => n.name)).toEqual([
      'stem',
      'layer1.0.conv1', 'layer1.0.conv2', 'layer1.0.add',
      'layer1.1.conv1', 'layer1.1.conv2', 'layer1.1.add',
      'basic2.conv1', 'basic2.conv2', 'basic2.add',
      'side', 'join', 'gap', 'fc3',
    ]);
    const by = (name: string) => nodes.find((n) => n.name === name)!;
    // `input` inside the block is the instance's input; instances follow each other.
    expect(by('layer1.0.add').inputs).toEqual(['layer1.0.conv2', 'stem']);
    expect(by('layer1.1.conv1').inputs).toEqual(['layer1.0.add']);
    expect(by('layer1.1.add').inputs).toEqual(['layer1.1.conv2', 'layer1.0.add']);
    expect(by('side').inputs).toEqual(['layer1.1.add']);
    expect(by('join').inputs).toEqual(['side', 'basic2.add']);
    // Arguments and defaults.
    expect(by('layer1.0.conv1').layer).toMatchObject({ filters: 4, activation: 'relu' });
    expect(by('basic2.conv1').layer).toMatchObject({ activation: 'elu' });
    expect(by('layer1.1.conv2').block).toEqual({ instance: 'layer1.1', name: 'basic' });
    expect(by('stem').block).toBeUndefined();
  });

  it('nests blocks, with expressions in args and repeat', () => {
    const f = write('nested.yaml', `input: { shape: [8, 8, 2] }
classes: 2
blocks:
  unit:
    params: { c: { type: integer } }
    layers:
      - { type: conv2d, name: conv, filters: $c, kernel: 1 }
  stage:
    params: { width: { type: integer }, n: { type: integer, default: 3 } }
    layers:
      - { type: block, name: units, block: unit, args: { c: $width * 2 }, repeat: $n - 1 }
      - { type: conv2d, name: out, filters: ($width + 1) // 2, kernel: 1 }
layers:
  - { type: block, name: s, block: stage, args: { width: 5 } }
  - { type: globalavgpool }
  - { type: dense, units: 2 }
`);
    const a = analyzeModel(f);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.nodes.map((n) => [n.name, n.outputShape[2] ?? n.outputShape[0]])).toEqual([
      ['s.units.0.conv', 10], ['s.units.1.conv', 10], ['s.out', 3], ['gap', 3], ['fc1', 2],
    ]);
    expect(a.ir!.nodes[1].block).toEqual({ instance: 's', name: 'stage' });
  });

  it('a variant uses its parent\'s blocks, and edits expanded layers by name', () => {
    const f = write('v.yaml', `extends: base.yaml
name: v
override:
  layer1.0.conv1: { filters: 4, activation: linear }
  layer1.1.conv2: { kernel: 1, padding: 0 }
remove: [layer1.1.conv1]
insert:
  - after: layer1
    layers: [ { type: block, name: extra, block: basic, args: { filters: 4 } } ]
`);
    const a = analyzeModel(f);
    expect(a.diagnostics).toEqual([]);
    const names = a.ir!.nodes.map((n) => n.name);
    expect(names).not.toContain('layer1.1.conv1');
    expect(names.slice(names.indexOf('layer1.1.add') + 1, names.indexOf('layer1.1.add') + 4)).toEqual(['extra.conv1', 'extra.conv2', 'extra.add']);
    const by = (name: string) => a.ir!.nodes.find((n) => n.name === name)!;
    expect(by('layer1.0.conv1').layer).toMatchObject({ activation: 'linear' });
    expect(by('layer1.1.conv2').layer).toMatchObject({ kernel: [1, 1] });
    expect(by('layer1.1.conv2').inputs).toEqual(['layer1.0.add']);
    expect(by('extra.add').inputs).toEqual(['extra.conv2', 'layer1.1.add']);
  });

  it('removing a block use or instance removes all of its layers', () => {
    const f = write('r.yaml', 'extends: base.yaml\nremove: [layer1.1, basic2]\noverride:\n  side: { inputs: [layer1] }\n  join: { inputs: [side, layer1] }\n');
    const a = analyzeModel(f);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.nodes.map((n) => n.name)).toEqual(['stem', 'layer1.0.conv1', 'layer1.0.conv2', 'layer1.0.add', 'side', 'join', 'gap', 'fc3']);
    expect(a.ir!.nodes[4].inputs).toEqual(['layer1.0.add']);
  });

  it('a variant defines its own blocks', () => {
    const f = write('v2.yaml', `extends: base.yaml
blocks:
  tail:
    layers: [ { type: dropout, name: drop, rate: 0.5 } ]
insert:
  - before: fc3
    layers: [ { type: block, name: t, block: tail } ]
`);
    const a = analyzeModel(f);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.nodes.map((n) => n.name).slice(-3)).toEqual(['gap', 't.drop', 'fc3']);
  });
});

describe('errors', () => {
  const model = (blocks: string, layers: string) => write('e.yaml', `input: { shape: [8, 8, 4] }
classes: 3
blocks:
${blocks}layers:
${layers}  - { type: globalavgpool }
  - { type: dense, units: 3 }
`);
  const one = `  one:
    params: { c: { type: integer }, k: { type: integer, default: 1 } }
    layers:
      - { type: conv2d, name: conv, filters: $c, kernel: $k }
`;
  it.each([
    ['a missing argument', one, '  - { type: block, block: one }\n', 'NS0321', ['layers', 0, 'block']],
    ['an unknown argument', one, '  - { type: block, block: one, args: { c: 1, kk: 2 } }\n', 'NS0321', ['layers', 0, 'args', 'kk']],
    ['an ill-typed argument', one, '  - { type: block, block: one, args: { c: true } }\n', 'NS0321', ['layers', 0, 'args', 'c']],
    ['a string not in the enum', `  e:
    params: { a: { type: string, enum: [relu, elu] } }
    layers: [ { type: activation, activation: $a } ]
`, '  - { type: block, block: e, args: { a: tanh } }\n', 'NS0321', ['layers', 0, 'args', 'a']],
    ['a default of the wrong type', `  d:
    params: { a: { type: integer, default: 1.5 } }
    layers: [ { type: conv2d, filters: $a, kernel: 1 } ]
`, '  - { type: conv2d, filters: 4, kernel: 1 }\n', 'NS0321', ['blocks', 'd', 'params', 'a', 'default']],
    ['an unknown block', one, '  - { type: block, block: two }\n', 'NS0320', ['layers', 0, 'block']],
    ['recursion', `  r:
    layers: [ { type: block, block: r } ]
`, '  - { type: block, block: r }\n', 'NS0323', ['blocks', 'r', 'layers', 0, 'block']],
    ['an undefined $param', `  u:
    layers: [ { type: conv2d, filters: $c, kernel: 1 } ]
`, '  - { type: block, block: u }\n', 'NS0326', ['blocks', 'u', 'layers', 0, 'filters']],
    ['division by zero', one.replace('kernel: $k', 'kernel: 1 // ($k - 1)'), '  - { type: block, block: one, args: { c: 2 } }\n', 'NS0327', ['layers', 0]],
    ['a name collision', one, '  - { type: block, name: a, block: one, args: { c: 4 } }\n  - { type: block, name: a, block: one, args: { c: 4 } }\n', 'NS0324', ['layers', 1, 'name']],
    ['a layer named like a block use', one, '  - { type: block, name: a, block: one, args: { c: 4 } }\n  - { type: conv2d, name: a, filters: 4, kernel: 1 }\n', 'NS0324', ['layers', 1, 'name']],
    ['repeat 0', one, '  - { type: block, block: one, args: { c: 4 }, repeat: 0 }\n', 'NS0205', ['layers', 0, 'repeat']],
    ['repeat 1001', one, '  - { type: block, block: one, args: { c: 4 }, repeat: 1001 }\n', 'NS0205', ['layers', 0, 'repeat']],
    ['a block with two inputs', one, '  - { type: conv2d, name: x, filters: 4, kernel: 1 }\n  - { type: block, block: one, args: { c: 4 }, inputs: [x, input] }\n', 'NS0207', ['layers', 1, 'inputs']],
    ['an unknown field in a block\'s layer', `  f:
    layers: [ { type: conv2d, filters: 4, kernel: 1, filter: 2 } ]
`, '  - { type: block, block: f }\n', 'NS0202', ['blocks', 'f', 'layers', 0, 'filter']],
    ['an inner input that is not in the block', `  i:
    layers: [ { type: conv2d, filters: 4, kernel: 1, inputs: [nope] } ]
`, '  - { type: block, block: i }\n', 'NS0304', ['blocks', 'i', 'layers', 0, 'inputs', 0]],
  ])('%s', (_what, blocks, layers, code, where) => {
    const a = analyzeModel(model(blocks, layers));
    expect(a.ir).toBeUndefined();
    expect(a.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(a.diagnostics[0].location?.path).toEqual(where);
  });

  it('a problem of one instance is reported once, at the use, with a note into the block', () => {
    const f = write('frac.yaml', `input: { shape: [8, 8, 4] }
classes: 3
blocks:
  half:
    params: { c: { type: integer } }
    layers: [ { type: conv2d, name: conv, filters: $c / 2, kernel: 1 } ]
layers:
  - { type: block, name: h, block: half, args: { c: 5 }, repeat: 3 }
  - { type: globalavgpool }
  - { type: dense, units: 3 }
`);
    const ds = analyzeModel(f).diagnostics;
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'NS0327', location: { path: ['layers', 0, 'args', 'c'] } });
    expect(ds[0].message).toBe('`filters: $c / 2` gives 2.5, but `filters` must be a whole number');
    expect(ds[0].note).toMatch(/in block `half` at line 6, column 52, for `h\.0`/);
  });
});

describe('summary and diff', () => {
  const spec = path.join(__dirname, 'fixtures', 'build', 'resnet-blocks.yaml');

  it('each layer from a block says which instance; --collapse folds an instance into one row', () => {
    const ir = analyzeModel(spec).ir!;
    const s = summarize(ir);
    expect(s.layers.find((l) => l.name === 'layer1.1.conv2')!.block).toEqual({ instance: 'layer1.1', name: 'basic' });
    expect(s.layers.find((l) => l.name === 'conv1')!.block).toBeUndefined();
    const c = collapseBlocks(s);
    expect(c.layers.map((l) => [l.name, l.type])).toEqual([
      ['conv1', 'Conv2D'], ['layer1.0', 'block basic'], ['layer1.1', 'block basic'], ['layer2', 'block stage'],
      ['avgpool', 'GlobalAvgPool2D'], ['fc', 'Dense'],
    ]);
    const layer2 = c.layers[3];
    expect(layer2).toMatchObject({ inputShape: [16, 16, 8], outputShape: [8, 8, 16] });
    expect(layer2.params).toBe(s.layers.filter((l) => l.block?.instance === 'layer2').reduce((a, l) => a + l.params, 0));
    expect(c.totalParams).toBe(s.totalParams);
  });

  it('the summary command takes --collapse, in text and JSON', () => {
    const run = (argv: string[]) => {
      let out = '';
      const code = summaryCommand(argv, { out: (t) => (out += t), err: () => {}, cwd: process.cwd() });
      return { code, out };
    };
    const text = run([spec, '--collapse']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^layer1\.0 \(block basic\) +\[1, 16, 16, 8\] +\[1, 16, 16, 8\] +1,168/m);
    expect(text.out).not.toContain('layer1.0.conv1');
    const json = JSON.parse(run([spec, '--json']).out);
    expect(json.layers[1]).toMatchObject({ name: 'layer1.0.conv1', block: { instance: 'layer1.0', name: 'basic' } });
  });

  it('diff compares expanded layers by name', () => {
    write('resnet-blocks.yaml', fs.readFileSync(spec, 'utf8'));
    const v = write('wide.yaml', 'extends: resnet-blocks.yaml\noverride:\n  layer2.first.conv1: { filters: 32 }\n');
    const [a, b] = [analyzeModel(spec).ir!, analyzeModel(v).ir!];
    const d = diffSummaries(summarize(a), summarize(b));
    expect(d.rows.filter((r) => r.status !== 'same').map((r) => r.name)).toEqual(['layer2.first.conv1', 'layer2.first.conv2']);
  });
});
