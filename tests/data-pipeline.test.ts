import { describe, expect, it } from 'vitest';
import { batches, checkShapes, epochSize, newMonitor, type Batch, type BatchOptions } from '../src/runtime/data/pipeline.ts';
import { memorySplit, holdOut, type Split } from '../src/runtime/data/split.ts';
import { NO_AUGMENT, type ResolvedAugment } from '../src/runtime/data/transforms.ts';
import { IMAGENET_EIGEN, NO_NORMALIZATION } from '../src/runtime/data/augment.ts';
import { DataError } from '../src/runtime/data/errors.ts';

const N = 23;
/** N images of 6×6×1; image i is filled with i (so x identifies the example), label i mod 4. */
const split = memorySplit(
  Uint8Array.from({ length: N * 36 }, (_, j) => Math.floor(j / 36)),
  Uint8Array.from({ length: N }, (_, i) => i % 4),
  [6, 6, 1],
);

const base: BatchOptions = { split, batchSize: 5, epoch: 0, seed: 11, shuffle: true, inputShape: [6, 6, 1], augment: NO_AUGMENT, normalize: NO_NORMALIZATION, train: true };
const collect = async (o: Partial<BatchOptions>): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of batches({ ...base, ...o })) out.push(b);
  return out;
};
const order = (bs: Batch[]) => bs.flatMap((b) => Array.from(b.indices));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('epoch order', () => {
  it('every index once per epoch; x and y belong to that index', async () => {
    const bs = await collect({});
    expect(bs.map((b) => b.size)).toEqual([5, 5, 5, 5, 3]);
    expect(bs.map((b) => b.index)).toEqual([0, 1, 2, 3, 4]);
    expect([...order(bs)].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    for (const b of bs) {
      expect(b.x.length).toBe(b.size * 36);
      b.indices.forEach((i, j) => {
        expect(Math.round(b.x[j * 36 + 17] * 255)).toBe(i);
        expect(b.y[j]).toBe(i % 4);
      });
    }
  });

  it('dropLast leaves out the partial batch; steps caps the epoch', async () => {
    expect((await collect({ dropLast: true })).map((b) => b.size)).toEqual([5, 5, 5, 5]);
    expect((await collect({ steps: 2 })).map((b) => b.index)).toEqual([0, 1]);
    expect((await collect({ steps: 99 })).length).toBe(5);
  });

  it.each([
    [23, 5, false, 5],
    [23, 5, true, 4],
    [20, 5, false, 4],
    [20, 5, true, 4],
    [3, 5, true, 0],
    [0, 5, false, 0],
  ])('epochSize(%i examples, batch %i, dropLast %s) = %i', (size, b, drop, expected) => {
    expect(epochSize({ size }, b, drop)).toBe(expected);
  });

  it('same seed and epoch: same order; other epoch or seed: another; no shuffle: file order', async () => {
    const a = order(await collect({}));
    expect(order(await collect({}))).toEqual(a);
    expect(order(await collect({ epoch: 1 }))).not.toEqual(a);
    expect(order(await collect({ seed: 12 }))).not.toEqual(a);
    expect(order(await collect({ shuffle: false }))).toEqual(Array.from({ length: N }, (_, i) => i));
  });
});

describe('resume', () => {
  const aug: ResolvedAugment = { crop: { padding: 2 }, flip: true, pca: null };

  it('startBatch = k gives exactly batches k.. of a full run, augmentation included', async () => {
    const full = await collect({ augment: aug, epoch: 3 });
    for (const k of [1, 3, 4]) {
      const resumed = await collect({ augment: aug, epoch: 3, startBatch: k });
      expect(resumed.map((b) => b.index)).toEqual(full.slice(k).map((b) => b.index));
      resumed.forEach((b, j) => {
        expect(b.x).toEqual(full[k + j].x);
        expect(b.y).toEqual(full[k + j].y);
      });
    }
  });

  it("an example's augmentation depends on (seed, epoch, index) only, not on batch size or position", async () => {
    // a split whose pixels differ, so crops and flips are visible
    const s = memorySplit(Uint8Array.from({ length: N * 36 }, (_, j) => (j * 7) % 256), new Uint8Array(N), [6, 6, 1]);
    const views = async (o: Partial<BatchOptions>) => {
      const m = new Map<number, string>();
      for (const b of await collect({ split: s, augment: aug, ...o })) b.indices.forEach((i, j) => m.set(i, b.x.subarray(j * 36, (j + 1) * 36).join(',')));
      return m;
    };
    const a = await views({ batchSize: 4 });
    expect(await views({ batchSize: 7, shuffle: false })).toEqual(a);
    const other = await views({ batchSize: 4, epoch: 1 });
    expect([...other.keys()].filter((i) => other.get(i) !== a.get(i)).length).toBeGreaterThan(N / 2);
  });
});

describe('prefetch', () => {
  /** A lazily decoded split that records how many images have been asked for and how many run at once. */
  function slowSplit(): Split & { requested: number } {
    const s = {
      size: 40,
      shape: [4, 4, 3] as [number, number, number],
      requested: 0,
      label: (i: number) => i % 3,
      async image(i: number) {
        s.requested++;
        await sleep(2);
        return new Uint8Array(48).fill(i);
      },
    };
    return s;
  }

  it.each([1, 2, 3])('prefetch %i: at most that many batches ahead of the consumer, decodes limited', async (prefetch) => {
    const s = slowSplit();
    const monitor = newMonitor();
    let consumed = 0;
    let worstAhead = 0;
    for await (const b of batches({ ...base, split: s, inputShape: [4, 4, 3], batchSize: 4, prefetch, concurrency: 3, monitor })) {
      consumed += b.size;
      worstAhead = Math.max(worstAhead, s.requested - consumed);
      await sleep(15); // a slow training step: the producer runs ahead as far as allowed
      for (let t = 0; t < 200 && monitor.decoding > 0; t++) await sleep(5); // (on a busy machine, until it has)
      // images asked for but not yet handed over, beyond the batch in hand
      worstAhead = Math.max(worstAhead, s.requested - consumed);
    }
    expect(consumed).toBe(40);
    expect(monitor.maxInFlight).toBe(prefetch); // reached, never exceeded
    expect(worstAhead).toBeLessThanOrEqual(prefetch * 4);
    expect(worstAhead).toBe(prefetch * 4); // it does run ahead
    expect(monitor.maxDecoding).toBe(3);
    expect(monitor.inFlight).toBe(0);
  });

  it('a consumer that stops early leaves nothing counted in flight', async () => {
    const monitor = newMonitor();
    for await (const b of batches({ ...base, monitor, prefetch: 3 })) if (b.index === 1) break;
    expect(monitor.inFlight).toBe(0);
  });
});

describe('evaluation views', () => {
  it('centre crop without randomness; ten-crop gives 10 views per example', async () => {
    const s = memorySplit(Uint8Array.from({ length: 3 * 16 }, (_, j) => j % 16), Uint8Array.from([0, 1, 2]), [4, 4, 1]);
    const aug: ResolvedAugment = { crop: false, flip: true, pca: { std: 0.1, eigen: IMAGENET_EIGEN } }; // ignored at test time
    const [one] = await collect({ split: s, train: false, inputShape: [2, 2, 1], augment: aug, batchSize: 3 });
    expect(one.crops).toBe(1);
    expect(Array.from(one.x.subarray(0, 4)).map((v) => Math.round(v * 255))).toEqual([5, 6, 9, 10]);
    const [ten] = await collect({ split: s, train: false, tenCrop: true, inputShape: [2, 2, 1], augment: aug, batchSize: 3, shuffle: false });
    expect(ten.crops).toBe(10);
    expect(ten.x.length).toBe(3 * 10 * 4);
    const ex1 = Array.from(ten.x.subarray(10 * 4, 20 * 4)).map((v) => Math.round(v * 255));
    expect(ex1.slice(0, 8)).toEqual([0, 1, 4, 5, 2, 3, 6, 7]); // example 1: top-left, top-right …
    expect(ex1.slice(36, 40)).toEqual([6, 5, 10, 9]); // … mirrored centre last
  });

  it('normalises and widens gray to RGB for a 3-channel model', async () => {
    const [b] = await collect({ shuffle: false, batchSize: 2, inputShape: [6, 6, 3], normalize: { mean: [0.5], std: [0.5] }, train: false });
    expect(b.x.length).toBe(2 * 36 * 3);
    expect(b.x[36 * 3 + 4]).toBeCloseTo((1 / 255 - 0.5) / 0.5, 6); // example 1, any pixel, any channel
  });
});

describe('shape checks', () => {
  it.each([
    [[28, 28, 1], [28, 28, 1], 0, null],
    [[28, 28, 1], [28, 28, 3], 0, null],
    [[256, 256, 3], [227, 227, 3], 0, null],
    [[28, 28, 1], [32, 32, 1], 2, null],
    [[32, 32, 3], [32, 32, 1], 0, /the images have 3 channels but the model input has 1/],
    [[28, 28, 1], [227, 227, 1], 0, /the images are 28×28, smaller than the model input 227×227/],
    [[28, 28, 1], [34, 34, 1], 2, /28×28 \(32×32 after padding by 2\), smaller/],
  ] as const)('data %j into input %j with padding %i', (data, input, padding, error) => {
    const run = () => checkShapes([...data], [...input], padding);
    if (!error) expect(run).not.toThrow();
    else {
      expect(run).toThrow(DataError);
      expect(run).toThrow(error);
    }
  });
});

describe('holdOut', () => {
  it('splits into disjoint parts covering the split, the same for the same seed', () => {
    const a = holdOut(split, 0.3, 4);
    const ids = (s: Split) => Array.from({ length: s.size }, (_, i) => Math.round((s.image(i) as Uint8Array)[0]));
    expect(a.val.size).toBe(7);
    expect([...ids(a.train), ...ids(a.val)].sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(ids(holdOut(split, 0.3, 4).val)).toEqual(ids(a.val));
    expect(ids(holdOut(split, 0.3, 5).val)).not.toEqual(ids(a.val));
    expect(a.val.label(0)).toBe(ids(a.val)[0] % 4);
  });
});
