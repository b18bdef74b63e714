// fast-check arbitraries for specs: random layer stacks (mostly meaningful, sometimes not)
// and byte-level mutations of the real models/*.yaml.
import fc from 'fast-check';
import { ILLEGAL, LEGAL } from './names.ts';

const small = fc.integer({ min: 1, max: 6 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const activation = fc.constantFrom('linear', 'relu', 'leaky_relu', 'elu', 'tanh', 'sigmoid', 'gelu');

const conv = fc.record({
  type: fc.constant('conv2d'),
  filters: fc.integer({ min: 1, max: 8 }),
  kernel: fc.oneof(small, fc.tuple(small, small)),
  stride: maybe(fc.integer({ min: 1, max: 3 })),
  padding: maybe(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('same', 'valid'))),
  dilation: maybe(fc.integer({ min: 1, max: 2 })),
  groups: maybe(fc.integer({ min: 1, max: 4 })),
  activation: maybe(activation),
}, { requiredKeys: ['type', 'filters', 'kernel'] });

const pool = fc.record({
  type: fc.constantFrom('maxpool', 'avgpool'),
  size: fc.integer({ min: 1, max: 4 }),
  stride: maybe(fc.integer({ min: 1, max: 3 })),
  padding: maybe(fc.integer({ min: 0, max: 2 })),
  rounding: maybe(fc.constantFrom('floor', 'ceil')),
}, { requiredKeys: ['type', 'size'] });

const lrn = fc.record({
  type: fc.constant('lrn'),
  size: fc.constantFrom(1, 3, 5, 4),
  alpha: fc.constantFrom(0.0001, 0.001),
  beta: fc.constant(0.75),
  k: fc.constantFrom(1, 2),
});

const imageLayer = fc.oneof(
  { weight: 4, arbitrary: conv },
  { weight: 2, arbitrary: pool },
  { weight: 1, arbitrary: lrn },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('zeropad'), padding: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('activation'), activation, alpha: maybe(fc.constantFrom(0.1, 0.5, 1, 2)) }, { requiredKeys: ['type', 'activation'] }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('adaptiveavgpool'), output: fc.integer({ min: 1, max: 3 }) }) },
);

const flatLayer = fc.oneof(
  fc.record({ type: fc.constant('dense'), units: fc.integer({ min: 1, max: 16 }), activation: maybe(activation) }, { requiredKeys: ['type', 'units'] }),
  fc.record({ type: fc.constant('dropout'), rate: fc.constantFrom(0, 0.25, 0.5) }),
);

/**
 * Sometimes a block: a conv whose filters and kernel are `$param` expressions, optionally a residual
 * add with the block's input (which fails when the channels differ: a diagnostic, not a crash),
 * used once at a random place with arguments and often `repeat`.
 */
const blockArb = fc.option(fc.record({
  width: fc.integer({ min: 1, max: 4 }),
  times: fc.constantFrom(1, 2),
  kernel: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  residual: fc.boolean(),
  repeat: maybe(fc.integer({ min: 1, max: 3 })),
  at: fc.nat(),
  named: fc.boolean(),
}), { nil: undefined, freq: 3 });

/** A spec object: image layers, a flatten (usually), flat layers, and a head for `classes`. */
export const specArb = fc.record({
  h: fc.integer({ min: 1, max: 12 }),
  w: fc.integer({ min: 1, max: 12 }),
  c: fc.integer({ min: 1, max: 4 }),
  classes: fc.integer({ min: 2, max: 5 }),
  image: fc.array(imageLayer, { maxLength: 5 }),
  flatten: fc.boolean(),
  flat: fc.array(flatLayer, { maxLength: 3 }),
  block: blockArb,
}).map(({ h, w, c, classes, image, flatten, flat, block }) => ({
  name: 'fuzz',
  input: { shape: [h, w, c] },
  classes,
  ...(block && {
    blocks: {
      unit: {
        params: { width: { type: 'integer' }, k: { type: 'integer', default: 1 } },
        layers: [
          { type: 'conv2d', name: 'conv', filters: block.times === 1 ? '$width' : '$width * 2', kernel: '$k', padding: 'same', activation: 'relu' },
          ...(block.residual ? [{ type: 'add', name: 'add', inputs: ['conv', 'input'] }] : []),
        ],
      },
    },
  }),
  layers: [
    ...(block ? withUse(image, block) : image),
    ...(flatten ? [{ type: 'flatten' }] : [{ type: 'globalavgpool' }]),
    ...flat,
    { type: 'dense', units: classes, activation: 'softmax' },
  ],
}));

/** Edits of a text: delete, duplicate or insert a random chunk at a random place. */
export const mutationArb = fc.array(
  fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
    len: fc.integer({ min: 1, max: 12 }),
    text: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(':', '- ', '\t', '{', '}', '[', ']', '&a', '*a', '!!js/function', '"', "'", '\n  ', '#', '1e308', '-1', '.nan', '0', '__proto__', '${x}', '*/'),
    ),
  }),
  { minLength: 1, maxLength: 4 },
);

export function mutate(text: string, edits: { at: number; kind: string; len: number; text: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length ? e.at % t.length : 0;
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else if (e.kind === 'duplicate') t = t.slice(0, at) + t.slice(at, at + e.len) + t.slice(at);
    else t = t.slice(0, at) + e.text + t.slice(at + e.len);
  }
  return t;
}

function withUse(image: unknown[], b: { width: number; kernel?: number; repeat?: number; at: number; named: boolean }): unknown[] {
  const use = {
    type: 'block',
    block: 'unit',
    args: { width: b.width, ...(b.kernel !== undefined && { k: b.kernel }) },
    ...(b.repeat !== undefined && { repeat: b.repeat }),
    ...(b.named && { name: 'layer1' }),
  };
  const at = b.at % (image.length + 1);
  return [...image.slice(0, at), use, ...image.slice(at)];
}

/**
 * specArb with hostile names: some layers named from LEGAL and ILLEGAL (unicode, 200 characters,
 * `__proto__` …), some `inputs` naming earlier layers, the input, or nothing that exists; an `init`.
 */
export const hostileSpecArb = fc.record({
  spec: specArb,
  names: fc.array(fc.record({ at: fc.nat(), name: fc.nat(), illegal: fc.boolean() }), { maxLength: 6 }),
  refs: fc.array(fc.record({ at: fc.nat(), to: fc.nat(), missing: fc.boolean() }), { maxLength: 3 }),
  model: fc.option(fc.nat(), { nil: undefined }),
  init: fc.option(fc.constantFrom('he', 'glorot', 'paper', 'lecun', 'xavier'), { nil: undefined }),
}).map(({ spec, names, refs, model, init }) => {
  const layers = (spec.layers as object[]).map((l) => ({ ...l })) as Record<string, unknown>[];
  for (const n of names) {
    const layer = layers[n.at % layers.length];
    if (layer.type !== 'block') layer.name = n.illegal ? ILLEGAL[n.name % ILLEGAL.length] : LEGAL[n.name % LEGAL.length];
  }
  for (const r of refs) {
    const i = r.at % layers.length;
    const earlier = layers.slice(0, i).map((l) => l.name).filter((x): x is string => typeof x === 'string');
    layers[i].inputs = [r.missing || !earlier.length ? 'nowhere' : earlier[r.to % earlier.length]];
  }
  return {
    ...spec,
    ...(model !== undefined && { name: [...LEGAL, ...ILLEGAL][model % (LEGAL.length + ILLEGAL.length)] }),
    ...(init && { init }),
    layers,
  };
});
