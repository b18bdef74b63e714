// The only way text reaches generated source: as JSON-escaped literals, sanitised comments or identifiers.

/** A TypeScript string literal for any text (JSON escaping, plus the two Unicode line breaks). */
export function lit(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A number literal; refuses what is not a finite number so NaN/Infinity never slip in. */
export function num(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`netspec internal error: non-finite number ${String(n)} in generated code`);
  return String(n);
}

export const nums = (xs: readonly number[]): string => `[${xs.map(num).join(', ')}]`;

/**
 * Each layer's local variable in the builder: its name made an identifier, plus `$`. The emitter's
 * own names (tf, options, seedFor, imports) never contain `$`, so no layer name can shadow them,
 * and reserved words stay usable (`class$`). Names that sanitise alike get `$2`, `$3`… in order.
 */
export function localNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const base = `${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9]|$)/, '_')}$`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}${k}`;
    taken.add(id);
    out.set(name, id);
  }
  return out;
}

/** A doc/line comment body: no comment terminators, no line breaks. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /').replace(/[^\S ]/g, ' ');
}

/** buildAlexnetSingleTower for 'alexnet-single-tower'. */
export function builderName(model: string): string {
  const words = model.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return `build${/^[0-9]/.test(camel) ? `_${camel}` : camel || 'Model'}`;
}
