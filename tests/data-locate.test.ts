import { describe, expect, it } from 'vitest';
import { resolveDataset, type LocateEnv } from '../src/runtime/data/locate.ts';
import { DataError } from '../src/runtime/data/errors.ts';
import type { DatasetSpec } from '../src/model/spec.ts';

const IDX = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const CIFAR10 = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];

/** A file system holding exactly `files` (and their parent folders). */
function env(files: string[]): LocateEnv {
  const all = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 2; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return { cwd: '/proj', home: '/home/u', exists: (p) => all.has(p) };
}
const under = (dir: string, names: string[]) => names.map((n) => `${dir}/${n}`);

function error(spec: DatasetSpec, path: string | undefined, e: LocateEnv): DataError {
  try {
    resolveDataset(spec, path, e);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected a DataError');
}

describe('resolveDataset', () => {
  it.each<[string, DatasetSpec, string | undefined, string[], string]>([
    ['Debian fashion-mnist', { kind: 'fashion-mnist' }, undefined, under('/usr/share/datasets/fashion-mnist', IDX.map((n) => n + '.gz')), '/usr/share/datasets/fashion-mnist'],
    ['user folder, unzipped', { kind: 'mnist' }, undefined, under('/home/u/.netspec/datasets/mnist', IDX), '/home/u/.netspec/datasets/mnist'],
    ['./data, dotted names', { kind: 'mnist' }, undefined, under('/proj/data/mnist', IDX.map((n) => n.replace('-idx', '.idx'))), '/proj/data/mnist'],
    ['first complete place wins', { kind: 'fashion-mnist' }, undefined, [...under('/usr/share/datasets/fashion-mnist', IDX.slice(0, 3)), ...under('/proj/data/fashion-mnist', IDX)], '/proj/data/fashion-mnist'],
    ['cifar10 in ./data', { kind: 'cifar10' }, undefined, under('/proj/data/cifar-10-batches-bin', CIFAR10), '/proj/data/cifar-10-batches-bin'],
    ['cifar100 in home', { kind: 'cifar100' }, undefined, under('/home/u/.netspec/datasets/cifar-100-binary', ['train.bin', 'test.bin']), '/home/u/.netspec/datasets/cifar-100-binary'],
    ['--data relative', { kind: 'cifar10' }, 'x/c', under('/proj/x/c', CIFAR10), '/proj/x/c'],
    ['--data at the extraction folder', { kind: 'cifar10' }, '/dl', under('/dl/cifar-10-batches-bin', CIFAR10), '/dl/cifar-10-batches-bin'],
    ['--data wins over spec.path', { kind: 'imagefolder', path: '/a' }, '/b', ['/a/train/x/1.jpg', '/b/train/x/1.jpg'], '/b'],
    ['spec.path', { kind: 'imagefolder', path: '/a' }, undefined, ['/a/train/x/1.jpg'], '/a'],
  ])('%s', (name, spec, path, files, root) => {
    expect(resolveDataset(spec, path, env(files))).toEqual({ kind: spec.kind, root });
  });

  it.each<[DatasetSpec['kind'], string[], RegExp]>([
    ['fashion-mnist', ['/usr/share/datasets/fashion-mnist', '/home/u/.netspec/datasets/fashion-mnist', '/proj/data/fashion-mnist'], /apt-get install dataset-fashion-mnist/],
    ['mnist', ['/usr/share/datasets/mnist', '/home/u/.netspec/datasets/mnist', '/proj/data/mnist'], /--data/],
    ['cifar10', ['/proj/data/cifar-10-batches-bin', '/proj/data/cifar10', '/home/u/.netspec/datasets/cifar-10-batches-bin', '/home/u/.netspec/datasets/cifar10'], /cifar-10-binary\.tar\.gz.*-C \/home\/u\/\.netspec\/datasets/],
    ['cifar100', ['/proj/data/cifar-100-binary', '/proj/data/cifar100', '/home/u/.netspec/datasets/cifar-100-binary', '/home/u/.netspec/datasets/cifar100'], /cifar-100-binary\.tar\.gz/],
    ['imagefolder', ['/proj/data/imagenet', '/home/u/.netspec/datasets/imagenet'], /point --data .* root\/train\/<class>/],
  ])('%s missing: says where it looked and how to get it', (kind, places, help) => {
    const e = error({ kind }, undefined, env([]));
    expect(e.message).toBe(`${kind} not found; looked in ${places.join(', ')}`);
    expect(e.file).toBe(places[0]);
    expect(e.help).toMatch(help);
  });

  it('a given folder without the files names it and what is missing', () => {
    const e = error({ kind: 'fashion-mnist' }, '/d', env(under('/d', IDX.slice(0, 2))));
    expect(e.file).toBe('/d');
    expect(e.message).toBe('no fashion-mnist data here: missing t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]');
    expect(e.note).toBe('given by --data');
  });

  it('a given folder that does not exist', () => {
    const e = error({ kind: 'cifar10', path: 'nowhere' }, undefined, env([]));
    expect([e.file, e.message, e.note]).toEqual(['/proj/nowhere', 'cifar10 folder does not exist', 'given by train.dataset.path']);
  });
});
