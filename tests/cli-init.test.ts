// `netspec init [name]`: a starter spec that is valid, names netspec's schema in its modeline
// (a path that exists, relative to the spec), and never overwrites a file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { analyzeModel } from '../src/compiler/analyze.ts';

const root = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netspec-init-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['init', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('netspec init', () => {
  it.each([
    [[], 'model.yaml', 'model'],
    [['mynet'], 'mynet.yaml', 'mynet'],
    [['sub/other_net.yaml'], 'sub/other_net.yaml', 'other_net'],
  ])('%j writes %s, a valid spec named %s with the schema modeline', async (argv, file, name) => {
    fs.mkdirSync(path.join(tmp, 'sub'), { recursive: true });
    const r = await run(tmp, ...argv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const written = path.join(tmp, file);
    const text = fs.readFileSync(written, 'utf8');
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(modeline).not.toBeNull();
    expect(path.resolve(path.dirname(written), modeline![1])).toBe(path.join(root, 'schema', 'model.schema.json'));
    const a = analyzeModel(written);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir!.name).toBe(name);
    expect(a.ir!.classes).toBe(10);
    expect(a.ir!.train.dataset).toEqual({ kind: 'fashion-mnist' });
    // No temporary file of the atomic write is left behind.
    expect(fs.readdirSync(path.dirname(written)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses to overwrite, and leaves the file as it was', async () => {
    const file = path.join(tmp, 'mine.yaml');
    fs.writeFileSync(file, 'my own work\n');
    const r = await run(tmp, 'mine');
    expect(r.code).toBe(1);
    expect(r.err).toContain('mine.yaml already exists; netspec init never overwrites a file');
    expect(fs.readFileSync(file, 'utf8')).toBe('my own work\n');
  });

  it.each([
    [['9lives'], /`9lives` cannot name a model/],
    [['__proto__'], /`__proto__` cannot name a model/],
    [['a', 'b'], /at most one name/],
  ])('%j is refused', async (argv, message) => {
    const r = await run(tmp, ...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('a folder that does not exist is named', async () => {
    const r = await run(tmp, 'missing/net');
    expect(r.code).toBe(1);
    expect(r.err).toContain('the folder missing does not exist');
  });
});
