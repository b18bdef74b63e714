// Text from specs and run folders (layer names, descriptions, file contents) goes into SVG and
// HTML only through these: every character markup could read as markup is escaped.

/** For element content and double-quoted attribute values alike. */
export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Coordinates with at most one decimal: smaller files, and identical text on every machine. */
export const num = (x: number): string => String(Math.round(x * 10) / 10);

/** 60965224 -> "61.0M", 34944 -> "34.9K", 0 -> "0". */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}

/** 60965224 -> "60,965,224" (independent of the machine's locale). */
export const grouped = (n: number): string => n.toLocaleString('en-US');

/** [55, 55, 96] -> "55×55×96". */
export const shapeText = (s: readonly number[]): string => s.join('×');
