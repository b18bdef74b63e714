// The precompiled schema check (schema-check.generated.ts) is fresh and agrees with ajv compiling
// the schema itself: on every model, every invalid fixture that parses, and edited layers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateSchemaCheck } from '../src/compiler/schema-check-gen.ts';
import { precompiledChecks } from '../src/compiler/schema-check.ts';
import { SCHEMA_URL } from '../src/compiler/validate.ts';

const root = path.resolve(__dirname, '..');
const schema = JSON.parse(fs.readFileSync(SCHEMA_URL, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
const full = ajv.compile(schema);
const fullLayer = ajv.getSchema(`${schema.$id}#/definitions/layer`)!;

const yamlIn = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
const values = [...yamlIn('models'), ...yamlIn('tests/fixtures/invalid')].flatMap((f) => {
  try {
    const v = parse(fs.readFileSync(path.join(root, f), 'utf8'), { maxAliasCount: 100 });
    return v && typeof v === 'object' ? [[f, v] as [string, unknown]] : [];
  } catch {
    return [];
  }
});

describe('precompiled schema check', () => {
  it('is up to date with schema/model.schema.json (run `npx tsx scripts/gen-schema-check.ts`)', () => {
    const file = path.join(root, 'src/compiler/schema-check.generated.ts');
    expect(fs.readFileSync(file, 'utf8') === generateSchemaCheck()).toBe(true);
    expect(precompiledChecks(SCHEMA_URL)).toBeDefined();
  });
  it('has cases of both kinds', () => {
    const valid = values.filter(([, v]) => full(v)).length;
    expect(valid).toBeGreaterThan(10);
    expect(values.length - valid).toBeGreaterThan(30);
  });
  it.each(values)('%s: same verdict as ajv', (_f, v) => {
    expect(precompiledChecks(SCHEMA_URL)!.model(v)).toBe(full(v));
  });
  it.each([
    [{ type: 'conv2d', filters: 8, kernel: 3 }, true],
    [{ type: 'conv2d', filters: 0, kernel: 3 }, false],
    [{ type: 'dense', units: 10, activation: 'softmax' }, true],
    [{ type: 'dense', units: 10, activation: 'softmaxx' }, false],
    [{ type: 'nope' }, false],
    [{ type: 'maxpool', size: 3, stride: 2, extra: 1 }, false],
  ])('layer %j: %s, as ajv says', (layer, expected) => {
    expect(fullLayer(layer)).toBe(expected);
    expect(precompiledChecks(SCHEMA_URL)!.layer(layer)).toBe(expected);
  });

  // layerPartial stands in for the full check where missing fields are ignored (a block's layer
  // before substitution): whenever it passes, every error the full schema finds is a missing field.
  const layers = values.flatMap(([f, v]) => {
    const spec = v as { layers?: unknown[]; blocks?: Record<string, { layers?: unknown[] }> };
    const all = [...(Array.isArray(spec.layers) ? spec.layers : []), ...Object.values(spec.blocks ?? {}).flatMap((b) => (Array.isArray(b?.layers) ? b.layers : []))];
    return all.filter((l): l is Record<string, unknown> => !!l && typeof l === 'object' && !Array.isArray(l)).map((l) => [f, l] as const);
  });
  const partials = layers.flatMap(([f, l]) => [l, ...Object.keys(l).filter((k) => k !== 'type').map((k) => Object.fromEntries(Object.entries(l).filter(([key]) => key !== k)))].map((v) => [f, v] as const));
  it('layerPartial: has layers with fields left out to check', () => {
    expect(partials.length).toBeGreaterThan(500);
    expect(partials.filter(([, v]) => !fullLayer(v) && precompiledChecks(SCHEMA_URL)!.layerPartial(v)).length).toBeGreaterThan(50);
  });
  it('layerPartial passes only where the full check fails on missing fields alone', () => {
    const wrong = partials.filter(([, v]) => {
      if (!precompiledChecks(SCHEMA_URL)!.layerPartial(v)) return false;
      if (fullLayer(v)) return false;
      return !(fullLayer.errors ?? []).every((e) => e.keyword === 'required');
    });
    expect(wrong.map(([f, v]) => [f, v, fullLayer(v), fullLayer.errors])).toEqual([]);
  });
});
