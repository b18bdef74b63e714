// A missing or corrupt dataset through the train command: exit 1, one coded diagnostic naming
// the file and what is wrong with it, a help line, no stack trace, and no run folder left behind.
// Small IDX files and ImageFolder trees are written here; one case goes through `npm run train`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../src/cli/train.ts';
import { tempFolder } from './test-utils.ts';

const tmp = tempFolder('netspec-dataset-errors-');
const FASHION = '{ kind: fashion-mnist }';
const FOLDER = '{ kind: imagefolder, resize: 2 }';
const root = path.resolve(import.meta.dirname, '..');

const spec = (dataset: string, input: string) => {
  const classes = dataset === FOLDER ? 2 : 10;
  return `name: tiny
input: { shape: ${input} }
classes: ${classes}
layers:
  - { type: flatten }
  - { type: dense, name: fc, units: ${classes}, activation: softmax }
train:
  dataset: ${dataset}
  batchSize: 4
  epochs: 1
  stepsPerEpoch: 1
`;
};

const idx = (magic: number, dims: number[], body: Uint8Array): Buffer => {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([h, body]);
};
const images = (n: number) => idx(0x803, [n, 28, 28], new Uint8Array(n * 784));
const labels = (n: number, values?: number[]) => idx(0x801, [n], values ? Uint8Array.from(values) : new Uint8Array(n));
const goodIdx = (): Record<string, Buffer> => ({
  'train-images-idx3-ubyte': images(8), 'train-labels-idx1-ubyte': labels(8), 't10k-images-idx3-ubyte': images(4), 't10k-labels-idx1-ubyte': labels(4),
});
/** A 2×2 RGB PNG, made by hand: signature, IHDR, one IDAT, IEND (CRCs computed). */
function png(): Buffer {
  const crc = (b: Buffer) => {
    let c = ~0;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 9, 9, 9]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function tree(name: string, files: Record<string, Buffer>): string {
  const dir = path.join(tmp.dir(), name);
  for (const [f, b] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), b);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

interface Case { name: string; dataset: string; input: string; data: () => string; code: string; file: string; says: string }
const cases: Case[] = [
  { name: 'no folder at --data', dataset: FASHION, input: '[28, 28, 1]', data: () => path.join(tmp.dir(), 'nowhere'), code: 'NS0402', file: 'nowhere', says: 'fashion-mnist folder does not exist' },
  {
    name: 'three of the four IDX files missing', dataset: FASHION, input: '[28, 28, 1]', data: () => tree('partial', { 'train-images-idx3-ubyte': images(8) }),
    code: 'NS0402', file: 'partial', says: 'missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]',
  },
  {
    name: 'a truncated gzip', dataset: FASHION, input: '[28, 28, 1]',
    data: () => {
      const { 'train-images-idx3-ubyte': img, ...rest } = goodIdx();
      return tree('truncated-gzip', { ...rest, 'train-images-idx3-ubyte.gz': gzipSync(img).subarray(0, 40) });
    },
    code: 'NS0401', file: 'truncated-gzip/train-images-idx3-ubyte.gz', says: 'gzip data is truncated or corrupt',
  },
  {
    name: 'a truncated image file', dataset: FASHION, input: '[28, 28, 1]', data: () => tree('truncated', { ...goodIdx(), 'train-images-idx3-ubyte': images(8).subarray(0, 1000) }),
    code: 'NS0401', file: 'truncated/train-images-idx3-ubyte', says: 'file is truncated',
  },
  {
    name: 'images where labels belong (wrong magic)', dataset: FASHION, input: '[28, 28, 1]', data: () => tree('magic', { ...goodIdx(), 't10k-labels-idx1-ubyte': images(4) }),
    code: 'NS0401', file: 'magic/t10k-labels-idx1-ubyte', says: 'wrong magic number 0x00000803',
  },
  {
    name: 'fewer labels than images', dataset: FASHION, input: '[28, 28, 1]', data: () => tree('count', { ...goodIdx(), 'train-labels-idx1-ubyte': labels(7) }),
    code: 'NS0401', file: 'count/train-labels-idx1-ubyte', says: '7 labels for 8 images',
  },
  {
    name: 'a label out of range', dataset: FASHION, input: '[28, 28, 1]', data: () => tree('label', { ...goodIdx(), 'train-labels-idx1-ubyte': labels(8, [0, 1, 2, 3, 4, 5, 6, 12]) }),
    code: 'NS0401', file: 'label/train-labels-idx1-ubyte', says: 'label 12 at index 7 is out of range for 10 classes',
  },
  { name: 'ImageFolder without train/', dataset: FOLDER, input: '[2, 2, 3]', data: () => tree('no-train', { 'val/a/x.png': png() }), code: 'NS0402', file: 'no-train', says: 'no imagefolder data here: missing train/' },
  { name: 'ImageFolder class folder without images', dataset: FOLDER, input: '[2, 2, 3]', data: () => tree('empty-class', { 'train/a/x.png': png(), 'train/b/notes.txt': Buffer.from('hi') }), code: 'NS0401', file: 'empty-class/train/b', says: 'holds no .jpg, .jpeg or .png images' },
  {
    name: 'ImageFolder corrupt image', dataset: FOLDER, input: '[2, 2, 3]',
    data: () => tree('corrupt', { 'train/a/x.png': png(), 'train/b/y.png': png().subarray(0, 30), 'val/a/z.png': png(), 'val/b/w.png': png() }),
    code: 'NS0401', file: 'corrupt/train/b/y.png', says: 'cannot decode image',
  },
];

describe('train with a missing or corrupt dataset', () => {
  beforeAll(() => {
    // The one well-formed tree: the cases' specs and data are otherwise sound (see the last test).
    tree('good', goodIdx());
  });

  it.each(cases)('$name: $code', async (c) => {
    const file = path.join(tmp.dir(), `${c.name.replace(/\W+/g, '-')}.yaml`);
    fs.writeFileSync(file, spec(c.dataset, c.input));
    const out = path.join(tmp.dir(), 'runs', c.name.replace(/\W+/g, '-'));
    const err: string[] = [];
    const code = await trainCommand([file, '--data', c.data(), '--backend', 'cpu', '--out', out], { out: () => {}, err: (t) => err.push(t), cwd: root });
    const text = err.join('\n');
    expect(code).toBe(1);
    const [first] = text.split('\n');
    expect(first).toMatch(new RegExp(`^error\\[${c.code}\\]: `));
    expect(first).toContain(`${path.join(tmp.dir(), c.file)}: `);
    expect(first).toContain(c.says);
    expect(text).toMatch(/\n {2}= help: /);
    expect(text.trimEnd()).toMatch(/\n1 error$/);
    expect(text).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each([
    ['IDX files', FASHION, '[28, 28, 1]', () => path.join(tmp.dir(), 'good')],
    ['ImageFolder tree', FOLDER, '[2, 2, 3]', () => tree('good-folder', { 'train/a/x.png': png(), 'train/b/y.png': png(), 'val/a/z.png': png(), 'val/b/w.png': png() })],
  ] as const)('the same spec trains on sound %s (so the cases above fail for their fault)', async (what, dataset, input, data) => {
    const file = path.join(tmp.dir(), `good-${dataset === FOLDER ? 'folder' : 'idx'}.yaml`);
    fs.writeFileSync(file, spec(dataset, input));
    const err: string[] = [];
    const code = await trainCommand([file, '--data', data(), '--backend', 'cpu', '--out', path.join(tmp.dir(), 'runs', `good-${what.length}`)], { out: () => {}, err: (t) => err.push(t), cwd: root });
    expect(err.join('\n')).not.toContain('error[');
    expect(code).toBe(0);
  });

  it('npm run train: exit 1 and the diagnostic on stderr, nothing else', () => {
    const file = path.join(tmp.dir(), 'npm.yaml');
    fs.writeFileSync(file, spec(FASHION, '[28, 28, 1]'));
    const r = spawnSync('npm', ['run', '-s', 'train', '--', file, '--data', path.join(tmp.dir(), 'nowhere'), '--backend', 'cpu', '--out', path.join(tmp.dir(), 'runs', 'npm')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error\[NS0402\]: .*nowhere: fashion-mnist folder does not exist/m);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  }, 120_000);
});
