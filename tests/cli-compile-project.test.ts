// `netspec compile` in a user's project (in process, fast): specs, --out and the cache are the
// current folder's, whatever folder netspec runs from; the runtime import is an option; the
// mistakes a user makes are diagnostics (NS0501-NS0503), not stack traces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCommand } from '../src/cli/compile.ts';
import { CACHE_FILE, compilerHash } from '../src/compiler/write.ts';
import { tempFolder } from './test-utils.ts';

const root = path.resolve(__dirname, '..');
const SPEC = fs.readFileSync(path.join(root, 'models', 'lenet5.yaml'));
const project = tempFolder('netspec-project-');

async function compile(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await compileCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('compile in a project folder', () => {
  it('writes --out relative to the project, with cache keys relative to it, and skips what is unchanged', async () => {
    const dir = project.dir();
    project.write('my.yaml', SPEC);
    const first = await compile(dir, 'my.yaml', '--out', 'src/models');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain(`my.yaml -> ${path.join('src', 'models', 'my.ts')}`);
    const text = fs.readFileSync(path.join(dir, 'src', 'models', 'my.ts'), 'utf8');
    expect(text.startsWith('// generated from my.yaml by netspec; do not edit.')).toBe(true);
    const cache = JSON.parse(fs.readFileSync(path.join(dir, 'src', 'models', CACHE_FILE), 'utf8'));
    expect(Object.keys(cache.entries)).toEqual(['my.yaml']);
    expect(cache.entries['my.yaml'].output).toBe('src/models/my.ts');
    expect(fs.existsSync(path.join(root, 'src', 'models'))).toBe(false);
    expect((await compile(dir, 'my.yaml', '--out', 'src/models')).out).toBe('1 model up to date');
  });

  it('--runtime-import is what the module imports, and changing it recompiles', async () => {
    const dir = project.dir();
    const r = await compile(dir, 'my.yaml', '--out', 'src/models', '--runtime-import', '@me/netspec-runtime');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 compiled (1 changed)');
    expect(fs.readFileSync(path.join(dir, 'src', 'models', 'my.ts'), 'utf8')).toMatch(/from "@me\/netspec-runtime[/"]/);
    expect(compilerHash('@me/netspec-runtime')).not.toBe(compilerHash());
  });

  it('with no spec named, compiles the project\'s models/*.yaml into generated/', async () => {
    const dir = project.dir();
    fs.mkdirSync(path.join(dir, 'models'), { recursive: true });
    project.write('models/net.yaml', SPEC);
    const r = await compile(dir);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'generated', 'net.ts'))).toBe(true);
  });

  it.each([
    ['nothing named and no models/', [], 'NS0501', /no spec named and no models\/\*\.yaml under/],
    ['a runtime import with a quote', ['x.yaml', '--runtime-import', 'netspec/runtime"; evil("'], 'NS0502', /is not a module specifier/],
    ['a runtime import with a newline', ['x.yaml', '--runtime-import', 'a\nb'], 'NS0502', /is not a module specifier/],
    ['--out naming a file', ['x.yaml', '--out', 'file.txt'], 'NS0503', /--out file\.txt is a file, not a folder/],
  ])('%s: exit 1 with %s', async (_what, argv, code, message) => {
    const dir = fs.mkdtempSync(path.join(project.dir(), 'empty-'));
    fs.writeFileSync(path.join(dir, 'file.txt'), 'not a folder\n');
    const r = await compile(dir, ...argv);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error[${code}]`);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('help: ');
    expect(fs.readdirSync(dir)).toEqual(['file.txt']);
  });
});
