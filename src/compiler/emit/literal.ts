// The only way text reaches generated source: as JSON-escaped literals or checked identifiers.

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

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private ' +
    'protected public static yield any boolean constructor declare get module require number set string symbol type from of async await ' +
    'tf input options model init seed undefined NaN Infinity arguments eval').split(' '),
);

/** A local variable name for a layer: its own name when that is a safe identifier. */
export function localName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`netspec internal error: unsafe layer name ${lit(name)}`);
  return RESERVED.has(name) || name.startsWith('__') ? `${name}_` : name;
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
