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
});
