// IDX files (MNIST, Fashion-MNIST): a 4-byte magic (0, 0, element type, number of dimensions),
// one big-endian uint32 per dimension, then the elements. Gzip is detected by its magic, not the name.

import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataError } from './errors.ts';

const gunzipAsync = promisify(gunzip);

export const IDX_IMAGES_MAGIC = 0x00000803; // ubyte, 3 dims: count × rows × cols
export const IDX_LABELS_MAGIC = 0x00000801; // ubyte, 1 dim: count

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

const hex = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

/** The raw bytes of a file, gunzipped when they start with gzip's magic. */
export async function readMaybeGzip(file: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (e) {
    throw new DataError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!isGzip(raw)) return raw;
  try {
    return await gunzipAsync(raw);
  } catch (e) {
    throw new DataError(file, `gzip data is truncated or corrupt (${(e as Error).message})`, {
      help: 'download the file again',
    });
  }
}

/** Parses IDX bytes; `expectMagic` is the magic the file must have. Pure. */
export function parseIdx(file: string, bytes: Uint8Array, expectMagic: number): IdxArray {
  const what = expectMagic === IDX_IMAGES_MAGIC ? 'an IDX image file' : expectMagic === IDX_LABELS_MAGIC ? 'an IDX label file' : 'an IDX file';
  if (bytes.length < 4) throw new DataError(file, `file is ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectMagic) {
    const hint =
      magic === IDX_LABELS_MAGIC ? ' (that of a label file)' : magic === IDX_IMAGES_MAGIC ? ' (that of an image file)' : '';
    throw new DataError(file, `wrong magic number ${hex(magic)}${hint}; expected ${hex(expectMagic)}, ${what}`, {
      help: 'check that the file is what its name says (images vs labels) and not damaged',
    });
  }
  const ndims = bytes[3];
  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    throw new DataError(file, `file is truncated: expected at least ${header} header bytes, found ${bytes.length}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i));
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    const shape = dims.join('×');
    throw new DataError(
      file,
      bytes.length < expected
        ? `file is truncated: expected ${expected} bytes (header ${header} + ${shape}), found ${bytes.length}`
        : `file is longer than its header says: expected ${expected} bytes (header ${header} + ${shape}), found ${bytes.length}`,
      { help: 'download the file again' },
    );
  }
  return { dims, data: bytes.subarray(header) };
}

export interface IdxImages {
  count: number;
  h: number;
  w: number;
  /** count × h × w bytes (HWC with c = 1). */
  data: Uint8Array;
}

export async function readIdxImages(file: string): Promise<IdxImages> {
  const { dims, data } = parseIdx(file, await readMaybeGzip(file), IDX_IMAGES_MAGIC);
  return { count: dims[0], h: dims[1], w: dims[2], data };
}

/** Labels, checked to lie in 0..classes-1 when `classes` is given. */
export async function readIdxLabels(file: string, classes?: number): Promise<Uint8Array> {
  const { data } = parseIdx(file, await readMaybeGzip(file), IDX_LABELS_MAGIC);
  if (classes !== undefined) checkLabels(file, data, classes);
  return data;
}

export function checkLabels(file: string, labels: ArrayLike<number>, classes: number): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classes) {
      throw new DataError(file, `label ${labels[i]} at index ${i} is out of range for ${classes} classes (0..${classes - 1})`, {
        help: 'check the dataset kind (e.g. cifar10 vs cifar100) and the file',
      });
    }
  }
}
