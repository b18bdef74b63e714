// Property-based fuzzing of the compiler (fixed seed, bounded runs; `npm run fuzz` runs more):
// any input ends in diagnostics or a model, never an exception, within a time bound; and a
// model reported clean generates code that parses, type-checks and builds a tfjs model whose
// shapes are the compiler's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, generateModule } from '../src/compiler/compile.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';
import { mutate, mutationArb, specArb } from './fuzz/arbitraries.ts';

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.NETSPEC_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.NETSPEC_FUZZ_SEED ?? 20121203);
// Generous: a hang or a blow-up is the target, not speed (the machines are shared and noisy).
const TIME_BOUND_MS = 5000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-fuzz-'));
// Generated modules must sit in the repo so their runtime imports resolve.
const genDir = fs.mkdtempSync(path.join(root, '.fuzz-'));
const stats = { inputs: 0, clean: 0, withErrors: 0 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The first analysis compiles the schema validator once; time the cases, not that.
  analyzeModel(path.join(root, 'models', 'alexnet.yaml'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(genDir, { recursive: true, force: true });
  console.log(`fuzz: ${stats.inputs} inputs, ${stats.clean} clean, ${stats.withErrors} with diagnostics, 0 crashes (seed ${SEED})`);
});

let counter = 0;
function analyzeText(text: string) {
  const file = path.join(tmp, `case${counter++}.yaml`);
  fs.writeFileSync(file, text);
  const start = performance.now();
  const a = analyzeModel(file);
  const ms = performance.now() - start;
  // Rendering must not throw either.
  renderDiagnostics(a.diagnostics, a.sources, { cwd: tmp });
  stats.inputs++;
  if (a.ir) stats.clean++;
  else stats.withErrors++;
  return { a, ms, file };
}

describe('mutated models/*.yaml', () => {
  const models = fs.readdirSync(path.join(root, 'models')).filter((f) => f.endsWith('.yaml'));
  it.each(models)('%s: never throws, bounded time', (name) => {
    const text = fs.readFileSync(path.join(root, 'models', name), 'utf8');
    // Variants need their parent beside them.
    for (const m of models) fs.copyFileSync(path.join(root, 'models', m), path.join(tmp, m));
    fc.assert(
      fc.property(mutationArb, (edits) => {
        const { a, ms } = analyzeText(mutate(text, edits));
        expect(ms).toBeLessThan(TIME_BOUND_MS);
        expect(a.ir !== undefined || a.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe('random specs', () => {
  const cleanModules: { file: string; ir: NonNullable<ReturnType<typeof analyzeModel>['ir']> }[] = [];

  it('never throw; clean ones build tfjs models with the compiler\'s shapes', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const { a, ms } = analyzeText(stringify(spec));
        expect(ms).toBeLessThan(TIME_BOUND_MS);
        if (!a.ir) {
          expect(a.diagnostics.length).toBeGreaterThan(0);
          return;
        }
        const out = path.join(genDir, `m${cleanModules.length}.ts`);
        fs.writeFileSync(out, generateModule(a.ir, out, root));
        cleanModules.push({ file: out, ir: a.ir });
        const mod = await import(out);
        const model: tf.LayersModel = mod.build({ seed: 1 });
        try {
          for (const node of a.ir.nodes) {
            const layer = model.getLayer(node.name);
            expect((layer.outputShape as number[]).slice(1)).toEqual(node.outputShape);
          }
          const y = tf.tidy(() => model.predict(tf.zeros([1, ...a.ir!.input])) as tf.Tensor);
          expect(y.shape).toEqual([1, a.ir.classes]);
          y.dispose();
        } finally {
          model.dispose();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(cleanModules.length).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  it('clean ones type-check with tsc --strict', () => {
    const sample = cleanModules.slice(0, 25).map((m) => m.file);
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler',
        '--allowImportingTsExtensions', '--skipLibCheck', '--types', 'node', ...sample], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  }, 180_000);
});
