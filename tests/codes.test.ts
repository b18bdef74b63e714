// The code catalogue (src/model/codes.ts) and the source agree: every catalogued code is emitted
// somewhere in src/, and every NSxxxx in src/ is catalogued. The data layer's codes travel on
// DataError, set where the failure happens.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/model/codes.ts';
import { DataError } from '../src/runtime/data/errors.ts';
import { readIdxLabels } from '../src/runtime/data/idx.ts';
import { resolveDataset } from '../src/runtime/data/locate.ts';
import { tempFolder } from './test-utils.ts';

const SRC = path.join(import.meta.dirname, '..', 'src');
const CATALOGUE = path.join(SRC, 'model', 'codes.ts');

/** Each NSxxxx in src/ (the catalogue itself excepted), with the files it appears in. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const rel of fs.readdirSync(SRC, { recursive: true }) as string[]) {
    const file = path.join(SRC, rel);
    if (file === CATALOGUE || !/\.(ts|json)$/.test(file) || !fs.statSync(file).isFile()) continue;
    for (const [code] of fs.readFileSync(file, 'utf8').matchAll(/\bNS\d{4}\b/g)) {
      found.set(code, [...(found.get(code) ?? []), path.relative(SRC, file)]);
    }
  }
  return found;
}

describe('the code catalogue', () => {
  const used = codesInSource();

  it('finds codes in the source at all (the scan itself works)', () => {
    expect(used.get('NS0101')).toBeDefined();
    expect(used.size).toBeGreaterThan(30);
  });

  it('every catalogued code is emitted somewhere in src/', () => {
    expect(Object.keys(CODES).filter((c) => !used.has(c))).toEqual([]);
  });

  it('every code used in src/ is catalogued', () => {
    const unknown = [...used].filter(([c]) => !(c in CODES)).map(([c, files]) => `${c} in ${[...new Set(files)].join(', ')}`);
    expect(unknown).toEqual([]);
  });
});

describe('data errors carry their code', () => {
  const tmp = tempFolder('netspec-codes-');
  const nowhere = { cwd: '/w', home: '/h', exists: () => false };
  const thrown = (f: () => unknown): DataError => {
    try {
      f();
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error('expected a DataError');
  };

  it.each([
    ['no dataset in any search path', () => resolveDataset({ kind: 'mnist' }, undefined, nowhere)],
    ['--data names a missing folder', () => resolveDataset({ kind: 'mnist' }, '/d', nowhere)],
    ['the folder lacks the files', () => resolveDataset({ kind: 'cifar10' }, '/d', { ...nowhere, exists: (p) => p === '/d' })],
  ])('NS0402: %s', (_, f) => {
    expect(thrown(f).code).toBe('NS0402');
  });

  it('NS0401: a damaged file', async () => {
    const file = tmp.write('labels-idx1-ubyte', Buffer.from([0, 0, 8, 9, 0, 0, 0, 0]));
    const e = await readIdxLabels(file, 10).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe('NS0401');
  });
});
