// Variants side by side for people: totals per variant, then one row per layer with a column per
// variant. The first variant is the baseline; a cell that differs from it is marked (`*` in text,
// bold in Markdown) and shows its change in parameters; `—` marks a layer a variant lacks.
import type { VariantCell, VariantDiff } from '../compiler/diff.ts';
import { int, markdownTable, mb, shape, signed, table } from './table.ts';

export type DiffFormat = 'text' | 'markdown';

interface Cell {
  text: string;
  changed: boolean;
}

const delta = (n: number, show: boolean) => (show && n !== 0 ? ` (${signed(n)})` : '');
const mbDelta = (n: number, show: boolean) => (show && Math.abs(n) >= 0.005 ? ` (${n > 0 ? '+' : ''}${mb(n)})` : '');

function layerCell(c: VariantCell | null, base: VariantCell | null, isBase: boolean, type: string): Cell {
  if (!c) return { text: '—', changed: true };
  const typed = c.type === type ? '' : `${c.type} `;
  return { text: `${typed}${shape(c.outputShape)} ${int(c.params)}${delta(c.params - (base?.params ?? 0), !isBase && c.changed && !!base)}`, changed: c.changed };
}

export function renderVariantDiff(d: VariantDiff, format: DiffFormat = 'text'): string {
  const names = d.variants.map((v) => v.name);
  const mark = (c: Cell) => (format === 'markdown' ? (c.changed && c.text !== '—' ? `**${c.text}**` : c.text) : c.changed && c.text !== '—' ? `${c.text} *` : c.text);
  const batch = d.variants[0].batch;
  const totals: [string, (v: VariantDiff['variants'][number], i: number) => Cell][] = [
    ['Params', (v, i) => ({ text: `${int(v.params)}${delta(v.paramsDelta, i > 0)}`, changed: v.paramsDelta !== 0 })],
    ['Mult-adds', (v, i) => ({ text: `${int(v.multAdds)}${delta(v.multAddsDelta, i > 0)}`, changed: v.multAddsDelta !== 0 })],
    [`Memory MB (batch ${batch})`, (v, i) => ({ text: `${mb(v.memoryMB)}${mbDelta(v.memoryMBDelta, i > 0)}`, changed: Math.abs(v.memoryMBDelta) >= 0.005 })],
  ];
  const totalRows = totals.map(([label, f]) => [label, '', ...d.variants.map((v, i) => mark(f(v, i)))]);
  const layerRows = d.rows.map((r) => {
    const type = (r.cells[0] ?? r.cells.find((c) => c))!.type;
    const sign = r.status === 'same' ? ' ' : !r.cells[0] ? '+' : r.cells.some((c) => !c) ? '-' : '~';
    return [format === 'markdown' ? r.name : `${sign} ${r.name}`, type, ...r.cells.map((c, i) => mark(layerCell(c, r.cells[0], i === 0, type)))];
  });
  const header = ['Layer', 'Type', ...names];
  const align = ['left', 'left', ...names.map(() => 'right')] as ('left' | 'right')[];
  const differ = d.rows.filter((r) => r.status !== 'same').length;
  const footer = `${differ} of ${d.rows.length} layers differ from the baseline ${d.baseline}`;
  if (format === 'markdown') {
    const bold = totalRows.map(([label, , ...cells]) => [`**${label}**`, '', ...cells]);
    return [...markdownTable(header, [...bold, ...layerRows], align), '', footer].join('\n');
  }
  const lines = table(header, [...totalRows, ...layerRows], align);
  // table(): rule, header, rule, rows…, rule. A rule between the totals and the layers.
  lines.splice(3 + totalRows.length, 0, lines[0]);
  return [
    `Diff of ${names.length} variants against ${d.baseline}   (* differs from ${d.baseline}, — absent; ~ changed, + not in ${d.baseline}, - missing from a variant)`,
    ...lines,
    footer,
  ].join('\n');
}
