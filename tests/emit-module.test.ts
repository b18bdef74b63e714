// The emitter's output: golden files, every line within LINE_WIDTH, no argument equal to the
// runtime class's default, layer names that can never shadow the emitter's own identifiers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Project, SyntaxKind, type ObjectLiteralExpression } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, generateModule, outputPath } from '../src/compiler/compile.ts';
import { LINE_WIDTH, wrap } from '../src/compiler/emit/layout.ts';
import { emitModelModule } from '../src/compiler/emit/module.ts';
import { localNames } from '../src/compiler/emit/literal.ts';
import { buildModel } from '../src/runtime/build.ts';
import { weightInitializer, type InitScheme } from '../src/runtime/init.ts';
import { serializeInitializer } from '../src/runtime/layers/initializers.ts';

const root = path.resolve(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures', 'emit');

/** The module the compiler makes for a spec, as if written to `out`. */
function emit(spec: string, out: string): string {
  const a = analyzeModel(spec);
  expect(a.diagnostics).toEqual([]);
  return generateModule(a.ir!, out, root);
}

const models = fs.readdirSync(path.join(root, 'models')).filter((f) => f.endsWith('.yaml')).sort();
const goldens = ['names', 'long-names', 'blocks', 'blocks-base', 'blocks-variant'];
const texts = new Map<string, string>([
  ...models.map((f): [string, string] => [`models/${f}`, emit(path.join('models', f), outputPath(f, path.join(root, 'generated')))]),
  ...goldens.map((g): [string, string] => [g, emit(path.join(fixtures, `${g}.yaml`), path.join(fixtures, `${g}.ts`))]),
]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(goldens)('golden %s', (g) => {
  it('matches tests/fixtures/emit (vitest -u rewrites it after a deliberate change)', async () => {
    await expect(texts.get(g)).toMatchFileSnapshot(path.join(fixtures, `${g}.ts`));
  });
});

describe.each([...texts.keys()])('%s', (key) => {
  const text = texts.get(key)!;

  it(`has no line over ${LINE_WIDTH} characters`, () => {
    const long = text.split('\n').filter((l) => l.length > LINE_WIDTH);
    expect(long).toEqual([]);
  });

  it('repeats no runtime default and builds every dense and activation with the Netspec class', () => {
    expect(argumentsEqualToDefaults(text)).toEqual([]);
    expect(text).not.toMatch(/tf\.layers\.(dense|activation)\(|blocks:|_act"/);
  });
});

it('the committed generated/ and fixture files have no line over the limit either', () => {
  const files = [
    ...fs.readdirSync(path.join(root, 'generated')).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, 'generated', f)),
    ...goldens.map((g) => path.join(fixtures, `${g}.ts`)),
  ];
  const long = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.length > LINE_WIDTH).map((l) => `${f}: ${l}`));
  expect(long).toEqual([]);
});

/** Constructor arguments that equal what the runtime class does without them. */
const DEFAULTS: Record<string, Record<string, string>> = {
  NetspecConv2D: {
    strides: '[1, 1]', pad: '[0, 0, 0, 0]', dilation: '[1, 1]', groups: '1', useBias: 'true', activation: '"linear"',
    biasInitializer: 'biasInitializer(0)',
  },
  NetspecDense: { useBias: 'true', activation: '"linear"', biasInitializer: 'biasInitializer(0)' },
  NetspecLRN: { size: '5', alpha: '0.0001', beta: '0.75', k: '2', convention: '"paper"' },
  NetspecPool2D: { pad: '[0, 0, 0, 0]', rounding: '"floor"' },
  'tf.layers.maxPooling2d': { padding: '"valid"' },
  'tf.layers.averagePooling2d': { padding: '"valid"' },
  'tf.layers.zeroPadding2d': { padding: '[[1, 1], [1, 1]]' },
  'tf.layers.concatenate': { axis: '-1' },
};

function argumentsEqualToDefaults(text: string): string[] {
  const sf = new Project({ useInMemoryFileSystem: true }).createSourceFile('m.ts', text);
  const found: string[] = [];
  const calls = [...sf.getDescendantsOfKind(SyntaxKind.NewExpression), ...sf.getDescendantsOfKind(SyntaxKind.CallExpression)];
  for (const c of calls) {
    const callee = c.getExpression().getText();
    const arg = c.getArguments()[0];
    if (!arg?.isKind(SyntaxKind.ObjectLiteralExpression)) continue;
    const props = new Map(properties(arg));
    for (const [key, value] of props) {
      if (DEFAULTS[callee]?.[key] === value) found.push(`${callee} ${key}: ${value}`);
    }
    // Pooling strides default to the window.
    if (/Pool/.test(callee) && props.has('strides') && props.get('strides') === props.get('poolSize')) found.push(`${callee} strides`);
  }
  // A layer with the spec's own initialiser uses the builder's shared `init`.
  const init = /export const defaultInit = ("\w+")/.exec(text)![1];
  if (text.includes(`options.init ?? ${init}`)) found.push(`options.init ?? ${init}`);
  return found;
}

function properties(o: ObjectLiteralExpression): [string, string][] {
  return o.getProperties().flatMap((p) => (p.isKind(SyntaxKind.PropertyAssignment)
    ? [[p.getName(), p.getInitializerOrThrow().getText().replace(/\s+/g, ' ').replace(/\[ /g, '[').replace(/,? \]/g, ']')] as [string, string]]
    : []));
}

describe('layer names equal to the emitter\'s own identifiers (tests/fixtures/emit/names.yaml)', () => {
  const spec = path.join(fixtures, 'names.yaml');
  const ir = analyzeModel(spec).ir!;

  it('compile, and build a model whose layers match the compiler\'s', async () => {
    const mod = await import('./fixtures/emit/names.ts');
    const model: tf.LayersModel = mod.build({ seed: 7 });
    try {
      expect(model.layers.slice(1).map((l) => l.name)).toEqual(ir.nodes.map((n) => n.name));
      for (const node of ir.nodes) {
        const layer = model.getLayer(node.name);
        expect([node.name, (layer.outputShape as number[]).slice(1), layer.countParams()]).toEqual([node.name, node.outputShape, node.params]);
      }
      const y = model.predict(tf.ones([1, ...ir.input])) as tf.Tensor;
      expect(y.shape).toEqual([1, ir.classes]);
      y.dispose();
    } finally {
      model.dispose();
    }
  });

  it('seeds layer i with seed + i; the spec\'s own init is shared, a layer\'s own kept unless options.init', async () => {
    const mod = await import('./fixtures/emit/names.ts');
    const kernels = (options: { init?: InitScheme; seed?: number }) => {
      const model: tf.LayersModel = mod.build(options);
      const out = ir.nodes.flatMap((n) => (n.layer.kind === 'conv2d' || n.layer.kind === 'dense'
        ? [[n.name, model.getLayer(n.name).getConfig().kernelInitializer]] : []));
      model.dispose();
      return out;
    };
    // As the spec says: `weightInitializer` asks for glorot, every other layer has the model's he.
    const expected = (init?: InitScheme) => ir.nodes.flatMap((n, i) => (n.layer.kind === 'conv2d' || n.layer.kind === 'dense'
      ? [[n.name, serializeInitializer(weightInitializer(init ?? n.layer.init, 7 + i))]] : []));
    expect(ir.nodes.filter((n) => 'init' in n.layer && n.layer.init === 'glorot').map((n) => n.name)).toEqual(['weightInitializer']);
    expect(kernels({ seed: 7 })).toEqual(expected());
    expect(kernels({ seed: 7, init: 'lecun' })).toEqual(expected('lecun'));
  });
});

describe('localNames', () => {
  it('gives names that sanitise alike different identifiers, deterministically', () => {
    const names = ['a-b', 'a_b', 'a.b', 'a_b$', '1x', '_1x', '', 'class', 'class_', 'tf'];
    const ids = localNames(names);
    expect([...ids.values()]).toEqual(['a_b$', 'a_b$2', 'a_b$3', 'a_b_$', '_1x$', '_1x$2', '_$', 'class$', 'class_$', 'tf$']);
    expect(new Set(ids.values()).size).toBe(names.length);
    for (const id of ids.values()) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*\$[0-9]*$/);
    expect([...localNames(names).values()]).toEqual([...ids.values()]);
  });
});

describe('wrap', () => {
  it.each([
    ['a bb ccc dddd', 6, ['a bb', 'ccc', 'dddd']],
    ['abcdefghij k', 4, ['abcd', 'efgh', 'ij k']],
    ['', 10, ['']],
  ])('%j at %i', (text, width, lines) => {
    expect(wrap(text, width)).toEqual(lines);
  });
});

describe('blocks: one typed function per definition, one call per instance', () => {
  const base = texts.get('blocks-base')!;
  const variant = texts.get('blocks-variant')!;

  it('declares each block once, with its parameters typed, and calls it per instance with the derived names', () => {
    expect(base.match(/^function block\$\w+\(/gm)).toEqual(['function block$unit(', 'function block$pair(']);
    expect(base).toContain('  args: { width: number; k: number; act: "relu6" | "hard_swish" },\n');
    expect(base).toContain('activation: args.act');
    // Layer i is seeded with seed + i: the call passes the index of its first layer.
    const calls = base.slice(base.indexOf('export function build')).split('\n').filter((l) => /^ {2}const \w+\$ = block\$/.test(l));
    expect(calls).toEqual([
      '  const stage_0_act$ = block$unit(input, "stage.0", { width: 2, k: 3, act: "relu6" }, ctx, 0);',
      '  const stage_1_act$ = block$unit(stage_0_act$, "stage.1", { width: 2, k: 3, act: "relu6" }, ctx, 3);',
      '  const stage_2_act$ = block$unit(stage_1_act$, "stage.2", { width: 2, k: 3, act: "relu6" }, ctx, 6);',
      '  const stage_3_act$ = block$unit(stage_2_act$, "stage.3", { width: 2, k: 3, act: "relu6" }, ctx, 9);',
      '  const twin_sum$ = block$pair(stage_3_act$, "twin", { width: 3 }, ctx, 12);',
      '  const last_act$ = block$unit(twin_sum$, "last", { width: 3, k: 3, act: "hard_swish" }, ctx, 22);',
    ]);
    // `$width * 2` and `($k - 1) // 2` as formulas of the arguments; a nested use passes its own.
    expect(base).toContain('filters: args.width * 2,');
    expect(base).toContain('Math.floor((args.k - 1) / 2)');
    expect(base).toContain('const rest_1$ = block$unit(rest_0$, name + ".rest.1", { width: args.width, k: 3, act: "relu6" }, ctx, first + 6);');
    expect(base).not.toContain('expanded');
  });

  it('emits an instance a variant changed expanded, saying why, and keeps the others as calls', () => {
    const why = variant.split('\n').filter((l) => l.includes('expanded:')).map((l) => l.trim());
    expect([...new Set(why)]).toEqual([
      '// block unit: stage.0, expanded: a variant removed or overrode `stage.0.conv`',
      '// block unit: stage.1, expanded: a variant removed or overrode `stage.1.bn`',
      '// block unit: stage.2, expanded: a variant inserted layers among its layers',
      '// block unit: stage.3, expanded: `both` reads `stage.3.bn` from inside it',
    ]);
    expect(variant).toContain('const twin_sum$ = block$pair(stage_3_act$, "twin", { width: 3 }, ctx, 12);');
    expect(variant).not.toMatch(/block\$unit\(\w+\$, "stage/);
  });

  it.each(['blocks', 'blocks-base', 'blocks-variant'])('%s builds what the in-process builder builds, weights and outputs included', async (g) => {
    const ir = analyzeModel(path.join(fixtures, `${g}.yaml`)).ir!;
    const mod = await import(`./fixtures/emit/${g}.ts`);
    const [a, b]: tf.LayersModel[] = [buildModel(ir, { seed: 5 }), mod.build({ seed: 5 })];
    try {
      expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
      expect(b.layers.map((l) => l.getConfig())).toEqual(a.layers.map((l) => l.getConfig()));
      const [wa, wb] = [a.getWeights(), b.getWeights()];
      expect(wb.map((w) => w.shape)).toEqual(wa.map((w) => w.shape));
      for (let i = 0; i < wa.length; i++) expect(await wb[i].data()).toEqual(await wa[i].data());
      const x = tf.randomUniform([2, ...ir.input], -1, 1, 'float32', 9);
      expect(await (b.predict(x) as tf.Tensor).data()).toEqual(await (a.predict(x) as tf.Tensor).data());
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describe('the runtime specifier', () => {
  const ir = analyzeModel(path.join('models', 'lenet5.yaml')).ir!;
  const specifiers = (text: string) => [...text.matchAll(/ from ("(?:[^"\\]|\\.)*");$/gm)].map((m) => JSON.parse(m[1]) as string);

  it.each([
    [undefined, 'netspec/runtime'],
    ['@me/netspec-runtime', '@me/netspec-runtime'],
    ['../runtime/index.ts', '../runtime/index.ts'],
    ['a"; process.exit(1); "\\', 'a"; process.exit(1); "\\'],
  ])('option %j: every runtime name comes from %j, as a literal', (runtimeImport, expected) => {
    const text = emitModelModule(ir, { sourcePath: 'models/lenet5.yaml', ...(runtimeImport !== undefined && { runtimeImport }) });
    expect(specifiers(text)).toEqual(['@tensorflow/tfjs', expected]);
    expect(text).not.toMatch(/^\s*process\.exit/m);
  });
});
