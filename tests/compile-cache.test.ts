// The compile cache through the command line (main(argv, io): the argv, exit code and output a
// user sees): unchanged models are skipped; editing a parent makes its variants stale, and only
// them; --check writes nothing and exits 1 on a stale or hand-edited output; --force rebuilds
// even what the cache believes fresh. A temporary project with its own models and output folder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-compile-cache-');
const parent = (filters: number) => `name: parent
input: { shape: [8, 8, 3] }
classes: 4
layers:
  - { type: conv2d, name: conv1, filters: ${filters}, kernel: 3, activation: relu }
  - { type: conv2d, name: conv2, filters: 6, kernel: 3, activation: relu }
  - { type: globalavgpool, name: gap }
  - { type: dense, name: fc, units: 4 }
`;
const child = `extends: parent.yaml
name: child
override:
  conv2: { filters: 10 }
`;
const other = `name: other
input: { shape: [4, 4, 1] }
classes: 2
layers:
  - { type: flatten }
  - { type: dense, name: fc, units: 2 }
`;

async function compile(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  // From the project folder (io.cwd), as a shell in that folder would run it.
  const code = await main(['compile', 'models/parent.yaml', 'models/child.yaml', 'models/other.yaml', '--out', 'gen', '--runtime-import', '../runtime/index.ts', ...args], {
    out: (t) => out.push(t), err: (t) => err.push(t), cwd: tmp.dir(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const gen = (name: string) => join(tmp.dir(), 'gen', `${name}.ts`);
const read = (name: string) => readFileSync(gen(name), 'utf8');
const snapshot = () => Object.fromEntries(['parent', 'child', 'other'].map((n) => [n, { text: read(n), mtime: statSync(gen(n)).mtimeMs }]));

describe('netspec compile: the cache', () => {
  it('compiles all, then skips all; --check passes on fresh output', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(tmp.dir(), 'models'));
    writeFileSync(join(tmp.dir(), 'models/parent.yaml'), parent(5));
    writeFileSync(join(tmp.dir(), 'models/child.yaml'), child);
    writeFileSync(join(tmp.dir(), 'models/other.yaml'), other);

    const first = await compile();
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('3 compiled (3 changed), 0 up to date');
    for (const n of ['parent', 'child', 'other']) expect(existsSync(gen(n))).toBe(true);
    // The child inherits conv1's 5 filters and overrides conv2's to 10.
    expect(read('child')).toMatch(/filters: 5\b/);
    expect(read('child')).toMatch(/filters: 10\b/);

    const before = snapshot();
    const again = await compile();
    expect(again).toEqual({ code: 0, out: '3 models up to date', err: '' });
    expect(snapshot()).toEqual(before);
    expect(await compile('--check')).toMatchObject({ code: 0, err: '' });
  });

  it('a parent edit makes it and its variants stale, not the others; --check exits 1 and writes nothing', async () => {
    writeFileSync(join(tmp.dir(), 'models/parent.yaml'), parent(7));
    const before = snapshot();
    const check = await compile('--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('gen/parent.ts is stale');
    expect(check.err).toContain('gen/child.ts is stale');
    expect(check.err).not.toContain('other');
    expect(snapshot()).toEqual(before);

    const rebuilt = await compile();
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toContain('2 compiled (2 changed), 1 up to date');
    expect(read('child')).toMatch(/filters: 7\b/);
    expect(read('other')).toBe(before.other.text);
    expect(statSync(gen('other')).mtimeMs).toBe(before.other.mtime);
    expect(await compile('--check')).toMatchObject({ code: 0 });
  });

  it('a hand-edited output is stale: --check exits 1, compile restores it', async () => {
    const good = read('other');
    writeFileSync(gen('other'), `${good}// edited by hand\n`);
    const check = await compile('--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('gen/other.ts is stale');
    expect((await compile()).out).toContain('1 compiled (1 changed), 2 up to date');
    expect(read('other')).toBe(good);
  });

  it('--force rebuilds what the cache believes fresh', async () => {
    // An output the cache vouches for but that is wrong (as after a compiler change the cache
    // cannot see): edit it and record the edit's hash in the cache.
    const good = read('parent');
    const bad = good.replace(/filters: 7\b/, 'filters: 70');
    expect(bad).not.toBe(good);
    writeFileSync(gen('parent'), bad);
    const cacheFile = join(tmp.dir(), 'gen', '.netspec-cache.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const entry = cache.entries['models/parent.yaml'];
    expect(entry.outputHash).toBe(createHash('sha256').update(good).digest('hex').slice(0, 16));
    entry.outputHash = createHash('sha256').update(bad).digest('hex').slice(0, 16);
    writeFileSync(cacheFile, JSON.stringify(cache));

    expect(await compile()).toMatchObject({ code: 0, out: '3 models up to date' });
    expect(read('parent')).toBe(bad);
    const forced = await compile('--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('3 compiled (1 changed), 0 up to date');
    expect(read('parent')).toBe(good);
  });
});
