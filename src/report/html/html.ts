// Small HTML builders shared by the report pages (pure). Every text argument is escaped here.
import { esc } from './escape.ts';

/** Raw markup that must not be escaped again (built by these helpers or by the SVG renderers). */
export interface Markup { html: string }
export const raw = (html: string): Markup => ({ html });
export type Cell = string | number | Markup;
const cell = (c: Cell) => (typeof c === 'object' ? c.html : esc(c));

export function table(headers: string[], rows: Cell[][], opts: { numeric?: number[]; className?: string; rowClass?: (i: number) => string | undefined } = {}): string {
  const numeric = new Set(opts.numeric ?? []);
  const td = (c: Cell, i: number, tag: 'td' | 'th') => `<${tag}${numeric.has(i) ? ' class="num"' : ''}>${cell(c)}</${tag}>`;
  const body = rows.map((r, ri) => {
    const cls = opts.rowClass?.(ri);
    return `<tr${cls ? ` class="${esc(cls)}"` : ''}>${r.map((c, i) => td(c, i, 'td')).join('')}</tr>`;
  });
  return `<table${opts.className ? ` class="${esc(opts.className)}"` : ''}><thead><tr>${headers.map((h, i) => td(h, i, 'th')).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

export const pre = (text: string): string => `<pre>${esc(text)}</pre>`;

export const details = (summary: string, body: string, open = false): string => `<details${open ? ' open' : ''}><summary>${esc(summary)}</summary>\n${body}\n</details>`;

export const section = (id: string, title: string, body: string): string => `<section id="${esc(id)}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;

export const PAGE_STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; margin: 0 auto; padding: 16px 24px 48px; max-width: 1400px; color: #1f2937; background: #fff; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.sub { color: #4b5563; margin: 0 0 8px; }
table { border-collapse: collapse; font-size: 13px; margin: 4px 0 12px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 10px 3px 4px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f8fafc; border: 1px solid #e5e7eb; padding: 8px; overflow: auto; font-size: 12px; max-height: 480px; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
.problems li { margin: 2px 0; }
.problems .code { font-family: ui-monospace, monospace; color: #b45309; }
.problems .error .code { color: #b91c1c; }
.help { color: #4b5563; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; margin: 4px 0 8px; }
.legend .swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 6px; }
.legend .dashed { border-top-style: dashed; }
.arch { overflow: auto; border: 1px solid #e5e7eb; max-height: 1200px; }
.side { display: flex; gap: 16px; align-items: flex-start; }
.side > div { flex: 1; min-width: 0; }
tr.changed td { background: #fff7ed; } tr.added td { background: #f0fdf4; } tr.removed td { background: #fef2f2; }
.ns-chart text { font-family: system-ui, 'DejaVu Sans', sans-serif; font-size: 11px; fill: #374151; }
.ns-chart .title { font-size: 13px; font-weight: 600; }
.ns-chart .grid { stroke: #eef0f3; }
.ns-chart .axis { stroke: #9ca3af; }
.ns-chart .line { fill: none; stroke-width: 1.8; }
.ns-chart .dashed { stroke-dasharray: 5 3; }
.ns-chart .best { stroke-dasharray: 2 3; stroke-width: 1; opacity: 0.7; }
.ns-chart .nonfinite { fill: #dc2626; font-size: 14px; font-weight: bold; }
.ns-chart .empty { fill: #9ca3af; }
footer { margin-top: 32px; color: #6b7280; font-size: 12px; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="netspec">
<title>${esc(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
