// Checkpoints: one binary file holding everything a run needs to continue exactly.
//
//   "NSCKPT\0" + version byte | uint32 LE header length | header (JSON, UTF-8) | zero padding to 4
//   | float32 LE payload (weights, then optimizer buffers) | SHA-256 of every byte before it
//
// The hash covers the header as well as the payload, so any damaged or truncated file is caught
// before a byte of it is trusted. Files are written by src/io/write-atomic.ts (temporary file,
// fsync, rename), so a kill at any moment leaves either the old file set or the new one.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEMP_MARK, writeFileAtomic, type WriteOptions } from '../../io/write-atomic.ts';
import type { OptimizerState } from './optimizer.ts';

const MAGIC = Buffer.from('NSCKPT\0', 'latin1');
const VERSION = 1;
const HASH_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + 1 + 4;
// Float32Array bytes are the host's order; the file is little-endian (copy directly when they agree).
const LITTLE_ENDIAN = os.endianness() === 'LE';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** What a checkpoint holds. `meta` is any JSON the trainer wants back (progress, config, topology). */
export interface Checkpoint<Meta = unknown> {
  weights: NamedTensor[];
  optimizer: OptimizerState;
  meta: Meta;
}

interface Header {
  format: typeof VERSION;
  weights: { name: string; shape: number[] }[];
  /** Per trainable variable: its buffers' names and their length in floats. */
  optimizer: { type: OptimizerState['type']; step: number; slots: { names: string[]; size: number }[] };
  meta: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

// ---- encoding (pure) -------------------------------------------------------------------------

export function encodeCheckpoint(ck: Checkpoint): Buffer {
  const slotNames = ck.optimizer.slots.map((s) => Object.keys(s).sort());
  const header: Header = {
    format: VERSION,
    weights: ck.weights.map((w) => ({ name: w.name, shape: w.shape })),
    optimizer: {
      type: ck.optimizer.type,
      step: ck.optimizer.step,
      slots: slotNames.map((names, i) => ({ names, size: names.length ? ck.optimizer.slots[i][names[0]].length : 0 })),
    },
    meta: ck.meta,
  };
  const arrays = [...ck.weights.map((w) => w.values), ...ck.optimizer.slots.flatMap((s, i) => slotNames[i].map((n) => s[n]))];
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = PREFIX_BYTES + json.length;
  const pad = (4 - (headerEnd % 4)) % 4;
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const body = Buffer.alloc(headerEnd + pad + floats * 4 + HASH_BYTES);
  MAGIC.copy(body, 0);
  body[MAGIC.length] = VERSION;
  body.writeUInt32LE(json.length, MAGIC.length + 1);
  json.copy(body, PREFIX_BYTES);
  let at = headerEnd + pad;
  for (const a of arrays) {
    if (LITTLE_ENDIAN) {
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(body, at);
      at += a.byteLength;
    } else {
      for (let i = 0; i < a.length; i++, at += 4) body.writeFloatLE(a[i], at);
    }
  }
  crypto.createHash('sha256').update(body.subarray(0, at)).digest().copy(body, at);
  return body;
}

/** Reads a checkpoint back; every way a file can be wrong is an error naming `file`. */
export function decodeCheckpoint<Meta = unknown>(bytes: Uint8Array, file: string): Result<Checkpoint<Meta>> {
  const fail = (why: string): Result<Checkpoint<Meta>> => ({ ok: false, error: `${file}: ${why}` });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX_BYTES + HASH_BYTES) return fail(`truncated: ${buf.length} bytes is too short for a checkpoint`);
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return fail('not a netspec checkpoint (bad magic bytes)');
  if (buf[MAGIC.length] !== VERSION) return fail(`checkpoint format ${buf[MAGIC.length]} is not supported (this netspec reads format ${VERSION})`);
  const body = buf.subarray(0, buf.length - HASH_BYTES);
  const digest = crypto.createHash('sha256').update(body).digest();
  if (!digest.equals(buf.subarray(buf.length - HASH_BYTES))) return fail('damaged or truncated: the SHA-256 checksum does not match its contents');
  const jsonLength = buf.readUInt32LE(MAGIC.length + 1);
  if (PREFIX_BYTES + jsonLength > body.length) return fail('bad header: its length runs past the end of the file');
  let header: Header;
  try {
    header = JSON.parse(body.subarray(PREFIX_BYTES, PREFIX_BYTES + jsonLength).toString('utf8')) as Header;
  } catch (e) {
    return fail(`bad header: ${(e as Error).message}`);
  }
  if (!Array.isArray(header?.weights) || !header.optimizer || !Array.isArray(header.optimizer.slots)) return fail('bad header: missing weights or optimizer');
  const headerEnd = PREFIX_BYTES + jsonLength;
  let at = headerEnd + ((4 - (headerEnd % 4)) % 4);
  const take = (n: number): Float32Array | undefined => {
    if (!(Number.isInteger(n) && n >= 0) || at + n * 4 > body.length) return undefined;
    const out = new Float32Array(n);
    if (LITTLE_ENDIAN) {
      new Uint8Array(out.buffer).set(body.subarray(at, at + n * 4));
      at += n * 4;
    } else {
      for (let i = 0; i < n; i++, at += 4) out[i] = body.readFloatLE(at);
    }
    return out;
  };
  const weights: NamedTensor[] = [];
  for (const w of header.weights) {
    if (!Array.isArray(w?.shape)) return fail('bad header: a weight without a shape');
    const values = take(w.shape.reduce((a, b) => a * b, 1));
    if (!values) return fail(`bad header: weight ${w.name} runs past the end of the payload`);
    weights.push({ name: w.name, shape: w.shape, values });
  }
  const slots: Record<string, Float32Array>[] = [];
  for (const [i, slot] of header.optimizer.slots.entries()) {
    const rec: Record<string, Float32Array> = {};
    for (const name of slot.names ?? []) {
      const values = take(slot.size);
      if (!values) return fail(`bad header: optimizer buffer ${name} of variable ${i} runs past the end of the payload`);
      rec[name] = values;
    }
    slots.push(rec);
  }
  if (at !== body.length) return fail(`bad header: ${(body.length - at) / 4} payload values are not described by the header`);
  return { ok: true, value: { weights, optimizer: { type: header.optimizer.type, step: header.optimizer.step, slots }, meta: header.meta as Meta } };
}

// ---- files -----------------------------------------------------------------------------------

const NAME = /^ckpt-(\d+)\.nsckpt$/;

export const checkpointName = (globalStep: number): string => `ckpt-${String(globalStep).padStart(9, '0')}.nsckpt`;

/** Checkpoint files in `dir`, newest (most steps) first. */
export function listCheckpoints(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort((a, b) => Number(NAME.exec(b)![1]) - Number(NAME.exec(a)![1]))
    .map((n) => path.join(dir, n));
}

/** Writes the checkpoint of `globalStep` into `dir`, then deletes all but the newest `keep`. */
export function saveCheckpoint(dir: string, globalStep: number, ck: Checkpoint, opts: WriteOptions & { keep?: number } = {}): Result<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, checkpointName(globalStep));
  const written = writeFileAtomic(file, encodeCheckpoint(ck), opts);
  if (!written.ok) return { ok: false, error: `${written.error}; the previous checkpoint is intact` };
  for (const old of listCheckpoints(dir).slice(opts.keep ?? 2)) fs.rmSync(old, { force: true });
  return { ok: true, value: file };
}

export function readCheckpoint<Meta = unknown>(file: string): Result<Checkpoint<Meta>> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, error: `${file}: cannot read: ${(e as Error).message}` };
  }
  return decodeCheckpoint<Meta>(bytes, file);
}

/**
 * The newest checkpoint in `dir` that reads back intact. A damaged newer one is skipped with a
 * warning (and kept on disk for inspection). Temporary files left by a killed writer are removed.
 */
export function loadLatestCheckpoint<Meta = unknown>(dir: string): Result<{ file: string; checkpoint: Checkpoint<Meta>; warnings: string[] }> {
  if (fs.existsSync(dir)) {
    for (const n of fs.readdirSync(dir)) if (n.includes(TEMP_MARK)) fs.rmSync(path.join(dir, n), { force: true });
  }
  const files = listCheckpoints(dir);
  if (!files.length) return { ok: false, error: `no checkpoint in ${dir}` };
  const warnings: string[] = [];
  for (const file of files) {
    const r = readCheckpoint<Meta>(file);
    if (r.ok) return { ok: true, value: { file, checkpoint: r.value, warnings } };
    warnings.push(`${r.error}; falling back to the previous checkpoint`);
  }
  return { ok: false, error: `no intact checkpoint in ${dir}:\n  ${warnings.map((w) => w.replace(/; falling back.*$/, '')).join('\n  ')}` };
}
