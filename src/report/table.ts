// Fixed-width text tables for terminals (pure: returns lines).
export type Align = 'left' | 'right';

export function table(header: string[], rows: string[][], align: Align[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const cell = (s: string, i: number) => (align[i] === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (r: string[]) => r.map(cell).join('  ').trimEnd();
  const rule = (c: string) => c.repeat(widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1));
  return [rule('-'), line(header), rule('='), ...rows.map(line), rule('-')];
}

/** 1234567 -> "1,234,567" (toLocaleString's result, without loading ICU's number formatting at start-up). */
export const int = (n: number) => (Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en-US'));
export const signed = (n: number) => (n > 0 ? `+${int(n)}` : n === 0 ? '0' : int(n));
export const shape = (s: number[] | number[][]) =>
  Array.isArray(s[0]) ? (s as number[][]).map((x) => `[${x.join(', ')}]`).join(' ') : `[${(s as number[]).join(', ')}]`;
export const mb = (n: number) => n.toFixed(2);

/** A GitHub-flavoured Markdown table; `|` inside cells is escaped. */
export function markdownTable(header: string[], rows: string[][], align: Align[]): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const line = (r: string[]) => `| ${r.map(esc).join(' | ')} |`;
  return [line(header), `|${align.map((a) => (a === 'right' ? '---:' : ':---')).join('|')}|`, ...rows.map(line)];
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csv(rows: (string | number)[][]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\n');
}
