// What `summary`, `diff` and `init` load at start-up: the static import graph from their modules
// (type-only imports left out, as tsc and tsx leave them out) reaches neither TF.js nor ts-morph
// (nor TypeScript), ajv only through its two runtime helpers the precompiled check needs, and
// not the HTML report's code.
// Their speed is measured by bench/cli-startup.sh (bench/results/…-cli-startup), not here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

/** Runtime imports of a module: `import … from 'x'` and `export … from 'x'`, minus type-only ones. */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const clause = m[2];
    if (/^type\s/.test(clause)) continue;
    const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (braces && braces[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    out.push(m[3]);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1]);
  return out;
}

/** Every module reached from `entry`: relative ones by file, packages by name. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(path.join(root, entry));
  return { files, packages };
}

describe('start-up imports', () => {
  it('the scan sees the imports it should (train reaches TF.js only dynamically, compile.ts ts-morph statically)', () => {
    expect(graph('src/compiler/compile.ts').packages).toContain('ts-morph');
    expect(graph('src/runtime/train/run.ts').packages).toContain('@tensorflow/tfjs');
    expect(graph('src/cli/train.ts').packages).not.toContain('@tensorflow/tfjs');
  });
  it.each(['src/cli/main.ts', 'src/cli/summary.ts', 'src/cli/diff.ts', 'src/cli/init.ts', 'src/index.ts'])('%s loads no TF.js, ts-morph, TypeScript or ajv compiler', (entry) => {
    const { files, packages } = graph(entry);
    expect(files.size).toBeGreaterThan(entry.endsWith('main.ts') ? 1 : 2);
    const heavy = [...packages].filter((p) => /^(@tensorflow\/|ts-morph|typescript|ajv$|ajv\/dist\/(core|compile|standalone))/.test(p));
    expect(heavy).toEqual([]);
    // The HTML report's drawing code is loaded by --svg / --html only.
    expect([...files].filter((f) => f.includes(`${path.sep}report${path.sep}html${path.sep}`)).map((f) => path.relative(root, f))).toEqual([]);
  });
});

// The layering the README states: the core imports nothing of ours, and the compiler and the
// runtime never reach each other, not even through a third module (the report reads specs with
// the compiler, so the runtime is handed its writer instead of importing it).
describe('layers', () => {
  const under = (dir: string) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  const reaches = (entry: string, dir: string) => [...graph(entry).files].some((f) => f.startsWith(path.join(root, dir) + path.sep));
  it.each(under('src/runtime'))('%s reaches no compiler module', (file) => {
    expect(reaches(file, 'src/compiler')).toBe(false);
  });
  it.each(under('src/compiler'))('%s reaches no runtime module', (file) => {
    expect(reaches(file, 'src/runtime')).toBe(false);
  });
  it.each(under('src/model'))('%s reaches nothing outside the core', (file) => {
    expect([...graph(file).files].filter((f) => !f.startsWith(path.join(root, 'src/model') + path.sep))).toEqual([]);
  });
});
