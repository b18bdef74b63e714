// A caching allocator for the native kernels' outputs, like PyTorch's: memory is carved out of
// large segments, a freed block is kept and handed to the next output that fits (split when it
// is much larger, merged with free neighbours when freed). Fresh large arrays are what made
// netspec-cpu slow: the allocator maps new pages for each and every first write faults them in
// (the momentum update of AlexNet's fc6 spent ~270 ms per 151 MB Add that way; ~40 ms with kept
// pages). Splitting is what keeps memory down: with blocks kept by exact length, a training step
// held every size it had ever used, and at the peak a freed 147 MB block could not serve two
// 55 MB outputs.
//
// Free blocks still hold their pages. Splitting cannot make every free block fit every request, so
// at a step's peak some stay idle: with a `release` function the pool keeps its resident memory
// (in use plus idle) within `headroom` × the most it has had in use, handing the pages of the
// longest idle blocks back to the system (MADV_DONTNEED) when a request would exceed that. A
// released block costs page faults when it is next used (cheap in huge pages: onSegment); its
// contents are garbage either way. ResNet-18's training step at batch 32 peaked at 1420 MB
// without, 1384 MB with, about 340 MB refaulted a step (bench/results/2026-11-30-memory-profile).
//
// Reuse must never let two live tensors share memory. Every tensor whose values lie in a block is
// one holder of that block (the backend reports views that kernels make, share()); the block is
// reused only once all holders are gone. Memory that leaves the backend (escape()) is never reused.

/** Below this many floats the system allocator is fast enough: no pooling. */
export const POOL_MIN_FLOATS = 4096;

/** Every block starts and ends on this many bytes, within a segment. */
const ALIGN = 256;
/** Blocks up to this size come from small segments; a large block is never split below it. */
const SMALL_BLOCK = 1 << 20;
const SMALL_SEGMENT = 2 << 20;
/** Blocks up to this size share 20 MiB segments; larger ones get a segment of their own size (to 2 MiB). */
const MEDIUM_BLOCK = 10 << 20;
const MEDIUM_SEGMENT = 20 << 20;
const LARGE_ROUND = 2 << 20;

export interface PoolStats {
  hits: number;
  misses: number;
  /** Bytes held for reuse now (free blocks). */
  cachedBytes: number;
  /** Bytes of all segments (free and in use). */
  segmentBytes: number;
  /** Bytes in use now, and the most ever. */
  inUseBytes: number;
  maxInUseBytes: number;
  /** Bytes of free blocks whose pages are still resident (an estimate: a block is counted whole once written). */
  idleResidentBytes: number;
  /** Bytes handed back to the system so far. */
  releasedBytes: number;
}

export interface PoolOptions {
  /** Hands the pages inside an array back to the system; returns the bytes released. */
  release?: (a: Float32Array) => number;
  /** Called with each new segment's memory (for huge pages: released pages then fault back cheaply). */
  onSegment?: (a: Float32Array) => void;
  /** Resident memory allowed, as a multiple of the most bytes ever in use (default 1.25) … */
  headroom?: number;
  /** … plus this many bytes (default 128 MiB). Tighter, inference (little in use against its
   * fragmentation) released and refaulted hundreds of MB a forward pass. */
  slackBytes?: number;
}

interface Segment {
  buffer: ArrayBuffer;
  /** Where the segment starts in its buffer. */
  base: number;
  bytes: number;
  kind: Kind;
}

/** Small requests are served only from small segments and large ones from large, so that a small one never splits a large block. */
type Kind = 'small' | 'large';
const kindOf = (bytes: number): Kind => (bytes <= SMALL_BLOCK ? 'small' : 'large');

interface Block {
  segment: Segment;
  /** Byte offset in the segment. */
  offset: number;
  bytes: number;
  free: boolean;
  prev?: Block;
  next?: Block;
  /** Tensors whose values lie in this block. */
  holders: number;
  /** Seen outside the backend: never reused. */
  escaped: boolean;
  /** Bumped each time the block is freed, so that an old array's entry no longer counts. */
  generation: number;
  /** Of a free block: bytes whose pages are resident (taken to be at its start). */
  resident: number;
  /** Of a free block: when it was last freed (a count of frees), so that the longest idle go first. */
  freedAt: number;
}

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** The floats from `offset` bytes into a segment. */
const floatsAt = (segment: Segment, offset: number, floats: number) => new Float32Array(segment.buffer, segment.base + offset, floats);

/** A Float32Array of length n, not zero-filled above POOL_MIN_FLOATS (its own ArrayBuffer). */
export function uninitialisedFloats(n: number): Float32Array {
  if (n < POOL_MIN_FLOATS) return new Float32Array(n);
  const buf = Buffer.allocUnsafe(n * 4); // its own ArrayBuffer at this size, offset 0
  return new Float32Array(buf.buffer, buf.byteOffset, n);
}

export class FloatPool {
  /** Free blocks by kind. */
  private readonly free: Record<Kind, Block[]> = { small: [], large: [] };
  /** Every array handed out or registered as a view: its block, at the generation it was made in. */
  private readonly arrays = new WeakMap<object, { block: Block; generation: number }>();
  private cached = 0;
  private segmentBytes = 0;
  private hits = 0;
  private misses = 0;
  private inUse = 0;
  private maxInUse = 0;
  private idleResident = 0;
  private released = 0;
  private frees = 0;

  constructor(private readonly maxCachedBytes: number, private readonly options: PoolOptions = {}) {}

  /** An array of length n whose contents are garbage: the caller overwrites all of it. */
  take(n: number): Float32Array {
    if (n < POOL_MIN_FLOATS) return new Float32Array(n);
    const bytes = roundUp(n * 4, ALIGN);
    const kind = kindOf(bytes);
    const list = this.free[kind];
    let at = -1;
    for (let i = 0; i < list.length; i++) if (list[i].bytes >= bytes && (at < 0 || list[i].bytes < list[at].bytes)) at = i;
    let block: Block;
    if (at >= 0) {
      block = list[at];
      list.splice(at, 1);
      this.cached -= block.bytes;
      this.idleResident -= block.resident;
      this.hits++;
    } else {
      block = this.newSegment(bytes, kind);
      this.misses++;
    }
    const rest = block.bytes - bytes;
    const resident = block.resident;
    if (rest >= (kind === 'small' ? ALIGN * 16 : SMALL_BLOCK)) {
      const tail: Block = {
        segment: block.segment, offset: block.offset + bytes, bytes: rest, free: true, prev: block, next: block.next, holders: 0, escaped: false, generation: 0,
        resident: Math.max(0, resident - bytes), freedAt: block.freedAt,
      };
      if (block.next) block.next.prev = tail;
      block.next = tail;
      block.bytes = bytes;
      list.push(tail);
      this.cached += rest;
      this.idleResident += tail.resident;
    }
    block.free = false;
    block.holders = 1;
    this.inUse += block.bytes;
    this.maxInUse = Math.max(this.maxInUse, this.inUse);
    this.keepResidentWithin(block.bytes - Math.min(resident, block.bytes));
    const out = floatsAt(block.segment, block.offset, n);
    this.arrays.set(out, { block, generation: block.generation });
    return out;
  }

  /** A tensor holding `values` is gone: its block is freed once no other tensor holds it. */
  give(values: unknown): void {
    const block = this.blockOf(values);
    if (!block || --block.holders > 0 || block.escaped) return;
    this.release(block);
  }

  /** `view` (a new tensor's values) lies in the memory of `of` (an input's): one more holder of that block. */
  share(view: unknown, of: unknown): void {
    const block = this.blockOf(of);
    if (!block || !ArrayBuffer.isView(view)) return;
    const entry = this.arrays.get(view);
    if (entry && entry.block !== block) throw new Error('FloatPool.share: the view already belongs to another block');
    block.holders++;
    this.arrays.set(view, { block, generation: block.generation });
  }

  /** `values` (or a view of its memory) is now visible outside the backend: never reuse it. */
  escape(values: unknown): void {
    const block = this.blockOf(values);
    if (block) block.escaped = true;
  }

  /** Made here, held by one tensor, and never seen outside the backend: the backend may overwrite it in place. */
  owns(values: unknown): boolean {
    const block = this.blockOf(values);
    return block !== undefined && block.holders === 1 && !block.escaped;
  }

  /** Memory of this pool's, in use by some tensor. */
  holds(values: unknown): boolean {
    return this.blockOf(values) !== undefined;
  }

  stats(): PoolStats {
    return {
      hits: this.hits, misses: this.misses, cachedBytes: this.cached, segmentBytes: this.segmentBytes,
      inUseBytes: this.inUse, maxInUseBytes: this.maxInUse, idleResidentBytes: this.idleResident, releasedBytes: this.released,
    };
  }

  /**
   * A block just taken brings `faulting` bytes of pages in (it counts in use already): while the
   * resident total (in use and idle) exceeds the cap, releases the longest idle blocks.
   */
  private keepResidentWithin(faulting: number): void {
    const { release, headroom = 1.25, slackBytes = 128 << 20 } = this.options;
    if (!release || faulting <= 0) return;
    const cap = this.maxInUse * headroom + slackBytes;
    if (this.inUse + this.idleResident <= cap) return;
    const idle = [...this.free.small, ...this.free.large].filter((b) => b.resident > 0).sort((x, y) => x.freedAt - y.freedAt);
    for (const b of idle) {
      if (this.inUse + this.idleResident <= cap) break;
      this.released += release(floatsAt(b.segment, b.offset, b.bytes / 4));
      this.idleResident -= b.resident;
      b.resident = 0;
    }
  }

  /** Drops every segment with nothing in use (the garbage collector frees them). */
  clear(): void {
    for (const list of [this.free.small, this.free.large]) {
      for (const b of [...list]) if (!b.prev && !b.next) this.dropSegment(b, list);
    }
  }

  private blockOf(values: unknown): Block | undefined {
    if (!ArrayBuffer.isView(values)) return undefined;
    const entry = this.arrays.get(values);
    if (!entry || entry.generation !== entry.block.generation || entry.block.free) return undefined;
    return entry.block;
  }

  private newSegment(bytes: number, kind: Kind): Block {
    const size = kind === 'small' ? SMALL_SEGMENT : bytes <= MEDIUM_BLOCK ? MEDIUM_SEGMENT : roundUp(bytes, LARGE_ROUND);
    const buf = Buffer.allocUnsafe(size); // its own ArrayBuffer at this size
    const segment: Segment = { buffer: buf.buffer as ArrayBuffer, base: buf.byteOffset, bytes: size, kind };
    this.segmentBytes += size;
    this.options.onSegment?.(floatsAt(segment, 0, size / 4));
    return { segment, offset: 0, bytes: size, free: false, holders: 0, escaped: false, generation: 0, resident: 0, freedAt: 0 };
  }

  /** Back to the free list, merged with free neighbours; whole free segments go once the cache is over budget. */
  private release(block: Block): void {
    const list = this.free[block.segment.kind];
    block.generation++;
    block.free = true;
    block.holders = 0;
    this.inUse -= block.bytes;
    block.resident = block.bytes; // written while in use
    block.freedAt = ++this.frees;
    for (const n of [block.prev, block.next]) {
      if (!n?.free) continue;
      list.splice(list.indexOf(n), 1);
      this.cached -= n.bytes;
      this.idleResident -= n.resident;
      block.resident += n.resident;
      if (n === block.prev) {
        block.offset = n.offset;
        block.prev = n.prev;
        if (n.prev) n.prev.next = block;
      } else {
        block.next = n.next;
        if (n.next) n.next.prev = block;
      }
      block.bytes += n.bytes;
    }
    list.push(block);
    this.cached += block.bytes;
    this.idleResident += block.resident;
    if (this.cached > this.maxCachedBytes) {
      for (const b of [...list].sort((x, y) => y.bytes - x.bytes)) {
        if (this.cached <= this.maxCachedBytes) break;
        if (!b.prev && !b.next) this.dropSegment(b, list);
      }
    }
  }

  private dropSegment(b: Block, list: Block[]): void {
    list.splice(list.indexOf(b), 1);
    this.cached -= b.bytes;
    this.idleResident -= b.resident;
    this.segmentBytes -= b.segment.bytes;
  }
}
