// CIFAR binary batches. CIFAR-10: records of 1 label byte + 3072 image bytes (1024 R, 1024 G,
// 1024 B, each 32×32 row-major: CHW). CIFAR-100: 2 label bytes (coarse, fine) + 3072; we use fine.

import { readFile } from 'node:fs/promises';
import { DataError } from './errors.ts';
import { checkLabels } from './idx.ts';

export type CifarKind = 'cifar10' | 'cifar100';

const SIDE = 32;
const PIXELS = SIDE * SIDE;
const IMAGE_BYTES = 3 * PIXELS;

export const cifarLayout = (kind: CifarKind) =>
  kind === 'cifar10'
    ? { labelBytes: 1, recordSize: 1 + IMAGE_BYTES, classes: 10 }
    : { labelBytes: 2, recordSize: 2 + IMAGE_BYTES, classes: 100 };

export interface CifarBatch {
  count: number;
  /** count × 32 × 32 × 3, HWC. */
  images: Uint8Array;
  labels: Uint8Array;
}

/** Parses one batch file's bytes, converting CHW to HWC. Pure. */
export function parseCifar(file: string, bytes: Uint8Array, kind: CifarKind): CifarBatch {
  const { labelBytes, recordSize, classes } = cifarLayout(kind);
  if (bytes.length === 0 || bytes.length % recordSize !== 0) {
    const other = cifarLayout(kind === 'cifar10' ? 'cifar100' : 'cifar10');
    const looksOther = bytes.length > 0 && bytes.length % other.recordSize === 0;
    throw new DataError(
      file,
      `size ${bytes.length} bytes is not a multiple of the ${kind} record size ${recordSize} (${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + ${IMAGE_BYTES} image bytes)`,
      {
        help: looksOther
          ? `the size fits ${kind === 'cifar10' ? 'cifar100' : 'cifar10'} records: check train.dataset.kind`
          : 'the file is truncated or not a CIFAR binary batch: download the binary version again',
        note: bytes.length > 0 ? `${Math.floor(bytes.length / recordSize)} whole records and ${bytes.length % recordSize} bytes left over` : undefined,
      },
    );
  }
  const count = bytes.length / recordSize;
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const rec = r * recordSize;
    labels[r] = bytes[rec + labelBytes - 1]; // the last label byte: CIFAR-100's fine label
    const src = rec + labelBytes;
    const dst = r * IMAGE_BYTES;
    for (let p = 0; p < PIXELS; p++) {
      images[dst + 3 * p] = bytes[src + p];
      images[dst + 3 * p + 1] = bytes[src + PIXELS + p];
      images[dst + 3 * p + 2] = bytes[src + 2 * PIXELS + p];
    }
  }
  checkLabels(file, labels, classes);
  return { count, images, labels };
}

export async function readCifarBatch(file: string, kind: CifarKind): Promise<CifarBatch> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DataError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      help: `the ${kind} binary distribution has ${cifarFiles(kind).train.concat(cifarFiles(kind).test).join(', ')}`,
    });
  }
  return parseCifar(file, bytes, kind);
}

/** Several batch files read and concatenated in order. */
export async function readCifarBatches(files: string[], kind: CifarKind): Promise<CifarBatch> {
  const parts = await Promise.all(files.map((f) => readCifarBatch(f, kind)));
  const count = parts.reduce((n, p) => n + p.count, 0);
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    images.set(p.images, at * IMAGE_BYTES);
    labels.set(p.labels, at);
    at += p.count;
  }
  return { count, images, labels };
}

export const cifarFiles = (kind: CifarKind): { train: string[]; test: string[]; names: string } =>
  kind === 'cifar10'
    ? { train: [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`), test: ['test_batch.bin'], names: 'batches.meta.txt' }
    : { train: ['train.bin'], test: ['test.bin'], names: 'fine_label_names.txt' };

export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Class names from the distribution's names file (one a line), or built-in / numbered ones. */
export async function cifarClassNames(namesFile: string, kind: CifarKind): Promise<string[]> {
  const classes = cifarLayout(kind).classes;
  try {
    const names = (await readFile(namesFile, 'utf8')).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    if (names.length === classes) return names;
  } catch {
    // optional file: fall through
  }
  return kind === 'cifar10' ? CIFAR10_CLASSES : Array.from({ length: classes }, (_, i) => `class_${i}`);
}
