// Compare two models layer by layer, matched by name (pure).
import type { Shape } from '../model/ir.ts';
import type { Summary, SummaryLayer } from '../model/summary.ts';

export type DiffStatus = 'same' | 'changed' | 'added' | 'removed';

export interface DiffRow {
  name: string;
  status: DiffStatus;
  left?: Pick<SummaryLayer, 'type' | 'outputShape' | 'params' | 'multAdds'>;
  right?: Pick<SummaryLayer, 'type' | 'outputShape' | 'params' | 'multAdds'>;
  paramsDelta: number;
  multAddsDelta: number;
}

export interface ModelDiff {
  left: string;
  right: string;
  rows: DiffRow[];
  totals: {
    left: { params: number; multAdds: number };
    right: { params: number; multAdds: number };
    paramsDelta: number;
    multAddsDelta: number;
  };
}

const pick = (l: SummaryLayer) => ({ type: l.type, outputShape: l.outputShape, params: l.params, multAdds: l.multAdds });
const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Rows in the right model's order, each removed layer placed after its left-hand predecessor. */
export function diffSummaries(a: Summary, b: Summary): ModelDiff {
  const left = new Map(a.layers.map((l) => [l.name, l]));
  const right = new Map(b.layers.map((l) => [l.name, l]));
  const rows: DiffRow[] = [];
  const row = (name: string): DiffRow => {
    const l = left.get(name);
    const r = right.get(name);
    const status: DiffStatus = !l ? 'added' : !r ? 'removed'
      : l.type === r.type && sameShape(l.outputShape, r.outputShape) && l.params === r.params && l.multAdds === r.multAdds ? 'same' : 'changed';
    return {
      name,
      status,
      left: l && pick(l),
      right: r && pick(r),
      paramsDelta: (r?.params ?? 0) - (l?.params ?? 0),
      multAddsDelta: (r?.multAdds ?? 0) - (l?.multAdds ?? 0),
    };
  };
  const placed = new Set<string>();
  const flushRemoved = (fromIndex: number) => {
    // Left-only layers that follow a placed left layer keep their relative position.
    for (let i = fromIndex; i < a.layers.length && !right.has(a.layers[i].name); i++) {
      rows.push(row(a.layers[i].name));
      placed.add(a.layers[i].name);
    }
  };
  flushRemoved(0);
  for (const r of b.layers) {
    rows.push(row(r.name));
    placed.add(r.name);
    const li = a.layers.findIndex((l) => l.name === r.name);
    if (li >= 0) flushRemoved(li + 1);
  }
  for (const l of a.layers) if (!placed.has(l.name)) rows.push(row(l.name));
  return {
    left: a.model,
    right: b.model,
    rows,
    totals: {
      left: { params: a.totalParams, multAdds: a.multAdds },
      right: { params: b.totalParams, multAdds: b.multAdds },
      paramsDelta: b.totalParams - a.totalParams,
      multAddsDelta: b.multAdds - a.multAdds,
    },
  };
}

// ---- several variants ---------------------------------------------------------------------------

export interface VariantCell extends Pick<SummaryLayer, 'type' | 'outputShape' | 'params' | 'multAdds'> {
  /** Differs from the baseline's layer of that name (or the baseline has none). */
  changed: boolean;
}

export interface VariantRow {
  name: string;
  /** One per variant, in order; null where the variant has no such layer. */
  cells: (VariantCell | null)[];
  /** same: every variant has it, unchanged; changed: some cell differs or is missing. */
  status: 'same' | 'changed';
}

export interface VariantTotals {
  name: string;
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  multAdds: number;
  /** torchsummary's estimated total at `batch` (see summary.ts). */
  memoryMB: number;
  batch: number;
  /** Against the baseline (0 for the baseline itself). */
  paramsDelta: number;
  multAddsDelta: number;
  memoryMBDelta: number;
}

export interface VariantDiff {
  /** The first variant: every change is measured against it. */
  baseline: string;
  variants: VariantTotals[];
  rows: VariantRow[];
}

/**
 * Layer names in one order for all variants: the first variant's, and each later variant's extra
 * layers inserted after the layer that precedes them there.
 */
export function mergedLayerOrder(lists: string[][]): string[] {
  const order: string[] = [];
  for (const names of lists) {
    let at = -1;
    for (const n of names) {
      const i = order.indexOf(n);
      if (i >= 0) {
        at = i;
      } else {
        order.splice(at + 1, 0, n);
        at++;
      }
    }
  }
  return order;
}

const sameLayer = (a: SummaryLayer, b: SummaryLayer) =>
  a.type === b.type && sameShape(a.outputShape, b.outputShape) && a.params === b.params && a.multAdds === b.multAdds;

/** N variants side by side, matched by layer name, each measured against the first (pure). */
export function diffVariants(summaries: Summary[], names = summaries.map((s) => s.model)): VariantDiff {
  if (summaries.length === 0) throw new RangeError('diffVariants needs at least one summary');
  const maps = summaries.map((s) => new Map(s.layers.map((l) => [l.name, l])));
  const base = summaries[0];
  const rows = mergedLayerOrder(summaries.map((s) => s.layers.map((l) => l.name))).map((name): VariantRow => {
    const b = maps[0].get(name);
    const cells = maps.map((m) => {
      const l = m.get(name);
      return l ? { ...pick(l), changed: !b || !sameLayer(l, b) } : null;
    });
    return { name, cells, status: cells.every((c) => c && !c.changed) ? 'same' : 'changed' };
  });
  const variants = summaries.map((s, i) => ({
    name: names[i],
    params: s.totalParams,
    trainableParams: s.trainableParams,
    nonTrainableParams: s.nonTrainableParams,
    multAdds: s.multAdds,
    memoryMB: s.memory.totalMB,
    batch: s.memory.batch,
    paramsDelta: s.totalParams - base.totalParams,
    multAddsDelta: s.multAdds - base.multAdds,
    memoryMBDelta: s.memory.totalMB - base.memory.totalMB,
  }));
  return { baseline: names[0], variants, rows };
}
