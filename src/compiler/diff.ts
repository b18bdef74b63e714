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
