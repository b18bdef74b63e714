// Block parameter expressions: `$width`, `$width * 4`, `($c + 1) // 2`. A hand-written parser
// over a tiny grammar; nothing is ever evaluated as code.
//
//   expr   := term (('+' | '-') term)*
//   term   := unary (('*' | '/' | '//') unary)*      / divides exactly; // rounds down
//   unary  := '-' unary | atom
//   atom   := number | '$' name | '(' expr ')'
//
// A bare `$name` stands for the parameter's value whatever its type (a string or boolean too);
// arithmetic takes numbers only.

export type Value = number | boolean | string;

export type ExprError =
  | { kind: 'syntax'; message: string }
  | { kind: 'unknown'; name: string }
  | { kind: 'value'; message: string };

export type ExprResult = { ok: true; value: Value } | { ok: false; error: ExprError };

/** Whether a spec value inside a block is an expression (a string mentioning a `$param`). */
export const isExpression = (v: unknown): v is string => typeof v === 'string' && v.includes('$');

const MAX_LENGTH = 500;
const MAX_DEPTH = 32;

type Token = { t: 'num'; v: number } | { t: 'param'; v: string } | { t: 'op'; v: string } | { t: 'end' };

function tokenize(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ') {
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      if (!m) return `\`${ch}\` is not a number`;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (ch === '$') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!m) return '`$` must be followed by a parameter name';
      out.push({ t: 'param', v: m[0] });
      i += 1 + m[0].length;
    } else if (text.startsWith('//', i)) {
      out.push({ t: 'op', v: '//' });
      i += 2;
    } else if ('+-*/()'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
    } else {
      return `unexpected \`${ch}\` (expressions take numbers, \`$params\`, + - * / // and parentheses)`;
    }
  }
  out.push({ t: 'end' });
  return out;
}

class Fail extends Error {
  constructor(readonly error: ExprError) {
    super('expression error');
  }
}

/** The names of the `$params` an expression mentions (for "unknown parameter" before evaluating). */
export function paramsOf(text: string): string[] {
  return [...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/** Evaluates `text` with `params`; every failure is data, never an exception. */
export function evaluate(text: string, params: ReadonlyMap<string, Value>): ExprResult {
  if (text.length > MAX_LENGTH) return { ok: false, error: { kind: 'syntax', message: `the expression is longer than ${MAX_LENGTH} characters` } };
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { ok: false, error: { kind: 'syntax', message: tokens } };
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => {
    const t = peek();
    return t.t === 'op' && t.v === v;
  };
  const syntax = (message: string): never => {
    throw new Fail({ kind: 'syntax', message });
  };
  const number = (v: Value, op: string): number => {
    if (typeof v !== 'number') throw new Fail({ kind: 'value', message: `\`${op}\` takes numbers, not ${JSON.stringify(v)}` });
    return v;
  };
  const describe = (t: Token) => (t.t === 'end' ? 'the end' : t.t === 'num' ? `\`${t.v}\`` : t.t === 'param' ? `\`$${t.v}\`` : `\`${t.v}\``);

  function expr(depth: number): Value {
    if (depth > MAX_DEPTH) syntax(`the expression nests more than ${MAX_DEPTH} levels deep`);
    let left = term(depth);
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { v: string }).v;
      const right = term(depth);
      left = op === '+' ? number(left, op) + number(right, op) : number(left, op) - number(right, op);
    }
    return left;
  }
  function term(depth: number): Value {
    let left = unary(depth);
    while (isOp('*') || isOp('/') || isOp('//')) {
      const op = (tokens[pos++] as { v: string }).v;
      const right = unary(depth);
      const [a, b] = [number(left, op), number(right, op)];
      if (op === '*') {
        left = a * b;
        continue;
      }
      if (b === 0) throw new Fail({ kind: 'value', message: `division by zero (${a} ${op} 0)` });
      left = op === '//' ? Math.floor(a / b) : a / b;
    }
    return left;
  }
  function unary(depth: number): Value {
    if (isOp('-')) {
      pos++;
      return -number(unary(depth + 1), '-');
    }
    return atom(depth);
  }
  function atom(depth: number): Value {
    const t = peek();
    if (t.t === 'num') {
      pos++;
      return t.v;
    }
    if (t.t === 'param') {
      pos++;
      const v = params.get(t.v);
      if (v === undefined) throw new Fail({ kind: 'unknown', name: t.v });
      return v;
    }
    if (isOp('(')) {
      pos++;
      const v = expr(depth + 1);
      if (!isOp(')')) syntax(`expected \`)\`, found ${describe(peek())}`);
      pos++;
      return v;
    }
    return syntax(`expected a number, a \`$param\` or \`(\`, found ${describe(t)}`);
  }

  try {
    const value = expr(0);
    if (peek().t !== 'end') syntax(`unexpected ${describe(peek())}`);
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return { ok: false, error: { kind: 'value', message: 'the result is not a finite number' } };
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}
