// Python source text from values that may come from YAML: every string goes through pyStr, every
// comment through pyComment, every identifier through pyIdent. Nothing of the spec is pasted raw.

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield', 'match', 'case', '_',
]);

export const isPyIdentifier = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);

/**
 * A Python string literal. JSON's escapes (\" \\ \n \uXXXX) are Python's too, and JSON.stringify
 * escapes every control character, so the literal can never end early or span lines.
 */
export const pyStr = (s: string): string => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** A comment's text on one line, printable ASCII only (anything else becomes '?'). */
export const pyComment = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');

/** An identifier derived from `s` (letters, digits, underscores), never a keyword; `fallback` when nothing is left. */
export function pyIdent(s: string, fallback = 'v'): string {
  let id = s.replace(/[^A-Za-z0-9_]/g, '_');
  if (!id) id = fallback;
  if (/^[0-9]/.test(id)) id = `${fallback}_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

/** A Python literal for JSON-like data: dicts, lists, strings, finite numbers, booleans, None. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return Number.isInteger(v) ? String(v) : String(v).replace(/^(-?)\./, '$10.');
  }
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => `${pyStr(k)}: ${pyLiteral(x)}`).join(', ')}}`;
  throw new Error(`no Python literal for ${typeof v}`);
}

/** A float literal as Python prints it (1e-05, 0.0001, 2.0). */
export const pyFloat = (n: number): string => {
  const s = pyLiteral(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
};
