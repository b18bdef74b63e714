// Property-based fuzzing of the compiler (fixed seed; NETSPEC_FUZZ_RUNS cases per property, a few
// hundred here, 10,000 with `npm run fuzz`):
// - specs from the valid generator (hostile legal names, graphs with add/concat, init, blocks with
//   parameters, repeat and nested uses, extends chains with override/remove/insert) are accepted;
// - random specs with hostile names and mutated models/*.yaml end in diagnostics or a model,
//   never an exception, within a time bound;
// - every accepted spec is generated, imported and built, and equals the in-process builder's
//   model (names, configs, initial weights); 100 of the modules are type-checked with --strict;
// - what the fuzzer found is kept in tests/fixtures/fuzz/ and checked the same way.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';
import { hostileSpecArb, mutate, mutationArb } from './fuzz/arbitraries.ts';
import { loader, typeErrors } from './fuzz/load.ts';
import { build, validArb } from './fuzz/valid.ts';

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.NETSPEC_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.NETSPEC_FUZZ_SEED ?? 20121203);
/** Modules type-checked per run. */
const TYPE_CHECKED = 100;
// Generous: a hang or a blow-up is the target, not speed (the machines are shared and noisy).
const TIME_BOUND_MS = 5000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-fuzz-'));
// Generated modules must sit in the repo so their runtime imports resolve.
const genDir = fs.mkdtempSync(path.join(root, '.fuzz-'));
const load = loader(genDir);
const stats = { inputs: 0, accepted: 0, refused: 0, started: performance.now() };

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The first analysis compiles the schema validator once; time the cases, not that.
  analyzeModel(path.join(root, 'models', 'alexnet.yaml'));
});
afterAll(() => {
  const s = ((performance.now() - stats.started) / 1000).toFixed(0);
  console.log(`fuzz: ${RUNS} runs per property (seed ${SEED}): ${stats.inputs} inputs, ${stats.accepted} accepted and built, ${stats.refused} refused with diagnostics, 0 crashes, ${s} s`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(genDir, { recursive: true, force: true });
}, 600_000);

let counter = 0;
/**
 * Writes the files of one case into its own folder (or, given `dir`, beside files already there)
 * and analyses the last one; the case's files are gone afterwards (10,000 cases leave nothing).
 */
function analyzeFiles(files: [string, string][], dir = path.join(tmp, `case${counter++}`)) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  const start = performance.now();
  const a = analyzeModel(path.join(dir, files[files.length - 1][0]));
  const ms = performance.now() - start;
  // Rendering must not throw either.
  renderDiagnostics(a.diagnostics, a.sources, { cwd: dir });
  for (const [name] of files) fs.rmSync(path.join(dir, name));
  stats.inputs++;
  if (a.ir) stats.accepted++;
  else stats.refused++;
  return { a, ms };
}

/** Never throws, ends in a model or an error, in bounded time; a model is generated, imported and built. */
async function anyInput(files: [string, string][], dir?: string): Promise<void> {
  const { a, ms } = analyzeFiles(files, dir);
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  if (!a.ir) {
    expect(a.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    return;
  }
  await load.check(a.ir);
}

describe('specs from the valid generator', () => {
  it('are accepted, and generate modules that import and build the in-process builder\'s model', async () => {
    await fc.assert(
      fc.asyncProperty(validArb, async (seed) => {
        const { files } = build(seed);
        const { a, ms } = analyzeFiles(files);
        expect(ms).toBeLessThan(TIME_BOUND_MS);
        const errors = a.diagnostics.filter((d) => d.severity === 'error');
        expect(renderDiagnostics(errors, a.sources, { cwd: tmp })).toBe('');
        await load.check(a.ir!);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 3_600_000);
});

describe('random specs with hostile names', () => {
  it('never throw; accepted ones import and build the in-process builder\'s model', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSpecArb, (spec) => anyInput([['spec.yaml', stringify(spec)]])),
      { seed: SEED, numRuns: RUNS },
    );
  }, 3_600_000);
});

describe('mutated models/*.yaml', () => {
  const models = fs.readdirSync(path.join(root, 'models')).filter((f) => f.endsWith('.yaml')).sort();
  const texts = models.map((m): [string, string] => [m, fs.readFileSync(path.join(root, 'models', m), 'utf8')]);
  // The zoo once, for the variants' `extends`; each case adds its mutated file beside it.
  const zoo = path.join(tmp, 'models');
  fs.mkdirSync(zoo);
  for (const [m, text] of texts) fs.writeFileSync(path.join(zoo, m), text);

  it('never throw; accepted ones are generated and imported, and built when small', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutationArb, (which, edits) => {
        const [name, text] = texts[which % texts.length];
        // Variants need their parent beside them: the mutated file goes into the zoo's folder.
        return anyInput([[`mutated-${counter++}-${name}`, mutate(text, edits)]], zoo);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 3_600_000);
});

describe('what the fuzzer found (tests/fixtures/fuzz)', () => {
  const dir = path.join(__dirname, 'fixtures', 'fuzz');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.parent.')).sort();
  const accepted = files.filter((f) => !f.endsWith('.refused.yaml'));
  it.each(accepted)('%s is accepted, and its module imports and builds the in-process builder\'s model', async (file) => {
    const a = analyzeModel(path.join(dir, file));
    expect(renderDiagnostics(a.diagnostics, a.sources, { cwd: dir })).toBe('');
    await load.check(a.ir!);
  });
  it.each([
    ['twice-one-input.refused.yaml', 'NS0210', '`add1` names `conv1` twice in `inputs`'],
    ['underscore-name.refused.yaml', 'NS0303', 'the layer name `_proto_` starts with `_`, which TensorFlow.js refuses in the names of its tensors'],
    ['unused-output.refused.yaml', 'NS0330', 'the output of `fc1` is never used: no later layer takes it as input, and only the last layer is the model\'s output'],
  ])('%s is refused with %s', (file, code, message) => {
    const a = analyzeModel(path.join(dir, file));
    expect(a.ir).toBeUndefined();
    expect(a.diagnostics.map((d) => [d.code, d.message])).toEqual([[code, message]]);
  });
  it('every refused fixture is listed above', () => {
    expect(files.filter((f) => f.endsWith('.refused.yaml'))).toEqual(['twice-one-input.refused.yaml', 'underscore-name.refused.yaml', 'unused-output.refused.yaml']);
  });
});

// Last: the sample is taken from the modules the properties above wrote.
it(`${TYPE_CHECKED} of the generated modules type-check with --strict`, () => {
  // Spread over every property's modules, the same ones on every run with the same seed.
  const step = Math.max(1, Math.floor(load.files.length / TYPE_CHECKED));
  const sample = load.files.filter((_, i) => i % step === 0).slice(0, TYPE_CHECKED);
  expect(sample.length).toBe(Math.min(TYPE_CHECKED, load.files.length));
  expect(sample.length).toBeGreaterThanOrEqual(Math.min(TYPE_CHECKED, RUNS));
  expect(typeErrors(sample)).toEqual([]);
}, 600_000);
