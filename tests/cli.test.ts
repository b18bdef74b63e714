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
  it('matches layers by name and shows the deltas', async () => {
    const r = await run('diff', 'models/alexnet.yaml', 'models/alexnet-single-tower.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/~ conv2 .* \+307,200/);
    expect(r.out).toContain('Total params: 60,965,224 -> 62,378,344 (+1,413,120)');
    expect(r.out).toContain('3 of 16 layers differ');
  });
  it('shows added and removed layers; --json', async () => {
    const r = await run('diff', 'models/alexnet.yaml', 'models/alexnet-torchvision.yaml', '--json');
    const d = JSON.parse(r.out);
    const status = Object.fromEntries(d.rows.map((x: { name: string; status: string }) => [x.name, x.status]));
    expect(status).toMatchObject({ norm1: 'removed', norm2: 'removed', avgpool: 'added', conv1: 'changed', flatten: 'same' });
    expect(d.totals.paramsDelta).toBe(61_100_840 - 60_965_224);
  });
});

describe('help', () => {
  it.each(['compile', 'summary', 'diff', 'train', 'eval'])('%s --help exits 0', async (cmd) => {
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
    // Same module, with the runtime imported from where it really is.
    const body = (t: string) => t.replace(/^import [^;]*;\n/gm, '');
    const written = fs.readFileSync(path.join(out, 'alexnet.ts'), 'utf8');
    expect(body(written)).toBe(body(fs.readFileSync(path.join(root, 'generated', 'alexnet.ts'), 'utf8')));
    expect(written).toContain(`from "${path.relative(out, path.join(root, 'src', 'runtime'))}/layers/index.ts"`);
    const second = spawnSync(tsx, ['src/cli/main.ts', 'compile', 'models/alexnet.yaml', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(second.stdout).toContain('1 model up to date');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
