// The typed API (src/index.ts): the README's example type-checks under --strict and runs (a few
// training steps on real Fashion-MNIST, stopped by its AbortSignal); loadModel takes paths and
// text and reports problems as data; summarize and diff agree with the published counts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compile, diff, loadModel, NetspecError, resume, summarize } from 'netspec';
import { haveFashion } from './train-helpers.ts';

const root = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-api-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The ```ts block of the README's "The API" section. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The API'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README has no ```ts block under "### The API"');
  return m[1];
}

describe('the README example', () => {
  const runDir = path.join(tmp, 'run');
  const example = readmeExample();
  // Its one change: the run folder goes to a temporary folder.
  const code = example.replace("'runs/api-example'", JSON.stringify(runDir));
  const file = path.join(tmp, 'example.ts');
  fs.writeFileSync(file, `${code}\nexport {};\n`);

  it('names the run folder we replace and imports from netspec', () => {
    expect(code).not.toBe(example);
    expect(example).toMatch(/from 'netspec';/);
  });

  it('type-checks with the repository\'s strict settings (`netspec` is src/index.ts through tsconfig paths)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram([file], { ...config.options, noEmit: true });
    // The example's own diagnostics (checking it checks every netspec type it uses).
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) =>
      `${d.file ? path.relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
    expect(config.options.strict).toBe(true);
  }, 120_000);

  it.skipIf(!haveFashion)('runs: summary, diff, then three steps and an abort that leaves a checkpoint', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
    try {
      await import(file);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toBe('alexnet-fashion: 542858 parameters, ' + summarize('models/alexnet-fashion.yaml').multAdds + ' mult-adds per image');
    expect(lines[1]).toBe('alexnet: 60965224 parameters (0 vs alexnet)');
    expect(lines[2]).toBe('alexnet-single-tower: 62378344 parameters (1413120 vs alexnet)');
    expect(lines[3]).toMatch(new RegExp(`^${path.resolve('src/models/alexnet-fashion.ts')}: \\d+ lines$`));
    expect(fs.existsSync(path.resolve('src/models'))).toBe(false);
    expect(lines.filter((l) => l.startsWith('step '))).toHaveLength(3);
    const last = lines.at(-1)!.split(' ');
    expect(last.slice(0, 2)).toEqual(['aborted', '3']);
    expect(last[2].startsWith(path.join(runDir, 'checkpoints'))).toBe(true);
    expect(fs.existsSync(last[2])).toBe(true);
  }, 120_000);

  it.skipIf(!haveFashion)('resume() continues the aborted run from its checkpoint to the end of its epoch', async () => {
    const steps: number[] = [];
    const r = await resume(runDir, {}, { onStep: (s) => void steps.push(s.globalStep) }).promise;
    expect(r.diagnostics).toEqual([]);
    expect(r.status).toBe('completed');
    expect(steps).toEqual(Array.from({ length: 17 }, (_, i) => i + 4));
    expect(r.metrics).toHaveLength(1);
    expect(r.metrics[0].step).toBe(20);
    expect(fs.existsSync(path.join(r.exported!, 'model.json'))).toBe(true);
  }, 120_000);
});

describe('loadModel', () => {
  const spec = 'name: tiny\ninput: { shape: [8, 8, 1] }\nclasses: 3\nlayers:\n  - { type: flatten }\n  - { type: dense, units: 3, activation: softmax }\n';
  it.each([
    ['a path', 'models/lenet5.yaml', 'lenet5', 61_706],
    ['YAML text', spec, 'tiny', 8 * 8 * 3 + 3],
    ['text with a byte-order mark and CRLF line endings', `\ufeff${spec.replace(/\n/g, '\r\n')}`, 'tiny', 195],
    ['{ text, file }', { text: spec, file: 'tiny.yaml' }, 'tiny', 195],
    ['one line of flow YAML', '{ name: one, input: { shape: [2, 2, 1] }, classes: 2, layers: [{ type: flatten }, { type: dense, units: 2 }] }', 'one', 10],
  ])('%s', (_what, source, name, params) => {
    const m = loadModel(source);
    expect(m.diagnostics).toEqual([]);
    expect(m.ir?.name).toBe(name);
    expect(summarize(m).totalParams).toBe(params);
  });

  it('a spec with errors: no IR, the diagnostics as data; summarize throws them', () => {
    const m = loadModel({ text: spec.replace('units: 3', 'units: 0'), file: 'bad.yaml' });
    expect(m.ir).toBeUndefined();
    expect(m.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([['NS0205', 'bad.yaml']]);
    expect(() => summarize(m)).toThrow(NetspecError);
  });

  it('a missing file and a URL are diagnostics, not exceptions', () => {
    expect(loadModel('models/nope.yaml').diagnostics.map((d) => d.code)).toEqual(['NS0101']);
    expect(loadModel('https://example.com/alexnet.yaml').diagnostics.map((d) => d.code)).toEqual(['NS0107']);
  });
});

describe('summarize, diff, compile', () => {
  it('diff of three variants: totals against the first', () => {
    const d = diff(['models/alexnet.yaml', 'models/alexnet-single-tower.yaml', 'models/alexnet-torchvision.yaml']);
    expect(d.variants.map((v) => [v.name, v.params, v.paramsDelta])).toEqual([
      ['alexnet', 60_965_224, 0],
      ['alexnet-single-tower', 62_378_344, 1_413_120],
      ['alexnet-torchvision', 61_100_840, 135_616],
    ]);
  });
  it('compile returns the module text without writing it', async () => {
    const out = path.join(tmp, 'gen', 'lenet5.ts');
    const r = await compile('models/lenet5.yaml', { outFile: out });
    expect(r.file).toBe(out);
    expect(r.text).toMatch(/^\/\/ generated from models\/lenet5.yaml/);
    expect(r.text).toMatch(/export const build = /);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});
