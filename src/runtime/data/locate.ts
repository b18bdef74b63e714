// Where a dataset lives: --data (or train.dataset.path) when given, else the usual places. When
// nothing is found, the error lists every place looked at and how to get the data.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatasetSpec } from '../../model/spec.ts';
import { cifarFiles } from './cifar.ts';
import { DataError } from './errors.ts';

export type DatasetKind = DatasetSpec['kind'];

export interface ResolvedDataset {
  kind: DatasetKind;
  root: string;
}

/** The file system as locate sees it; tests pass their own. */
export interface LocateEnv {
  cwd: string;
  home: string;
  exists(path: string): boolean;
}

export const defaultEnv = (): LocateEnv => ({ cwd: process.cwd(), home: homedir(), exists: existsSync });

// ---- the files each kind needs ------------------------------------------------------------

export interface IdxFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

const IDX_BASES: Record<keyof IdxFiles, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Spellings seen in the wild: gzipped or not, and the `train-images.idx3-ubyte` variant. */
const idxSpellings = (base: string): string[] => {
  const dotted = base.replace(/-(idx\d)/, '.$1');
  return [`${base}.gz`, base, `${dotted}.gz`, dotted];
};

/** The four IDX files under `root`, or the names of those missing. */
export function findIdxFiles(root: string, exists: (p: string) => boolean = existsSync): { files?: IdxFiles; missing: string[] } {
  const files: Partial<IdxFiles> = {};
  const missing: string[] = [];
  for (const [key, base] of Object.entries(IDX_BASES) as [keyof IdxFiles, string][]) {
    const hit = idxSpellings(base).map((n) => join(root, n)).find(exists);
    if (hit) files[key] = hit;
    else missing.push(`${base}[.gz]`);
  }
  return missing.length ? { missing } : { files: files as IdxFiles, missing };
}

/** Names of the files `kind` needs that `dir` lacks; [] when dir holds the dataset. */
export function missingFiles(kind: DatasetKind, dir: string, exists: (p: string) => boolean): string[] {
  switch (kind) {
    case 'mnist':
    case 'fashion-mnist':
      return findIdxFiles(dir, exists).missing;
    case 'cifar10':
    case 'cifar100': {
      const f = cifarFiles(kind);
      return [...f.train, ...f.test].filter((n) => !exists(join(dir, n)));
    }
    case 'imagefolder':
      return exists(join(dir, 'train')) ? [] : ['train/'];
  }
}

// ---- where to look, and how to get it ----------------------------------------------------

/** Folder names a download extracts to, tried under a given path too. */
const EXTRACTED: Partial<Record<DatasetKind, string>> = {
  cifar10: 'cifar-10-batches-bin',
  cifar100: 'cifar-100-binary',
};

export function searchPaths(kind: DatasetKind, env: Pick<LocateEnv, 'cwd' | 'home'>): string[] {
  const local = join(env.cwd, 'data');
  const user = join(env.home, '.netspec', 'datasets');
  switch (kind) {
    case 'mnist':
    case 'fashion-mnist':
      return [`/usr/share/datasets/${kind}`, join(user, kind), join(local, kind)];
    case 'cifar10':
    case 'cifar100':
      return [join(local, EXTRACTED[kind]!), join(local, kind), join(user, EXTRACTED[kind]!), join(user, kind)];
    case 'imagefolder':
      return [join(local, 'imagenet'), join(user, 'imagenet')];
  }
}

export function howToGet(kind: DatasetKind, home: string): string {
  const user = join(home, '.netspec', 'datasets');
  switch (kind) {
    case 'fashion-mnist':
      return `on Debian/Ubuntu: \`apt-get install dataset-fashion-mnist\` (installs /usr/share/datasets/fashion-mnist); or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from the Fashion-MNIST repository (zalandoresearch/fashion-mnist, data/fashion) in ${join(user, kind)}; or point --data at the folder holding them`;
    case 'mnist':
      return `put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (the MNIST database files) in ${join(user, kind)}, or point --data at the folder holding them`;
    case 'cifar10':
      return `download cifar-10-binary.tar.gz (the "CIFAR-10 binary version" from the CIFAR page at cs.toronto.edu/~kriz/cifar.html) and extract it: \`tar xzf cifar-10-binary.tar.gz -C ${user}\` (creates ${join(user, 'cifar-10-batches-bin')}); or point --data at the folder holding data_batch_1.bin … test_batch.bin`;
    case 'cifar100':
      return `download cifar-100-binary.tar.gz (the "CIFAR-100 binary version" from cs.toronto.edu/~kriz/cifar.html) and extract it: \`tar xzf cifar-100-binary.tar.gz -C ${user}\` (creates ${join(user, 'cifar-100-binary')}); or point --data at the folder holding train.bin and test.bin`;
    case 'imagefolder':
      return 'point --data (or train.dataset.path) at an ImageFolder tree: root/train/<class>/*.jpg|png and root/val/<class>/*.jpg|png';
  }
}

/**
 * Finds the dataset's root. `overridePath` (--data) wins over `spec.path`; either may name the
 * folder holding the files or the one a download extracted into. Relative paths are taken from env.cwd.
 */
export function resolveDataset(spec: DatasetSpec, overridePath?: string, env: LocateEnv = defaultEnv()): ResolvedDataset {
  const { kind } = spec;
  const given = overridePath ?? spec.path;
  if (given !== undefined) {
    const dir = resolve(env.cwd, given);
    if (!env.exists(dir)) {
      throw new DataError(dir, `${kind} folder does not exist`, {
        code: 'NS0402',
        note: overridePath !== undefined ? 'given by --data' : 'given by train.dataset.path',
        help: howToGet(kind, env.home),
      });
    }
    const sub = EXTRACTED[kind];
    const tries = sub ? [dir, join(dir, sub)] : [dir];
    const found = tries.find((d) => missingFiles(kind, d, env.exists).length === 0);
    if (found) return { kind, root: found };
    throw new DataError(dir, `no ${kind} data here: missing ${missingFiles(kind, dir, env.exists).join(', ')}`, {
      code: 'NS0402',
      note: overridePath !== undefined ? 'given by --data' : 'given by train.dataset.path',
      help: howToGet(kind, env.home),
    });
  }
  const places = searchPaths(kind, env);
  const found = places.find((d) => env.exists(d) && missingFiles(kind, d, env.exists).length === 0);
  if (found) return { kind, root: found };
  throw new DataError(places[0], `${kind} not found; looked in ${places.join(', ')}`, {
    code: 'NS0402',
    help: howToGet(kind, env.home),
  });
}
