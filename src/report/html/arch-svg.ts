// The architecture picture: a placed ArchGraph as one standalone SVG string (pure). Its style is
// inside it, so the same text works as a file (`summary --svg`), in a README and inline in HTML.
import type { ModelIR } from '../../model/ir.ts';
import { esc, num } from './escape.ts';
import { buildGraph, type ArchGraph, type GraphOptions } from './graph.ts';
import { BOX, FONT, place, type Direction, type Placed, type Point } from './layout.ts';

export interface SvgOptions extends GraphOptions {
  direction?: Direction;
  /** Prefix of the ids inside the SVG, so several pictures can share one HTML page. */
  idPrefix?: string;
}

const FILL: Record<string, string> = {
  input: '#eeeeee', conv2d: '#dbe8fb', maxpool: '#dcf2e0', avgpool: '#dcf2e0', globalavgpool: '#dcf2e0', adaptiveavgpool: '#dcf2e0',
  lrn: '#ece0f7', batchnorm: '#ece0f7', dense: '#fde6cf', dropout: '#f5f5f5', flatten: '#f5f5f5', zeropad: '#f5f5f5',
  activation: '#fff6c8', add: '#e4e4e4', concat: '#e4e4e4', block: '#d7eef0',
};

const STYLE = (p: string) => `
.${p} text { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: ${FONT.body}px; fill: #222; }
.${p} .name { font-size: ${FONT.name}px; font-weight: bold; }
.${p} .node rect { stroke: #7a8699; stroke-width: 1; }
.${p} .node.changed rect { stroke: #d97706; stroke-width: 3; }
.${p} .node.added rect { stroke: #15803d; stroke-width: 3; }
.${p} .node.removed rect { stroke: #b91c1c; stroke-width: 3; stroke-dasharray: 5 3; }
.${p} .edge { fill: none; stroke: #8792a2; stroke-width: 1.2; }
.${p} .group rect { fill: #fafbfc; stroke: #9aa5b5; stroke-dasharray: 4 3; }
.${p} .group text { fill: #4b5563; font-style: italic; }
`;

const path = (pts: Point[]) => `M${pts.map((p) => `${num(p.x)} ${num(p.y)}`).join(' L')}`;

/** The SVG text of a placed graph. */
export function renderArchitecture(g: ArchGraph, placed: Placed, idPrefix = 'ns'): string {
  const p = `${idPrefix}-arch`;
  const out: string[] = [];
  const w = Math.ceil(placed.width);
  const h = Math.ceil(placed.height);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="${p}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(`architecture of ${g.model}`)}" data-model="${esc(g.model)}">`,
    `<title>${esc(g.model)}</title>`,
    `<style>${STYLE(p)}</style>`,
    `<defs><marker id="${p}-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L8 4 L0 8 z" fill="#8792a2"/></marker></defs>`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
  );
  for (const grp of g.groups) {
    const r = placed.groups.get(grp.id);
    if (!r) continue;
    out.push(
      `<g class="group" data-group="${esc(grp.id)}"><rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" rx="6"/>` +
        `<text x="${num(r.x + 8)}" y="${num(r.y + BOX.groupLabel - 6)}">${esc(grp.label)}</text></g>`,
    );
  }
  for (const e of g.edges) {
    const pts = placed.edges.get(e.id);
    if (pts) out.push(`<path class="edge" d="${path(pts)}" marker-end="url(#${p}-arrow)"/>`);
  }
  for (const b of g.boxes) {
    const r = placed.boxes.get(b.id);
    if (!r) continue;
    const x = r.x + BOX.padding;
    const line = (i: number) => num(r.y + 16 + i * 15);
    out.push(
      `<g class="node ${esc(b.kind)}${b.mark ? ` ${b.mark}` : ''}" data-layer="${esc(b.layer)}" data-box="${esc(b.id)}">` +
        `<title>${esc(b.tooltip)}</title>` +
        `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" rx="4" fill="${FILL[b.kind] ?? '#ffffff'}"/>` +
        `<text class="name" x="${num(x)}" y="${line(0)}">${esc(b.lines[0])}</text>` +
        `<text x="${num(x)}" y="${line(1)}">${esc(b.lines[1])}</text>` +
        `<text x="${num(x)}" y="${line(2)}">${esc(b.lines[2])}</text></g>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** IR → the architecture picture, laid out by ELK. */
export function architectureSvg(ir: ModelIR, opts: SvgOptions = {}): string {
  const g = buildGraph(ir, opts);
  return renderArchitecture(g, place(g, opts.direction), opts.idPrefix);
}
