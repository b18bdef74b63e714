// The safetensors format (huggingface/safetensors), written and read here without the package:
//   u64 LE header length N | N bytes of JSON header | raw little-endian tensor data
// The header maps each tensor's name to {dtype, shape, data_offsets: [begin, end)} (offsets into
// the data), plus an optional "__metadata__" map of strings. Tensors are laid out in order, each
// starting where the last ended; the header is padded with spaces to a multiple of 8 bytes.
import * as os from 'node:os';
import type { TorchTensor } from './weights.ts';

const LE = os.endianness() === 'LE';
const BYTES = { F32: 4, I64: 8 } as const;

export function encodeSafetensors(tensors: TorchTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let at = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (t.data.length !== n) throw new Error(`${t.name}: ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + n * BYTES[t.dtype]] };
    at += n * BYTES[t.dtype];
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((Buffer.byteLength(json) + 8) % 8)) % 8);
  const head = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + head.length + at);
  out.writeBigUInt64LE(BigInt(head.length), 0);
  head.copy(out, 8);
  let pos = 8 + head.length;
  for (const t of tensors) {
    if (LE) {
      Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).copy(out, pos);
      pos += t.data.byteLength;
    } else if (t.dtype === 'F32') {
      for (const v of t.data) pos = out.writeFloatLE(v, pos);
    } else {
      for (const v of t.data) pos = out.writeBigInt64LE(v, pos);
    }
  }
  return out;
}

export type Decoded = { ok: true; tensors: TorchTensor[]; metadata: Record<string, string> } | { ok: false; error: string };

/** Reads a safetensors file's F32 and I64 tensors; any other dtype or a malformed file is an error. */
export function decodeSafetensors(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8) return { ok: false, error: 'too short for a safetensors file' };
  const n = Number(buf.readBigUInt64LE(0));
  if (n > buf.length - 8) return { ok: false, error: `the header length (${n}) runs past the end of the file: not a safetensors file, or truncated` };
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8'));
  } catch (e) {
    return { ok: false, error: `bad header: ${(e as Error).message}` };
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) return { ok: false, error: 'bad header: not a JSON object' };
  const data = buf.subarray(8 + n);
  const tensors: TorchTensor[] = [];
  const { __metadata__: meta, ...entries } = header as Record<string, unknown>;
  for (const [name, e] of Object.entries(entries) as [string, { dtype: string; shape: number[]; data_offsets: [number, number] }][]) {
    if (!e || !Array.isArray(e.shape) || !Array.isArray(e.data_offsets)) return { ok: false, error: `bad header entry for ${name}` };
    if (e.dtype !== 'F32' && e.dtype !== 'I64') return { ok: false, error: `${name} is ${e.dtype}; netspec reads F32 (and I64 counters) only: convert with tensor.float()` };
    const count = e.shape.reduce((a, b) => a * b, 1);
    const [begin, end] = e.data_offsets;
    const size = BYTES[e.dtype];
    if (!(Number.isInteger(begin) && end - begin === count * size && end <= data.length)) return { ok: false, error: `${name}: its data offsets [${begin}, ${end}) do not fit shape [${e.shape.join(', ')}] or the file` };
    const raw = data.subarray(begin, end);
    if (e.dtype === 'F32') {
      const values = new Float32Array(count);
      if (LE) new Uint8Array(values.buffer).set(raw);
      else for (let i = 0; i < count; i++) values[i] = raw.readFloatLE(i * 4);
      tensors.push({ name, dtype: 'F32', shape: e.shape, data: values });
    } else {
      const values = new BigInt64Array(count);
      for (let i = 0; i < count; i++) values[i] = raw.readBigInt64LE(i * 8);
      tensors.push({ name, dtype: 'I64', shape: e.shape, data: values });
    }
  }
  const metadata = meta && typeof meta === 'object' ? Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {};
  return { ok: true, tensors, metadata };
}
