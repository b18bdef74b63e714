// Variants and names: extends chains, edits by name, derived names, and their errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { deriveNames } from '../src/compiler/names.ts';
import type { LayerSpec } from '../src/model/spec.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-resolve-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

const base = `name: base
input: { shape: [32, 32, 3] }
classes: 10
layers:
  - { type: conv2d, filters: 8, kernel: 3, activation: relu }
  - { type: lrn, size: 5, alpha: 0.0001, beta: 0.75, k: 2 }
  - { type: maxpool, size: 2 }
  - { type: conv2d, filters: 16, kernel: 3, groups: 2 }
  - { type: flatten }
  - { type: dense, units: 10, activation: softmax }
`;
write('base.yaml', base);

describe('derived names (the paper\'s scheme)', () => {
  const L = (type: string, extra: object = {}) => ({ type, ...extra }) as LayerSpec;
  it.each([
    [[L('conv2d'), L('lrn'), L('maxpool'), L('conv2d'), L('maxpool'), L('flatten'), L('dense'), L('dropout'), L('dense')],
      ['conv1', 'norm1', 'pool1', 'conv2', 'pool2', 'flatten', 'fc3', 'drop3', 'fc4']],
    [[L('conv2d', { name: 'conv2' }), L('conv2d')], ['conv2', 'conv2_2']],
    [[L('activation', { activation: 'relu' }), L('conv2d'), L('activation', { activation: 'relu' })], ['relu0', 'conv1', 'relu1']],
    [[L('maxpool'), L('maxpool')], ['pool0', 'pool0_2']],
  ])('%#', (layers, names) => {
    expect(deriveNames(layers)).toEqual(names);
  });
});

describe('variants', () => {
  it('remove, override and insert by name', () => {
    const f = write('v.yaml', `extends: base.yaml
name: v
remove: [norm1]
override:
  conv2: { groups: 1, filters: 32 }
insert:
  - after: pool1
    layers: [ { type: dropout, rate: 0.1 } ]
  - before: fc3
    layers: [ { type: dense, units: 64, activation: relu } ]
`);
    const a = analyzeModel(f);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.nodes.map((n) => n.name)).toEqual(['conv1', 'pool1', 'drop1', 'conv2', 'flatten', 'fc3_2', 'fc3']);
    const conv2 = a.ir!.nodes.find((n) => n.name === 'conv2')!;
    expect(conv2.layer).toMatchObject({ groups: 1, filters: 32 });
    expect(conv2.params).toBe(3 * 3 * 8 * 32 + 32);
    expect(a.ir!.files.map((x) => path.basename(x))).toEqual(['v.yaml', 'base.yaml']);
  });

  it.each([
    ['self-extends', { 'self.yaml': 'extends: self.yaml\n' }, 'self.yaml', 'NS0305'],
    ['a cycle', { 'a.yaml': 'extends: b.yaml\n', 'b.yaml': 'extends: a.yaml\n' }, 'a.yaml', 'NS0305'],
    ['a missing parent', { 'orphan.yaml': 'extends: nowhere.yaml\n' }, 'orphan.yaml', 'NS0306'],
    ['removing an unknown layer', { 'r.yaml': 'extends: base.yaml\nremove: [conv9]\n' }, 'r.yaml', 'NS0304'],
    ['overriding an unknown layer', { 'o.yaml': 'extends: base.yaml\noverride:\n  fc9: { units: 3 }\n' }, 'o.yaml', 'NS0304'],
    ['inserting after an unknown layer', { 'i.yaml': 'extends: base.yaml\ninsert:\n  - after: nope\n    layers: [ { type: flatten } ]\n' }, 'i.yaml', 'NS0304'],
    ['an override that breaks the groups', { 'g.yaml': 'extends: base.yaml\noverride:\n  conv2: { groups: 3 }\n' }, 'g.yaml', 'NS0302'],
    ['edits without extends (the schema: remove needs extends)', { 'e.yaml': base + 'remove: [conv1]\n' }, 'e.yaml', 'NS0209'],
  ])('%s is an error with its code', (_what, files, entry, code) => {
    for (const [name, text] of Object.entries(files)) write(name, text);
    const a = analyzeModel(path.join(dir, entry));
    expect(a.ir).toBeUndefined();
    expect(a.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('an override error points at the override, not the parent', () => {
    const f = write('g2.yaml', 'extends: base.yaml\noverride:\n  conv2: { groups: 3 }\n');
    const d = analyzeModel(f).diagnostics.find((x) => x.code === 'NS0302')!;
    expect(d.location).toMatchObject({ file: f, path: ['override', 'conv2', 'groups'] });
  });
});

describe('semantic errors', () => {
  const model = (layers: string, shape: number[]) => write('m.yaml', `input: { shape: [${shape.join(', ')}] }\nclasses: 10\nlayers:\n${layers}`);
  it.each([
    ['output size below 1', '  - { type: conv2d, filters: 4, kernel: 29 }\n  - { type: flatten }\n  - { type: dense, units: 10 }\n', 'NS0301'],
    ['groups that do not divide', '  - { type: conv2d, filters: 6, kernel: 3, groups: 4 }\n  - { type: flatten }\n  - { type: dense, units: 10 }\n', 'NS0302'],
    ['duplicate names', '  - { type: flatten, name: a }\n  - { type: dense, units: 10, name: a }\n', 'NS0303'],
    ['a reserved name (the schema refuses it)', '  - { type: flatten, name: __proto__ }\n  - { type: dense, units: 10 }\n', 'NS0206'],
    ['an unknown input', '  - { type: flatten }\n  - { type: dense, units: 10, inputs: [nope] }\n', 'NS0304'],
    ['dense on an image', '  - { type: dense, units: 10 }\n', 'NS0309'],
    ['pool padding above half the window', '  - { type: maxpool, size: 3, stride: 2, padding: 2 }\n  - { type: flatten }\n  - { type: dense, units: 10 }\n', 'NS0312'],
    ['add of different shapes', '  - { type: conv2d, name: a, filters: 4, kernel: 3 }\n  - { type: conv2d, name: b, filters: 4, kernel: 1, inputs: [input] }\n  - { type: add, inputs: [a, b] }\n  - { type: flatten }\n  - { type: dense, units: 10 }\n', 'NS0307'],
    ['an output that is not the classes', '  - { type: flatten }\n  - { type: dense, units: 7 }\n', 'NS0311'],
    ['tensors too large for memory', '  - { type: conv2d, filters: 1000, kernel: 1 }\n  - { type: globalavgpool }\n  - { type: dense, units: 10 }\n', 'NS0310', [4096, 4096, 3]],
  ])('%s', (_what, layers, code, shape = [28, 28, 1]) => {
    const a = analyzeModel(model(layers, shape as number[]));
    expect(a.diagnostics.map((d) => d.code)).toEqual([code]);
  });
});
