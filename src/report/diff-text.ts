// A model diff as a side-by-side table for people.
import type { ModelDiff } from '../compiler/diff.ts';
import { int, shape, signed, table } from './table.ts';

const mark = { same: ' ', changed: '~', added: '+', removed: '-' } as const;

export function renderDiff(d: ModelDiff): string {
  const rows = d.rows.map((r) => [
    `${mark[r.status]} ${r.name}`,
    r.left ? `${r.left.type} ${shape(r.left.outputShape)}` : '',
    r.right ? `${r.right.type} ${shape(r.right.outputShape)}` : '',
    r.left ? int(r.left.params) : '',
    r.right ? int(r.right.params) : '',
    signed(r.paramsDelta),
    signed(r.multAddsDelta),
  ]);
  const t = d.totals;
  const changed = d.rows.filter((r) => r.status !== 'same').length;
  return [
    `Diff: ${d.left} -> ${d.right}   (~ changed, + only in ${d.right}, - only in ${d.left})`,
    ...table(
      ['Layer', d.left, d.right, 'Params (L)', 'Params (R)', 'Δ params', 'Δ mult-adds'],
      rows,
      ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    ),
    `Total params: ${int(t.left.params)} -> ${int(t.right.params)} (${signed(t.paramsDelta)})`,
    `Mult-adds: ${int(t.left.multAdds)} -> ${int(t.right.multAdds)} (${signed(t.multAddsDelta)})`,
    `${changed} of ${d.rows.length} layers differ`,
  ].join('\n');
}
