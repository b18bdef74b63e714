// diffVariants: N summaries in one table (pure). Layer order across variants and which cells are
// marked changed, on hand-made summaries where the answer is plain.
import { describe, expect, it } from 'vitest';
import { diffVariants, mergedLayerOrder } from '../src/compiler/diff.ts';
import type { Summary, SummaryLayer } from '../src/model/summary.ts';

describe('mergedLayerOrder', () => {
  it.each([
    [[['a', 'b', 'c']], ['a', 'b', 'c']],
    [[['a', 'b', 'c'], ['a', 'c']], ['a', 'b', 'c']],
    [[['a', 'c'], ['a', 'b', 'c']], ['a', 'b', 'c']],
    [[['a', 'b'], ['x', 'a', 'b']], ['x', 'a', 'b']],
    [[['a', 'b'], ['a', 'b', 'z']], ['a', 'b', 'z']],
    [[['a', 'd'], ['a', 'b', 'd'], ['a', 'c', 'd']], ['a', 'c', 'b', 'd']],
    [[['a'], ['b'], ['c']], ['c', 'b', 'a']],
  ])('%j -> %j', (lists, order) => {
    expect(mergedLayerOrder(lists)).toEqual(order);
  });
});

const layer = (name: string, params: number, outputShape = [4]): SummaryLayer => ({ name, type: 'Dense', inputShape: [4], outputShape, params, multAdds: params });
const summary = (model: string, layers: SummaryLayer[]): Summary => {
  const p = layers.reduce((a, l) => a + l.params, 0);
  return { model, input: [4], layers, totalParams: p, trainableParams: p, nonTrainableParams: 0, multAdds: p,
    memory: { batch: 1, inputMB: 0, forwardBackwardMB: 0, paramsMB: (p * 4) / 2 ** 20, totalMB: (p * 4) / 2 ** 20 } };
};

describe('diffVariants', () => {
  const base = summary('base', [layer('a', 10), layer('b', 20)]);
  const wider = summary('wider', [layer('a', 10), layer('b', 40, [8])]);
  const extra = summary('extra', [layer('a', 10), layer('x', 5), layer('b', 20)]);
  const fewer = summary('fewer', [layer('b', 20)]);
  const d = diffVariants([base, wider, extra, fewer]);
  const grid = Object.fromEntries(d.rows.map((r) => [r.name, r.cells.map((c) => (c === null ? '—' : c.changed ? '*' : '='))]));

  it.each([
    ['a', ['=', '=', '=', '—']],
    ['x', ['—', '—', '*', '—']],
    ['b', ['=', '*', '=', '=']],
  ])('layer %s: cells %j', (name, cells) => {
    expect(grid[name]).toEqual(cells);
  });
  it('rows in merged order; status changed wherever a cell differs or is missing', () => {
    expect(d.rows.map((r) => [r.name, r.status])).toEqual([['a', 'changed'], ['x', 'changed'], ['b', 'changed']]);
    expect(diffVariants([base, base]).rows.every((r) => r.status === 'same')).toBe(true);
  });
  it('totals and deltas against the first', () => {
    expect(d.baseline).toBe('base');
    expect(d.variants.map((v) => [v.name, v.params, v.paramsDelta, v.multAddsDelta])).toEqual([
      ['base', 30, 0, 0], ['wider', 50, 20, 20], ['extra', 35, 5, 5], ['fewer', 20, -10, -10],
    ]);
    expect(d.variants[1].memoryMBDelta).toBeCloseTo((20 * 4) / 2 ** 20, 12);
  });
  it('names given for the columns are used', () => {
    expect(diffVariants([base, base], ['one.yaml', 'two.yaml']).variants.map((v) => v.name)).toEqual(['one.yaml', 'two.yaml']);
  });
});
