// Just enough protobuf to write ONNX's messages (onnx/onnx.proto, proto2 syntax): varints,
// length-delimited fields and fixed32 floats. A message is built as a list of encoded fields.

const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** Bytes of a growing message. */
export class Message {
  private parts: Uint8Array[] = [];
  private size = 0;

  private push(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  private key(field: number, wire: number): this {
    return this.push(varint(BigInt(field * 8 + wire)));
  }

  /** int32, int64, enum, bool (negative values as 10-byte two's complement, as protobuf does). */
  int(field: number, v: number | bigint): this {
    const n = BigInt(v);
    return this.key(field, WIRE.varint).push(varint(n < 0n ? n + (1n << 64n) : n));
  }

  float(field: number, v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return this.key(field, WIRE.fixed32).push(b);
  }

  bytes(field: number, b: Uint8Array): this {
    return this.key(field, WIRE.bytes).push(varint(BigInt(b.length))).push(b);
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  /** A nested message; its parts are shared, not copied, until the outermost finish(). */
  message(field: number, m: Message): this {
    this.key(field, WIRE.bytes).push(varint(BigInt(m.size)));
    for (const p of m.parts) this.push(p);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function varint(n: bigint): Uint8Array {
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) b |= 0x80;
    out.push(b);
  } while (n > 0n);
  return Uint8Array.from(out);
}
