// A block's `$param` expression as TypeScript over the function's `args`: `$width * 4` ->
// `args.width * 4`, `($k - 1) // 2` -> `Math.floor((args.k - 1) / 2)`. The grammar is expr.ts's;
// the tree is printed with the parentheses its shape needs, so JavaScript computes what
// evaluate() computes (block functions are checked against the compiler's values per instance).
import { num } from './literal.ts';

type Node =
  | { t: 'num'; v: number }
  | { t: 'param'; name: string }
  | { t: 'neg'; x: Node }
  | { t: 'bin'; op: '+' | '-' | '*' | '/' | '//'; a: Node; b: Node };

/** The TypeScript for `text`, reading parameter `p` as `access(p)`; undefined if it does not parse. */
export function formula(text: string, access: (param: string) => string): string | undefined {
  const tree = parse(text);
  return tree && print(tree, 0, access);
}

/** The parameters an expression reads. */
export function formulaParams(text: string): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.t === 'param') out.push(n.name);
    else if (n.t === 'neg') walk(n.x);
    else if (n.t === 'bin') {
      walk(n.a);
      walk(n.b);
    }
  };
  const tree = parse(text);
  if (tree) walk(tree);
  return out;
}

/** A bare `$name` (its value whatever the type), or undefined. */
export function bareParam(text: string): string | undefined {
  const tree = parse(text);
  return tree?.t === 'param' ? tree.name : undefined;
}

const PREC = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

function print(n: Node, parent: number, access: (p: string) => string): string {
  switch (n.t) {
    case 'num': return num(n.v);
    case 'param': return access(n.name);
    case 'neg': {
      const inner = print(n.x, 3, access);
      // `-(-x)`, never `--x`; a binary operand keeps its parentheses.
      return `-${inner.startsWith('-') ? `(${inner})` : inner}`;
    }
    case 'bin': {
      if (n.op === '//') return `Math.floor(${print(n.a, 2, access)} / ${print(n.b, 3, access)})`;
      const p = PREC[n.op];
      // Left-associative: the right operand of an equal precedence keeps its parentheses.
      const text = `${print(n.a, p, access)} ${n.op} ${print(n.b, p + 1, access)}`;
      return p < parent ? `(${text})` : text;
    }
  }
}

function parse(text: string): Node | undefined {
  const tokens = text.match(/\s+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|\$[A-Za-z_][A-Za-z0-9_]*|\/\/|[-+*/()]|./g)?.filter((t) => !/^\s+$/.test(t)) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  function expr(): Node {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++] as '+' | '-';
      left = { t: 'bin', op, a: left, b: term() };
    }
    return left;
  }
  function term(): Node {
    let left = unary();
    while (peek() === '*' || peek() === '/' || peek() === '//') {
      const op = tokens[pos++] as '*' | '/' | '//';
      left = { t: 'bin', op, a: left, b: unary() };
    }
    return left;
  }
  function unary(): Node {
    if (peek() === '-') {
      pos++;
      return { t: 'neg', x: unary() };
    }
    return atom();
  }
  function atom(): Node {
    const tok = tokens[pos++];
    if (tok === undefined) throw new Error('end');
    if (tok === '(') {
      const v = expr();
      if (tokens[pos++] !== ')') throw new Error(')');
      return v;
    }
    if (/^\$[A-Za-z_]/.test(tok)) return { t: 'param', name: tok.slice(1) };
    if (/^[0-9.]/.test(tok)) return { t: 'num', v: Number(tok) };
    throw new Error(tok);
  }
  try {
    const tree = expr();
    return pos === tokens.length ? tree : undefined;
  } catch {
    return undefined;
  }
}
