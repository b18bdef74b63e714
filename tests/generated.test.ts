// generated/ is committed: it must be exactly what the compiler makes now, deterministic,
// strictly typed, and build tfjs models whose shapes and counts equal the compiler's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, generateModule, outputPath } from '../src/compiler/compile.ts';
import { summarize } from '../src/model/summary.ts';

const root = path.resolve(__dirname, '..');
const models = fs.readdirSync(path.join(root, 'models')).filter((f) => f.endsWith('.yaml')).sort();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(models)('%s', (file) => {
  const spec = path.join('models', file);
  const out = outputPath(spec, path.join(root, 'generated'));
  const analysis = analyzeModel(spec);

  it('compiles without diagnostics', () => {
    expect(analysis.diagnostics).toEqual([]);
  });

  it('generated file is fresh and deterministic (run `npm run compile` if this fails)', () => {
    const text = generateModule(analysis.ir!, out, root);
    expect(generateModule(analyzeModel(spec).ir!, out, root)).toBe(text);
    expect(fs.readFileSync(out, 'utf8')).toBe(text);
    expect(text.startsWith(`// generated from models/${file} by netspec; do not edit.`)).toBe(true);
    // One runtime specifier, the package's: the module does not depend on this repository's layout.
    expect([...text.matchAll(/ from "([^"]+)";$/gm)].map((m) => m[1])).toEqual(['@tensorflow/tfjs', 'netspec/runtime']);
  });

  it('builds a tfjs model whose layers match the compiler layer by layer', async () => {
    const mod = await import(path.relative(__dirname, out).split(path.sep).join('/'));
    const model: tf.LayersModel = mod.build({ seed: 1 });
    const ir = analysis.ir!;
    try {
      for (const node of ir.nodes) {
        const layer = model.getLayer(node.name);
        expect([node.name, (layer.outputShape as number[]).slice(1)]).toEqual([node.name, node.outputShape]);
        expect([node.name, layer.countParams()]).toEqual([node.name, node.params]);
      }
      expect(model.countParams()).toBe(summarize(ir).totalParams);
      expect(mod.summary.totalParams).toBe(summarize(ir).totalParams);
      expect(mod.layerNames).toEqual(ir.nodes.map((n) => n.name));
      // One tfjs layer per node (no helper layers). tfjs orders a branching graph's layers its own way.
      expect(model.layers.slice(1).map((l) => l.name).sort()).toEqual(ir.nodes.map((n) => n.name).sort());
    } finally {
      model.dispose();
    }
  });
});

it('generated modules and the emitter\'s golden files pass tsc --noEmit --strict', () => {
  const goldens = fs.readdirSync(path.join(root, 'tests', 'fixtures', 'emit')).filter((f) => f.endsWith('.ts'));
  const files = [
    ...models.map((f) => path.join('generated', f.replace(/\.yaml$/, '.ts'))),
    ...goldens.map((f) => path.join('tests', 'fixtures', 'emit', f)),
  ];
  expect(goldens.length).toBeGreaterThan(0);
  // Generated modules import `netspec/runtime`: the repository's tsconfig maps it to the sources.
  const config = path.join(fs.mkdtempSync(path.join(root, '.tsc-generated-')), 'tsconfig.json');
  fs.writeFileSync(config, JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { strict: true }, include: [], files: files.map((f) => `../${f}`) }));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', config], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  } finally {
    fs.rmSync(path.dirname(config), { recursive: true, force: true });
  }
  expect(output).toBe('');
}, 120_000);
