// One entry point for every dataset kind: find it, read or list it, and hand back train and test
// splits of uint8 HWC images behind the same interface.

import { join } from 'node:path';
import type { DatasetSpec } from '../../model/spec.ts';
import { cifarClassNames, cifarFiles, readCifarBatches } from './cifar.ts';
import { DataError } from './errors.ts';
import { readIdxImages, readIdxLabels } from './idx.ts';
import { imageFolderSplit, listImageFolder, type OnBadImage } from './imagefolder.ts';
import { findIdxFiles, resolveDataset, type LocateEnv } from './locate.ts';
import { memorySplit, type Split } from './split.ts';

export type { Split } from './split.ts';

export interface Dataset {
  kind: DatasetSpec['kind'];
  /** The folder the data was read from. */
  root: string;
  classes: number;
  classNames: string[];
  train: Split;
  /** The test split; ImageFolder's val. Size 0 when an ImageFolder tree has no val folder. */
  test: Split;
  /** Things the user should know (e.g. no val folder). */
  notes: string[];
}

export interface OpenOptions {
  /** --data: overrides spec.path and the usual places. */
  path?: string;
  /** ImageFolder: leave corrupt images out ('skip', listed in split.skipped) or stop ('error', default). */
  onBadImage?: OnBadImage;
  /** For tests: the file system locate sees. */
  env?: LocateEnv;
}

const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));

async function idxSplit(imagesFile: string, labelsFile: string, classes: number): Promise<Split> {
  const [images, labels] = await Promise.all([readIdxImages(imagesFile), readIdxLabels(labelsFile, classes)]);
  if (images.count !== labels.length) {
    throw new DataError(labelsFile, `${labels.length} labels for ${images.count} images in ${imagesFile}`, {
      help: 'the image and label files come from different sets or one is damaged: download them again',
    });
  }
  return memorySplit(images.data, labels, [images.h, images.w, 1]);
}

export async function openDataset(spec: DatasetSpec, opts: OpenOptions = {}): Promise<Dataset> {
  const { kind, root } = resolveDataset(spec, opts.path, opts.env);
  switch (kind) {
    case 'mnist':
    case 'fashion-mnist': {
      const { files } = findIdxFiles(root, opts.env?.exists);
      if (!files) throw new DataError(root, `no ${kind} IDX files`); // resolveDataset checked them
      const [train, test] = await Promise.all([
        idxSplit(files.trainImages, files.trainLabels, 10),
        idxSplit(files.testImages, files.testLabels, 10),
      ]);
      const classNames = kind === 'mnist' ? DIGITS : FASHION_CLASSES;
      return { kind, root, classes: 10, classNames, train, test, notes: [] };
    }
    case 'cifar10':
    case 'cifar100': {
      const names = cifarFiles(kind);
      const [train, test, classNames] = await Promise.all([
        readCifarBatches(names.train.map((f) => join(root, f)), kind),
        readCifarBatches(names.test.map((f) => join(root, f)), kind),
        cifarClassNames(join(root, names.names), kind),
      ]);
      const shape: [number, number, number] = [32, 32, 3];
      return {
        kind,
        root,
        classes: classNames.length,
        classNames,
        train: memorySplit(train.images, train.labels, shape),
        test: memorySplit(test.images, test.labels, shape),
        notes: [],
      };
    }
    case 'imagefolder': {
      const listing = await listImageFolder(root);
      const o = { resize: spec.resize ?? 256, onBadImage: opts.onBadImage };
      if (!(Number.isInteger(o.resize) && o.resize > 0)) {
        throw new DataError('train.dataset.resize', `resize must be a positive integer, got ${o.resize}`);
      }
      const notes = listing.val ? [] : [`${join(root, 'val')} does not exist: the test split is empty (use train.validationSplit to hold out part of train)`];
      return {
        kind,
        root,
        classes: listing.classNames.length,
        classNames: listing.classNames,
        train: imageFolderSplit(listing.train, o),
        test: imageFolderSplit(listing.val ?? [], o),
        notes,
      };
    }
  }
}
