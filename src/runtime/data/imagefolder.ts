// ImageFolder trees: root/train/<class>/*.{jpg,jpeg,png} and root/val/<class>/… . Class index =
// position in the sorted list of train's class folders (val uses the same numbering). Files are
// listed up front and decoded on demand, because ImageNet does not fit in memory. Decoding follows
// the paper: scale so the shorter side is `resize` (256), then take the central resize×resize square.

import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { DataError } from './errors.ts';
import type { Split } from './split.ts';

export type OnBadImage = 'skip' | 'error';

export interface ImageEntry {
  file: string;
  label: number;
}

export interface ImageFolderListing {
  classNames: string[];
  train: ImageEntry[];
  /** null when root/val does not exist. */
  val: ImageEntry[] | null;
}

const IMAGE_EXT = /\.(jpe?g|png)$/i;
const LAYOUT_HELP = 'an ImageFolder tree is root/train/<class>/*.jpg|png and root/val/<class>/*.jpg|png';

/** Code-point order, as Python's sorted() and torchvision: not locale-dependent. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function isDir(parent: string, d: Dirent): Promise<boolean> {
  if (d.isDirectory()) return true;
  if (!d.isSymbolicLink()) return false;
  return (await stat(join(parent, d.name)).catch(() => null))?.isDirectory() ?? false;
}

async function entries(dir: string): Promise<Dirent[] | null> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DataError(dir, `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function classFolders(dir: string): Promise<string[] | null> {
  const list = await entries(dir);
  if (!list) return null;
  const names: string[] = [];
  for (const d of list) if (!d.name.startsWith('.') && (await isDir(dir, d))) names.push(d.name);
  return names.sort(byCodePoint);
}

async function imagesOf(dir: string): Promise<string[]> {
  const list = (await entries(dir)) ?? [];
  const files = list.filter((d) => !d.isDirectory() && IMAGE_EXT.test(d.name)).map((d) => d.name);
  if (files.length === 0) {
    throw new DataError(dir, 'class folder holds no .jpg, .jpeg or .png images', {
      help: 'remove the empty folder or add its images: an empty class cannot be learnt',
    });
  }
  return files.sort(byCodePoint).map((f) => join(dir, f));
}

/** Lists the tree; errors name the folder at fault. */
export async function listImageFolder(root: string): Promise<ImageFolderListing> {
  const trainDir = join(root, 'train');
  const classNames = await classFolders(trainDir);
  if (!classNames) throw new DataError(trainDir, 'no train folder', { help: LAYOUT_HELP });
  if (classNames.length === 0) throw new DataError(trainDir, 'no class folders', { help: LAYOUT_HELP });
  const index = new Map(classNames.map((c, i) => [c, i]));

  const list = async (dir: string, names: string[]): Promise<ImageEntry[]> => {
    const out: ImageEntry[] = [];
    // One folder at a time: keeps open file handles few on a 1000-class tree.
    for (const c of names) for (const file of await imagesOf(join(dir, c))) out.push({ file, label: index.get(c)! });
    return out;
  };
  const train = await list(trainDir, classNames);

  const valDir = join(root, 'val');
  const valNames = await classFolders(valDir);
  if (valNames) {
    const unknown = valNames.filter((c) => !index.has(c));
    if (unknown.length > 0) {
      throw new DataError(join(valDir, unknown[0]), `val has class${unknown.length > 1 ? 'es' : ''} ${unknown.map((c) => `'${c}'`).join(', ')} that train lacks`, {
        help: 'val must use the class folder names of train (class numbers come from train)',
      });
    }
  }
  return { classNames, train, val: valNames ? await list(valDir, valNames) : null };
}

/** Decodes one image to RGB uint8 HWC, shorter side scaled to `size` then centre-cropped to size×size. */
export async function decodeImage(file: string, size: number): Promise<Uint8Array> {
  const { data, info } = await sharp(file)
    .resize(size, size, { fit: 'cover', position: 'centre' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== size || info.height !== size) {
    throw new Error(`decoded ${info.width}×${info.height}×${info.channels}, expected ${size}×${size}×3`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** A lazily decoded split over listed files. */
export function imageFolderSplit(list: ImageEntry[], opts: { resize?: number; onBadImage?: OnBadImage } = {}): Split {
  const size = opts.resize ?? 256;
  const onBad = opts.onBadImage ?? 'error';
  const bad = new Set<number>();
  const skipped: string[] = [];
  return {
    size: list.length,
    shape: [size, size, 3],
    label: (i) => list[i].label,
    skipped,
    async image(i) {
      if (bad.has(i)) return null;
      const { file } = list[i];
      try {
        return await decodeImage(file, size);
      } catch (e) {
        if (onBad === 'error') {
          throw new DataError(file, `cannot decode image: ${(e as Error).message}`, {
            help: "delete or replace the file, or open the dataset with onBadImage 'skip' to leave corrupt images out",
          });
        }
        bad.add(i);
        skipped.push(file);
        return null;
      }
    },
  };
}
