// A block's `$param` expressions as TypeScript (src/compiler/emit/formula.ts): the printed code
// computes exactly what the compiler's evaluator (src/compiler/expr.ts) computes, operation for
// operation, so a block function gives each instance the values the IR holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formula } from '../src/compiler/emit/formula.ts';
import { evaluate } from '../src/compiler/expr.ts';

const access = (p: string) => `args.${p}`;

describe('formula', () => {
  it.each([
    ['$width', 'args.width'],
    ['$width * 4', 'args.width * 4'],
    ['($k - 1) // 2', 'Math.floor((args.k - 1) / 2)'],
    ['($kernel - 1) / 2', '(args.kernel - 1) / 2'],
    ['$a - ($b - $c)', 'args.a - (args.b - args.c)'],
    ['$a - $b - $c', 'args.a - args.b - args.c'],
    ['$a / ($b * $c)', 'args.a / (args.b * args.c)'],
    ['$a * $b / $c', 'args.a * args.b / args.c'],
    ['$a // $b // $c', 'Math.floor(Math.floor(args.a / args.b) / args.c)'],
    ['$a // ($b * 2)', 'Math.floor(args.a / (args.b * 2))'],
    ['-$a', '-args.a'],
    ['- -$a', '-(-args.a)'],
    ['-($a + 1)', '-(args.a + 1)'],
    ['$a - -1', 'args.a - -1'],
    ['2.50 * .5e1', '2.5 * 5'],
  ])('%s -> %s', (text, code) => {
    expect(formula(text, access)).toBe(code);
  });

  it.each(['', '$', '$a +', '($a', '$a)', '$a $b', '1 ** 2', 'x'])('%j does not parse', (text) => {
    expect(formula(text, access)).toBeUndefined();
  });

  // Random expressions over three parameters: JavaScript's value is the evaluator's, bit for bit.
  const leaf = fc.oneof(fc.constantFrom('$a', '$b', '$c'), fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom('0.5', '1e1', '.25'));
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('expr'), fc.constantFrom(' + ', ' - ', ' * ', ' / ', ' // ', '+', '//'), tie('expr')).map(([a, op, b]) => `${a}${op}${b}`),
      tie('expr').map((e) => `(${e})`),
      tie('expr').map((e) => `-${e}`),
    ),
  }));

  it('computes what evaluate() computes', () => {
    fc.assert(
      fc.property(expr, fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.double({ min: -100, max: 100, noNaN: true }), (text, a, b, c) => {
        const r = evaluate(text, new Map([['a', a], ['b', b], ['c', c]]));
        const code = formula(text, access);
        if (!r.ok) {
          // Only values it cannot compute (division by zero); the text itself always parses.
          expect(r.error.kind).toBe('value');
          expect(code).toBeDefined();
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test runs the generated formula
        const js = new Function('args', `return ${code};`)({ a, b, c }) as number;
        expect(Object.is(js, r.value)).toBe(true);
      }),
      { seed: 20121203, numRuns: 2000 },
    );
  });
});
