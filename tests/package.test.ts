// The package as a user gets it: `npm pack`, then a new project that installs the tarball (the
// npm registry is the only network it uses) and runs the README's "Use it in your project" steps:
// compile a spec whose layer names clash with what generated code and JavaScript use, type-check
// a file that imports and builds it (tsc --strict, module nodenext) and run it, `netspec summary
// --json`, and a 5-step `netspec train` on Fashion-MNIST that writes nothing into the user's src/.
//
// Slow (3-4 minutes on two busy cores: the build 55-75 s, npm installing TF.js and the rest from
// npm's cache 30-50 s, tsc 45 s), so it runs under CI=true, where it must, or with
// NETSPEC_PACKAGE_TEST=1; elsewhere it is skipped by name. Each step's time is printed at the end.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCI } from './ci-env.ts';

const root = path.resolve(__dirname, '..');
const enabled = inCI || process.env.NETSPEC_PACKAGE_TEST === '1';
const MINUTES = 60_000;

// A spec whose layer names are identifiers the generated module and its imports also use.
const SPEC = `# yaml-language-server: $schema=node_modules/netspec/schema/model.schema.json
name: clash
input: { shape: [28, 28, 1] }
classes: 10
init: he
layers:
  - { type: conv2d, name: seedFor, filters: 4, kernel: 3, activation: relu }
  - { type: lrn, name: tf_, size: 3, alpha: 0.0001, beta: 0.75, k: 2 }
  - { type: maxpool, name: weightInitializer, size: 2 }
  - { type: flatten, name: build }
  - { type: dense, name: model, units: 10, activation: softmax }
train:
  dataset: { kind: fashion-mnist }
  batchSize: 16
  epochs: 1
  optimizer: { type: adam, lr: 0.001 }
`;

// The user's code: the builder and the typed constants, through the module tsc compiles, and
// the package's API (the exports map's '.').
const MAIN = `import { loadModel } from 'netspec';
import { build, layerNames, summary, type LayerName } from './models/clash.js';

const model = build({ seed: 1 });
const first: LayerName = layerNames[0];
const loaded = loadModel('clash.yaml');
console.log(JSON.stringify({ params: model.countParams(), expected: summary.totalParams, first, layers: model.layers.map((l) => l.name), api: loaded.ir?.name }));
`;

const TSCONFIG = {
  compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', rootDir: 'src', outDir: 'out', skipLibCheck: false },
  include: ['src'],
};

/** npm's own variables (set when vitest runs under `npm test`) must not leak into the user's npm. */
const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

const timings: string[] = [];

function run(cmd: string, args: string[], cwd: string, label: string): SpawnSyncReturns<string> {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  timings.push(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (r.error) throw r.error;
  return r;
}

/** `label` succeeded, or the test fails with its output. */
function ok(r: SpawnSyncReturns<string>, label: string): string {
  if (r.status !== 0) throw new Error(`${label} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Every file under `dir` with its content hash. */
function snapshot(dir: string): Record<string, string> {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  return Object.fromEntries(files.map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));
}

describe.skipIf(!enabled)('the packed tarball in a new project (CI=true or NETSPEC_PACKAGE_TEST=1)', () => {
  let tmp = '';
  let project = '';
  let tarballFiles: string[] = [];
  let installLog = '';
  const netspec = (...args: string[]) => run('npx', ['--no', '--', 'netspec', ...args], project, `netspec ${args[0]}`);

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-package-'));
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    // prepack builds dist/ with tsc and puts the native addon into prebuilds/.
    const packOut = ok(run('npm', ['pack', '--json', '--pack-destination', tmp], root, 'npm pack (build included)'), 'npm pack');
    // The lifecycle scripts' lines come first on stdout; npm's JSON is the rest.
    const packed = JSON.parse(packOut.slice(packOut.search(/^\[/m)));
    tarballFiles = packed[0].files.map((f: { path: string }) => f.path);
    ok(run('npm', ['init', '-y'], project, 'npm init'), 'npm init');
    const tarball = path.join(tmp, packed[0].filename);
    const install = run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project, 'npm install <tarball>');
    ok(install, 'npm install');
    installLog = install.stdout + install.stderr;
  }, 15 * MINUTES);

  afterAll(() => {
    console.log(`package test timings:\n  ${timings.join('\n  ')}`);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, 5 * MINUTES);

  it('the tarball holds the compiled program, not the TypeScript sources', () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(['dist/cli/main.js', 'dist/runtime/index.js', 'dist/runtime/index.d.ts', 'schema/model.schema.json', 'README.md']));
    expect(tarballFiles.filter((f) => f.startsWith('src/') || f.startsWith('tests/'))).toEqual([]);
    const installed = path.join(project, 'node_modules', 'netspec');
    expect(fs.readFileSync(path.join(installed, 'dist', 'cli', 'main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // Nothing in the program loads tsx.
    const js = (fs.readdirSync(path.join(installed, 'dist'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => /from ['"]tsx|import\(['"]tsx|--import['"], ['"]tsx/.test(fs.readFileSync(path.join(installed, 'dist', f), 'utf8')))).toEqual([]);
    // Installing netspec runs no script of its own (npm 11 would name it in an install-scripts warning).
    expect(installLog).not.toMatch(/install-scripts\s+netspec@/);
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).scripts ?? {});
    expect(scripts.filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  }, 5 * MINUTES);

  it('compiles a spec whose layer names clash with generated code, into the project\'s src/models', () => {
    fs.writeFileSync(path.join(project, 'clash.yaml'), SPEC);
    const first = ok(netspec('compile', 'clash.yaml', '--out', 'src/models'), 'compile');
    expect(first).toContain(`clash.yaml -> ${path.join('src', 'models', 'clash.ts')}`);
    const text = fs.readFileSync(path.join(project, 'src', 'models', 'clash.ts'), 'utf8');
    expect(text).toContain('from "netspec/runtime"');
    expect(text).not.toMatch(/from "\.\.?\//);
    // The cache works without netspec's sources (it hashes the installed compiler).
    expect(ok(netspec('compile', 'clash.yaml', '--out', 'src/models'), 'compile again')).toContain('1 model up to date');
  }, 5 * MINUTES);

  it('tsc --strict (module nodenext) accepts a file that imports and builds it, and it runs', () => {
    fs.writeFileSync(path.join(project, 'src', 'main.ts'), MAIN);
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ ...pkg, type: 'module' }, null, 2));
    const tsc = run('npx', ['--no', '--', 'tsc', '-p', '.'], project, 'tsc --strict');
    expect(tsc.stderr).toBe('');
    // skipLibCheck is off so that netspec's own .d.ts are checked too; TF.js 4.22's declarations
    // fail a strict lib check of their own (every TF.js project sets skipLibCheck, as tsc --init
    // does), so errors are allowed there and nowhere else.
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors.filter((l) => !l.startsWith('node_modules/@tensorflow/'))).toEqual([]);
    const out = JSON.parse(ok(run('node', ['out/main.js'], project, 'node out/main.js'), 'node out/main.js').trim().split('\n').pop()!);
    expect(out).toEqual({ params: out.expected, expected: 6810, first: 'seedFor', layers: ['input', 'seedFor', 'tf_', 'weightInitializer', 'build', 'model'], api: 'clash' });
  }, 5 * MINUTES);

  it('netspec summary --json', () => {
    const s = JSON.parse(ok(netspec('summary', 'clash.yaml', '--json'), 'summary'));
    expect(s.totalParams).toBe(6810);
    expect(s.layers.map((l: { name: string }) => l.name)).toEqual(['seedFor', 'tf_', 'weightInitializer', 'build', 'model']);
  }, 5 * MINUTES);

  it('a 5-step netspec train on Fashion-MNIST writes its run folder and nothing into src/', () => {
    const before = snapshot(path.join(project, 'src'));
    const r = netspec('train', 'clash.yaml', '--epochs', '1', '--steps-per-epoch', '5', '--val-steps', '2', '--progress', 'lines', '--out', 'runs/first');
    const out = ok(r, 'train');
    expect(out).toMatch(/epoch 1\/1: train loss \d/);
    expect(fs.existsSync(path.join(project, 'runs', 'first', 'model', 'model.json'))).toBe(true);
    expect(snapshot(path.join(project, 'src'))).toEqual(before);
    // The tarball's prebuilt addon is what trained, where the tarball has one.
    if (tarballFiles.includes('prebuilds/linux-x64/netspec_native.node')) expect(r.stdout + r.stderr).toMatch(/backend: netspec-cpu/);
  }, 5 * MINUTES);
});
