// schema/model.schema.json: valid specs pass, each invalid snippet gives the expected code at the
// expected path, the schema is well-formed for editors (descriptions, examples that validate), and
// it describes exactly the language of src/model/spec.ts and the layer kinds' modules it gathers
// (checked by reading them with ts-morph).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import fc from 'fast-check';
import { ModuleKind, ModuleResolutionKind, Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/compiler/parse.ts';
import { modelSchema, validateLayer, validateSchema } from '../src/compiler/validate.ts';

const ALEXNET = `# yaml-language-server: $schema=../schema/model.schema.json
name: alexnet
input: { shape: [227, 227, 3] }
classes: 1000
init: paper
layers:
  - { type: conv2d, name: conv1, filters: 96, kernel: 11, stride: 4, activation: relu }
  - { type: lrn, size: 5, alpha: 0.0001, beta: 0.75, k: 2 }
  - { type: maxpool, size: 3, stride: 2 }
  - { type: conv2d, filters: 256, kernel: 5, padding: 2, groups: 2, activation: relu, biasInit: 1 }
  - { type: flatten }
  - { type: dense, units: 4096, activation: relu, biasInit: 1 }
  - { type: dropout, rate: 0.5 }
  - { type: dense, units: 1000, activation: softmax }
train:
  dataset: { kind: imagefolder, path: /data/imagenet, resize: 256 }
  batchSize: 128
  epochs: 90
  optimizer: { type: sgd, lr: 0.01, momentum: 0.9, weightDecay: 0.0005 }
  schedule: { type: plateau, factor: 0.1 }
  augment: { crop: true, flip: true, pcaColor: { std: 0.1, eigen: imagenet } }
`;

const VARIANT = `extends: alexnet.yaml
name: alexnet-single-tower
override:
  conv2: { groups: 1 }
remove: [norm1]
insert:
  - after: pool5
    layers: [ { type: dropout, rate: 0.5 } ]
`;

/** A base spec around some layers (and optional extra top-level text). */
const base = (layers: string, extra = '') => `name: t\ninput: { shape: [32, 32, 3] }\nlayers:\n${layers}${extra}`;

function check(text: string) {
  const { source, value, diagnostics } = parseSource('t.yaml', text);
  expect(diagnostics).toEqual([]);
  return validateSchema(source, value);
}

describe('valid specs', () => {
  it.each([
    ['the paper AlexNet', ALEXNET],
    ['a variant', VARIANT],
    ['every layer kind with every field', base(`  - { type: conv2d, name: c1, filters: 8, kernel: [3, 5], stride: [1, 2], padding: [1, 2], dilation: 2, groups: 1, bias: false, activation: leaky_relu, init: glorot, biasInit: -0.5, description: "x */ y" }
  - { type: conv2d, filters: 8, kernel: 3, padding: same }
  - { type: lrn, name: n1, size: 5, alpha: 0.0001, beta: 0.75, k: 2, convention: caffe }
  - { type: maxpool, size: [3, 3], stride: 2, padding: valid, rounding: ceil }
  - { type: avgpool, size: 2, padding: 0, rounding: floor }
  - { type: zeropad, padding: [0, 1, 0, 1] }
  - { type: zeropad, padding: [1, 2] }
  - { type: zeropad, padding: 1 }
  - { type: activation, activation: elu, alpha: 1 }
  - { type: adaptiveavgpool, output: [6, 6] }
  - { type: globalavgpool }
  - { type: add, inputs: [c1, input] }
  - { type: concat, inputs: [c1, n1], axis: -1 }
  - { type: flatten }
  - { type: dense, units: 10, bias: true, activation: gelu, init: lecun, biasInit: 0 }
  - { type: batchnorm, name: bn, epsilon: 1e-3, momentum: 0.01, center: false, scale: true }
  - { type: activation, activation: hard_swish }
  - { type: dense, units: 10, activation: silu }
  - { type: dropout, rate: 0 }
`)],
    ['adam, step schedule, explicit normalisation, crop padding', base('  - { type: flatten }\n', `
train:
  dataset: { kind: cifar10 }
  optimizer: { type: adam, lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 }
  schedule: { type: step, stepSize: 30, gamma: 0.1 }
  normalize: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }
  augment: { crop: { padding: 4 }, flip: false, pcaColor: false }
  seed: 4294967295
  checkpointEvery: 0
  validationSplit: 0.1
  stepsPerEpoch: 100
`)],
    ['cosine and constant schedules, normalize keywords', base('  - { type: flatten }\n', `
train: { schedule: { type: cosine, minLr: 0, warmupEpochs: 5 }, normalize: none }
`)],
    ['constant schedule', base('  - { type: flatten }\n', '\ntrain: { schedule: { type: constant }, normalize: dataset }\n')],
    ['a variant that only renames', 'extends: base.yml\nname: other_name\n'],
  ])('%s', (_, text) => {
    expect(check(text)).toEqual([]);
  });

  it('the models/ folder passes', () => {
    const dir = fileURLToPath(new URL('../models/', import.meta.url));
    for (const name of ['alexnet.yaml', 'alexnet-single-tower.yaml']) {
      const text = readFileSync(dir + name, 'utf8');
      expect({ name, ds: check(text) }).toEqual({ name, ds: [] });
    }
  });
});

// Each row: snippet → [code, path, key?]; exactly one diagnostic is expected (one mistake, one report).
const L = (layer: string) => base(`  - ${layer}\n`);
const T = (train: string) => base('  - { type: flatten }\n', `train: ${train}\n`);
const invalid: [string, string, string, (string | number)[], boolean?][] = [
  ['zero filters', L('{ type: conv2d, filters: 0, kernel: 3 }'), 'NS0205', ['layers', 0, 'filters']],
  ['fractional filters', L('{ type: conv2d, filters: 2.5, kernel: 3 }'), 'NS0201', ['layers', 0, 'filters']],
  ['1e308 units', L('{ type: dense, units: 1e308 }'), 'NS0205', ['layers', 0, 'units']],
  ['-1e308 biasInit', L('{ type: dense, units: 1, biasInit: -1e308 }'), 'NS0205', ['layers', 0, 'biasInit']],
  ['.nan rate', L('{ type: dropout, rate: .nan }'), 'NS0201', ['layers', 0, 'rate']],
  ['.inf alpha', L('{ type: lrn, size: 5, alpha: .inf, beta: 0.75, k: 2 }'), 'NS0201', ['layers', 0, 'alpha']],
  ['rate 1', L('{ type: dropout, rate: 1 }'), 'NS0205', ['layers', 0, 'rate']],
  ['batchnorm momentum 2', L('{ type: batchnorm, momentum: 2 }'), 'NS0205', ['layers', 0, 'momentum']],
  ['batchnorm epsilon 0', L('{ type: batchnorm, epsilon: 0 }'), 'NS0205', ['layers', 0, 'epsilon']],
  ['negative rate', L('{ type: dropout, rate: -0.1 }'), 'NS0205', ['layers', 0, 'rate']],
  ['kernel 5000', L('{ type: conv2d, filters: 1, kernel: 5000 }'), 'NS0205', ['layers', 0, 'kernel']],
  ['kernel pair with 0', L('{ type: conv2d, filters: 1, kernel: [3, 0] }'), 'NS0205', ['layers', 0, 'kernel', 1]],
  ['kernel triple', L('{ type: conv2d, filters: 1, kernel: [3, 3, 3] }'), 'NS0207', ['layers', 0, 'kernel']],
  ['kernel string', L('{ type: conv2d, filters: 1, kernel: big }'), 'NS0201', ['layers', 0, 'kernel']],
  ['padding typo', L('{ type: conv2d, filters: 1, kernel: 3, padding: sam }'), 'NS0204', ['layers', 0, 'padding']],
  ['padding negative', L('{ type: conv2d, filters: 1, kernel: 3, padding: -1 }'), 'NS0205', ['layers', 0, 'padding']],
  ['zeropad triple', L('{ type: zeropad, padding: [1, 2, 3] }'), 'NS0201', ['layers', 0, 'padding']],
  ['bad activation', L('{ type: dense, units: 1, activation: relu7 }'), 'NS0204', ['layers', 0, 'activation']],
  ['bad rounding', L('{ type: maxpool, size: 3, rounding: up }'), 'NS0204', ['layers', 0, 'rounding']],
  ['bad convention', L('{ type: lrn, size: 5, alpha: 1, beta: 1, k: 1, convention: torch }'), 'NS0204', ['layers', 0, 'convention']],
  ['concat axis 3', L('{ type: concat, axis: 3 }'), 'NS0205', ['layers', 0, 'axis']],
  ['bias as string', L('{ type: dense, units: 1, bias: "yes" }'), 'NS0201', ['layers', 0, 'bias']],
  ['unknown field', L('{ type: conv2d, filtres: 8, kernel: 3 }'), 'NS0202', ['layers', 0, 'filtres'], true],
  ['field of another kind', L('{ type: flatten, units: 3 }'), 'NS0202', ['layers', 0, 'units'], true],
  ['missing field', L('{ type: conv2d, kernel: 3 }'), 'NS0203', ['layers', 0]],
  ['missing type', L('{ filters: 3, kernel: 3 }'), 'NS0203', ['layers', 0]],
  ['type not a string', L('{ type: 3 }'), 'NS0201', ['layers', 0, 'type']],
  ['unknown type', L('{ type: conv3d }'), 'NS0208', ['layers', 0, 'type']],
  ['layer not a mapping', L('conv2d'), 'NS0201', ['layers', 0]],
  ['empty layers', 'name: t\ninput: { shape: [1, 1, 1] }\nlayers: []\n', 'NS0207', ['layers']],
  ['shape of 2', 'name: t\ninput: { shape: [1, 1] }\nlayers: [{ type: flatten }]\n', 'NS0207', ['input', 'shape']],
  ['no input, no extends', 'name: t\nlayers: [{ type: flatten }]\n', 'NS0203', []],
  ['remove without extends', base('  - { type: flatten }\n', 'remove: [a]\n'), 'NS0209', ['remove'], true],
  ['top-level typo', base('  - { type: flatten }\n', 'clases: 10\n'), 'NS0202', ['clases'], true],
  ['name with a dash', L('{ type: flatten, name: a-b }'), 'NS0206', ['layers', 0, 'name']],
  ['name of 65 characters', L(`{ type: flatten, name: ${'a'.repeat(65)} }`), 'NS0206', ['layers', 0, 'name']],
  ['name __proto__', L('{ type: flatten, name: __proto__ }'), 'NS0206', ['layers', 0, 'name']],
  ['name constructor', L('{ type: flatten, name: constructor }'), 'NS0206', ['layers', 0, 'name']],
  ['model name with a space', 'name: my net\ninput: { shape: [1, 1, 1] }\nlayers: [{ type: flatten }]\n', 'NS0206', ['name']],
  ['inputs entry', L('{ type: add, inputs: [a, "b c"] }'), 'NS0206', ['layers', 0, 'inputs', 1]],
  ['extends not yaml', 'extends: base.json\n', 'NS0206', ['extends']],
  ['override key', 'extends: a.yaml\noverride: { "a b": { groups: 1 } }\n', 'NS0206', ['override', 'a b'], true],
  ['override unknown field', 'extends: a.yaml\noverride: { conv2: { group: 1 } }\n', 'NS0202', ['override', 'conv2', 'group'], true],
  ['override bad value', 'extends: a.yaml\noverride: { conv2: { groups: 0 } }\n', 'NS0205', ['override', 'conv2', 'groups']],
  ['remove twice', 'extends: a.yaml\nremove: [a, b, a]\n', 'NS0210', ['remove', 2]],
  ['insert with both anchors', 'extends: a.yaml\ninsert: [{ after: a, before: b, layers: [{ type: flatten }] }]\n', 'NS0211', ['insert', 0]],
  ['insert with neither', 'extends: a.yaml\ninsert: [{ layers: [{ type: flatten }] }]\n', 'NS0211', ['insert', 0]],
  ['insert without layers', 'extends: a.yaml\ninsert: [{ after: a }]\n', 'NS0203', ['insert', 0]],
  ['unknown optimizer', T('{ optimizer: { type: adamw, lr: 0.1 } }'), 'NS0208', ['train', 'optimizer', 'type']],
  ['sgd without lr', T('{ optimizer: { type: sgd } }'), 'NS0203', ['train', 'optimizer']],
  ['lr 0', T('{ optimizer: { type: sgd, lr: 0 } }'), 'NS0205', ['train', 'optimizer', 'lr']],
  ['adam field on sgd', T('{ optimizer: { type: sgd, lr: 0.1, beta1: 0.9 } }'), 'NS0202', ['train', 'optimizer', 'beta1'], true],
  ['momentum 1', T('{ optimizer: { type: sgd, lr: 0.1, momentum: 1 } }'), 'NS0205', ['train', 'optimizer', 'momentum']],
  ['step without stepSize', T('{ schedule: { type: step } }'), 'NS0203', ['train', 'schedule']],
  ['plateau factor 1', T('{ schedule: { type: plateau, factor: 1 } }'), 'NS0205', ['train', 'schedule', 'factor']],
  ['unknown dataset', T('{ dataset: { kind: imagenet } }'), 'NS0204', ['train', 'dataset', 'kind']],
  ['batchSize 0', T('{ batchSize: 0 }'), 'NS0205', ['train', 'batchSize']],
  ['seed 2^32', T('{ seed: 4294967296 }'), 'NS0205', ['train', 'seed']],
  ['normalize keyword typo', T('{ normalize: datset }'), 'NS0204', ['train', 'normalize']],
  ['normalize std 0', T('{ normalize: { mean: [0], std: [0] } }'), 'NS0205', ['train', 'normalize', 'std', 0]],
  ['normalize without std', T('{ normalize: { mean: [0] } }'), 'NS0203', ['train', 'normalize']],
  ['crop padding negative', T('{ augment: { crop: { padding: -1 } } }'), 'NS0205', ['train', 'augment', 'crop', 'padding']],
  ['pcaColor number', T('{ augment: { pcaColor: 3 } }'), 'NS0201', ['train', 'augment', 'pcaColor']],
  ['train field at the top level', base('  - { type: flatten }\n', 'epochs: 3\n'), 'NS0202', ['epochs'], true],
];

describe('invalid snippets', () => {
  it.each(invalid)('%s', (_, text, code, path, key) => {
    const ds = check(text);
    expect(ds.map((d) => [d.code, d.location?.path ?? [], d.location?.key ?? false])).toEqual([[code, path, key ?? false]]);
    expect(ds[0].message.length).toBeGreaterThan(10);
  });

  it('reports several mistakes in one file separately', () => {
    const ds = check(base('  - { type: conv2d, filters: 0, kernel: 3 }\n  - { type: dense, units: -1 }\n', 'classes: 0\n'));
    expect(ds.map((d) => JSON.stringify(d.location?.path)).sort()).toEqual(['["classes"]', '["layers",0,"filters"]', '["layers",1,"units"]']);
  });
});

describe('messages', () => {
  // Hand-written expectations: the wording users see, Keras style (field, rule, what was received).
  it.each([
    [L('{ type: conv2d, filters: 0, kernel: 3 }'), '`filters` must be a positive integer no larger than 1000000; received 0', undefined],
    [L('{ type: conv2d, filtres: 8, kernel: 3 }'), 'unknown field `filtres` in this conv2d layer', 'did you mean `filters`?'],
    [L('{ type: conv2d, kernel: 3 }'), 'missing required field `filters` in this conv2d layer', 'add `filters: <integer>`'],
    [L('{ type: dense, units: 1, activation: Relu }'),
      '`activation` must be one of `linear`, `relu`, `relu6`, `leaky_relu`, `elu`, `tanh`, `sigmoid`, `softmax`, `gelu`, `silu` or `hard_swish`; received `Relu`', 'did you mean `relu`?'],
    [L('{ type: dropout, rate: 1.5 }'), '`rate` must be a number in [0, 1); received 1.5', undefined],
    [L('{ type: flatten, name: "a`b" }'),
      '`name` must be a name made of letters, digits and `_`, not starting with a digit, at most 64 characters; received "a`b"', 'use a name such as `a_b`'],
    [L('{ type: maxpool, size: 3, rounding: cell }'), '`rounding` must be one of `floor` or `ceil`; received `cell`', 'did you mean `ceil`?'],
    [L('{ type: conv3d }'), 'unknown layer type `conv3d`', 'did you mean `conv2d`?'],
  ])('%#', (text, message, help) => {
    const [d] = check(text);
    expect(d.message).toBe(message);
    expect(d.help).toBe(help);
  });
});

describe('layer names (property: the schema agrees with a character-by-character reference)', () => {
  const isName = (s: string): boolean => {
    if (s.length < 1 || s.length > 64 || ['__proto__', 'constructor', 'prototype'].includes(s)) return false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
      const digit = c >= 48 && c <= 57;
      if (!(letter || (i > 0 && digit))) return false;
    }
    return true;
  };
  const chars = fc.constantFrom(...'abcXYZ_019-. `\'"$*/{}\n\u00e9\u202e'.split(''));
  it('accepts exactly the identifiers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 70 }), fc.constantFrom('__proto__', 'a'.repeat(64), 'a'.repeat(65))), (name) => {
        const { source } = parseSource('t.yaml', 'x: 1\n');
        const ds = validateLayer(source, { type: 'flatten', name }, ['layers', 0]);
        expect(ds.length === 0).toBe(isName(name));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- the schema as a document --------------------------------------------------------------------

type Json = Record<string, unknown>;
const schema = modelSchema() as Json;
const defs = schema.definitions as Record<string, Json>;

/** Every schema object in the document, with its JSON pointer. */
function* schemas(node: unknown, ptr = ''): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const s = node as Json;
  yield [ptr, s];
  for (const k of ['properties', 'definitions'] as const) {
    for (const [name, sub] of Object.entries((s[k] as Json | undefined) ?? {})) yield* schemas(sub, `${ptr}/${k}/${name}`);
  }
  for (const k of ['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'not'] as const) yield* schemas(s[k], `${ptr}/${k}`);
  for (const k of ['anyOf', 'oneOf'] as const) for (const [i, b] of ((s[k] as unknown[]) ?? []).entries()) yield* schemas(b, `${ptr}/${k}/${i}`);
}

const deref = (s: Json): Json => (typeof s.$ref === 'string' ? { ...defs[s.$ref.replace('#/definitions/', '')], ...s } : s);

describe('the schema document', () => {
  const all = [...schemas(schema)];
  const properties = all.flatMap(([ptr, s]) => Object.entries((s.properties as Record<string, Json>) ?? {}).map(([k, p]) => [`${ptr}/properties/${k}`, deref(p)] as const));

  it('gives every property a description and examples', () => {
    const bare = properties.filter(([, p]) => typeof p.description !== 'string' || !Array.isArray(p.examples) || (p.examples as unknown[]).length === 0);
    expect(bare.map(([ptr]) => ptr)).toEqual([]);
  });

  it('closes every mapping (additionalProperties: false)', () => {
    const open = all.filter(([, s]) => s.properties && s.additionalProperties !== false);
    expect(open.map(([ptr]) => ptr)).toEqual([]);
  });

  it('declares every required name (ajv strictRequired is off)', () => {
    // A discriminated union requires its tag, which every branch declares.
    const keys = (s: Json | undefined) => [
      ...Object.keys((s?.properties as Json) ?? {}),
      ...((s?.oneOf as Json[] | undefined) ?? []).flatMap((b) => Object.keys((deref(b).properties as Json) ?? {})),
    ];
    const declared = (s: Json, parent?: Json) => new Set([...keys(s), ...keys(parent)]);
    const undeclared: string[] = [];
    for (const [ptr, s] of all) {
      // `then` and oneOf branches name properties of the schema they belong to.
      const parentPtr = ptr.replace(/\/(then|if\/not|oneOf\/\d+)$/, '');
      const parent = parentPtr !== ptr ? all.find(([p]) => p === parentPtr)?.[1] : undefined;
      for (const r of (s.required as string[]) ?? []) if (!declared(s, parent).has(r)) undeclared.push(`${ptr}: ${r}`);
    }
    expect(undeclared).toEqual([]);
  });

  it('keeps unions pure (anyOf beside validation keywords would confuse the error folding)', () => {
    const annotations = new Set(['anyOf', 'description', 'default', 'examples', 'title', 'x-expected']);
    const mixed = all.filter(([, s]) => s.anyOf && Object.keys(s).some((k) => !annotations.has(k)));
    expect(mixed.map(([ptr]) => ptr)).toEqual([]);
  });

  it('has examples and defaults that validate against their own schema', () => {
    const ajv = new Ajv({ strict: false, discriminator: true });
    ajv.addSchema(schema, 'm');
    const bad: string[] = [];
    for (const [ptr, s] of [...all, ...properties]) {
      if (ptr === '') continue;
      const v = ajv.getSchema(`m#${ptr}`)!;
      for (const ex of [...((s.examples as unknown[]) ?? []), ...('default' in s ? [s.default] : [])]) {
        if (!v(ex)) bad.push(`${ptr}: ${JSON.stringify(ex)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('bounds every number', () => {
    const unbounded = all.filter(([, s]) => (s.type === 'integer' || s.type === 'number') && !('maximum' in s || 'exclusiveMaximum' in s));
    expect(unbounded.map(([ptr]) => ptr)).toEqual([]);
  });

  it('states the lrn mapping to tf and the Caffe conventions', () => {
    const lrn = String(defs.lrn.description);
    for (const phrase of ['depthRadius = (n - 1) / 2', 'bias = k', 'NOT divided by n', 'Caffe and PyTorch divide α by n', 'convention: caffe']) {
      expect(lrn).toContain(phrase);
    }
    expect(JSON.stringify(defs.maxpool.properties)).toContain('Caffe rounds up');
  });
});

describe('the schema describes exactly src/model/spec.ts', () => {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { strict: true, allowImportingTsExtensions: true, noEmit: true, moduleResolution: ModuleResolutionKind.Bundler, module: ModuleKind.ESNext },
  });
  const sf = project.addSourceFileAtPath(fileURLToPath(new URL('../src/model/spec.ts', import.meta.url)));
  project.resolveSourceFileDependencies();
  /** A type the spec exports, declared there or in a layer kind's module. */
  const alias = (name: string) => {
    const [decl] = sf.getExportedDeclarations().get(name) ?? [];
    if (!decl) throw new Error(`spec.ts exports no ${name}`);
    return decl.getType();
  };
  const literals = (name: string) => alias(name).getUnionTypes().map((t) => t.getLiteralValue()).sort();
  const members = (t: ReturnType<typeof alias>) => ({
    all: t.getProperties().map((p) => p.getName()).sort(),
    required: t.getProperties().filter((p) => !p.isOptional()).map((p) => p.getName()).sort(),
  });
  const fromSchema = (s: Json) => ({ all: Object.keys(s.properties as Json).sort(), required: [...((s.required as string[]) ?? [])].sort() });
  const layerDef = (type: string) => Object.values(defs).find((d) => {
    const t = (d.properties as Record<string, Json> | undefined)?.type;
    return d.title?.toString().endsWith('layer') && t?.const === type;
  })!;

  it('has the same layer types (and `block`, a use of a block)', () => {
    const types = (defs.layer.oneOf as Json[]).map((r) => (deref(r).properties as Record<string, Json>).type.const).sort();
    expect(types).toEqual([...alias('LayerType').getUnionTypes().map((t) => t.getLiteralValue()), 'block'].sort());
  });

  it.each([
    ['BlockUseSpec', () => defs.blockUse],
    ['BlockSpec', () => defs.block],
    ['BlockParamSpec', () => defs.blockParam],
  ] as const)('%s has the same fields, the same required', (name, def) => {
    expect(fromSchema(def())).toEqual(members(alias(name)));
  });

  it.each(['conv2d', 'lrn', 'maxpool', 'avgpool', 'dropout', 'flatten', 'dense', 'zeropad', 'globalavgpool', 'adaptiveavgpool', 'activation', 'add', 'concat', 'batchnorm'])(
    'layer %s has the same fields, the same required',
    (type) => {
      const tags = (u: ReturnType<typeof alias>) => {
        const t = u.getPropertyOrThrow('type').getTypeAtLocation(sf);
        return (t.isUnion() ? t.getUnionTypes() : [t]).map((x) => x.getLiteralValue());
      };
      const t = alias('LayerSpec').getUnionTypes().find((u) => tags(u).includes(type))!;
      expect(fromSchema(layerDef(type))).toEqual(members(t));
    },
  );

  it.each([
    ['ModelSpec', schema],
    ['TrainSpec', defs.train],
    ['DatasetSpec', defs.dataset],
    ['AugmentSpec', defs.augment],
    ['InsertSpec', defs.insert],
  ] as const)('%s has the same fields', (name, s) => {
    expect(fromSchema(s as Json).all).toEqual(members(alias(name)).all);
  });

  it('has the same optimizers and schedules', () => {
    for (const [name, def] of [['OptimizerSpec', defs.optimizer], ['ScheduleSpec', defs.schedule]] as const) {
      const ts = alias(name).getUnionTypes().map(members).sort((a, b) => a.all.join().localeCompare(b.all.join()));
      const js = (def.oneOf as Json[]).map((r) => fromSchema(deref(r))).sort((a, b) => a.all.join().localeCompare(b.all.join()));
      expect(js).toEqual(ts);
    }
  });

  it('has the same enumerations', () => {
    expect([...(defs.activation.enum as string[])].sort()).toEqual(literals('Activation'));
    expect([...(defs.init.enum as string[])].sort()).toEqual(literals('InitScheme'));
  });
});
