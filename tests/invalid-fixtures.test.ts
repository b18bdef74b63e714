// The whole pipeline (parse, schema, resolve, shapes). Every bad spec in tests/fixtures/invalid/ must be refused, with the rendered diagnostics pinned
// in <name>.expected.txt next to it (review those files: line, column and wording are the point).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../src/compiler/compile.ts';
import { renderDiagnostics } from '../src/compiler/diagnostics.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'tests/fixtures/invalid');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('invalid fixtures', () => {
  it('has a fixture set worth the name', () => expect(fixtures.length).toBeGreaterThanOrEqual(60));

  it.each(fixtures)('%s', async (name) => {
    const { ir, sources, diagnostics } = analyzeModel(relative(root, join(dir, name)));
    expect(ir).toBeUndefined();
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const out = renderDiagnostics(diagnostics, sources, { cwd: root });
    await expect(out).toMatchFileSnapshot(join(dir, name.replace(/\.yaml$/, '.expected.txt')));
  });
});
