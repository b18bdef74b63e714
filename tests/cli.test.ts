// The commands as a user runs them: output, --json shape, --help, exit codes, no stack traces.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

const root = path.resolve(__dirname, '..');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('summary', () => {
  it('prints the table with totals and the memory estimate', async () => {
    const r = await run('summary', 'models/alexnet-seed.yaml', '--batch', '64');
    expect(r.code).toBe(0);
    expect(r.out).toContain('conv1 (Conv2D)');
    expect(r.out).toContain('[64, 54, 54, 96]');
    expect(r.out).toContain('Total params: 62,378,344');
    expect(r.out).toContain('Input size (MB): 36.75');
    expect(r.out).toContain('Params size (MB): 237.95');
  });
  it('--json has the documented fields', async () => {
    const r = await run('summary', 'models/alexnet.yaml', '--json');
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['model', 'input', 'layers', 'totalParams', 'trainableParams', 'multAdds', 'memory']));
    expect(Object.keys(s.layers[0])).toEqual(['name', 'type', 'inputShape', 'outputShape', 'params', 'multAdds']);
    expect(s.layers[0]).toMatchObject({ name: 'conv1', type: 'Conv2D', inputShape: [227, 227, 3], outputShape: [55, 55, 96], params: 34944 });
    expect(Object.keys(s.memory)).toEqual(['batch', 'inputMB', 'forwardBackwardMB', 'paramsMB', 'totalMB']);
    expect(s.totalParams).toBe(60_965_224);
  });
  it.each([
    [['summary'], /exactly one model file/],
    [['summary', 'models/alexnet.yaml', '--batch', '0'], /--batch must be an integer >= 1/],
    [['summary', 'models/alexnet.yaml', '--bogus'], /Unknown option '--bogus'/],
    [['nope'], /unknown command `nope`/],
  ])('usage error %j exits 1 with a message', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });
});

describe('diff', () => {
  it('matches layers by name and marks what differs from the baseline', async () => {
    const r = await run('diff', 'models/alexnet.yaml', 'models/alexnet-single-tower.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/~ conv2 .* 614,656 \(\+307,200\) \*/);
    expect(r.out).toMatch(/^Params +60,965,224 +62,378,344 \(\+1,413,120\) \*$/m);
    expect(r.out).toMatch(/^ {2}fc6 +Dense +\[4096\] 37,752,832 +\[4096\] 37,752,832$/m);
    expect(r.out).toContain('3 of 16 layers differ from the baseline alexnet');
  });
  it('shows added and removed layers; --json', async () => {
    const r = await run('diff', 'models/alexnet.yaml', 'models/alexnet-torchvision.yaml', '--json');
    const d = JSON.parse(r.out);
    const cells = Object.fromEntries(d.rows.map((x: { name: string; cells: unknown[] }) => [x.name, x.cells.map((c) => c === null ? 'absent' : (c as { changed: boolean }).changed ? 'changed' : 'same')]));
    expect(cells).toMatchObject({ norm1: ['same', 'absent'], norm2: ['same', 'absent'], avgpool: ['absent', 'changed'], conv1: ['same', 'changed'], flatten: ['same', 'same'] });
    expect(d.variants[1].paramsDelta).toBe(61_100_840 - 60_965_224);
  });
});

describe('diff of several variants', () => {
  const three = ['models/alexnet.yaml', 'models/alexnet-single-tower.yaml', 'models/alexnet-torchvision.yaml'];
  it('one table: totals per variant, then a column per variant', async () => {
    const r = await run('diff', ...three, '--batch', '2');
    expect(r.code).toBe(0);
    const header = r.out.split('\n')[2];
    expect(header).toMatch(/^Layer +Type +alexnet +alexnet-single-tower +alexnet-torchvision$/);
    expect(r.out).toMatch(/^Mult-adds +724,406,816 +1,135,256,096 \(\+410,849,280\) \* +714,188,480 \(-10,218,336\) \*$/m);
    expect(r.out).toMatch(/^Memory MB \(batch 2\) /m);
    // A layer only the third has, and one it lacks.
    expect(r.out).toMatch(/^\+ avgpool +AdaptiveAvgPool2D +— +— +\[6, 6, 256\] 0 \*$/m);
    expect(r.out).toMatch(/^- norm1 +LocalResponseNorm +\[55, 55, 96\] 0 +\[55, 55, 96\] 0 +—$/m);
  });
  it.each([
    ['--markdown', (out: string) => {
      expect(out.split('\n')[0]).toBe('| Layer | Type | alexnet | alexnet-single-tower | alexnet-torchvision |');
      expect(out).toContain('| conv2 | Conv2D | [27, 27, 256] 307,456 | **[27, 27, 256] 614,656 (+307,200)** | **[27, 27, 192] 307,392 (-64)** |');
      expect(out).toContain('| avgpool | AdaptiveAvgPool2D | — | — | **[6, 6, 256] 0** |');
    }],
    ['--json', (out: string) => {
      const d = JSON.parse(out);
      expect(d.baseline).toBe('alexnet');
      expect(d.variants.map((v: { params: number }) => v.params)).toEqual([60_965_224, 62_378_344, 61_100_840]);
      expect(d.rows.map((r: { name: string }) => r.name).slice(0, 3)).toEqual(['conv1', 'norm1', 'pool1']);
      expect(d.rows.find((r: { name: string }) => r.name === 'avgpool').cells[0]).toBeNull();
    }],
  ])('%s', async (flag, check) => {
    const r = await run('diff', ...three, flag);
    expect(r.code).toBe(0);
    check(r.out);
  });
  it.each([
    [['diff', 'models/alexnet.yaml'], /two or more model files/],
    [['diff', 'models/alexnet.yaml', 'models/lenet5.yaml', '--json', '--markdown'], /one of --json and --markdown/],
  ])('usage error %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });
  it('every file with errors is reported before exiting 1', async () => {
    const r = await run('diff', 'models/nope.yaml', 'models/alexnet.yaml', 'models/nope2.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope.yaml');
    expect(r.err).toContain('nope2.yaml');
  });
});

describe('summary formats', () => {
  it.each([
    ['--markdown', [
      '| Layer | Type | Input shape | Output shape | Params | Mult-adds |',
      '| c1 | Conv2D | [32, 32, 1] | [28, 28, 6] | 156 | 117,600 |',
      '- Total params: 61,706 (trainable 61,706, non-trainable 0)',
    ]],
    ['--csv', [
      'name,type,input_shape,output_shape,params,mult_adds,block',
      'c1,Conv2D,32x32x1,28x28x6,156,117600,',
      'output,Dense,84,10,850,840,',
    ]],
  ])('lenet5 %s', async (flag, lines) => {
    const r = await run('summary', 'models/lenet5.yaml', flag);
    expect(r.code).toBe(0);
    for (const l of lines) expect(r.out.split('\n')).toContain(l);
  });
  it('--csv: one row per layer, a block instance named', async () => {
    const r = await run('summary', 'models/resnet18.yaml', '--csv');
    const rows = r.out.split('\n');
    expect(rows).toHaveLength(1 + JSON.parse((await run('summary', 'models/resnet18.yaml', '--json')).out).layers.length);
    expect(rows).toContain('layer1.0.conv1,Conv2D,56x56x64,56x56x64,36864,115605504,layer1.0');
  });
  it('two formats at once are refused', async () => {
    const r = await run('summary', 'models/lenet5.yaml', '--csv', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/one output format/);
  });
});

describe('help', () => {
  it.each(['compile', 'summary', 'diff', 'train', 'eval', 'init'])('%s --help exits 0', async (cmd) => {
    const r = await run(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: /);
  });
});

describe('as a process', () => {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  it.each([
    ['a missing file', 'models/nope.yaml'],
    ['a directory', 'models'],
  ])('%s: exit 1, a diagnostic, no stack trace', (_what, file) => {
    const p = spawnSync(tsx, ['src/cli/main.ts', 'summary', file], { cwd: root, encoding: 'utf8' });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/error\[NS01\d\d\]/);
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
  it('a failing compile leaves the output folder exactly as it was', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-out-'));
    fs.writeFileSync(path.join(out, 'semantic-groups-do-not-divide.ts'), 'previous contents\n');
    const p = spawnSync(tsx, ['src/cli/main.ts', 'compile', 'tests/fixtures/invalid/semantic-groups-do-not-divide.yaml', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(p.status).toBe(1);
    expect(fs.readdirSync(out)).toEqual(['semantic-groups-do-not-divide.ts']);
    expect(fs.readFileSync(path.join(out, 'semantic-groups-do-not-divide.ts'), 'utf8')).toBe('previous contents\n');
    fs.rmSync(out, { recursive: true, force: true });
  });
  it('compile writes into --out and skips what is unchanged', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-out-'));
    const first = spawnSync(tsx, ['src/cli/main.ts', 'compile', 'models/alexnet.yaml', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(first.status).toBe(0);
    // The same module wherever it goes: the runtime is imported by its package name.
    const written = fs.readFileSync(path.join(out, 'alexnet.ts'), 'utf8');
    expect(written).toBe(fs.readFileSync(path.join(root, 'generated', 'alexnet.ts'), 'utf8'));
    expect(written).toContain('} from "netspec/runtime";');
    const second = spawnSync(tsx, ['src/cli/main.ts', 'compile', 'models/alexnet.yaml', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(second.stdout).toContain('1 model up to date');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
