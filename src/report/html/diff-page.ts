// `netspec diff A B --html`: the two architectures side by side, layers that differ outlined
// (changed amber, added green, removed red dashed), and the layer table below (pure).
import { diffSummaries } from '../../compiler/diff.ts';
import type { ModelIR } from '../../model/ir.ts';
import { summarize } from '../../model/summary.ts';
import { architectureSvg } from './arch-svg.ts';
import { esc, grouped, shapeText } from './escape.ts';
import type { Mark } from './graph.ts';
import { page, raw, section, table, type Cell } from './html.ts';

const signed = (n: number) => (n > 0 ? `+${grouped(n)}` : n < 0 ? grouped(n) : '');

export function diffReportHtml(left: ModelIR, right: ModelIR, opts: { now: Date; leftFile?: string; rightFile?: string }): string {
  const d = diffSummaries(summarize(left), summarize(right));
  const leftMarks = new Map<string, Mark>();
  const rightMarks = new Map<string, Mark>();
  for (const r of d.rows) {
    if (r.status === 'changed') leftMarks.set(r.name, 'changed'), rightMarks.set(r.name, 'changed');
    if (r.status === 'removed') leftMarks.set(r.name, 'removed');
    if (r.status === 'added') rightMarks.set(r.name, 'added');
  }
  const side = (ir: ModelIR, file: string | undefined, marks: Map<string, Mark>, prefix: string) =>
    `<div><h3>${esc(ir.name)}</h3><p class="sub">${esc(file ?? ir.file)}</p><div class="arch">${architectureSvg(ir, { marks, idPrefix: prefix })}</div></div>`;
  const symbol = { same: '', changed: '~', added: '+', removed: '-' } as const;
  const rows: Cell[][] = d.rows.map((r) => [
    symbol[r.status], r.name, r.left ? `${r.left.type} ${shapeText(r.left.outputShape)}` : '', r.right ? `${r.right.type} ${shapeText(r.right.outputShape)}` : '',
    r.left ? grouped(r.left.params) : '', r.right ? grouped(r.right.params) : '', signed(r.paramsDelta), signed(r.multAddsDelta),
  ]);
  rows.push(['', raw('<b>total</b>'), '', '', grouped(d.totals.left.params), grouped(d.totals.right.params), signed(d.totals.paramsDelta), signed(d.totals.multAddsDelta)]);
  const changed = d.rows.filter((r) => r.status !== 'same').length;
  const title = `netspec diff: ${left.name} vs ${right.name}`;
  const body = [
    `<header><h1>${esc(title)}</h1><p class="sub">${changed} layer${changed === 1 ? '' : 's'} differ: outlined amber (changed), green (added, right) and red dashed (removed, left).</p></header>`,
    section('architectures', 'Side by side', `<div class="side">${side(left, opts.leftFile, leftMarks, 'L')}${side(right, opts.rightFile, rightMarks, 'R')}</div>`),
    section('layers', 'Layer by layer', table(['', 'layer', left.name, right.name, 'params (left)', 'params (right)', 'Δ params', 'Δ mult-adds'], rows,
      { numeric: [4, 5, 6, 7], rowClass: (i) => (i < d.rows.length && d.rows[i].status !== 'same' ? d.rows[i].status : undefined) })),
    `<footer>Written by netspec on ${esc(opts.now.toISOString())}.</footer>`,
  ];
  return page(title, body.join('\n'));
}
